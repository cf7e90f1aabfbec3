import type { DataSource } from 'typeorm';
import type { Db, TaakFilter, TaakRepository, TaakRij } from '../../platform/persistence/repositories';
import { gebruiker, nepAudit, nepClient, nepTransacties } from '../../test/support/fakes';
import type { InburgeraarService } from '../inburgeraars/inburgeraars.service';
import { Metrieken } from '../metrics/metrieken';
import { TakenService } from './taken.service';

const TAAK = '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const TRAJECT = '0b8f7c3e-5d2a-4c1b-9e8f-7a6b5c4d3e2f';

function taak(over: Partial<TaakRij> = {}): TaakRij {
  return {
    id: TAAK,
    trajectId: TRAJECT,
    ontvanger: 'casemanager',
    gemeente: 'GM0518',
    sleutel: 'pip',
    soort: 'pip',
    actie: 'taak',
    regel: 'T1',
    niveau: null,
    vervaldatum: '2026-12-01',
    omschrijving: 'PIP vaststellen',
    status: 'open',
    casemanager: 'cm-1',
    aangemaaktOp: '2026-11-01T00:00:00.000Z',
    afgerondOp: null,
    afgerondDoor: null,
    ...over,
  };
}

/** The register as the list sees it: a name only for the trajecten this user may see. */
function nepRegister(namen: Record<string, { inburgeraarId: string; naam: string }> = {}) {
  const gevraagd: string[][] = [];
  const register = {
    namen: async (trajectIds: string[]) => {
      gevraagd.push(trajectIds);
      return new Map(trajectIds.flatMap((t) => (namen[t] ? [[t, namen[t]] as const] : [])));
    },
  } as unknown as InburgeraarService;
  return { register, gevraagd };
}

function service(
  rij: TaakRij | null,
  signaal: () => Promise<unknown> = async () => undefined,
  lijst: TaakRij[] = [],
  register = nepRegister().register,
) {
  const gefilterd: TaakFilter[] = [];
  const afgerond: { id: string; door: string; db?: Db }[] = [];
  const repo = {
    lijst: async (f: TaakFilter) => {
      gefilterd.push(f);
      return lijst.map((r) => ({ ...r }));
    },
    vindVoorWijziging: async () => rij,
    rondAf: async (id: string, door: string, db?: Db) => {
      afgerond.push({ id, door, db });
      return { afgerondOp: '2026-12-01T10:00:00.000Z', afgerondDoor: door };
    },
  } as unknown as TaakRepository;
  const audit = nepAudit();
  const temporal = nepClient({ handle: () => ({ signal: signaal }) });
  const s = new TakenService(
    repo,
    nepTransacties as unknown as DataSource,
    temporal.client,
    audit.service,
    new Metrieken(),
    register,
  );
  return { s, gefilterd, afgerond, audit, temporal };
}

const query = { status: 'open' as const, limiet: 50 };

describe('TakenService.lijst', () => {
  it("a casemanager sees their own tasks by default, a teamleider the gemeente's", async () => {
    const { s, gefilterd } = service(null);
    await s.lijst(query, gebruiker(), 'req');
    await s.lijst(query, gebruiker({ rol: 'teamleider', sub: 'tl-1' }), 'req');
    await s.lijst({ ...query, casemanager: 'geen' }, gebruiker({ rol: 'teamleider' }), 'req');
    await s.lijst({ ...query, casemanager: 'geen' }, gebruiker(), 'req');
    expect(gefilterd.map((f) => [f.gemeente, f.casemanager])).toEqual([
      [['GM0518'], 'cm-1'],
      [['GM0518'], undefined],
      [['GM0518'], null],
      [['GM0518'], null],
    ]);
  });
  it("names each task's person where this user may see them; the rest (and gemeente-wide tasks) stay anonymous", async () => {
    const ANDER = '7c6b5a49-3827-4615-9a4b-3c2d1e0f9a8b';
    const { register, gevraagd } = nepRegister({ [TRAJECT]: { inburgeraarId: 'p-1', naam: 'Amina Yusuf' } });
    const { s } = service(
      null,
      undefined,
      [
        taak(),
        taak({ id: 'taak-2', trajectId: ANDER }),
        taak({ id: 'taak-3', trajectId: TRAJECT }),
        taak({ id: 'taak-4', trajectId: null }),
      ],
      register,
    );
    const { items } = await s.lijst(query, gebruiker(), 'req-namen');
    expect(items.map((t) => [t.id, t.naam, t.inburgeraarId])).toEqual([
      [TAAK, 'Amina Yusuf', 'p-1'],
      ['taak-2', null, null],
      ['taak-3', 'Amina Yusuf', 'p-1'],
      ['taak-4', null, null],
    ]);
    // One look-up per page, each traject once.
    expect(gevraagd).toEqual([[TRAJECT, ANDER]]);
  });

  it('separation of duties: a casemanager may not list all tasks, nor another casemanager’s (403)', async () => {
    const { s, gefilterd } = service(null);
    for (const casemanager of ['alle', 'cm-2']) {
      await expect(s.lijst({ ...query, casemanager }, gebruiker(), 'req')).rejects.toMatchObject({
        problem: { status: 403, code: 'TAKEN_VAN_ANDEREN' },
      });
    }
    expect(gefilterd).toEqual([]);
  });
});

