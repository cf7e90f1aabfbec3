import { addDays, type PlainDate } from './shared/kalender';

/**
 * The chain around the traject (issue 15): what a message of the BRP asks of the gemeenten beyond the
 * rulebook. A verhuizing to another gemeente is a warm handover: the old gemeente hands the dossier
 * over, the new one makes contact (and amends the PIP: the rulebook's own `pip-aanpassen` task), both
 * within WARME_OVERDRACHT_DAGEN of the move.
 */
export const WARME_OVERDRACHT_DAGEN = 28;

export interface KetenTaak {
  /** null: a task of the gemeente itself (the old gemeente no longer owns the traject). */
  trajectId: string | null;
  gemeente: string;
  soort: 'warme-overdracht';
  regel: 'verhuizing';
  sleutel: string;
  vervaldatum: PlainDate;
  omschrijving: string;
  casemanager: string | null;
}

/** The two handover tasks of one verhuizing; `sleutel` makes them idempotent (the source's reference). */
export function warmeOverdrachtTaken(v: {
  trajectId: string;
  van: string;
  naar: string;
  datum: PlainDate;
  sleutel: string;
  casemanagerVan: string | null;
}): KetenTaak[] {
  const vervaldatum = addDays(v.datum, WARME_OVERDRACHT_DAGEN);
  const basis = { soort: 'warme-overdracht', regel: 'verhuizing', sleutel: v.sleutel, vervaldatum } as const;
  return [
    {
      ...basis,
      trajectId: null,
      gemeente: v.van,
      casemanager: v.casemanagerVan,
      omschrijving: `Warme overdracht: traject ${v.trajectId} verhuisd op ${v.datum} naar ${v.naar}; draag het dossier over`,
    },
    {
      ...basis,
      trajectId: v.trajectId,
      gemeente: v.naar,
      casemanager: null,
      omschrijving: `Warme overdracht: verhuisd uit ${v.van} op ${v.datum}; neem contact op met de inburgeraar en de vorige gemeente`,
    },
  ];
}
