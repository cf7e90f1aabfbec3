import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { EscalatieRondeInput, EscalatieRondeResultaat } from '../../contract/escalatie-ronde';
import { searchAttributes } from '../../contract/search-attributes';
import { addDays, addMonths, addWeeks, addYears, type PlainDate } from '../../domain/shared/kalender';
import { versleutelendeDataConverter } from '../../platform/crypto';
import { createDataSource, migrate } from '../../platform/persistence/data-source';
import type { EscalatieRondeRecord } from '../../platform/persistence/escalatieronde.entity';
import { startDevServer } from '../../scripts/temporal-servers';
import { testKluis } from '../../scripts/test-sleutels';
import { createTrajectWorker } from '../../worker/worker';
import { workflowBundle } from '../support/system';
import { Traject, uitkomst, vandaag } from './harness';
import { startTestPostgres, type TestPostgres } from './postgres';

jest.setTimeout(120_000);

// Real Postgres (embedded, throw-away) and the real activities on a Temporal dev server: the sweep
// needs no skipped time, and its reconciliation lists visibility, which the time-skipping server lacks.
let pg: TestPostgres;
let db: DataSource;
let env: TestWorkflowEnvironment;
let worker: Worker;
let draait: Promise<void>;
const taskQueue = `ronde-${randomUUID()}`;

beforeAll(async () => {
  [pg, env] = await Promise.all([
    startTestPostgres(),
    startDevServer({ dataConverter: versleutelendeDataConverter(testKluis()) }),
  ]);
  db = await createDataSource(pg.url, 'ronde-test').initialize();
  await migrate(db);
  worker = await createTrajectWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    dataSource: db,
    kluis: testKluis(),
    workflowBundle: await workflowBundle(),
  });
  draait = worker.run();
});

// Each test sees only its own open trajecten.
beforeEach(async () => {
  await db.query('UPDATE traject SET afgesloten = true');
});

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await draait;
  await db?.destroy();
  await env?.teardown();
  await pg?.stop();
});

interface Rij {
  id: string;
  casemanager: string | null;
  fase: string;
  afgesloten: boolean;
  kennisgevingsdatum: PlainDate;
  pipKlokStart: PlainDate | null;
  pipUiterlijk: PlainDate | null;
  pipVastgesteldOp: PlainDate | null;
  termijnEinde: PlainDate | null;
  laatsteContact: PlainDate | null;
  ontzorgenEvaluatieOp: PlainDate | null;
}

/** A read-model row as the traject workflow would write it; by default nothing is due on `p`. */
async function zaai(p: PlainDate, extra: Partial<Rij> = {}): Promise<Rij> {
  const rij: Rij = {
    id: randomUUID(),
    casemanager: 'cm-0001',
    fase: 'in_leerroute',
    afgesloten: false,
    kennisgevingsdatum: addMonths(p, -6),
    pipKlokStart: addMonths(p, -6),
    pipUiterlijk: addWeeks(addMonths(p, -6), 10),
    pipVastgesteldOp: addMonths(p, -5),
    termijnEinde: addYears(addMonths(p, -5), 3),
    laatsteContact: addDays(p, -1),
    ontzorgenEvaluatieOp: null,
    ...extra,
  };
  await db.query(
    `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, casemanager, kennisgevingsdatum,
       afgesloten, versie, pip_klok_start, pip_uiterlijk, pip_vastgesteld_op, termijn_einde, laatste_contact,
       ontzorgen_evaluatie_op)
     VALUES ($1, $2, 'GM0518', 'asielstatushouder', $3, $4, $5, $6, 1, $7, $8, $9, $10, $11, $12)`,
    [
      rij.id,
      `traject-${rij.id}`,
      rij.fase,
      rij.casemanager,
      rij.kennisgevingsdatum,
      rij.afgesloten,
      rij.pipKlokStart,
      rij.pipUiterlijk,
      rij.pipVastgesteldOp,
      rij.termijnEinde,
      rij.laatsteContact,
      rij.ontzorgenEvaluatieOp,
    ],
  );
  return rij;
}

async function ronde(input: EscalatieRondeInput, workflowId = `escalatieronde-${randomUUID()}`) {
  // A plain client: the test environment's client lets the server skip time while it waits for a
  // result, which would fire the timers of the traject workflow in the reconciliation test.
  const client = new Client({
    connection: env.connection,
    namespace: 'default',
    dataConverter: versleutelendeDataConverter(testKluis()),
  });
  return client.workflow.execute('escalatieRondeWorkflow', {
    workflowId,
    taskQueue,
    args: [input],
  }) as Promise<EscalatieRondeResultaat>;
}

