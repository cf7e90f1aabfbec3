import path from 'node:path';
import { type EscalatieBeleidPerGemeente, escalatieBeleidPerGemeente } from '../domain/beleid';
import { isDomainError } from '../domain/shared/fouten';
import { isGeldigeTijd } from '../domain/shared/kalender';
import type { SleutelConfig } from './crypto/sleutels';
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
  EMBEDDED_TEMPORAL_PORT: 'EMBEDDED_TEMPORAL_PORT',
  LOG_LEVEL: 'LOG_LEVEL',
  COMMAND_TIMEOUT_MS: 'COMMAND_TIMEOUT_MS',
  AUTH_ISSUER: 'AUTH_ISSUER',
  AUTH_JWKS_URL: 'AUTH_JWKS_URL',
  AUTH_AUDIENCE: 'AUTH_AUDIENCE',
  AUTH_LOCAL_PRIVATE_KEY: 'AUTH_LOCAL_PRIVATE_KEY',
  AUTH_LOCAL_PUBLIC_KEY: 'AUTH_LOCAL_PUBLIC_KEY',
  AUTH_MODUS: 'AUTH_MODUS',
  NODE_ENV: 'NODE_ENV',
  ESCALATIERONDE_TIJD: 'ESCALATIERONDE_TIJD',
  ESCALATIERONDE_INHAALVENSTER_UREN: 'ESCALATIERONDE_INHAALVENSTER_UREN',
  ESCALATIERONDE_SCHEDULE_ID: 'ESCALATIERONDE_SCHEDULE_ID',
  ESCALATIE_BELEID: 'ESCALATIE_BELEID',
  SMTP_URL: 'SMTP_URL',
  SMTP_AFZENDER: 'SMTP_AFZENDER',
  DIGEST_ADRES_SJABLOON: 'DIGEST_ADRES_SJABLOON',
  SLEUTELS: 'SLEUTELS',
  ACTIEVE_SLEUTEL: 'ACTIEVE_SLEUTEL',
  BLINDE_INDEX_SLEUTEL: 'BLINDE_INDEX_SLEUTEL',
  BEWAARTERMIJN_JAREN: 'BEWAARTERMIJN_JAREN',
  CODEC_CORS_ORIGIN: 'CODEC_CORS_ORIGIN',
  TRAJECT_ID_SLEUTEL: 'TRAJECT_ID_SLEUTEL',
  METRICS_TOKEN: 'METRICS_TOKEN',
  WORKER_METRICS_ADRES: 'WORKER_METRICS_ADRES',
  VERZOEKEN_PER_MINUUT: 'VERZOEKEN_PER_MINUUT',
  TEMPORAL_TLS: 'TEMPORAL_TLS',
  TEMPORAL_TLS_CA_PATH: 'TEMPORAL_TLS_CA_PATH',
  TEMPORAL_TLS_CERT_PATH: 'TEMPORAL_TLS_CERT_PATH',
  TEMPORAL_TLS_KEY_PATH: 'TEMPORAL_TLS_KEY_PATH',
  TEMPORAL_TLS_SERVER_NAME: 'TEMPORAL_TLS_SERVER_NAME',
  TEMPORAL_API_KEY: 'TEMPORAL_API_KEY',
} as const;

