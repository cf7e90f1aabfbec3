import { randomUUID } from 'node:crypto';
import { WARME_OVERDRACHT_DAGEN } from '../../domain/keten';
import { addDays, addWeeks, datumVanInstant } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { ketenHttp, testBsn } from '../support/keten';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(180_000);

/** Issue 15, point 3: BRP mutations move the PIP clock, move the traject or end it, over HTTP. */
const GEMEENTE = 'GM0518';
const NIEUW = 'GM0363';
const vandaag = datumVanInstant(Date.now());

let system: RunningSystem;
let http: ReturnType<typeof ketenHttp>;
let cm: { authorization: string };
let tl: { authorization: string };
let tlNieuw: { authorization: string };
let cmNieuw: { authorization: string };
let brp: { authorization: string };

beforeAll(async () => {
  system = await startSystem();
  http = ketenHttp(system);
  cm = await bearer({ rol: 'casemanager', gemeente: GEMEENTE, sub: 'cm-brp' });
  tl = await bearer({ rol: 'teamleider', gemeente: GEMEENTE, sub: 'tl-brp' });
  cmNieuw = await bearer({ rol: 'casemanager', gemeente: NIEUW, sub: 'cm-nieuw' });
  tlNieuw = await bearer({ rol: 'teamleider', gemeente: NIEUW, sub: 'tl-nieuw' });
  brp = await bearer({ rol: 'feed', bron: 'brp', gemeente: GEMEENTE, sub: 'brp-keten' });
});
afterAll(async () => {
  await system?.stop();
});

/** A traject of a registered person, assigned to cm-brp; returns its id and the person's BSN. */
async function traject(): Promise<{ id: string; bsn: string }> {
  const bsn = testBsn();
  const res = await http.post(
    '/api/v1/trajecten',
    {
      commandId: `cm-${randomUUID()}`,
      gemeente: GEMEENTE,
      doelgroep: 'gezinsmigrant',
      kennisgevingsdatum: addDays(vandaag, -30),
      inburgeraar: { bsn, voornamen: 'Bram', achternaam: 'Brp', geboortedatum: '1988-08-08' },
    },
    cm,
  );
  expect(res.status).toBe(201);
  const { id } = await json(res);
  const toewijzing = await http.post(
    `/api/v1/trajecten/${id}/casemanager`,
    { commandId: `cm-${randomUUID()}`, casemanager: 'cm-brp' },
    cm,
  );
  expect(toewijzing.status).toBe(200);
  return { id, bsn };
}

const mutatie = (soort: string, bsn: string, over: Record<string, unknown> = {}) => ({
  soort,
  referentie: `BRP-${randomUUID().slice(0, 8)}`,
  bsn,
  gemeente: GEMEENTE,
  datum: addDays(vandaag, -2),
  ...over,
});

const takenVan = async (headers: Record<string, string>) =>
  ((await http.get('/api/v1/taken?casemanager=alle', headers)).items as Json[]).filter(
    (t) => t.soort === 'warme-overdracht',
  );

