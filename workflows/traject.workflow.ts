import { allHandlersFinished, condition, continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import { alsApplicationFailure } from '../contract/fouten';
import type { TrajectWorkflowInput } from '../contract/traject-workflow';
import { isDomainError } from '../domain/shared/fouten';
import type { TrajectState } from '../domain/traject';
import { registreerBerichten } from './traject/berichten';
import { voerEffectenUit } from './traject/effecten';
import { Klok, Wekker } from './traject/klok';
import { TrajectProces } from './traject/proces';

/** Continue-as-new once a run's history is this long (Temporal also suggests it on its own). */
const STANDAARD_HISTORY_BUDGET = 10_000;
/** From this version on a new traject pins its gemeente's route (domain/route.ts). */
export const ROUTE_PATCH = 'gemeente-route';
/** From this version on the deadline's timer survives messages that do not move it. */
export const DEADLINE_TIMER_PATCH = 'deadline-timer-blijft';

/**
 * One workflow per traject: wait for the next message or the earliest deadline, let the rulebook
 * (domain/traject) decide, act on what it decided (tasks, read model, search attributes). Messages
 * are handled in traject/berichten.ts, timers in traject/klok.ts, side effects in traject/effecten.ts.
 */
export async function trajectWorkflow(input: TrajectWorkflowInput): Promise<TrajectState> {
  const proces = new TrajectProces(input);
  const klok = new Klok(proces);
  const budget = input.historyBudget ?? STANDAARD_HISTORY_BUDGET;
  const handelUit = (onderbreek?: () => boolean) =>
    voerEffectenUit(proces, input.aanmelding.kennisgevingsdatum, onderbreek);
  const tijdVoorNieuweRun = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= budget;
  // Runs that began before this version drained every effect before continuing as new (and could
  // not stop mid-queue); newer runs carry unfinished effects over instead. Replay keeps the old way.
  const effectenMee = patched('effecten-mee-over-continue-as-new');
  // Issue 14: one timer per deadline instant across messages (traject/klok.ts); older runs replay
  // a timer per wait.
  const wekker = patched(DEADLINE_TIMER_PATCH) ? new Wekker() : undefined;

  if (!input.voortzetting) {
    // The gemeente's route (issue 15 point 7) is pinned by trajecten that start from this version on;
    // recorded histories of older starts replay without one.
    const aanmelding = patched(ROUTE_PATCH) ? { ...input.aanmelding, gemeenteRoute: true } : input.aanmelding;
    try {
      proces.pasToe(aanmelding);
      proces.auditeer(aanmelding, input.herkomst);
    } catch (err) {
      // The API checked the aanmelding with the same rulebook; this only guards direct starts.
      throw isDomainError(err) ? alsApplicationFailure(err) : err;
    }
  }
  registreerBerichten(proces);

  for (;;) {
    await handelUit(effectenMee ? tijdVoorNieuweRun : undefined);
    if (proces.state.afgesloten) break;
    if (tijdVoorNieuweRun()) {
      // Let running handlers finish; a message that arrives meanwhile is applied to the state, and
      // the effects still queued travel with it to the next run, which runs them first.
      await condition(allHandlersFinished);
      if (!effectenMee) await handelUit();
      await continueAsNew<typeof trajectWorkflow>({
        ...input,
        voortzetting: proces.voortzetting(input.tijdlijnBudget, effectenMee),
      });
    }
    const volgende = klok.volgende();
    if (volgende && volgende.wachtMs <= 0) {
      klok.verwerk(volgende.deadline);
      continue;
    }
    // Wait for a message (it queues effects) or for the deadline's timer.
    let bericht: boolean;
    if (volgende && wekker)
      bericht = await wekker.wacht(() => proces.heeftWerk(), volgende.deadline, volgende.wachtMs);
    else if (volgende) bericht = await condition(() => proces.heeftWerk(), volgende.wachtMs);
    else {
      wekker?.stop();
      await condition(() => proces.heeftWerk());
      bericht = true;
    }
    if (!bericht && volgende) klok.verwerk(volgende.deadline);
  }

  await condition(allHandlersFinished);
  await handelUit();
  return proces.state;
}
