import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ENV, loadConfig } from '../platform/config';
import { Logger } from '../platform/logger';
import { projectRoot } from '../platform/paths';
import { createDataSource, migrate } from '../platform/persistence/data-source';
import { ensureSearchAttributes } from '../platform/temporal/search-attributes';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { startDevServer } from './temporal-servers';
import { bouwWebAlsNodig } from './web-build';

/**
 * `npm start`: everything on one machine. Embedded Postgres and a Temporal dev server (SQLite
 * file) unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere; then migrations, search
 * attributes, the worker and the API as child processes. Ctrl-C stops every child.
 */
async function main(): Promise<void> {
  const t0 = Date.now();
  const config = loadConfig();
  const log = new Logger('start', config.logLevel);
  const quiet = (msg: string) => log.debug(msg);
  // This process owns Ctrl-C: the SDK runtime must not exit on SIGINT before the dev server and
  // Postgres are stopped.
  Runtime.install({ shutdownSignals: [], logger: new DefaultLogger('WARN') });
  const stops: (() => Promise<void>)[] = [];
  const children: ChildProcess[] = [];
  let stopping = false;

  const shutdown = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nStoppen...');
    await Promise.all(children.map((child) => stopChild(child)));
    for (const stop of stops.reverse()) {
      // A server that already went down with the same Ctrl-C must not keep us waiting.
      const grens = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
      await Promise.race([stop(), grens]).catch((err: unknown) =>
        log.warn('stoppen mislukt', { fout: String(err) }),
      );
    }
    console.log('Alles gestopt.');
    process.exit(code);
  };
  // embedded-postgres registers async-exit-hook, which exits the process on SIGINT as soon as
  // Postgres is down, cutting the Temporal dev server's teardown short. Own the signals instead.
  const ownSignals = (): void => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.removeAllListeners(signal);
      process.on(signal, () => void shutdown(0));
    }
  };
  ownSignals();

  // The casemanager UI builds (when its sources changed) while Postgres and Temporal come up.
  const webBouw = bouwWebAlsNodig({ log: (m) => log.info(m) });
  webBouw.catch(() => undefined);
  try {
    let databaseUrl = config.databaseUrl;
    let pg: RunningPostgres | undefined;
    if (!process.env[ENV.DATABASE_URL]) {
      pg = await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, 'postgres'),
        port: Number(new URL(config.databaseUrl).port),
        log: quiet,
      });
      stops.push(() => pg!.stop());
      ownSignals();
      databaseUrl = pg.url;
    }
    const dataSource = await createDataSource(databaseUrl, 'inburgering-migraties').initialize();
    const applied = await migrate(dataSource);
    await dataSource.destroy();
    if (applied.length > 0) log.info('migraties uitgevoerd', { aantal: applied.length });

    let temporalAddress = config.temporal.address;
    let temporalUi = config.temporal.uiUrl;
    let env: TestWorkflowEnvironment | undefined;
    if (!process.env[ENV.TEMPORAL_ADDRESS]) {
      const [, port] = config.temporal.address.split(':');
      const uiPort = Number(new URL(config.temporal.uiUrl).port);
      env = await startDevServer({
        port: Number(port),
        ui: true,
        uiPort,
        dbFilename: path.join(config.dataDir, 'temporal.sqlite'),
        namespace: config.temporal.namespace,
        log: (m) => log.info(m),
        // Payloads are encrypted: the UI shows ciphertext unless operations decode via the API's codec.
        uiCodecEndpoint: `http://${config.api.host}:${config.api.port}/api/v1/codec`,
      });
      stops.push(() => env!.teardown());
      temporalAddress = env.address;
      temporalUi = `http://127.0.0.1:${uiPort}`;
    }
    const connection = await Connection.connect({ address: temporalAddress });
    await ensureSearchAttributes(connection, config.temporal.namespace);
    await connection.close();

    const childEnv = {
      ...process.env,
      [ENV.DATABASE_URL]: databaseUrl,
      [ENV.TEMPORAL_ADDRESS]: temporalAddress,
      [ENV.TEMPORAL_NAMESPACE]: config.temporal.namespace,
      [ENV.TEMPORAL_TASK_QUEUE]: config.temporal.taskQueue,
      [ENV.API_HOST]: config.api.host,
      [ENV.API_PORT]: String(config.api.port),
      [ENV.CODEC_CORS_ORIGIN]: new URL(temporalUi).origin,
    };
    const web = await webBouw;
    if (web.gebouwd) log.info('webapplicatie gebouwd', { ms: web.ms });
    const dist = path.join(projectRoot(), 'dist');
    for (const [name, file] of [
      ['worker', 'worker/main.js'],
      ['api', 'api/main.js'],
    ] as const) {
      const child = spawn(process.execPath, [path.join(dist, file)], { env: childEnv, stdio: 'inherit' });
      child.once('exit', (code, signal) => {
        if (!stopping) {
          log.error(`${name} is onverwacht gestopt`, { code, signal });
          void shutdown(1);
        }
      });
      children.push(child);
    }

    const apiUrl = `http://${config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host}:${config.api.port}`;
    await waitForHealth(`${apiUrl}/health`, 60_000);
    await waitForWorker(temporalAddress, config.temporal.namespace, config.temporal.taskQueue, 60_000);
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(
      [
        '',
        `Inburgering draait (klaar in ${seconds} s). Stoppen: Ctrl-C.`,
        `  Webapplicatie ${apiUrl}/${config.auth.modus === 'lokaal' ? '   (lokale ontwikkelmodus: kies rol en gemeente bij het aanmelden)' : ''}`,
        `  API           ${apiUrl}/api/v1/trajecten`,
        `  OpenAPI-docs  ${apiUrl}/api/docs`,
        `  Health        ${apiUrl}/health`,
        `  Token         npm run -s token -- --rol casemanager --gemeente GM0518   (Authorize in de docs)`,
        `  Temporal UI   ${temporalUi}/namespaces/${config.temporal.namespace}/workflows`,
        `  Postgres      ${pg ? `embedded, data in ${pg.dataDir}` : 'extern (DATABASE_URL)'}`,
        `  Sleutels      ${config.sleutels.modus === 'lokaal' ? `lokaal bestand ${config.sleutels.bestand} (alleen voor ontwikkeling)` : 'uit de configuratie (SLEUTELS)'}`,
        `  Temporal      ${env ? `dev server ${temporalAddress}, data in ${path.join(config.dataDir, 'temporal.sqlite')}` : `extern ${temporalAddress}`}`,
        '',
      ].join('\n'),
    );
  } catch (err) {
    log.error('starten mislukt', { fout: err instanceof Error ? err.message : String(err) });
    await shutdown(1);
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Ready means a worker polls the task queue, not only that the API answers. */
async function waitForWorker(
  address: string,
  namespace: string,
  taskQueue: string,
  timeoutMs: number,
): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      if (pollers.length > 0) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`Geen worker op task queue '${taskQueue}' binnen ${timeoutMs / 1000} s`);
  } finally {
    await connection.close();
  }
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`De API werd niet gezond binnen ${timeoutMs / 1000} s (${url})`);
}

void main();
