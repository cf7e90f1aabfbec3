import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { isDomainError } from '../domain/shared/fouten';
import { datumVanInstant, instantVanDatum } from '../domain/shared/kalender';
import {
  deadlines,
  decide,
  evolve,
  initialState,
  type TrajectCommand,
  type TrajectEvent,
  type TrajectState,
} from '../domain/traject';
import { statusQuery, type TrajectStatus, type TrajectWorkflowInput } from './messages';
import { toSnapshot } from './read-model';
import { SA } from './search-attributes';

const { schrijfTrajectReadModel } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // No maximumAttempts: a database that is down for minutes only delays the write; the
  // workflow keeps its state and keeps accepting messages meanwhile.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Today in Europe/Amsterdam by workflow time (deterministic on replay). */
function vandaag(): string {
  return datumVanInstant(Date.now());
}

/**
 * One workflow per traject: an interpreter around the pure decider (domain/traject). It waits
 * for the next message or the earliest pending deadline, feeds it to the decider and runs the
 * side effects the events ask for.
 */
export async function trajectWorkflow(input: TrajectWorkflowInput): Promise<TrajectState> {
  let state: TrajectState;
  let versie: number;

  const pasToe = (command: TrajectCommand): TrajectEvent[] => {
    const events = decide(state, command, vandaag());
    state = events.reduce(evolve, state);
    versie += events.length;
    return events;
  };

  if (input.voortzetting) {
    state = input.voortzetting.state;
    versie = input.voortzetting.versie;
  } else {
    state = initialState(input.trajectId);
    versie = 0;
    try {
      pasToe(input.aanmelding);
    } catch (err) {
      if (isDomainError(err)) {
        throw ApplicationFailure.nonRetryable(err.detail, err.code);
      }
      throw err;
    }
  }

  const status = (): TrajectStatus => ({ state, deadlines: deadlines(state), versie });
  setHandler(statusQuery, status);

  const synchroniseer = async (): Promise<void> => {
    const { deadlines: open } = status();
    const volgende = open[0];
    const updates: SearchAttributeUpdatePair[] = [
      { key: SA.Fase, value: state.fase },
      { key: SA.Leerroute, value: state.leerroute },
      { key: SA.Casemanager, value: state.casemanager },
      {
        key: SA.TermijnEinde,
        value: state.termijnEinde ? new Date(instantVanDatum(state.termijnEinde)) : null,
      },
      {
        key: SA.VolgendeDeadline,
        value: volgende ? new Date(instantVanDatum(volgende.datum, volgende.tijd)) : null,
      },
    ];
    if (state.gemeente) updates.push({ key: SA.Gemeente, value: state.gemeente });
    if (state.doelgroep) updates.push({ key: SA.Doelgroep, value: state.doelgroep });
    upsertSearchAttributes(updates);
    await schrijfTrajectReadModel(
      toSnapshot({ state, deadlines: open, kennisgevingsdatum: input.aanmelding.kennisgevingsdatum, versie }),
    );
  };

  await synchroniseer();

  // Safety net: a deadline the decider did not consume must not re-fire in a tight loop.
  const afgehandeld = new Set<string>();
  while (!state.afgesloten) {
    const volgende = deadlines(state).find((d) => !afgehandeld.has(`${d.id}@${d.datum}`));
    const versieVoor = versie;
    const wachttijd = volgende
      ? Math.max(1, instantVanDatum(volgende.datum, volgende.tijd) - Date.now())
      : undefined;
    const veranderd = () => versie !== versieVoor || state.afgesloten;
    const bericht =
      wachttijd === undefined ? await condition(veranderd) : await condition(veranderd, wachttijd);
    if (!bericht && volgende) {
      afgehandeld.add(`${volgende.id}@${volgende.datum}`);
      pasToe({
        type: 'deadlineBereikt',
        commandId: `deadline:${volgende.id}@${volgende.datum}`,
        deadlineId: volgende.id,
        datum: volgende.datum,
      });
    }
    await synchroniseer();
  }
  return state;
}
