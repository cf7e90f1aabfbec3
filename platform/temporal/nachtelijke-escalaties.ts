import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  type Client,
  isGrpcServiceError,
  ScheduleAlreadyRunning,
  type ScheduleDescription,
  ScheduleNotFoundError,
  type ScheduleOptions,
  ScheduleOverlapPolicy,
} from '@temporalio/client';
import {
  compileUpdatedScheduleOptions,
  encodeScheduleAction,
  encodeSchedulePolicies,
  encodeScheduleSpec,
  encodeScheduleState,
} from '@temporalio/client/lib/schedule-helpers';
import { ESCALATIE_RONDE_WORKFLOW_TYPE, type EscalatieRondeInput } from '../../contract/escalatie-ronde';
import type { EscalatieBeleidPerGemeente } from '../../domain/beleid';
import { TIJDZONE, type Tijd } from '../../domain/shared/kalender';
import { DEFAULTS } from '../config';

/** Stable name: operations and the API find the schedule by it (configurable: `EscalatieRondeConfig.scheduleId`). */
export const NACHTELIJKE_ESCALATIES_SCHEDULE_ID = DEFAULTS.escalatierondeScheduleId;

export interface NachtelijkeEscalatiesConfig {
  /** Wall-clock time in Europe/Amsterdam, `HH:MM`; never 02:00–02:59 (see `platform/config.ts`). */
  tijd: Tijd;
  /** A night missed during an outage still runs (once) when the server is back within this window. */
  inhaalvensterUren: number;
  taskQueue: string;
  beleid: EscalatieBeleidPerGemeente;
  /** Another schedule than the one operations uses (tests on a shared dev server); default the stable name. */
  scheduleId?: string;
}

/**
 * The schedule: every day at `tijd` Europe/Amsterdam, overlap SKIP (a run still busy makes the next
 * one skip, never two at once), an explicit catch-up window. Temporal evaluates the calendar in the
 * zone but does not correct for DST, which is why the time must not fall in 02:00–03:00.
 */
export function nachtelijkeEscalatiesSchedule(config: NachtelijkeEscalatiesConfig): ScheduleOptions {
  const [uur, minuut] = config.tijd.split(':').map(Number);
  const input: EscalatieRondeInput = { beleid: config.beleid };
  return {
    scheduleId: config.scheduleId ?? NACHTELIJKE_ESCALATIES_SCHEDULE_ID,
    spec: {
      calendars: [{ hour: uur, minute: minuut, comment: `elke nacht om ${config.tijd} ${TIJDZONE}` }],
      timezone: TIJDZONE,
    },
    action: {
      type: 'startWorkflow',
      workflowType: ESCALATIE_RONDE_WORKFLOW_TYPE,
      // Temporal appends the scheduled time: `nachtelijke-escalaties-2026-11-02T03:00:00Z`.
      workflowId: config.scheduleId ?? NACHTELIJKE_ESCALATIES_SCHEDULE_ID,
      taskQueue: config.taskQueue,
      args: [input],
    },
    policies: {
      overlap: ScheduleOverlapPolicy.SKIP,
      catchupWindow: `${config.inhaalvensterUren} hours`,
      pauseOnFailure: false,
    },
    state: { note: 'Aangemaakt bij het starten van de worker' },
  };
}

/** Tries of the conflict-token update before giving up (each lost only to a change in between). */
const MAX_POGINGEN = 10;
/** gRPC status of a refused conflict token. */
const GRPC_FAILED_PRECONDITION = 9;

/** What the configuration decides of the schedule, as the schedule's description shows it. */
function zoalsBeschreven(d: ScheduleDescription) {
  const kalender = d.spec.calendars?.[0];
  const actie = d.action.type === 'startWorkflow' ? d.action : undefined;
  return {
    uur: kalender?.hour?.[0]?.start,
    minuut: kalender?.minute?.[0]?.start,
    tijdzone: d.spec.timezone,
    workflowType: actie?.workflowType,
    workflowId: actie?.workflowId,
    taskQueue: actie?.taskQueue,
    args: JSON.stringify(actie?.args ?? []),
    overlap: d.policies.overlap,
    inhaalvensterMs: d.policies.catchupWindow,
    pauzeerBijFout: d.policies.pauseOnFailure,
  };
}

function zoalsGeconfigureerd(config: NachtelijkeEscalatiesConfig): ReturnType<typeof zoalsBeschreven> {
  const [uur, minuut] = config.tijd.split(':').map(Number);
  const opties = nachtelijkeEscalatiesSchedule(config);
  return {
    uur,
    minuut,
    tijdzone: TIJDZONE,
    workflowType: ESCALATIE_RONDE_WORKFLOW_TYPE,
    workflowId: opties.action.workflowId,
    taskQueue: config.taskQueue,
    args: JSON.stringify(opties.action.args),
    overlap: ScheduleOverlapPolicy.SKIP,
    inhaalvensterMs: config.inhaalvensterUren * 60 * 60 * 1000,
    pauzeerBijFout: false,
  };
}

