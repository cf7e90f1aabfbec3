import { log } from '@temporalio/workflow';
import { isDomainError } from '../../domain/shared/fouten';
import { datumVanInstant, instantVanDatum } from '../../domain/shared/kalender';
import { type Deadline, deadlines } from '../../domain/traject';
import type { TrajectProces } from './proces';

/**
 * The traject's timers: every pending deadline is a calendar date (domain/traject/deadlines.ts); the
 * loop waits for the earliest and tells the rulebook when it is reached.
 */
export class Klok {
  /** Safety net: a deadline the decider did not consume must not be reached again in a tight loop. */
  private readonly bereikt = new Set<string>();

  constructor(private readonly proces: TrajectProces) {}

  /** The earliest pending deadline not handled yet, and how long until it is due (≤ 0: due now). */
  volgende(): { deadline: Deadline; wachtMs: number } | undefined {
    const deadline = deadlines(this.proces.state).find((d) => !this.bereikt.has(`${d.id}@${d.datum}`));
    return deadline && { deadline, wachtMs: instantVanDatum(deadline.datum, deadline.tijd) - Date.now() };
  }

  /** The timer of `d` went off: the rulebook decides what it means (signal, nothing, or overtaken). */
  verwerk(d: Deadline): void {
    this.bereikt.add(`${d.id}@${d.datum}`);
    // The timer fired, so it is at least that instant, even if the task's clock reads a hair
    // earlier: a deadline at 00:00 must not be judged "not yet" on the day before.
    const peildatum = datumVanInstant(Math.max(Date.now(), instantVanDatum(d.datum, d.tijd)));
    try {
      this.proces.pasToe(
        {
          type: 'deadlineBereikt',
          commandId: `deadline:${d.id}@${d.datum}`,
          deadlineId: d.id,
          datum: d.datum,
        },
        peildatum,
      );
    } catch (err) {
      if (!isDomainError(err)) throw err;
      log.warn('deadline niet verwerkt', { soort: d.soort, code: err.code });
    }
  }
}
