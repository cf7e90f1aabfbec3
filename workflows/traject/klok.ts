import { CancellationScope, condition, isCancellation, log, sleep } from '@temporalio/workflow';
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

/**
 * Issue 14: the timer of the earliest deadline stays when a message arrives and the deadline did not
 * move. A `condition` with a time-out starts a timer for every wait and cancels it when a message
 * comes first: two history events per command for nothing. The wekker keeps one timer per deadline
 * instant and replaces it only when the instant changes (or stops it when there is no deadline).
 */
export class Wekker {
  private huidig?: { instant: number; scope: CancellationScope; gegaan: boolean };

  /** Waits for `werk` or the deadline's instant: true = there is work, false = the timer went off. */
  async wacht(werk: () => boolean, deadline: Deadline, wachtMs: number): Promise<boolean> {
    const instant = instantVanDatum(deadline.datum, deadline.tijd);
    if (this.huidig?.instant !== instant || this.huidig.gegaan) {
      this.stop();
      const timer = { instant, scope: new CancellationScope(), gegaan: false };
      timer.scope
        .run(() => sleep(wachtMs))
        .then(
          () => {
            timer.gegaan = true;
          },
          (err: unknown) => {
            if (!isCancellation(err)) throw err;
          },
        );
      this.huidig = timer;
    }
    const timer = this.huidig;
    await condition(() => werk() || timer.gegaan);
    return werk();
  }

  /** No deadline to wait for: the pending timer goes. */
  stop(): void {
    if (this.huidig && !this.huidig.gegaan) this.huidig.scope.cancel();
    this.huidig = undefined;
  }
}
