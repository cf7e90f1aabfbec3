import path from 'node:path';
import { localDir } from './paths';

/**
 * Every address, port and secret comes from the environment, so the same code runs embedded
 * (npm start) and against external servers (docker-compose, production). The names here are
 * the contract with docker-compose.yml and the README (a test checks both).
 */
export const ENV = {
  DATABASE_URL: 'DATABASE_URL',
  TEMPORAL_ADDRESS: 'TEMPORAL_ADDRESS',
  TEMPORAL_NAMESPACE: 'TEMPORAL_NAMESPACE',
  TEMPORAL_TASK_QUEUE: 'TEMPORAL_TASK_QUEUE',
  TEMPORAL_UI_URL: 'TEMPORAL_UI_URL',
  TEMPORAL_UI_PORT: 'TEMPORAL_UI_PORT',
  TEMPORAL_CLI_PATH: 'TEMPORAL_CLI_PATH',
  TEMPORAL_TEST_SERVER_PATH: 'TEMPORAL_TEST_SERVER_PATH',
  API_HOST: 'API_HOST',
  API_PORT: 'API_PORT',
  DATA_DIR: 'DATA_DIR',
  EMBEDDED_POSTGRES_PORT: 'EMBEDDED_POSTGRES_PORT',
  LOG_LEVEL: 'LOG_LEVEL',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/** Which env names each process reads (api, worker); the compose test checks these. */
export const PROCESS_ENV: Record<'api' | 'worker', readonly EnvName[]> = {
  api: [
    ENV.DATABASE_URL,
    ENV.TEMPORAL_ADDRESS,
    ENV.TEMPORAL_NAMESPACE,
    ENV.TEMPORAL_TASK_QUEUE,
    ENV.API_HOST,
    ENV.API_PORT,
    ENV.LOG_LEVEL,
  ],
  worker: [
    ENV.DATABASE_URL,
    ENV.TEMPORAL_ADDRESS,
    ENV.TEMPORAL_NAMESPACE,
    ENV.TEMPORAL_TASK_QUEUE,
    ENV.LOG_LEVEL,
  ],
};

export const DEFAULTS = {
  temporalAddress: '127.0.0.1:7233',
  temporalNamespace: 'default',
  taskQueue: 'inburgering',
  temporalUiPort: 8233,
  apiHost: '127.0.0.1',
  apiPort: 3000,
  embeddedPostgresPort: 54329,
  databaseName: 'inburgering',
  databaseUser: 'inburgering',
  databasePassword: 'inburgering',
} as const;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface AppConfig {
  databaseUrl: string;
  temporal: { address: string; namespace: string; taskQueue: string; uiUrl: string };
  api: { host: string; port: number };
  dataDir: string;
  logLevel: LogLevel;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function intFrom(env: Env, name: EnvName, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ConfigError(`${name} moet een poortnummer zijn (0-65535), niet '${raw}'`);
  }
  return n;
}

export function embeddedDatabaseUrl(port: number): string {
  const { databaseUser, databasePassword, databaseName } = DEFAULTS;
  return `postgres://${databaseUser}:${databasePassword}@127.0.0.1:${port}/${databaseName}`;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const level = (env[ENV.LOG_LEVEL] ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(level)) {
    throw new ConfigError(`${ENV.LOG_LEVEL} moet debug, info, warn of error zijn`);
  }
  const uiPort = intFrom(env, ENV.TEMPORAL_UI_PORT, DEFAULTS.temporalUiPort);
  return {
    databaseUrl:
      env[ENV.DATABASE_URL] ||
      embeddedDatabaseUrl(intFrom(env, ENV.EMBEDDED_POSTGRES_PORT, DEFAULTS.embeddedPostgresPort)),
    temporal: {
      address: env[ENV.TEMPORAL_ADDRESS] || DEFAULTS.temporalAddress,
      namespace: env[ENV.TEMPORAL_NAMESPACE] || DEFAULTS.temporalNamespace,
      taskQueue: env[ENV.TEMPORAL_TASK_QUEUE] || DEFAULTS.taskQueue,
      uiUrl: env[ENV.TEMPORAL_UI_URL] || `http://127.0.0.1:${uiPort}`,
    },
    api: {
      host: env[ENV.API_HOST] || DEFAULTS.apiHost,
      port: intFrom(env, ENV.API_PORT, DEFAULTS.apiPort),
    },
    dataDir: path.resolve(env[ENV.DATA_DIR] || localDir('data')),
    logLevel: level,
  };
}
