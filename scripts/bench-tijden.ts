import fs from 'node:fs';

/**
 * Where a command's time goes (issue 14): `bench:last` scrapes the API's `/metrics` and the workers'
 * Temporal SDK metrics before and after a load and prints the mean of each step over that load. The
 * histograms are cumulative, so the difference of two scrapes (sum and count) is the load's own mean.
 */

export interface Reeks {
  naam: string;
  labels: Record<string, string>;
  waarde: number;
}

/** Prometheus text format → series (comments and unparsable lines skipped). */
export function leesPrometheus(tekst: string): Reeks[] {
  const uit: Reeks[] = [];
  for (const regel of tekst.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(regel);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    uit.push({ naam: m[1], labels, waarde: Number(m[3]) });
  }
  return uit;
}

/** All series of some endpoints (several APIs or workers count together); an endpoint that fails adds none. */
export async function schraap(urls: string[], headers: Record<string, string> = {}): Promise<Reeks[]> {
  const delen = await Promise.all(
    urls.map(async (url) => {
      try {
        const res = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
        return res.ok ? leesPrometheus(await res.text()) : [];
      } catch {
        return [];
      }
    }),
  );
  return delen.flat();
}

export type Filter = Record<string, string>;

const past = (labels: Record<string, string>, filter: Filter) =>
  Object.entries(filter).every(([k, v]) => labels[k] === v);

/** The sum of every series of `naam` whose labels match `filter` (several workers or APIs together). */
export function somVan(reeksen: Reeks[], naam: string, filter: Filter = {}): number {
  return reeksen.filter((r) => r.naam === naam && past(r.labels, filter)).reduce((a, r) => a + r.waarde, 0);
}

/** A histogram's observations between two scrapes: how many, and their mean in ms (NaN: none). */
export function tussen(
  voor: Reeks[],
  na: Reeks[],
  histogram: string,
  filter: Filter = {},
): { aantal: number; gemiddeldMs: number } {
  const aantal = somVan(na, `${histogram}_count`, filter) - somVan(voor, `${histogram}_count`, filter);
  const seconden = somVan(na, `${histogram}_sum`, filter) - somVan(voor, `${histogram}_sum`, filter);
  return { aantal, gemiddeldMs: aantal > 0 ? (seconden / aantal) * 1000 : Number.NaN };
}

/** The SDK core's histograms of a worker that tell a workflow task's way, in the order it goes. */
export const WORKER_STAPPEN: { naam: string; histogram: string; filter: Filter }[] = [
  {
    naam: 'workflow task wacht op een worker (schedule-to-start)',
    histogram: 'temporal_workflow_task_schedule_to_start_latency',
    filter: {},
  },
  {
    naam: 'workflow task in de worker (activering tot afmelden)',
    histogram: 'temporal_workflow_task_execution_latency',
    filter: {},
  },
  {
    naam: '  waarvan de lokale activiteit (Postgres: read model + audit)',
    histogram: 'temporal_local_activity_execution_latency',
    filter: {},
  },
  {
    naam: 'workflow task afmelden bij de server (RespondWorkflowTaskCompleted)',
    histogram: 'temporal_request_latency',
    filter: { operation: 'RespondWorkflowTaskCompleted' },
  },
];

export interface Kolom {
  /** The client's own mean over the load (ms). */
  clientMs: number;
  commandos: number;
  voor: Reeks[];
  na: Reeks[];
  /** The task queue of this column's worker (its workflow-task series carry it as `task_queue`). */
  taskQueue: string;
  /** The API's histograms, when this column went through the API. */
  api?: { voor: Reeks[]; na: Reeks[] };
}

const ms = (x: number) => (Number.isNaN(x) ? '—' : `${x.toFixed(1)} ms`);

