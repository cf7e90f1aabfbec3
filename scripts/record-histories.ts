import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { AuditActivities, Herkomst } from '../contract/audit';
import { trajectWorkflowId } from '../contract/ids';
import type { TrajectActivities } from '../contract/traject-activities';
import {
  type CommandoPayload,
  type CommandoType,
  commandoSignaal,
  commandoUpdate,
  TRAJECT_WORKFLOW_TYPE,
  type TrajectWorkflowInput,
} from '../contract/traject-workflow';
import { addMonths, datumVanInstant, instantVanDatum } from '../domain/shared/kalender';
import type { Doelgroep } from '../domain/traject';
import { versleutelendeDataConverter } from '../platform/crypto';
import { projectRoot } from '../platform/paths';
import { workflowsPath } from '../worker/worker';
import { startTimeSkippingServer } from './temporal-servers';
import { testKluis } from './test-sleutels';

/**
 * `npm run record:histories`: runs representative trajecten on the time-skipping server and
 * stores their event histories in test/fixtures/histories/. The replay test runs every stored
 * history through the current workflow code: a change that would break a traject that is
 * already running (for years) fails CI. Record anew only for a deliberate, patched() change.
 */
const activities: TrajectActivities & AuditActivities = {
  async schrijfAudit(regels) {
    return { geschreven: regels.length };
  },
  async schrijfTrajectReadModel() {
    return { toegepast: true };
  },
  async maakTaken(o) {
    return { aangemaakt: o.taken.length };
  },
  async sluitTaken(o) {
    return { gesloten: o.taken.length };
  },
};

type Scenario = (env: TestWorkflowEnvironment, taskQueue: string) => Promise<WorkflowHandle>;

async function vandaag(env: TestWorkflowEnvironment): Promise<string> {
  return datumVanInstant(await env.currentTimeMs());
}

async function start(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  doelgroep: Doelgroep,
  extra: Partial<TrajectWorkflowInput> = {},
): Promise<WorkflowHandle> {
  const trajectId = randomUUID();
  const door = extra.herkomst ? { door: 'cm-opname' } : {};
  return env.client.workflow.start(TRAJECT_WORKFLOW_TYPE, {
    workflowId: trajectWorkflowId(trajectId),
    taskQueue,
    args: [
      {
        trajectId,
        aanmelding: {
          type: 'aanmelden',
          commandId: randomUUID(),
          ...door,
          gemeente: 'GM0518',
          doelgroep,
          kennisgevingsdatum: await vandaag(env),
        },
        ...extra,
      } satisfies TrajectWorkflowInput,
    ],
  });
}

function stuur<T extends CommandoType>(
  h: WorkflowHandle,
  type: T,
  payload: Omit<CommandoPayload<T>, 'commandId'>,
) {
  return h.executeUpdate(commandoUpdate(type), {
    args: [{ ...payload, commandId: randomUUID() } as CommandoPayload<T>],
  });
}

async function tot(env: TestWorkflowEnvironment, datum: string, tijd = '12:00'): Promise<void> {
  const ms = instantVanDatum(datum, tijd) - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}

const HERKOMST: Herkomst = { rol: 'casemanager', gemeente: 'GM0518', requestId: 'opname-0001' };

function stuurMetHerkomst<T extends CommandoType>(
  h: WorkflowHandle,
  type: T,
  payload: Omit<CommandoPayload<T>, 'commandId' | 'door'>,
) {
  return h.executeUpdate(commandoUpdate(type), {
    args: [
      {
        ...payload,
        commandId: `ui:${randomUUID()}`,
        door: 'cm-opname',
        herkomst: HERKOMST,
      } as unknown as CommandoPayload<T>,
    ],
  });
}

