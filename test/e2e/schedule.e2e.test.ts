import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createEscalatieRondeActivities } from '../../activities/escalatie-ronde.activities';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { createDataSource } from '../../platform/persistence/data-source';
import {
  beschrijfNachtelijkeEscalaties,
  hervatNachtelijkeEscalaties,
  NACHTELIJKE_ESCALATIES_SCHEDULE_ID,
  type NachtelijkeEscalatiesConfig,
  pauzeerNachtelijkeEscalaties,
  startNachtelijkeEscalatiesNu,
  zorgVoorNachtelijkeEscalaties,
} from '../../platform/temporal/nachtelijke-escalaties';
import { configDataConverter } from '../../scripts/test-sleutels';
import { createTrajectWorker } from '../../worker/worker';
import { bearer } from '../support/auth';
import { e2eDatabase } from '../support/database';
import { type Json, json } from '../support/http';
import { resultaatVan, schedulesRuns, wachtOpNieuweRun } from '../support/schedule-diagnose';
import { type RunningSystem, startSystem, workflowBundle } from '../support/system';

jest.setTimeout(150_000);

/** What these tests read of a run's result (the contract type lives with the workflow). */
interface EscalatieRondeResultaat {
  rondeId: string;
  status: string;
}

/**
 * The CBS reminder expected on `datum`, worked out without the domain's quarter functions: the
 * quarter before the one `datum` falls in, due 28 days after that quarter's last day.
 */
function cbsHerinneringOrakel(datum: string): { kwartaal: string; vervaldatum: string } {
  const [jaar, maand] = datum.split('-').map(Number);
  const huidig = Math.floor((maand - 1) / 3) + 1;
  const [j, k] = huidig === 1 ? [jaar - 1, 4] : [jaar, huidig - 1];
  // Day 0 of the month after the quarter is the quarter's last day.
  const einde = Date.UTC(j, k * 3, 0);
  return {
    kwartaal: `${j}Q${k}`,
    vervaldatum: new Date(einde + 28 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10),
  };
}

// Schedules are not implemented by the time-skipping server: this runs on the dev server of the
// e2e global setup, with a worker and the real activities against this file's own database, so the
// nightly run sweeps only the rows this file wrote. Runs are awaited through Temporal (the schedule's
// description and the run's result); a run that does not come or does not finish fails with what the
// schedule did (taken, skipped for overlap, missed) and what the run waits for (pending activities).
let connection: Connection;
let client: Client;
let db: DataSource;
let native: NativeConnection;
let worker: Worker;
let draait: Promise<void>;
const taskQueue = `schedule-${randomUUID()}`;
/** This file's own schedule: other files on the same dev server have theirs (issue 16). */
const scheduleId = `${NACHTELIJKE_ESCALATIES_SCHEDULE_ID}-schedule-e2e-${randomUUID()}`;
const config = (extra: Partial<NachtelijkeEscalatiesConfig> = {}): NachtelijkeEscalatiesConfig => ({
  tijd: '04:00',
  inhaalvensterUren: 24,
  taskQueue,
  scheduleId,
  beleid: {},
  ...extra,
});

beforeAll(async () => {
  const address = process.env.E2E_TEMPORAL_ADDRESS;
  if (!address) throw new Error('e2e global setup heeft geen servers gestart');
  const databaseUrl = await e2eDatabase();
  connection = await Connection.connect({ address });
  client = new Client({ connection, namespace: 'default', dataConverter: configDataConverter() });
  db = await createDataSource(databaseUrl, 'schedule-e2e').initialize();
  native = await NativeConnection.connect({ address });
  worker = await createTrajectWorker({
    connection: native,
    namespace: 'default',
    taskQueue,
    dataSource: db,
    workflowBundle: await workflowBundle(),
  });
  draait = worker.run();
});

afterAll(async () => {
  await client?.schedule
    .getHandle(scheduleId)
    .delete()
    .catch(() => undefined);
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await draait;
  await native?.close();
  await db?.destroy();
  await connection?.close();
});

