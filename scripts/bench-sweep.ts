import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { EscalatieRondeResultaat } from '../contract/escalatie-ronde';
import { datumVanInstant } from '../domain/shared/kalender';
import { loadConfig } from '../platform/config';
import { maakSleutelkluis, versleutelendeDataConverter } from '../platform/crypto';
import { createDataSource, migrate } from '../platform/persistence/data-source';
import { createTrajectWorker, workflowsPath } from '../worker/worker';
import { startEmbeddedPostgres } from './embedded-postgres';
import { WORKER_NODE_ARGS } from './onderdelen';
import { startDevServer } from './temporal-servers';

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

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/**
 * `npm run bench:sweep [-- N]`: seeds N (default 100,000) trajecten in the read model, spread so that
 * every ladder step fires for some, and times one full nightly run (escalatieRondeWorkflow with the real
 * activities: ladder, reconciliation against Temporal, digests, record) on embedded Postgres + the
 * Temporal dev server + a worker in this process. Prints figures; asserts nothing.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const paginaGrootte = Number(process.argv[3] ?? 5_000);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  process.env.LOG_LEVEL = 'warn';
  const [pgPoort, temporalPoort] = await Promise.all([vrijePoort(), vrijePoort()]);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(os.tmpdir(), `inburgering-bench-sweep-${randomUUID()}`),
    port: pgPoort,
    ephemeral: true,
  });
  const temporal = await startDevServer({ port: temporalPoort });
  const dataSource = await createDataSource(pg.url, 'bench-sweep').initialize();
  await migrate(dataSource);

  const p = datumVanInstant(Date.now());
  const t0 = Date.now();
  // One INSERT … SELECT: category i % 10 picks the step that fires (0 PIP warning, 1 PIP escalation,
  // 2 termijn ladder, 3 uit beeld, 4 ontzorgen, 5 overdue task, 6–9 nothing due), with spread dates.
  // Rows were last written 1–30 days ago, one in 1,000 just now (the reconciliation checks those, when
  // visibility disagrees, with a describe: visibility may not have caught up with a fresh write).
  await dataSource.query(
    `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, leerroute, casemanager, kennisgevingsdatum,
       termijn_einde, versie, pip_klok_start, pip_uiterlijk, pip_vastgesteld_op, laatste_contact,
       ontzorgen_evaluatie_op, bijgewerkt_op)
     SELECT id, 'traject-' || id, g, 'asielstatushouder',
            CASE WHEN c IN (0, 1) THEN 'intake_afgerond' ELSE 'in_leerroute' END,
            CASE WHEN c IN (0, 1) THEN NULL ELSE 'b1' END,
            CASE WHEN i % 50 = 0 THEN NULL ELSE 'cm-' || lpad((i % 400)::text, 4, '0') END,
            p - 300,
            CASE WHEN c IN (0, 1) THEN NULL WHEN c = 2 THEN p + (i % 400) ELSE p + 800 END,
            1,
            CASE WHEN c = 0 THEN p - (56 + i % 14) WHEN c = 1 THEN p - (71 + i % 60) ELSE p - 300 END,
            CASE WHEN c = 0 THEN p - (56 + i % 14) + 70 WHEN c = 1 THEN p - (71 + i % 60) + 70 ELSE p - 230 END,
            CASE WHEN c IN (0, 1) THEN NULL ELSE p - 200 END,
            CASE WHEN c = 3 THEN p - (100 + i % 100) ELSE p - (i % 30) END,
            CASE WHEN c = 4 THEN p - (i % 30) ELSE NULL END,
            CASE WHEN i % 1000 = 0 THEN now() ELSE now() - make_interval(days => 1 + i % 30) END
       FROM (SELECT i, i % 10 AS c, md5('bench-' || i)::uuid AS id, $2::date AS p,
                    (ARRAY['GM0518','GM0344','GM0363','GM0599','GM0772'])[1 + i % 5] AS g
               FROM generate_series(1, $1::int) AS i) s`,
    [n, p],
  );
  await dataSource.query(
    `INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, vervaldatum, omschrijving, casemanager)
     SELECT id, gemeente, 'voortgangsgesprek', 'taak', 'T6', 'voortgangsgesprek:' || (p - d), p - d,
            'Voortgangsgesprek voeren', casemanager
       FROM (SELECT id, gemeente, casemanager, $1::date AS p, (abs(hashtext(id::text)) % 20) AS d
               FROM traject WHERE pip_vastgesteld_op IS NOT NULL AND laatste_contact IS NOT NULL
                 AND ontzorgen_evaluatie_op IS NULL) t
      WHERE abs(hashtext(id::text || 'taak')) % 9 = 0`,
    [p],
  );
  await dataSource.query('ANALYZE traject; ANALYZE taak');
  const [{ taken }] = await dataSource.query('SELECT count(*)::int AS taken FROM taak');
  console.log(`zaaien: ${n} trajecten + ${taken} open taken in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // The workflow bundle is built in a child process and loaded from a file, as `npm start` does
  // (scripts/stapel.ts): webpack's heap would otherwise sit in this process's RSS (issue 14).
  const bundel = path.join(os.tmpdir(), `inburgering-bench-sweep-${randomUUID()}.js`);
  execFileSync(
    process.execPath,
    [
      '-e',
      `const w = require('@temporalio/worker');
       w.bundleWorkflowCode({ workflowsPath: ${JSON.stringify(workflowsPath())}, logger: new w.DefaultLogger('WARN') })
         .then(({ code }) => require('node:fs').writeFileSync(${JSON.stringify(bundel)}, code));`,
    ],
    { stdio: 'inherit', cwd: path.dirname(workflowsPath()) },
  );
  const native = await NativeConnection.connect({ address: temporal.address });
  const worker = await createTrajectWorker({
    connection: native,
    namespace: 'default',
    taskQueue: 'bench-sweep',
    dataSource,
    workflowBundle: { codePath: bundel },
  });
  const running = worker.run();
  const client = new Client({
    connection: temporal.connection,
    namespace: 'default',
    dataConverter: versleutelendeDataConverter(maakSleutelkluis(loadConfig().sleutels)),
  });

  // Measure the sweep from here on, and report the process's overall maximum too.
  const geheugenVoor = process.memoryUsage();
  const rssVoor = geheugenVoor.rss;
  let piekRss = rssVoor;
  // What the peak is made of: V8's heap (reserved and used), memory outside it (Buffers, the native
  // Temporal core), sampled with the RSS.
  const piek = { heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const meter = setInterval(() => {
    const m = process.memoryUsage();
    piekRss = Math.max(piekRss, m.rss);
    for (const k of Object.keys(piek) as (keyof typeof piek)[]) piek[k] = Math.max(piek[k], m[k]);
  }, 50);
  const ronde = async (naam: string) => {
    const start = process.hrtime.bigint();
    const r = (await client.workflow.execute('escalatieRondeWorkflow', {
      workflowId: `bench-${naam}-${randomUUID()}`,
      taskQueue: 'bench-sweep',
      args: [{ peildatum: p, paginaGrootte }],
    })) as EscalatieRondeResultaat;
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    const history = await client.workflow.getHandle(r.rondeId).fetchHistory();
    // Time per activity type (scheduled → completed), from the run's own history.
    const gepland = new Map<string, { type: string; t: number }>();
    const perType = new Map<string, number>();
    const tijd = (e: { eventTime?: { seconds?: unknown; nanos?: number | null } | null }) =>
      Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;
    for (const e of history.events ?? []) {
      const a = e.activityTaskScheduledEventAttributes;
      if (a?.activityType?.name) gepland.set(String(e.eventId), { type: a.activityType.name, t: tijd(e) });
      const klaar = e.activityTaskCompletedEventAttributes;
      const g = klaar ? gepland.get(String(klaar.scheduledEventId)) : undefined;
      if (g) perType.set(g.type, (perType.get(g.type) ?? 0) + tijd(e) - g.t);
    }
    console.log(
      `${naam}: ${r.trajecten} trajecten in ${s.toFixed(1)} s (${Math.round(r.trajecten / s)} trajecten/s), ` +
        `${r.nieuw} nieuwe escalaties, reconciliatie ${r.reconciliatie.gecontroleerd} gecontroleerd / ` +
        `${r.reconciliatie.zonderLopendeWorkflow} zonder workflow, ${r.digests} digests, ` +
        `${r.fouten.length} fouten, history ${history.events?.length} events, status ${r.status}`,
    );
    console.log(
      `  per activiteit: ${[...perType].map(([t, ms]) => `${t} ${(ms / 1000).toFixed(1)} s`).join(', ')}`,
    );
    return r;
  };
  const eerste = await ronde('eerste ronde');
  console.log(`  per soort:niveau: ${JSON.stringify(eerste.aantallen)}`);
  await ronde('herhaling (zelfde nacht, niets nieuw)');
  clearInterval(meter);
  piekRss = Math.max(piekRss, process.memoryUsage().rss);
  console.log(
    `RSS van dit proces (worker + activities + client): ${mb(rssVoor)} MB vóór de rondes, piek tijdens de ` +
      `rondes ${mb(piekRss)} MB (maxRSS volgens het OS: ${mb(process.resourceUsage().maxRSS * 1024)} MB); ` +
      `Postgres en de Temporal dev server draaien als eigen processen`,
  );
  console.log(
    `  waarvan (pieken, elk apart gemeten): V8-heap gereserveerd ${mb(piek.heapTotal)} MB, gebruikt ` +
      `${mb(piek.heapUsed)} MB (vóór de rondes ${mb(geheugenVoor.heapTotal)} / ${mb(geheugenVoor.heapUsed)} MB); buiten de heap ${mb(piek.external)} MB (Buffers ${mb(piek.arrayBuffers)} MB); ` +
      `Node-vlaggen: ${process.execArgv.join(' ') || '(geen)'}` +
      (WORKER_NODE_ARGS.every((a) => process.execArgv.includes(a))
        ? ' (die van een worker)'
        : ` — NIET die van een worker (${WORKER_NODE_ARGS.join(' ')}): start met npm run bench:sweep`),
  );

  worker.shutdown();
  await running;
  fs.rmSync(bundel, { force: true });
  await native.close();
  await dataSource.destroy();
  await temporal.teardown();
  await pg.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