describe('TakenService.rondAf', () => {
  it('closes the task and writes its audit row in the same transaction, then tells the workflow', async () => {
    const { s, afgerond, audit, temporal } = service(taak());
    const view = await s.rondAf(TAAK, gebruiker(), 'req-1');
    expect(view).toMatchObject({ id: TAAK, status: 'afgerond', afgerondDoor: 'cm-1' });
    expect(view).not.toHaveProperty('gemeente');
    expect(afgerond).toEqual([{ id: TAAK, door: 'cm-1', db: nepTransacties }]);
    expect(audit.rijen).toMatchObject([
      { actie: 'taakAfronden', uitkomst: 'geaccepteerd', db: nepTransacties },
    ]);
    expect(temporal.aanroepen).toMatchObject([
      {
        wat: 'signal',
        workflowId: `traject-${TRAJECT}`,
        args: [expect.anything(), { sleutel: 'pip', door: 'cm-1' }],
      },
    ]);
  });

  it('a task for the teamleider: only a teamleider closes it; anyone else 403, audited, nothing changes', async () => {
    for (const rol of ['casemanager', 'admin'] as const) {
      const { s, afgerond, audit, temporal } = service(taak({ ontvanger: 'teamleider' }));
      await expect(s.rondAf(TAAK, gebruiker({ rol }), 'r')).rejects.toMatchObject({
        problem: { status: 403, code: 'TAAK_VOOR_TEAMLEIDER' },
      });
      expect(afgerond).toEqual([]);
      expect(temporal.aanroepen).toEqual([]);
      expect(audit.rijen).toMatchObject([{ uitkomst: 'afgewezen', code: 'TAAK_VOOR_TEAMLEIDER' }]);
    }
    const { s, afgerond } = service(taak({ ontvanger: 'teamleider' }));
    await s.rondAf(TAAK, gebruiker({ rol: 'teamleider', sub: 'tl-1' }), 'r');
    expect(afgerond).toHaveLength(1);
  });

  it("another gemeente's task is 404 and nothing changes", async () => {
    const { s, afgerond, audit } = service(taak({ gemeente: 'GM0363' }));
    await expect(s.rondAf(TAAK, gebruiker(), 'r')).rejects.toMatchObject({ problem: { status: 404 } });
    expect(afgerond).toEqual([]);
    expect(audit.rijen).toEqual([]);
  });

  it('a moot task is 409 and the refusal is audited', async () => {
    const { s, afgerond, audit } = service(taak({ status: 'vervallen' }));
    await expect(s.rondAf(TAAK, gebruiker(), 'r')).rejects.toMatchObject({
      problem: { status: 409, code: 'TAAK_VERVALLEN' },
    });
    expect(afgerond).toEqual([]);
    expect(audit.rijen).toMatchObject([{ uitkomst: 'afgewezen', code: 'TAAK_VERVALLEN' }]);
  });

  it('a task done before answers as it is (idempotent); an escalation of the nightly run sends no signal', async () => {
    const klaar = service(taak({ status: 'afgerond', afgerondDoor: 'cm-2' }));
    expect(await klaar.s.rondAf(TAAK, gebruiker(), 'r')).toMatchObject({
      status: 'afgerond',
      afgerondDoor: 'cm-2',
    });
    expect(klaar.afgerond).toEqual([]);
    const ronde = service(taak({ sleutel: 'ronde:uit-beeld:1' }));
    await ronde.s.rondAf(TAAK, gebruiker(), 'r');
    expect(ronde.temporal.aanroepen).toEqual([]);
  });

  it('Temporal down: the task is still done (the signal is best effort and counted)', async () => {
    const { s, afgerond } = service(taak(), async () => {
      throw new Error('UNAVAILABLE');
    });
    expect(await s.rondAf(TAAK, gebruiker(), 'r')).toMatchObject({ status: 'afgerond' });
    expect(afgerond).toHaveLength(1);
  });
});
