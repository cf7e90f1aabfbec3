import { DomainError, type FoutCode } from '../../../domain/shared/fouten';
import type { PlainDate } from '../../../domain/shared/kalender';
import {
  type Aanmelden,
  decide,
  evolve,
  initialState,
  type TrajectCommand,
  type TrajectEvent,
  type TrajectState,
} from '../../../domain/traject';

/** Given/when/then helpers: commands get a fresh commandId unless one is given. */
let teller = 0;
export const nieuwId = (): string => `cmd-${++teller}`;

type Zonder<C> = C extends TrajectCommand ? Omit<C, 'commandId'> & { commandId?: string } : never;
export type Opdracht = Zonder<TrajectCommand>;

export function maak(opdracht: Opdracht): TrajectCommand {
  return { commandId: nieuwId(), ...opdracht } as TrajectCommand;
}

/** A day late enough that every fact in the fixtures lies in the past. */
export const LATER = '2035-01-01';

export function aanmelding(extra: Partial<Omit<Aanmelden, 'type'>> = {}): Opdracht {
  return {
    type: 'aanmelden',
    gemeente: 'GM0518',
    doelgroep: 'asielstatushouder',
    kennisgevingsdatum: '2026-01-05',
    ...extra,
  };
}

export const intake = (datum = '2026-02-02'): Opdracht => ({
  type: 'registreerIntake',
  datum,
  leerbaarheidstoetsScore: 42,
  geadviseerdeRoute: 'b1',
  tolkNodig: true,
});

export const pip = (leerroute: 'b1' | 'onderwijs' | 'z' = 'b1', dagtekening = '2026-03-02'): Opdracht => ({
  type: 'stelPipVast',
  dagtekening,
  leerroute,
});

/** Applies commands in order (each on `vandaag`), as the workflow would. */
export function gegeven(
  opdrachten: (Opdracht | [Opdracht, PlainDate])[],
  start = initialState('traject-1'),
): TrajectState {
  let state = start;
  for (const o of opdrachten) {
    const [opdracht, vandaag] = Array.isArray(o) ? o : [o, LATER];
    state = decide(state, maak(opdracht), vandaag).reduce(evolve, state);
  }
  return state;
}

export function wanneer(
  state: TrajectState,
  opdracht: Opdracht | TrajectCommand,
  vandaag: PlainDate = LATER,
) {
  const command =
    'commandId' in opdracht && opdracht.commandId ? (opdracht as TrajectCommand) : maak(opdracht);
  const events = decide(state, command, vandaag);
  return { events, state: events.reduce(evolve, state), command };
}

export function typen(events: TrajectEvent[]): string[] {
  return events.map((e) => e.type);
}

/** Asserts the rejection code and that the state was not touched. */
export function verwachtFout(
  state: TrajectState,
  opdracht: Opdracht,
  code: FoutCode,
  vandaag: PlainDate = LATER,
): DomainError {
  const voor = JSON.stringify(state);
  let fout: unknown;
  try {
    decide(state, maak(opdracht), vandaag);
  } catch (e) {
    fout = e;
  }
  expect(fout).toBeInstanceOf(DomainError);
  expect((fout as DomainError).code).toBe(code);
  expect(JSON.stringify(state)).toBe(voor);
  return fout as DomainError;
}

/** The standard path: asielstatushouder, kennisgeving 2026-01-05, intake, PIP B1 dated 2026-03-02. */
export function b1Traject(extra: Partial<Omit<Aanmelden, 'type'>> = {}): TrajectState {
  return gegeven([aanmelding(extra), intake(), pip('b1')]);
}
