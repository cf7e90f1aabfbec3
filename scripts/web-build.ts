import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../platform/paths';

/** What goes into the UI bundle: the web sources, the rulebook and the command schemas it imports, the lockfile. */
const INVOER = [
  'web',
  'domain',
  'api/trajecten/commandos.dto.ts',
  'api/trajecten/aanmelding.dto.ts',
  'package-lock.json',
];
const THEMA_ENV = ['UI_THEMA_CSS', 'UI_THEMA_KLASSE'];
const HASH_BESTAND = '.bouw-hash';

function* bestanden(pad: string): Generator<string> {
  if (!fs.existsSync(pad)) return;
  const stat = fs.statSync(pad);
  if (stat.isFile()) {
    yield pad;
    return;
  }
  for (const naam of fs.readdirSync(pad).sort()) {
    if (naam === 'node_modules' || naam === 'dist' || naam.startsWith('.')) continue;
    yield* bestanden(path.join(pad, naam));
  }
}

/** A fingerprint of everything the build reads: a checkout, a pull or a theme change rebuilds, nothing else does. */
export function webBronHash(root = projectRoot()): string {
  const hash = createHash('sha256');
  for (const deel of INVOER) {
    for (const bestand of bestanden(path.join(root, deel))) {
      hash.update(path.relative(root, bestand)).update('\0').update(fs.readFileSync(bestand)).update('\0');
    }
  }
  for (const naam of THEMA_ENV) hash.update(`${naam}=${process.env[naam] ?? ''}\0`);
  return hash.digest('hex');
}

export function webUitvoerMap(root = projectRoot()): string {
  return path.join(root, 'dist', 'web');
}

export interface WebBouw {
  gebouwd: boolean;
  ms: number;
  map: string;
}

/**
 * Builds the casemanager UI with Vite (a child process: Vite is ESM and CPU-heavy) when its sources
 * changed since the last build, or always with `forceer`. `npm start` and the browser tests call this.
 */
export async function bouwWebAlsNodig(
  opties: { forceer?: boolean; log?: (m: string) => void } = {},
): Promise<WebBouw> {
  const root = projectRoot();
  const map = webUitvoerMap(root);
  const t0 = Date.now();
  const hash = webBronHash(root);
  const hashBestand = path.join(map, HASH_BESTAND);
  const actueel =
    fs.existsSync(path.join(map, 'index.html')) &&
    fs.existsSync(hashBestand) &&
    fs.readFileSync(hashBestand, 'utf8') === hash;
  if (actueel && !opties.forceer) return { gebouwd: false, ms: Date.now() - t0, map };
  opties.log?.('webapplicatie bouwen (Vite)…');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  await new Promise<void>((resolve, reject) => {
    const kind = spawn(
      process.execPath,
      [vite, 'build', '--config', path.join(root, 'web', 'vite.config.mts'), '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      },
    );
    kind.once('error', reject);
    kind.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`De webapplicatie kon niet worden gebouwd (vite: exitcode ${code})`)),
    );
  });
  fs.writeFileSync(hashBestand, hash);
  return { gebouwd: true, ms: Date.now() - t0, map };
}
