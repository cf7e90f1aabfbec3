import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { trajectWorkflowId } from '../contract/ids';
import { addDays, datumVanInstant } from '../domain/shared/kalender';
import { tekenLokaalToken } from '../platform/auth';
import { loadConfig } from '../platform/config';
import { temporalBeveiliging } from '../platform/temporal/verbinding';
import { telOpUpdate } from './bench-last-workflow';
import { cpuPerBoom, cpuTabel, type Kolom, schraap, tijdenTabel } from './bench-tijden';
import { type Stapel, startStapel, stopBijSignaal } from './stapel';
import { type Cluster, startCluster } from './temporal-cluster';

/**
 * `npm run bench:last [-- C S T]` (issue 14): C concurrent clients (default 50) send a mix of commands
 * over HTTP for S seconds (default 20) to T trajecten (default 50), payload codec on; then, on the same
 * Temporal server, the same load shape against a bare entity workflow (one Update that adds a number,
 * with a validator; its own task queue and worker in this process). Prints both rows and the ratios:
 * throughput, p50/p95/p99, errors, history events per command (counted from the histories).
 *
 * Target: the embedded stack of `npm start` on free ports and a throw-away data dir (worker and API as
 * their own processes), or what the environment names: `TEMPORAL_ADDRESS` / `DATABASE_URL` (the stack
 * then uses those), or `BENCH_API_URL` (APIs that already run, comma-separated; needs
 * `TEMPORAL_ADDRESS` too and accepts tokens signed with the local key). `BENCH_PROCESSEN=N`: N workers
 * and N API processes on the dev server; `BENCH_DOEL=productie`: the production engine of
 * `npm run start:productie` (Temporal server v1.32.2 as five processes, two workers, two APIs).
 * Clients spread over the APIs. Afterwards every traject's hours are compared with the `uren`
 * commands acknowledged for it (each adds 1): applied exactly once, or the difference. Prints figures;
 * asserts nothing.
 */

interface Meting {
  naam: string;
  geslaagd: number;
  fouten: number;
  foutsoorten: Map<string, number>;
  duren: number[];
  seconden: number;
  /** History events added during the load, over all workflows of this row. */
  events: number;
}

const wacht = (ms: number) => new Promise((r) => setTimeout(r, ms));

function vrijePoort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function percentiel(gesorteerd: number[], q: number): number {
  if (gesorteerd.length === 0) return Number.NaN;
  return gesorteerd[Math.min(gesorteerd.length - 1, Math.floor(q * gesorteerd.length))];
}

async function metGrens<T>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<void>) {
  let volgende = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (volgende < items.length) {
        const i = volgende++;
        await fn(items[i], i);
      }
    }),
  );
}

/** C clients, each one request at a time for S seconds; `stuur` resolves with an error label or null. */
async function last(
  naam: string,
  clients: number,
  seconden: number,
  stuur: (client: number, volgnummer: number) => Promise<string | null>,
): Promise<Omit<Meting, 'events'>> {
  const duren: number[] = [];
  const foutsoorten = new Map<string, number>();
  let geslaagd = 0;
  let fouten = 0;
  const start = Date.now();
  const einde = start + seconden * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let k = 0; Date.now() < einde; k += 1) {
        const t0 = process.hrtime.bigint();
        let fout: string | null;
        try {
          fout = await stuur(c, k);
        } catch (err) {
          fout = err instanceof Error ? err.name : 'fout';
        }
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (fout === null) {
          geslaagd += 1;
          duren.push(ms);
        } else {
          fouten += 1;
          foutsoorten.set(fout, (foutsoorten.get(fout) ?? 0) + 1);
        }
      }
    }),
  );
  duren.sort((a, b) => a - b);
  return { naam, geslaagd, fouten, foutsoorten, duren, seconden: (Date.now() - start) / 1000 };
}

/** History length of one run, straight from the server (no payload decoding needed). */
async function lengte(client: Client, workflowId: string, runId?: string) {
  const d = await client.workflowService.describeWorkflowExecution({
    namespace: client.options.namespace,
    execution: { workflowId, ...(runId ? { runId } : {}) },
  });
  return {
    runId: d.workflowExecutionInfo?.execution?.runId ?? '',
    n: Number(d.workflowExecutionInfo?.historyLength ?? 0),
  };
}

