import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import {
  type NachtelijkeEscalatiesConfig,
  zorgVoorNachtelijkeEscalaties,
} from '../../platform/temporal/nachtelijke-escalaties';
import { configDataConverter } from '../../scripts/test-sleutels';

jest.setTimeout(60_000);

// A worker start brings the schedule up to date while operations may pause it at the same moment.
// On the dev server of the e2e global setup, with a schedule id of this file's own (the stable one is
// shared with other files). The pause is sent by a second client, for real, at the one moment that
// matters: after the worker's start has read the schedule and before its update reaches the server.
let verbinding: Connection;
let operations: Connection;
let worker: Client;
let ops: Client;
const scheduleId = `nachtelijke-escalaties-pauze-${randomUUID()}`;
const config = (extra: Partial<NachtelijkeEscalatiesConfig> = {}): NachtelijkeEscalatiesConfig => ({
  tijd: '04:00',
  inhaalvensterUren: 24,
  taskQueue: `pauze-${randomUUID()}`,
  beleid: {},
  scheduleId,
  ...extra,
});

/** The next `updateSchedule` on this connection first runs `tussendoor` (once), then goes out. */
function voorDeVolgendeUpdate(connection: Connection, tussendoor: () => Promise<void>): { updates: number } {
  const teller = { updates: 0 };
  const dienst = connection.workflowService as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  const echt = dienst.updateSchedule;
  let gedaan = false;
  dienst.updateSchedule = async (...args: unknown[]) => {
    teller.updates += 1;
    if (!gedaan) {
      gedaan = true;
      await tussendoor();
    }
    return echt(...args);
  };
  return teller;
}

beforeAll(async () => {
  const address = process.env.E2E_TEMPORAL_ADDRESS;
  if (!address) throw new Error('e2e global setup heeft geen servers gestart');
  [verbinding, operations] = await Promise.all([
    Connection.connect({ address }),
    Connection.connect({ address }),
  ]);
  worker = new Client({ connection: verbinding, namespace: 'default', dataConverter: configDataConverter() });
  ops = new Client({ connection: operations, namespace: 'default', dataConverter: configDataConverter() });
});

afterAll(async () => {
  await ops?.schedule
    .getHandle(scheduleId)
    .delete()
    .catch(() => undefined);
  await verbinding?.close();
  await operations?.close();
});

describe('zorgVoorNachtelijkeEscalaties met een pauze ertussendoor', () => {
  it('een pauze die binnenkomt tussen lezen en bijwerken blijft staan; de nieuwe tijd landt ook', async () => {
    expect(await zorgVoorNachtelijkeEscalaties(worker, config())).toBe('aangemaakt');

    const updates = voorDeVolgendeUpdate(verbinding, async () => {
      await ops.schedule.getHandle(scheduleId).pause('Gepauzeerd door ops-1: migratie van de database');
    });
    expect(
      await zorgVoorNachtelijkeEscalaties(worker, config({ tijd: '05:30', inhaalvensterUren: 12 })),
    ).toBe('bijgewerkt');

    const d = await ops.schedule.getHandle(scheduleId).describe();
    expect(d.state).toMatchObject({ paused: true, note: 'Gepauzeerd door ops-1: migratie van de database' });
    expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 5 }], minute: [{ start: 30 }] });
    expect(d.policies.catchupWindow).toBe(12 * 60 * 60 * 1000);
    // The first update carried the token of the description before the pause and was not applied.
    expect(updates.updates).toBeGreaterThanOrEqual(2);
  });

  it('hervatten ertussendoor blijft ook staan: de start zet de oude pauze niet terug', async () => {
    await zorgVoorNachtelijkeEscalaties(worker, config());
    await ops.schedule.getHandle(scheduleId).pause('Gepauzeerd door ops-1');
    voorDeVolgendeUpdate(verbinding, async () => {
      await ops.schedule.getHandle(scheduleId).unpause('Hervat door ops-1');
    });
    expect(await zorgVoorNachtelijkeEscalaties(worker, config({ tijd: '04:15' }))).toBe('bijgewerkt');
    const d = await ops.schedule.getHandle(scheduleId).describe();
    expect(d.state).toMatchObject({ paused: false, note: 'Hervat door ops-1' });
    expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 4 }], minute: [{ start: 15 }] });
  });
});