const SCENARIOS: Record<string, Scenario> = {
  // Issue 14 (patches effecten-lokaal and deadline-timer-blijft): the same journeys with every side
  // effect as a local activity first, and one timer per deadline instant across messages.
  'effecten-lokaal': (env, taskQueue) => SCENARIOS['audit-door-workflow'](env, taskQueue),
  'deadline-timer-blijft': (env, taskQueue) => SCENARIOS['b1-asielstatushouder-voldaan'](env, taskQueue),
  // Issue 14 (patch effecten-gebundeld): the same journey, its audit rows riding along with the
  // read-model write, search attributes upserted only when they changed.
  'effecten-gebundeld': (env, taskQueue) => SCENARIOS['audit-door-workflow'](env, taskQueue),
  // Issue 13 (patch audit-door-workflow): the aanmelding, commands and feed signals carry who sent
  // them, and the workflow writes their audit rows through the schrijfAudit activity.
  'audit-door-workflow': async (env, taskQueue) => {
    const h = await start(env, taskQueue, 'asielstatushouder', {
      herkomst: HERKOMST,
    });
    const dag = await vandaag(env);
    await stuurMetHerkomst(h, 'registreerIntake', { datum: dag });
    await stuurMetHerkomst(h, 'stelPipVast', { dagtekening: dag, leerroute: 'b1' });
    const duo = { rol: 'feed', gemeente: 'GM0518', requestId: 'opname-0002' };
    await h.signal(commandoSignaal('registreerExamenresultaat'), {
      commandId: 'duo:examen:opname-1',
      door: 'duo-feed',
      herkomst: duo,
      component: 'knm',
      behaald: true,
      datum: dag,
    });
    // Rejected by the rulebook: kept under afgewezen, audited as afgewezen.
    await h.signal(commandoSignaal('registreerUren'), {
      commandId: 'duo:uren:opname-2',
      door: 'duo-feed',
      herkomst: duo,
      soort: 'taal',
      uren: -1,
      datum: dag,
    });
    await stuurMetHerkomst(h, 'registreerUren', { soort: 'taal', uren: 8, datum: dag });
    await env.sleep('1 day');
    await stuurMetHerkomst(h, 'beeindig', { datum: await vandaag(env), reden: 'vertrokken' });
    await h.result();
    return h;
  },
  // B1 asielstatushouder: late PIP, ontzorgen, gesprekken, exams, voldaan.
  'b1-asielstatushouder-voldaan': async (env, taskQueue) => {
    const h = await start(env, taskQueue, 'asielstatushouder');
    await env.sleep('71 days');
    const dag = await vandaag(env);
    await stuur(h, 'registreerIntake', { datum: dag });
    await stuur(h, 'startOntzorgen', { startdatum: dag });
    await stuur(h, 'stelPipVast', { dagtekening: dag, leerroute: 'b1' });
    await stuur(h, 'startAanbod', { datum: dag });
    await tot(env, addMonths(dag, 3));
    await stuur(h, 'registreerVoortgangsgesprek', { datum: await vandaag(env) });
    await tot(env, addMonths(dag, 13));
    const later = await vandaag(env);
    for (const component of ['lezen', 'luisteren', 'schrijven', 'spreken'] as const) {
      await stuur(h, 'registreerExamenresultaat', { component, niveau: 'B1', behaald: true, datum: later });
    }
    await stuur(h, 'registreerExamenresultaat', { component: 'knm', behaald: true, datum: later });
    await stuur(h, 'registreerOnderdeel', { onderdeel: 'pvt', datum: later });
    await stuur(h, 'registreerOnderdeel', { onderdeel: 'map', datum: later });
    await h.result();
    return h;
  },
  // Feed signals (one rejected), a verlenging, warnings and termijn overschreden.
  'signalen-verlenging-termijn-overschreden': async (env, taskQueue) => {
    const h = await start(env, taskQueue, 'gezinsmigrant');
    const dag = await vandaag(env);
    await h.signal(commandoSignaal('registreerIntake'), { commandId: randomUUID(), datum: dag });
    await h.signal(commandoSignaal('registreerUren'), {
      commandId: randomUUID(),
      soort: 'taal',
      uren: -1,
      datum: dag,
    });
    await stuur(h, 'stelPipVast', { dagtekening: dag, leerroute: 'b1' });
    await stuur(h, 'wijzigPip', { dagtekening: dag, reden: 'overig' });
    await tot(env, addMonths(dag, 30));
    await stuur(h, 'registreerVerlenging', { grond: 'ziekte', besluitdatum: await vandaag(env), maanden: 3 });
    await tot(env, addMonths(dag, 40));
    return h;
  },
  // Continue-as-new with a tiny budget, then beëindiging.
  'continue-as-new-beeindiging': async (env, taskQueue) => {
    const h = await start(env, taskQueue, 'overige_migrant', { historyBudget: 25 });
    const dag = await vandaag(env);
    await stuur(h, 'registreerIntake', { datum: dag });
    await stuur(h, 'stelPipVast', { dagtekening: dag, leerroute: 'z' });
    for (let i = 0; i < 8; i += 1)
      await stuur(h, 'registreerUren', { soort: 'participatie', uren: 20, datum: dag });
    await env.sleep('1 day');
    await stuur(h, 'beeindig', { datum: await vandaag(env), reden: 'vertrokken' });
    await env.client.workflow.getHandle(h.workflowId).result();
    return h;
  },
};

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = path.join(projectRoot(), 'test', 'fixtures', 'histories');
  fs.mkdirSync(dir, { recursive: true });
  // OPNAME_VERSLEUTELD=1: the same scenarios with every payload encrypted (the test key ring), kept
  // beside the older, unencrypted recordings: both must keep replaying.
  const versleuteld = process.env.OPNAME_VERSLEUTELD === '1';
  const dataConverter = versleutelendeDataConverter(testKluis());
  // `npm run record:histories -- <naam>…` records only those (the older recordings stay as they are:
  // they are what running trajecten look like).
  const gevraagd = process.argv.slice(2);
  const onbekend = gevraagd.filter((n) => !(n in SCENARIOS));
  if (onbekend.length > 0) throw new Error(`Onbekend scenario: ${onbekend.join(', ')}`);
  for (const [naam, scenario] of Object.entries(SCENARIOS)) {
    if (gevraagd.length > 0 && !gevraagd.includes(naam)) continue;
    const env = await startTimeSkippingServer(versleuteld ? { dataConverter } : {});
    try {
      const taskQueue = `opname-${naam}`;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowsPath: workflowsPath(),
        activities,
        ...(versleuteld ? { dataConverter } : {}),
      });
      const handle = await worker.runUntil(scenario(env, taskQueue));
      // Every run of the workflow id (continue-as-new makes several).
      const histories = await collectRuns(env, handle.workflowId);
      histories.forEach((history, i) => {
        const file = path.join(
          dir,
          `${versleuteld ? 'versleuteld-' : ''}${naam}${histories.length > 1 ? `-run${i + 1}` : ''}.json`,
        );
        fs.writeFileSync(file, `${historyToJSON(history)}\n`);
        console.log(`${path.relative(projectRoot(), file)}: ${history.events?.length ?? 0} events`);
      });
    } finally {
      await env.teardown();
    }
  }
}

/** Follows continue-as-new from the first run to the last. */
async function collectRuns(env: TestWorkflowEnvironment, workflowId: string) {
  const latest = await env.client.workflow.getHandle(workflowId).describe();
  const histories = [];
  // Walk back from the latest run via each run's start event.
  let runId: string | undefined = latest.runId;
  const seen = new Set<string>();
  while (runId && !seen.has(runId)) {
    seen.add(runId);
    const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    histories.unshift(history);
    runId =
      history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
  }
  return histories;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
