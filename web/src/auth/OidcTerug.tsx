import { Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useUiConfig } from '../api/config';
import { Koppeling } from '../componenten/Koppeling';
import { Pagina } from '../componenten/Pagina';
import { Laden } from '../componenten/Status';
import { rondOidcAf } from './oidc';
import { sessie } from './sessie';
import { veiligTerug } from './terug';

/** The identity provider sends the browser back here with a code: exchange it and continue. */
export function OidcTerug() {
  const config = useUiConfig();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [fout, setFout] = useState<string | null>(null);
  const aanmelding = config.data?.aanmelding;
  // The code can be exchanged once (React's StrictMode runs effects twice in development).
  const gestart = useRef(false);
  useEffect(() => {
    if (aanmelding?.modus !== 'oidc' || !aanmelding.clientId || gestart.current) return;
    gestart.current = true;
    rondOidcAf({ issuer: aanmelding.issuer, clientId: aanmelding.clientId }, params)
      .then(({ token, terug }) => {
        sessie.zet(token);
        void navigate(veiligTerug(terug), { replace: true });
      })
      .catch((e: Error) => setFout(e.message));
  }, [aanmelding, params, navigate]);
  return (
    <main id="inhoud" className="utrecht-page__content app-inhoud">
      <Pagina titel="Aanmelden">
        {fout ? (
          <>
            <Paragraph role="alert">{fout}</Paragraph>
            <Koppeling to="/inloggen">Opnieuw aanmelden</Koppeling>
          </>
        ) : (
          <Laden wat="Uw aanmelding" />
        )}
      </Pagina>
    </main>
  );
}
