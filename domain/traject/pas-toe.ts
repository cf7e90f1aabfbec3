import type { Decider } from '../shared/decider';
import type { PlainDate } from '../shared/kalender';
import { beschrijf } from './beschrijf';
import type { TrajectCommand } from './commands';
import { deadlines } from './deadlines';
import { decide } from './decide';
import type { TrajectEvent } from './events';
import { evolve, initialState } from './evolve';
import { type RouteOverzicht, routeOverzicht } from './route';
import type { Deadline, TrajectState } from './state';
import { type OpenTaak, type TakenWijziging, werkTakenBij } from './taken';

/** The traject's rulebook as one value: what the workflow hosts and the tests drive. */
export const trajectDecider: Decider<TrajectCommand, TrajectState, TrajectEvent> = {
  initialState,
  decide,
  evolve,
};

/** A line of the traject's story: what happened (dated when it was recorded) or what is planned. */
export interface TijdlijnRegel {
  datum: PlainDate;
  soort: 'gebeurd' | 'gepland';
  beschrijving: string;
}

/** A feed message the rulebook rejected: kept for the casemanager, never thrown away. */
export interface AfgewezenCommando {
  commandId: string;
  type: string;
  code: string;
  detail: string;
  ontvangenOp: string;
}

/** What the workflow knows of its traject besides the events themselves. */
export interface TrajectToestand {
  state: TrajectState;
  /** Number of events applied so far: the read model ignores writes of an older version. */
  versie: number;
  openTaken: OpenTaak[];
}

/** The `status` query: the state, its pending deadlines and tasks. */
export interface TrajectStatus extends TrajectToestand {
  deadlines: Deadline[];
  /** Feed signals the rulebook rejected (latest first, bounded). */
  afgewezen: AfgewezenCommando[];
  /** The gemeente's route as a checklist (null: the traject has none). */
  route: RouteOverzicht | null;
}

/** The outcome of one command: its events, the new toestand, the task changes and the timeline lines. */
export interface Toepassing {
  events: TrajectEvent[];
  toestand: TrajectToestand;
  taken: TakenWijziging;
  tijdlijn: TijdlijnRegel[];
}

export function beginToestand(trajectId: string): TrajectToestand {
  return { state: initialState(trajectId), versie: 0, openTaken: [] };
}

/**
 * One door into the rulebook: decide, evolve, and what follows for tasks and the timeline. The
 * workflow applies every command through this, and the API uses it to check an aanmelding before it
 * starts anything and to show a dry run. Throws the DomainError of a rejected command.
 * `vandaag` is the day the rules are applied for; `ontvangen` the day recorded on the timeline.
 */
export function pasToe(
  toestand: TrajectToestand,
  command: TrajectCommand,
  vandaag: PlainDate,
  ontvangen: PlainDate = vandaag,
): Toepassing {
  const events = decide(toestand.state, command, vandaag);
  if (events.length === 0) {
    return {
      events,
      toestand,
      taken: { taken: toestand.openTaken, nieuw: [], afgerond: [], vervallen: [] },
      tijdlijn: [],
    };
  }
  const taken = werkTakenBij(toestand.openTaken, events);
  return {
    events,
    toestand: {
      state: events.reduce(evolve, toestand.state),
      versie: toestand.versie + events.length,
      openTaken: taken.taken,
    },
    taken,
    tijdlijn: events
      .filter((e) => e.type !== 'deadlineVervallen')
      .map((e): TijdlijnRegel => ({ datum: ontvangen, soort: 'gebeurd', beschrijving: beschrijf(e) })),
  };
}

/** `vandaag` decides which route steps are late (the workflow's query passes its own today). */
export function trajectStatus(
  toestand: TrajectToestand,
  afgewezen: AfgewezenCommando[] = [],
  vandaag: PlainDate | null = null,
): TrajectStatus {
  return {
    ...toestand,
    deadlines: deadlines(toestand.state),
    afgewezen,
    route: vandaag ? routeOverzicht(toestand.state, vandaag) : null,
  };
}

/** What is planned: every pending deadline as a timeline line. */
export function geplandeTijdlijn(state: TrajectState): TijdlijnRegel[] {
  return deadlines(state).map(
    (d): TijdlijnRegel => ({ datum: d.datum, soort: 'gepland', beschrijving: d.omschrijving }),
  );
}
