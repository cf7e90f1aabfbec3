import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { datumVanInstant } from '../domain/shared/kalender';
import { projectRoot } from '../platform/paths';
import { createDataSource } from '../platform/persistence/data-source';
import { startUiStack } from './ui-stack';
import { bouwWebAlsNodig } from './web-build';

/**
 * `npm run bench:ui [-- N]`: figures for the casemanager UI (a script that prints, not a timed test).
 *  1. the Vite build of the UI;
 *  2. the first load of "Mijn caseload" with N (default 5,000) trajecten seeded for one casemanager:
 *     time from navigation start to the first rows on screen, cold (empty cache) and warm;
 *  3. the JavaScript shipped on that first load, raw and gzipped (the dashboard is a lazy chunk);
 *  4. how long `npm start` takes until it prints its URLs, with the UI build and without.
 * Uses Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium) through Playwright.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const MEDEWERKER = 'cm-bench';
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const mediaan = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function vrijePoort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const adres = server.address();
      server.close(() => resolve(typeof adres === 'object' && adres ? adres.port : 0));
    });
  });
}

async function zaai(databaseUrl: string, n: number): Promise<void> {
  const ds = await createDataSource(databaseUrl, 'bench-ui').initialize();
  const p = datumVanInstant(Date.now());
  // Read-model rows only (the list reads nothing else): phases, routes and deadlines spread out.
  await ds.query(
    `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, leerroute, casemanager, kennisgevingsdatum,
       termijn_einde, volgende_deadline, volgende_deadline_soort, versie, termijn_overschreden)
     SELECT id, 'traject-' || id, 'GM0518',
            (ARRAY['asielstatushouder','gezinsmigrant','overige_migrant'])[1 + i % 3],
            (ARRAY['aangemeld','intake_afgerond','pip_vastgesteld','in_leerroute'])[1 + i % 4],
            CASE WHEN i % 4 >= 2 THEN (ARRAY['b1','onderwijs','z'])[1 + i % 3] END,
            $3, p - (i % 700), CASE WHEN i % 4 >= 2 THEN p + (i % 1000) - 100 END,
            p + (i % 400) - 30, 'voortgangsgesprek', 1, i % 97 = 0
       FROM (SELECT i, md5('bench-ui-' || i)::uuid AS id, $2::date AS p FROM generate_series(1, $1::int) AS i) s`,
    [n, p, MEDEWERKER],
  );
  await ds.query('ANALYZE traject');
  await ds.destroy();
}

async function meetCaseload(baseUrl: string): Promise<void> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const res = await fetch(`${baseUrl}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rol: 'casemanager', gemeente: 'GM0518', medewerker: MEDEWERKER }),
  });
  const { token } = (await res.json()) as { token: string };
  const koud: number[] = [];
  const warm: number[] = [];
  let scripts: { url: string; bytes: number; gzip: number }[] = [];
  for (let ronde = 0; ronde < 5; ronde++) {
    const context = await browser.newContext({ locale: 'nl-NL' });
    // Browser code as text: this file is compiled for Node. The moment the first row of the list is in
    // the DOM, relative to navigation start.
    await context.addInitScript({
      content: `sessionStorage.setItem('inburgering.token', ${JSON.stringify(token)});
        const kijk = new MutationObserver(() => {
          if (document.querySelector('table.caseload tbody tr')) { window.eersteRijen = performance.now(); kijk.disconnect(); }
        });
        kijk.observe(document, { childList: true, subtree: true });`,
    });
    const page = await context.newPage();
    const geladen: Promise<{ url: string; bytes: number; gzip: number }>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') {
        geladen.push(r.body().then((b) => ({ url: r.url(), bytes: b.length, gzip: gzipSync(b).length })));
      }
    });
    const meet = async (): Promise<number> => {
      await page.waitForFunction('window.eersteRijen !== undefined');
      return (await page.evaluate('window.eersteRijen')) as number;
    };
    await page.goto(`${baseUrl}/caseload`);
    koud.push(await meet());
    const rijen = await page.locator('table.caseload tbody tr').count();
    if (ronde === 0) {
      await page.waitForLoadState('networkidle');
      scripts = await Promise.all(geladen);
      console.log(`  eerste pagina: ${rijen} rijen (van ${MEDEWERKER}'s caseload, limiet 50, keyset)`);
    }
    await page.reload();
    warm.push(await meet());
    await context.close();
  }
  await browser.close();
  console.log(
    `Eerste rijen van "Mijn caseload": koud (lege cache) mediaan ${mediaan(koud).toFixed(0)} ms ` +
      `[${koud.map((x) => x.toFixed(0)).join(', ')}], warm (herladen) mediaan ${mediaan(warm).toFixed(0)} ms`,
  );
  const raw = scripts.reduce((s, x) => s + x.bytes, 0);
  const gz = scripts.reduce((s, x) => s + x.gzip, 0);
  console.log(
    `JavaScript bij de eerste keer laden: ${scripts.length} bestanden, ${kb(raw)} ruw, ${kb(gz)} gzip`,
  );
  for (const s of scripts)
    console.log(`  ${path.basename(new URL(s.url).pathname)}: ${kb(s.bytes)} (${kb(s.gzip)} gzip)`);
  const dashboard = scripts.some((s) => s.url.includes('/Dashboard-'));
  const chunk = fs
    .readdirSync(path.join(projectRoot(), 'dist', 'web', 'assets'))
    .find((f) => /^Dashboard-.*\.js$/.test(f));
  const dashboardGz = chunk
    ? gzipSync(fs.readFileSync(path.join(projectRoot(), 'dist', 'web', 'assets', chunk))).length
    : 0;
  console.log(
    `  dashboard (grafieken) ${dashboard ? 'WEL' : 'niet'} meegeladen; die chunk is ${kb(dashboardGz)} gzip en laadt pas op /dashboard`,
  );
}

/** Runs `npm start` until it prints its URLs; in a private network namespace when possible (default ports free). */
async function meetNpmStart(dataDir: string, label: string): Promise<void> {
  const [apiPoort, pgPoort, uiPoort] = await Promise.all([vrijePoort(), vrijePoort(), vrijePoort()]);
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    API_PORT: String(apiPoort),
    EMBEDDED_POSTGRES_PORT: String(pgPoort),
    TEMPORAL_UI_PORT: String(uiPoort),
    LOG_LEVEL: 'warn',
  };
  let eigenNetwerk = false;
  try {
    execFileSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
    eigenNetwerk = true;
  } catch {
    // not root or no unshare: the dev server's port 7233 must then be free
  }
  const t0 = Date.now();
  const kind: ChildProcess = eigenNetwerk
    ? spawn('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec npm start'], { env, detached: true })
    : spawn('npm', ['start'], { env, detached: true });
  let uitvoer = '';
  const klaar = await new Promise<{ ms: number; regels: string[] }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start niet klaar binnen 180 s:\n${uitvoer}`)),
      180_000,
    );
    kind.stdout?.on('data', (d: Buffer) => {
      uitvoer += d.toString();
      const i = uitvoer.indexOf('Inburgering draait');
      if (i >= 0 && uitvoer.slice(i).includes('Temporal ')) {
        clearTimeout(timer);
        resolve({ ms: Date.now() - t0, regels: uitvoer.slice(i).split('\n').slice(0, 3) });
      }
    });
    kind.stderr?.on('data', (d: Buffer) => {
      uitvoer += d.toString();
    });
    kind.once('exit', (code) => reject(new Error(`npm start stopte (${code}):\n${uitvoer}`)));
  });
  console.log(
    `npm start ${label}: ${(klaar.ms / 1000).toFixed(1)} s tot de URL's${eigenNetwerk ? '' : ' (zonder eigen netwerk)'}`,
  );
  for (const r of klaar.regels) console.log(`    ${r}`);
  const gestopt = new Promise((r) => kind.once('exit', r));
  if (kind.pid) process.kill(-kind.pid, 'SIGINT');
  await gestopt;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 5_000);
  process.env.LOG_LEVEL = 'warn';
  const bouw = await bouwWebAlsNodig({ forceer: true });
  console.log(`Vite-build van de webapplicatie: ${(bouw.ms / 1000).toFixed(1)} s`);

  const stack = await startUiStack();
  try {
    const t0 = Date.now();
    await zaai(stack.databaseUrl, n);
    console.log(`zaaien: ${n} trajecten in het leesmodel in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await meetCaseload(stack.baseUrl);
  } finally {
    await stack.stop();
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inburgering-bench-start-'));
  try {
    // With the UI build: its fingerprint is gone, so npm start rebuilds it (fresh data dir as well).
    fs.rmSync(path.join(projectRoot(), 'dist', 'web', '.bouw-hash'), { force: true });
    await meetNpmStart(dataDir, 'met UI-build, eerste start (lege datamap)');
    await meetNpmStart(dataDir, 'UI actueel, tweede start');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
