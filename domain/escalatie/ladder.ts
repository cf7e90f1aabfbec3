import type { EscalatieBeleid } from '../beleid';
import {
  addDays,
  addMonths,
  addWeeks,
  addWerkdagen,
  isNa,
  isVoor,
  type PlainDate,
  werkdagenTussen,
} from '../shared/kalender';
import type { Escalatie, EscalatieSoort, OpenTaakRegel, TrajectPeilgegevens } from './types';
import { verzuim } from './verzuim';

/**
 * Task kinds whose problem has a ladder step of its own: escalating the overdue task as well would
 * tell the teamleider the same thing twice.
 */
const EIGEN_TREDE: ReadonlySet<string> = new Set([
  'pip',
  'pip-overschreden',
  'termijn-waarschuwing',
  'geen-contact',
  'ontzorgen-evaluatie',
]);

function sleutel(soort: EscalatieSoort, niveau: number, extra?: string): string {
  return extra ? `ronde:${soort}:${niveau}:${extra}` : `ronde:${soort}:${niveau}`;
}

const bereikt = (vandaag: PlainDate, datum: PlainDate) => !isVoor(vandaag, datum);

/** A task open more than N working days past its due date: escalate to the teamleider. */
export function takenTeLaat(
  taken: readonly OpenTaakRegel[],
  vandaag: PlainDate,
  beleid: EscalatieBeleid,
): Escalatie[] {
  const grens = beleid.taakTeLaatWerkdagen;
  return taken
    .filter((t) => !EIGEN_TREDE.has(t.soort) && werkdagenTussen(t.vervaldatum, vandaag) > grens)
    .map((t) => ({
      soort: 'taak-te-laat',
      actie: 'escalatie',
      niveau: 1,
      ontvanger: 'teamleider',
      regel: 'ladder',
      sleutel: sleutel('taak-te-laat', 1, t.taakId),
      peildatum: addWerkdagen(t.vervaldatum, grens + 1),
      omschrijving: `Taak '${t.soort}' (vervaldatum ${t.vervaldatum}) staat meer dan ${grens} werkdagen over tijd open`,
    }));
}

/** T1: no PIP N weeks after the clock started → warning; past the legal term → escalation. */
export function pipNietVastgesteld(
  t: TrajectPeilgegevens,
  vandaag: PlainDate,
  beleid: EscalatieBeleid,
): Escalatie | null {
  if (t.pipVastgesteldOp || !t.pipKlokStart) return null;
  if (t.pipUiterlijk && isNa(vandaag, t.pipUiterlijk)) {
    return {
      soort: 'pip-niet-vastgesteld',
      actie: 'escalatie',
      niveau: 2,
      ontvanger: 'teamleider',
      regel: 'T1',
      sleutel: sleutel('pip-niet-vastgesteld', 2),
      peildatum: addDays(t.pipUiterlijk, 1),
      omschrijving: `Wettelijke termijn voor het PIP verstreken op ${t.pipUiterlijk}; nog geen PIP vastgesteld`,
    };
  }
  const waarschuwing = addWeeks(t.pipKlokStart, beleid.pipWaarschuwingWeken);
  if (!bereikt(vandaag, waarschuwing)) return null;
  return {
    soort: 'pip-niet-vastgesteld',
    actie: 'waarschuwing',
    niveau: 1,
    ontvanger: 'casemanager',
    regel: 'T1',
    sleutel: sleutel('pip-niet-vastgesteld', 1),
    peildatum: waarschuwing,
    omschrijving: `${beleid.pipWaarschuwingWeken} weken na de start van de PIP-termijn nog geen PIP vastgesteld${
      t.pipUiterlijk ? ` (uiterlijk ${t.pipUiterlijk})` : ''
    }`,
  };
}

/**
 * T7: the termijn ends within 12/6/3/1 months and the duty is not met: a warning whose niveau rises
 * as the end nears. Only the most urgent step reached counts, so a traject seen late gets no burst
 * of stale warnings. After the end the traject's own timer escalates (termijn-overschreden).
 */
