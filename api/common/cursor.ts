import { createHash } from 'node:crypto';
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

/** Fingerprint of a query (who asks, which filters and sort) that its cursors are bound to. */
export function vingerafdruk(...delen: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(delen)).digest('base64url').slice(0, 16);
}

/**
 * One page from rows fetched with LIMIT `limiet + 1`: the extra row only says there is more, and
 * the last row shown becomes the next cursor.
 */
export function pagina<R extends { id: string }, T>(
  rijen: R[],
  limiet: number,
  naarItem: (rij: R) => T,
  fingerprint: string,
  sorteerwaarde: (rij: R) => string | null,
): { items: T[]; volgende: string | null } {
  const meer = rijen.length > limiet;
  const getoond = meer ? rijen.slice(0, limiet) : rijen;
  const laatste = getoond.at(-1);
  return {
    items: getoond.map(naarItem),
    volgende:
      meer && laatste ? maakCursor({ f: fingerprint, v: sorteerwaarde(laatste), id: laatste.id }) : null,
  };
}
