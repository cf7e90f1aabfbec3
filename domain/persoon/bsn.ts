/**
 * The burgerservicenummer: nine digits that pass the elfproef (Wet algemene bepalingen
 * burgerservicenummer; the "11-proof": 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11, and not 0).
 */
export function isGeldigBsn(waarde: unknown): waarde is string {
  if (typeof waarde !== 'string' || !/^\d{9}$/.test(waarde)) return false;
  let som = 0;
  for (let i = 0; i < 8; i++) som += Number(waarde[i]) * (9 - i);
  som -= Number(waarde[8]);
  return som % 11 === 0 && som !== 0;
}

/** The COA/IND V-nummer (vreemdelingennummer): ten digits. */
export function isGeldigVnummer(waarde: unknown): waarde is string {
  return typeof waarde === 'string' && /^\d{10}$/.test(waarde);
}
