import { randomUUID } from 'node:crypto';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(90_000);

// Issue 13, points 10 and 11: separation of duties on tasks, and a verhuizing that takes the
// traject's open tasks along so the old gemeente sees nothing new.

const vandaag = datumVanInstant(Date.now());
const gm = () => `GM8${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
const OUD = gm();
let NIEUW = gm();
while (NIEUW === OUD) NIEUW = gm();

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.stop();
});

const req = (pad: string, headers: Record<string, string>, init: RequestInit = {}) =>
  fetch(`${system.baseUrl}${pad}`, { ...init, headers: { 'content-type': 'application/json', ...headers } });
const post = (pad: string, body: unknown, headers: Record<string, string>) =>
  req(pad, headers, { method: 'POST', body: JSON.stringify(body) });

async function wacht<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const grens = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > grens) throw new Error('niet op tijd');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A traject whose PIP is overdue: the workflow opens a task for its casemanager at once. */
async function trajectMetTaak(gemeente: string, cm: Record<string, string>): Promise<string> {
  const res = await post(
    '/api/v1/trajecten',
    {
      commandId: randomUUID(),
      gemeente,
      doelgroep: 'asielstatushouder',
      kennisgevingsdatum: addDays(vandaag, -80),
    },
    cm,
  );
  expect(res.status).toBe(201);
  const { id } = await json(res);
  await wacht(async () => {
    const [r] = await system.dataSource.query(
      "SELECT 1 FROM taak WHERE traject_id = $1 AND status = 'open'",
      [id],
    );
    return r;
  });
  return id as string;
}

describe('10. functiescheiding', () => {
  it('een taak voor de teamleider kan alleen een teamleider afronden; anders 403 en blijft ze open', async () => {
    const cm = await bearer({ rol: 'casemanager', gemeente: OUD, sub: 'cm-scheiding' });
    const id = await trajectMetTaak(OUD, cm);
    const [{ id: taak }] = await system.dataSource.query(
      `INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, vervaldatum, omschrijving, casemanager, ontvanger)
       VALUES ($1, $2, 'taak-te-laat', 'escalatie', 'ladder', $3, $4, 'Taak te laat', 'cm-scheiding', 'teamleider') RETURNING id`,
      [id, OUD, `ronde:taak-te-laat:1:${randomUUID()}`, vandaag],
    );
    for (const wie of [cm, await bearer({ rol: 'admin', gemeente: OUD, sub: 'admin-scheiding' })]) {
      const res = await post(`/api/v1/taken/${taak}/afronden`, {}, wie);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await json(res)).code).toBe('TAAK_VOOR_TEAMLEIDER');
    }
    const [rij] = await system.dataSource.query('SELECT status, afgerond_door FROM taak WHERE id = $1', [
      taak,
    ]);
    expect(rij).toEqual({ status: 'open', afgerond_door: null });
    const weigeringen = await system.dataSource.query(
      "SELECT actor FROM audit_event WHERE traject_id = $1 AND code = 'TAAK_VOOR_TEAMLEIDER' ORDER BY actor",
      [id],
    );
    expect(weigeringen.map((r: Json) => r.actor)).toEqual(['admin-scheiding', 'cm-scheiding']);

    const tl = await bearer({ rol: 'teamleider', gemeente: OUD, sub: 'tl-scheiding' });
    const ok = await post(`/api/v1/taken/${taak}/afronden`, {}, tl);
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ status: 'afgerond', afgerondDoor: 'tl-scheiding' });
  });

  it('een casemanager ziet de eigen taken en die van het team zonder casemanager, niet die van anderen of alle', async () => {
    const cm = await bearer({ rol: 'casemanager', gemeente: OUD, sub: 'cm-lijst' });
    for (const q of ['?casemanager=alle', '?casemanager=cm-ander']) {
      const res = await req(`/api/v1/taken${q}`, cm);
      expect(res.status).toBe(403);
      expect((await json(res)).code).toBe('TAKEN_VAN_ANDEREN');
    }
    expect((await req('/api/v1/taken?casemanager=ik', cm)).status).toBe(200);
    expect((await req('/api/v1/taken?casemanager=geen', cm)).status).toBe(200);
    expect(
      (await req('/api/v1/taken?casemanager=alle', await bearer({ rol: 'teamleider', gemeente: OUD })))
        .status,
    ).toBe(200);
  });
});

describe('11. verhuizing: de open taken gaan mee, de oude gemeente ziet niets nieuws meer', () => {
  it('na de verhuizing: taken bij de nieuwe gemeente zonder oude casemanager; de oude krijgt overal 404 of niets', async () => {
    const cmOud = await bearer({ rol: 'casemanager', gemeente: OUD, sub: 'cm-oud' });
    const tlOud = await bearer({ rol: 'teamleider', gemeente: OUD, sub: 'tl-oud' });
    const tlNieuw = await bearer({ rol: 'teamleider', gemeente: NIEUW, sub: 'tl-nieuw' });
    const id = await trajectMetTaak(OUD, cmOud);
    expect(
      (
        await post(
          `/api/v1/trajecten/${id}/casemanager`,
          { commandId: randomUUID(), casemanager: 'cm-oud' },
          cmOud,
        )
      ).status,
    ).toBe(200);
    const openVoor = (await json(await req(`/api/v1/taken?trajectId=${id}`, tlOud))).items as Json[];
    expect(openVoor.length).toBeGreaterThan(0);

    const verhuisd = await post(
      `/api/v1/trajecten/${id}/verhuizing`,
      { commandId: randomUUID(), naarGemeente: NIEUW, datum: vandaag },
      cmOud,
    );
    expect(verhuisd.status).toBe(200);

    // The tasks move with the read-model write that follows the verhuizing.
    const bijNieuw = await wacht(async () => {
      const items = (await json(await req(`/api/v1/taken?trajectId=${id}`, tlNieuw))).items as Json[];
      return items.length >= openVoor.length ? items : undefined;
    });
    expect(bijNieuw.map((t) => t.id)).toEqual(expect.arrayContaining(openVoor.map((t) => t.id)));
    const rijen = await system.dataSource.query(
      "SELECT DISTINCT gemeente, casemanager FROM taak WHERE traject_id = $1 AND status = 'open'",
      [id],
    );
    expect(rijen).toEqual([{ gemeente: NIEUW, casemanager: null }]);

    // The old gemeente: no tasks, no traject, no commands, no feed, no list row.
    expect((await json(await req(`/api/v1/taken?trajectId=${id}`, tlOud))).items).toEqual([]);
    expect(
      (await json(await req('/api/v1/taken?casemanager=ik', cmOud))).items.map((t: Json) => t.trajectId),
    ).not.toContain(id);
    expect((await req(`/api/v1/trajecten/${id}`, cmOud)).status).toBe(404);
    expect((await req(`/api/v1/trajecten/${id}/tijdlijn`, cmOud)).status).toBe(404);
    const versie = (await json(await req(`/api/v1/trajecten/${id}`, tlNieuw))).status.versie;
    expect(
      (await post(`/api/v1/trajecten/${id}/brp`, { commandId: randomUUID(), datum: vandaag }, cmOud)).status,
    ).toBe(404);
    const feedOud = await bearer({ rol: 'feed', gemeente: OUD, sub: 'duo-oud' });
    const levering = await json(
      await post(
        '/api/v1/feeds/duo/besluiten',
        { items: [{ soort: 'ontheffing', trajectId: id, datum: vandaag }] },
        feedOud,
      ),
    );
    expect(levering.resultaten[0].uitkomst).toBe('onbekend_traject');
    expect((await json(await req(`/api/v1/trajecten/${id}`, tlNieuw))).status.versie).toBe(versie);
    await wacht(async () => {
      const lijst = (await json(await req('/api/v1/trajecten?limiet=200', tlOud))).items as Json[];
      return lijst.some((t) => t.id === id) ? undefined : true;
    });
    const rapport = await json(await req('/api/v1/rapportage/overzicht', tlOud));
    expect(JSON.stringify(rapport)).not.toContain(NIEUW);
  });
});
