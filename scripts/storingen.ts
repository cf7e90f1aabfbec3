import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, ScheduleOverlapPolicy, WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { ESCALATIE_RONDE_WORKFLOW_TYPE, type EscalatieRondeResultaat } from '../contract/escalatie-ronde';
import { trajectWorkflowId } from '../contract/ids';
import { statusQuery, type TrajectStatus } from '../contract/traject-workflow';
import { datumVanInstant } from '../domain/shared/kalender';
import { tekenLokaalToken } from '../platform/auth';
import { loadConfig } from '../platform/config';
import { maakSleutelkluis, versleutelendeDataConverter } from '../platform/crypto';
import { createDataSource } from '../platform/persistence/data-source';
import { type Stapel, startStapel, stopBijSignaal } from './stapel';
import type { OnderdeelNaam } from './supervisor';

/**
 * Fault injection (issue 13): for each of worker, API, Temporal dev server and Postgres, a command
 * load from many clients, a `kill -9` of that part in the middle of it, the supervisor bringing it
 * back, then the proof: no acknowledged command lost, none applied twice (clients retry with the
 * same commandId), an audit row for every applied command, the read model equal to the workflow,
 * a timer that came due during the outage fired after it, and no 500 anywhere. `bench:storingen`
 * prints the table; the e2e suite runs a small version.
 */

export interface StoringenOpties {
  clients: number;
  /** Load before the kill and after the part is back (ms each). */
  lastVoorMs: number;
  lastNaMs: number;
  onderdelen: OnderdeelNaam[];
  /** First restart wait of the supervisor (the outage lasts at least this). */
  herstartMs: number;
  /** Progress lines (default: nothing). */
  log?: (regel: string) => void;
}

export interface StoringRij {
  onderdeel: OnderdeelNaam;
  /** Commands the API acknowledged with 200. */
  bevestigd: number;
  /** Of those, acknowledged while the part was down (Postgres: commands need no read model). */
  bevestigdTijdensStoring: number;
  verloren: number;
  dubbel: number;
  zonderAudit: number;
  /** Audit rows beyond one per applied command. */
  teVeelAudit: number;
  /** Every traject's read-model row equals its workflow (versie, fase, casemanager). */
  leesmodelGelijk: boolean;
  /** From the part being back until audit and read model had caught up. */
  convergentieS: number;
  /** From the kill until the supervisor had the part running again. */
  storingS: number;
  /** Answers ≥ 500 other than 503 (clients and the list poller). */
  fout500: number;
  antwoord503: number;
  verbindingWeg: number;
  /** Lists and reports answered while the part was down: 200 or 503, never 500. */
  lijstStatussen: Record<string, number>;
  timerTijdensStoring: boolean;
  /** The timer's run: started and completed, seconds after the moment it was due. */
  timerAfgegaanNaS: number | null;
  timerKlaarNaS: number | null;
  herstarts: number;
}

export interface StoringenUitkomst {
  rijen: StoringRij[];
  /** The nightly reconciliation at the end: findings (0 = read model and Temporal agree). */
  reconciliatie: { gecontroleerd: number; zonderLopendeWorkflow: number; verouderd: number };
  duurS: number;
}

const wacht = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAANDEN = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

async function vrijePoort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

interface Klant {
  trajectId: string;
  token: string;
  bevestigd: string[];
}

interface Tellers {
  statussen: Map<number, number>;
  verbindingWeg: number;
  lijst: Map<string, number>;
}

