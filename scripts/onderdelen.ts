import { type ChildProcess, spawn } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { ALL_SEARCH_ATTRIBUTES } from '../contract/search-attributes';
import type { EmbeddedPostgres } from './embedded-postgres';
import { type Onderdeel, type OnderdeelNaam, stopProces } from './supervisor';
import { installHint, type ResolvedBinary } from './temporal-binaries';

/** The parts `npm start` (and `bench:storingen`) supervise, each as an Onderdeel (scripts/supervisor.ts). */

const wacht = (ms: number) => new Promise((r) => setTimeout(r, ms));

function gestoptVoorKlaar(child: ChildProcess, naam: string): Promise<never> {
  return new Promise((_, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`${naam} stopte tijdens het starten (code ${code}, signaal ${signal})`)),
    );
    child.once('error', (err) => reject(new Error(`${naam} kon niet starten: ${err.message}`)));
  });
}

export function postgresOnderdeel(pg: EmbeddedPostgres): Onderdeel {
  return { naam: 'postgres', start: () => pg.start(), stop: () => pg.stop() };
}

export interface TemporalDevServerOpties {
  binary: ResolvedBinary;
  port: number;
  /** Web UI port, or null for none. */
  uiPort: number | null;
  dbFilename: string;
  namespace: string;
  /** The Web UI decodes payloads through this remote codec (the API's /api/v1/codec). */
  uiCodecEndpoint?: string;
}

/**
 * The Temporal dev server (Temporal CLI, SQLite file) as our own child, with the same arguments the
 * SDK's ephemeral server uses, so it can be watched and started again after a crash.
 */
export function temporalOnderdeel(o: TemporalDevServerOpties): Onderdeel {
  let child: ChildProcess | undefined;
  const address = `127.0.0.1:${o.port}`;
  return {
    naam: 'temporal',
    async start() {
      if (!o.binary.path) throw new Error(`Geen Temporal CLI gevonden. ${installHint('cli')}`);
      const args = [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(o.port),
        '--namespace',
        o.namespace,
        '--db-filename',
        o.dbFilename,
        '--log-format',
        'json',
        '--log-level',
        'warn',
        '--dynamic-config-value',
        'frontend.enableUpdateWorkflowExecution=true',
        '--dynamic-config-value',
        'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
        ...(o.uiPort === null ? ['--headless'] : ['--ui-port', String(o.uiPort)]),
        ...(o.uiPort !== null && o.uiCodecEndpoint ? ['--ui-codec-endpoint', o.uiCodecEndpoint] : []),
        ...ALL_SEARCH_ATTRIBUTES.flatMap((k) => [
          '--search-attribute',
          `${k.name}=${TypedSearchAttributes.toMetadataType(k.type)}`,
        ]),
      ];
      child = spawn(o.binary.path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      const proces = child;
      proces.stderr?.resume();
      const klaar = (async () => {
        const grens = Date.now() + 60_000;
        while (Date.now() < grens && proces.exitCode === null) {
          try {
            const c = await Connection.connect({ address, connectTimeout: 1000 });
            try {
              await c.withDeadline(Date.now() + 1000, () => c.workflowService.getSystemInfo({}));
              return proces;
            } finally {
              await c.close();
            }
          } catch {
            await wacht(200);
          }
        }
        throw new Error(`De Temporal dev server werd niet bereikbaar op ${address}`);
      })();
      try {
        return await Promise.race([klaar, gestoptVoorKlaar(proces, 'Temporal dev server')]);
      } catch (err) {
        proces.kill('SIGKILL');
        throw err;
      }
    },
    stop: () => stopProces(child, 15_000, 'SIGINT'),
  };
}

/**
 * Node's flags for a worker process, wherever one is started (`npm start`, the production cluster, the
 * browser tests' system; docker-compose.yml's worker command, checked by a test). `--optimize-for-size`
 * makes V8 grow its heap less eagerly: the nightly run over 100,000 trajecten peaked at 261–269 MB RSS
 * instead of 463–474 MB (its live heap is ~60 MB; the rest was garbage not yet collected) for 14.0–16.5 s
 * instead of 12.0–13.4 s, and the command path did not measurably change (`bench:last`, README
 * "Performance"). It leaves V8's heap limit alone, from which the SDK sizes the workflow cache; a
 * `--max-old-space-size` would have shrunk that cache to 10 workflows.
 */
export const WORKER_NODE_ARGS: readonly string[] = ['--optimize-for-size'];

export interface NodeOnderdeelOpties {
  naam: OnderdeelNaam;
  /** What the child says it is when ready (`{ klaar: 'worker' }`); default: `naam`. */
  soort?: 'worker' | 'api';
  script: string;
  /** Node's own flags for the child (before the script), e.g. WORKER_NODE_ARGS. */
  nodeArgs?: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Where its output goes (default: this process's stdout/stderr). */
  uitvoer?: (regel: string) => void;
}

/** A Node child (worker, API) that is ready once it says so over IPC (`{ klaar: naam }`). */
export function nodeOnderdeel(o: NodeOnderdeelOpties): Onderdeel {
  let child: ChildProcess | undefined;
  return {
    naam: o.naam,
    async start() {
      child = spawn(process.execPath, [...(o.nodeArgs ?? []), o.script], {
        env: o.env,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      const proces = child;
      const schrijf = o.uitvoer ?? ((r: string) => process.stdout.write(`${r}\n`));
      let rest = '';
      const lees = (b: Buffer) => {
        rest += b.toString();
        const regels = rest.split('\n');
        rest = regels.pop() ?? '';
        for (const r of regels) schrijf(r);
      };
      proces.stdout?.on('data', lees);
      proces.stderr?.on('data', lees);
      const klaar = new Promise<ChildProcess>((resolve) => {
        proces.on('message', (m: unknown) => {
          if ((m as { klaar?: string } | null)?.klaar === (o.soort ?? o.naam)) resolve(proces);
        });
      });
      return Promise.race([klaar, gestoptVoorKlaar(proces, o.naam)]);
    },
    stop: () => stopProces(child),
  };
}
