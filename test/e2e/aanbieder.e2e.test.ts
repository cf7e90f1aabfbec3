import { randomUUID } from 'node:crypto';
import { ESCALATIE_RONDE_WORKFLOW_TYPE, type EscalatieRondeResultaat } from '../../contract/escalatie-ronde';
import { addDays, addIsoWeken, datumVanInstant, isoWeek, maandagVan } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(180_000);

// Issue 15, the taalaanbieder: over HTTP against the real API, worker, Temporal dev server and Postgres.
let system: RunningSystem;
let casemanager: { authorization: string };
let teamleider: { authorization: string };
let noord: { authorization: string };
let zuid: { authorization: string };
let noordElders: { authorization: string };
const vandaag = datumVanInstant(Date.now());
const dezeWeek = isoWeek(vandaag);
const week = (n: number) => addIsoWeken(dezeWeek, n);

beforeAll(async () => {
  system = await startSystem();
  casemanager = await bearer({ rol: 'casemanager', gemeente: 'GM0518', sub: 'cm-aanbieder' });
  teamleider = await bearer({ rol: 'teamleider', gemeente: 'GM0518', sub: 'tl-aanbieder' });
  noord = await bearer({
    rol: 'taalaanbieder',
    gemeente: 'GM0518',
    sub: 'ta-noord-1',
    organisatie: 'taalschool-noord',
  });
  zuid = await bearer({
    rol: 'taalaanbieder',
    gemeente: 'GM0518',
    sub: 'ta-zuid-1',
    organisatie: 'taalschool-zuid',
  });
  noordElders = await bearer({
    rol: 'taalaanbieder',
    gemeente: 'GM0363',
    sub: 'ta-noord-2',
    organisatie: 'taalschool-noord',
  });
});
afterAll(async () => {
  await system?.stop();
});

const post = (path: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${system.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const get = (path: string, headers: Record<string, string>) => fetch(`${system.baseUrl}${path}`, { headers });

/** A B1 traject whose offer started 30 weeks ago, taught by `aanbieder` (or nobody). */
/** Every traject this file gave to each provider (tests run in any order: lists are checked against this). */
const lesgegeven = new Map<string, Set<string>>();

async function traject(aanbieder: string | null): Promise<string> {
  const start = maandagVan(week(-30));
  const res = await post(
    '/api/v1/trajecten',
    {
      commandId: randomUUID(),
      gemeente: 'GM0518',
      doelgroep: 'gezinsmigrant',
      kennisgevingsdatum: addDays(start, -60),
    },
    casemanager,
  );
  expect(res.status).toBe(201);
  const id = (await json(res)).id as string;
  if (aanbieder) lesgegeven.set(aanbieder, (lesgegeven.get(aanbieder) ?? new Set()).add(id));
  const stappen: [string, Record<string, unknown>][] = [
    ['intake', { datum: addDays(start, -30), geadviseerdeRoute: 'b1' }],
    ['pip', { dagtekening: addDays(start, -14), leerroute: 'b1' }],
    ['aanbod', { datum: start, ...(aanbieder ? { aanbieder } : {}) }],
  ];
  for (const [commando, body] of stappen) {
    const r = await post(
      `/api/v1/trajecten/${id}/${commando}`,
      { commandId: randomUUID(), ...body },
      casemanager,
    );
    expect(r.status).toBe(200);
  }
  return id;
}

const melding = (trajectId: string, w: string, lesuren: number, ongeoorloofd = 0, geoorloofd = 0) => ({
  trajectId,
  week: w,
  lesuren,
  verzuimGeoorloofd: geoorloofd,
  verzuimOngeoorloofd: ongeoorloofd,
});

async function status(id: string): Promise<Json> {
  return (await json(await get(`/api/v1/trajecten/${id}`, casemanager))).status;
}

/** The read model has caught up with the workflow's version (the ladder reads the read model). */
async function leesmodelBij(id: string): Promise<void> {
  const versie = (await status(id)).versie;
  for (let i = 0; i < 200; i++) {
    const [r] = await system.dataSource.query('SELECT versie FROM traject WHERE id = $1', [id]);
    if (r && r.versie >= versie) return;
    await new Promise((k) => setTimeout(k, 50));
  }
  throw new Error('leesmodel loopt achter');
}

async function nachtelijkeRonde(peildatum: string): Promise<EscalatieRondeResultaat> {
  return (await system.client.workflow.execute(ESCALATIE_RONDE_WORKFLOW_TYPE, {
    workflowId: `verzuim-test-${randomUUID()}`,
    taskQueue: system.taskQueue,
    args: [{ peildatum }],
  })) as EscalatieRondeResultaat;
}

async function verzuimTaken(id: string): Promise<{ niveau: number; ontvanger: string; sleutel: string }[]> {
  return system.dataSource.query(
    `SELECT niveau, ontvanger, sleutel, omschrijving FROM taak WHERE traject_id = $1 AND soort = 'verzuim' ORDER BY niveau, sleutel`,
    [id],
  );
}

describe('taalaanbieder: ziet en voedt alleen de trajecten waarin hij lesgeeft', () => {
  it('een andere aanbieder, een andere gemeente, een traject zonder aanbieder: 404 zoals een onbekend traject', async () => {
    const eigen = await traject('taalschool-noord');
    const zonder = await traject(null);
    const onbekend = '00000000-0000-4000-8000-000000000000';

    const ok = await get(`/api/v1/aanbieders/trajecten/${eigen}`, noord);
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ id: eigen, leerroute: 'b1', weken: [], lesurenTotaal: 0 });

    const weigeringen = [
      await get(`/api/v1/aanbieders/trajecten/${eigen}`, zuid),
      await get(`/api/v1/aanbieders/trajecten/${eigen}`, noordElders),
      await get(`/api/v1/aanbieders/trajecten/${zonder}`, noord),
      await get(`/api/v1/aanbieders/trajecten/${onbekend}`, noord),
      await post('/api/v1/aanbieders/voortgang', melding(eigen, week(-2), 10, 1), zuid),
      await post('/api/v1/aanbieders/voortgang', melding(eigen, week(-2), 10, 1), noordElders),
      await post('/api/v1/aanbieders/voortgang', melding(zonder, week(-2), 10, 1), noord),
      await post('/api/v1/aanbieders/voortgang', melding(onbekend, week(-2), 10, 1), noord),
    ];
    const bodies = [];
    for (const r of weigeringen) {
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const { instance: _i, requestId: _r, ...rest } = await json(r);
      bodies.push(rest);
    }
    // Every refusal says exactly the same: nothing tells a taught traject from an unknown one.
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({ status: 404, code: 'TRAJECT_ONBEKEND' });

    // Nothing was recorded on either traject.
    expect((await status(eigen)).state.voortgang ?? []).toEqual([]);
    expect((await status(zonder)).state.uren.taal).toBe(0);

    // The provider's own list holds only trajecten it teaches (this one among them; the file's other
    // tests may have given it more, in any order); the casemanager's routes are not its.
    await leesmodelBij(eigen);
    const lijst = await json(await get('/api/v1/aanbieders/trajecten', noord));
    const ids: string[] = lijst.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(eigen);
    expect(ids).not.toContain(zonder);
    expect(ids.filter((i) => !lesgegeven.get('taalschool-noord')?.has(i))).toEqual([]);
    expect((await json(await get('/api/v1/aanbieders/trajecten', zuid))).items).toEqual([]);
    expect((await get(`/api/v1/trajecten/${eigen}`, noord)).status).toBe(403);
    expect((await get(`/api/v1/aanbieders/trajecten/${eigen}`, casemanager)).status).toBe(403);
  });

  it('zonder organisatie-claim is het token van een taalaanbieder ongeldig (401)', async () => {
    const zonderOrganisatie = await bearer({ rol: 'taalaanbieder', gemeente: 'GM0518', sub: 'ta-x' });
    expect((await get('/api/v1/aanbieders/trajecten', zonderOrganisatie)).status).toBe(401);
  });
});

