import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { lokaleSleutel } from '../platform/auth';
import { loadConfig } from '../platform/config';
import { projectRoot } from '../platform/paths';
import { createDataSource, migrate } from '../platform/persistence/data-source';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { WORKER_NODE_ARGS } from './onderdelen';
import { startDevServer } from './temporal-servers';

export interface UiStack {
  /** The API serving the built UI, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  /** The worker process (tests pause it with SIGSTOP to see what users see when no worker answers). */
  workerPid: number;
  stop(): Promise<void>;
}

function vrijePoort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const adres = server.address();
      server.close(() => resolve(typeof adres === 'object' && adres ? adres.port : 0));
    });
  });
}

async function wachtOp(wat: string, probeer: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const grens = Date.now() + timeoutMs;
  while (Date.now() < grens) {
    if (await probeer().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${wat} niet klaar binnen ${timeoutMs / 1000} s`);
}

function stopKind(kind: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (kind.exitCode !== null || kind.signalCode !== null) return resolve();
    const timer = setTimeout(() => kind.kill('SIGKILL'), 10_000);
    kind.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    kind.kill('SIGTERM');
  });
}

/**
 * The whole system for browser tests and the UI bench, as `npm start` runs it but on free ports and a
 * throw-away data dir: embedded Postgres, a Temporal dev server, then the built worker and API (the API
 * serving the built UI) as child processes. Needs `dist/` (scripts/build.js) and `dist/web/`.
 */
export async function startUiStack(
  opties: { env?: Record<string, string>; log?: (m: string) => void } = {},
): Promise<UiStack> {
  const log = opties.log ?? (() => undefined);
  const [pgPoort, temporalPoort, apiPoort] = await Promise.all([vrijePoort(), vrijePoort(), vrijePoort()]);
  const stops: (() => Promise<void>)[] = [];
  const kinderen: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(kinderen.map(stopKind));
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const [pg, tmp] = await Promise.all([
      startEmbeddedPostgres({
        dataDir: path.join(os.tmpdir(), `inburgering-ui-${randomUUID()}`, 'postgres'),
        port: pgPoort,
        ephemeral: true,
      }) as Promise<RunningPostgres>,
      startDevServer({ port: temporalPoort }) as Promise<TestWorkflowEnvironment>,
    ]);
    stops.push(
      () => pg.stop(),
      () => tmp.teardown(),
    );
    const ds = await createDataSource(pg.url, 'ui-stack-migraties').initialize();
    await migrate(ds);
    await ds.destroy();
    log(`Postgres ${pgPoort}, Temporal ${tmp.address}`);

    const taskQueue = `ui-${randomUUID()}`;
    const env = {
      ...process.env,
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: tmp.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      TEMPORAL_UI_URL: 'http://127.0.0.1:8233',
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPoort),
      LOG_LEVEL: 'warn',
      COMMAND_TIMEOUT_MS: '5000',
      // The local signing key, asked for explicitly (issue 13); made before the API starts, which
      // reads only its public half (the development login signs from the key file).
      AUTH_MODUS: 'lokaal',
      ...opties.env,
    };
    const auth = loadConfig(env).auth;
    if (auth.modus === 'lokaal') lokaleSleutel(auth);
    const dist = path.join(projectRoot(), 'dist');
    for (const bestand of ['worker/main.js', 'api/main.js']) {
      const nodeArgs = bestand.startsWith('worker') ? WORKER_NODE_ARGS : [];
      const kind = spawn(process.execPath, [...nodeArgs, path.join(dist, bestand)], {
        env,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      kinderen.push(kind);
    }
    const baseUrl = `http://127.0.0.1:${apiPoort}`;
    await wachtOp('de API', async () => (await fetch(`${baseUrl}/health`)).ok, 60_000);
    const verbinding = await Connection.connect({ address: tmp.address });
    try {
      await wachtOp(
        'de worker',
        async () =>
          (
            await verbinding.workflowService.describeTaskQueue({
              namespace: 'default',
              taskQueue: { name: taskQueue },
              taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
            })
          ).pollers.length > 0,
        60_000,
      );
    } finally {
      await verbinding.close();
    }
    log(`API en webapplicatie op ${baseUrl}`);
    return {
      baseUrl,
      databaseUrl: pg.url,
      temporalAddress: tmp.address,
      taskQueue,
      workerPid: kinderen[0].pid as number,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