describe('schedule nachtelijke-escalaties op de dev server', () => {
  it('aanmaken en bijwerken is idempotent, 04:00 Europe/Amsterdam, SKIP, inhaalvenster; een pauze blijft staan', async () => {
    // Whatever ran before in this file (any order): start without a schedule.
    await client.schedule
      .getHandle(scheduleId)
      .delete()
      .catch(() => undefined);
    expect(await zorgVoorNachtelijkeEscalaties(client, config())).toBe('aangemaakt');
    expect(await zorgVoorNachtelijkeEscalaties(client, config())).toBe('bijgewerkt');

    const handle = client.schedule.getHandle(scheduleId);
    const d = await handle.describe();
    expect(d.spec.timezone).toBe('Europe/Amsterdam');
    expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 4 }], minute: [{ start: 0 }] });
    expect(d.policies).toMatchObject({ overlap: 'SKIP', catchupWindow: 24 * 60 * 60 * 1000 });
    expect(d.action).toMatchObject({ workflowType: 'escalatieRondeWorkflow', taskQueue });
    // Every next run is at 04:00 in Amsterdam, also across a DST change.
    const status = await beschrijfNachtelijkeEscalaties(client, scheduleId);
    expect(status).toMatchObject({ gepauzeerd: false, tijd: '04:00 Europe/Amsterdam' });
    const uren = new Set(
      (status?.volgendeRuns ?? []).map((t) =>
        new Intl.DateTimeFormat('nl-NL', {
          timeZone: 'Europe/Amsterdam',
          hour: '2-digit',
          minute: '2-digit',
        }).format(t),
      ),
    );
    expect([...uren]).toEqual(['04:00']);

    // Operations pauses; a worker restart (with a new time) updates the schedule but keeps the pause.
    await pauzeerNachtelijkeEscalaties(client, 'Gepauzeerd voor onderhoud', scheduleId);
    expect(
      await zorgVoorNachtelijkeEscalaties(client, config({ tijd: '05:30', inhaalvensterUren: 12 })),
    ).toBe('bijgewerkt');
    const na = await beschrijfNachtelijkeEscalaties(client, scheduleId);
    expect(na).toMatchObject({
      gepauzeerd: true,
      notitie: 'Gepauzeerd voor onderhoud',
      tijd: '05:30 Europe/Amsterdam',
      inhaalvensterMs: 12 * 60 * 60 * 1000,
    });
    await hervatNachtelijkeEscalaties(client, 'Hervat', scheduleId);
    expect(await beschrijfNachtelijkeEscalaties(client, scheduleId)).toMatchObject({
      gepauzeerd: false,
      notitie: 'Hervat',
    });
  });

  it('een handmatige start draait de ronde en legt het resultaat vast in escalatieronde', async () => {
    await zorgVoorNachtelijkeEscalaties(client, config());
    const eerder = await schedulesRuns(client, scheduleId);
    await startNachtelijkeEscalatiesNu(client, scheduleId);
    const run = await wachtOpNieuweRun(client, scheduleId, eerder);
    const workflowId: string | undefined = run.workflowId;
    expect(workflowId).toMatch(/^nachtelijke-escalaties-/);
    const resultaat = await resultaatVan<EscalatieRondeResultaat>(client, scheduleId, run);
    expect(resultaat).toMatchObject({ rondeId: workflowId, status: 'voltooid' });
    const [rij] = await db.query('SELECT status, gepland_op, run_id FROM escalatieronde WHERE id = $1', [
      workflowId,
    ]);
    expect(rij.status).toBe('voltooid');
    expect(rij.gepland_op).toBeInstanceOf(Date);
    expect(rij.run_id).toBe(run.runId);
  });
});

