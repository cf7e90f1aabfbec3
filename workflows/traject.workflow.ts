import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { searchAttributes } from '../contract/search-attributes';
import type { TrajectActivities } from '../contract/traject-activities';
import {
  type AfgewezenCommando,
  COMMANDO_TYPES,
  type CommandoResultaat,
  type CommandoType,
  commandoSignaal,
  commandoUpdate,
  statusQuery,
  type TijdlijnRegel,
  type TrajectStatus,
  type TrajectVoortzetting,
  type TrajectWorkflowInput,
  taakAfgerondSignaal,
  tijdlijnQuery,
} from '../contract/traject-workflow';
import { type DomainError, isDomainError } from '../domain/shared/fouten';
import { datumVanInstant, instantVanDatum } from '../domain/shared/kalender';
import {
  beschrijf,
  type Deadline,
  deadlines,
  decide,
  evolve,
  initialState,
  type OpenTaak,
  type TrajectCommand,
  type TrajectEvent,
  type TrajectState,
  werkTakenBij,
} from '../domain/traject';
import { toSnapshot } from './read-model';

const { schrijfTrajectReadModel, maakTaken, sluitTaken } = proxyActivities<TrajectActivities>({
  startToCloseTimeout: '30 seconds',
  // No maximumAttempts: a database that is down for minutes only delays the write; the
  // workflow keeps its state and keeps accepting messages meanwhile.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const STANDAARD_HISTORY_BUDGET = 10_000;
const MAX_AFGEWEZEN = 50;

/** Today in Europe/Amsterdam by workflow time (deterministic on replay). */
function vandaag(): string {
  return datumVanInstant(Date.now());
}

function domeinFout(err: DomainError): ApplicationFailure {
  // The API maps `categorie` to 409 (conflict) or 422 (regel); the code is the failure type.
  return ApplicationFailure.create({
    type: err.code,
    message: err.detail,
    nonRetryable: true,
    details: [{ code: err.code, categorie: err.categorie, veld: err.veld }],
  });
}

type Effect =
  | { soort: 'nieuweTaken'; taken: OpenTaak[] }
  | { soort: 'sluitTaken'; taken: OpenTaak[]; status: 'afgerond' | 'vervallen' }
  | { soort: 'synchroniseer' };

/**
 * One workflow per traject: an interpreter around the pure decider (domain/traject). It waits
 * for the next message or the earliest pending deadline, feeds it to the decider and runs the
 * side effects the events ask for (tasks, read model, search attributes).
 */
export async function trajectWorkflow(input: TrajectWorkflowInput): Promise<TrajectState> {
  const voort = input.voortzetting;
  let state: TrajectState = voort?.state ?? initialState(input.trajectId);
  let versie = voort?.versie ?? 0;
  let openTaken: OpenTaak[] = voort?.openTaken ?? [];
  let afgewezen: AfgewezenCommando[] = voort?.afgewezen ?? [];
  const geschiedenis: TijdlijnRegel[] = voort?.geschiedenis ?? [];
  const effecten: Effect[] = [];
  const budget = input.historyBudget ?? STANDAARD_HISTORY_BUDGET;

  const pasToe = (command: TrajectCommand, peildatum = vandaag()): TrajectEvent[] => {
    const events = decide(state, command, peildatum);
    if (events.length === 0) return events;
    state = events.reduce(evolve, state);
    versie += events.length;
    const ontvangen = vandaag();
    for (const event of events) {
      if (event.type !== 'deadlineVervallen') {
        geschiedenis.push({ datum: ontvangen, soort: 'gebeurd', beschrijving: beschrijf(event) });
      }
    }
    const taken = werkTakenBij(openTaken, events);
    openTaken = taken.taken;
    if (taken.nieuw.length > 0) effecten.push({ soort: 'nieuweTaken', taken: taken.nieuw });
    if (taken.afgerond.length > 0)
      effecten.push({ soort: 'sluitTaken', taken: taken.afgerond, status: 'afgerond' });
    if (taken.vervallen.length > 0)
      effecten.push({ soort: 'sluitTaken', taken: taken.vervallen, status: 'vervallen' });
    effecten.push({ soort: 'synchroniseer' });
    return events;
  };

  if (!voort) {
    try {
      pasToe(input.aanmelding);
    } catch (err) {
      // The API validated the aanmelding with the same rulebook; this only guards direct starts.
      if (isDomainError(err)) throw domeinFout(err);
      throw err;
    }
  }

  const status = (): TrajectStatus => ({ state, deadlines: deadlines(state), openTaken, afgewezen, versie });
  const resultaat = (events: TrajectEvent[]): CommandoResultaat => ({
    toegepast: events.length > 0,
    events: events.map((e) => ({ type: e.type, beschrijving: beschrijf(e) })),
    status: status(),
  });

  setHandler(statusQuery, status);
  setHandler(tijdlijnQuery, () => [
    ...geschiedenis,
    ...deadlines(state).map(
      (d): TijdlijnRegel => ({ datum: d.datum, soort: 'gepland', beschrijving: d.omschrijving }),
    ),
  ]);

  // Closed by hand in the task list (the API already marked the row): no longer open here either.
  // Unknown or already closed: nothing to do, so a repeat is harmless.
  setHandler(taakAfgerondSignaal, (t) => {
    const taak = openTaken.find(
      (o) => o.sleutel === t.sleutel && o.soort === t.soort && o.vervaldatum === t.vervaldatum,
    );
    if (!taak) return;
    openTaken = openTaken.filter((o) => o !== taak);
    geschiedenis.push({
      datum: vandaag(),
      soort: 'gebeurd',
      beschrijving: `Taak afgerond: ${taak.omschrijving}`,
    });
  });

  for (const type of COMMANDO_TYPES) {
    const commando = (payload: object): TrajectCommand => ({ ...payload, type }) as TrajectCommand;
    setHandler(
      commandoUpdate(type as CommandoType),
      (payload) => {
        try {
          return resultaat(pasToe(commando(payload)));
        } catch (err) {
          if (isDomainError(err)) throw domeinFout(err);
          throw err;
        }
      },
      {
        // Synchronous, and throwing: a rejected update leaves no trace in the history.
        validator: (payload) => {
          try {
            decide(state, commando(payload), vandaag());
          } catch (err) {
            if (isDomainError(err)) throw domeinFout(err);
            throw err;
          }
        },
      },
    );
    // Applied at once (the decider is synchronous), so a query in the same task already sees it.
    setHandler(commandoSignaal(type as CommandoType), (payload) => {
      const command = commando(payload);
      try {
        pasToe(command);
      } catch (err) {
        if (!isDomainError(err)) throw err;
        // A feed message that does not fit is kept for the casemanager, never thrown away.
        const regel: AfgewezenCommando = {
          commandId: command.commandId,
          type: command.type,
          code: err.code,
          detail: err.detail,
          ontvangenOp: vandaag(),
        };
        afgewezen = [regel, ...afgewezen].slice(0, MAX_AFGEWEZEN);
        log.warn('signaal afgewezen door het regelboek', { type: command.type, code: err.code });
      }
    });
  }

  const synchroniseer = async (): Promise<void> => {
    const open = deadlines(state);
    const volgende = open[0];
    const updates: SearchAttributeUpdatePair[] = [
      { key: searchAttributes.Fase, value: state.fase },
      { key: searchAttributes.Leerroute, value: state.leerroute },
      { key: searchAttributes.Casemanager, value: state.casemanager },
      {
        key: searchAttributes.TermijnEinde,
        value: state.termijnEinde ? new Date(instantVanDatum(state.termijnEinde)) : null,
      },
      {
        key: searchAttributes.VolgendeDeadline,
        value: volgende ? new Date(instantVanDatum(volgende.datum, volgende.tijd)) : null,
      },
    ];
    if (state.gemeente) updates.push({ key: searchAttributes.Gemeente, value: state.gemeente });
    if (state.doelgroep) updates.push({ key: searchAttributes.Doelgroep, value: state.doelgroep });
    upsertSearchAttributes(updates);
    await schrijfTrajectReadModel(
      toSnapshot({ state, deadlines: open, kennisgevingsdatum: input.aanmelding.kennisgevingsdatum, versie }),
    );
  };

  /** Runs queued side effects in order; only this loop calls activities. */
  const voerEffectenUit = async (): Promise<void> => {
    while (effecten.length > 0) {
      const effect = effecten.shift()!;
      if (effect.soort === 'synchroniseer') {
        // One read-model write covers every change queued before it.
        while (effecten[0]?.soort === 'synchroniseer') effecten.shift();
        await synchroniseer();
      } else if (effect.soort === 'nieuweTaken') {
        await maakTaken({
          trajectId: state.trajectId,
          gemeente: state.gemeente ?? '',
          casemanager: state.casemanager,
          taken: effect.taken,
        });
      } else {
        await sluitTaken({ trajectId: state.trajectId, taken: effect.taken, status: effect.status });
      }
    }
  };

  const moetDoorgaanAlsNieuw = (): boolean =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= budget;

  // Safety net: a deadline the decider did not consume must not re-fire in a tight loop.
  const afgevuurd = new Set<string>();
  const volgendeDeadline = (): Deadline | undefined =>
    deadlines(state).find((d) => !afgevuurd.has(`${d.id}@${d.datum}`));
  const vuur = (d: Deadline): void => {
    afgevuurd.add(`${d.id}@${d.datum}`);
    // The timer fired, so it is at least that instant, even if the task's clock reads a hair
    // earlier: a deadline at 00:00 must not be judged "not yet" on the day before.
    const peildatum = datumVanInstant(Math.max(Date.now(), instantVanDatum(d.datum, d.tijd)));
    try {
      pasToe(
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
  };

  for (;;) {
    await voerEffectenUit();
    if (state.afgesloten) break;
    if (moetDoorgaanAlsNieuw()) {
      // Let running handlers finish; a message that arrives meanwhile is applied to the state
      // (and its effects run) before the state travels on.
      await condition(allHandlersFinished);
      await voerEffectenUit();
      const voortzetting: TrajectVoortzetting = { state, versie, openTaken, afgewezen, geschiedenis };
      await continueAsNew<typeof trajectWorkflow>({ ...input, voortzetting });
    }
    const volgende = volgendeDeadline();
    const wacht = volgende ? instantVanDatum(volgende.datum, volgende.tijd) - Date.now() : undefined;
    if (volgende && wacht !== undefined && wacht <= 0) {
      vuur(volgende);
      continue;
    }
    const wakker = () => effecten.length > 0;
    const bericht = wacht === undefined ? await condition(wakker) : await condition(wakker, wacht);
    if (!bericht && volgende) vuur(volgende);
  }

  await condition(allHandlersFinished);
  await voerEffectenUit();
  return state;
}