/** The table: one row per step, ours and bare side by side. */
export function tijdenTabel(ons: Kolom, kaal: Kolom): string {
  const rij = (naam: string, a: string, b: string) => `| ${naam} | ${a} | ${b} |`;
  const api = (k: Kolom, histogram: string, filter: Filter) =>
    k.api ? ms(tussen(k.api.voor, k.api.na, histogram, filter).gemiddeldMs) : '—';
  const regels = [
    '| stap (gemiddelde per keer, over de last) | onze API | kale Update |',
    '|---|---|---|',
    rij('antwoord bij de client', ms(ons.clientMs), ms(kaal.clientMs)),
    rij(
      '  in de API (HTTP-verzoek van een commando)',
      api(ons, 'http_request_duration_seconds', {
        method: 'POST',
        route: '/api/v1/trajecten/:id/:commando',
        status: '200',
      }),
      '—',
    ),
    rij(
      '    waarvan de Temporal-Update',
      api(ons, 'inburgering_temporal_update_duur_seconden', { afloop: 'geaccepteerd' }),
      ms(kaal.clientMs),
    ),
  ];
  for (const s of WORKER_STAPPEN) {
    const waarde = (k: Kolom) =>
      ms(
        tussen(k.voor, k.na, s.histogram, {
          ...s.filter,
          ...(s.histogram.startsWith('temporal_workflow_task') ? { task_queue: k.taskQueue } : {}),
        }).gemiddeldMs,
      );
    regels.push(rij(`      ${s.naam}`, waarde(ons), waarde(kaal)));
  }
  const perCommando = (k: Kolom) => {
    const n = tussen(k.voor, k.na, 'temporal_workflow_task_execution_latency', {
      task_queue: k.taskQueue,
    }).aantal;
    return k.commandos > 0 && n > 0 ? (n / k.commandos).toFixed(2) : '—';
  };
  regels.push(rij('workflow tasks per commando', perCommando(ons), perCommando(kaal)));
  return regels.join('\n');
}

/** Linux clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on every common Linux build). */
const TICKS_PER_SECONDE = 100;

/**
 * CPU seconds (user + system) used so far by each process and all its descendants (Postgres's
 * backends, a wrapper's child), from /proc; children that ended count through their parent's cutime
 * and cstime. Empty off Linux.
 */
export function cpuPerBoom(pids: Record<string, number | undefined>): Record<string, number> {
  const kinderen = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  let namen: string[] = [];
  try {
    namen = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return {};
  }
  for (const n of namen) {
    try {
      const stat = fs.readFileSync(`/proc/${n}/stat`, 'utf8');
      const velden = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(velden[1]);
      // Own user + system time, and that of its children that ended and were waited for (cutime,
      // cstime: Postgres's backends that came and went), so the sum never goes back.
      const ticks = [11, 12, 13, 14].reduce((a, i) => a + Number(velden[i]), 0);
      cpu.set(Number(n), ticks / TICKS_PER_SECONDE);
      const broers = kinderen.get(ppid);
      if (broers) broers.push(Number(n));
      else kinderen.set(ppid, [Number(n)]);
    } catch {
      // gone meanwhile
    }
  }
  const boom = (pid: number): number =>
    (cpu.get(pid) ?? 0) + (kinderen.get(pid) ?? []).reduce((a, k) => a + boom(k), 0);
  return Object.fromEntries(
    Object.entries(pids)
      .filter((e): e is [string, number] => e[1] !== undefined)
      .map(([naam, pid]) => [naam, boom(pid)]),
  );
}

/** CPU ms per command of each process between two readings (`bench`: this process). */
export function cpuTabel(
  rijen: { naam: string; voor: Record<string, number>; na: Record<string, number>; commandos: number }[],
): string {
  const namen = [...new Set(rijen.flatMap((r) => Object.keys(r.na)))];
  const regels = [
    `| CPU per commando (ms) | ${namen.join(' | ')} | samen |`,
    `|---|${namen.map(() => '---|').join('')}---|`,
  ];
  for (const r of rijen) {
    const perCommando = namen.map((n) =>
      r.na[n] !== undefined && r.voor[n] !== undefined && r.commandos > 0
        ? ((r.na[n] - r.voor[n]) * 1000) / r.commandos
        : Number.NaN,
    );
    const samen = perCommando.filter((x) => !Number.isNaN(x)).reduce((a, b) => a + b, 0);
    regels.push(
      `| ${r.naam} | ${perCommando.map((x) => (Number.isNaN(x) ? '—' : x.toFixed(1))).join(' | ')} | ${samen.toFixed(1)} |`,
    );
  }
  return regels.join('\n');
}
