import { bevatBsnVorm } from './bsn-vorm';

/** CBS municipality code: GM followed by four digits (GM0518 is Den Haag). The one place this rule lives. */
export const GEMEENTECODE = /^GM\d{4}$/;

export function isGemeentecode(waarde: unknown): waarde is string {
  return typeof waarde === 'string' && GEMEENTECODE.test(waarde);
}

/**
 * Where a user may look and act (issue 13, fail closed): the gemeenten of the token's `gemeente`
 * claim, or every gemeente (`'*'`, only for operations and admin, and only when the claim says so
 * explicitly). Regional execution (a werkbedrijf or GR for several gemeenten) is a list; each row
 * still belongs to one gemeente. Empty: nothing.
 */
export type Bereik = readonly string[] | '*';

/** The tenant rule, in one place: the API applies it, and so does the traject's Update validator. */
export function binnenBereik(bereik: Bereik, gemeente: string | null | undefined): boolean {
  if (gemeente == null) return false;
  return bereik === '*' || bereik.includes(gemeente);
}

/** Eight or nine digits looks like a BSN: ids in this system (commandIds, staff ids, references) must never be one. */
export const LIJKT_OP_BSN = /^\d{8,9}$/;

/**
 * An organisation id (a taalaanbieder, from the token's `organisatie` claim): letters, digits and
 * `. _ -`, 2 to 64 characters, never shaped like a BSN. Opaque: no name of a person.
 */
export const ORGANISATIE_ID = /^[A-Za-z0-9._-]{2,64}$/;

export function isOrganisatieId(waarde: unknown): waarde is string {
  return (
    typeof waarde === 'string' &&
    ORGANISATIE_ID.test(waarde) &&
    !LIJKT_OP_BSN.test(waarde) &&
    !bevatBsnVorm(waarde)
  );
}
