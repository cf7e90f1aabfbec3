import type { Beleid } from '../beleid';
import { standaardBeleid } from '../beleid';
import { addDays, addMonths, addWeeks, isNa, isVoor, laatste, type PlainDate } from '../shared/kalender';
import { geldend, WET } from '../wet';
import type { Actie, DeadlineSoort, Regel } from './codes';
import { deadlineSleutel } from './evolve';
import type { Cadans, Deadline, TrajectState } from './state';

const ACTIE: Record<DeadlineSoort, Actie> = {
  pip: 'taak',
  'pip-overschreden': 'escalatie',
  'aanbod-start': 'waarschuwing',
  'ontzorgen-evaluatie': 'taak',
  voortgangsgesprek: 'taak',
  'termijn-waarschuwing': 'waarschuwing',
  'termijn-overschreden': 'escalatie',
  bezwaartermijn: 'taak',
  'achttiende-verjaardag': 'taak',
  'geen-contact': 'waarschuwing',
};

const REGEL: Record<DeadlineSoort, Regel> = {
  pip: 'T1',
  'pip-overschreden': 'T1',
  'aanbod-start': 'T4',
  'ontzorgen-evaluatie': 'T5',
  voortgangsgesprek: 'T6',
  'termijn-waarschuwing': 'T7',
  'termijn-overschreden': 'T7',
  bezwaartermijn: 'T8',
  'achttiende-verjaardag': 'T9',
  'geen-contact': 'T11',
};

/**
 * The day the PIP clock (T1) starts: the kennisgeving, or the BRP registration when that is later
 * (Besluit inburgering 2021 art. 5.3).
 */
export function pipKlokStart(state: TrajectState): PlainDate | null {
  if (!state.kennisgevingsdatum) return null;
  return state.brpDatum ? laatste(state.kennisgevingsdatum, state.brpDatum) : state.kennisgevingsdatum;
}

/** The latest day on which the PIP must be adopted (T1); null while third-party information is awaited. */
export function pipUiterlijk(state: TrajectState): PlainDate | null {
  if (!state.kennisgevingsdatum || state.derdenWachtSinds) return null;
  // Besluit inburgering 2021 art. 5.3: ten weeks after the kennisgeving, or after BRP registration if later.
  const start = pipKlokStart(state) as PlainDate;
  const regulier = addWeeks(start, geldend(WET.pipTermijnWeken, state.kennisgevingsdatum));
  if (!state.derdenOntvangenOp) return regulier;
  // The wait extends the term to two weeks after receipt; it never shortens it.
  const naDerden = addWeeks(
    state.derdenOntvangenOp,
    geldend(WET.pipTermijnNaDerdenWeken, state.kennisgevingsdatum),
  );
  return laatste(regulier, naDerden);
}

/** Last day on which an asielstatushouder's offer must have started (T4), by the current leerroute. */
export function aanbodUiterlijk(state: TrajectState): PlainDate | null {
  const eerste = state.pipVersies[0];
  if (state.doelgroep !== 'asielstatushouder' || !eerste || !state.leerroute) return null;
  const regel = state.leerroute === 'onderwijs' ? WET.aanbodStartMaandenOnderwijs : WET.aanbodStartMaanden;
  return addMonths(eerste.dagtekening, geldend(regel, eerste.dagtekening));
}

/**
 * T5: the day the ontzorgen review (toets financiële zelfredzaamheid + decision) is due, while ontzorgen is
 * active; null when there is none or it was stopped. A decision to extend moves it to the new period.
 */
export function ontzorgenEvaluatieDatum(state: TrajectState): PlainDate | null {
  if (state.ontzorgen?.status !== 'actief') return null;
  return addWeeks(state.ontzorgen.einddatum, -beleidVan(state).ontzorgenEvaluatieWekenVooraf);
}

/** The cadence interval that applies to a voortgangsgesprek held (or due) on `datum`. */
function interval(state: TrajectState, cadans: Cadans, datum: PlainDate): number {
  const eerste = state.pipVersies[0];
  const eersteJaarTot = addMonths(eerste.dagtekening, 12);
  return isVoor(datum, eersteJaarTot) ? cadans.eersteJaarMaanden : cadans.daarnaMaanden;
}

