import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  type ScheduleOptions,
  ScheduleOverlapPolicy,
} from '@temporalio/client';
import { ESCALATIE_RONDE_WORKFLOW_TYPE, type EscalatieRondeInput } from '../../contract/escalatie-ronde';
import type { EscalatieBeleidPerGemeente } from '../../domain/beleid';
import { TIJDZONE, type Tijd } from '../../domain/shared/kalender';

/** Stable name: operations and the API find the schedule by it. */
export const NACHTELIJKE_ESCALATIES_SCHEDULE_ID = 'nachtelijke-escalaties';

export interface NachtelijkeEscalatiesConfig {
  /** Wall-clock time in Europe/Amsterdam, `HH:MM`; never 02:00–02:59 (see `platform/config.ts`). */
  tijd: Tijd;
  /** A night missed during an outage still runs (once) when the server is back within this window. */
  inhaalvensterUren: number;
  taskQueue: string;
  beleid: EscalatieBeleidPerGemeente;
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
    scheduleId: NACHTELIJKE_ESCALATIES_SCHEDULE_ID,
    spec: {
      calendars: [{ hour: uur, minute: minuut, comment: `elke nacht om ${config.tijd} ${TIJDZONE}` }],
      timezone: TIJDZONE,
    },
    action: {
      type: 'startWorkflow',
      workflowType: ESCALATIE_RONDE_WORKFLOW_TYPE,
      // Temporal appends the scheduled time: `nachtelijke-escalaties-2026-11-02T03:00:00Z`.
      workflowId: NACHTELIJKE_ESCALATIES_SCHEDULE_ID,
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

/**
 * Creates the schedule, or brings an existing one up to date with this configuration (time, task
 * queue, policy, catch-up window). Idempotent, safe for every worker start. A pause set by operations
 * survives: the update keeps the schedule's state and note.
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
  await client.schedule.getHandle(NACHTELIJKE_ESCALATIES_SCHEDULE_ID).update((vorige) => ({
    spec: opties.spec,
    action: opties.action,
    policies: opties.policies,
    state: { paused: vorige.state.paused, note: vorige.state.note },
  }));
  return 'bijgewerkt';
}

export async function pauzeerNachtelijkeEscalaties(client: Client, notitie: string): Promise<void> {
  await client.schedule.getHandle(NACHTELIJKE_ESCALATIES_SCHEDULE_ID).pause(notitie);
}

export async function hervatNachtelijkeEscalaties(client: Client, notitie: string): Promise<void> {
  await client.schedule.getHandle(NACHTELIJKE_ESCALATIES_SCHEDULE_ID).unpause(notitie);
}

/** Starts a run now (also when paused); skipped when a run is still busy. */
export async function startNachtelijkeEscalatiesNu(client: Client): Promise<void> {
  await client.schedule.getHandle(NACHTELIJKE_ESCALATIES_SCHEDULE_ID).trigger(ScheduleOverlapPolicy.SKIP);
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
): Promise<NachtelijkeEscalatiesStatus | null> {
  try {
    const d = await client.schedule.getHandle(NACHTELIJKE_ESCALATIES_SCHEDULE_ID).describe();
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
