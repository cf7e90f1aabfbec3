import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { createEscalatieRondeActivities } from '../../activities/escalatie-ronde.activities';
import type { EscalatieRondeInput, EscalatieRondeResultaat } from '../../contract/escalatie-ronde';
import { addDays, addMonths, addWeeks, addYears, type PlainDate } from '../../domain/shared/kalender';
import { versleutelendeDataConverter } from '../../platform/crypto';
import { createDataSource, migrate } from '../../platform/persistence/data-source';
import { createRepositories } from '../../platform/persistence/repositories';
import { startDevServer } from '../../scripts/temporal-servers';
import { testKluis } from '../../scripts/test-sleutels';
import { createTrajectWorker } from '../../worker/worker';
import { metDatabase } from '../support/database';
import { freePort } from '../support/ports';
import { workflowBundle } from '../support/system';
import { vandaag } from './harness';
import { startTestPostgres, type TestPostgres } from './postgres';

jest.setTimeout(60_000);

// The nightly run's failure paths, with the real activities against a real (embedded) Postgres and a
// real SMTP server; the dev server, because the run's reconciliation lists visibility (the time-skipping
// server has none), in real seconds (a short heartbeat timeout for the dying worker). Each test has a database and a task queue of its own, so counts are exact.
let pg: TestPostgres;
let env: TestWorkflowEnvironment;
let client: Client;
const opruimen: (() => Promise<unknown> | unknown)[] = [];

beforeAll(async () => {
  [pg, env] = await Promise.all([
    startTestPostgres(),
    startDevServer({ dataConverter: versleutelendeDataConverter(testKluis()) }),
  ]);
  // A plain client with the test keys.
  client = new Client({
    connection: env.connection,
    namespace: 'default',
    dataConverter: versleutelendeDataConverter(testKluis()),
  });
  await workflowBundle();
});

afterAll(async () => {
  for (const stap of opruimen.reverse()) await stap();
  await env?.teardown();
  await pg?.stop();
});

/** A migrated database of its own on the embedded Postgres. */
async function eigenDatabase(): Promise<{ url: string; db: DataSource }> {
  const naam = `ronde_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new PgClient({ connectionString: pg.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${naam}`);
  await admin.end();
  const url = metDatabase(pg.url, naam);
  const db = await createDataSource(url, naam).initialize();
  await migrate(db);
  opruimen.push(() => db.destroy());
  return { url, db };
}

async function workerMet(
  db: DataSource,
  extra: { smtp?: { url: string; afzender: string; adresSjabloon: string } } = {},
) {
  const taskQueue = `ronde-fouten-${randomUUID()}`;
  const worker = await createTrajectWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    dataSource: db,
    kluis: testKluis(),
    workflowBundle: await workflowBundle(),
    smtp: extra.smtp ?? null,
  });
  const draait = worker.run();
  opruimen.push(async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await draait;
  });
  return taskQueue;
}

const ronde = (taskQueue: string, input: EscalatieRondeInput) =>
  client.workflow.execute('escalatieRondeWorkflow', {
    workflowId: `escalatieronde-${randomUUID()}`,
    taskQueue,
    args: [input],
  }) as Promise<EscalatieRondeResultaat>;

/** An open read-model row (no workflow) that is out of sight on `p`: exactly one `uit-beeld:1`. */
async function uitBeeld(
  db: DataSource,
  p: PlainDate,
  id: string = randomUUID(),
  extra: { pipKlokStart?: string } = {},
) {
  await db.query(
    `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, casemanager, kennisgevingsdatum, afgesloten,
       versie, pip_klok_start, pip_uiterlijk, pip_vastgesteld_op, termijn_einde, laatste_contact)
     VALUES ($1, $2, 'GM0518', 'asielstatushouder', 'in_leerroute', 'cm-0001', $3, false, 1, $4, $5, $6, $7, $8)`,
    [
      id,
      `traject-${id}`,
      addMonths(p, -6),
      extra.pipKlokStart ?? addMonths(p, -6),
      extra.pipKlokStart ? null : addWeeks(addMonths(p, -6), 10),
      extra.pipKlokStart ? null : addMonths(p, -5),
      addYears(addMonths(p, -5), 3),
      addMonths(p, -4),
    ],
  );
  return id;
}