/**
 * The next voortgangsgesprek due: one interval after the last gesprek (or the first PIP). A reminder that
 * fired without a gesprek being held is followed by the next one in the cadence.
 */
export function volgendVoortgangsgesprek(state: TrajectState): PlainDate | null {
  const eerste = state.pipVersies[0];
  if (!eerste || !state.cadans) return null;
  const cadans = state.cadans;
  let datum = state.voortgangsgesprekken.reduce((a, b) => laatste(a, b), eerste.dagtekening);
  datum = addMonths(datum, interval(state, cadans, datum));
  for (let i = 0; i < 100 && isAfgehandeld(state, `voortgangsgesprek:${datum}`, datum); i++) {
    datum = addMonths(datum, interval(state, cadans, datum));
  }
  return datum;
}

/** The termijn-waarschuwing ladder for the current end date, most distant first. */
export function termijnWaarschuwingen(state: TrajectState): { niveau: number; datum: PlainDate }[] {
  if (!state.termijnEinde || !state.termijnStart) return [];
  const einde = state.termijnEinde;
  const start = state.termijnStart;
  return beleidVan(state)
    .termijnWaarschuwingenMaanden.map((niveau) => ({ niveau, datum: addMonths(einde, -niveau) }))
    .filter((w) => !isVoor(w.datum, start));
}

function beleidVan(state: TrajectState): Beleid {
  return state.beleid ?? standaardBeleid;
}

function isAfgehandeld(state: TrajectState, id: string, datum: PlainDate): boolean {
  return state.afgehandeldeDeadlines.includes(deadlineSleutel(id, datum));
}

function omschrijving(soort: DeadlineSoort, datum: PlainDate, niveau: number | null): string {
  switch (soort) {
    case 'pip':
      return `PIP uiterlijk ${datum} vaststellen`;
    case 'pip-overschreden':
      return 'Wettelijke termijn voor het PIP is verstreken zonder vastgesteld PIP';
    case 'aanbod-start':
      return 'Aanbod (leerroute) niet tijdig gestart; verlengingsgrond voor DUO bevestigen';
    case 'ontzorgen-evaluatie':
      return `Ontzorgen evalueren (toets financiële zelfredzaamheid) vóór het einde`;
    case 'voortgangsgesprek':
      return `Voortgangsgesprek voeren (gepland ${datum})`;
    case 'termijn-waarschuwing':
      return `Inburgeringstermijn eindigt over ${niveau} ${niveau === 1 ? 'maand' : 'maanden'}`;
    case 'termijn-overschreden':
      return 'Inburgeringstermijn overschreden zonder dat aan de plicht is voldaan';
    case 'bezwaartermijn':
      return 'Bezwaartermijn tegen het PIP is verstreken';
    case 'achttiende-verjaardag':
      return 'Kind in het huishouden wordt binnenkort 18 en mogelijk inburgeringsplichtig';
    case 'geen-contact':
      return 'Geen contact vastgelegd: inburgeraar is mogelijk uit beeld';
    default:
      return onbekend(soort);
  }
}

function onbekend(soort: never): string {
  return String(soort);
}

export function maakDeadline(
  state: TrajectState,
  id: string,
  soort: DeadlineSoort,
  datum: PlainDate,
  niveau: number | null = null,
): Deadline {
  return {
    id,
    soort,
    regel: REGEL[soort],
    actie: ACTIE[soort],
    datum,
    // The overschreden flag is a state change, not a message to a person: it takes effect at 00:00.
    tijd: soort === 'termijn-overschreden' ? '00:00' : beleidVan(state).meldtijd,
    niveau,
    omschrijving: omschrijving(soort, datum, niveau),
  };
}

