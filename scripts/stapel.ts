import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { lokaleSleutel } from '../platform/auth';
import { type AppConfig, ENV, loadConfig } from '../platform/config';
import { Logger } from '../platform/logger';
import { projectRoot } from '../platform/paths';
import { createDataSource, migrate } from '../platform/persistence/data-source';
import { ensureSearchAttributes } from '../platform/temporal/search-attributes';
import { temporalBeveiliging } from '../platform/temporal/verbinding';
import { workflowsPath } from '../worker/worker';
import { EmbeddedPostgres } from './embedded-postgres';
import { nodeOnderdeel, postgresOnderdeel, temporalOnderdeel, WORKER_NODE_ARGS } from './onderdelen';
import { Supervisor, type SupervisorOpties } from './supervisor';
import { resolveTemporalBinary } from './temporal-binaries';
import { bouwWebAlsNodig } from './web-build';

/**
 * Everything of `npm start` on one machine, supervised (scripts/supervisor.ts): embedded Postgres
 * and a Temporal dev server (SQLite file) unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere;
 * migrations and search attributes; the worker and the API as child processes.
 */
export interface Stapel {
  config: AppConfig;
  supervisor: Supervisor;
  apiUrl: string;
  /** Every API process (one unless `processen.apis` asked for more). */
  apiUrls: string[];
  databaseUrl: string;
  temporalAddress: string;
  temporalUi: string | null;
  /** Where embedded Postgres keeps its data (null: external). */
  postgresData: string | null;
  /** The Temporal dev server's SQLite file (null: external). */
  temporalData: string | null;
  stop(): Promise<void>;
}

export interface StapelOpties {
  env?: NodeJS.ProcessEnv;
  supervisor?: SupervisorOpties;
  /** Web UI of the dev server (default true). */
  ui?: boolean;
  /** Output of the worker and API (default: this process's stdout). */
  uitvoer?: (regel: string) => void;
  /**
   * Worker and API processes (default one each, named `worker` and `api`). More of each (issue 14,
   * horizontal): `worker-1`…, `api-1`… on the API port and the ports after it, one task queue.
   */
  processen?: { workers?: number; apis?: number };
  /**
   * One port per worker for its Temporal SDK metrics (WORKER_METRICS_ADRES on 127.0.0.1), as the
   * cluster of `start:productie` has; without it the workers inherit whatever `env` says.
   */
  workerMetricsPoorten?: number[];
}

