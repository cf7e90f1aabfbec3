import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { AuditActivities, AuditOpdracht } from '../../contract/audit';
import { trajectWorkflowId } from '../../contract/ids';
import type { TrajectSnapshot } from '../../contract/read-model';
import type { TakenOpdracht, TakenSluiten, TrajectActivities } from '../../contract/traject-activities';
import {
  type CommandoInReeks,
  type CommandoPayload,
  type CommandoResultaat,
  type CommandoType,
  commandoReeksSignaal,
  commandoSignaal,
  commandoUpdate,
  statusQuery,
  TRAJECT_WORKFLOW_TYPE,
  type TrajectStatus,
  type TrajectWorkflowInput,
} from '../../contract/traject-workflow';
import { datumVanInstant, instantVanDatum, type PlainDate } from '../../domain/shared/kalender';
import type { Aanmelden, OpenTaak } from '../../domain/traject';
import { versleutelendeDataConverter } from '../../platform/crypto';
import { testKluis } from '../../scripts/test-sleutels';
import { workflowBundle } from '../support/system';

export interface OpgeslagenTaak extends OpenTaak {
  status: 'open' | 'afgerond' | 'vervallen';
}

/**
 * Activities that keep their data in memory (idempotent task keys like the real ones): these tests
 * are about the workflow's timing and messages. The real activities run against Postgres in the e2e
 * tests.
 *
 * The read model keeps every write as the workflow sent it, without the real activity's version gate
 * (that rule is the SQL's, tested against Postgres; a copy here would only agree with itself). What the
 * workflow must send is checked instead, as a fact about its writes: per traject the versie never goes
 * down, and a repeated versie carries the same row (a retried write). `versieFouten` lists every write
 * that broke this; `metWorker` fails the test when it is not empty.
 */
export function geheugenActiviteiten() {
  const snapshots: TrajectSnapshot[] = [];
  const versieFouten: string[] = [];
  const taken = new Map<string, OpgeslagenTaak>();
  const sleutel = (t: Pick<OpenTaak, 'soort' | 'sleutel' | 'vervaldatum'>) =>
    `${t.soort}|${t.sleutel}|${t.vervaldatum}`;
  /** Every audit row the workflow sent (with the read model or on its own), repeats included. */
  const audits: AuditOpdracht[] = [];
  const activities: TrajectActivities & AuditActivities = {
    async schrijfAudit(regels: AuditOpdracht[]) {
      audits.push(...regels);
      return { geschreven: regels.length };
    },
    async schrijfTrajectReadModel(s: TrajectSnapshot, audit?: AuditOpdracht[]) {
      audits.push(...(audit ?? []));
      const vorige = snapshots.filter((v) => v.trajectId === s.trajectId).at(-1);
      if (
        vorige &&
        (s.versie < vorige.versie || (s.versie === vorige.versie && !isDeepStrictEqual(s, vorige)))
      ) {
        versieFouten.push(`traject ${s.trajectId}: versie ${s.versie} na versie ${vorige.versie}`);
      }
      snapshots.push(s);
      return { toegepast: true };
    },
    async maakTaken(o: TakenOpdracht) {
      let aangemaakt = 0;
      for (const t of o.taken) {
        if (taken.has(sleutel(t))) continue;
        taken.set(sleutel(t), { ...t, status: 'open' });
        aangemaakt += 1;
      }
      return { aangemaakt };
    },
    async sluitTaken(o: TakenSluiten) {
      let gesloten = 0;
      for (const t of o.taken) {
        const bestaand = taken.get(sleutel(t));
        if (bestaand?.status === 'open') {
          bestaand.status = o.status;
          gesloten += 1;
        }
      }
      return { gesloten };
    },
  };
  const takenVan = (soort: string) => [...taken.values()].filter((t) => t.soort === soort);
  return { activities, snapshots, versieFouten, taken, takenVan, audits };
}

export async function nieuweWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  activities: TrajectActivities,
  opties: { zonderCache?: boolean } = {},
) {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
    dataConverter: versleutelendeDataConverter(testKluis()),
    // A stopped worker's sticky queue would hold the next task until its timeout, which the
    // time-skipping server does not skip: without a cache, tasks go to the shared queue.
    ...(opties.zonderCache ? { maxCachedWorkflows: 0 } : {}),
  });
}

