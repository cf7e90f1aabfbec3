/**
 * BSN-shaped ids (issue 13): nine digits that pass the elfproef (9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a
 * multiple of 11, and not 0). Ids in this system (commandIds, DUO references, staff ids) must never
 * carry one: not as the whole id, nor as one of its parts (`duo:examen:123456782`). Only parts
 * separated by punctuation count, so a random uuid or a hex hash is never mistaken for one.
 */
export function isElfproef(cijfers: string): boolean {
  if (!/^\d{9}$/.test(cijfers)) return false;
  let som = 0;
  for (let i = 0; i < 8; i += 1) som += Number(cijfers[i]) * (9 - i);
  som -= Number(cijfers[8]);
  return som !== 0 && som % 11 === 0;
}

/** Does `id` have a part of exactly nine digits that passes the elfproef? */
export function bevatBsnVorm(id: string): boolean {
  return id.split(/[^A-Za-z0-9]+/).some(isElfproef);
}
