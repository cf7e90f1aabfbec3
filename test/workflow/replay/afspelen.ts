import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { WorkflowInfo } from '@temporalio/workflow';
import { versleutelendeDataConverter } from '../../../platform/crypto';
import { testKluis } from '../../../scripts/test-sleutels';
import { workflowsPath } from '../../../worker/worker';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'histories');

export function fixtures(): string[] {
  return fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
}

export function leesHistorie(file: string): temporal.api.history.v1.IHistory {
  return historyFromJSON(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')));
}

export interface Timer {
  seq: number;
  ms: number;
}

export interface Afspeling {
  /** The replay's failure (a nondeterminism error), if any. */
  fout: Error | undefined;
  /** Timers the code under test asked for, in order. */
  gevraagd: Timer[];
  /** Timers the recorded history started, in order. */
  opgenomen: Timer[];
}

/**
 * The workflow code to replay with, and what to change in it: the code as it is, another workflows
 * file (a deliberately incompatible one), or domain/wet.ts with the PIP term at 12 weeks instead of 10.
 */
export async function bundel(
  opties: { workflows?: string; wetGewijzigd?: boolean } = {},
): Promise<WorkflowBundle> {
  const bundle = await bundleWorkflowCode({
    workflowsPath: opties.workflows ?? workflowsPath(),
    workflowInterceptorModules: [require.resolve('./timers.interceptor')],
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => {
      if (opties.wetGewijzigd) {
        config.module?.rules?.unshift({
          test: /[\\/]domain[\\/]wet\.ts$/,
          enforce: 'pre',
          use: [{ loader: require.resolve('./wet-gewijzigd.loader.js') }],
        });
      }
      return config;
    },
  });
  return bundle;
}

function ms(d: { seconds?: unknown; nanos?: number | null } | null | undefined): number {
  return Number(d?.seconds ?? 0) * 1000 + Math.round((d?.nanos ?? 0) / 1e6);
}

/**
 * Replays recorded histories and reports, per file, the failure and the timers asked for and recorded.
 * One replay worker per data converter (plain, and the codec's for `versleuteld-*` recordings) replays
 * every history in turn: a worker per history took about a second each.
 */
export async function speelAf(bundle: WorkflowBundle, files: string[]): Promise<Map<string, Afspeling>> {
  const afspelingen = new Map<string, Afspeling>();
  const perWorkflow = new Map<string, Afspeling>();
  const histories = new Map<string, temporal.api.history.v1.IHistory>();
  for (const file of files) {
    const afspeling: Afspeling = { fout: undefined, gevraagd: [], opgenomen: [] };
    const history = leesHistorie(file);
    afspeling.opgenomen = (history.events ?? [])
      .filter((e) => e.timerStartedEventAttributes)
      .map((e) => ({
        seq: Number(e.timerStartedEventAttributes?.timerId),
        ms: ms(e.timerStartedEventAttributes?.startToFireTimeout),
      }));
    afspelingen.set(file, afspeling);
    perWorkflow.set(path.basename(file, '.json'), afspeling);
    histories.set(file, history);
  }
  for (const versleuteld of [false, true]) {
    const groep = files.filter((f) => f.startsWith('versleuteld-') === versleuteld);
    if (groep.length === 0) continue;
    const resultaten = Worker.runReplayHistories(
      {
        workflowBundle: bundle,
        // Recordings made with the payload codec (`versleuteld-*`) replay with the same (test) keys.
        dataConverter: versleuteld ? versleutelendeDataConverter(testKluis()) : undefined,
        sinks: {
          replayTimers: {
            gevraagd: {
              fn: (info: WorkflowInfo, seq: number, durationMs: number) => {
                perWorkflow.get(info.workflowId)?.gevraagd.push({ seq, ms: durationMs });
              },
              callDuringReplay: true,
            },
          },
        },
      },
      groep.map((f) => ({ workflowId: path.basename(f, '.json'), history: histories.get(f) })),
    );
    for await (const r of resultaten) {
      const afspeling = perWorkflow.get(r.workflowId);
      if (afspeling) afspeling.fout = r.error as Error | undefined;
    }
  }
  return afspelingen;
}

/** Recorded timers whose duration the code under test no longer asks for (moved, or gone). */
export function verschovenTimers(
  a: Afspeling,
): { seq: number; opgenomen: number; gevraagd: number | null }[] {
  const perSeq = new Map(a.gevraagd.map((t) => [t.seq, t.ms]));
  return a.opgenomen
    .filter((t) => perSeq.get(t.seq) !== t.ms)
    .map((t) => ({ seq: t.seq, opgenomen: t.ms, gevraagd: perSeq.get(t.seq) ?? null }));
}