/** Every deadline the rules derive, handled or not. */
function alleDeadlines(state: TrajectState): Deadline[] {
  const beleid = beleidVan(state);
  const lijst: Deadline[] = [];
  const voeg = (id: string, soort: DeadlineSoort, datum: PlainDate, niveau: number | null = null) =>
    lijst.push(maakDeadline(state, id, soort, datum, niveau));

  // T1
  const pip = state.pipVersies.length === 0 ? pipUiterlijk(state) : null;
  if (pip) {
    voeg('pip', 'pip', pip);
    voeg('pip-overschreden', 'pip-overschreden', addDays(pip, 1));
  }

  // T2, T3, T7: the termijn's end (moved by verlengingen) drives the ladder and the overschreden flag.
  if (state.termijnEinde && !state.termijnOverschreden) {
    for (const w of termijnWaarschuwingen(state)) {
      voeg(`termijn-waarschuwing:${w.niveau}`, 'termijn-waarschuwing', w.datum, w.niveau);
    }
    voeg('termijn-overschreden', 'termijn-overschreden', addDays(state.termijnEinde, 1));
  }

  // T4: signalled the day after the last day on which the offer should have started.
  const aanbod = state.aanbodGestartOp ? null : aanbodUiterlijk(state);
  if (aanbod) voeg('aanbod-start', 'aanbod-start', addDays(aanbod, 1));

  // T5
  const evaluatie = ontzorgenEvaluatieDatum(state);
  if (evaluatie) voeg('ontzorgen-evaluatie', 'ontzorgen-evaluatie', evaluatie);

  // T6
  const gesprek = volgendVoortgangsgesprek(state);
  if (gesprek) voeg(`voortgangsgesprek:${gesprek}`, 'voortgangsgesprek', gesprek);

  // T8 (Awb art. 6:8: the term starts the day after the dagtekening; signalled after its last day)
  for (const versie of state.pipVersies) {
    const laatsteDag = addWeeks(versie.dagtekening, geldend(WET.bezwaartermijnWeken, versie.dagtekening));
    voeg(`bezwaartermijn:${versie.versie}`, 'bezwaartermijn', addDays(laatsteDag, 1));
  }

  // T9
  for (const kind of state.kinderen) {
    const achttien = addMonths(kind.geboortedatum, 12 * geldend(WET.plichtLeeftijd, kind.geboortedatum));
    voeg(
      `achttiende-verjaardag:${kind.kindId}`,
      'achttiende-verjaardag',
      addMonths(achttien, -beleid.achttienSignaalMaandenVooraf),
    );
  }

  // T11
  if (state.laatsteContact) {
    voeg('geen-contact', 'geen-contact', addMonths(state.laatsteContact, beleid.geenContactMaanden));
  }
  return lijst;
}

function sorteer(a: Deadline, b: Deadline): number {
  if (a.datum !== b.datum) return isVoor(a.datum, b.datum) ? -1 : 1;
  if (a.tijd !== b.tijd) return a.tijd < b.tijd ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every pending timer, earliest first. A closed traject has none. */
export function deadlines(state: TrajectState): Deadline[] {
  if (state.fase === 'nieuw' || state.afgesloten) return [];
  return alleDeadlines(state)
    .filter((d) => !isAfgehandeld(state, d.id, d.datum))
    .sort(sorteer);
}

/** The earliest pending deadline (for the `VolgendeDeadline` search attribute). */
export function volgendeDeadline(state: TrajectState): Deadline | null {
  return deadlines(state)[0] ?? null;
}

/**
 * A fired timer is overtaken when a later step of the same series is already due on `vandaag`: then only
 * the most urgent step produces a signal (e.g. a traject registered late does not get a burst of stale
 * warnings, and a voortgangsgesprek reminder is not repeated for every missed interval).
 */
export function isOvertroffen(state: TrajectState, deadline: Deadline, vandaag: PlainDate): boolean {
  const due = (d: PlainDate) => !isNa(d, vandaag);
  switch (deadline.soort) {
    case 'pip':
      return due(addDays(deadline.datum, 1));
    case 'termijn-waarschuwing': {
      const einde = state.termijnEinde as PlainDate;
      if (isNa(vandaag, einde)) return true;
      return termijnWaarschuwingen(state).some((w) => w.niveau < (deadline.niveau as number) && due(w.datum));
    }
    case 'voortgangsgesprek':
      return due(addMonths(deadline.datum, interval(state, state.cadans as Cadans, deadline.datum)));
    default:
      return false;
  }
}
