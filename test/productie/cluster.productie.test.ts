import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { loadConfig } from '../../platform/config';
import { createDataSource } from '../../platform/persistence/data-source';
import { NACHTELIJKE_ESCALATIES_SCHEDULE_ID } from '../../platform/temporal/nachtelijke-escalaties';
import { type Filter, leesPrometheus, type Reeks, somVan } from '../../scripts/bench-tijden';
import { meldKlantenAan, storing } from '../../scripts/storingen';
import { type Cluster, startCluster, vrijePoort, zetSchemasOp } from '../../scripts/temporal-cluster';
import { configDataConverter } from '../../scripts/test-sleutels';
import { bearer } from '../support/auth';
import { metDatabase } from '../support/database';
import { type Json, json } from '../support/http';

/**
 * Issue 14, point 6: the system on the production engine. One cluster for this file (scripts/
 * temporal-cluster.ts): embedded Postgres, the Temporal server v1.32.2 as five processes (frontend,
 * two history nodes, matching, internal worker), two workers and two API processes. Everything
 * over HTTP, through both APIs; the Temporal client only to look.
 */
jest.setTimeout(600_000);

const { build } = require('../../scripts/build') as { build: () => unknown };

let cluster: Cluster;
let connection: Connection;
let client: Client;
let db: DataSource;
let dataDir: string;
const vandaag = datumVanInstant(Date.now());
const log = (m: string) => process.stdout.write(`productie: ${m}\n`);
const wacht = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function totDat<T>(probe: () => Promise<T | undefined>, timeoutMs: number, wat: string): Promise<T> {
  const grens = Date.now() + timeoutMs;
  for (;;) {
    const w = await probe();
    if (w !== undefined) return w;
    if (Date.now() > grens) throw new Error(`niet bereikt binnen ${timeoutMs / 1000} s: ${wat}`);
    await wacht(250);
  }
}

beforeAll(async () => {
  // The cluster runs the compiled worker and API (dist/), as npm start does.
  build();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inburgering-productie-'));
  // Reachable for the 'postgres' user when we run as root (the data dir then stays inside it).
  fs.chmodSync(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    VERZOEKEN_PER_MINUUT: '1000000',
    COMMAND_TIMEOUT_MS: '5000',
  };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'AUTH_ISSUER', 'AUTH_JWKS_URL', 'NODE_ENV'])
    delete env[k];
  const t0 = Date.now();
  cluster = await startCluster({
    env,
    dataDir,
    frontendPort: await vrijePoort(),
    postgresPort: await vrijePoort(),
    apiPoorten: [await vrijePoort(), await vrijePoort()],
    // The killed history node stays down this long: its shards must move to the other node.
    herstartMs: 20_000,
    log,
  });
  const tijden = Object.entries(cluster.tijden)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
    .join(', ');
  log(
    `cluster klaar in ${((Date.now() - t0) / 1000).toFixed(1)} s (${tijden}); server ${cluster.programmas.bron}`,
  );
  connection = await Connection.connect({ address: cluster.temporalAddress });
  client = new Client({ connection, namespace: 'default', dataConverter: configDataConverter() });
  db = await createDataSource(cluster.databaseUrl, 'productie-test').initialize();
});

