import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { addDays, addWeeks, datumVanInstant } from '../../domain/shared/kalender';
import type { Aanmelden } from '../../domain/traject';
import { startTimeSkippingServer } from '../../scripts/temporal-servers';
import { trajectWorkflowId } from '../../workflows/ids';
import { statusQuery, TRAJECT_WORKFLOW_TYPE, type TrajectWorkflowInput } from '../../workflows/messages';
import type { TrajectSnapshot } from '../../workflows/read-model';
import { workflowBundle } from '../support/system';

jest.setTimeout(120_000);

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkippingServer();
});
afterAll(async () => {
  await env?.teardown();
});

/** Activities that record what the workflow asked for: this test is about the workflow's timing. */
function recordingActivities() {
  const snapshots: TrajectSnapshot[] = [];
  const activities: Activities = {
    async schrijfTrajectReadModel(s) {
      snapshots.push(s);
      return { toegepast: true };
    },
  };
  return { snapshots, activities };
}

describe('trajectWorkflow (time-skipping)', () => {
  it('zet na de aanmelding de PIP-termijn klaar en handelt die af als de 10 weken voorbij zijn', async () => {
    const { snapshots, activities } = recordingActivities();
    const taskQueue = `wf-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities,
    });
    const trajectId = randomUUID();
    const vandaag = datumVanInstant(Date.now());
    const aanmelding: Aanmelden = {
      type: 'aanmelden',
      commandId: randomUUID(),
      gemeente: 'GM0363',
      doelgroep: 'gezinsmigrant',
      kennisgevingsdatum: addDays(vandaag, -7),
    };
    const input: TrajectWorkflowInput = { trajectId, aanmelding };

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(TRAJECT_WORKFLOW_TYPE, {
        workflowId: trajectWorkflowId(trajectId),
        taskQueue,
        args: [input],
      });
      const status = await handle.query(statusQuery);
      expect(status.state.fase).toBe('aangemeld');
      const pipDatum = addWeeks(aanmelding.kennisgevingsdatum, 10);
      const pip = status.deadlines.find((d) => d.datum === pipDatum);
      expect(pip).toBeDefined();

      // Let 64 days pass: the PIP deadline (63 days from now) fires once.
      await env.sleep('64 days');
      const later = await handle.query(statusQuery);
      expect(later.deadlines.find((d) => d.id === pip!.id && d.datum === pipDatum)).toBeUndefined();
      expect(later.versie).toBeGreaterThan(status.versie);
      expect(snapshots.at(-1)?.versie).toBe(later.versie);
      expect(snapshots[0]).toMatchObject({
        trajectId,
        gemeente: 'GM0363',
        fase: 'aangemeld',
        versie: status.versie,
      });
    });
  });
});
