import { binnenBereik } from '../../domain/shared/gemeente';
import { bereikVan, type Gebruiker } from '../../platform/auth';
import { ProblemException, problem } from '../common/problem';

/** The one 404 for "no such traject for you": unknown and another gemeente's look the same. */
export function trajectOnbekend(): ProblemException {
  return new ProblemException(problem(404, 'Er is geen traject met deze id.', { code: 'TRAJECT_ONBEKEND' }));
}

/**
 * May this user see and change trajecten of `gemeente`? Only within the token's scope: its
 * gemeente, its list of gemeenten, or every gemeente for an explicit `"*"`. No claim: nothing.
 */
export function magGemeente(gebruiker: Gebruiker, gemeente: string): boolean {
  return binnenBereik(bereikVan(gebruiker), gemeente);
}

/**
 * Tenant rule for detail, commands and tasks: another gemeente's traject answers 404, not 403,
 * so its existence does not leak. Pass `undefined`/`null` when the traject was not found at all.
 */
export function vereisGemeente(gebruiker: Gebruiker, trajectGemeente: string | null | undefined): void {
  if (!binnenBereik(bereikVan(gebruiker), trajectGemeente)) throw trajectOnbekend();
}

/**
 * The gemeenten a list or report covers: null for every gemeente (national scope), else the scope,
 * narrowed to `gevraagd` when given (a gemeente outside the scope gives the empty list: nothing leaks).
 */
export function gemeentenFilter(gebruiker: Gebruiker, gevraagd?: string): string[] | null {
  const bereik = bereikVan(gebruiker);
  if (gevraagd !== undefined) return bereik === '*' || bereik.includes(gevraagd) ? [gevraagd] : [];
  return bereik === '*' ? null : [...bereik];
}

/** Does the token cover every gemeente (`gemeente: "*"`)? The national nightly run and /metrics need it. */
export function isLandelijk(gebruiker: Gebruiker): boolean {
  return bereikVan(gebruiker) === '*';
}

/** For what only national scope may do (the nightly run, decrypting Temporal histories): 403 otherwise. */
export function landelijkBereikNodig(wat: string): ProblemException {
  return new ProblemException(
    problem(403, `${wat} vraagt een landelijk bereik (gemeente "*" in het token).`, {
      code: 'LANDELIJK_BEREIK_NODIG',
    }),
  );
}
