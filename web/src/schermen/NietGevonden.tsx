import { Paragraph } from '@utrecht/component-library-react';
import { Koppeling } from '../componenten/Koppeling';
import { Pagina } from '../componenten/Pagina';

export function NietGevonden() {
  return (
    <Pagina titel="Pagina niet gevonden">
      <Paragraph>Deze pagina bestaat niet.</Paragraph>
      <Paragraph>
        <Koppeling to="/">Naar de startpagina</Koppeling>
      </Paragraph>
    </Pagina>
  );
}
