import { isElfproef } from '../shared/bsn-vorm';

/**
 * The burgerservicenummer: nine digits that pass the elfproef (Wet algemene bepalingen
 * burgerservicenummer; the rule itself is in domain/shared/bsn-vorm.ts).
 */
export function isGeldigBsn(waarde: unknown): waarde is string {
  return typeof waarde === 'string' && isElfproef(waarde);
}

/** The COA/IND V-nummer (vreemdelingennummer): ten digits. */
export function isGeldigVnummer(waarde: unknown): waarde is string {
  return typeof waarde === 'string' && /^\d{10}$/.test(waarde);
}
