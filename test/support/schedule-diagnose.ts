import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { PendingActivityState, PendingWorkflowTaskState } = temporal.api.enums.v1;

/**
 * What a schedule and its runs look like right now, for the failure message of a test that waited
 * in vain: did the scheduler take the action at all (or skip it for overlap, or miss the catch-up
 * window), which workflow did it start, and what is that run waiting for (pending activities with
 * their attempt and last failure, pending workflow task, task queue without a poller).
 */
export async function diagnoseSchedule(client: Client, scheduleId: string): Promise<string> {
  const regels: string[] = [];
  try {
    const d = await client.schedule.getHandle(scheduleId).describe();
    regels.push(
      `schedule ${scheduleId}: gepauzeerd=${d.state.paused} notitie=${JSON.stringify(d.state.note ?? null)}`,
      `  numActionsTaken=${d.info.numActionsTaken} numActionsSkippedOverlap=${d.info.numActionsSkippedOverlap} numActionsMissedCatchupWindow=${d.info.numActionsMissedCatchupWindow}`,
      `  action.taskQueue=${d.action.type === 'startWorkflow' ? d.action.taskQueue : '?'} overlap=${d.policies.overlap}`,
      `  runningActions=${JSON.stringify(d.info.runningActions.map((a) => a.workflow.workflowId))}`,
      `  recentActions=${JSON.stringify(
        d.info.recentActions.map((a) => ({
          scheduledAt: a.scheduledAt.toISOString(),
          takenAt: a.takenAt.toISOString(),
          workflowId: a.action.workflow.workflowId,
        })),
      )}`,
    );
    const ids = new Set([
      ...d.info.recentActions.map((a) => a.action.workflow.workflowId),
      ...d.info.runningActions.map((a) => a.workflow.workflowId),
    ]);
    for (const id of ids) regels.push(await diagnoseRun(client, id));
  } catch (err) {
    regels.push(`schedule ${scheduleId}: describe mislukt: ${(err as Error).message}`);
  }
  return regels.join('\n');
}

/** One workflow run: status, task queue, history length, pending workflow task and activities. */
export async function diagnoseRun(client: Client, workflowId: string): Promise<string> {
  try {
    const d = await client.workflow.getHandle(workflowId).describe();
    const raw = d.raw;
    const activiteiten = (raw.pendingActivities ?? []).map((a) => ({
      type: a.activityType?.name,
      state: PendingActivityState[a.state ?? 0],
      attempt: a.attempt,
      laatsteFout: a.lastFailure?.message ?? null,
      heartbeat: a.heartbeatDetails ? 'ja' : 'nee',
      laatsteWorker: a.lastWorkerIdentity ?? null,
    }));
    const taak = raw.pendingWorkflowTask
      ? `${PendingWorkflowTaskState[raw.pendingWorkflowTask.state ?? 0]} attempt=${raw.pendingWorkflowTask.attempt}`
      : 'geen';
    let pollers = '?';
    try {
      const tq = await client.workflowService.describeTaskQueue({
        namespace: client.options.namespace,
        taskQueue: { name: d.taskQueue },
      });
      pollers = String(tq.pollers?.length ?? 0);
    } catch {
      // leave '?'
    }
    return [
      `  run ${workflowId}: status=${d.status.name} start=${d.startTime.toISOString()} taskQueue=${d.taskQueue} (pollers: ${pollers}) historyLength=${d.historyLength}`,
      `    workflow-taak: ${taak}`,
      `    activiteiten: ${JSON.stringify(activiteiten)}`,
    ].join('\n');
  } catch (err) {
    return `  run ${workflowId}: describe mislukt: ${(err as Error).message}`;
  }
}

export interface ScheduleRun {
  workflowId: string;
  /** The run the schedule started (its workflow id alone can repeat: it ends in a time to the second). */
  runId: string;
  scheduledAt: Date;
}

/** Every run the schedule has taken so far (recent actions), to tell a new one from the old ones. */
export async function schedulesRuns(client: Client, scheduleId: string): Promise<ScheduleRun[]> {
  const d = await client.schedule.getHandle(scheduleId).describe();
  return d.info.recentActions.map((a) => ({
    workflowId: a.action.workflow.workflowId,
    runId: a.action.workflow.firstExecutionRunId,
    scheduledAt: a.scheduledAt,
  }));
}

/**
 * Waits (through Temporal: the schedule's own description) until the schedule took an action that is
 * not in `eerder`, and returns that run. On timeout it fails with the diagnosis: skipped for overlap,
 * missed, or never taken.
 */
export async function wachtOpNieuweRun(
  client: Client,
  scheduleId: string,
  eerder: readonly ScheduleRun[],
  timeoutMs = 30_000,
): Promise<ScheduleRun> {
  const bekend = new Set(eerder.map((r) => r.runId));
  const einde = Date.now() + timeoutMs;
  for (;;) {
    const nieuw = (await schedulesRuns(client, scheduleId)).find((r) => !bekend.has(r.runId));
    if (nieuw) return nieuw;
    if (Date.now() > einde) {
      throw new Error(
        `schedule ${scheduleId} nam binnen ${timeoutMs} ms geen nieuwe actie\n${await diagnoseSchedule(client, scheduleId)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The run's result, or after `timeoutMs` a failure that says what the run is waiting for (its pending
 * activities with attempt and last failure, a workflow task nobody picks up) and what the schedule did.
 */
export async function resultaatVan<T>(
  client: Client,
  scheduleId: string,
  run: ScheduleRun,
  timeoutMs = 60_000,
  extra: () => Promise<string> = async () => '',
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const verlopen = new Promise<'verlopen'>((resolve) => {
    timer = setTimeout(() => resolve('verlopen'), timeoutMs);
  });
  try {
    const uitkomst = await Promise.race([
      client.workflow.getHandle(run.workflowId, run.runId).result() as Promise<T>,
      verlopen,
    ]);
    if (uitkomst !== 'verlopen') return uitkomst;
  } finally {
    clearTimeout(timer);
  }
  throw new Error(
    `run ${run.workflowId} (${run.runId}) klaar binnen ${timeoutMs} ms? nee\n${await diagnoseRun(client, run.workflowId)}\n${await diagnoseSchedule(client, scheduleId)}\n${await extra()}`,
  );
}