/** History length per workflow before the load. */
async function historyLengtes(
  client: Client,
  ids: string[],
): Promise<Map<string, { runId: string; n: number }>> {
  const uit = new Map<string, { runId: string; n: number }>();
  await metGrens(ids, 16, async (id) => {
    uit.set(id, await lengte(client, id));
  });
  return uit;
}

/** Events added since `voor`, also across continue-as-new (one hop assumed in a bench's seconds). */
async function eventsErbij(client: Client, voor: Map<string, { runId: string; n: number }>): Promise<number> {
  let som = 0;
  await metGrens([...voor], 16, async ([id, v]) => {
    const nu = await lengte(client, id);
    if (nu.runId === v.runId) {
      som += nu.n - v.n;
      return;
    }
    const oud = await lengte(client, id, v.runId);
    som += oud.n - v.n + nu.n;
  });
  return som;
}

/** The mix over HTTP: hours (half), a progress conversation (a quarter), a casemanager change (a quarter). */
function commando(k: number, vandaag: string): { route: string; body: Record<string, unknown> } {
  switch (k % 4) {
    case 0:
    case 1:
      return {
        route: 'uren',
        body: { soort: k % 2 === 0 ? 'taal' : 'participatie', uren: 1, datum: vandaag },
      };
    case 2:
      return { route: 'voortgangsgesprekken', body: { datum: vandaag, samenvatting: null } };
    default:
      return { route: 'casemanager', body: { casemanager: `bench-cm-${(k >> 2) % 3}` } };
  }
}

