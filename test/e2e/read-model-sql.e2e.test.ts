import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createAuditActivities } from '../../activities/audit.activities';
import { createTrajectActivities } from '../../activities/traject.activities';
import type { AuditOpdracht } from '../../contract/audit';
import type { TrajectSnapshot } from '../../contract/read-model';
import type { TrajectActivities } from '../../contract/traject-activities';
import type { OpenTaak } from '../../domain/traject';
import { createDataSource } from '../../platform/persistence/data-source';
import { createRepositories } from '../../platform/persistence/repositories';
import { e2eDatabase } from '../support/database';

// The SQL behind the activities the workflow tests replace with in-memory ones (test/workflow/harness.ts):
// the version-gated read-model upsert, the task writes and the workflow's audit rows, called as the
// worker calls them, against this file's own Postgres database. Expected rows are literals.
jest.setTimeout(30_000);

let db: DataSource;
let traject: TrajectActivities;
let audit: ReturnType<typeof createAuditActivities>;

beforeAll(async () => {
  db = await createDataSource(await e2eDatabase(), 'read-model-sql-e2e').initialize();
  const repos = createRepositories(db);
  traject = createTrajectActivities(repos);
  audit = createAuditActivities(repos);
});
afterAll(async () => {
  await db?.destroy();
});

function snapshot(trajectId: string, versie: number, over: Partial<TrajectSnapshot> = {}): TrajectSnapshot {
  return {
    trajectId,
    workflowId: `traject-${trajectId}`,
    gemeente: 'GM0518',
    doelgroep: 'asielstatushouder',
    fase: 'aangemeld',
    leerroute: null,
    casemanager: 'cm-0001',
    kennisgevingsdatum: '2026-03-02',
    termijnEinde: null,
    volgendeDeadline: '2026-05-11',
    volgendeDeadlineSoort: 'pip',
    termijnOverschreden: false,
    afgesloten: false,
    versie,
    pipKlokStart: '2026-03-02',
    pipUiterlijk: '2026-05-11',
    pipVastgesteldOp: null,
    laatsteContact: null,
    ontzorgenEvaluatieOp: null,
    ...over,
  };
}

const rij = async (id: string) =>
  (
    await db.query(
      'SELECT versie, fase, gemeente, casemanager, leerroute, pip_vastgesteld_op, bijgewerkt_op FROM traject WHERE id = $1',
      [id],
    )
  )[0] as
    | {
        versie: number;
        fase: string;
        gemeente: string;
        casemanager: string | null;
        leerroute: string | null;
        pip_vastgesteld_op: string | null;
        bijgewerkt_op: Date;
      }
    | undefined;

function taak(soort: OpenTaak['soort'], vervaldatum: string, sleutel = `${soort}@${vervaldatum}`): OpenTaak {
  return {
    soort,
    sleutel,
    actie: 'taak',
    regel: 'T1',
    niveau: null,
    vervaldatum,
    omschrijving: `${soort} doen`,
  };
}

const takenVan = async (trajectId: string) =>
  (await db.query(
    `SELECT soort, vervaldatum, status, gemeente, casemanager, afgerond_op, afgerond_door FROM taak
      WHERE traject_id = $1 ORDER BY vervaldatum, soort`,
    [trajectId],
  )) as {
    soort: string;
    vervaldatum: string;
    status: string;
    gemeente: string;
    casemanager: string | null;
    afgerond_op: Date | null;
    afgerond_door: string | null;
  }[];