/**
 * Creates the schedule, or brings an existing one up to date with this configuration (time, task
 * queue, policy, catch-up window, input). Idempotent, safe for every worker start. A pause set by
 * operations survives, also one that arrives while this runs: the update carries the conflict token
 * of the description whose state (paused, note) it keeps, so it never lands on a newer state. The
 * scheduler drops an update with a stale token (or the server refuses it); then the schedule is read
 * again and the update sent again, until the description shows this configuration.
 */
export async function zorgVoorNachtelijkeEscalaties(
  client: Client,
  config: NachtelijkeEscalatiesConfig,
): Promise<'aangemaakt' | 'bijgewerkt'> {
  const opties = nachtelijkeEscalatiesSchedule(config);
  try {
    await client.schedule.create(opties);
    return 'aangemaakt';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  const handle = client.schedule.getHandle(opties.scheduleId);
  const gewenst = compileUpdatedScheduleOptions(opties.scheduleId, {
    spec: opties.spec,
    action: opties.action,
    policies: opties.policies,
    state: {},
  });
  for (let poging = 1; ; poging += 1) {
    const vorige = await handle.describe();
    try {
      await client.workflowService.updateSchedule({
        namespace: client.options.namespace,
        scheduleId: opties.scheduleId,
        conflictToken: vorige.raw.conflictToken,
        schedule: {
          spec: encodeScheduleSpec(gewenst.spec),
          action: await encodeScheduleAction(
            client.options.loadedDataConverter,
            client.options.namespace,
            gewenst.action,
            // Keep the headers the schedule has (as the SDK's own update does).
            vorige.raw.schedule?.action?.startWorkflow?.header?.fields ?? {},
          ),
          policies: encodeSchedulePolicies(gewenst.policies),
          state: encodeScheduleState({ paused: vorige.state.paused, note: vorige.state.note }),
        },
        identity: client.options.identity,
        requestId: randomUUID(),
      });
    } catch (err) {
      // A server that checks the token up front refuses a stale one: read again.
      if (!(isGrpcServiceError(err) && err.code === GRPC_FAILED_PRECONDITION) || poging >= MAX_POGINGEN)
        throw err;
      continue;
    }
    // The scheduler applies an update asynchronously and drops one with a stale token without an error:
    // the update landed when the schedule (read after it, so after its signal) shows this configuration.
    if (isDeepStrictEqual(zoalsBeschreven(await handle.describe()), zoalsGeconfigureerd(config)))
      return 'bijgewerkt';
    if (poging >= MAX_POGINGEN) {
      throw new Error(
        `Schedule ${opties.scheduleId} niet bijgewerkt na ${MAX_POGINGEN} pogingen: het veranderde steeds tussendoor`,
      );
    }
  }
}

export async function pauzeerNachtelijkeEscalaties(
  client: Client,
  notitie: string,
  scheduleId: string = NACHTELIJKE_ESCALATIES_SCHEDULE_ID,
): Promise<void> {
  await client.schedule.getHandle(scheduleId).pause(notitie);
}

export async function hervatNachtelijkeEscalaties(
  client: Client,
  notitie: string,
  scheduleId: string = NACHTELIJKE_ESCALATIES_SCHEDULE_ID,
): Promise<void> {
  await client.schedule.getHandle(scheduleId).unpause(notitie);
}

/** Starts a run now (also when paused); skipped when a run is still busy. */
export async function startNachtelijkeEscalatiesNu(
  client: Client,
  scheduleId: string = NACHTELIJKE_ESCALATIES_SCHEDULE_ID,
): Promise<void> {
  await client.schedule.getHandle(scheduleId).trigger(ScheduleOverlapPolicy.SKIP);
}

export interface NachtelijkeEscalatiesStatus {
  scheduleId: string;
  gepauzeerd: boolean;
  notitie: string | null;
  /** The calendar, e.g. `04:00 Europe/Amsterdam`. */
  tijd: string | null;
  inhaalvensterMs: number;
  volgendeRuns: Date[];
  recenteRuns: { geplandOp: Date; gestartOp: Date; workflowId: string }[];
}

/** The schedule's state for operations; null when it does not exist (no worker started yet). */
export async function beschrijfNachtelijkeEscalaties(
  client: Client,
  scheduleId: string = NACHTELIJKE_ESCALATIES_SCHEDULE_ID,
): Promise<NachtelijkeEscalatiesStatus | null> {
  try {
    const d = await client.schedule.getHandle(scheduleId).describe();
    const kalender = d.spec.calendars?.[0];
    const uur = kalender?.hour?.[0]?.start;
    const minuut = kalender?.minute?.[0]?.start;
    const tweeCijfers = (n: number) => String(n).padStart(2, '0');
    return {
      scheduleId: d.scheduleId,
      gepauzeerd: d.state.paused,
      notitie: d.state.note ?? null,
      tijd:
        uur === undefined || minuut === undefined
          ? null
          : `${tweeCijfers(uur)}:${tweeCijfers(minuut)} ${d.spec.timezone ?? 'UTC'}`,
      inhaalvensterMs: d.policies.catchupWindow,
      volgendeRuns: d.info.nextActionTimes,
      recenteRuns: d.info.recentActions.map((a) => ({
        geplandOp: a.scheduledAt,
        gestartOp: a.takenAt,
        workflowId: a.action.workflow.workflowId,
      })),
    };
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}
