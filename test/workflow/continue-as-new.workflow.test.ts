import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { taakAfgerondSignaal, tijdlijnQuery } from '../../contract/traject-workflow';
import { addMonths } from '../../domain/shared/kalender';
import { versleutelendeDataConverter } from '../../platform/crypto';
import { startTimeSkippingServer } from '../../scripts/temporal-servers';
import { testKluis } from '../../scripts/test-sleutels';
import { metWorker, Traject, totOp, vandaag, zodra } from './harness';

jest.setTimeout(180_000);

/**
 * Continue-as-new with messages in flight (issue 16, point 7): updates and signals that arrive while a
 * run waits for its handlers and runs its last effects are applied exactly once, rejected feed messages,
 * the timeline and task closings survive the new run, and the timeline the runs pass on stays bounded.
 */
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await startTimeSkippingServer({ dataConverter: versleutelendeDataConverter(testKluis()) });
});
afterAll(async () => {
  await env?.teardown();
});

/** How many runs the workflow id has had: walk back through each run's start event. */
async function runs(t: Traject): Promise<number> {
  let runId: string | undefined = (await t.handle.describe()).runId;
  let n = 0;
  while (runId) {
    n += 1;
    const history = await env.client.workflow.getHandle(t.handle.workflowId, runId).fetchHistory();
    runId =
      history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
  }
  return n;
}

describe('continue-as-new', () => {
  it('updates en signalen tijdens de overgang tellen precies één keer; afgewezen, taken en tijdlijn gaan mee', async () => {
    await metWorker(env, async ({ taskQueue, mem }) => {
      const dag = await vandaag(env);
      const t = await Traject.start(
        env,
        taskQueue,
        { gemeente: 'GM0518', doelgroep: 'asielstatushouder', kennisgevingsdatum: dag },
        { historyBudget: 16, tijdlijnBudget: 12 },
      );
      const { runId: eersteRun } = await t.handle.describe();
      await t.stuur('registreerIntake', { datum: dag });
      await t.stuur('stelPipVast', { dagtekening: dag, leerroute: 'b1' });

      // 40 hours in four waves of updates and signals sent at once, plus feed messages the rulebook must
      // reject; the small budget makes each wave end its run, so later waves arrive during a transition.
      for (let golf = 0; golf < 4; golf += 1) {
        const ids = Array.from({ length: 5 }, (_, i) => golf * 5 + i);
        await Promise.all([
          ...ids.map((i) =>
            t.stuur('registreerUren', { commandId: `u-${i}`, soort: 'taal', uren: 1, datum: dag }),
          ),
          ...ids.map((i) =>
            t.signaal('registreerUren', { commandId: `s-${i}`, soort: 'participatie', uren: 1, datum: dag }),
          ),
          ...(golf < 3
            ? [t.signaal('registreerVooraankondiging', { commandId: `duo:voor:${golf}`, datum: dag })]
            : []),
        ]);
      }
      // The same commands again (a feed replayed, a client retrying): nothing changes.
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.signaal('registreerUren', { commandId: `s-${i}`, soort: 'participatie', uren: 1, datum: dag }),
        ),
      );

      const status = await zodra(
        () => t.status(),
        (s) => s.state.uren.participatie === 20 && s.afgewezen.length === 3,
      );
      expect(status.state.uren).toEqual({ taal: 20, participatie: 20 });
      expect(status.afgewezen.map((a) => a.code)).toEqual([
        'TERMIJN_NIET_OVERSCHREDEN',
        'TERMIJN_NIET_OVERSCHREDEN',
        'TERMIJN_NIET_OVERSCHREDEN',
      ]);
      const { runId } = await t.handle.describe();
      expect(runId).not.toBe(eersteRun);
      expect(await runs(t)).toBeGreaterThan(2);

      // A task of the first run, closed by hand after the runs changed: the latest run stops listing it.
      await totOp(env, addMonths(dag, 3), '12:00');
      const open = await zodra(
        () => t.status(),
        (s) => s.openTaken.some((o) => o.soort === 'voortgangsgesprek'),
      );
      const taak = open.openTaken.find((o) => o.soort === 'voortgangsgesprek');
      expect(taak).toBeDefined();
      await t.handle.signal(taakAfgerondSignaal, {
        sleutel: taak!.sleutel,
        soort: taak!.soort,
        vervaldatum: taak!.vervaldatum,
        door: 'cm-1',
      });
      const na = await zodra(
        () => t.status(),
        (s) => !s.openTaken.some((o) => o.soort === 'voortgangsgesprek'),
      );
      expect(na.openTaken.some((o) => o.soort === 'voortgangsgesprek')).toBe(false);

      // The timeline passed on is bounded: the latest lines, and one saying how many came before.
      const tijdlijn = await t.handle.query(tijdlijnQuery);
      const gebeurd = tijdlijn.filter((r) => r.soort === 'gebeurd');
      expect(gebeurd.length).toBeLessThanOrEqual(12 + 1 + 10);
      expect(gebeurd[0].beschrijving).toMatch(
        /^… \d+ eerdere regels staan in de geschiedenis van eerdere runs$/,
      );
      const weggelaten = Number(/… (\d+)/.exec(gebeurd[0].beschrijving)?.[1]);
      // Every applied event was a line once: aanmelding, intake, PIP, 40 hours (and possibly signals).
      expect(weggelaten + gebeurd.length - 1).toBeGreaterThanOrEqual(43);
      expect(gebeurd.at(-1)?.beschrijving).toMatch(/^Taak afgerond/);
      // The read model saw the last version.
      expect(mem.snapshots.at(-1)?.versie).toBe(na.versie);
    });
  });
});
