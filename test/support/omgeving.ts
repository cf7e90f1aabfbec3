import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';

/** The message Jest gives a test that ran past its timeout: the one failure a retry may forgive. */
const TIME_OUT = /Exceeded timeout of \d+ ms/;

function melding(fout: unknown): string {
  const e = Array.isArray(fout) ? fout[0] : fout;
  return e instanceof Error ? e.message : String(e);
}

function naam(test: Circus.TestEntry): string {
  const delen: string[] = [test.name];
  for (
    let blok: Circus.DescribeBlock | undefined = test.parent;
    blok && blok.name !== 'ROOT_DESCRIBE_BLOCK';
    blok = blok.parent
  ) {
    delen.unshift(blok.name);
  }
  return delen.join(' › ');
}

/**
 * The Node environment, plus two rules for `jest.retryTimes` (used only where a cause outside the
 * project makes a test hang: see test/workflow/traject.workflow.test.ts):
 * - every retry is written to stderr at once, with the test and the failure that caused it;
 * - a retry forgives only a hang (the test ran past its timeout). A test that failed any other way
 *   and passed on a retry is still reported as failed: a flaky assertion is a finding, not noise.
 */
export default class Omgeving extends TestEnvironment {
  private readonly nietVergeven = new Map<Circus.TestEntry, string>();
  /** The failures of each test's last attempt (Jest clears them before it dispatches the retry). */
  private readonly laatsteFouten = new Map<Circus.TestEntry, string[]>();

  async handleTestEvent(event: Circus.Event): Promise<void> {
    if (event.name === 'test_done') {
      this.laatsteFouten.set(event.test, event.test.errors.map(melding));
    }
    if (event.name === 'test_retry') {
      const fouten = this.laatsteFouten.get(event.test) ?? [];
      const eerste = (fouten[0] ?? 'onbekende fout').split('\n')[0];
      process.stderr.write(
        `\n[opnieuw] ${naam(event.test)} (poging ${event.test.invocations} mislukt): ${eerste}\n`,
      );
      const geenHang = fouten.find((f) => !TIME_OUT.test(f));
      if (geenHang !== undefined && !this.nietVergeven.has(event.test)) {
        this.nietVergeven.set(event.test, geenHang);
      }
    }
    if (event.name === 'run_finish') {
      for (const [test, fout] of this.nietVergeven) {
        if (test.errors.length > 0) continue;
        test.errors.push(
          new Error(
            `Geslaagd na een herhaling, maar een eerdere poging faalde niet door een hang (time-out) en een herhaling vergeeft alleen die:\n${fout}`,
          ),
        );
      }
    }
  }
}
