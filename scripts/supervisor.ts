import type { ChildProcess } from 'node:child_process';
import { Logger } from '../platform/logger';

/**
 * `npm start` supervises (issue 13): Postgres, the Temporal dev server, the worker and the API are
 * child processes, and one that dies is started again with backoff (1 s, 2 s, 4 s … at most
 * `maxMs`, back to the start after a minute of running), and logged. Ctrl-C stops them all, the
 * API first and Postgres last. The bench `bench:storingen` kills them with SIGKILL to prove it.
 */

/**
 * `npm start` has one of each; the production cluster (scripts/temporal-cluster.ts) numbers them:
 * `temporal-history-1`, `worker-2`, `api-1` ….
 */
export type OnderdeelNaam =
  | 'postgres'
  | 'temporal'
  | 'worker'
  | 'api'
  | `temporal-${string}`
  | `worker-${number}`
  | `api-${number}`;
export type OnderdeelStatus = 'start' | 'draait' | 'herstart' | 'gestopt';

export interface Onderdeel {
  naam: OnderdeelNaam;
  /** Starts the process and resolves once it is usable; rejects when it could not start. */
  start(): Promise<ChildProcess>;
  /** Stops it cleanly (and waits); a process that is already gone is fine. */
  stop(): Promise<void>;
}

export interface SupervisorOpties {
  log?: Logger;
  /** First wait before a restart, doubled per failed attempt (default 1 s). */
  beginMs?: number;
  /** Longest wait between attempts (default 30 s). */
  maxMs?: number;
  /** After this long without a crash the backoff starts over (default 60 s). */
  stabielMs?: number;
}

interface Toestand {
  onderdeel: Onderdeel;
  status: OnderdeelStatus;
  proces?: ChildProcess;
  pogingen: number;
  gestartOp: number;
  herstarts: number;
  timer?: NodeJS.Timeout;
}

export interface OnderdeelGebeurtenis {
  naam: OnderdeelNaam;
  soort: 'gestopt' | 'hersteld';
  tijd: number;
}

export class Supervisor {
  private readonly onderdelen = new Map<OnderdeelNaam, Toestand>();
  private readonly log: Logger;
  private readonly beginMs: number;
  private readonly maxMs: number;
  private readonly stabielMs: number;
  private stoppen = false;
  /** When each part went down and came back (the bench reads these). */
  readonly gebeurtenissen: OnderdeelGebeurtenis[] = [];

  constructor(opties: SupervisorOpties = {}) {
    this.log = opties.log ?? new Logger('supervisor');
    this.beginMs = opties.beginMs ?? 1000;
    this.maxMs = opties.maxMs ?? 30_000;
    this.stabielMs = opties.stabielMs ?? 60_000;
  }

  /** Starts `o` now (in the order of the calls) and keeps it running. */
  async start(o: Onderdeel): Promise<void> {
    const t: Toestand = { onderdeel: o, status: 'start', pogingen: 0, gestartOp: 0, herstarts: 0 };
    this.onderdelen.set(o.naam, t);
    await this.startEen(t);
  }

  status(): Record<string, OnderdeelStatus> {
    return Object.fromEntries([...this.onderdelen].map(([naam, t]) => [naam, t.status]));
  }

  pid(naam: OnderdeelNaam): number | undefined {
    return this.onderdelen.get(naam)?.proces?.pid;
  }

  /** Every part's process id by name (undefined while it is down). */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries([...this.onderdelen].map(([naam, t]) => [naam, t.proces?.pid]));
  }

  herstarts(naam: OnderdeelNaam): number {
    return this.onderdelen.get(naam)?.herstarts ?? 0;
  }

  /** Stops everything, last started first; nothing is restarted any more. */
  async stopAlles(): Promise<void> {
    this.stoppen = true;
    const lijst = [...this.onderdelen.values()].reverse();
    for (const t of lijst) {
      if (t.timer) clearTimeout(t.timer);
      // A part that already went down with the same Ctrl-C must not keep us waiting.
      const grens = new Promise<void>((resolve) => setTimeout(resolve, 20_000).unref());
      await Promise.race([t.onderdeel.stop(), grens]).catch((err: unknown) =>
        this.log.warn('stoppen mislukt', { onderdeel: t.onderdeel.naam, fout: String(err) }),
      );
      t.status = 'gestopt';
    }
  }

  private async startEen(t: Toestand): Promise<void> {
    const proces = await t.onderdeel.start();
    if (this.stoppen) return;
    t.proces = proces;
    t.status = 'draait';
    t.gestartOp = Date.now();
    proces.once('exit', (code, signal) => this.gestopt(t, proces, code, signal));
    // The process may have died between becoming ready and us listening.
    if (proces.exitCode !== null || proces.signalCode !== null)
      this.gestopt(t, proces, proces.exitCode, proces.signalCode);
  }

  private gestopt(
    t: Toestand,
    proces: ChildProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): void {
    if (this.stoppen || t.proces !== proces || t.status !== 'draait') return;
    t.status = 'herstart';
    t.proces = undefined;
    this.gebeurtenissen.push({ naam: t.onderdeel.naam, soort: 'gestopt', tijd: Date.now() });
    if (Date.now() - t.gestartOp > this.stabielMs) t.pogingen = 0;
    this.log.error(`${t.onderdeel.naam} is onverwacht gestopt; herstart volgt`, { code, signal });
    this.plan(t);
  }

  private plan(t: Toestand): void {
    const wacht = Math.min(this.maxMs, this.beginMs * 2 ** t.pogingen);
    t.pogingen += 1;
    t.timer = setTimeout(() => {
      t.timer = undefined;
      if (this.stoppen) return;
      this.log.info(`${t.onderdeel.naam} herstarten`, { poging: t.pogingen, wachtMs: wacht });
      this.startEen(t).then(
        () => {
          if (this.stoppen) return;
          t.herstarts += 1;
          this.gebeurtenissen.push({ naam: t.onderdeel.naam, soort: 'hersteld', tijd: Date.now() });
          this.log.info(`${t.onderdeel.naam} draait weer`, { herstarts: t.herstarts });
        },
        (err: unknown) => {
          if (this.stoppen) return;
          this.log.warn(`${t.onderdeel.naam} herstarten mislukt`, {
            fout: err instanceof Error ? err.message : String(err),
          });
          this.plan(t);
        },
      );
    }, wacht);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export function stopProces(
  child: ChildProcess | undefined,
  graceMs = 15_000,
  signaal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signaal);
  });
}