async function main(): Promise<void> {
  const clients = Number(process.argv[2] ?? 50);
  const seconden = Number(process.argv[3] ?? 20);
  const aantal = Number(process.argv[4] ?? 50);
  // This process's SDK metrics are the bare worker's (the client here is not the core's).
  const kaleMetricsPoort = await vrijePoort();
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    shutdownSignals: [],
    telemetryOptions: {
      metrics: {
        prometheus: { bindAddress: `127.0.0.1:${kaleMetricsPoort}`, useSecondsForDurations: true },
      },
    },
  });
  const log = (r: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${r}`);

  let stapel: Stapel | Cluster | null = null;
  let loslaten: () => void = () => undefined;
  let dataDir: string | null = null;
  let apiUrls = process.env.BENCH_API_URL?.split(',').filter(Boolean);
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  const doel = process.env.BENCH_DOEL === 'productie' ? 'productie' : 'dev';
  const processen = Number(process.env.BENCH_PROCESSEN ?? 1);
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'error', VERZOEKEN_PER_MINUUT: '1000000' };
  // The workers' SDK metrics, for where a command's time goes (BENCH_WORKER_METRICS: workers that run).
  let workerMetricsUrls = process.env.BENCH_WORKER_METRICS?.split(',').filter(Boolean) ?? [];
  if (!apiUrls?.length) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inburgering-bench-last-'));
    fs.chmodSync(dataDir, 0o755);
    const [apiPort, pgPort, temporalPort] = [await vrijePoort(), await vrijePoort(), await vrijePoort()];
    Object.assign(env, {
      DATA_DIR: dataDir,
      API_PORT: String(apiPort),
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      EMBEDDED_TEMPORAL_PORT: String(temporalPort),
    });
    for (const k of ['AUTH_ISSUER', 'AUTH_JWKS_URL', 'NODE_ENV']) delete env[k];
    const logbestand = path.join(os.tmpdir(), `${path.basename(dataDir)}.log`);
    const uitvoer = (r: string) => fs.appendFileSync(logbestand, `${r}\n`);
    if (doel === 'productie') {
      log(
        "productie-engine starten (Temporal-server als vijf processen, 2 workers, 2 API's, embedded Postgres)",
      );
      log(`uitvoer van alle processen: ${logbestand}`);
      stapel = await startCluster({
        env,
        dataDir: path.join(dataDir, 'productie'),
        frontendPort: Number(env.EMBEDDED_TEMPORAL_PORT),
        postgresPort: Number(env.EMBEDDED_POSTGRES_PORT),
        apiPoorten: [Number(env.API_PORT), await vrijePoort()],
        log,
        uitvoer,
      });
      workerMetricsUrls = stapel.workerMetricsUrls;
    } else {
      log(
        `stapel starten (${env.TEMPORAL_ADDRESS ? `Temporal ${env.TEMPORAL_ADDRESS}` : 'Temporal dev server'}, ${env.DATABASE_URL ? 'externe Postgres' : 'embedded Postgres'}, ${processen} worker(s), ${processen} API('s))`,
      );
      log(`uitvoer van worker en API: ${logbestand}`);
      // Every worker its own metrics port.
      const workerMetricsPoorten = await Promise.all(Array.from({ length: processen }, () => vrijePoort()));
      workerMetricsUrls = workerMetricsPoorten.map((p) => `http://127.0.0.1:${p}/metrics`);
      // More API processes take the ports after API_PORT.
      stapel = await startStapel({
        env,
        ui: false,
        uitvoer,
        processen: { workers: processen, apis: processen },
        workerMetricsPoorten,
      });
    }
    loslaten = stopBijSignaal(stapel);
    apiUrls = stapel.apiUrls;
    temporalAddress = stapel.temporalAddress;
  } else if (!temporalAddress) {
    throw new Error('BENCH_API_URL vraagt ook TEMPORAL_ADDRESS (voor de kale Updates en de histories)');
  }
  const urls = apiUrls as string[];
  // CPU of every process of the stack (with its children: Postgres's backends) and of this one (the
  // clients, and the bare row's worker), read from /proc around each load.
  const cpuNu = (): Record<string, number> => {
    const { user, system } = process.cpuUsage();
    return { ...cpuPerBoom(stapel?.supervisor.pids() ?? {}), bench: (user + system) / 1e6 };
  };
  const config = loadConfig(env);
  const connection = await Connection.connect({
    address: temporalAddress as string,
    ...temporalBeveiliging(env),
  });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  try {
    const auth = loadConfig({ ...env, AUTH_MODUS: 'lokaal' }).auth;
    if (auth.modus !== 'lokaal') throw new Error('bench:last tekent zijn tokens met de lokale sleutel');
    const token = await tekenLokaalToken(auth, { sub: 'bench-tl', rol: 'teamleider', gemeente: 'GM0518' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const opsToken = await tekenLokaalToken(auth, { sub: 'bench-ops', rol: 'operations', gemeente: '*' });
    const apiMetrieken = () =>
      schraap(
        urls.map((u) => `${u}/metrics`),
        { authorization: `Bearer ${opsToken}` },
      );
    const vandaag = datumVanInstant(Date.now());
    // The load generator shares the machine with the system it measures: plain node:http over kept-alive
    // connections, not fetch (undici cost the bench process ~7 ms of CPU per request, more than the API
    // spent on it, and that CPU was taken from the server, worker and API on the same two cores).
    const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(clients, 5) });
    const post = (pad: string, body: object, commandId = `bench-${randomUUID()}`, apiNr = 0) =>
      new Promise<{ status: number; tekst: string }>((resolve, reject) => {
        const data = JSON.stringify({ commandId, ...body });
        const req = http.request(
          `${urls[apiNr % urls.length]}/api/v1/trajecten${pad}`,
          { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(data) } },
          (res) => {
            const delen: Buffer[] = [];
            res.on('data', (d: Buffer) => delen.push(d));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, tekst: Buffer.concat(delen).toString() }),
            );
            res.on('error', reject);
          },
        );
        req.setTimeout(30_000, () => req.destroy(new Error('TimeoutError')));
        req.on('error', reject);
        req.end(data);
      });
    // Seeding waits out a cold worker: a 503 is sent again with the same commandId (applied once).
    let herhaald = 0;
    const zaaiPost = async (pad: string, body: object) => {
      const commandId = `zaai-${randomUUID()}`;
      for (let poging = 1; ; poging += 1) {
        const r = await post(pad, body, commandId);
        if (r.status !== 503 || poging === 10) return r;
        herhaald += 1;
        await wacht(500);
      }
    };

    // Seed: T trajecten in their leerroute (aanmelding, intake, PIP), so every command of the mix applies.
    const t0 = Date.now();
    const trajecten: string[] = new Array(aantal);
    await metGrens(
      Array.from({ length: aantal }, (_, i) => i),
      5,
      async (i) => {
        const a = await zaaiPost('', {
          gemeente: 'GM0518',
          doelgroep: 'gezinsmigrant',
          kennisgevingsdatum: addDays(vandaag, -10),
        });
        if (a.status !== 201) throw new Error(`aanmelding: ${a.status} ${a.tekst}`);
        const id = (JSON.parse(a.tekst) as { id: string }).id;
        for (const [route, body] of [
          ['intake', { datum: vandaag }],
          ['pip', { dagtekening: vandaag, leerroute: 'z' }],
        ] as const) {
          const r = await zaaiPost(`/${id}/${route}`, body);
          if (r.status !== 200) throw new Error(`${route}: ${r.status} ${r.tekst}`);
        }
        trajecten[i] = id;
      },
    );
    log(
      `${aantal} trajecten gezaaid in ${((Date.now() - t0) / 1000).toFixed(1)} s (${herhaald}× 503 herhaald)`,
    );

    // Our path: HTTP → API → Update → traject workflow (codec on in worker and API).
    const onzeIds = trajecten.map((id) => trajectWorkflowId(id));
    const onzeVoor = await historyLengtes(client, onzeIds);
    const [apiVoor, workerVoor] = [await apiMetrieken(), await schraap(workerMetricsUrls)];
    const onsCpuVoor = cpuNu();
    log(`last: ${clients} clients, ${seconden} s, gemengde commando's over HTTP`);
    // Per traject: the `uren` commands (1 hour each) an API acknowledged with 200.
    const erkendeUren = new Array<number>(aantal).fill(0);
    const onsRuw = await last(
      `onze API (HTTP → Update → trajectworkflow${urls.length > 1 ? `, ${urls.length} API's` : ''})`,
      clients,
      seconden,
      async (c, k) => {
        const { route, body } = commando(k, vandaag);
        // Client c's k-th command goes to traject (c + k·C) mod T: with C = T every client keeps to its
        // own traject; with fewer clients they rotate over all of them (one client used to send
        // everything to one traject, whose continue-as-new then hid events from the count).
        const t = (c + k * clients) % aantal;
        const r = await post(`/${trajecten[t]}/${route}`, body, undefined, c);
        if (r.status === 200 && route === 'uren') erkendeUren[t] += 1;
        return r.status === 200 ? null : `HTTP ${r.status}${r.status < 500 ? ` ${route}` : ''}`;
      },
    );
    const onsCpuNa = cpuNu();
    await wacht(1000); // side effects of the last commands (activities) land in the histories
    const [apiNa, workerNa] = [await apiMetrieken(), await schraap(workerMetricsUrls)];
    const ons: Meting = { ...onsRuw, events: await eventsErbij(client, onzeVoor) };
    // Exactly once: every traject's hours (live, from its workflow through the API) against what was
    // acknowledged for it. More hours than acknowledged = applied twice or applied after an error.
    let urenToegepast = 0;
    const afwijkend: string[] = [];
    await metGrens(trajecten, 8, async (id, i) => {
      const res = await fetch(`${urls[i % urls.length]}/api/v1/trajecten/${id}`, { headers });
      const view = (await res.json()) as { status: { state: { uren: Record<string, number> } } | null };
      const uren = view.status
        ? (view.status.state.uren.taal ?? 0) + (view.status.state.uren.participatie ?? 0)
        : -1;
      urenToegepast += Math.max(0, uren);
      if (uren !== erkendeUren[i]) afwijkend.push(`${id}: ${uren} uur, ${erkendeUren[i]} erkend`);
    });
    const erkendTotaal = erkendeUren.reduce((a, b) => a + b, 0);
    agent.destroy();

    // The bare baseline: its own task queue and worker (in this process), same server, same shape.
    const taskQueue = `bench-last-kaal-${randomUUID().slice(0, 8)}`;
    const native = await NativeConnection.connect({
      address: temporalAddress as string,
      ...temporalBeveiliging(env),
    });
    const worker = await Worker.create({
      connection: native,
      namespace: config.temporal.namespace,
      taskQueue,
      workflowsPath: require.resolve('./bench-last-workflow'),
    });
    const draait = worker.run();
    const kaleIds = Array.from({ length: aantal }, (_, i) => `bench-kaal-${taskQueue}-${i}`);
    await metGrens(kaleIds, 10, async (id) => {
      const h = await client.workflow.start('kaleTellerWorkflow', { workflowId: id, taskQueue });
      await h.executeUpdate(telOpUpdate, { args: [1], updateId: `opwarmen-${id}` });
    });
    const kaalVoor = await historyLengtes(client, kaleIds);
    const kaleMetrics = [`http://127.0.0.1:${kaleMetricsPoort}/metrics`];
    const kaalMetriekVoor = await schraap(kaleMetrics);
    const kaalCpuVoor = cpuNu();
    log(`kale Updates: ${clients} clients, ${seconden} s`);
    const kaalRuw = await last('kale Temporal-Update, zelfde server', clients, seconden, async (c, k) => {
      await client.connection.withDeadline(Date.now() + 30_000, () =>
        client.workflow
          .getHandle(kaleIds[(c + k * clients) % aantal])
          .executeUpdate(telOpUpdate, { args: [1], updateId: `kaal-${c}-${k}` }),
      );
      return null;
    });
    const kaalCpuNa = cpuNu();
    const kaal: Meting = { ...kaalRuw, events: await eventsErbij(client, kaalVoor) };
    const kaalMetriekNa = await schraap(kaleMetrics);
    await Promise.all(kaleIds.map((id) => client.workflow.getHandle(id).terminate('bench klaar')));
    worker.shutdown();
    await draait;
    await native.close();

    console.log(`\nbench:last — ${clients} clients, ${seconden} s, ${aantal} trajecten, payloadcodec aan\n`);
    console.log(tabel([ons, kaal]));
    const f = (a: number, b: number) => (a / b).toFixed(2);
    const tp = (m: Meting) => m.geslaagd / m.seconden;
    const p = (m: Meting, q: number) => percentiel(m.duren, q);
    const epc = (m: Meting) => m.events / Math.max(1, m.geslaagd);
    console.log(
      `\nverhouding ons / kaal: doorvoer ${f(tp(ons), tp(kaal))}×, p50 ${f(p(ons, 0.5), p(kaal, 0.5))}×, ` +
        `p95 ${f(p(ons, 0.95), p(kaal, 0.95))}×, p99 ${f(p(ons, 0.99), p(kaal, 0.99))}×, ` +
        `history-events per commando ${f(epc(ons), epc(kaal))}×`,
    );
    console.log(
      afwijkend.length === 0
        ? `precies één keer: ${erkendTotaal} erkende uren-commando's = ${urenToegepast} toegepaste uren over ${aantal} trajecten (${urls.length} API('s))`
        : `NIET precies één keer (${erkendTotaal} erkend, ${urenToegepast} toegepast): ${afwijkend.slice(0, 5).join('; ')}`,
    );
    const gemiddeld = (m: Meting) => m.duren.reduce((a, b) => a + b, 0) / Math.max(1, m.duren.length);
    const onsKolom: Kolom = {
      clientMs: gemiddeld(ons),
      commandos: ons.geslaagd,
      voor: workerVoor,
      na: workerNa,
      taskQueue: config.temporal.taskQueue,
      api: { voor: apiVoor, na: apiNa },
    };
    const kaalKolom: Kolom = {
      clientMs: gemiddeld(kaal),
      commandos: kaal.geslaagd,
      voor: kaalMetriekVoor,
      na: kaalMetriekNa,
      taskQueue,
    };
    console.log(
      `\nwaar de tijd heen gaat${workerMetricsUrls.length === 0 ? ' (geen worker-metrieken: zet BENCH_WORKER_METRICS)' : ''}:\n`,
    );
    console.log(tijdenTabel(onsKolom, kaalKolom));
    console.log(
      `\nCPU per proces tijdens de last (uit /proc; bench = de clients, en bij de kale rij ook de kale worker):\n`,
    );
    console.log(
      cpuTabel([
        { naam: 'onze API', voor: onsCpuVoor, na: onsCpuNa, commandos: ons.geslaagd },
        { naam: 'kale Update', voor: kaalCpuVoor, na: kaalCpuNa, commandos: kaal.geslaagd },
      ]),
    );
    for (const m of [ons, kaal]) {
      if (m.foutsoorten.size > 0)
        console.log(`fouten ${m.naam}: ${JSON.stringify(Object.fromEntries(m.foutsoorten))}`);
    }
  } finally {
    await connection.close().catch(() => undefined);
    if (stapel) await stapel.stop();
    loslaten();
    if (dataDir) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(path.join(os.tmpdir(), `${path.basename(dataDir)}.log`), { force: true });
    }
  }
}

function tabel(rijen: Meting[]): string {
  const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
  return [
    "| | commando's of updates /s | p50 | p95 | p99 | fouten | history-events per commando |",
    '|---|---|---|---|---|---|---|',
    ...rijen.map(
      (m) =>
        `| ${m.naam} | ${(m.geslaagd / m.seconden).toFixed(1)} | ${ms(percentiel(m.duren, 0.5))} | ` +
        `${ms(percentiel(m.duren, 0.95))} | ${ms(percentiel(m.duren, 0.99))} | ${m.fouten} | ` +
        `${(m.events / Math.max(1, m.geslaagd)).toFixed(1)} |`,
    ),
  ].join('\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