describe('voortgang per week: idempotent, een correctie vervangt, de lesuren tellen voor afschalen (T10)', () => {
  it('bij 600 lesuren het signaal afschalen-mogelijk; de casemanager ziet de weken in het dossier', async () => {
    const id = await traject('taalschool-noord');
    // Five weeks of 119 hours: 595.
    for (let n = -5; n <= -1; n++) {
      const r = await post(
        '/api/v1/aanbieders/voortgang',
        melding(id, week(n), 119, n === -1 ? 2 : 0),
        noord,
      );
      expect(r.status).toBe(201);
    }
    let s = await status(id);
    expect(s.state.uren.taal).toBe(595);
    expect(s.state.afschalenGesignaleerd).toBe(false);
    expect(s.openTaken.map((t: { soort: string }) => t.soort)).not.toContain('afschalen-mogelijk');

    // The same report again: 200, applied once.
    const herhaald = await post('/api/v1/aanbieders/voortgang', melding(id, week(-1), 119, 2), noord);
    expect(herhaald.status).toBe(200);
    expect((await json(herhaald)).toegepast).toBe(false);
    expect((await status(id)).state.uren.taal).toBe(595);

    // A correction of week -1 (124 instead of 119): replaces the week, 600 hours, the signal once.
    const correctie = await post(
      '/api/v1/aanbieders/voortgang',
      { ...melding(id, week(-1), 124, 2), toetsen: [{ component: 'lezen', niveau: 'A2' }] },
      noord,
    );
    expect(correctie.status).toBe(201);
    const antwoord = await json(correctie);
    expect(antwoord.traject.lesurenTotaal).toBe(600);
    expect(antwoord.traject.weken).toHaveLength(5);
    s = await status(id);
    expect(s.state.uren.taal).toBe(600);
    expect(s.state.afschalenGesignaleerd).toBe(true);
    expect(s.openTaken.filter((t: { soort: string }) => t.soort === 'afschalen-mogelijk')).toHaveLength(1);
    expect(s.state.voortgang.find((w: { week: string }) => w.week === week(-1))).toMatchObject({
      lesuren: 124,
      verzuimOngeoorloofd: 2,
      toetsen: [{ component: 'lezen', niveau: 'A2' }],
    });

    // Every applied report audited once by the workflow, with the provider's role.
    const audit = await system.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE traject_id = $1 AND actie = 'registreerVoortgang' AND rol = 'taalaanbieder' AND uitkomst = 'geaccepteerd'`,
      [id],
    );
    for (let i = 0; i < 100 && audit[0].n < 6; i++) {
      await new Promise((k) => setTimeout(k, 100));
      Object.assign(
        audit,
        await system.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_event WHERE traject_id = $1 AND actie = 'registreerVoortgang' AND rol = 'taalaanbieder' AND uitkomst = 'geaccepteerd'`,
          [id],
        ),
      );
    }
    expect(audit[0].n).toBe(6);
  });

  it('bad input: 400 in het Nederlands, een week in de toekomst 422; niets vastgelegd', async () => {
    const id = await traject('taalschool-noord');
    const fout = await post(
      '/api/v1/aanbieders/voortgang',
      { ...melding(id, '2026-W99', 10), extra: 1 },
      noord,
    );
    expect(fout.status).toBe(400);
    expect((await json(fout)).fouten.length).toBeGreaterThan(0);
    const toekomst = await post('/api/v1/aanbieders/voortgang', melding(id, week(2), 10), noord);
    expect(toekomst.status).toBe(422);
    expect((await json(toekomst)).code).toBe('DATUM_IN_TOEKOMST');
    expect((await status(id)).state.voortgang ?? []).toEqual([]);
  });
});

