import { randomUUID } from 'node:crypto';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(120_000);

let system: RunningSystem;
let cm: { authorization: string };
let feed: { authorization: string };
const vandaag = datumVanInstant(Date.now());

beforeAll(async () => {
  system = await startSystem();
  cm = await bearer({ rol: 'casemanager', gemeente: 'GM0518', sub: 'cm-feeds' });
  feed = await bearer({ rol: 'feed', gemeente: 'GM0518', sub: 'duo-feed' });
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

async function trajectMetPip(gemeente = 'GM0518', headers = cm): Promise<string> {
  const res = await post(
    '/api/v1/trajecten',
    {
      commandId: randomUUID(),
      gemeente,
      doelgroep: 'asielstatushouder',
      kennisgevingsdatum: addDays(vandaag, -60),
    },
    headers,
  );
  expect(res.status).toBe(201);
  const { id } = await json(res);
  for (const [commando, body] of [
    ['intake', { datum: addDays(vandaag, -40) }],
    ['pip', { dagtekening: addDays(vandaag, -30), leerroute: 'b1' }],
  ] as const) {
    expect(
      (await post(`/api/v1/trajecten/${id}/${commando}`, { commandId: randomUUID(), ...body }, headers))
        .status,
    ).toBe(200);
  }
  return id;
}

async function status(id: string): Promise<Json> {
  return (await json(await fetch(`${system.baseUrl}/api/v1/trajecten/${id}`, { headers: cm }))).status;
}

/** Signals are processed after the response: wait until the workflow shows them. */
async function totdat(id: string, klaar: (s: Json) => boolean): Promise<Json> {
  for (let i = 0; i < 100; i += 1) {
    const s = await status(id);
    if (klaar(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('de workflow verwerkte de signalen niet op tijd');
}

describe('DUO-feeds: een levering als Signals met vaste commandId', () => {
  it('examenresultaten: per item een resultaat; dezelfde levering nogmaals telt één keer', async () => {
    const id = await trajectMetPip();
    const anders = await trajectMetPip('GM0363', await bearer({ rol: 'casemanager', gemeente: 'GM0363' }));
    const items = [
      ...(['lezen', 'luisteren'] as const).map((component) => ({
        trajectId: id,
        component,
        niveau: 'B1',
        behaald: true,
        datum: addDays(vandaag, -2),
      })),
      {
        referentie: 'DUO-2026-000123',
        trajectId: id,
        component: 'knm',
        behaald: false,
        datum: addDays(vandaag, -1),
      },
      { trajectId: id, component: 'rekenen', behaald: true, datum: '2025-02-30', bsn: '123456789' },
      { trajectId: randomUUID(), component: 'knm', behaald: true, datum: vandaag },
      { trajectId: anders, component: 'knm', behaald: true, datum: vandaag },
    ];

    const eerste = await post('/api/v1/feeds/duo/examenresultaten', { items }, feed);
    expect(eerste.status).toBe(200);
    const antwoord = await json(eerste);
    expect(antwoord.ontvangen).toBe(6);
    expect(antwoord.afgeleverd).toBe(3);
    expect(antwoord.resultaten.map((r: Json) => r.uitkomst)).toEqual([
      'afgeleverd',
      'afgeleverd',
      'afgeleverd',
      'ongeldig',
      'onbekend_traject',
      // Another gemeente's traject looks exactly like an unknown one.
      'onbekend_traject',
    ]);
    expect(antwoord.resultaten[2].commandId).toBe('duo:examen:DUO-2026-000123');
    const fouten = antwoord.resultaten[3].fouten.map((f: Json) => f.veld).sort();
    expect(fouten).toEqual(['bsn', 'component', 'datum']);
    expect(JSON.stringify(antwoord)).not.toContain('123456789');

    const na1 = await totdat(id, (s) => s.state.examenresultaten.length === 3);
    const tweede = await json(await post('/api/v1/feeds/duo/examenresultaten', { items }, feed));
    // Same items, same commandIds: delivered again, applied once.
    expect(tweede.resultaten.map((r: Json) => r.commandId)).toEqual(
      antwoord.resultaten.map((r: Json) => r.commandId),
    );
    const na2 = await totdat(id, (s) => s.versie >= na1.versie);
    await new Promise((r) => setTimeout(r, 500));
    const eind = await status(id);
    expect(eind.state.examenresultaten).toHaveLength(3);
    expect(eind.versie).toBe(na2.versie);
    // One audit row per applied item, written by the workflow (issue 13): the batch sent again adds none.
    const aantal = async () =>
      (
        await system.dataSource.query(
          "SELECT count(*)::int AS n FROM audit_event WHERE traject_id = $1 AND actie = 'registreerExamenresultaat'",
          [id],
        )
      )[0].n as number;
    for (let i = 0; i < 100 && (await aantal()) < 3; i += 1) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    expect(await aantal()).toBe(3);
    const anderStatus = await json(
      await fetch(`${system.baseUrl}/api/v1/trajecten/${anders}`, {
        headers: await bearer({ rol: 'casemanager', gemeente: 'GM0363' }),
      }),
    );
    expect(anderStatus.status.state.examenresultaten).toHaveLength(0);
  });

  it('besluiten: verlenging, vooraankondiging en boete; een ongeldig besluit belandt onder afgewezen', async () => {
    const id = await trajectMetPip();
    const voor = await status(id);
    const items = [
      { soort: 'verlenging', trajectId: id, grond: 'ziekte', besluitdatum: vandaag, maanden: 6 },
      // The rulebook refuses a vooraankondiging before the termijn ended: accepted as a signal, rejected by the rules.
      { soort: 'vooraankondiging', referentie: 'VA-1', trajectId: id, datum: vandaag },
      { soort: 'ontslag', trajectId: id },
    ];
    const res = await post('/api/v1/feeds/duo/besluiten', { items }, feed);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.resultaten.map((r: Json) => r.uitkomst)).toEqual(['afgeleverd', 'afgeleverd', 'ongeldig']);
    const na = await totdat(id, (s) => s.state.verlengingen.length === 1 && s.afgewezen.length === 1);
    expect(na.state.termijnEinde > voor.state.termijnEinde).toBe(true);
    expect(na.afgewezen[0]).toMatchObject({
      commandId: 'duo:vooraankondiging:VA-1',
      type: 'registreerVooraankondiging',
    });
  });

  it('de envelop: geen lijst, leeg, meer dan 1000 items: 400; een casemanager mag niet leveren (403)', async () => {
    for (const body of [
      {},
      { items: [] },
      { items: 'x' },
      { items: Array(1001).fill({}) },
      { items: [{}], extra: 1 },
    ]) {
      const res = await post('/api/v1/feeds/duo/examenresultaten', body, feed);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await post('/api/v1/feeds/duo/besluiten', { items: [{}] }, cm)).status).toBe(403);
    // A feed client may only use the feeds.
    expect((await fetch(`${system.baseUrl}/api/v1/trajecten`, { headers: feed })).status).toBe(403);
  });

  it('1000 items in één levering: elk een resultaat, binnen enkele seconden', async () => {
    const id = await trajectMetPip();
    const items = Array.from({ length: 1000 }, (_, i) => ({
      referentie: `bulk-${i}`,
      trajectId: id,
      component: 'knm',
      behaald: false,
      datum: addDays(vandaag, -(i % 30)),
    }));
    const t0 = Date.now();
    const res = await post('/api/v1/feeds/duo/examenresultaten', { items }, feed);
    const ms = Date.now() - t0;
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.afgeleverd).toBe(1000);
    console.log(`feed: 1000 items afgeleverd in ${ms} ms`);
    // Each item its own result, in order, with the stable commandId of its DUO reference.
    expect(body.resultaten).toHaveLength(1000);
    expect(body.resultaten.every((r: Json) => r.uitkomst === 'afgeleverd')).toBe(true);
    expect(body.resultaten.map((r: Json) => r.commandId)).toEqual(
      items.map((i) => `duo:examen:${i.referentie}`),
    );
    // "Within a few seconds": 20 at most. Measured 3–8 s on this two-core machine with the dev server
    // beside it, 13 s with another project's benchmark running too; a feed that waited for each
    // workflow to apply its signal (a workflow task each) would take minutes.
    expect(ms).toBeLessThan(20_000);
  });
});