afterAll(async () => {
  await db?.destroy().catch(() => undefined);
  await connection?.close().catch(() => undefined);
  await cluster?.stop();
  if (dataDir) {
    // The processes' log of the last run stays for a look after a failure.
    const logbestand = path.join(dataDir, 'processen.log');
    if (fs.existsSync(logbestand))
      fs.copyFileSync(logbestand, path.join(os.tmpdir(), 'inburgering-productie-laatste.log'));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('de productie-engine: Temporal-server v1.32.2 als cluster van vijf processen', () => {
  it('elke dienst is een eigen proces en een eigen lid van het cluster (membership in Postgres)', async () => {
    const pids = cluster.diensten.map((d) => cluster.supervisor.pid(d.naam));
    expect(new Set(pids).size).toBe(5);
    expect(cluster.diensten.map((d) => d.dienst).sort()).toEqual([
      'frontend',
      'history',
      'history',
      'matching',
      'worker',
    ]);
    const pg = new PgClient({ connectionString: metDatabase(cluster.databaseUrl, 'temporal') });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ rpc_port: number }>(
        'SELECT DISTINCT rpc_port FROM cluster_membership WHERE record_expiry > now()',
      );
      const leden = rows.map((r) => r.rpc_port).sort();
      expect(leden).toEqual(cluster.diensten.map((d) => d.membershipPort).sort());
    } finally {
      await pg.end();
    }
    const info = await connection.workflowService.getSystemInfo({});
    expect(info.serverVersion).toBe('1.32.2');
  });

  it('de schema-opzet is idempotent: een tweede keer (een herstart) verandert niets', async () => {
    const u = new URL(cluster.databaseUrl);
    const pg = {
      host: u.hostname,
      port: Number(u.port),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
    };
    const versies = async () => {
      const uit: Record<string, string> = {};
      for (const database of ['temporal', 'temporal_visibility']) {
        const c = new PgClient({ ...pg, database });
        await c.connect();
        try {
          const { rows } = await c.query<{ curr_version: string }>('SELECT curr_version FROM schema_version');
          uit[database] = rows.map((r) => r.curr_version).join(',');
        } finally {
          await c.end();
        }
      }
      return uit;
    };
    const voor = await versies();
    // The module's schema/postgresql/v12 versions of v1.32.2 (version.go), not setup-schema's 0.0.
    expect(voor).toEqual({ temporal: '1.19', temporal_visibility: '1.14' });
    await zetSchemasOp(cluster.programmas.sql, pg);
    expect(await versies()).toEqual(voor);
  });

  it('de casemanager over HTTP, via beide API-processen: aanmelding, intake, een commando, de lijst', async () => {
    const cm = await bearer({ rol: 'casemanager', gemeente: 'GM0518', sub: 'cm-productie' });
    const [api1, api2] = cluster.apiUrls;
    const post = (api: string, pad: string, body: unknown) =>
      fetch(`${api}${pad}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...cm },
        body: JSON.stringify(body),
      });
    const aanmelding = {
      commandId: randomUUID(),
      gemeente: 'GM0518',
      doelgroep: 'asielstatushouder',
      kennisgevingsdatum: addDays(vandaag, -14),
    };
    const res = await post(api1, '/api/v1/trajecten', aanmelding);
    expect(res.status).toBe(201);
    const { id } = await json(res);
    // The same commandId at the other API: the same traject, applied once.
    const nogmaals = await post(api2, '/api/v1/trajecten', aanmelding);
    expect(nogmaals.status).toBe(200);
    expect((await json(nogmaals)).id).toBe(id);

    // Rules still answer as rules on this engine: an intake date in the future is a 422, nothing changes.
    const fout = await post(api1, `/api/v1/trajecten/${id}/intake`, {
      commandId: randomUUID(),
      datum: addDays(vandaag, 5),
    });
    expect(fout.status).toBe(422);
    expect((await json(fout)).code).toBe('DATUM_IN_TOEKOMST');
    const intake = await post(api2, `/api/v1/trajecten/${id}/intake`, {
      commandId: randomUUID(),
      datum: vandaag,
      geadviseerdeRoute: 'b1',
    });
    expect(intake.status).toBe(200);
    expect((await json(intake)).status.state.fase).toBe('intake_afgerond');
    const uren = await post(api1, `/api/v1/trajecten/${id}/uren`, {
      commandId: randomUUID(),
      soort: 'taal',
      uren: 3,
      datum: vandaag,
    });
    expect(uren.status).toBe(200);
    const { status } = await json(uren);
    expect(status.state.uren.taal).toBe(3);
    // The list (read model, written by the workflow's activity) through the other API.
    const rij = await totDat(
      async () => {
        const lijst = await fetch(`${api2}/api/v1/trajecten?limiet=200`, { headers: cm });
        expect(lijst.status).toBe(200);
        const r = ((await json(lijst)).items as Json[]).find((i) => i.id === id);
        return r && r.versie === status.versie ? r : undefined;
      },
      30_000,
      'het traject in de lijst met de laatste versie',
    );
    expect(rij).toMatchObject({ id, fase: 'intake_afgerond', gemeente: 'GM0518' });
    const detail = await json(await fetch(`${api1}/api/v1/trajecten/${id}`, { headers: cm }));
    expect(detail.status.state.uren.taal).toBe(3);

    // Search attributes on the server's SQL visibility (Postgres), as operations search them.
    const gevonden = await totDat(
      async () => {
        for await (const w of client.workflow.list({
          query: `Gemeente = 'GM0518' AND Fase = 'intake_afgerond' AND WorkflowId = 'traject-${id}'`,
        })) {
          return w;
        }
        return undefined;
      },
      30_000,
      'de workflow in visibility met zijn search attributes',
    );
    expect(gevonden.status.name).toBe('RUNNING');
  });

  it('de nachtelijke ronde: de schedule van de workers, één keer gestart, draait en legt haar resultaat vast', async () => {
    const ops = await bearer({ rol: 'operations', gemeente: '*', sub: 'ops-productie' });
    const [api1, api2] = cluster.apiUrls;
    const voor = await json(await fetch(`${api2}/api/v1/operations/escalatierondes`, { headers: ops }));
    // Made by the workers at their start (two of them, idempotent): 04:00 Amsterdam, not paused.
    expect(voor.schedule).toMatchObject({ gepauzeerd: false, tijd: '04:00 Europe/Amsterdam' });
    const eerder = new Set((voor.rondes as Json[]).map((r) => r.id));
    const schedule = client.schedule.getHandle(NACHTELIJKE_ESCALATIES_SCHEDULE_ID);
    const actiesVoor = (await schedule.describe()).info.numActionsTaken;
    const start = await fetch(`${api1}/api/v1/operations/escalatierondes/start`, {
      method: 'POST',
      headers: ops,
    });
    expect(start.status).toBe(202);
    const ronde = await totDat(
      async () => {
        const r = await json(await fetch(`${api2}/api/v1/operations/escalatierondes`, { headers: ops }));
        return (r.rondes as Json[]).find((x) => !eerder.has(x.id) && x.status === 'voltooid');
      },
      90_000,
      'een voltooide nachtelijke ronde',
    );
    expect(ronde.id).toMatch(/^nachtelijke-escalaties-/);
    // Exactly one run of the schedule, started by the trigger.
    expect((await schedule.describe()).info.numActionsTaken).toBe(actiesVoor + 1);
    expect(ronde.trajecten).toBeGreaterThanOrEqual(1);
  });

  it('last over beide API-processen: elk commando 200, één keer toegepast (cijfers in de log)', async () => {
    const config = loadConfig({ ...process.env, AUTH_MODUS: 'lokaal' });
    if (config.auth.modus !== 'lokaal') throw new Error('lokale sleutel nodig');
    const klanten = await meldKlantenAan(cluster.apiUrl, config.auth, 20, vandaag);
    const duurMs = 10_000;
    const grens = Date.now() + duurMs;
    const tijden: number[] = [];
    const statussen = new Map<number, number>();
    await Promise.all(
      klanten.map(async (k, nr) => {
        const api = cluster.apiUrls[nr % cluster.apiUrls.length];
        for (let i = 0; Date.now() < grens; i += 1) {
          const t = performance.now();
          const res = await fetch(`${api}/api/v1/trajecten/${k.trajectId}/uren`, {
            method: 'POST',
            headers: { authorization: `Bearer ${k.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ commandId: `last-${nr}-${i}`, soort: 'taal', uren: 1, datum: vandaag }),
          });
          await res.arrayBuffer();
          tijden.push(performance.now() - t);
          statussen.set(res.status, (statussen.get(res.status) ?? 0) + 1);
          if (res.status === 200) k.bevestigd.push(`ui:last-${nr}-${i}`);
        }
      }),
    );
    tijden.sort((a, b) => a - b);
    const p = (q: number) => Math.round(tijden[Math.min(tijden.length - 1, Math.floor(q * tijden.length))]);
    log(
      `last: ${klanten.length} clients, ${(tijden.length / (duurMs / 1000)).toFixed(1)} commando's/s, ` +
        `p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms, statussen ${JSON.stringify(Object.fromEntries(statussen))}`,
    );
    expect([...statussen.keys()]).toEqual([200]);
    // Every acknowledged command is in its workflow once: the hours equal the commands.
    for (const k of klanten) {
      const { status } = await json(
        await fetch(`${cluster.apiUrls[1]}/api/v1/trajecten/${k.trajectId}`, {
          headers: { authorization: `Bearer ${k.token}` },
        }),
      );
      expect(status.state.uren.taal).toBe(k.bevestigd.length);
    }
  });

  it('elke worker geeft de SDK-metrieken voor Prometheus (WORKER_METRICS_ADRES), zonder ids of persoonsgegevens', async () => {
    expect(cluster.workerMetricsUrls).toHaveLength(2);
    /** Every sample of a metric over both workers, summed. */
    const reeksen: Reeks[] = [];
    for (const url of cluster.workerMetricsUrls) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      const tekst = await res.text();
      // Each worker has its pollers and slots from the start.
      expect(tekst).toMatch(/^temporal_num_pollers\{/m);
      expect(tekst).toMatch(/^temporal_worker_task_slots_available\{/m);
      reeksen.push(...leesPrometheus(tekst));
    }
    const som = (naam: string, filter: Filter = {}) => somVan(reeksen, naam, filter);
    // The load above went through them: workflow tasks on the system's task queue, local activities.
    const taakQueue = { task_queue: cluster.config.temporal.taskQueue };
    expect(som('temporal_workflow_task_schedule_to_start_latency_count', taakQueue)).toBeGreaterThan(0);
    expect(som('temporal_local_activity_total')).toBeGreaterThan(0);
    // What the alert rules read (ops/prometheus/regels.yml) is there with its labels.
    expect(reeksen.some((r) => r.naam === 'temporal_workflow_task_schedule_to_start_latency_bucket')).toBe(
      true,
    );
    // Labels are namespace, task queue, workflow and activity types: no traject id, uuid or BSN-like number.
    const waarden = reeksen.flatMap((r) => Object.values(r.labels));
    expect(waarden.length).toBeGreaterThan(0);
    expect(waarden.filter((w) => /[0-9a-f]{8}-[0-9a-f]{4}-|traject-|\d{9}/.test(w))).toEqual([]);
    log(
      `worker-metrieken: ${reeksen.length} reeksen over 2 workers, ` +
        `${som('temporal_workflow_task_schedule_to_start_latency_count', taakQueue)} workflowtaken, ` +
        `${som('temporal_local_activity_total')} lokale activiteiten`,
    );
  });

  it('kill -9 van een history-node onder last: niets verloren of dubbel, alles geaudit, de timer gaat af', async () => {
    const config = loadConfig({ ...process.env, AUTH_MODUS: 'lokaal' });
    if (config.auth.modus !== 'lokaal') throw new Error('lokale sleutel nodig');
    const klanten = await meldKlantenAan(cluster.apiUrl, config.auth, 6, vandaag);
    const t0 = Date.now();
    const r = await storing(
      'temporal-history-1',
      cluster,
      client,
      db,
      klanten,
      { clients: 6, lastVoorMs: 4000, lastNaMs: 4000, onderdelen: [], herstartMs: 20_000, log },
      vandaag,
      log,
    );
    const duurS = (Date.now() - t0) / 1000;
    log(
      `history-1 kill -9: ${r.bevestigd} bevestigd (${(r.bevestigd / duurS).toFixed(1)}/s over de ronde), ` +
        `${r.bevestigdTijdensStoring} tijdens de storing van ${r.storingS} s, verloren ${r.verloren}, dubbel ${r.dubbel}, ` +
        `zonder audit ${r.zonderAudit}, 503: ${r.antwoord503}, 500: ${r.fout500}, convergentie ${r.convergentieS} s, ` +
        `timer +${r.timerAfgegaanNaS} s / +${r.timerKlaarNaS} s`,
    );
    expect(r.herstarts).toBe(1);
    expect(r.bevestigd).toBeGreaterThan(0);
    expect(r).toMatchObject({
      verloren: 0,
      dubbel: 0,
      zonderAudit: 0,
      teVeelAudit: 0,
      fout500: 0,
      leesmodelGelijk: true,
      timerTijdensStoring: true,
    });
    expect(r.timerAfgegaanNaS).not.toBeNull();
    // While the node was down, the other history node took over its shards: commands kept coming.
    expect(r.bevestigdTijdensStoring).toBeGreaterThan(0);
  });
});