describe('POST /feeds/brp/mutaties', () => {
  it('inschrijving, verhuizing, overlijden, emigratie; onbekend BSN en verkeerde gemeente; nogmaals telt één keer', async () => {
    const [ingeschreven, verhuisd, overleden, geemigreerd] = [
      await traject(),
      await traject(),
      await traject(),
      await traject(),
    ];
    const brpDatum = addDays(vandaag, -2);
    const items = [
      mutatie('inschrijving', ingeschreven.bsn, { referentie: 'BRP-I-0001', datum: brpDatum }),
      mutatie('verhuizing', verhuisd.bsn, { naarGemeente: NIEUW }),
      mutatie('overlijden', overleden.bsn),
      mutatie('emigratie', geemigreerd.bsn),
      mutatie('inschrijving', testBsn()),
      mutatie('inschrijving', ingeschreven.bsn, { gemeente: NIEUW }),
      mutatie('verhuizing', verhuisd.bsn, { naarGemeente: GEMEENTE }),
      mutatie('geboorte', verhuisd.bsn),
    ];
    const eerste = await http.post('/api/v1/feeds/brp/mutaties', { items }, brp);
    expect(eerste.status).toBe(200);
    const antwoord = await json(eerste);
    expect(antwoord.resultaten.map((r: Json) => r.uitkomst)).toEqual([
      'afgeleverd',
      'afgeleverd',
      'afgeleverd',
      'afgeleverd',
      'onbekend_traject',
      'ongeldig',
      'ongeldig',
      'ongeldig',
    ]);
    expect(antwoord.resultaten[0]).toMatchObject({
      commandId: 'brp:inschrijving:BRP-I-0001',
      trajectId: ingeschreven.id,
    });
    expect(antwoord.resultaten[6].fouten.map((f: Json) => f.veld)).toEqual(['naarGemeente']);
    const tekst = JSON.stringify(antwoord);
    for (const i of items) expect(tekst).not.toContain(i.bsn);

    // Inschrijving: the BRP date later than the kennisgeving starts the PIP clock.
    const s1 = await http.totdat(ingeschreven.id, cm, (s) => s.state.brpDatum === brpDatum);
    expect(s1.deadlines.find((d: Json) => d.soort === 'pip').datum).toBe(addWeeks(brpDatum, 10));
    // Overlijden and emigratie: beëindigd with the reason of the code list.
    const s3 = await http.totdat(overleden.id, cm, (s) => s.state.afgesloten);
    expect(s3.state.afsluiting).toMatchObject({ uitkomst: 'beeindigd', reden: 'overleden' });
    const s4 = await http.totdat(geemigreerd.id, cm, (s) => s.state.afgesloten);
    expect(s4.state.afsluiting).toMatchObject({ uitkomst: 'beeindigd', reden: 'vertrokken' });
    // Verhuizing: the traject belongs to the new gemeente now; a warm handover task in both.
    const s2 = await http.totdat(verhuisd.id, cmNieuw, (s) => s.state.gemeente === NIEUW);
    expect(s2.state.verhuizingen).toHaveLength(1);
    const vervaldatum = addDays(addDays(vandaag, -2), WARME_OVERDRACHT_DAGEN);
    const oud = await takenVan(tl);
    expect(oud).toEqual([
      expect.objectContaining({
        trajectId: null,
        vervaldatum,
        casemanager: 'cm-brp',
        ontvanger: 'casemanager',
      }),
    ]);
    expect(oud[0].omschrijving).toContain(verhuisd.id);
    // The old casemanager finds it among their own tasks.
    expect((await http.get('/api/v1/taken', cm)).items.map((t: Json) => t.soort)).toContain(
      'warme-overdracht',
    );
    expect(await takenVan(tlNieuw)).toEqual([
      expect.objectContaining({ trajectId: verhuisd.id, vervaldatum }),
    ]);

    // The same batch again: applied once (one audit row per command), no second handover task.
    const tweede = await json(await http.post('/api/v1/feeds/brp/mutaties', { items }, brp));
    // The moved traject is no longer in this client's gemeente; the closed ones are no longer open.
    expect(tweede.resultaten.map((r: Json) => r.uitkomst)).toEqual([
      'afgeleverd',
      'onbekend_traject',
      'onbekend_traject',
      'onbekend_traject',
      'onbekend_traject',
      'ongeldig',
      'ongeldig',
      'ongeldig',
    ]);
    for (const [id, actie] of [
      [ingeschreven.id, 'registreerBrp'],
      [verhuisd.id, 'registreerVerhuizing'],
      [overleden.id, 'beeindig'],
      [geemigreerd.id, 'beeindig'],
    ]) {
      expect(
        await http.telling(
          "SELECT count(*)::int AS n FROM audit_event WHERE traject_id = $1 AND actie = $2 AND uitkomst = 'geaccepteerd'",
          [id, actie],
        ),
      ).toBe(1);
    }
    const s1b = await http.status(ingeschreven.id, cm);
    expect(s1b.versie).toBe(s1.versie);
    expect(await takenVan(tl)).toHaveLength(1);
    expect(await takenVan(tlNieuw)).toHaveLength(1);
    const geweigerd = await system.dataSource.query(
      "SELECT code, count(*)::int AS n FROM audit_event WHERE rol = 'feed' AND uitkomst = 'afgewezen' GROUP BY code ORDER BY code",
    );
    expect(geweigerd).toEqual([
      { code: 'GEMEENTE_NIET_TOEGESTAAN', n: 2 },
      { code: 'ONBEKEND_TRAJECT', n: 5 },
    ]);
    const verwerkingen = await system.dataSource.query(
      "SELECT count(*)::int AS n FROM verwerking WHERE actie_naam = 'brp-levering op bsn'",
    );
    expect(verwerkingen[0].n).toBeGreaterThanOrEqual(4);
  });

  it('een BRP-client levert alleen BRP-mutaties', async () => {
    for (const route of ['duo/kennisgevingen', 'duo/besluiten', 'coa/koppelingen']) {
      const r = await http.post(`/api/v1/feeds/${route}`, { items: [{}] }, brp);
      expect(r.status).toBe(403);
      expect((await json(r)).code).toBe('FEED_ANDERE_BRON');
    }
  });
});