export async function startStapel(opties: StapelOpties = {}): Promise<Stapel> {
  const env = opties.env ?? process.env;
  const config = loadConfig(env);
  const log = new Logger('start', config.logLevel);
  const supervisor = new Supervisor({ log, ...opties.supervisor });
  const stop = () => supervisor.stopAlles();
  // The casemanager UI builds (when its sources changed) while Postgres and Temporal come up.
  const webBouw = bouwWebAlsNodig({ log: (m) => log.info(m) });
  webBouw.catch(() => undefined);
  try {
    // Local signing key only when nobody configured OIDC: npm start asks for it explicitly.
    const lokaal = !env[ENV.AUTH_ISSUER];
    const authEnv: NodeJS.ProcessEnv = {};
    if (lokaal) {
      const auth = loadConfig({ ...env, AUTH_MODUS: 'lokaal' }).auth;
      if (auth.modus !== 'lokaal') throw new Error('lokale sleutel niet beschikbaar');
      // The key pair exists before the API starts; the API gets only the public half.
      const sleutel = lokaleSleutel(auth);
      authEnv[ENV.AUTH_MODUS] = 'lokaal';
      authEnv[ENV.AUTH_LOCAL_PRIVATE_KEY] = undefined;
      if (auth.privateKeyPem) {
        authEnv[ENV.AUTH_LOCAL_PUBLIC_KEY] = sleutel.publicKey
          .export({ type: 'spki', format: 'pem' })
          .toString();
      }
    }

    let databaseUrl = config.databaseUrl;
    let postgresData: string | null = null;
    if (!env[ENV.DATABASE_URL]) {
      const pg = await EmbeddedPostgres.voorbereid({
        dataDir: path.join(config.dataDir, 'postgres'),
        port: Number(new URL(config.databaseUrl).port),
        log: (m) => log.debug(m),
      });
      await supervisor.start(postgresOnderdeel(pg));
      databaseUrl = pg.url;
      postgresData = pg.dataDir;
    }
    const dataSource = await createDataSource(databaseUrl, 'inburgering-migraties').initialize();
    const applied = await migrate(dataSource);
    await dataSource.destroy();
    if (applied.length > 0) log.info('migraties uitgevoerd', { aantal: applied.length });

    let temporalAddress = config.temporal.address;
    let temporalUi: string | null = config.temporal.uiUrl;
    let temporalData: string | null = null;
    if (!env[ENV.TEMPORAL_ADDRESS]) {
      const [, port] = config.temporal.address.split(':');
      const uiPort = Number(new URL(config.temporal.uiUrl).port);
      temporalData = path.join(config.dataDir, 'temporal.sqlite');
      fs.mkdirSync(config.dataDir, { recursive: true });
      await supervisor.start(
        temporalOnderdeel({
          binary: resolveTemporalBinary('cli', { log: (m) => log.info(m) }),
          port: Number(port),
          uiPort: opties.ui === false ? null : uiPort,
          dbFilename: temporalData,
          namespace: config.temporal.namespace,
          // Payloads are encrypted: the UI shows ciphertext unless operations decode via the API's codec.
          uiCodecEndpoint: `http://${config.api.host}:${config.api.port}/api/v1/codec`,
        }),
      );
      temporalAddress = `127.0.0.1:${port}`;
      temporalUi = opties.ui === false ? null : `http://127.0.0.1:${uiPort}`;
    }
    const beveiliging = temporalBeveiliging(env);
    const connection = await Connection.connect({ address: temporalAddress, ...beveiliging });
    await ensureSearchAttributes(connection, config.temporal.namespace);
    await connection.close();

    // One bundle for every worker (re)start: a restart after a crash then takes seconds, not a bundle.
    const bundel = path.join(config.dataDir, 'workflow-bundle.js');
    const { code } = await bundleWorkflowCode({
      workflowsPath: workflowsPath(),
      logger: new DefaultLogger('WARN'),
    });
    fs.mkdirSync(path.dirname(bundel), { recursive: true });
    fs.writeFileSync(bundel, code);

    const childEnv: NodeJS.ProcessEnv = {
      ...env,
      ...authEnv,
      [ENV.DATABASE_URL]: databaseUrl,
      [ENV.TEMPORAL_ADDRESS]: temporalAddress,
      [ENV.TEMPORAL_NAMESPACE]: config.temporal.namespace,
      [ENV.TEMPORAL_TASK_QUEUE]: config.temporal.taskQueue,
      [ENV.API_HOST]: config.api.host,
      [ENV.API_PORT]: String(config.api.port),
      ...(temporalUi ? { [ENV.CODEC_CORS_ORIGIN]: new URL(temporalUi).origin } : {}),
    };
    for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
    const web = await webBouw;
    if (web.gebouwd) log.info('webapplicatie gebouwd', { ms: web.ms });
    const dist = path.join(projectRoot(), 'dist');
    const workers = opties.processen?.workers ?? 1;
    const apis = opties.processen?.apis ?? 1;
    if (opties.workerMetricsPoorten && opties.workerMetricsPoorten.length < workers)
      throw new Error(`workerMetricsPoorten: ${workers} poorten nodig`);
    for (let i = 1; i <= workers; i += 1) {
      await supervisor.start(
        nodeOnderdeel({
          naam: workers === 1 ? 'worker' : `worker-${i}`,
          soort: 'worker',
          script: path.join(dist, 'worker', 'main.js'),
          nodeArgs: WORKER_NODE_ARGS,
          env: {
            ...childEnv,
            WORKFLOW_BUNDLE_PATH: bundel,
            ...(opties.workerMetricsPoorten
              ? { [ENV.WORKER_METRICS_ADRES]: `127.0.0.1:${opties.workerMetricsPoorten[i - 1]}` }
              : {}),
          },
          uitvoer: opties.uitvoer,
        }),
      );
    }
    const apiPoorten = Array.from({ length: apis }, (_, i) => config.api.port + i);
    for (const [i, poort] of apiPoorten.entries()) {
      await supervisor.start(
        nodeOnderdeel({
          naam: apis === 1 ? 'api' : `api-${i + 1}`,
          soort: 'api',
          script: path.join(dist, 'api', 'main.js'),
          env: { ...childEnv, [ENV.API_PORT]: String(poort) },
          uitvoer: opties.uitvoer,
        }),
      );
    }
    const host = config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host;
    const apiUrls = apiPoorten.map((p) => `http://${host}:${p}`);
    await wachtOpWorker(temporalAddress, config.temporal.namespace, config.temporal.taskQueue, 60_000, env);
    return {
      config,
      supervisor,
      apiUrl: apiUrls[0],
      apiUrls,
      databaseUrl,
      temporalAddress,
      temporalUi,
      postgresData,
      temporalData,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Ready means a worker polls the task queue, not only that the API answers. */
async function wachtOpWorker(
  address: string,
  namespace: string,
  taskQueue: string,
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const connection = await Connection.connect({ address, ...temporalBeveiliging(env) });
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

/** Ctrl-C or SIGTERM of a script that owns a stack (bench, contract run): stop its children first. */
export function stopBijSignaal(stapel: Pick<Stapel, 'stop'>): () => void {
  const stop = () => {
    void stapel.stop().finally(() => process.exit(130));
  };
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, stop);
  return () => {
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.off(s, stop);
  };
}
