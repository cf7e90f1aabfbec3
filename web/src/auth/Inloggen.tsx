import {
  Alert,
  Button,
  FormField,
  FormLabel,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useUiConfig } from '../api/config';
import { api, foutmelding } from '../api/http';
import { Pagina } from '../componenten/Pagina';
import { Fout, Laden } from '../componenten/Status';
import { OntwikkelBanner } from '../Layout';
import { startOidc } from './oidc';
import { sessie } from './sessie';
import { veiligTerug } from './terug';

const ROLLEN = [
  { rol: 'casemanager', tekst: 'Casemanager', medewerker: 'cm-001' },
  { rol: 'teamleider', tekst: 'Teamleider', medewerker: 'tl-001' },
  { rol: 'operations', tekst: 'Functioneel beheer (operations)', medewerker: 'ops-001' },
  { rol: 'admin', tekst: 'Beheerder', medewerker: 'beheer-001' },
  { rol: 'privacy', tekst: 'Privacyfunctionaris (FG)', medewerker: 'fg-001' },
] as const;

export function Inloggen() {
  const config = useUiConfig();
  const [params] = useSearchParams();
  const terug = veiligTerug(params.get('terug'));
  return (
    <div className="utrecht-page app">
      <OntwikkelBanner />
      <main id="inhoud" className="utrecht-page__content app-inhoud inloggen">
        <Pagina titel="Aanmelden">
          {params.get('terug') ? (
            <Alert type="info">
              <Paragraph>Meld u (opnieuw) aan om verder te gaan.</Paragraph>
            </Alert>
          ) : null}
          {config.isPending ? <Laden wat="De instellingen" /> : null}
          {config.error ? <Fout fout={config.error} titel="Aanmelden is nu niet mogelijk" /> : null}
          {config.data?.aanmelding.modus === 'lokaal' && config.data.aanmelding.devLogin ? (
            <OntwikkelAanmelding terug={terug} />
          ) : null}
          {config.data?.aanmelding.modus === 'lokaal' && !config.data.aanmelding.devLogin ? (
            <TokenPlakken terug={terug} />
          ) : null}
          {config.data?.aanmelding.modus === 'oidc' ? (
            <OidcAanmelding config={config.data.aanmelding} terug={terug} />
          ) : null}
        </Pagina>
      </main>
    </div>
  );
}

function OntwikkelAanmelding({ terug }: { terug: string }) {
  const navigate = useNavigate();
  const [rol, setRol] = useState<(typeof ROLLEN)[number]['rol']>('casemanager');
  const [gemeente, setGemeente] = useState('GM0518');
  const [medewerker, setMedewerker] = useState<string>(ROLLEN[0].medewerker);
  const [fout, setFout] = useState<string | null>(null);
  const [bezig, setBezig] = useState(false);

  const kiesRol = (nieuw: string) => {
    const r = ROLLEN.find((x) => x.rol === nieuw) ?? ROLLEN[0];
    setRol(r.rol);
    setMedewerker(r.medewerker);
    // Functioneel beheer works nationally (the nightly run, Temporal histories); the others in a gemeente.
    if (r.rol === 'operations') setGemeente('*');
    else if (gemeente === '*' && r.rol !== 'admin') setGemeente('GM0518');
  };
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    setBezig(true);
    setFout(null);
    try {
      const { token } = await api<{ token: string }>('/api/v1/dev/token', {
        methode: 'POST',
        body: { rol, medewerker, ...(gemeente ? { gemeente } : {}) },
      });
      sessie.zet(token);
      void navigate(terug, { replace: true });
    } catch (err) {
      setFout(foutmelding(err));
      setBezig(false);
    }
  };
  return (
    <form onSubmit={verstuur} className="formulier" noValidate>
      <Heading2>Ontwikkel-aanmelding</Heading2>
      <Paragraph>
        Deze installatie draait met de lokale sleutel. Kies een rol en gemeente; de server geeft alleen vanaf
        deze computer een token. In productie meldt u aan bij de identity provider van de gemeente.
      </Paragraph>
      {fout ? (
        <Alert type="error" role="alert">
          <Paragraph>{fout}</Paragraph>
        </Alert>
      ) : null}
      <FormField className="veld">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="inloggen-rol">Rol</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Select id="inloggen-rol" value={rol} onChange={(e) => kiesRol(e.target.value)}>
            {ROLLEN.map((r) => (
              <SelectOption key={r.rol} value={r.rol}>
                {r.tekst}
              </SelectOption>
            ))}
          </Select>
        </div>
      </FormField>
      <FormField className="veld">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="inloggen-gemeente">Gemeente (CBS-code)</FormLabel>
        </div>
        <div className="utrecht-form-field__description" id="inloggen-gemeente-uitleg">
          Bijvoorbeeld GM0518; * is landelijk (alleen functioneel beheer en beheerder).
        </div>
        <div className="utrecht-form-field__input">
          <Textbox
            id="inloggen-gemeente"
            aria-describedby="inloggen-gemeente-uitleg"
            value={gemeente}
            onChange={(e) => setGemeente(e.target.value.toUpperCase())}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      </FormField>
      <FormField className="veld">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="inloggen-medewerker">Medewerker-id</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Textbox
            id="inloggen-medewerker"
            value={medewerker}
            onChange={(e) => setMedewerker(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      </FormField>
      <Button appearance="primary-action-button" type="submit" busy={bezig} disabled={bezig}>
        Aanmelden
      </Button>
    </form>
  );
}

function TokenPlakken({ terug }: { terug: string }) {
  const navigate = useNavigate();
  const [token, setToken] = useState('');
  return (
    <form
      className="formulier"
      onSubmit={(e) => {
        e.preventDefault();
        sessie.zet(token.trim());
        void navigate(terug, { replace: true });
      }}
    >
      <Paragraph>
        De ontwikkel-aanmelding staat uit. Plak een token van <code>npm run token</code>.
      </Paragraph>
      <FormField className="veld">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="inloggen-token">Token</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Textbox
            id="inloggen-token"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="off"
          />
        </div>
      </FormField>
      <Button appearance="primary-action-button" type="submit">
        Aanmelden
      </Button>
    </form>
  );
}

function OidcAanmelding({
  config,
  terug,
}: {
  config: { issuer: string; clientId: string | null; scope: string };
  terug: string;
}) {
  const [fout, setFout] = useState<string | null>(null);
  const clientId = config.clientId;
  if (!clientId) {
    return (
      <Alert type="error">
        <Paragraph>
          Aanmelden via de identity provider is niet ingesteld (UI_OIDC_CLIENT_ID ontbreekt).
        </Paragraph>
      </Alert>
    );
  }
  return (
    <div className="formulier">
      <Paragraph>
        U meldt aan bij de identity provider van de gemeente ({new URL(config.issuer).host}).
      </Paragraph>
      {fout ? (
        <Alert type="error" role="alert">
          <Paragraph>{fout}</Paragraph>
        </Alert>
      ) : null}
      <Button
        appearance="primary-action-button"
        type="button"
        onClick={() => startOidc({ ...config, clientId }, terug).catch((e: Error) => setFout(e.message))}
      >
        Aanmelden
      </Button>
    </div>
  );
}
