import { DomainError } from '../shared/fouten';
import { addDays, addWeeks, isNa, type PlainDate } from '../shared/kalender';

/** A calendar quarter as the CBS names it: `2026Q3`. */
export type Kwartaal = `${number}Q${1 | 2 | 3 | 4}`;

/** Years 2000–2099 (the law dates from 2021; a year 0000 is no date Postgres knows). */
export const KWARTAAL_PATROON = /^(20\d{2})Q([1-4])$/;
const KWARTAAL = KWARTAAL_PATROON;

/** The Statistiek Wet Inburgering is delivered per quarter; the reminder falls four weeks after its end. */
export const CBS_SWI_HERINNERING_WEKEN = 4;

export function isKwartaal(waarde: unknown): waarde is Kwartaal {
  return typeof waarde === 'string' && KWARTAAL.test(waarde);
}

/** First and last day (inclusive) of a quarter. */
export function kwartaalGrenzen(kwartaal: Kwartaal): { start: PlainDate; einde: PlainDate } {
  const m = KWARTAAL.exec(kwartaal);
  if (!m) throw new DomainError('WAARDE_ONGELDIG', 'kwartaal');
  const jaar = Number(m[1]);
  const k = Number(m[2]);
  const startMaand = String((k - 1) * 3 + 1).padStart(2, '0');
  const start = `${jaar}-${startMaand}-01`;
  const volgende = k === 4 ? `${jaar + 1}-01-01` : `${jaar}-${String(k * 3 + 1).padStart(2, '0')}-01`;
  return { start, einde: addDays(volgende, -1) };
}

export function kwartaalVan(datum: PlainDate): Kwartaal {
  const jaar = Number(datum.slice(0, 4));
  const maand = Number(datum.slice(5, 7));
  return `${jaar}Q${Math.ceil(maand / 3) as 1 | 2 | 3 | 4}`;
}

export function vorigKwartaal(kwartaal: Kwartaal): Kwartaal {
  const { start } = kwartaalGrenzen(kwartaal);
  return kwartaalVan(addDays(start, -1));
}

/**
 * The CBS reminder due for `peildatum`: the quarter that ended most recently, its delivery due
 * four weeks after the end. Created from the first day after the quarter, so the team sees it coming.
 */
export function cbsSwiHerinnering(peildatum: PlainDate): { kwartaal: Kwartaal; vervaldatum: PlainDate } {
  const kwartaal = vorigKwartaal(kwartaalVan(peildatum));
  const { einde } = kwartaalGrenzen(kwartaal);
  return { kwartaal, vervaldatum: addWeeks(einde, CBS_SWI_HERINNERING_WEKEN) };
}

/** Is the quarter over on `peildatum` (only a finished quarter can be exported as final)? */
export function kwartaalVoorbij(kwartaal: Kwartaal, peildatum: PlainDate): boolean {
  return isNa(peildatum, kwartaalGrenzen(kwartaal).einde);
}