function tel(m: Map<number | string, number>, k: number | string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

export async function meetStoringen(opties: StoringenOpties): Promise<StoringenUitkomst> {
  const t0 = Date.now();
  const log = opties.log ?? (() => undefined);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inburgering-storingen-'));
  // Reachable for the 'postgres' user when we run as root (the data dir then stays inside it).
  fs.chmodSync(dataDir, 0o755);
  const [apiPort, pgPort, temporalPort] = [await vrijePoort(), await vrijePoort(), await vrijePoort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    API_PORT: String(apiPort),
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    EMBEDDED_TEMPORAL_PORT: String(temporalPort),
    LOG_LEVEL: 'error',
    VERZOEKEN_PER_MINUUT: '1000000',
    COMMAND_TIMEOUT_MS: '5000',
  };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'AUTH_ISSUER', 'AUTH_JWKS_URL', 'NODE_ENV'])
    delete env[k];
  const logbestand = path.join(dataDir, 'processen.log');
  const uitvoer = (r: string) => fs.appendFileSync(logbestand, `${r}\n`);
  log(`stapel starten (data: ${dataDir})`);
  const stapel = await startStapel({
    env,
    ui: false,
    uitvoer,
    supervisor: { beginMs: opties.herstartMs, maxMs: 10_000 },
  });
  const loslaten = stopBijSignaal(stapel);
  const config = stapel.config;
  const connection = await Connection.connect({ address: stapel.temporalAddress });
  // The stack's keys: every payload is encrypted (platform/crypto), the status query's answer too.
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: versleutelendeDataConverter(maakSleutelkluis(config.sleutels)),
  });
  const db = await createDataSource(stapel.databaseUrl, 'storingen').initialize();
  const rijen: StoringRij[] = [];
  try {
    const auth = loadConfig({ ...env, AUTH_MODUS: 'lokaal' }).auth;
    if (auth.modus !== 'lokaal') throw new Error('lokale sleutel nodig');
    const vandaag = datumVanInstant(Date.now());
    const klanten: Klant[] = [];
    for (let i = 0; i < opties.clients; i += 1) {
      const token = await tekenLokaalToken(auth, {
        sub: `bench-cm-${i}`,
        rol: 'casemanager',
        gemeente: 'GM0518',
      });
      const res = await fetch(`${stapel.apiUrl}/api/v1/trajecten`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          commandId: `aanmelding-${i}-${randomUUID()}`,
          gemeente: 'GM0518',
          doelgroep: 'gezinsmigrant',
          kennisgevingsdatum: vandaag,
        }),
      });
      if (res.status !== 201) throw new Error(`aanmelding ${i}: ${res.status} ${await res.text()}`);
      klanten.push({ trajectId: ((await res.json()) as { id: string }).id, token, bevestigd: [] });
    }
    log(`${klanten.length} trajecten aangemeld`);

    for (const onderdeel of opties.onderdelen) {
      rijen.push(await storing(onderdeel, stapel, client, db, klanten, opties, vandaag, log));
      const r = rijen.at(-1) as StoringRij;
      log(
        `${onderdeel}: ${r.bevestigd} bevestigd, verloren ${r.verloren}, dubbel ${r.dubbel}, zonder audit ${r.zonderAudit}, 500: ${r.fout500}, storing ${r.storingS} s, convergentie ${r.convergentieS} s`,
      );
    }
    const reconciliatie = await reconcilieer(client, config.temporal.taskQueue);
    return { rijen, reconciliatie, duurS: Math.round((Date.now() - t0) / 100) / 10 };
  } finally {
    await db.destroy().catch(() => undefined);
    await connection.close().catch(() => undefined);
    await stapel.stop();
    loslaten();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function storing(
  onderdeel: OnderdeelNaam,
  stapel: Stapel,
  client: Client,
  db: DataSource,
  klanten: Klant[],
  opties: StoringenOpties,
  vandaag: string,
  log: (r: string) => void,
): Promise<StoringRij> {
  const tellers: Tellers = { statussen: new Map(), verbindingWeg: 0, lijst: new Map() };
  const bevestigdOp: number[] = [];
  const voor = new Map(klanten.map((k) => [k.trajectId, k.bevestigd.length]));
  let stoppen = false;
  const ronde = randomUUID().slice(0, 8);

  // The clients: each sends `uren` commands to its own traject, one at a time; a command that did
  // not get a 200 is sent again with the same commandId until it does.
  const klant = async (k: Klant, nr: number) => {
    let volgnummer = 0;
    while (!stoppen) {
      const commandId = `bench-${ronde}-${nr}-${volgnummer++}`;
      for (;;) {
        let status: number;
        try {
          const res = await fetch(`${stapel.apiUrl}/api/v1/trajecten/${k.trajectId}/uren`, {
            method: 'POST',
            headers: { authorization: `Bearer ${k.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ commandId, soort: 'taal', uren: 1, datum: vandaag }),
            signal: AbortSignal.timeout(15_000),
          });
          status = res.status;
          await res.arrayBuffer();
        } catch {
          tellers.verbindingWeg += 1;
          await wacht(250);
          continue;
        }
        tel(tellers.statussen as Map<number | string, number>, status);
        if (status === 200) {
          k.bevestigd.push(`ui:${commandId}`);
          bevestigdOp.push(Date.now());
          break;
        }
        if (status >= 400 && status < 500 && status !== 429) {
          throw new Error(`commando geweigerd met ${status}: de bench stuurt alleen geldige commando's`);
        }
        await wacht(250);
      }
    }
  };
  // Lists and reports while the part is down: 200 or 503, never a 500.
  const lijster = async () => {
    const teamleider = klanten[0].token;
    while (!stoppen) {
      for (const pad of [
        '/api/v1/trajecten?limiet=5',
        '/api/v1/taken',
        `/api/v1/trajecten/${klanten[0].trajectId}`,
      ]) {
        try {
          const res = await fetch(`${stapel.apiUrl}${pad}`, {
            headers: { authorization: `Bearer ${teamleider}` },
            signal: AbortSignal.timeout(15_000),
          });
          await res.arrayBuffer();
          tel(tellers.lijst as Map<number | string, number>, String(res.status));
          if (res.status >= 500) tel(tellers.statussen as Map<number | string, number>, res.status);
        } catch {
          tel(tellers.lijst as Map<number | string, number>, 'verbinding');
        }
      }
      await wacht(200);
    }
  };
  // A timer of Temporal that comes due during the outage: a schedule for a moment just after the
  // kill, created (and taken up by its scheduler) before the load starts.
  const start = Date.now();
  // On a whole second (the calendar's resolution), 1–2 s after the planned kill.
  const gepland = new Date(Math.ceil((start + opties.lastVoorMs + 1000) / 1000) * 1000);
  const scheduleId = `storingen-timer-${onderdeel}-${ronde}`;
  const schedule = await client.schedule.create({
    scheduleId,
    spec: {
      calendars: [
        {
          year: gepland.getUTCFullYear(),
          month: MAANDEN[gepland.getUTCMonth()],
          dayOfMonth: gepland.getUTCDate(),
          hour: gepland.getUTCHours(),
          minute: gepland.getUTCMinutes(),
          second: gepland.getUTCSeconds(),
        },
      ],
      timezone: 'UTC',
    },
    action: {
      type: 'startWorkflow',
      workflowType: ESCALATIE_RONDE_WORKFLOW_TYPE,
      workflowId: scheduleId,
      taskQueue: stapel.config.temporal.taskQueue,
      args: [{}],
    },
    policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1 hour' },
  });
  for (let i = 0; i < 50; i += 1) {
    const d = await schedule.describe();
    if (d.info.nextActionTimes.some((t) => t.getTime() === gepland.getTime())) break;
    await wacht(50);
  }

  const lopend = [...klanten.map((k, i) => klant(k, i)), lijster()];
  await wacht(Math.max(0, start + opties.lastVoorMs - Date.now()));

  const pid = stapel.supervisor.pid(onderdeel);
  if (!pid) throw new Error(`${onderdeel} draait niet`);
  const herstartsVoor = stapel.supervisor.herstarts(onderdeel);
  const gedood = Date.now();
  process.kill(pid, 'SIGKILL');
  log(`${onderdeel} (pid ${pid}) gedood met SIGKILL`);
  while (stapel.supervisor.herstarts(onderdeel) === herstartsVoor) {
    if (Date.now() - gedood > 180_000) throw new Error(`${onderdeel} kwam niet terug`);
    await wacht(100);
  }
  const terug = Date.now();
  const storingS = Math.round((terug - gedood) / 100) / 10;
  await wacht(opties.lastNaMs);
  stoppen = true;
  await Promise.all(lopend);

  // Convergence: the workflow state, the audit rows and the read model, until they agree.
  const nieuw = (k: Klant) => k.bevestigd.slice(voor.get(k.trajectId) ?? 0);
  let uitkomst: Awaited<ReturnType<typeof controleer>> = {
    verloren: 0,
    dubbel: 0,
    zonderAudit: 0,
    teVeelAudit: 0,
    leesmodelGelijk: false,
  };
  let convergentieS = -1;
  const grens = Date.now() + 180_000;
  for (;;) {
    uitkomst = await controleer(client, db, klanten);
    if ((uitkomst.zonderAudit === 0 && uitkomst.leesmodelGelijk) || Date.now() > grens) {
      convergentieS = Math.round((Date.now() - terug) / 100) / 10;
      break;
    }
    await wacht(250);
  }

  // The timer: the schedule's run for the planned moment, and when it actually started.
  let timerAfgegaanNaS: number | null = null;
  let timerKlaarNaS: number | null = null;
  const timerGrens = Date.now() + 120_000;
  while (timerAfgegaanNaS === null && Date.now() < timerGrens) {
    const beschrijving = await client.schedule.getHandle(scheduleId).describe();
    const actie = beschrijving.info.recentActions[0];
    if (actie) {
      const handle = client.workflow.getHandle(
        actie.action.workflow.workflowId,
        actie.action.workflow.firstExecutionRunId,
      );
      const d = await handle.describe();
      if (d.status.name === 'COMPLETED') {
        timerAfgegaanNaS = Math.round((d.startTime.getTime() - gepland.getTime()) / 100) / 10;
        timerKlaarNaS = Math.round(((d.closeTime?.getTime() ?? 0) - gepland.getTime()) / 100) / 10;
      }
    }
    if (timerAfgegaanNaS === null) await wacht(500);
  }
  await client.schedule.getHandle(scheduleId).delete();

  const statussen = Object.fromEntries(tellers.statussen);
  return {
    onderdeel,
    bevestigd: klanten.reduce((n, k) => n + nieuw(k).length, 0),
    bevestigdTijdensStoring: bevestigdOp.filter((t) => t > gedood && t < terug).length,
    ...uitkomst,
    convergentieS,
    storingS,
    fout500: [...tellers.statussen].filter(([s]) => s >= 500 && s !== 503).reduce((n, [, c]) => n + c, 0),
    antwoord503: statussen[503] ?? 0,
    verbindingWeg: tellers.verbindingWeg,
    lijstStatussen: Object.fromEntries(tellers.lijst),
    timerTijdensStoring: gepland.getTime() > gedood && gepland.getTime() < terug,
    timerAfgegaanNaS,
    timerKlaarNaS,
    herstarts: stapel.supervisor.herstarts(onderdeel) - herstartsVoor,
  };
}

/** Workflow state vs. what the clients were told, vs. the audit trail, vs. the read model. */
async function controleer(
  client: Client,
  db: DataSource,
  klanten: Klant[],
): Promise<{
  verloren: number;
  dubbel: number;
  zonderAudit: number;
  teVeelAudit: number;
  leesmodelGelijk: boolean;
}> {
  let verloren = 0;
  let dubbel = 0;
  let zonderAudit = 0;
  let teVeelAudit = 0;
  let leesmodelGelijk = true;
  const audit = new Map<string, number>();
  for (const r of (await db.query(
    `SELECT traject_id, count(*)::int AS n FROM audit_event
     WHERE actie = 'registreerUren' AND uitkomst = 'geaccepteerd' AND bron = 'workflow' AND traject_id = ANY($1::uuid[])
     GROUP BY traject_id`,
    [klanten.map((k) => k.trajectId)],
  )) as { traject_id: string; n: number }[]) {
    audit.set(r.traject_id, r.n);
  }
  const modellen = new Map<string, { versie: number; fase: string; casemanager: string | null }>();
  for (const r of (await db.query(
    'SELECT id, versie, fase, casemanager FROM traject WHERE id = ANY($1::uuid[])',
    [klanten.map((k) => k.trajectId)],
  )) as { id: string; versie: number; fase: string; casemanager: string | null }[]) {
    modellen.set(r.id, r);
  }
  for (const k of klanten) {
    const status: TrajectStatus = await client.workflow
      .getHandle(trajectWorkflowId(k.trajectId))
      .query(statusQuery);
    const verwerkt = new Set(status.state.verwerkteCommandIds);
    verloren += k.bevestigd.filter((c) => !verwerkt.has(c)).length;
    // Every bench command adds one hour: more hours than distinct applied commands is a double.
    const toegepast = status.state.verwerkteCommandIds.filter((c) => c.startsWith('ui:bench-')).length;
    dubbel += Math.max(0, status.state.uren.taal - toegepast);
    const rijen = audit.get(k.trajectId) ?? 0;
    zonderAudit += Math.max(0, toegepast - rijen);
    teVeelAudit += Math.max(0, rijen - toegepast);
    const m = modellen.get(k.trajectId);
    if (
      !m ||
      m.versie !== status.versie ||
      m.fase !== status.state.fase ||
      m.casemanager !== status.state.casemanager
    ) {
      leesmodelGelijk = false;
    }
  }
  return { verloren, dubbel, zonderAudit, teVeelAudit, leesmodelGelijk };
}

/** The nightly run's reconciliation over the read model at the end: nothing may lag. */
async function reconcilieer(
  client: Client,
  taskQueue: string,
): Promise<{ gecontroleerd: number; zonderLopendeWorkflow: number; verouderd: number }> {
  const handle = await client.workflow.start(ESCALATIE_RONDE_WORKFLOW_TYPE, {
    workflowId: `storingen-reconciliatie-${randomUUID()}`,
    taskQueue,
    args: [{}],
  });
  try {
    const r = (await handle.result()) as EscalatieRondeResultaat;
    const { gecontroleerd, zonderLopendeWorkflow, verouderd } = r.reconciliatie;
    return { gecontroleerd, zonderLopendeWorkflow, verouderd };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      return { gecontroleerd: 0, zonderLopendeWorkflow: -1, verouderd: -1 };
    throw err;
  }
}

/** The fault table in Markdown (the issue's closing note). */
export function storingenTabel(u: StoringenUitkomst, clients: number): string {
  const kop = [
    `| gedood (kill -9) | bevestigde commando's (${clients} clients) | waarvan tijdens de storing | verloren | dubbel | zonder audit | leesmodel = workflow | convergentie na herstel | storing | ≥500 (niet 503) | 503 | verbinding weg | lijsten tijdens storing | timer tijdens storing: gestart / klaar na het tijdstip | herstarts |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const regels = u.rijen.map((r) =>
    [
      '',
      r.onderdeel,
      r.bevestigd,
      r.bevestigdTijdensStoring,
      r.verloren,
      r.dubbel,
      r.zonderAudit + (r.teVeelAudit > 0 ? ` (+${r.teVeelAudit} te veel)` : ''),
      r.leesmodelGelijk ? 'ja' : 'NEE',
      `${r.convergentieS} s`,
      `${r.storingS} s`,
      r.fout500,
      r.antwoord503,
      r.verbindingWeg,
      Object.entries(r.lijstStatussen)
        .map(([s, n]) => `${s}×${n}`)
        .join(' '),
      `${r.timerTijdensStoring ? 'ja' : 'nee'}: ${r.timerAfgegaanNaS === null ? 'NIET' : `+${r.timerAfgegaanNaS} s / +${r.timerKlaarNaS} s`}`,
      r.herstarts,
      '',
    ]
      .join(' | ')
      .trim(),
  );
  return [...kop, ...regels].join('\n');
}
