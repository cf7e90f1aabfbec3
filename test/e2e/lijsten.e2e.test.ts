import { randomUUID } from 'node:crypto';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(120_000);

let system: RunningSystem;
const vandaag = datumVanInstant(Date.now());
// A gemeente of its own, so rows of other test files never show up in these lists.
const GM = `GM7${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
let cm: { authorization: string };
let teamleider: { authorization: string };

beforeAll(async () => {
  system = await startSystem();
  cm = await bearer({ rol: 'casemanager', gemeente: GM, sub: 'cm-a' });
  teamleider = await bearer({ rol: 'teamleider', gemeente: GM, sub: 'tl-1' });
});
afterAll(async () => {
  await system?.stop();
});

const get = (path: string, headers: Record<string, string> = cm) =>
  fetch(`${system.baseUrl}${path}`, { headers });
const post = (path: string, body: unknown, headers: Record<string, string> = cm) =>
  fetch(`${system.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

interface Zaad {
  fase?: string;
  leerroute?: string | null;
  doelgroep?: string;
  casemanager?: string | null;
  volgendeDeadline?: string | null;
  termijnOverschreden?: boolean;
  afgesloten?: boolean;
  gemeente?: string;
}

/** Read-model rows as the activity writes them (the list reads nothing else). */
async function zaai(rijen: Zaad[]): Promise<string[]> {
  const ids: string[] = [];
  for (const r of rijen) {
    const id = randomUUID();
    ids.push(id);
    await system.dataSource.query(
      `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, leerroute, casemanager, kennisgevingsdatum,
         termijn_einde, volgende_deadline, volgende_deadline_soort, termijn_overschreden, afgesloten, versie)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1)`,
      [
        id,
        `traject-${id}`,
        r.gemeente ?? GM,
        r.doelgroep ?? 'asielstatushouder',
        r.fase ?? 'aangemeld',
        r.leerroute ?? null,
        r.casemanager === undefined ? 'cm-a' : r.casemanager,
        addDays(vandaag, -30),
        addDays(vandaag, 1000),
        r.volgendeDeadline === undefined ? addDays(vandaag, 10) : r.volgendeDeadline,
        r.volgendeDeadline === null ? null : 'pip',
        r.termijnOverschreden ?? false,
        r.afgesloten ?? false,
      ],
    );
  }
  return ids;
}

describe('GET /api/v1/trajecten', () => {
  it('filtert op fase, leerroute, doelgroep, casemanager, deadline en termijn; alleen de eigen gemeente', async () => {
    // A gemeente of this test's own: other tests in this file (any order) add trajecten to GM.
    const gm = `GM9${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    const eigenCm = await bearer({ rol: 'casemanager', gemeente: gm, sub: 'cm-a' });
    const [b1, z, gezin, zonderCm, overschreden, vroeg] = await zaai([
      { fase: 'in_leerroute', leerroute: 'b1', gemeente: gm },
      { fase: 'in_leerroute', leerroute: 'z', gemeente: gm },
      { doelgroep: 'gezinsmigrant', gemeente: gm },
      { casemanager: null, gemeente: gm },
      { termijnOverschreden: true, casemanager: 'cm-b', gemeente: gm },
      { volgendeDeadline: addDays(vandaag, 2), gemeente: gm },
    ]);
    const [anders] = await zaai([{ gemeente: 'GM0001' }]);

    const ids = async (query: string, headers = eigenCm) => {
      const res = await get(`/api/v1/trajecten${query}`, headers);
      expect(res.status).toBe(200);
      return ((await json(res)).items as Json[]).map((i) => i.id);
    };
    const alle = await ids('');
    expect(alle).toHaveLength(6);
    expect(alle).not.toContain(anders);
    expect(await ids('?leerroute=b1')).toEqual([b1]);
    expect(await ids('?fase=in_leerroute&leerroute=z')).toEqual([z]);
    expect(await ids('?doelgroep=gezinsmigrant')).toEqual([gezin]);
    expect(await ids('?casemanager=geen')).toEqual([zonderCm]);
    expect(await ids('?casemanager=cm-b')).toEqual([overschreden]);
    expect((await ids('?casemanager=ik')).sort()).toEqual([b1, z, gezin, vroeg].sort());
    expect(await ids('?termijnOverschreden=true')).toEqual([overschreden]);
    expect(await ids(`?deadlineVoor=${addDays(vandaag, 5)}`)).toEqual([vroeg]);
    // Next deadline first: the early one leads.
    expect(alle[0]).toBe(vroeg);
    // Another gemeente's staff see none of these.
    const vreemd = await bearer({ rol: 'casemanager', gemeente: 'GM0001' });
    expect(await ids('', vreemd)).not.toContain(b1);
  });

  it('bladert met een cursor zonder rijen over te slaan of dubbel te tonen, ook met lege datums en aflopend', async () => {
    const gm = `GM8${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    const eigen = await bearer({ rol: 'teamleider', gemeente: gm });
    const rijen: Zaad[] = Array.from({ length: 23 }, (_, i) => ({
      gemeente: gm,
      // Repeated dates and some without a deadline: the id breaks ties.
      volgendeDeadline: i % 5 === 0 ? null : addDays(vandaag, i % 4),
    }));
    const verwacht = await zaai(rijen);
    for (const sorteer of ['volgendeDeadline', '-volgendeDeadline', '-bijgewerktOp']) {
      const gezien: Json[] = [];
      let cursor: string | null = null;
      let paginas = 0;
      do {
        const q: string = `?sorteer=${sorteer}&limiet=5${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await get(`/api/v1/trajecten${q}`, eigen);
        expect(res.status).toBe(200);
        const body = await json(res);
        gezien.push(...body.items);
        cursor = body.volgende;
        paginas += 1;
      } while (cursor && paginas < 10);
      expect(paginas).toBe(5);
      expect(new Set(gezien.map((i) => i.id)).size).toBe(23);
      expect(gezien.map((i) => i.id).sort()).toEqual([...verwacht].sort());
      if (sorteer === 'volgendeDeadline') {
        const datums = gezien.map((i) => i.volgendeDeadline ?? '9999-12-31');
        expect(datums).toEqual([...datums].sort());
        expect(gezien.at(-1)?.volgendeDeadline).toBeNull();
      }
      if (sorteer === '-volgendeDeadline') {
        const datums = gezien.map((i) => i.volgendeDeadline ?? '0000-01-01');
        expect(datums).toEqual([...datums].sort().reverse());
      }
    }
  });

  it('ongeldige zoekparameters en een vreemde cursor: 400 problem+json in het Nederlands', async () => {
    for (const q of [
      '?fase=klaar',
      '?limiet=0',
      '?limiet=abc',
      '?deadlineVoor=2025-02-30',
      '?sorteer=naam',
      '?bsn=123456789',
      '?termijnOverschreden=ja',
      '?cursor=bm9wZQ',
    ]) {
      const res = await get(`/api/v1/trajecten${q}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = await json(res);
      expect(body.title).toBe('Ongeldig verzoek');
      expect(JSON.stringify(body)).not.toContain('123456789');
    }
    // A cursor made for another sort is refused instead of misread.
    await zaai([{}, {}, {}]);
    const eerste = await json(await get('/api/v1/trajecten?limiet=1'));
    const res = await get(`/api/v1/trajecten?limiet=1&sorteer=-termijnEinde&cursor=${eerste.volgende}`);
    expect(res.status).toBe(400);
    expect((await json(res)).code).toBe('CURSOR_ONGELDIG');
  });
});

describe('GET /api/v1/trajecten/:id/tijdlijn', () => {
  it('toont wat er gebeurde en wat gepland staat; een andere gemeente krijgt 404', async () => {
    const aanmelding = await post('/api/v1/trajecten', {
      commandId: randomUUID(),
      gemeente: GM,
      doelgroep: 'asielstatushouder',
      kennisgevingsdatum: addDays(vandaag, -10),
    });
    expect(aanmelding.status).toBe(201);
    const { id } = await json(aanmelding);
    const intake = await post(`/api/v1/trajecten/${id}/intake`, { commandId: randomUUID(), datum: vandaag });
    expect(intake.status).toBe(200);

    const res = await get(`/api/v1/trajecten/${id}/tijdlijn`);
    expect(res.status).toBe(200);
    const { regels } = await json(res);
    const gebeurd = (regels as Json[]).filter((r) => r.soort === 'gebeurd');
    const gepland = (regels as Json[]).filter((r) => r.soort === 'gepland');
    expect(gebeurd.length).toBeGreaterThanOrEqual(2);
    expect(gebeurd.some((r) => /intake/i.test(r.beschrijving))).toBe(true);
    expect(gepland.some((r) => /PIP/i.test(r.beschrijving))).toBe(true);

    const vreemd = await bearer({ rol: 'casemanager', gemeente: 'GM0001' });
    expect((await get(`/api/v1/trajecten/${id}/tijdlijn`, vreemd)).status).toBe(404);
    expect((await get(`/api/v1/trajecten/${randomUUID()}/tijdlijn`)).status).toBe(404);
    expect((await get('/api/v1/trajecten/geen-uuid/tijdlijn')).status).toBe(404);
  });
});

describe('GET /api/v1/taken en afronden', () => {
  async function taak(trajectId: string, vervaldatum: string, extra: Partial<Record<string, string>> = {}) {
    const [rij] = await system.dataSource.query(
      `INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, vervaldatum, omschrijving, casemanager, status)
       VALUES ($1, $2, $3, $4, 'T1', $5, $6, 'Stel het PIP vast', 'cm-oud', $7) RETURNING id`,
      [
        trajectId,
        extra.gemeente ?? GM,
        extra.soort ?? 'pip',
        extra.actie ?? 'taak',
        randomUUID(),
        vervaldatum,
        extra.status ?? 'open',
      ],
    );
    return rij.id as string;
  }

  it('de eigen open taken, eerst vervallend eerst; de teamleider ziet de hele gemeente', async () => {
    const [mijn, ander] = await zaai([{ casemanager: 'cm-taken' }, { casemanager: 'cm-ander' }]);
    const eigen = await bearer({ rol: 'casemanager', gemeente: GM, sub: 'cm-taken' });
    const later = await taak(mijn, addDays(vandaag, 5));
    const eerder = await taak(mijn, addDays(vandaag, -3), { actie: 'escalatie', soort: 'pip-overschreden' });
    const vanAnder = await taak(ander, addDays(vandaag, -10));
    await taak(mijn, addDays(vandaag, -1), { status: 'afgerond' });

    const res = await get('/api/v1/taken', eigen);
    expect(res.status).toBe(200);
    const body = await json(res);
    // The task follows the traject's current casemanager, not who had it when it was made.
    expect(body.items.map((t: Json) => t.id)).toEqual([eerder, later]);
    expect(body.items[0]).toMatchObject({ actie: 'escalatie', casemanager: 'cm-taken', status: 'open' });

    const escalaties = await json(await get('/api/v1/taken?actie=escalatie', eigen));
    expect(escalaties.items.map((t: Json) => t.id)).toEqual([eerder]);

    const team = await json(
      await get(`/api/v1/taken?limiet=200&vervaltVoor=${addDays(vandaag, 6)}`, teamleider),
    );
    const teamIds = team.items.map((t: Json) => t.id);
    expect(teamIds).toEqual(expect.arrayContaining([vanAnder, eerder, later]));
    expect(teamIds.indexOf(vanAnder)).toBeLessThan(teamIds.indexOf(eerder));

    expect((await get('/api/v1/taken?status=klaar', eigen)).status).toBe(400);
  });

  it('afronden: één keer, idempotent, met audit; vervallen is 409; een andere gemeente 404', async () => {
    const [traject] = await zaai([{ casemanager: 'cm-a' }]);
    const id = await taak(traject, vandaag);
    const eerste = await post(`/api/v1/taken/${id}/afronden`, {});
    expect(eerste.status).toBe(200);
    const afgerond = await json(eerste);
    expect(afgerond).toMatchObject({ id, status: 'afgerond', afgerondDoor: 'cm-a' });
    const nogmaals = await json(await post(`/api/v1/taken/${id}/afronden`, {}));
    expect(nogmaals.afgerondOp).toBe(afgerond.afgerondOp);
    const audit = await system.dataSource.query(
      "SELECT uitkomst FROM audit_event WHERE traject_id = $1 AND actie = 'taakAfronden'",
      [traject],
    );
    expect(audit).toEqual([{ uitkomst: 'geaccepteerd' }]);
    const open = await json(await get(`/api/v1/taken?trajectId=${traject}`));
    expect(open.items).toEqual([]);

    const vervallen = await taak(traject, vandaag, { status: 'vervallen' });
    const conflict = await post(`/api/v1/taken/${vervallen}/afronden`, {});
    expect(conflict.status).toBe(409);
    expect((await json(conflict)).code).toBe('TAAK_VERVALLEN');

    const [vreemdTraject] = await zaai([{ gemeente: 'GM0002' }]);
    const vreemdeTaak = await taak(vreemdTraject, vandaag, { gemeente: 'GM0002' });
    const res = await post(`/api/v1/taken/${vreemdeTaak}/afronden`, {});
    expect(res.status).toBe(404);
    const [{ status }] = await system.dataSource.query('SELECT status FROM taak WHERE id = $1', [
      vreemdeTaak,
    ]);
    expect(status).toBe('open');
    expect((await post(`/api/v1/taken/${randomUUID()}/afronden`, {})).status).toBe(404);
  });

  it('een taak van de workflow afronden: ook de workflow toont haar niet meer als open, en de tijdlijn vertelt het', async () => {
    const res = await post('/api/v1/trajecten', {
      commandId: randomUUID(),
      gemeente: GM,
      doelgroep: 'asielstatushouder',
      kennisgevingsdatum: addDays(vandaag, -80),
    });
    expect(res.status).toBe(201);
    const { id } = await json(res);
    let taak: Json | undefined;
    for (let i = 0; i < 100 && !taak; i += 1) {
      // No casemanager yet: the team's queue (a casemanager may not list everyone's, issue 13).
      const lijst = await json(await get(`/api/v1/taken?trajectId=${id}&casemanager=geen`));
      taak = lijst.items.find((t: Json) => t.soort === 'pip-overschreden');
      if (!taak) await new Promise((r) => setTimeout(r, 100));
    }
    expect(taak).toBeDefined();
    const detail = async () => json(await get(`/api/v1/trajecten/${id}`));
    expect((await detail()).status.openTaken.map((t: Json) => t.soort)).toContain('pip-overschreden');

    expect((await post(`/api/v1/taken/${taak?.id}/afronden`, {})).status).toBe(200);
    let open: string[] = ['pip-overschreden'];
    for (let i = 0; i < 100 && open.includes('pip-overschreden'); i += 1) {
      open = (await detail()).status.openTaken.map((t: Json) => t.soort);
      if (open.includes('pip-overschreden')) await new Promise((r) => setTimeout(r, 100));
    }
    expect(open).not.toContain('pip-overschreden');
    const { regels } = await json(await get(`/api/v1/trajecten/${id}/tijdlijn`));
    expect(
      regels.some((r: Json) => r.soort === 'gebeurd' && r.beschrijving.startsWith('Taak afgerond:')),
    ).toBe(true);
    // Again: the same answer, nothing else changes.
    expect((await post(`/api/v1/taken/${taak?.id}/afronden`, {})).status).toBe(200);
  });
});