/** How API, worker and scripts reach Temporal securely (platform/temporal/verbinding.ts). */
export const TEMPORAL_BEVEILIGING_ENV: readonly EnvName[] = [
  ENV.TEMPORAL_TLS,
  ENV.TEMPORAL_TLS_CA_PATH,
  ENV.TEMPORAL_TLS_CERT_PATH,
  ENV.TEMPORAL_TLS_KEY_PATH,
  ENV.TEMPORAL_TLS_SERVER_NAME,
  ENV.TEMPORAL_API_KEY,
];

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
    ENV.AUTH_ISSUER,
    ENV.AUTH_JWKS_URL,
    ENV.AUTH_AUDIENCE,
    ENV.AUTH_MODUS,
    ENV.AUTH_LOCAL_PUBLIC_KEY,
    ENV.COMMAND_TIMEOUT_MS,
    ENV.SLEUTELS,
    ENV.ACTIEVE_SLEUTEL,
    ENV.BLINDE_INDEX_SLEUTEL,
    ENV.CODEC_CORS_ORIGIN,
    ENV.TRAJECT_ID_SLEUTEL,
    ENV.METRICS_TOKEN,
    ENV.VERZOEKEN_PER_MINUUT,
    ENV.ESCALATIERONDE_SCHEDULE_ID,
    ...TEMPORAL_BEVEILIGING_ENV,
  ],
  worker: [
    ENV.DATABASE_URL,
    ENV.TEMPORAL_ADDRESS,
    ENV.TEMPORAL_NAMESPACE,
    ENV.TEMPORAL_TASK_QUEUE,
    ENV.LOG_LEVEL,
    ENV.ESCALATIERONDE_TIJD,
    ENV.ESCALATIERONDE_INHAALVENSTER_UREN,
    ENV.ESCALATIERONDE_SCHEDULE_ID,
    ENV.ESCALATIE_BELEID,
    ENV.SLEUTELS,
    ENV.ACTIEVE_SLEUTEL,
    ENV.BLINDE_INDEX_SLEUTEL,
    ENV.BEWAARTERMIJN_JAREN,
    ENV.WORKER_METRICS_ADRES,
    ...TEMPORAL_BEVEILIGING_ENV,
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
  escalatierondeTijd: '04:00',
  escalatierondeInhaalvensterUren: 24,
  /** Stable name: operations, the API and the worker find the nightly run's schedule by it. */
  escalatierondeScheduleId: 'nachtelijke-escalaties',
  /** Retention after a traject closed, before the person's data key is destroyed (see README, "Bewaartermijn"). */
  bewaartermijnJaren: 10,
} as const;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface AppConfig {
  databaseUrl: string;
  temporal: { address: string; namespace: string; taskQueue: string; uiUrl: string };
  /**
   * commandTimeoutMs: how long a command waits for the workflow before answering 503.
   * verzoekenPerMinuut: per user (token `sub`), then 429 (issue 13).
   */
  api: { host: string; port: number; commandTimeoutMs: number; verzoekenPerMinuut: number };
  dataDir: string;
  logLevel: LogLevel;
  /**
   * Where a worker serves the Temporal SDK's own metrics for Prometheus (`host:port`, path /metrics);
   * null: none (ops/prometheus/ scrapes them in the compose topology).
   */
  workerMetricsAdres: string | null;
  auth: AuthConfig;
  /** The nightly escalation run's schedule (worker registers it; platform/temporal/nachtelijke-escalaties.ts). */
  escalatieronde: EscalatieRondeConfig;
  /** Master keys and the blind-index key (platform/crypto/sleutels.ts). */
  sleutels: SleutelConfig;
  privacy: {
    /** Years after a person's last traject closed before their data key is destroyed. */
    bewaartermijnJaren: number;
    /** The Temporal Web UI's origin, allowed to call the codec endpoint (CORS). */
    codecCorsOrigin: string;
  };
}

export interface EscalatieRondeConfig {
  /** `HH:MM` Europe/Amsterdam; default 04:00, never 02:00–02:59 (missing or doubled at DST changes). */
  tijd: string;
  inhaalvensterUren: number;
  /**
   * The schedule's id (default `nachtelijke-escalaties`); another one lets two systems share a Temporal
   * namespace (the e2e files on one dev server). Also the prefix of each run's workflow id.
   */
  scheduleId: string;
  /** Escalation policy overrides per gemeente (JSON in ESCALATIE_BELEID), validated at start-up. */
  beleid: EscalatieBeleidPerGemeente;
  /** Digests by e-mail; null: outbox only (the embedded default). */
  smtp: SmtpConfig | null;
}

