import { useQueryClient } from '@tanstack/react-query';
import { Button, PageFooter, PageHeader, Paragraph, SkipLink } from '@utrecht/component-library-react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useUiConfig } from './api/config';
import { type Gebruiker, sessie, useGebruiker } from './auth/sessie';

const ROL: Record<Gebruiker['rol'], string> = {
  casemanager: 'casemanager',
  teamleider: 'teamleider',
  operations: 'functioneel beheer (operations)',
  admin: 'beheerder',
  feed: 'koppeling',
  privacy: 'privacyfunctionaris (FG)',
};

function menu(rol: Gebruiker['rol']): { naar: string; tekst: string }[] {
  const werk = [
    { naar: '/caseload', tekst: 'Mijn caseload' },
    { naar: '/team', tekst: 'Team' },
    { naar: '/taken', tekst: 'Takeninbox' },
    { naar: '/trajecten/nieuw', tekst: 'Aanmelden' },
  ];
  switch (rol) {
    case 'casemanager':
      return werk;
    case 'teamleider':
      return [...werk.slice(1), { naar: '/dashboard', tekst: 'Dashboard' }];
    case 'admin':
      return [
        ...werk.slice(1),
        { naar: '/dashboard', tekst: 'Dashboard' },
        { naar: '/operations', tekst: 'Operations' },
      ];
    case 'operations':
      return [
        { naar: '/operations', tekst: 'Operations' },
        { naar: '/dashboard', tekst: 'Dashboard' },
      ];
    case 'privacy':
      return [{ naar: '/verwerkingen', tekst: 'Verwerkingen' }];
    default:
      return [];
  }
}

/** The banner of the embedded default: always on screen while the development login is in use. */
export function OntwikkelBanner() {
  const config = useUiConfig();
  const a = config.data?.aanmelding;
  if (a?.modus !== 'lokaal' || !a.devLogin) return null;
  return (
    <div className="ontwikkel-banner" role="note">
      <strong>lokale ontwikkelmodus</strong> — aangemeld met een ontwikkeltoken van deze computer; niet voor
      echte persoonsgegevens.
    </div>
  );
}

export function Layout() {
  const gebruiker = useGebruiker();
  const locatie = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (!gebruiker) {
    return (
      <Navigate to={`/inloggen?terug=${encodeURIComponent(locatie.pathname + locatie.search)}`} replace />
    );
  }
  const afmelden = () => {
    sessie.wis();
    queryClient.clear();
    void navigate('/inloggen');
  };
  return (
    <div className="utrecht-page app">
      <div className="skiplink-houder">
        <SkipLink href="#inhoud">Direct naar de inhoud</SkipLink>
      </div>
      <OntwikkelBanner />
      <PageHeader className="app-kop">
        <div className="app-kop__regel">
          <Paragraph className="app-naam">
            <NavLink to="/" className="utrecht-link app-naam__link">
              Inburgering
            </NavLink>{' '}
            <span className="app-naam__ondertitel">regie op de Wet inburgering 2021</span>
          </Paragraph>
          <div className="app-gebruiker">
            <span>
              {gebruiker.medewerker} · {ROL[gebruiker.rol]}
              {gebruiker.gemeente ? ` · ${gebruiker.gemeente}` : ''}
            </span>
            <Button appearance="subtle-button" type="button" onClick={afmelden}>
              Afmelden
            </Button>
          </div>
        </div>
        <nav aria-label="Hoofdmenu" className="utrecht-nav-bar app-menu">
          <ul className="utrecht-nav-list">
            {menu(gebruiker.rol).map((m) => (
              <li key={m.naar} className="utrecht-nav-list__item">
                <NavLink to={m.naar} end className="utrecht-nav-list__link">
                  {m.tekst}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </PageHeader>
      <main id="inhoud" className="utrecht-page__content app-inhoud" tabIndex={-1}>
        <Outlet />
      </main>
      <PageFooter className="app-voet">
        <Paragraph>Inburgering · gemeentelijke regie op de Wi2021 · NL Design System</Paragraph>
      </PageFooter>
    </div>
  );
}
