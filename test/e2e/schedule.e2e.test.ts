import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
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
import { createTrajectWorker } from '../../worker/worker';
import { workflowBundle } from '../support/system';

jest.setTimeout(60_000);

// Schedules are not implemented by the time-skipping server: this runs on the dev server of the
// e2e global setup, with a worker and the real activities against its Postgres.
let connection: Connection;
let client: Client;
let db: DataSource;
let native: NativeConnection;
let worker: Worker;
let draait: Promise<void>;
const taskQueue = `schedule-${randomUUID()}`;
const config = (extra: Partial<NachtelijkeEscalatiesConfig> = {}): NachtelijkeEscalatiesConfig => ({
  tijd: '04:00',
  inhaalvensterUren: 24,
  taskQueue,
  beleid: {},
  ...extra,
});

beforeAll(async () => {
  const address = process.env.E2E_TEMPORAL_ADDRESS;
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!address || !databaseUrl) throw new Error('e2e global setup heeft geen servers gestart');
  connection = await Connection.connect({ address });
  client = new Client({ connection, namespace: 'default' });
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
    .getHandle(NACHTELIJKE_ESCALATIES_SCHEDULE_ID)
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
    expect(await zorgVoorNachtelijkeEscalaties(client, config())).toBe('aangemaakt');
    expect(await zorgVoorNachtelijkeEscalaties(client, config())).toBe('bijgewerkt');

    const handle = client.schedule.getHandle(NACHTELIJKE_ESCALATIES_SCHEDULE_ID);
    const d = await handle.describe();
    expect(d.spec.timezone).toBe('Europe/Amsterdam');
    expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 4 }], minute: [{ start: 0 }] });
    expect(d.policies).toMatchObject({ overlap: 'SKIP', catchupWindow: 24 * 60 * 60 * 1000 });
    expect(d.action).toMatchObject({ workflowType: 'escalatieRondeWorkflow', taskQueue });
    // Every next run is at 04:00 in Amsterdam, also across a DST change.
    const status = await beschrijfNachtelijkeEscalaties(client);
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
    await pauzeerNachtelijkeEscalaties(client, 'Gepauzeerd voor onderhoud');
    expect(
      await zorgVoorNachtelijkeEscalaties(client, config({ tijd: '05:30', inhaalvensterUren: 12 })),
    ).toBe('bijgewerkt');
    const na = await beschrijfNachtelijkeEscalaties(client);
    expect(na).toMatchObject({
      gepauzeerd: true,
      notitie: 'Gepauzeerd voor onderhoud',
      tijd: '05:30 Europe/Amsterdam',
      inhaalvensterMs: 12 * 60 * 60 * 1000,
    });
    await hervatNachtelijkeEscalaties(client, 'Hervat');
    expect(await beschrijfNachtelijkeEscalaties(client)).toMatchObject({
      gepauzeerd: false,
      notitie: 'Hervat',
    });
  });

  it('een handmatige start draait de ronde en legt het resultaat vast in escalatieronde', async () => {
    await zorgVoorNachtelijkeEscalaties(client, config());
    await startNachtelijkeEscalatiesNu(client);
    let workflowId: string | undefined;
    const einde = Date.now() + 30_000;
    while (!workflowId && Date.now() < einde) {
      workflowId = (await beschrijfNachtelijkeEscalaties(client))?.recenteRuns[0]?.workflowId;
      if (!workflowId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(workflowId).toMatch(/^nachtelijke-escalaties-/);
    const resultaat = await client.workflow.getHandle(workflowId as string).result();
    expect(resultaat).toMatchObject({ rondeId: workflowId, status: 'voltooid' });
    const [rij] = await db.query('SELECT status, gepland_op FROM escalatieronde WHERE id = $1', [workflowId]);
    expect(rij.status).toBe('voltooid');
    expect(rij.gepland_op).toBeInstanceOf(Date);
  });
});
