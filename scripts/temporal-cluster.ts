import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { stringify as yamlText } from 'yaml';
import { lokaleSleutel } from '../platform/auth';
import { type AppConfig, DEFAULTS, ENV, loadConfig } from '../platform/config';
import { Logger } from '../platform/logger';
import { projectRoot } from '../platform/paths';
import { createDataSource, migrate } from '../platform/persistence/data-source';
import { ensureSearchAttributes } from '../platform/temporal/search-attributes';
import { workflowsPath } from '../worker/worker';
import { EmbeddedPostgres } from './embedded-postgres';
import { nodeOnderdeel, postgresOnderdeel, WORKER_NODE_ARGS } from './onderdelen';
import { type Onderdeel, type OnderdeelNaam, Supervisor, stopProces } from './supervisor';
import { type TemporalServerProgrammas, vindOfBouwTemporalServer } from './temporal-server';

/**
 * The production engine on one machine, without Docker (issue 14, point 5): embedded Postgres, the
 * real Temporal server (scripts/temporal-server.ts) on it as SEPARATE services, each its own process
 * with its own gRPC and membership port — frontend, two history nodes, matching and the internal
 * worker — which find each other through the cluster_membership table (ringpop), plus two workers
 * and two API processes of this project. Every process is supervised (scripts/supervisor.ts): one
 * that dies is started again with backoff. `npm run start:productie`; the tests in test/productie/.
 */

export type TemporalDienst = 'frontend' | 'history' | 'matching' | 'worker';

export interface DienstProces {
  naam: OnderdeelNaam;
  dienst: TemporalDienst;
  grpcPort: number;
  membershipPort: number;
  /** Frontend only: Temporal's HTTP API. */
  httpPort?: number;
  configBestand: string;
}

export interface ClusterOpties {
  env?: NodeJS.ProcessEnv;
  /** Data, configs and logs (default `$DATA_DIR/productie`). */
  dataDir?: string;
  /** The frontend's gRPC port (default the configured Temporal port, 7233). */
  frontendPort?: number;
  /** One API process per port (default the configured API port and the next one). */
  apiPoorten?: number[];
  /** Worker processes (default 2). */
  workers?: number;
  /**
   * One port per worker for its Temporal SDK metrics (WORKER_METRICS_ADRES on the API host; default:
   * free ports). The cluster lists them in `workerMetricsUrls`.
   */
  workerMetricsPoorten?: number[];
  /** History nodes (default 2). */
  historyNodes?: number;
  /** First restart wait of the supervisor (default 1 s). */
  herstartMs?: number;
  /** Embedded Postgres port (default the configured one). */
  postgresPort?: number;
  log?: (m: string) => void;
  /** Output of every child (default: `<dataDir>/processen.log`). */
  uitvoer?: (regel: string) => void;
}

export interface Cluster {
  config: AppConfig;
  supervisor: Supervisor;
  /** The first API; `apiUrls` has all of them. */
  apiUrl: string;
  apiUrls: string[];
  /** Each worker's Prometheus endpoint (the Temporal SDK's metrics). */
  workerMetricsUrls: string[];
  databaseUrl: string;
  /** The frontend, the one address clients use. */
  temporalAddress: string;
  diensten: DienstProces[];
  programmas: TemporalServerProgrammas;
  dataDir: string;
  logbestand: string;
  /** How long each phase took (ms). */
  tijden: Record<string, number>;
  stop(): Promise<void>;
}

const TEMPORAL_DB = 'temporal';
const VISIBILITY_DB = 'temporal_visibility';
const wacht = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function vrijePoort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A free port below 32768: Temporal stores each node's membership port in `cluster_membership.rpc_port`,
 * a SMALLINT, and the kernel's ephemeral ports (what port 0 gives) lie above that.
 */
export async function vrijeMembershipPoort(gebruikt: Set<number>): Promise<number> {
  for (let poging = 0; poging < 200; poging += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (gebruikt.has(port)) continue;
    const vrij = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.unref();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (vrij) {
      gebruikt.add(port);
      return port;
    }
  }
  throw new Error('Geen vrije poort onder 32768 gevonden voor de Temporal-membership');
}

