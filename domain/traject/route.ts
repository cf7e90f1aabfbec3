import type { RouteAnker, RouteFeit, RouteStap, RouteUitvoerder } from '../route';
import { addDays, isNa, laatste, type PlainDate } from '../shared/kalender';
import type { AfgerondeRoutestap, TrajectState } from './state';
import { geldendResultaat, ontbrekendVoorVoldaan } from './voldaan';

/**
 * The gemeente's route on one traject (issue 15 point 7): which steps are done, by whom, and when the
 * open ones are due. One pure function per question, used by the rulebook (decide, deadlines), the
 * status query and the dry run alike.
 */

/** The day a rulebook fact was recorded, or null while it is not (the anker of a due date). */
export function ankerDatum(state: TrajectState, anker: RouteAnker): PlainDate | null {
  switch (anker) {
    case 'aanmelding':
      return state.kennisgevingsdatum;
    case 'koppeling':
      return state.koppelingsdatum;
    case 'huisvesting':
      return state.huisvestingsdatum;
    case 'brp':
      return state.brpDatum;
    case 'intake':
      return state.intake?.datum ?? null;
    case 'pip':
      return state.pipVersies[0]?.dagtekening ?? null;
    case 'aanbod':
      return state.aanbodGestartOp;
    case 'termijnEinde':
      return state.termijnEinde;
    default:
      return onbekend(anker);
  }
}

function onbekend(_waarde: never): null {
  return null;
}

/** Every exam the leerroute asks for is done: the exams, the Z-route's eindgesprek or the taalschakeltraject. */
const EXAMEN_EISEN = /^(taal:|knm$|taalschakeltraject$|eindgesprek$)/;

function examenDatum(state: TrajectState): PlainDate | null {
  if (!state.leerroute || state.pipVersies.length === 0) return null;
  if (ontbrekendVoorVoldaan(state).some((e) => EXAMEN_EISEN.test(e))) return null;
  const datums: PlainDate[] = [];
  for (const c of ['lezen', 'luisteren', 'schrijven', 'spreken', 'knm'] as const) {
    const r = geldendResultaat(state.examenresultaten, c);
    if (r) datums.push(r.datum);
  }
  for (const o of ['eindgesprek', 'taalschakeltraject'] as const) {
    const d = state.onderdelen[o];
    if (d) datums.push(d);
  }
  return datums.length === 0 ? null : datums.reduce((a, b) => laatste(a, b));
}

/** The day the rulebook fact behind a law step was recorded, or null while it is not. */
export function feitDatum(state: TrajectState, feit: RouteFeit): PlainDate | null {
  switch (feit) {
    case 'brp':
      return state.brpDatum;
    case 'huisvesting':
      return state.huisvestingsdatum;
    case 'intake':
      return state.intake?.datum ?? null;
    case 'leerbaarheidstoets':
      return state.intake && state.intake.leerbaarheidstoetsScore !== null ? state.intake.datum : null;
    case 'pip':
      return state.pipVersies[0]?.dagtekening ?? null;
    case 'aanbod':
      return state.aanbodGestartOp;
    case 'pvt':
      return state.onderdelen.pvt ?? null;
    case 'map':
      return state.onderdelen.map ?? null;
    case 'examen':
      return examenDatum(state);
    default:
      return onbekend(feit);
  }
}

/** The last day for a step with a due date, once its anker is known; null otherwise. */
export function routestapUiterlijk(state: TrajectState, stap: RouteStap): PlainDate | null {
  if (!stap.termijn) return null;
  const anker = ankerDatum(state, stap.termijn.anker);
  return anker ? addDays(anker, stap.termijn.dagen) : null;
}

export interface RoutestapAfronding {
  datum: PlainDate;
  /** `registratie`: recorded by hand (routestappen); `feit`: the rulebook fact behind a law step. */
  bron: 'registratie' | 'feit';
  door: string | null;
}

/** How a step was done: by hand first, else by its fact; null while open. */
export function routestapAfronding(state: TrajectState, stap: RouteStap): RoutestapAfronding | null {
  const hand: AfgerondeRoutestap | undefined = (state.routestappen ?? []).find((s) => s.stapId === stap.id);
  if (hand) return { datum: hand.datum, bron: 'registratie', door: hand.door };
  const feit = stap.feit ? feitDatum(state, stap.feit) : null;
  return feit ? { datum: feit, bron: 'feit', door: null } : null;
}

export interface RoutestapStatus {
  id: string;
  naam: string;
  wie: RouteUitvoerder;
  /** The rulebook fact that checks the step, if any. */
  feit: RouteFeit | null;
  /** `te_laat`: open after its last day (the nightly run makes it a task). */
  status: 'afgerond' | 'open' | 'te_laat';
  uiterlijk: PlainDate | null;
  afgerond: RoutestapAfronding | null;
}

export interface RouteOverzicht {
  id: string;
  versie: number;
  stappen: RoutestapStatus[];
  afgerond: number;
  totaal: number;
}

/** The checklist of the dossier on `vandaag`; null for a traject without a route. */
export function routeOverzicht(state: TrajectState, vandaag: PlainDate): RouteOverzicht | null {
  const route = state.route;
  if (!route) return null;
  const stappen = route.stappen.map((stap): RoutestapStatus => {
    const afgerond = routestapAfronding(state, stap);
    const uiterlijk = routestapUiterlijk(state, stap);
    return {
      id: stap.id,
      naam: stap.naam,
      wie: stap.wie,
      feit: stap.feit ?? null,
      status: afgerond ? 'afgerond' : uiterlijk && isNa(vandaag, uiterlijk) ? 'te_laat' : 'open',
      uiterlijk,
      afgerond,
    };
  });
  return {
    id: route.id,
    versie: route.versie,
    stappen,
    afgerond: stappen.filter((s) => s.afgerond).length,
    totaal: stappen.length,
  };
}

/** An open step with a due date, as the read model keeps it for the nightly run (no personal data). */
export interface OpenRoutestap {
  stapId: string;
  naam: string;
  wie: RouteUitvoerder;
  uiterlijk: PlainDate;
}

/** The open steps whose due date is known: the nightly run makes one task of each once it has passed. */
export function openRoutestappenMetTermijn(state: TrajectState): OpenRoutestap[] {
  if (state.afgesloten) return [];
  const lijst: OpenRoutestap[] = [];
  for (const stap of state.route?.stappen ?? []) {
    const uiterlijk = routestapUiterlijk(state, stap);
    if (!uiterlijk || routestapAfronding(state, stap)) continue;
    lijst.push({ stapId: stap.id, naam: stap.naam, wie: stap.wie, uiterlijk });
  }
  return lijst;
}