describe('schrijfTrajectReadModel: de versie beslist, niet de volgorde van aankomst', () => {
  it('een oudere versie die na een nieuwere aankomt verandert niets; een herhaalde write is een no-op', async () => {
    const id = randomUUID();
    expect(await traject.schrijfTrajectReadModel(snapshot(id, 1))).toEqual({ toegepast: true });
    expect(
      await traject.schrijfTrajectReadModel(
        snapshot(id, 3, { fase: 'in_leerroute', leerroute: 'B1', pipVastgesteldOp: '2026-04-20' }),
      ),
    ).toEqual({ toegepast: true });
    const na3 = await rij(id);
    expect(na3).toMatchObject({
      versie: 3,
      fase: 'in_leerroute',
      leerroute: 'B1',
      pip_vastgesteld_op: '2026-04-20',
    });

    // The write of versie 2 was delayed (a retried activity) and lands after versie 3.
    expect(
      await traject.schrijfTrajectReadModel(
        snapshot(id, 2, { fase: 'intake_afgerond', casemanager: 'cm-0002' }),
      ),
    ).toEqual({ toegepast: false });
    // Versie 3 again (the activity retried after its result was lost): nothing changes, not even the time.
    expect(
      await traject.schrijfTrajectReadModel(
        snapshot(id, 3, { fase: 'in_leerroute', leerroute: 'B1', pipVastgesteldOp: '2026-04-20' }),
      ),
    ).toEqual({ toegepast: false });
    expect(await rij(id)).toEqual(na3);
  });

  it('gelijktijdige writes van twintig versies in willekeurige volgorde: de hoogste blijft staan', async () => {
    const id = randomUUID();
    const versies = Array.from({ length: 20 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    // Each on its own pooled connection: the upserts really race in Postgres.
    const uit = await Promise.all(
      versies.map((v) => traject.schrijfTrajectReadModel(snapshot(id, v, { fase: `fase-${v}` }))),
    );
    expect(uit.some((u) => u.toegepast)).toBe(true);
    expect(await rij(id)).toMatchObject({ versie: 20, fase: 'fase-20' });
  });
});

describe('maakTaken en sluitTaken tegen Postgres', () => {
  it('herhaald aanmaken maakt niets dubbel; sluiten raakt alleen open taken van dit traject', async () => {
    const id = randomUUID();
    const ander = randomUUID();
    await traject.schrijfTrajectReadModel(snapshot(id, 1));
    const pip = taak('pip', '2026-05-11');
    const contact = taak('geen-contact', '2026-06-01');
    const opdracht = { trajectId: id, gemeente: 'GM0518', casemanager: 'cm-0001', taken: [pip, contact] };
    expect(await traject.maakTaken(opdracht)).toEqual({ aangemaakt: 2 });
    expect(await traject.maakTaken(opdracht)).toEqual({ aangemaakt: 0 });
    // The same key on another traject is another task.
    expect(await traject.maakTaken({ ...opdracht, trajectId: ander, taken: [pip] })).toEqual({
      aangemaakt: 1,
    });
    expect(await takenVan(id)).toHaveLength(2);

    expect(await traject.sluitTaken({ trajectId: id, taken: [pip], status: 'afgerond' })).toEqual({
      gesloten: 1,
    });
    const [gesloten] = await takenVan(id);
    expect(gesloten).toMatchObject({ soort: 'pip', status: 'afgerond', afgerond_door: 'workflow' });
    expect(gesloten.afgerond_op).toBeInstanceOf(Date);

    // Closing it again (a retry), or as vervallen (a later step), changes nothing: status and time stay.
    expect(await traject.sluitTaken({ trajectId: id, taken: [pip], status: 'afgerond' })).toEqual({
      gesloten: 0,
    });
    expect(await traject.sluitTaken({ trajectId: id, taken: [pip], status: 'vervallen' })).toEqual({
      gesloten: 0,
    });
    // A task that was never made: nothing to close.
    expect(
      await traject.sluitTaken({ trajectId: id, taken: [taak('pip', '2027-01-01')], status: 'vervallen' }),
    ).toEqual({ gesloten: 0 });
    expect(await takenVan(id)).toEqual([
      gesloten,
      expect.objectContaining({ soort: 'geen-contact', status: 'open', afgerond_op: null }),
    ]);
    expect((await takenVan(ander)).map((t) => t.status)).toEqual(['open']);

    // Re-creating a closed task (a replayed maakTaken) does not reopen it.
    expect(await traject.maakTaken(opdracht)).toEqual({ aangemaakt: 0 });
    expect((await takenVan(id)).map((t) => t.status)).toEqual(['afgerond', 'open']);
  });

  it('verhuizing: de open taken gaan mee naar de nieuwe gemeente zonder de oude casemanager, afgeronde blijven', async () => {
    const id = randomUUID();
    await traject.schrijfTrajectReadModel(snapshot(id, 1));
    const klaar = taak('pip', '2026-05-11');
    await traject.maakTaken({
      trajectId: id,
      gemeente: 'GM0518',
      casemanager: 'cm-0001',
      taken: [klaar, taak('geen-contact', '2026-06-01'), taak('voortgangsgesprek', '2026-07-01')],
    });
    await traject.sluitTaken({ trajectId: id, taken: [klaar], status: 'afgerond' });

    expect(
      await traject.schrijfTrajectReadModel(snapshot(id, 2, { gemeente: 'GM0344', casemanager: null })),
    ).toEqual({ toegepast: true });
    const verwacht = [
      { soort: 'pip', status: 'afgerond', gemeente: 'GM0518', casemanager: 'cm-0001' },
      { soort: 'geen-contact', status: 'open', gemeente: 'GM0344', casemanager: null },
      { soort: 'voortgangsgesprek', status: 'open', gemeente: 'GM0344', casemanager: null },
    ];
    const kort = async () =>
      (await takenVan(id)).map(({ soort, status, gemeente, casemanager }) => ({
        soort,
        status,
        gemeente,
        casemanager,
      }));
    expect(await kort()).toEqual(verwacht);

    // The old gemeente's write arrives late: the row and the tasks stay in the new gemeente.
    expect(await traject.schrijfTrajectReadModel(snapshot(id, 1))).toEqual({ toegepast: false });
    expect(await rij(id)).toMatchObject({ versie: 2, gemeente: 'GM0344', casemanager: null });
    expect(await kort()).toEqual(verwacht);
  });
});

describe('schrijfAudit: INSERT … ON CONFLICT DO NOTHING', () => {
  const regel = (trajectId: string, over: Partial<AuditOpdracht> = {}): AuditOpdracht => ({
    actor: 'cm-0001',
    rol: 'casemanager',
    gemeente: 'GM0518',
    actie: 'registreerIntake',
    trajectId,
    commandId: `cmd-${trajectId}`,
    uitkomst: 'geaccepteerd',
    code: null,
    requestId: `req-${trajectId.slice(0, 8)}`,
    ...over,
  });
  const rijen = async (trajectId: string) =>
    (await db.query(
      'SELECT command_id, uitkomst, code, bron FROM audit_event WHERE traject_id = $1 ORDER BY bron, uitkomst, command_id',
      [trajectId],
    )) as { command_id: string; uitkomst: string; code: string | null; bron: string }[];

  it('zelfde traject + commandId + uitkomst twee keer (ook gelijktijdig) geeft één rij', async () => {
    const id = randomUUID();
    expect(await audit.schrijfAudit([regel(id)])).toEqual({ geschreven: 1 });
    expect(await audit.schrijfAudit([regel(id)])).toEqual({ geschreven: 0 });
    const gelijktijdig = randomUUID();
    const uit = await Promise.all([1, 2, 3].map(() => audit.schrijfAudit([regel(gelijktijdig)])));
    expect(uit.map((u) => u.geschreven).sort()).toEqual([0, 0, 1]);
    expect(await rijen(id)).toEqual([
      { command_id: `cmd-${id}`, uitkomst: 'geaccepteerd', code: null, bron: 'workflow' },
    ]);
    expect(await rijen(gelijktijdig)).toHaveLength(1);
  });

  it('een andere uitkomst of een ander commando is een eigen rij; een API-rij blokkeert de workflow-rij niet', async () => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO audit_event (actor, rol, gemeente, actie, traject_id, command_id, uitkomst, code, request_id)
       VALUES ('cm-0001', 'casemanager', 'GM0518', 'registreerIntake', $1, $2, 'geaccepteerd', NULL, 'req-api-1')`,
      [id, `cmd-${id}`],
    );
    expect(
      await audit.schrijfAudit([
        regel(id),
        regel(id, { uitkomst: 'afgewezen', code: 'PIP_VOOR_INTAKE' }),
        regel(id, { commandId: `ander-${id}` }),
      ]),
    ).toEqual({ geschreven: 3 });
    expect(await rijen(id)).toEqual([
      { command_id: `cmd-${id}`, uitkomst: 'geaccepteerd', code: null, bron: 'api' },
      { command_id: `cmd-${id}`, uitkomst: 'afgewezen', code: 'PIP_VOOR_INTAKE', bron: 'workflow' },
      { command_id: `ander-${id}`, uitkomst: 'geaccepteerd', code: null, bron: 'workflow' },
      { command_id: `cmd-${id}`, uitkomst: 'geaccepteerd', code: null, bron: 'workflow' },
    ]);
  });
});