export interface SmtpConfig {
  /** `smtp://user:pass@host:587` or `smtps://…` (nodemailer connection URL). */
  url: string;
  afzender: string;
  /**
   * Address per recipient: `{ontvanger}`, `{gemeente}` and `{rol}` are filled in (a casemanager
   * id or, for the team lead, the gemeente code), e.g. `{ontvanger}@{gemeente}.gemeente.example`.
   */
  adresSjabloon: string;
}

/**
 * How the API checks bearer tokens (issue 13: local keys only when asked for). `oidc` (production):
 * AUTH_ISSUER + AUTH_JWKS_URL + AUTH_AUDIENCE, keys from the identity provider. `lokaal` (only with
 * AUTH_MODUS=lokaal, never under NODE_ENV=production; `npm start` asks for it): an ES256 key pair in
 * .local/auth/ (or AUTH_LOCAL_PRIVATE_KEY / AUTH_LOCAL_PUBLIC_KEY); the API holds only the public
 * key, `npm run token` the private one (platform/auth.ts). `geen`: nothing chosen; the API refuses
 * to start (the worker and scripts do not need auth).
 */
export type AuthConfig =
  | { modus: 'oidc'; issuer: string; jwksUrl: string; audience: string }
  | {
      modus: 'lokaal';
      issuer: string;
      audience: string;
      privateKeyPem: string | null;
      publicKeyPem: string | null;
      sleutelbestand: string;
    }
  | { modus: 'geen' };

export const LOKALE_AUTH = {
  issuer: 'urn:inburgering:lokaal',
  audience: 'inburgering-api',
  sleutelbestand: 'lokaal-es256.pem',
} as const;

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

function aantalFrom(env: Env, name: EnvName, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigError(`${name} moet een positief geheel getal zijn, niet '${raw}'`);
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
      address:
        env[ENV.TEMPORAL_ADDRESS] ||
        (env[ENV.EMBEDDED_TEMPORAL_PORT]
          ? `127.0.0.1:${intFrom(env, ENV.EMBEDDED_TEMPORAL_PORT, 7233)}`
          : DEFAULTS.temporalAddress),
      namespace: env[ENV.TEMPORAL_NAMESPACE] || DEFAULTS.temporalNamespace,
      taskQueue: env[ENV.TEMPORAL_TASK_QUEUE] || DEFAULTS.taskQueue,
      uiUrl: env[ENV.TEMPORAL_UI_URL] || `http://127.0.0.1:${uiPort}`,
    },
    api: {
      host: env[ENV.API_HOST] || DEFAULTS.apiHost,
      port: intFrom(env, ENV.API_PORT, DEFAULTS.apiPort),
      commandTimeoutMs: Number(env[ENV.COMMAND_TIMEOUT_MS] || 10_000),
      verzoekenPerMinuut: aantalFrom(env, ENV.VERZOEKEN_PER_MINUUT, 600),
    },
    dataDir: path.resolve(env[ENV.DATA_DIR] || localDir('data')),
    logLevel: level,
    workerMetricsAdres: metricsAdresFrom(env),
    auth: authFrom(env),
    escalatieronde: escalatieRondeFrom(env),
    sleutels: sleutelsFrom(env),
    privacy: {
      bewaartermijnJaren: bewaartermijnFrom(env),
      codecCorsOrigin:
        env[ENV.CODEC_CORS_ORIGIN] ||
        new URL(env[ENV.TEMPORAL_UI_URL] || `http://127.0.0.1:${uiPort}`).origin,
    },
  };
}

function sleutelsFrom(env: Env): SleutelConfig {
  const ruw = env[ENV.SLEUTELS];
  if (!ruw) {
    if (env.NODE_ENV === 'production') {
      throw new ConfigError(
        `Zet ${ENV.SLEUTELS}, ${ENV.ACTIEVE_SLEUTEL} en ${ENV.BLINDE_INDEX_SLEUTEL}: een lokaal sleutelbestand is alleen voor ontwikkeling`,
      );
    }
    return { modus: 'lokaal', bestand: localDir('sleutels', 'sleutels.json') };
  }
  let sleutels: Record<string, string>;
  try {
    sleutels = JSON.parse(ruw) as Record<string, string>;
    if (typeof sleutels !== 'object' || sleutels === null || Array.isArray(sleutels))
      throw new Error('geen object');
  } catch {
    throw new ConfigError(`${ENV.SLEUTELS} moet JSON zijn als {"k2026":"<32 bytes base64>"}`);
  }
  const actief = env[ENV.ACTIEVE_SLEUTEL];
  const index = env[ENV.BLINDE_INDEX_SLEUTEL];
  if (!actief || !index) {
    throw new ConfigError(
      `Met ${ENV.SLEUTELS} horen ook ${ENV.ACTIEVE_SLEUTEL} en ${ENV.BLINDE_INDEX_SLEUTEL}`,
    );
  }
  return { modus: 'configuratie', sleutels, actief, index };
}

