/**
 * Languages a casemanager picks most (ISO 639 codes, the register's `taal`), in Dutch, alphabetical.
 * Any other code can be typed in; the rule for a code lives in the API's schema (domain/persoon).
 */
export const TALEN: readonly (readonly [string, string])[] = [
  ['am', 'Amhaars'],
  ['ar', 'Arabisch'],
  ['prs', 'Dari'],
  ['en', 'Engels'],
  ['fr', 'Frans'],
  ['ku', 'Koerdisch'],
  ['uk', 'Oekraïens'],
  ['ps', 'Pasjtoe'],
  ['fa', 'Perzisch (Farsi)'],
  ['pl', 'Pools'],
  ['pt', 'Portugees'],
  ['ro', 'Roemeens'],
  ['ru', 'Russisch'],
  ['so', 'Somalisch'],
  ['es', 'Spaans'],
  ['ta', 'Tamil'],
  ['ti', 'Tigrinya'],
  ['tr', 'Turks'],
  ['ur', 'Urdu'],
];

const NAMEN = new Map(TALEN);

/** `ar` → "Arabisch (ar)"; an unlisted code stays a code. */
export function taalNaam(code: string | null | undefined, leeg = '—'): string {
  if (!code) return leeg;
  const naam = NAMEN.get(code);
  return naam ? `${naam} (${code})` : code;
}

export function isBekendeTaal(code: string | null | undefined): boolean {
  return Boolean(code && NAMEN.has(code));
}
