import type { PlainDate } from './kalender';

/**
 * The decider pattern (fraktalio/fmodel): a rulebook as three pure functions. `decide` says which
 * events a command adds (or throws a DomainError), `evolve` folds an event into the state.
 */
export interface Decider<C, S, E> {
  initialState(id: string): S;
  decide(state: S, command: C, today: PlainDate): E[];
  evolve(state: S, event: E): S;
}
