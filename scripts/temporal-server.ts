import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { localDir } from '../platform/paths';

/**
 * The production Temporal server (issue 14): `go.temporal.io/server`, the engine a municipality
 * deploys, built from the Go module proxy (no Docker) and cached under `.local/temporal-server/<versie>/`
 * (git-ignored). The version is pinned here; a cached build of another version is never used.
 * The module asks for Go ≥ 1.26.10; with `GOTOOLCHAIN` the installed `go` fetches that toolchain
 * through the same proxy, so any Go ≥ 1.21 on PATH will do.
 */
export const TEMPORAL_SERVER_VERSIE = 'v1.32.2';
export const GO_TOOLCHAIN = 'go1.27.3';
const MODULE = 'go.temporal.io/server';

export interface TemporalServerProgrammas {
  /** `cmd/server`: `server --config-file … start --service history`. */
  server: string;
  /** `cmd/tools/sql`: creates and migrates the Postgres schemas (embedded in the binary). */
  sql: string;
  versie: string;
  /** 'cache' when found, 'gebouwd' when built now (then `bouwS` says how long it took). */
  bron: 'cache' | 'gebouwd';
  bouwS?: number;
}

/** Thrown with a Dutch message that names the fix. */
export class TemporalServerFout extends Error {}

export function temporalServerMap(root: string = localDir('temporal-server')): string {
  return path.join(root, TEMPORAL_SERVER_VERSIE);
}

function uitvoerbaar(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface VindOpties {
  /** Folder of all versions (default `.local/temporal-server`). */
  root?: string;
  env?: NodeJS.ProcessEnv;
  log?: (m: string) => void;
  /** Build when missing (default true); false: throw the Dutch message instead. */
  bouwen?: boolean;
}

/** The pinned server and sql tool from the cache, or built once with Go when they are missing. */
export function vindOfBouwTemporalServer(opties: VindOpties = {}): TemporalServerProgrammas {
  const env = opties.env ?? process.env;
  const log = opties.log ?? (() => undefined);
  const map = temporalServerMap(opties.root);
  const stempel = path.join(map, 'versie.json');
  const server = path.join(map, 'bin', 'server');
  const sql = path.join(map, 'bin', 'sql');
  const gevonden = () => {
    if (!fs.existsSync(stempel) || !uitvoerbaar(server) || !uitvoerbaar(sql)) return false;
    const s = JSON.parse(fs.readFileSync(stempel, 'utf8')) as { versie?: string };
    return s.versie === TEMPORAL_SERVER_VERSIE;
  };
  if (gevonden()) return { server, sql, versie: TEMPORAL_SERVER_VERSIE, bron: 'cache' };
  if (opties.bouwen === false) {
    throw new TemporalServerFout(
      `De Temporal-server ${TEMPORAL_SERVER_VERSIE} is nog niet gebouwd (${map}). Draai 'npm run temporal-server:install'.`,
    );
  }

  const go = spawnSync('go', ['version'], { env, encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new TemporalServerFout(
      `Go ontbreekt: de productie-Temporal-server (${MODULE} ${TEMPORAL_SERVER_VERSIE}) wordt met Go gebouwd en in ${map} bewaard. ` +
        `Installeer Go 1.21 of nieuwer (https://go.dev/dl/ of 'apt-get install golang-go') en start opnieuw; ` +
        `de benodigde toolchain (${GO_TOOLCHAIN}) haalt Go zelf via de module-proxy. Of gebruik 'npm start' (de Temporal dev server).`,
    );
  }
  log(
    `Temporal-server ${TEMPORAL_SERVER_VERSIE} bouwen met ${GO_TOOLCHAIN} (${go.stdout.trim()}); eenmalig, enkele minuten`,
  );
  const t0 = Date.now();
  // Built into a temporary folder and moved into place: a build that stops halfway is never found.
  const tijdelijk = `${map}.${crypto.randomUUID()}.tmp`;
  fs.mkdirSync(path.join(tijdelijk, 'bin'), { recursive: true });
  try {
    const bouw = spawnSync(
      'go',
      [
        'install',
        `${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSIE}`,
        `${MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSIE}`,
      ],
      {
        env: { ...env, GOTOOLCHAIN: GO_TOOLCHAIN, GOBIN: path.join(tijdelijk, 'bin'), CGO_ENABLED: '0' },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    if (bouw.status !== 0) {
      throw new TemporalServerFout(
        `Het bouwen van de Temporal-server ${TEMPORAL_SERVER_VERSIE} mislukte (go install, code ${bouw.status}). ` +
          `Is de Go-module-proxy bereikbaar (GOPROXY=${env.GOPROXY ?? 'https://proxy.golang.org'})?`,
      );
    }
    const bouwS = Math.round((Date.now() - t0) / 100) / 10;
    fs.writeFileSync(
      path.join(tijdelijk, 'versie.json'),
      `${JSON.stringify({ versie: TEMPORAL_SERVER_VERSIE, toolchain: GO_TOOLCHAIN, bouwS, gebouwdOp: new Date().toISOString() }, null, 2)}\n`,
    );
    fs.rmSync(map, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(map), { recursive: true });
    fs.renameSync(tijdelijk, map);
    log(`Temporal-server gebouwd in ${bouwS} s: ${map}`);
    return { server, sql, versie: TEMPORAL_SERVER_VERSIE, bron: 'gebouwd', bouwS };
  } finally {
    fs.rmSync(tijdelijk, { recursive: true, force: true });
  }
}