function metricsAdresFrom(env: Env): string | null {
  const adres = env[ENV.WORKER_METRICS_ADRES];
  if (!adres) return null;
  const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(adres);
  if (!m || Number(m[2]) > 65535) {
    throw new ConfigError(
      `${ENV.WORKER_METRICS_ADRES} moet host:poort zijn (bijv. 0.0.0.0:9464), niet '${adres}'`,
    );
  }
  return adres;
}

function bewaartermijnFrom(env: Env): number {
  const jaren = Number(env[ENV.BEWAARTERMIJN_JAREN] || DEFAULTS.bewaartermijnJaren);
  if (!Number.isInteger(jaren) || jaren < 1 || jaren > 120) {
    throw new ConfigError(`${ENV.BEWAARTERMIJN_JAREN} moet een geheel aantal jaren zijn (1-120)`);
  }
  return jaren;
}

function escalatieRondeFrom(env: Env): EscalatieRondeConfig {
  const tijd = env[ENV.ESCALATIERONDE_TIJD] || DEFAULTS.escalatierondeTijd;
  if (!isGeldigeTijd(tijd))
    throw new ConfigError(`${ENV.ESCALATIERONDE_TIJD} moet HH:MM zijn, niet '${tijd}'`);
  // Temporal schedules do not correct for DST: 02:xx is skipped in March and runs twice in October.
  if (tijd.startsWith('02:')) {
    throw new ConfigError(
      `${ENV.ESCALATIERONDE_TIJD} mag niet tussen 02:00 en 03:00 liggen (zomer-/wintertijd); kies bijv. 04:00`,
    );
  }
  const uren = Number(env[ENV.ESCALATIERONDE_INHAALVENSTER_UREN] || DEFAULTS.escalatierondeInhaalvensterUren);
  if (!Number.isInteger(uren) || uren < 1 || uren > 168) {
    throw new ConfigError(
      `${ENV.ESCALATIERONDE_INHAALVENSTER_UREN} moet een geheel aantal uren zijn (1-168)`,
    );
  }
  const ruw = env[ENV.ESCALATIE_BELEID];
  let beleid: EscalatieBeleidPerGemeente = {};
  if (ruw) {
    try {
      beleid = JSON.parse(ruw) as EscalatieBeleidPerGemeente;
      if (typeof beleid !== 'object' || beleid === null || Array.isArray(beleid))
        throw new Error('geen object');
      escalatieBeleidPerGemeente(beleid);
    } catch (err) {
      const veld = isDomainError(err) ? ` (${err.veld})` : '';
      throw new ConfigError(
        `${ENV.ESCALATIE_BELEID} moet JSON zijn als {"GM0518":{"taakTeLaatWerkdagen":5}}${veld}`,
      );
    }
  }
  const scheduleId = env[ENV.ESCALATIERONDE_SCHEDULE_ID] || DEFAULTS.escalatierondeScheduleId;
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(scheduleId)) {
    throw new ConfigError(
      `${ENV.ESCALATIERONDE_SCHEDULE_ID} mag alleen kleine letters, cijfers en '-' bevatten (hoogstens 100 tekens)`,
    );
  }
  return { tijd, inhaalvensterUren: uren, scheduleId, beleid, smtp: smtpFrom(env) };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function authUrl(name: EnvName, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} moet een URL zijn, niet '${raw}'`);
  }
  // Keys fetched over plain http could be swapped by anyone on the path: only loopback may.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new ConfigError(`${name} moet https gebruiken (http alleen op 127.0.0.1/localhost)`);
  }
  return url.href;
}

function authFrom(env: Env): AuthConfig {
  const issuer = env[ENV.AUTH_ISSUER];
  const jwksUrl = env[ENV.AUTH_JWKS_URL];
  const audience = env[ENV.AUTH_AUDIENCE];
  const modus = env[ENV.AUTH_MODUS] || undefined;
  if (modus !== undefined && modus !== 'oidc' && modus !== 'lokaal') {
    throw new ConfigError(`${ENV.AUTH_MODUS} is oidc of lokaal, niet '${modus}'`);
  }
  if (modus === 'lokaal') {
    if (env[ENV.NODE_ENV] === 'production') {
      throw new ConfigError(
        `${ENV.AUTH_MODUS}=lokaal (een lokale ondertekensleutel) is niet toegestaan met NODE_ENV=production: zet ${ENV.AUTH_ISSUER}, ${ENV.AUTH_JWKS_URL} en ${ENV.AUTH_AUDIENCE}`,
      );
    }
    if (issuer) {
      throw new ConfigError(`${ENV.AUTH_MODUS}=lokaal en ${ENV.AUTH_ISSUER} sluiten elkaar uit: kies één`);
    }
    const pem = (naam: EnvName) => {
      const waarde = env[naam];
      // One-line env values carry the PEM's newlines as \n.
      return waarde ? waarde.replace(/\\n/g, '\n') : null;
    };
    return {
      modus: 'lokaal',
      issuer: LOKALE_AUTH.issuer,
      audience: audience || LOKALE_AUTH.audience,
      privateKeyPem: pem(ENV.AUTH_LOCAL_PRIVATE_KEY),
      publicKeyPem: pem(ENV.AUTH_LOCAL_PUBLIC_KEY),
      sleutelbestand: localDir('auth', LOKALE_AUTH.sleutelbestand),
    };
  }
  if (issuer || modus === 'oidc') {
    if (!issuer || !jwksUrl || !audience) {
      throw new ConfigError(
        `Met ${ENV.AUTH_ISSUER} zijn ook ${ENV.AUTH_JWKS_URL} en ${ENV.AUTH_AUDIENCE} verplicht`,
      );
    }
    return { modus: 'oidc', issuer, jwksUrl: authUrl(ENV.AUTH_JWKS_URL, jwksUrl), audience };
  }
  if (jwksUrl) {
    throw new ConfigError(`${ENV.AUTH_JWKS_URL} zonder ${ENV.AUTH_ISSUER}: zet ook de issuer`);
  }
  return { modus: 'geen' };
}

/** Why the API will not start without a choice of auth (shown by api/main.ts). */
export const GEEN_AUTH_MELDING = `Geen aanmelding ingesteld: zet ${ENV.AUTH_ISSUER}, ${ENV.AUTH_JWKS_URL} en ${ENV.AUTH_AUDIENCE} (OIDC), of ${ENV.AUTH_MODUS}=lokaal voor ontwikkeling (npm start doet dat zelf)`;

function smtpFrom(env: Env): SmtpConfig | null {
  const url = env[ENV.SMTP_URL];
  if (!url) return null;
  if (!/^smtps?:\/\//.test(url)) throw new ConfigError(`${ENV.SMTP_URL} begint met smtp:// of smtps://`);
  const afzender = env[ENV.SMTP_AFZENDER];
  const adresSjabloon = env[ENV.DIGEST_ADRES_SJABLOON];
  if (!afzender || !adresSjabloon?.includes('{')) {
    throw new ConfigError(
      `Met ${ENV.SMTP_URL} horen ook ${ENV.SMTP_AFZENDER} en ${ENV.DIGEST_ADRES_SJABLOON} (bijv. {ontvanger}@{gemeente}.gemeente.example)`,
    );
  }
  return { url, afzender, adresSjabloon };
}
