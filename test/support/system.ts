import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, type Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../api/app';
import { loadConfig } from '../../platform/config';
import { maakSleutelkluis, versleutelendeDataConverter } from '../../platform/crypto';
import { createDataSource } from '../../platform/persistence/data-source';
import { PersoonssleutelRepository } from '../../platform/persistence/repositories';
import { createTrajectWorker, workflowsPath } from '../../worker/worker';
import { apiAuthEnv } from './auth';
import { e2eDatabase } from './database';

export interface RunningSystem {
  baseUrl: string;
  client: Client;
  dataSource: DataSource;
  taskQueue: string;
  /** This system's own nightly schedule (the API's operations routes use it; none exists until made). */
  scheduleId: string;
  app: INestApplication;
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

let bundle: Promise<{ code: string } | { codePath: string }> | undefined;
/**
 * The workflow code for a test worker: the bundle the e2e global setup made once for every file
 * (E2E_WORKFLOW_BUNDLE), else bundled here once per test file.
 */
export function workflowBundle(): Promise<{ code: string } | { codePath: string }> {
  const gedeeld = process.env.E2E_WORKFLOW_BUNDLE;
  bundle ??= gedeeld
    ? Promise.resolve({ codePath: gedeeld })
    : bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: new DefaultLogger('WARN') });
  return bundle;
}

/**
 * The API and a worker in this process, against the real Postgres and Temporal dev server of the
 * e2e global setup. Each test file gets its own task queue so workers never steal each other's tasks,
 * and its own database (test/support/database.ts) so it sees only its own rows.
 */
export async function startSystem(
  opties: {
    /** Extra environment for the API's config (e.g. VERZOEKEN_PER_MINUUT). */
    env?: Record<string, string>;
    /** Connect API and worker with another role than the e2e owner (issue 13: the app role). */
    databaseUrl?: string;
    /** The API reaches Temporal through this address (e.g. a freezable proxy); the worker goes direct. */
    apiTemporalAddress?: string;
    /** The task queue of an earlier system of this file (a restart that must carry its workflows on). */
    taskQueue?: string;
  } = {},
): Promise<RunningSystem> {
  const databaseUrl = opties.databaseUrl ?? (await e2eDatabase());
  const address = process.env.E2E_TEMPORAL_ADDRESS;
  if (!address) throw new Error('e2e global setup heeft geen servers gestart');
  const taskQueue = opties.taskQueue ?? `e2e-${randomUUID()}`;
  const scheduleId = `nachtelijke-escalaties-e2e-${randomUUID()}`;
  const config = loadConfig({
    ESCALATIERONDE_SCHEDULE_ID: scheduleId,
    ...apiAuthEnv(),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'warn',
    COMMAND_TIMEOUT_MS: '3000',
    ...opties.env,
  });
  const dataSource = await createDataSource(databaseUrl).initialize();
  const connection = await Connection.connect({ address });
  const kluis = maakSleutelkluis(config.sleutels, new PersoonssleutelRepository(dataSource));
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: versleutelendeDataConverter(kluis),
  });
  const nativeConnection = await NativeConnection.connect({ address });

  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const startWorker = async () => {
    if (worker) return;
    worker = await createTrajectWorker({
      connection: nativeConnection,
      namespace: config.temporal.namespace,
      taskQueue,
      dataSource,
      kluis,
      workflowBundle: await workflowBundle(),
    });
    running = worker.run();
  };
  const stopWorker = async () => {
    if (worker && worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    worker = undefined;
  };
  await startWorker();

  const apiConnection = opties.apiTemporalAddress
    ? await Connection.connect({ address: opties.apiTemporalAddress })
    : connection;
  const apiClient =
    apiConnection === connection
      ? client
      : new Client({
          connection: apiConnection,
          namespace: config.temporal.namespace,
          dataConverter: versleutelendeDataConverter(kluis),
        });
  const app = await createApiApp({ config, dataSource, client: apiClient, kluis });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    client,
    dataSource,
    taskQueue,
    scheduleId: config.escalatieronde.scheduleId,
    app,
    startWorker,
    stopWorker,
    async stop() {
      await client.schedule
        .getHandle(config.escalatieronde.scheduleId)
        .delete()
        .catch(() => undefined);
      await app.close();
      await stopWorker();
      await nativeConnection.close();
      if (apiConnection !== connection) await apiConnection.close();
      await connection.close();
      await dataSource.destroy();
    },
  };
}