const verslag = async (db: DataSource, rondeId: string) =>
  (await db.query('SELECT status, trajecten, nieuw, fouten FROM escalatieronde WHERE id = $1', [rondeId]))[0];

describe('de nachtelijke ronde als er iets misgaat', () => {
  it('één kapotte rij stopt de pagina niet: geteld als fout, de rest geëscaleerd, de ronde eindigt met_fouten', async () => {
    const { db } = await eigenDatabase();
    const taskQueue = await workerMet(db);
    const p = addDays(await vandaag(env), 30);
    // Ids in a known order: the broken row comes first in the page, two sound ones after it.
    const voorvoegsel = randomUUID().slice(0, 8);
    const id = (n: number) => `${voorvoegsel}-0000-4000-8000-00000000000${n}`;
    // 'infinity' is a valid Postgres date but no calendar date: the ladder cannot read this fact.
    const kapot = await uitBeeld(db, p, id(1), { pipKlokStart: 'infinity' });
    const goed = [await uitBeeld(db, p, id(2)), await uitBeeld(db, p, id(3))];

    const r = await ronde(taskQueue, { peildatum: p, paginaGrootte: 3 });

    expect(r.status).toBe('met_fouten');
    expect(r.fouten).toEqual([
      { fase: 'traject', trajectId: kapot, code: 'DATUM_ONGELDIG', melding: expect.stringMatching(/^\S.+/) },
    ]);
    expect(r.fouten[0].melding).not.toContain('infinity');
    expect(r).toMatchObject({ trajecten: 3, nieuw: 2, aantallen: { 'uit-beeld:1': 2 } });
    const taken = await db.query(
      'SELECT traject_id, soort FROM taak WHERE ronde_id = $1 ORDER BY traject_id',
      [r.rondeId],
    );
    expect(taken).toEqual(goed.map((traject_id) => ({ traject_id, soort: 'uit-beeld' })));
    expect(await verslag(db, r.rondeId)).toEqual({
      status: 'met_fouten',
      trajecten: 3,
      nieuw: 2,
      fouten: r.fouten,
    });
  });

  it('mailserver onbereikbaar: de ronde meldt het, de digests blijven in de outbox en gaan de volgende nacht alsnog', async () => {
    const { db } = await eigenDatabase();
    const poort = await freePort();
    const taskQueue = await workerMet(db, {
      smtp: {
        url: `smtp://127.0.0.1:${poort}`,
        afzender: 'inburgering@gemeente.example',
        adresSjabloon: '{ontvanger}@{gemeente}.gemeente.example',
      },
    });
    const p = addDays(await vandaag(env), 30);
    await uitBeeld(db, p);

    // Nothing listens on the port yet: the mail server is down.
    const eerste = await ronde(taskQueue, { peildatum: p });
    expect(eerste).toMatchObject({ status: 'met_fouten', nieuw: 1, digests: 2 });
    expect(eerste.fouten).toEqual([
      {
        fase: 'digests',
        code: 'EMAIL_MISLUKT',
        melding: '2 digest(s) konden niet worden gemaild; ze blijven in de outbox staan',
      },
    ]);
    expect(await verslag(db, eerste.rondeId)).toMatchObject({ status: 'met_fouten', fouten: eerste.fouten });
    const outbox = () =>
      db.query('SELECT ontvanger, status FROM notificatie WHERE ronde_id = $1 ORDER BY ontvanger', [
        eerste.rondeId,
      ]);
    expect(await outbox()).toEqual([
      { ontvanger: 'GM0518', status: 'wachtend' },
      { ontvanger: 'cm-0001', status: 'wachtend' },
    ]);

    // The mail server is back; the next night has nothing new, and sends what waited.
    const ontvangen: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          ontvangen.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(poort, '127.0.0.1', resolve));
    opruimen.push(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const tweede = await ronde(taskQueue, { peildatum: p });
    expect(tweede).toMatchObject({ status: 'voltooid', nieuw: 0, digests: 0, fouten: [] });
    expect(await outbox()).toEqual([
      { ontvanger: 'GM0518', status: 'verzonden' },
      { ontvanger: 'cm-0001', status: 'verzonden' },
    ]);
    expect(ontvangen.sort()).toEqual(['GM0518@gm0518.gemeente.example', 'cm-0001@gm0518.gemeente.example']);
  });

  // The ladder and reconciliation walk the same rows side by side (issue 14): the child hangs only in the
  // ladder's page, and the new worker records only the ladder's reads.
  it('de activity-worker sterft halverwege een pagina: een nieuwe poging gaat verder bij de cursor van de hartslag', async () => {
    const { url, db } = await eigenDatabase();
    const p = addDays(await vandaag(env), 30);
    // 1,200 rows: a page of 2,000 walks them in blocks of 500, with a heartbeat (cursor) after each block.
    await db.query(
      `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, casemanager, kennisgevingsdatum, afgesloten,
         versie, pip_klok_start, pip_uiterlijk, pip_vastgesteld_op, termijn_einde, laatste_contact)
       SELECT g.id, 'traject-' || g.id, 'GM0518', 'asielstatushouder', 'in_leerroute', 'cm-0001', $1, false, 1,
              $1, $2, $3, $4, $5
         FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, 1200)) g`,
      [
        addMonths(p, -6),
        addWeeks(addMonths(p, -6), 10),
        addMonths(p, -5),
        addYears(addMonths(p, -5), 3),
        addMonths(p, -4),
      ],
    );
    const ids: string[] = (await db.query('SELECT id FROM traject ORDER BY id')).map(
      (r: { id: string }) => r.id,
    );
    const taskQueue = `ronde-hartslag-${randomUUID()}`;

    // The workflows run here; the activities first only in the child that will die.
    const workflows = await Worker.create({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle: await workflowBundle(),
      dataConverter: versleutelendeDataConverter(testKluis()),
    });
    const workflowsDraaien = workflows.run();
    opruimen.push(async () => {
      if (workflows.getState() === 'RUNNING') workflows.shutdown();
      await workflowsDraaien;
    });
    const kind = await startKind({ address: env.address, databaseUrl: url, taskQueue, hangBijOpenNa: 2 });
    opruimen.push(() => kind.proces.kill('SIGKILL'));

    const handle = await client.workflow.start('escalatieRondeWorkflow', {
      workflowId: `escalatieronde-${randomUUID()}`,
      taskQueue,
      // Noticed after 30 s without a heartbeat instead of a minute (real seconds on the dev server; the
      // SDK sends heartbeats throttled to 80 % of the timeout, so the first block's arrives within 24 s).
      args: [{ peildatum: p, hartslagTimeout: '30 seconds' } satisfies EscalatieRondeInput],
    });
    await kind.regel('hangt');
    // The server holds the first block's heartbeat before the worker dies.
    const eindeWacht = Date.now() + 30_000;
    for (;;) {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      const pagina = pending.find((a) => a.activityType?.name === 'escaleerPagina');
      if (pagina?.heartbeatDetails?.payloads?.length) break;
      if (Date.now() > eindeWacht) throw new Error(`geen hartslag bij de server: ${JSON.stringify(pending)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    kind.proces.kill('SIGKILL');
    await new Promise((r) => kind.proces.once('exit', r));

    // A new activity worker with the real activities; what each attempt of the page got and read is recorded.
    type Poging = { poging: number; hervat: unknown; gelezen: { naId: string | null; ids: string[] }[] };
    const pogingen: Poging[] = [];
    let huidige: Poging | undefined;
    const repos = createRepositories(db);
    const openNa = repos.trajecten.openNa.bind(repos.trajecten);
    repos.trajecten.openNa = async (naId, n) => {
      const rijen = await openNa(naId, n);
      if (Context.current().info.activityType === 'escaleerPagina') {
        huidige?.gelezen.push({ naId, ids: rijen.map((r) => r.id) });
      }
      return rijen;
    };
    const echt = createEscalatieRondeActivities(repos);
    const activiteiten = await Worker.create({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      dataConverter: versleutelendeDataConverter(testKluis()),
      activities: {
        ...echt,
        escaleerPagina: async (o: Parameters<typeof echt.escaleerPagina>[0]) => {
          const info = Context.current().info;
          huidige = { poging: info.attempt, hervat: info.heartbeatDetails, gelezen: [] };
          pogingen.push(huidige);
          try {
            return await echt.escaleerPagina(o);
          } finally {
            huidige = undefined;
          }
        },
      },
    });
    const activiteitenDraaien = activiteiten.run();
    opruimen.push(async () => {
      if (activiteiten.getState() === 'RUNNING') activiteiten.shutdown();
      await activiteitenDraaien;
    });

    const r = (await handle.result()) as EscalatieRondeResultaat;

    expect(pogingen).toHaveLength(1);
    const [tweede] = pogingen;
    expect(tweede.poging).toBe(2);
    expect(tweede.hervat).toEqual({ naId: ids[499], bekeken: 500, nieuw: 500 });
    // It went on after the 500th row: nothing of the first block was read (or escalated) again.
    expect(tweede.gelezen[0].naId).toBe(ids[499]);
    const gelezen = tweede.gelezen.flatMap((g) => g.ids);
    expect(gelezen).toEqual(ids.slice(500));
    expect(r).toMatchObject({
      status: 'voltooid',
      trajecten: 1200,
      nieuw: 1200,
      aantallen: { 'uit-beeld:1': 1200 },
    });
    const [{ n, trajecten }] = await db.query(
      'SELECT count(*)::int AS n, count(DISTINCT traject_id)::int AS trajecten FROM taak WHERE ronde_id = $1',
      [r.rondeId],
    );
    expect({ n, trajecten }).toEqual({ n: 1200, trajecten: 1200 });
  }, 120_000);
});

// ------------------------------------------------------------------------------------------ the child

const ROOT = path.resolve(__dirname, '..', '..');

// Loads test/workflow/stervende-activiteitenworker.ts in a plain Node child, compiled by swc with the
// project's settings (.swcrc), so SIGKILL ends a real worker process.
const KIND = `
const fs = require('node:fs');
const swc = require('@swc/core');
const opties = JSON.parse(fs.readFileSync(require('node:path').join(process.cwd(), '.swcrc'), 'utf8'));
delete opties.$schema;
require.extensions['.ts'] = (m, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...opties, sourceMaps: false, filename });
  m._compile(code, filename);
};
require(process.argv[1]).startStervendeWorker(JSON.parse(process.argv[2])).catch((err) => {
  process.stderr.write(String(err && err.stack) + '\\n');
  process.exit(1);
});
`;

async function startKind(o: {
  address: string;
  databaseUrl: string;
  taskQueue: string;
  hangBijOpenNa: number;
}) {
  const proces: ChildProcess = spawn(
    process.execPath,
    ['-e', KIND, path.join(__dirname, 'stervende-activiteitenworker.ts'), JSON.stringify(o)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const regels: string[] = [];
  const wachtenden: { regel: string; klaar: () => void }[] = [];
  let fout = '';
  proces.stderr?.on('data', (d: Buffer) => {
    fout += d.toString();
  });
  let rest = '';
  proces.stdout?.on('data', (d: Buffer) => {
    rest += d.toString();
    const delen = rest.split('\n');
    rest = delen.pop() ?? '';
    for (const r of delen) {
      regels.push(r);
      for (const w of wachtenden.filter((x) => x.regel === r)) w.klaar();
    }
  });
  const regel = (r: string) =>
    new Promise<void>((resolve, reject) => {
      if (regels.includes(r)) return resolve();
      wachtenden.push({ regel: r, klaar: resolve });
      proces.once('exit', (code) => reject(new Error(`kind stopte (${code}) voor '${r}': ${fout.trim()}`)));
    });
  await regel('klaar');
  return { proces, regel };
}