describe('de nachtelijke ronde via de API: pauzeren, nu starten, escalaties zien', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('operations pauzeert en start een ronde; de escalaties verschijnen bij casemanager en teamleider', async () => {
    const vandaag = datumVanInstant(Date.now());
    const gm = `GM4${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    // The worker registers the schedule at start; here it points at this system's task queue.
    await zorgVoorNachtelijkeEscalaties(
      client,
      config({ taskQueue: system.taskQueue, scheduleId: system.scheduleId }),
    );
    const trajectId = randomUUID();
    // PIP clock started 12 weeks ago, legal last day passed, no contact for five months; no workflow.
    await system.dataSource.query(
      `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, casemanager, kennisgevingsdatum, termijn_einde,
         versie, pip_klok_start, pip_uiterlijk, laatste_contact)
       VALUES ($1, $2, $3, 'asielstatushouder', 'intake_afgerond', 'cm-nacht', $4, $5, 3, $4, $6, $7)`,
      [
        trajectId,
        `traject-${trajectId}`,
        gm,
        addDays(vandaag, -84),
        addDays(vandaag, 1000),
        addDays(vandaag, -14),
        addDays(vandaag, -150),
      ],
    );
    const ops = await bearer({ rol: 'operations', gemeente: '*', sub: 'ops-nacht' });
    const api = (pad: string, init: RequestInit = {}, headers: Record<string, string> = ops) =>
      fetch(`${system.baseUrl}/api/v1${pad}`, {
        ...init,
        headers: { 'content-type': 'application/json', ...headers },
      });

    expect((await api('/operations/escalatierondes', {}, await bearer({ rol: 'casemanager' }))).status).toBe(
      403,
    );
    expect((await api('/operations/escalatierondes/pauze', { method: 'POST', body: '{}' })).status).toBe(400);
    const pauze = await api('/operations/escalatierondes/pauze', {
      method: 'POST',
      body: JSON.stringify({ reden: 'migratie van de database' }),
    });
    expect(pauze.status).toBe(200);
    expect(await json(pauze)).toMatchObject({
      gepauzeerd: true,
      notitie: 'Gepauzeerd door ops-nacht: migratie van de database',
    });

    // Started by hand while paused: a run goes, the pause stays. Ours is the schedule's first action
    // after this (told apart by run id), awaited through Temporal, then read back through the API.
    const eerder = await schedulesRuns(client, system.scheduleId);
    expect((await api('/operations/escalatierondes/start', { method: 'POST' })).status).toBe(202);
    const run = await wachtOpNieuweRun(client, system.scheduleId, eerder);
    const resultaat = await resultaatVan<EscalatieRondeResultaat>(
      client,
      system.scheduleId,
      run,
      90_000,
      async () =>
        `escalatieronde: ${JSON.stringify(await system.dataSource.query('SELECT id, run_id, status, fouten FROM escalatieronde'))}`,
    );
    expect(resultaat).toMatchObject({ rondeId: run.workflowId, status: 'voltooid' });
    const lijst = await json(await api('/operations/escalatierondes'));
    expect(lijst.schedule.gepauzeerd).toBe(true);
    const ronde: Json | undefined = lijst.rondes.find((r: Json) => r.id === run.workflowId);
    expect(ronde).toMatchObject({ status: 'voltooid', peildatum: vandaag, fouten: [] });
    expect(ronde?.trajecten).toBeGreaterThanOrEqual(1);
    expect(ronde?.reconciliatie.zonderLopendeWorkflow).toBeGreaterThanOrEqual(1);
    expect(ronde?.reconciliatie.bevindingen.length).toBe(
      Math.min(200, ronde?.reconciliatie.zonderLopendeWorkflow + ronde?.reconciliatie.verouderd),
    );
    // This file's own database holds exactly the one row seeded above: the run saw it and nothing else.
    expect(ronde?.trajecten).toBe(1);
    expect(ronde?.reconciliatie).toEqual({
      gecontroleerd: 1,
      zonderLopendeWorkflow: 1,
      verouderd: 0,
      bevindingen: [{ trajectId, soort: 'zonder-lopende-workflow', workflowStatus: 'NOT_FOUND' }],
    });
    expect(ronde?.aantallen).toEqual({ 'pip-niet-vastgesteld:2': 1, 'uit-beeld:1': 1 });

    // /metrics shows when the last night ended, and its errors (ops/prometheus/ alerts on both).
    const metriek = async (naam: string) => {
      const tekst = await (await fetch(`${system.baseUrl}/metrics`, { headers: ops })).text();
      const regel = tekst.split('\n').find((r) => r.startsWith(`${naam} `));
      return regel ? Number(regel.slice(naam.length + 1)) : Number.NaN;
    };
    const einde = await metriek('inburgering_nachtelijke_ronde_laatste_einde_seconden');
    expect(einde * 1000).toBeCloseTo(Date.parse(ronde?.afgerondOp), -3);
    expect(await metriek('inburgering_nachtelijke_ronde_laatste_fouten')).toBe(0);
    // A later night that ended with two errors is the one it reports.
    await system.dataSource.query(
      `INSERT INTO escalatieronde (id, run_id, peildatum, status, gestart_op, afgerond_op, fouten)
       VALUES ('nacht-met-fouten', 'r', $1, 'met_fouten', now(), now() + interval '1 minute', $2::jsonb)`,
      [
        vandaag,
        JSON.stringify([
          { fase: 'digests', code: 'SMTP', melding: 'x' },
          { fase: 'escalaties', code: 'X', melding: 'y' },
        ]),
      ],
    );
    expect(await metriek('inburgering_nachtelijke_ronde_laatste_fouten')).toBe(2);
    expect(await metriek('inburgering_nachtelijke_ronde_laatste_einde_seconden')).toBeGreaterThan(einde);
    await system.dataSource.query("DELETE FROM escalatieronde WHERE id = 'nacht-met-fouten'");

    const cm = await bearer({ rol: 'casemanager', gemeente: gm, sub: 'cm-nacht' });
    const eigen = await json(await api('/taken', {}, cm));
    const soorten = eigen.items.map((t: Json) => t.soort);
    expect(soorten).toEqual(expect.arrayContaining(['pip-niet-vastgesteld', 'uit-beeld']));
    const tl = await bearer({ rol: 'teamleider', gemeente: gm, sub: 'tl-nacht' });
    const team = await json(await api('/taken?ontvanger=teamleider', {}, tl));
    expect(team.items.length).toBeGreaterThanOrEqual(1);
    expect(team.items.every((t: Json) => t.ontvanger === 'teamleider')).toBe(true);
    // The quarterly CBS reminder: one task for the gemeente, for the team lead, not per traject.
    const { kwartaal, vervaldatum } = cbsHerinneringOrakel(vandaag);
    expect(team.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ soort: 'cbs-swi', trajectId: null, vervaldatum, actie: 'taak' }),
      ]),
    );
    expect(eigen.items.some((t: Json) => t.soort === 'cbs-swi')).toBe(false);
    // Again (another night in the same quarter): still one.
    await createEscalatieRondeActivities(system.dataSource).maakCbsHerinneringen({
      rondeId: 'x',
      peildatum: vandaag,
    });
    const [{ n }] = await system.dataSource.query(
      "SELECT count(*)::int AS n FROM taak WHERE gemeente = $1 AND soort = 'cbs-swi' AND sleutel = $2",
      [gm, `cbs-swi:${kwartaal}`],
    );
    expect(n).toBe(1);
    const [digest] = await system.dataSource.query(
      "SELECT ontvanger_rol, status FROM notificatie WHERE ronde_id = $1 AND ontvanger = 'cm-nacht'",
      [ronde?.id],
    );
    // No SMTP here: it waits in the outbox (this file's own database: no other file marks it sent).
    expect(digest).toEqual({
      ontvanger_rol: 'casemanager',
      status: expect.stringMatching(/^(wachtend|verzonden)$/),
    });
    expect(digest.status).toBe('wachtend');

    // Resume; audit has all three actions.
    const hervat = await api('/operations/escalatierondes/hervatten', {
      method: 'POST',
      body: JSON.stringify({ reden: 'migratie klaar' }),
    });
    expect(await json(hervat)).toMatchObject({ gepauzeerd: false });
    const audit = await system.dataSource.query(
      "SELECT actie FROM audit_event WHERE actor = 'ops-nacht' ORDER BY tijd",
    );
    expect(audit.map((a: Json) => a.actie)).toEqual([
      'escalatierondePauzeren',
      'escalatierondeStarten',
      'escalatierondeHervatten',
    ]);
  });
});
