/** CBS municipality code: GM followed by four digits (GM0518 is Den Haag). The one place this rule lives. */
export const GEMEENTECODE = /^GM\d{4}$/;

export function isGemeentecode(waarde: unknown): waarde is string {
  return typeof waarde === 'string' && GEMEENTECODE.test(waarde);
}

/** Eight or nine digits looks like a BSN: ids in this system (commandIds, staff ids, references) must never be one. */
export const LIJKT_OP_BSN = /^\d{8,9}$/;
