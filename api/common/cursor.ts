import { ProblemException, problem } from './problem';

/**
 * Opaque cursors for keyset pagination: base64url JSON of the last row's sort value + id, plus
 * the sort it belongs to (a cursor from another sort or filter set is refused, not misread).
 */
export interface Cursor {
  /** Fingerprint of the sort and filters the cursor was made for. */
  f: string;
  /** Sort value of the last row shown (a date string, or null). */
  v: string | null;
  /** Id of the last row shown (tie-breaker). */
  id: string;
}

export function maakCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

export function leesCursor(waarde: string, fingerprint: string): Cursor {
  let c: Partial<Cursor> | null = null;
  try {
    c = JSON.parse(Buffer.from(waarde, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    c = null;
  }
  const geldig =
    c !== null &&
    typeof c === 'object' &&
    typeof c.id === 'string' &&
    typeof c.f === 'string' &&
    (c.v === null || typeof c.v === 'string');
  if (!geldig) {
    throw new ProblemException(
      problem(400, 'De cursor is ongeldig; gebruik de cursor uit het vorige antwoord.', {
        code: 'CURSOR_ONGELDIG',
        fouten: [{ veld: 'cursor', melding: 'ongeldig' }],
      }),
    );
  }
  if (c?.f !== fingerprint) {
    throw new ProblemException(
      problem(400, 'Deze cursor hoort bij een andere sortering of andere filters.', {
        code: 'CURSOR_ONGELDIG',
        fouten: [{ veld: 'cursor', melding: 'hoort bij een andere zoekvraag' }],
      }),
    );
  }
  return c as Cursor;
}