const rondeTaken = async (trajectIds: string[]) =>
  (await db.query(
    `SELECT traject_id, soort, actie, niveau, ontvanger, sleutel, vervaldatum, casemanager, ronde_id, status
       FROM taak WHERE sleutel LIKE 'ronde:%' AND traject_id = ANY($1::uuid[]) ORDER BY soort, niveau`,
    [trajectIds],
  )) as {
    traject_id: string;
    soort: string;
    actie: string;
    niveau: number;
    ontvanger: string;
    sleutel: string;
    vervaldatum: string;
    casemanager: string | null;
    ronde_id: string;
    status: string;
  }[];

describe('escalatieRondeWorkflow over een echt read model in Postgres', () => {
  it('elke trede van de ladder geeft haar escalatie, eenmalig; digests, verslag en reconciliatie kloppen', async () => {
    const p = addDays(await vandaag(env), 400);
    const pipWaarschuwing = await zaai(p, {
      pipKlokStart: addWeeks(p, -8),
      pipUiterlijk: addWeeks(p, 2),
      pipVastgesteldOp: null,
      termijnEinde: null,
      fase: 'intake_afgerond',
    });
    const pipEscalatie = await zaai(p, {
      pipKlokStart: addWeeks(p, -11),
      pipUiterlijk: addWeeks(p, -1),
      pipVastgesteldOp: null,
      termijnEinde: null,
      fase: 'aangemeld',
      casemanager: null,
    });
    const termijn = await zaai(p, { termijnEinde: addMonths(p, 2) });
    const uitBeeld = await zaai(p, { laatsteContact: addMonths(p, -4) });
    const ontzorgen = await zaai(p, { ontzorgenEvaluatieOp: addDays(p, -1) });
    const teLaat = await zaai(p);
    const rustig = await zaai(p);
    const gesloten = await zaai(p, { afgesloten: true, fase: 'voldaan', laatsteContact: addYears(p, -2) });
    const [{ id: taakId }] = await db.query(
      `INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, vervaldatum, omschrijving, casemanager)
       VALUES ($1, 'GM0518', 'voortgangsgesprek', 'taak', 'T6', $2, $3, 'Voortgangsgesprek voeren', 'cm-0001')
       RETURNING id`,
      [teLaat.id, `voortgangsgesprek:${addDays(p, -14)}`, addDays(p, -14)],
    );
    const alle = [pipWaarschuwing, pipEscalatie, termijn, uitBeeld, ontzorgen, teLaat, rustig, gesloten];
    const ids = alle.map((r) => r.id);

    const eerste = await ronde({ peildatum: p, paginaGrootte: 3 });

    const taken = await rondeTaken(ids);
    const per = (r: Rij) =>
      taken.filter((t) => t.traject_id === r.id).map((t) => [t.soort, t.niveau, t.ontvanger]);
    expect(per(pipWaarschuwing)).toEqual([['pip-niet-vastgesteld', 1, 'casemanager']]);
    expect(per(pipEscalatie)).toEqual([['pip-niet-vastgesteld', 2, 'teamleider']]);
    expect(per(termijn)).toEqual([['termijn-loopt-af', 3, 'casemanager']]);
    expect(per(uitBeeld)).toEqual([['uit-beeld', 1, 'teamleider']]);
    expect(per(ontzorgen)).toEqual([['ontzorgen-niet-besloten', 1, 'teamleider']]);
    expect(per(teLaat)).toEqual([['taak-te-laat', 1, 'teamleider']]);
    expect(per(rustig)).toEqual([]);
    expect(per(gesloten)).toEqual([]);
    // In the casemanager's task list: open, with her id, stamped with this run; due date from the facts.
    expect(taken.every((t) => t.status === 'open' && t.ronde_id === eerste.rondeId)).toBe(true);
    expect(taken.find((t) => t.traject_id === teLaat.id)).toMatchObject({
      actie: 'escalatie',
      casemanager: 'cm-0001',
      sleutel: `ronde:taak-te-laat:1:${taakId}`,
    });
    expect(taken.find((t) => t.traject_id === uitBeeld.id)?.vervaldatum).toBe(p);

    expect(eerste).toMatchObject({ status: 'voltooid', peildatum: p, trajecten: 7, nieuw: 6, fouten: [] });
    expect(eerste.aantallen).toEqual({
      'ontzorgen-niet-besloten:1': 1,
      'pip-niet-vastgesteld:1': 1,
      'pip-niet-vastgesteld:2': 1,
      'taak-te-laat:1': 1,
      'termijn-loopt-af:3': 1,
      'uit-beeld:1': 1,
    });

    // The night's record.
    const [verslag] = (await db.query(
      'SELECT id, status, trajecten, nieuw, aantallen, digests, duur_ms, reconciliatie FROM escalatieronde WHERE id = $1',
      [eerste.rondeId],
    )) as (Pick<EscalatieRondeRecord, 'id' | 'status' | 'trajecten' | 'nieuw' | 'aantallen' | 'digests'> & {
      duur_ms: number;
      reconciliatie: EscalatieRondeRecord['reconciliatie'];
    })[];
    expect(verslag).toMatchObject({
      status: 'voltooid',
      trajecten: 7,
      nieuw: 6,
      aantallen: eerste.aantallen,
    });
    expect(verslag.duur_ms).toBeGreaterThanOrEqual(0);

    // Digests: one for the casemanager (her 5), one for the gemeente's teamleider (the 3 escalations
    // of her trajecten and the one of the traject without a casemanager).
    const digests = (await db.query(
      `SELECT ontvanger_rol, ontvanger, gemeente, aantal, onderwerp, inhoud, status FROM notificatie
        WHERE ronde_id = $1 ORDER BY ontvanger_rol`,
      [eerste.rondeId],
    )) as { ontvanger_rol: string; ontvanger: string; aantal: number; inhoud: string; status: string }[];
    expect(digests.map((d) => [d.ontvanger_rol, d.ontvanger, d.aantal, d.status])).toEqual([
      ['casemanager', 'cm-0001', 5, 'wachtend'],
      ['teamleider', 'GM0518', 4, 'wachtend'],
    ]);
    expect(digests[1].inhoud).toContain('uit-beeld: 1');
    expect(digests[1].inhoud).toContain(pipEscalatie.id);
    expect(eerste.digests).toBe(2);

    // Reconciliation: none of the seeded rows has a workflow.
    expect(eerste.reconciliatie).toMatchObject({ gecontroleerd: 7, zonderLopendeWorkflow: 7, verouderd: 0 });
    expect(eerste.reconciliatie.bevindingen).toEqual(
      expect.arrayContaining([
        { trajectId: rustig.id, soort: 'zonder-lopende-workflow', workflowStatus: 'NOT_FOUND' },
      ]),
    );

    // A second run the same night, and a re-run of the same run: no duplicates anywhere.
    const tweede = await ronde({ peildatum: p, paginaGrootte: 3 });
    expect(tweede).toMatchObject({ status: 'voltooid', trajecten: 7, nieuw: 0, aantallen: {}, digests: 0 });
    const nogmaals = await ronde({ peildatum: addDays(p, 1), paginaGrootte: 100 }, eerste.rondeId);
    expect(nogmaals).toMatchObject({ rondeId: eerste.rondeId, nieuw: 6, aantallen: eerste.aantallen });
    expect(await rondeTaken(ids)).toHaveLength(6);
    const [{ aantal: notificaties }] = await db.query(
      'SELECT count(*)::int AS aantal FROM notificatie WHERE ronde_id = ANY($1)',
      [[eerste.rondeId, tweede.rondeId]],
    );
    expect(notificaties).toBe(2);
    const [{ aantal: verslagen }] = await db.query(
      'SELECT count(*)::int AS aantal FROM escalatieronde WHERE id = $1',
      [eerste.rondeId],
    );
    expect(verslagen).toBe(1);

    // A step reached later (the termijn's next level) is new the next night, the old level stays.
    const later = await ronde({ peildatum: addMonths(p, 1), paginaGrootte: 3 });
    expect(later.aantallen['termijn-loopt-af:4']).toBe(1);
  });

  it('reconciliatie: een lopende workflow is in orde, een achterlopende rij en een ontbrekende workflow worden gemeld', async () => {
    const dag = await vandaag(env);
    const t = await Traject.start(env, taskQueue, {
      gemeente: 'GM0344',
      doelgroep: 'gezinsmigrant',
      kennisgevingsdatum: addDays(dag, -1),
    });
    const trajectId = t.handle.workflowId.replace(/^traject-/, '');
    const rijVan = async () =>
      (await db.query('SELECT fase, versie FROM traject WHERE id = $1', [trajectId]))[0] as
        | { fase: string; versie: number }
        | undefined;
    const einde = Date.now() + 20_000;
    while (!(await rijVan()) && Date.now() < einde) await new Promise((r) => setTimeout(r, 50));
    expect(await rijVan()).toMatchObject({ fase: 'aangemeld' });
    const wees = await zaai(dag);

    const inOrde = await ronde({ peildatum: dag });
    expect(inOrde.reconciliatie).toMatchObject({ gecontroleerd: 2, zonderLopendeWorkflow: 1, verouderd: 0 });
    expect(inOrde.reconciliatie.bevindingen).toEqual([
      { trajectId: wees.id, soort: 'zonder-lopende-workflow', workflowStatus: 'NOT_FOUND' },
    ]);

    // The read-model write of the last change did not land (a stale row, version behind).
    await db.query(`UPDATE traject SET fase = 'nieuw', versie = versie - 1 WHERE id = $1`, [trajectId]);
    const achter = await ronde({ peildatum: dag });
    expect(achter.reconciliatie).toMatchObject({ zonderLopendeWorkflow: 1, verouderd: 1 });
    expect(achter.reconciliatie.bevindingen).toContainEqual({
      trajectId,
      soort: 'verouderd',
      workflowStatus: 'RUNNING',
      veld: 'fase',
    });
    const [verslag] = await db.query('SELECT reconciliatie FROM escalatieronde WHERE id = $1', [
      achter.rondeId,
    ]);
    expect(verslag.reconciliatie).toMatchObject({ zonderLopendeWorkflow: 1, verouderd: 1 });

    // The workflow ends (beëindigd) but its last write is lost: open in Postgres, no running workflow.
    await t.stuur('beeindig', { datum: dag, reden: 'vertrokken' });
    await uitkomst(t.handle);
    await db.query(`UPDATE traject SET afgesloten = false, fase = 'aangemeld' WHERE id = $1`, [trajectId]);
    const gesloten = await ronde({ peildatum: dag });
    expect(gesloten.reconciliatie.bevindingen).toContainEqual({
      trajectId,
      soort: 'zonder-lopende-workflow',
      workflowStatus: 'COMPLETED',
    });
  });
  it('reconciliatie uit visibility: rijen ouder dan de zichtvertraging zonder describe, met de status uit de listing', async () => {
    const dag = await vandaag(env);
    const start = () =>
      Traject.start(env, taskQueue, {
        gemeente: 'GM0344',
        doelgroep: 'gezinsmigrant',
        kennisgevingsdatum: addDays(dag, -1),
      });
    const [lopend, gesloten, achter] = [await start(), await start(), await start()];
    const idVan = (t: Traject) => t.handle.workflowId.replace(/^traject-/, '');
    const ids = [lopend, gesloten, achter].map(idVan);
    const rijen = async () =>
      Number(
        (await db.query('SELECT count(*)::int AS n FROM traject WHERE id = ANY($1::uuid[])', [ids]))[0].n,
      );
    const einde = Date.now() + 20_000;
    while ((await rijen()) < 3 && Date.now() < einde) await new Promise((r) => setTimeout(r, 50));
    await gesloten.stuur('beeindig', { datum: dag, reden: 'vertrokken' });
    await uitkomst(gesloten.handle);
    const wees = await zaai(dag);
    // Visibility has caught up: every run listed, the closed one closed, the search attributes set.
    const client = new Client({ connection: env.connection, namespace: 'default' });
    const query = `WorkflowId IN (${ids.map((id) => `'traject-${id}'`).join(', ')})`;
    for (const grens = Date.now() + 20_000; Date.now() < grens; ) {
      const lijst = [];
      for await (const w of client.workflow.list({ query })) lijst.push(w);
      if (
        lijst.length === 3 &&
        lijst.some((w) => w.status.name === 'COMPLETED') &&
        lijst.every((w) => w.typedSearchAttributes.get(searchAttributes.Fase) !== undefined)
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // The lost writes: the closed one still open in Postgres, another behind its workflow's fase; all
    // rows written an hour ago, so visibility alone settles them.
    await db.query(`UPDATE traject SET afgesloten = false WHERE id = $1`, [idVan(gesloten)]);
    await db.query(`UPDATE traject SET fase = 'nieuw' WHERE id = $1`, [idVan(achter)]);
    await db.query(
      `UPDATE traject SET bijgewerkt_op = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`,
      [[...ids, wees.id]],
    );

    const r = await ronde({ peildatum: dag });
    expect(r.reconciliatie).toMatchObject({ gecontroleerd: 4, zonderLopendeWorkflow: 2, verouderd: 1 });
    expect(r.reconciliatie.bevindingen).toHaveLength(3);
    expect(r.reconciliatie.bevindingen).toEqual(
      expect.arrayContaining([
        { trajectId: wees.id, soort: 'zonder-lopende-workflow', workflowStatus: 'NOT_FOUND' },
        { trajectId: idVan(gesloten), soort: 'zonder-lopende-workflow', workflowStatus: 'COMPLETED' },
        { trajectId: idVan(achter), soort: 'verouderd', workflowStatus: 'RUNNING', veld: 'fase' },
      ]),
    );
  });
});