export function termijnLooptAf(
  t: TrajectPeilgegevens,
  vandaag: PlainDate,
  beleid: EscalatieBeleid,
): Escalatie | null {
  if (!t.termijnEinde || t.fase === 'voldaan' || isNa(vandaag, t.termijnEinde)) return null;
  const einde = t.termijnEinde;
  const ladder = [...beleid.termijnWaarschuwingenMaanden].sort((a, b) => b - a);
  let gekozen: { niveau: number; maanden: number; datum: PlainDate } | null = null;
  for (const [i, maanden] of ladder.entries()) {
    const datum = addMonths(einde, -maanden);
    if (bereikt(vandaag, datum)) gekozen = { niveau: i + 1, maanden, datum };
  }
  if (!gekozen) return null;
  const { niveau, maanden, datum } = gekozen;
  return {
    soort: 'termijn-loopt-af',
    actie: 'waarschuwing',
    niveau,
    ontvanger: 'casemanager',
    regel: 'T7',
    // Per termijn end: after a verlenging the new end gets its own warnings.
    sleutel: sleutel('termijn-loopt-af', niveau, einde),
    peildatum: datum,
    omschrijving: `Inburgeringstermijn eindigt op ${einde} (binnen ${maanden} ${
      maanden === 1 ? 'maand' : 'maanden'
    }) en aan de plicht is nog niet voldaan`,
  };
}

/** T11: no contact recorded (since the kennisgeving, if never) for N months: "uit beeld". */
export function uitBeeld(
  t: TrajectPeilgegevens,
  vandaag: PlainDate,
  beleid: EscalatieBeleid,
): Escalatie | null {
  const sinds = t.laatsteContact ?? t.kennisgevingsdatum;
  const datum = addMonths(sinds, beleid.geenContactMaanden);
  if (!bereikt(vandaag, datum)) return null;
  return {
    soort: 'uit-beeld',
    actie: 'escalatie',
    niveau: 1,
    ontvanger: 'teamleider',
    regel: 'T11',
    // Per episode: once contact is recorded again, a later silence escalates anew.
    sleutel: sleutel('uit-beeld', 1, sinds),
    peildatum: datum,
    omschrijving: `Inburgeraar uit beeld: geen contact vastgelegd sinds ${sinds} (${beleid.geenContactMaanden} maanden)`,
  };
}

/** T5: the ontzorgen review date passed and no decision (afbouwen or verlengen) was recorded. */
export function ontzorgenNietBesloten(t: TrajectPeilgegevens, vandaag: PlainDate): Escalatie | null {
  if (!t.ontzorgenEvaluatieOp || !isNa(vandaag, t.ontzorgenEvaluatieOp)) return null;
  return {
    soort: 'ontzorgen-niet-besloten',
    actie: 'escalatie',
    niveau: 1,
    ontvanger: 'teamleider',
    regel: 'T5',
    sleutel: sleutel('ontzorgen-niet-besloten', 1),
    peildatum: addDays(t.ontzorgenEvaluatieOp, 1),
    omschrijving: `Ontzorgen: evaluatiedatum ${t.ontzorgenEvaluatieOp} verstreken zonder besluit (afbouwen of verlengen)`,
  };
}

/**
 * Issue 15 point 7: a step of the gemeente's route still open after its last day becomes one task for
 * the casemanager (per step: the key names it, so the nightly run stores it once).
 */
export function routestappenTeLaat(t: TrajectPeilgegevens, vandaag: PlainDate): Escalatie[] {
  return (t.routestappen ?? [])
    .filter((s) => isNa(vandaag, s.uiterlijk))
    .map((s) => ({
      soort: 'routestap-te-laat',
      actie: 'taak',
      niveau: 1,
      ontvanger: 'casemanager',
      regel: 'route',
      sleutel: sleutel('routestap-te-laat', 1, s.stapId),
      peildatum: addDays(s.uiterlijk, 1),
      omschrijving: `Stap '${s.naam}' van de route van de gemeente (${s.wie}) niet afgerond: uiterlijk ${s.uiterlijk}`,
    }));
}

/**
 * The escalation ladder for one traject on `vandaag`: every step reached, at most one per soort (and
 * one per overdue task). Pure: the nightly run stores each result once (unique on traject + sleutel).
 */
export function escalaties(
  traject: TrajectPeilgegevens,
  openTaken: readonly OpenTaakRegel[],
  vandaag: PlainDate,
  beleid: EscalatieBeleid,
): Escalatie[] {
  if (traject.afgesloten) return [];
  const treden = [
    pipNietVastgesteld(traject, vandaag, beleid),
    termijnLooptAf(traject, vandaag, beleid),
    uitBeeld(traject, vandaag, beleid),
    ontzorgenNietBesloten(traject, vandaag),
  ].filter((e): e is Escalatie => e !== null);
  return [
    ...takenTeLaat(openTaken, vandaag, beleid),
    ...treden,
    ...verzuim(traject.aanwezigheid, vandaag, beleid),
    ...routestappenTeLaat(traject, vandaag),
  ];
}
