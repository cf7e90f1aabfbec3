import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { nachtelijkeEscalatiesSchedule } from '../../platform/temporal/nachtelijke-escalaties';
import { startDevServer } from '../../scripts/temporal-servers';
import { freePort } from '../support/ports';

jest.setTimeout(120_000);

/**
 * "A night missed during an outage runs once when the server is back": a dev server of its own with a
 * SQLite file, a schedule with our policies whose time falls while that server is down, then a restart.
 * The time is a few seconds ahead instead of 04:00, the policies are the real ones.
 */
describe('inhaalvenster van de nachtelijke ronde', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inhaal-'));
  const dbFilename = path.join(dir, 'temporal.sqlite');
  let env: TestWorkflowEnvironment | undefined;

  afterAll(async () => {
    await env?.teardown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('een gemiste nacht draait één keer als de server terug is; zonder ruim venster niet', async () => {
    const port = await freePort();
    env = await startDevServer({ port, dbFilename });
    const basis = nachtelijkeEscalatiesSchedule({
      tijd: '04:00',
      inhaalvensterUren: 24,
      taskQueue: `geen-worker-${randomUUID()}`,
      beleid: {},
    });
    // The server's own scheduler worker comes up some seconds after the frontend: wait for it with a
    // schedule that never fires (its describe is answered by its scheduler workflow).
    await env.client.schedule.create({ ...basis, scheduleId: 'opwarmen' });
    await env.client.schedule.getHandle('opwarmen').describe();
    const tijdstip = new Date(Math.ceil((Date.now() + 8_000) / 1000) * 1000);
    const kalender = {
      second: tijdstip.getUTCSeconds(),
      minute: tijdstip.getUTCMinutes(),
      hour: tijdstip.getUTCHours(),
    };
    const maak = (client: Client, id: string, catchupWindow: string) =>
      client.schedule.create({
        ...basis,
        scheduleId: id,
        spec: { calendars: [kalender], timezone: 'UTC' },
        action: { ...basis.action, workflowId: id },
        policies: { ...basis.policies, catchupWindow: catchupWindow as Duration },
      });
    // Ours (24 hours), and one with Temporal's smallest window (10 s) as the control.
    await maak(env.client, 'met-inhaalvenster', basis.policies?.catchupWindow as string);
    await maak(env.client, 'kort-venster', '10 seconds');

    // Both schedulers run (a describe is answered by the schedule's own workflow) and plan the time.
    for (const id of ['met-inhaalvenster', 'kort-venster']) {
      const { info } = await env.client.schedule.getHandle(id).describe();
      expect(info.nextActionTimes[0]?.getTime()).toBe(tijdstip.getTime());
    }
    expect(Date.now()).toBeLessThan(tijdstip.getTime() - 1_000);

    // The outage: down before the time, back 15 s after it.
    await env.teardown();
    env = undefined;
    await new Promise((r) => setTimeout(r, Math.max(0, tijdstip.getTime() + 15_000 - Date.now())));
    env = await startDevServer({ port, dbFilename });
    const client = env.client;

    const acties = async (id: string) => (await client.schedule.getHandle(id).describe()).info.recentActions;
    const info = async (id: string) => (await client.schedule.getHandle(id).describe()).info;
    let ingehaald: Awaited<ReturnType<typeof acties>> = [];
    const einde = Date.now() + 30_000;
    while (ingehaald.length === 0 && Date.now() < einde) {
      ingehaald = await acties('met-inhaalvenster');
      if (ingehaald.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ingehaald).toHaveLength(1);
    expect(ingehaald[0].scheduledAt.getTime()).toBe(tijdstip.getTime());
    expect(ingehaald[0].takenAt.getTime()).toBeGreaterThan(tijdstip.getTime() + 10_000);
    // The control's scheduler has looked at the missed time too, and counted it as missed (not merely
    // "no action yet"): wait for its count, through the schedule's own description.
    let kort = await info('kort-venster');
    const eindeKort = Date.now() + 30_000;
    while (kort.numActionsMissedCatchupWindow === 0 && Date.now() < eindeKort) {
      await new Promise((r) => setTimeout(r, 250));
      kort = await info('kort-venster');
    }
    expect(kort.numActionsMissedCatchupWindow).toBe(1);
    expect(kort.numActionsTaken).toBe(0);
    // Once, not again; and the 10-second window let the night go.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await acties('met-inhaalvenster')).toHaveLength(1);
    expect(await acties('kort-venster')).toHaveLength(0);
    const ons = await info('met-inhaalvenster');
    expect(ons.numActionsTaken).toBe(1);
    expect(ons.numActionsMissedCatchupWindow).toBe(0);
    expect(ons.numActionsSkippedOverlap).toBe(0);
  });
});