/** Dynamic config of the cluster (the server polls the file). */
export const DYNAMISCHE_CONFIG: Record<string, unknown> = {
  // Namespace changes (search attributes are namespace aliases on SQL visibility) reach every node
  // within 2 s instead of 10 s.
  'system.namespaceCacheRefreshInterval': [{ value: '2s' }],
  'limit.maxIDLength': [{ value: 255 }],
  'frontend.enableUpdateWorkflowExecution': [{ value: true }],
  'frontend.enableUpdateWorkflowExecutionAsyncAccepted': [{ value: true }],
};

interface PgGegevens {
  host: string;
  port: number;
  user: string;
  password: string;
}

/**
 * One process's config, adapted from the module's `config/development-postgres12.yaml`: the same
 * stores, membership and cluster metadata; Postgres at our address; this process's own ports (two
 * history nodes each have their own); no pprof or metrics listener (five processes would share
 * their ports); archival off; fewer connections per store (five processes share one Postgres).
 */
export function serverConfig(o: {
  pg: PgGegevens;
  dienst: DienstProces;
  frontend: DienstProces;
  alle: DienstProces[];
  dynamischeConfig: string;
}): Record<string, unknown> {
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${o.pg.host}:${o.pg.port}`,
      connectProtocol: 'tcp',
      user: o.pg.user,
      password: o.pg.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const rpc = (d: DienstProces) => ({
    rpc: {
      grpcPort: d.grpcPort,
      membershipPort: d.membershipPort,
      bindOnLocalHost: true,
      ...(d.httpPort ? { httpPort: d.httpPort } : {}),
    },
  });
  // Every service is listed (the server reads its own entry); for history, this process's node.
  const services: Record<string, unknown> = {};
  for (const d of o.alle) {
    if (services[d.dienst] && !(d.dienst === 'history' && d === o.dienst)) continue;
    services[d.dienst] = rpc(d);
  }
  const frontendAdres = `127.0.0.1:${o.frontend.grpcPort}`;
  return {
    log: { stdout: true, level: 'warn', format: 'json' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: 4,
      datastores: {
        'postgres-default': store(TEMPORAL_DB, o.dienst.dienst === 'history' ? 10 : 5),
        'postgres-visibility': store(VISIBILITY_DB, 3),
      },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      pprof: { port: 0 },
    },
    services,
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: frontendAdres },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    namespaceDefaults: {
      archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    },
    dynamicConfigClient: { filepath: o.dynamischeConfig, pollInterval: '10s' },
  };
}

/** The `temporal` and `temporal_visibility` databases with the module's postgresql/v12 schemas; idempotent. */
export async function zetSchemasOp(
  sqlTool: string,
  pg: PgGegevens,
  log: (m: string) => void = () => undefined,
): Promise<void> {
  const basis = [
    '--plugin',
    'postgres12',
    '--endpoint',
    pg.host,
    '--port',
    String(pg.port),
    '--user',
    pg.user,
    '--password',
    pg.password,
  ];
  const tool = (database: string, ...args: string[]) => {
    const r = spawnSync(sqlTool, [...basis, '--database', database, ...args], { encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(
        `temporal sql-tool ${args[0]} (${database}) mislukte: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`,
      );
    }
  };
  const admin = new PgClient({ ...pg, database: 'postgres' });
  await admin.connect();
  try {
    for (const [database, schema] of [
      [TEMPORAL_DB, 'postgresql/v12/temporal'],
      [VISIBILITY_DB, 'postgresql/v12/visibility'],
    ] as const) {
      const bestaat = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (bestaat.rowCount === 0) {
        tool(database, 'create-database');
        log(`database ${database} aangemaakt`);
      }
      const db = new PgClient({ ...pg, database });
      await db.connect();
      const versie = await db
        .query("SELECT to_regclass('public.schema_version') IS NOT NULL AS er")
        .finally(() => db.end());
      // Versioning tables once; then every versioned step not applied yet (a no-op when current).
      if (!versie.rows[0].er) tool(database, 'setup-schema', '-v', '0.0');
      tool(database, 'update-schema', '--schema-name', schema);
    }
  } finally {
    await admin.end();
  }
}

function gestoptVoorKlaar(
  child: ChildProcess,
  naam: string,
  laatste: () => string[] = () => [],
): Promise<never> {
  return new Promise((_, reject) => {
    child.once('exit', (code, signal) => {
      // Its last lines say why (a port taken, a schema, a peer); the log file may be gone with its data dir.
      const regels = laatste();
      const waarom = regels.length > 0 ? `; laatste uitvoer:\n${regels.join('\n')}` : '';
      reject(new Error(`${naam} stopte tijdens het starten (code ${code}, signaal ${signal})${waarom}`));
    });
    child.once('error', (err) => reject(new Error(`${naam} kon niet starten: ${err.message}`)));
  });
}

function poortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** One Temporal service process (`server --config-file … start --service <dienst>`), supervised. */
export function temporalDienstOnderdeel(o: {
  dienst: DienstProces;
  server: string;
  uitvoer: (regel: string) => void;
}): Onderdeel {
  let child: ChildProcess | undefined;
  const { dienst } = o;
  return {
    naam: dienst.naam,
    async start() {
      child = spawn(
        o.server,
        ['--config-file', dienst.configBestand, '--allow-no-auth', 'start', '--service', dienst.dienst],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const proces = child;
      let rest = '';
      const laatste: string[] = [];
      const lees = (b: Buffer) => {
        rest += b.toString();
        const regels = rest.split('\n');
        rest = regels.pop() ?? '';
        for (const r of regels) {
          o.uitvoer(`[${dienst.naam}] ${r}`);
          laatste.push(r.slice(0, 500));
          if (laatste.length > 8) laatste.shift();
        }
      };
      proces.stdout?.on('data', lees);
      proces.stderr?.on('data', lees);
      // Ready: its gRPC port answers (the frontend is checked through the API afterwards).
      const klaar = (async () => {
        const grens = Date.now() + 60_000;
        while (Date.now() < grens && proces.exitCode === null) {
          if (await poortOpen(dienst.grpcPort)) return proces;
          await wacht(100);
        }
        throw new Error(`${dienst.naam} werd niet bereikbaar op poort ${dienst.grpcPort}`);
      })();
      try {
        return await Promise.race([
          klaar,
          gestoptVoorKlaar(proces, dienst.naam, () => [...laatste, rest].filter(Boolean)),
        ]);
      } catch (err) {
        proces.kill('SIGKILL');
        throw err;
      }
    },
    stop: () => stopProces(child, 15_000, 'SIGTERM'),
  };
}

async function wachtOpFrontend(address: string, namespace: string, timeoutMs: number): Promise<void> {
  const grens = Date.now() + timeoutMs;
  let laatste: unknown;
  while (Date.now() < grens) {
    try {
      const c = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await c.withDeadline(Date.now() + 5000, () => c.workflowService.getSystemInfo({}));
        // A namespace that exists and answers on every node: registered on a fresh cluster.
        try {
          await c.workflowService.describeNamespace({ namespace });
        } catch (err) {
          if ((err as { code?: number }).code !== 5) throw err;
          await c.workflowService
            .registerNamespace({
              namespace,
              workflowExecutionRetentionPeriod: msToTs('7 days'),
              description: 'Inburgering (issue 14: productie-engine)',
            })
            .catch((e: unknown) => {
              if ((e as { code?: number }).code !== 6) throw e;
            });
        }
        await c.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
        return;
      } finally {
        await c.close();
      }
    } catch (err) {
      laatste = err;
      await wacht(500);
    }
  }
  throw new Error(
    `De Temporal-frontend op ${address} werd niet bruikbaar: ${laatste instanceof Error ? laatste.message : String(laatste)}`,
  );
}

async function wachtOpPollers(
  address: string,
  namespace: string,
  taskQueue: string,
  aantal: number,
  timeoutMs: number,
): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const grens = Date.now() + timeoutMs;
    while (Date.now() < grens) {
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      if (new Set(pollers.map((p) => p.identity)).size >= aantal) return;
      await wacht(250);
    }
    throw new Error(`Niet ${aantal} workers op task queue '${taskQueue}' binnen ${timeoutMs / 1000} s`);
  } finally {
    await connection.close();
  }
}

export async function startCluster(opties: ClusterOpties = {}): Promise<Cluster> {
  const tijden: Record<string, number> = {};
  let t = Date.now();
  const fase = (naam: string) => {
    tijden[naam] = Date.now() - t;
    t = Date.now();
  };
  const env = { ...(opties.env ?? process.env) };
  for (const k of [ENV.DATABASE_URL, ENV.TEMPORAL_ADDRESS]) delete env[k];
  const config = loadConfig(env);
  const logger = new Logger('productie', config.logLevel);
  const log = opties.log ?? ((m: string) => logger.info(m));
  const dataDir = path.resolve(opties.dataDir ?? path.join(config.dataDir, 'productie'));
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const logbestand = path.join(dataDir, 'processen.log');
  const uitvoer = opties.uitvoer ?? ((r: string) => fs.appendFileSync(logbestand, `${r}\n`));
  const beginMs = opties.herstartMs ?? 1000;
  const supervisor = new Supervisor({ log: logger, beginMs, maxMs: Math.max(10_000, beginMs) });
  const stop = () => supervisor.stopAlles();
  try {
    const programmas = vindOfBouwTemporalServer({ env, log });
    fase('server');

    // Postgres: Temporal's five processes and our four share it.
    const pgPort = opties.postgresPort ?? Number(new URL(config.databaseUrl).port);
    const pg = await EmbeddedPostgres.voorbereid({
      dataDir: path.join(dataDir, 'postgres'),
      port: pgPort,
      log: (m) => logger.debug(m),
      instellingen: { max_connections: 300 },
    });
    await supervisor.start(postgresOnderdeel(pg));
    const pgGegevens: PgGegevens = {
      host: '127.0.0.1',
      port: pgPort,
      user: DEFAULTS.databaseUser,
      password: DEFAULTS.databasePassword,
    };
    const dataSource = await createDataSource(pg.url, 'inburgering-migraties').initialize();
    await migrate(dataSource);
    await dataSource.destroy();
    await zetSchemasOp(programmas.sql, pgGegevens, log);
    fase('postgres');

    // Ports: chosen once, so a restarted node comes back on its own ports.
    const frontendPort = opties.frontendPort ?? Number(config.temporal.address.split(':')[1]);
    const poort = () => vrijePoort();
    const diensten: DienstProces[] = [];
    const membership = new Set<number>();
    const configDir = path.join(dataDir, 'temporal-config');
    fs.mkdirSync(configDir, { recursive: true });
    const dienst = async (naam: OnderdeelNaam, d: TemporalDienst, grpc?: number) => {
      diensten.push({
        naam,
        dienst: d,
        grpcPort: grpc ?? (await poort()),
        membershipPort: await vrijeMembershipPoort(membership),
        ...(d === 'frontend' ? { httpPort: await poort() } : {}),
        configBestand: path.join(configDir, `${naam}.yaml`),
      });
    };
    await dienst('temporal-frontend', 'frontend', frontendPort);
    for (let i = 1; i <= (opties.historyNodes ?? 2); i += 1) await dienst(`temporal-history-${i}`, 'history');
    await dienst('temporal-matching', 'matching');
    await dienst('temporal-worker', 'worker');
    const dynamischeConfig = path.join(configDir, 'dynamische-config.yaml');
    fs.writeFileSync(dynamischeConfig, yamlText(DYNAMISCHE_CONFIG));
    const frontend = diensten[0];
    for (const d of diensten) {
      fs.writeFileSync(
        d.configBestand,
        yamlText(serverConfig({ pg: pgGegevens, dienst: d, frontend, alle: diensten, dynamischeConfig })),
      );
    }
    // History first (it owns the shards), then the others, each its own process. The first history
    // node alone: on a fresh database every service inserts the cluster metadata record when it starts,
    // and of two doing that at once one fails on the primary key and exits ("SaveClusterMetadata …
    // duplicate key … cluster_metadata_info_pkey": 2 of 5 runs of test:productie failed so). Its gRPC
    // port answers only after that record is written; the others then find it.
    const [historie, overige] = [
      diensten.filter((d) => d.dienst === 'history'),
      diensten.filter((d) => d.dienst !== 'history'),
    ];
    for (const groep of [historie.slice(0, 1), historie.slice(1), overige]) {
      await Promise.all(
        groep.map((d) =>
          supervisor.start(temporalDienstOnderdeel({ dienst: d, server: programmas.server, uitvoer })),
        ),
      );
    }
    const temporalAddress = `127.0.0.1:${frontendPort}`;
    const namespace = config.temporal.namespace;
    await wachtOpFrontend(temporalAddress, namespace, 90_000);
    const connection = await Connection.connect({ address: temporalAddress });
    const toegevoegd = await ensureSearchAttributes(connection, namespace);
    await connection.close();
    // Added now: every node learns them with its namespace cache (refresh 2 s, DYNAMISCHE_CONFIG).
    if (toegevoegd.length > 0) await wacht(3000);
    fase('temporal');

    // Our processes, as npm start runs them (scripts/stapel.ts): local signing key unless OIDC.
    const authEnv: NodeJS.ProcessEnv = {};
    if (!env[ENV.AUTH_ISSUER]) {
      const auth = loadConfig({ ...env, AUTH_MODUS: 'lokaal' }).auth;
      if (auth.modus !== 'lokaal') throw new Error('lokale sleutel niet beschikbaar');
      const sleutel = lokaleSleutel(auth);
      authEnv[ENV.AUTH_MODUS] = 'lokaal';
      authEnv[ENV.AUTH_LOCAL_PRIVATE_KEY] = undefined;
      if (auth.privateKeyPem) {
        authEnv[ENV.AUTH_LOCAL_PUBLIC_KEY] = sleutel.publicKey
          .export({ type: 'spki', format: 'pem' })
          .toString();
      }
    }
    const bundel = path.join(dataDir, 'workflow-bundle.js');
    const { code } = await bundleWorkflowCode({
      workflowsPath: workflowsPath(),
      logger: new DefaultLogger('WARN'),
    });
    fs.writeFileSync(bundel, code);
    const childEnv: NodeJS.ProcessEnv = {
      ...env,
      ...authEnv,
      [ENV.DATABASE_URL]: pg.url,
      [ENV.TEMPORAL_ADDRESS]: temporalAddress,
      [ENV.TEMPORAL_NAMESPACE]: namespace,
      [ENV.TEMPORAL_TASK_QUEUE]: config.temporal.taskQueue,
      [ENV.API_HOST]: config.api.host,
    };
    for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
    const dist = path.join(projectRoot(), 'dist');
    const workers = opties.workers ?? 2;
    const host = config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host;
    const metricsPoorten =
      opties.workerMetricsPoorten ?? (await Promise.all(Array.from({ length: workers }, () => vrijePoort())));
    for (let i = 1; i <= workers; i += 1) {
      await supervisor.start(
        nodeOnderdeel({
          naam: `worker-${i}`,
          soort: 'worker',
          script: path.join(dist, 'worker', 'main.js'),
          nodeArgs: WORKER_NODE_ARGS,
          env: {
            ...childEnv,
            WORKFLOW_BUNDLE_PATH: bundel,
            [ENV.WORKER_METRICS_ADRES]: `${host}:${metricsPoorten[i - 1]}`,
          },
          uitvoer: (r) => uitvoer(`[worker-${i}] ${r}`),
        }),
      );
    }
    const apiPoorten = opties.apiPoorten ?? [config.api.port, config.api.port + 1];
    await Promise.all(
      apiPoorten.map((p, i) =>
        supervisor.start(
          nodeOnderdeel({
            naam: `api-${i + 1}`,
            soort: 'api',
            script: path.join(dist, 'api', 'main.js'),
            env: { ...childEnv, [ENV.API_PORT]: String(p) },
            uitvoer: (r) => uitvoer(`[api-${i + 1}] ${r}`),
          }),
        ),
      ),
    );
    await wachtOpPollers(temporalAddress, namespace, config.temporal.taskQueue, workers, 60_000);
    fase('app');
    const apiUrls = apiPoorten.map((p) => `http://${host}:${p}`);
    return {
      config,
      supervisor,
      apiUrl: apiUrls[0],
      apiUrls,
      workerMetricsUrls: metricsPoorten.slice(0, workers).map((p) => `http://${host}:${p}/metrics`),
      databaseUrl: pg.url,
      temporalAddress,
      diensten,
      programmas,
      dataDir,
      logbestand,
      tijden,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
