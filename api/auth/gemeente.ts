import type { Gebruiker } from '../../platform/auth';
import { ProblemException, problem } from '../common/problem';

/** The one 404 for "no such traject for you": unknown and another gemeente's look the same. */
export function trajectOnbekend(): ProblemException {
  return new ProblemException(problem(404, 'Er is geen traject met deze id.', { code: 'TRAJECT_ONBEKEND' }));
}

/** May this user see and change trajecten of `gemeente`? Operations without a gemeente: all. */
export function magGemeente(gebruiker: Gebruiker, gemeente: string): boolean {
  return gebruiker.gemeente === null ? gebruiker.rol === 'operations' : gebruiker.gemeente === gemeente;
}

/**
 * Tenant rule for detail, commands and tasks: another gemeente's traject answers 404, not 403,
 * so its existence does not leak. Pass `undefined`/`null` when the traject was not found at all.
 */
export function vereisGemeente(gebruiker: Gebruiker, trajectGemeente: string | null | undefined): void {
  if (trajectGemeente == null || !magGemeente(gebruiker, trajectGemeente)) throw trajectOnbekend();
}
