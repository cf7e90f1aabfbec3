import { Alert, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { foutmelding } from '../api/http';

export function Laden({ wat = 'Gegevens' }: { wat?: string }) {
  return (
    <p role="status" className="laden">
      {wat} worden geladen…
    </p>
  );
}

export function Fout({ fout, titel }: { fout: unknown; titel?: string }) {
  return (
    <Alert type="error" role="alert">
      {titel ? (
        <Paragraph>
          <strong>{titel}</strong>
        </Paragraph>
      ) : null}
      <Paragraph>{foutmelding(fout)}</Paragraph>
    </Alert>
  );
}

export function Gelukt({ children }: { children: ReactNode }) {
  return (
    <Alert type="ok" role="status">
      <Paragraph>{children}</Paragraph>
    </Alert>
  );
}