describe('nachtelijke ladder: de verzuimtrede vuurt één keer per episode', () => {
  it('boven de grens → taak voor de casemanager; weer daaronder → niets; opnieuw boven → een nieuwe taak', async () => {
    const id = await traject('taalschool-noord');
    const stuur = async (n: number, lesuren: number, ongeoorloofd: number) => {
      const r = await post(
        '/api/v1/aanbieders/voortgang',
        melding(id, week(n), lesuren, ongeoorloofd),
        noord,
      );
      expect(r.status).toBe(201);
    };
    // Reports arrive week by week, the ladder runs in between (a Wednesday after each week).
    const woensdagNa = (n: number) => addDays(maandagVan(week(n + 1)), 2);
    // Episode 1: weeks -12 and -11 with 4 of 10 hours unexcused (40 % > 20 %).
    await stuur(-12, 6, 4);
    await leesmodelBij(id);
    expect((await nachtelijkeRonde(woensdagNa(-12))).aantallen['verzuim:1']).toBeGreaterThanOrEqual(1);
    expect(await verzuimTaken(id)).toHaveLength(1);
    await stuur(-11, 6, 4);
    await leesmodelBij(id);
    // Next week, the same night twice, and the night after: the same episode, no second task.
    await nachtelijkeRonde(woensdagNa(-11));
    await nachtelijkeRonde(woensdagNa(-11));
    await nachtelijkeRonde(addDays(woensdagNa(-11), 1));
    const eerste = await verzuimTaken(id);
    expect(eerste).toEqual([expect.objectContaining({ niveau: 1, ontvanger: 'casemanager' })]);
    expect(eerste[0]).toMatchObject({ omschrijving: expect.stringMatching(/^Verzuim bespreken: /) });

    // Eight good weeks: below the limit, nothing new.
    for (let n = -10; n <= -3; n++) await stuur(n, 10, 0);
    await leesmodelBij(id);
    await nachtelijkeRonde(woensdagNa(-5));
    expect(await verzuimTaken(id)).toHaveLength(1);

    // Above again (weeks -2 and -1: 5 of 10 unexcused, 25 % over four weeks): a new episode, a new task.
    await stuur(-2, 5, 5);
    await stuur(-1, 5, 5);
    await leesmodelBij(id);
    await nachtelijkeRonde(vandaag);
    await nachtelijkeRonde(vandaag);
    const taken = await verzuimTaken(id);
    expect(taken).toHaveLength(2);
    expect(new Set(taken.map((t) => t.sleutel)).size).toBe(2);
    expect(taken.every((t) => t.niveau === 1 && t.ontvanger === 'casemanager')).toBe(true);

    // Still above 10 working days after the task (Monday of this week): to the teamleider, once.
    const laat = addDays(maandagVan(week(2)), 1);
    await nachtelijkeRonde(laat);
    await nachtelijkeRonde(addDays(laat, 1));
    const naEscalatie = await verzuimTaken(id);
    expect(naEscalatie.filter((t) => t.niveau === 2)).toEqual([
      expect.objectContaining({ ontvanger: 'teamleider' }),
    ]);
    expect(naEscalatie).toHaveLength(3);
    // The teamleider sees it in the task list.
    const lijst = await json(await get('/api/v1/taken', teamleider));
    expect(
      lijst.items.some(
        (t: { trajectId: string; soort: string }) => t.trajectId === id && t.soort === 'verzuim',
      ),
    ).toBe(true);
  });
});
