import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  TemporalFailure,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { AuditActivities, AuditOpdracht } from '../../contract/audit';
import { searchAttributes } from '../../contract/search-attributes';
import type { TrajectActivities } from '../../contract/traject-activities';
import { instantVanDatum } from '../../domain/shared/kalender';
import { deadlines } from '../../domain/traject';
import { toSnapshot } from '../read-model';
import type { TrajectProces } from './proces';

const { schrijfTrajectReadModel, maakTaken, sluitTaken } = proxyActivities<TrajectActivities>({
  // A single write takes milliseconds: an attempt on a worker that died is retried after 10 s.
  startToCloseTimeout: '10 seconds',
  // No maximumAttempts: a database that is down for minutes only delays the write; the
  // workflow keeps its state and keeps accepting messages meanwhile. At most 10 s between
  // attempts, so the read model catches up soon after Postgres is back (issue 13).
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

// The audit row of an applied command must land, however long Postgres is away (no maximumAttempts);
// a short maximum interval lets it land soon after Postgres is back.
const { schrijfAudit } = proxyActivities<AuditActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/**
 * Issue 14: every side effect first as a local activity, in the workflow task that applied the command
 * (one marker event instead of an activity's three events and the workflow task its completion starts;
 * an Update's answer leaves with that task, so the casemanager reads the read model already written).
 * When Postgres is slow or away the local attempt gives up after a few seconds and the same effect
 * runs as the regular activity above, retried for as long as it takes: the workflow task completes,
 * the command is acknowledged and nothing is lost (issue 13's fault suite). All effects are idempotent,
 * so a local attempt that wrote but timed out and its regular retry do no harm.
 */
export const EFFECTEN_LOKAAL_PATCH = 'effecten-lokaal';

const lokaal = proxyLocalActivities<TrajectActivities & AuditActivities>({
  startToCloseTimeout: '3 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumAttempts: 2 },
});

type Acties = Pick<
  TrajectActivities & AuditActivities,
  'schrijfTrajectReadModel' | 'maakTaken' | 'sluitTaken' | 'schrijfAudit'
>;
const regulier: Acties = { schrijfTrajectReadModel, maakTaken, sluitTaken, schrijfAudit };

type Actie = (...args: unknown[]) => Promise<unknown>;

function eerstLokaal<K extends keyof Acties>(naam: K): Acties[K] {
  const probeerLokaal = lokaal[naam] as unknown as Actie;
  const daarnaRegulier = regulier[naam] as unknown as Actie;
  const actie: Actie = async (...args) => {
    try {
      return await probeerLokaal(...args);
    } catch (err) {
      // A failed local activity arrives as its cause (e.g. the ApplicationFailure of "connection
      // refused"), not wrapped in an ActivityFailure: any Temporal failure but a cancellation goes on.
      if (isCancellation(err) || !(err instanceof TemporalFailure)) throw err;
      return await daarnaRegulier(...args);
    }
  };
  return actie as unknown as Acties[K];
}
const lokaalEerst: Acties = {
  schrijfTrajectReadModel: eerstLokaal('schrijfTrajectReadModel'),
  maakTaken: eerstLokaal('maakTaken'),
  sluitTaken: eerstLokaal('sluitTaken'),
  schrijfAudit: eerstLokaal('schrijfAudit'),
};

/** The effects' activities: local first from this version on; recorded runs replay the regular ones. */
const acties = (): Acties => (patched(EFFECTEN_LOKAAL_PATCH) ? lokaalEerst : regulier);

/**
 * Issue 14: a command costs fewer history events. The audit rows waiting when the read model is
 * written ride along in that one activity (one activity instead of two, and one workflow task less),
 * and search attributes are upserted only when one of them changed. Runs without the marker replay
 * the old way (test/fixtures/histories).
 */
export const EFFECTEN_GEBUNDELD_PATCH = 'effecten-gebundeld';

function gelijk(a: unknown, b: unknown): boolean {
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

/** Only the pairs whose value differs from what the workflow already carries. */
function veranderd(updates: SearchAttributeUpdatePair[]): SearchAttributeUpdatePair[] {
  const huidig = workflowInfo().typedSearchAttributes;
  return updates.filter((u) => !gelijk(huidig.get(u.key), u.value));
}

/** Search attributes and the read-model row follow the state (upserted in the same workflow task). */
async function synchroniseer(
  proces: TrajectProces,
  kennisgevingsdatum: string,
  gebundeld?: { audit: AuditOpdracht[]; acties: Acties },
): Promise<void> {
  const { state, versie } = proces.toestand;
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
  const snapshot = toSnapshot({ state, deadlines: open, kennisgevingsdatum, versie });
  if (!gebundeld) {
    upsertSearchAttributes(updates);
    await schrijfTrajectReadModel(snapshot);
    return;
  }
  const nieuw = veranderd(updates);
  if (nieuw.length > 0) upsertSearchAttributes(nieuw);
  const { schrijfTrajectReadModel: schrijf } = gebundeld.acties;
  await (gebundeld.audit.length > 0 ? schrijf(snapshot, gebundeld.audit) : schrijf(snapshot));
}

/** Takes every audit row still queued out of the queue (their order kept). */
function neemAuditRegels(effecten: TrajectProces['effecten']): AuditOpdracht[] {
  const regels: AuditOpdracht[] = [];
  for (let i = 0; i < effecten.length; ) {
    const e = effecten[i];
    if (e.soort === 'audit') {
      regels.push(e.regel);
      effecten.splice(i, 1);
    } else i += 1;
  }
  return regels;
}

/**
 * Runs the queued side effects in order; only the main loop calls this. `onderbreek`: stop between two
 * effects when it holds (time to continue-as-new: under a steady stream of messages the queue never
 * empties, and the rest travels to the next run).
 */
export async function voerEffectenUit(
  proces: TrajectProces,
  kennisgevingsdatum: string,
  onderbreek?: () => boolean,
): Promise<void> {
  const effecten = proces.effecten;
  while (effecten.length > 0) {
    if (onderbreek?.()) return;
    const effect = effecten.shift()!;
    if (effect.soort === 'audit') {
      // Every audit row waiting now in one activity (one INSERT).
      const regels: AuditOpdracht[] = [effect.regel];
      for (let i = effecten.length - 1; i >= 0; i -= 1) {
        const e = effecten[i];
        if (e.soort === 'audit') {
          regels.splice(1, 0, e.regel);
          effecten.splice(i, 1);
        }
      }
      await acties().schrijfAudit(regels);
    } else if (effect.soort === 'synchroniseer') {
      // One read-model write covers every change queued before it.
      while (effecten[0]?.soort === 'synchroniseer') effecten.shift();
      if (patched(EFFECTEN_GEBUNDELD_PATCH)) {
        await synchroniseer(proces, kennisgevingsdatum, {
          audit: neemAuditRegels(effecten),
          acties: acties(),
        });
      } else {
        await synchroniseer(proces, kennisgevingsdatum);
      }
    } else if (effect.soort === 'nieuweTaken') {
      await acties().maakTaken({
        trajectId: proces.state.trajectId,
        gemeente: proces.state.gemeente ?? '',
        casemanager: proces.state.casemanager,
        taken: effect.taken,
      });
    } else {
      await acties().sluitTaken({
        trajectId: proces.state.trajectId,
        taken: effect.taken,
        status: effect.status,
      });
    }
  }
}
