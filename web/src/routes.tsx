import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, Navigate } from 'react-router';
import { bijNietAangemeld } from './api/http';
import { Inloggen } from './auth/Inloggen';
import { OidcTerug } from './auth/OidcTerug';
import { useGebruiker } from './auth/sessie';
import { Layout } from './Layout';
import { Caseload } from './schermen/Caseload';
import { NietGevonden } from './schermen/NietGevonden';

/** The start screen per role: a casemanager's own caseload, the team for a team lead, operations. */
function Start() {
  const gebruiker = useGebruiker();
  if (gebruiker?.rol === 'operations') return <Navigate to="/operations" replace />;
  if (gebruiker?.rol === 'casemanager') return <Navigate to="/caseload" replace />;
  if (gebruiker?.rol === 'privacy') return <Navigate to="/verwerkingen" replace />;
  return <Navigate to="/team" replace />;
}

/**
 * The caseload is in the first bundle (it is the first screen); every other screen is a lazy chunk, the
 * dashboard with its chart library in particular.
 */
export function maakRouter(queryClient: QueryClient) {
  const router = createBrowserRouter([
    { path: '/inloggen', element: <Inloggen /> },
    { path: '/inloggen/terug', element: <OidcTerug /> },
    {
      path: '/',
      element: <Layout />,
      children: [
        { index: true, element: <Start /> },
        { path: 'caseload', element: <Caseload weergave="mijn" /> },
        { path: 'team', element: <Caseload weergave="team" /> },
        {
          path: 'trajecten/nieuw',
          lazy: () => import('./schermen/Aanmelden').then((m) => ({ Component: m.Aanmelden })),
        },
        {
          path: 'trajecten/:id',
          lazy: () => import('./schermen/dossier/Dossier').then((m) => ({ Component: m.Dossier })),
          children: [
            {
              index: true,
              lazy: () => import('./schermen/dossier/Overzicht').then((m) => ({ Component: m.Overzicht })),
            },
            {
              path: 'tijdlijn',
              lazy: () => import('./schermen/dossier/Tijdlijn').then((m) => ({ Component: m.Tijdlijn })),
            },
            {
              path: 'taken',
              lazy: () =>
                import('./schermen/dossier/TrajectTaken').then((m) => ({ Component: m.TrajectTaken })),
            },
            {
              path: 'pip',
              lazy: () => import('./schermen/dossier/PipVersies').then((m) => ({ Component: m.PipVersies })),
            },
            {
              path: 'examens',
              lazy: () => import('./schermen/dossier/Examens').then((m) => ({ Component: m.Examens })),
            },
            {
              path: 'aanwezigheid',
              lazy: () =>
                import('./schermen/dossier/Aanwezigheid').then((m) => ({ Component: m.Aanwezigheid })),
            },
            {
              path: 'route',
              lazy: () => import('./schermen/dossier/Route').then((m) => ({ Component: m.Route })),
            },
            {
              path: 'ontzorgen',
              lazy: () => import('./schermen/dossier/Ontzorgen').then((m) => ({ Component: m.Ontzorgen })),
            },
            {
              path: 'besluiten',
              lazy: () => import('./schermen/dossier/Besluiten').then((m) => ({ Component: m.Besluiten })),
            },
            {
              path: 'acties/:commando',
              lazy: () => import('./acties/ActieFormulier').then((m) => ({ Component: m.ActieFormulier })),
            },
          ],
        },
        {
          path: 'inburgeraars/:id',
          lazy: () => import('./schermen/Inburgeraar').then((m) => ({ Component: m.Inburgeraar })),
        },
        {
          path: 'verwerkingen',
          lazy: () => import('./schermen/Verwerkingen').then((m) => ({ Component: m.Verwerkingen })),
        },
        {
          path: 'taken',
          lazy: () => import('./schermen/Takeninbox').then((m) => ({ Component: m.Takeninbox })),
        },
        {
          path: 'dashboard',
          lazy: () => import('./schermen/Dashboard').then((m) => ({ Component: m.Dashboard })),
        },
        {
          path: 'operations',
          lazy: () => import('./schermen/Operations').then((m) => ({ Component: m.Operations })),
        },
        {
          path: 'operations/trajecten/:id',
          lazy: () => import('./schermen/Geschiedenis').then((m) => ({ Component: m.Geschiedenis })),
        },
        { path: '*', element: <NietGevonden /> },
      ],
    },
  ]);
  bijNietAangemeld(() => {
    queryClient.clear();
    const { pathname, search } = router.state.location;
    if (pathname.startsWith('/inloggen')) return;
    void router.navigate(`/inloggen?terug=${encodeURIComponent(pathname + search)}`, { replace: true });
  });
  return router;
}