export async function vandaag(env: TestWorkflowEnvironment): Promise<PlainDate> {
  return datumVanInstant(await env.currentTimeMs());
}

/** Skips time until `datum` at `tijd` (Europe/Amsterdam) plus a margin. */
export async function totOp(
  env: TestWorkflowEnvironment,
  datum: PlainDate,
  tijd = '00:00',
  margeMs = 60_000,
) {
  const doel = instantVanDatum(datum, tijd) + margeMs;
  const nu = await env.currentTimeMs();
  if (doel > nu) await env.sleep(doel - nu);
}

export class Traject {
  private teller = 0;
  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly handle: WorkflowHandle,
  ) {}

  static async start(
    env: TestWorkflowEnvironment,
    taskQueue: string,
    aanmelding: Omit<Aanmelden, 'type' | 'commandId'>,
    extra: Partial<TrajectWorkflowInput> = {},
  ): Promise<Traject> {
    const trajectId = randomUUID();
    const input: TrajectWorkflowInput = {
      trajectId,
      aanmelding: { type: 'aanmelden', commandId: randomUUID(), ...aanmelding },
      ...extra,
    };
    const handle = await env.client.workflow.start(TRAJECT_WORKFLOW_TYPE, {
      workflowId: trajectWorkflowId(trajectId),
      taskQueue,
      args: [input],
    });
    return new Traject(env, handle);
  }

  async stuur<T extends CommandoType>(
    type: T,
    payload: Omit<CommandoPayload<T>, 'commandId'> & { commandId?: string },
  ): Promise<CommandoResultaat> {
    this.teller += 1;
    const commandId = payload.commandId ?? `${type}-${this.teller}-${randomUUID()}`;
    return this.handle.executeUpdate(commandoUpdate(type), {
      args: [{ ...payload, commandId } as CommandoPayload<T>],
    });
  }

  async signaal<T extends CommandoType>(type: T, payload: CommandoPayload<T>): Promise<void> {
    await this.handle.signal(commandoSignaal(type), payload);
  }

  /** Several commands in one Signal, as a feed sends a traject's items (issue 14). */
  async reeks(commandos: CommandoInReeks[]): Promise<void> {
    await this.handle.signal(commandoReeksSignaal, { commandos });
  }

  status(): Promise<TrajectStatus> {
    return this.handle.query(statusQuery);
  }
}

/** Side effects run after an update returns: wait (in real time) until `probe` holds. */
export async function straks(probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const einde = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > einde) throw new Error('de verwachte activiteit kwam niet binnen de tijd');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * After skipping time, the fired timer's workflow task may still be running when env.sleep
 * returns: poll the query (in real time) until it shows what the test expects.
 */
export async function zodra<T>(
  lees: () => Promise<T>,
  klopt: (waarde: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const einde = Date.now() + timeoutMs;
  for (;;) {
    const waarde = await lees();
    if (klopt(waarde) || Date.now() > einde) return waarde;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A worker with in-memory activities on its own task queue, for the duration of `test`. */
export async function metWorker<T>(
  env: TestWorkflowEnvironment,
  test: (ctx: { mem: ReturnType<typeof geheugenActiviteiten>; taskQueue: string }) => Promise<T>,
): Promise<T> {
  const mem = geheugenActiviteiten();
  const taskQueue = `wf-${randomUUID()}`;
  const worker = await nieuweWorker(env, taskQueue, mem.activities);
  const uit = await worker.runUntil(test({ mem, taskQueue }));
  expect(mem.versieFouten).toEqual([]);
  return uit;
}

/**
 * The workflow's result, without `handle.result()`: waiting on a result lets the time-skipping
 * server skip time, which fires the timers of every other traject in the test (and their
 * activities' timeouts) while this one finishes. Poll until it is closed, then read the result.
 */
export async function uitkomst<T>(handle: WorkflowHandle, timeoutMs = 20_000): Promise<T> {
  const einde = Date.now() + timeoutMs;
  while ((await handle.describe()).status.name === 'RUNNING') {
    if (Date.now() > einde) throw new Error('de workflow sloot niet binnen de tijd');
    await new Promise((r) => setTimeout(r, 50));
  }
  return handle.result() as Promise<T>;
}
