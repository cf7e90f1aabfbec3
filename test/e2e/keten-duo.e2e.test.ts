import { randomUUID } from 'node:crypto';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { ketenHttp, testBsn } from '../support/keten';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(180_000);

/** Issue 15, point 1: DUO's kennisgeving starts the person's traject, over HTTP against the real stack. */
const GEMEENTE = 'GM0518';
const vandaag = datumVanInstant(Date.now());

let system: RunningSystem;
let http: ReturnType<typeof ketenHttp>;
let cm: { authorization: string };
let duo: { authorization: string };

beforeAll(async () => {
  system = await startSystem();
  http = ketenHttp(system);
  cm = await bearer({ rol: 'casemanager', gemeente: GEMEENTE, sub: 'cm-keten' });
  duo = await bearer({ rol: 'feed', bron: 'duo', gemeente: GEMEENTE, sub: 'duo-keten' });
});
afterAll(async () => {
  await system?.stop();
});

const kennisgeving = (bsn: string, over: Record<string, unknown> = {}) => ({
  referentie: `KG-${randomUUID().slice(0, 8)}`,
  bsn,
  voornamen: 'Testa',
  achternaam: `Kennisgeving-${bsn.slice(0, 3)}`,
  geboortedatum: '1990-02-03',
  doelgroep: 'gezinsmigrant',
  kennisgevingsdatum: addDays(vandaag, -10),
  gemeente: GEMEENTE,
  ...over,
});

describe('POST /feeds/duo/kennisgevingen', () => {
  it('maakt persoon en traject; een bestaand traject wordt gemeld; dezelfde levering nogmaals telt één keer', async () => {
    // A person whose traject a casemanager registered already.
    const bsnBestaand = testBsn();
    const aanmelding = await http.post(
      '/api/v1/trajecten',
      {
        commandId: `cm-${randomUUID()}`,
        gemeente: GEMEENTE,
        doelgroep: 'asielstatushouder',
        kennisgevingsdatum: addDays(vandaag, -30),
        inburgeraar: {
          bsn: bsnBestaand,
          voornamen: 'Al',
          achternaam: 'Aangemeld',
          geboortedatum: '1985-01-01',
        },
      },
      cm,
    );
    expect(aanmelding.status).toBe(201);
    const bestaandId = (await json(aanmelding)).id as string;

    const bsnNieuw = testBsn();
    const items = [
      kennisgeving(bsnNieuw, { referentie: 'DUO-KG-0001' }),
      kennisgeving(testBsn(), { doelgroep: 'overige_migrant' }),
      kennisgeving('123456780', { kennisgevingsdatum: '2026-02-30' }),
      // A gemeente this feed client does not serve.
      kennisgeving(testBsn(), { gemeente: 'GM0363' }),
      kennisgeving(bsnBestaand),
      // The rulebook refuses a kennisgeving in the future (its code, nothing started).
      kennisgeving(testBsn(), { kennisgevingsdatum: addDays(vandaag, 5) }),
    ];
    const eerste = await http.post('/api/v1/feeds/duo/kennisgevingen', { items }, duo);
    expect(eerste.status).toBe(200);
    const antwoord = await json(eerste);
    expect(antwoord.resultaten.map((r: Json) => r.uitkomst)).toEqual([
      'aangemaakt',
      'aangemaakt',
      'ongeldig',
      'ongeldig',
      'bestaand',
      'afgewezen',
    ]);
    expect(antwoord.afgeleverd).toBe(2);
    expect(antwoord.resultaten[0].commandId).toBe('duo:kennisgeving:DUO-KG-0001');
    expect(antwoord.resultaten[2].fouten.map((f: Json) => f.veld).sort()).toEqual([
      'bsn',
      'kennisgevingsdatum',
    ]);
    expect(antwoord.resultaten[3].fouten).toEqual([
      { veld: 'gemeente', melding: 'deze gemeente bedient deze feed-client niet' },
    ]);
    expect(antwoord.resultaten[4].trajectId).toBe(bestaandId);
    expect(antwoord.resultaten[5].code).toBe('DATUM_IN_TOEKOMST');
    // BSNs only in the request body: never in a result.
    const tekst = JSON.stringify(antwoord);
    for (const i of items) expect(tekst).not.toContain(i.bsn);

    // The traject is the person's, with the kennisgeving's facts; the casemanager sees the name.
    const nieuwId = antwoord.resultaten[0].trajectId as string;
    const traject = await http.get(`/api/v1/trajecten/${nieuwId}`, cm);
    expect(traject.inburgeraar.naam).toBe(`Testa Kennisgeving-${bsnNieuw.slice(0, 3)}`);
    expect(traject.status.state).toMatchObject({
      gemeente: GEMEENTE,
      doelgroep: 'gezinsmigrant',
      kennisgevingsdatum: addDays(vandaag, -10),
    });
    expect(traject.workflowId).not.toContain(bsnNieuw);

    // The same batch again: the same trajecten reported, nothing started or registered twice.
    const tweede = await json(await http.post('/api/v1/feeds/duo/kennisgevingen', { items }, duo));
    expect(tweede.resultaten.map((r: Json) => r.uitkomst)).toEqual([
      'bestaand',
      'bestaand',
      'ongeldig',
      'ongeldig',
      'bestaand',
      'afgewezen',
    ]);
    expect(tweede.resultaten.map((r: Json) => r.trajectId)).toEqual(
      antwoord.resultaten.map((r: Json) => r.trajectId),
    );
    const aanmeldingen = await http.telling(
      "SELECT count(*)::int AS n FROM audit_event WHERE actie = 'aanmelden' AND command_id LIKE 'duo:kennisgeving:%' AND uitkomst = 'geaccepteerd'",
      [],
      2,
    );
    expect(aanmeldingen).toBe(2);
    const personen = await system.dataSource.query('SELECT count(*)::int AS n FROM inburgeraar');
    expect(personen[0].n).toBe(3);
    const trajecten = await system.dataSource.query(
      'SELECT count(*)::int AS n FROM traject_persoon tp JOIN inburgeraar i ON i.id = tp.inburgeraar_id',
    );
    expect(trajecten[0].n).toBe(3);
    // The refusals never reached a rulebook: audited by the API (the gemeente, the existing traject).
    const geweigerd = await system.dataSource.query(
      "SELECT code, count(*)::int AS n FROM audit_event WHERE rol = 'feed' AND uitkomst = 'afgewezen' GROUP BY code ORDER BY code",
    );
    expect(geweigerd).toEqual([
      { code: 'DATUM_IN_TOEKOMST', n: 2 },
      { code: 'GEMEENTE_NIET_TOEGESTAAN', n: 2 },
      { code: 'TRAJECT_BESTAAT_AL', n: 2 },
    ]);
    // The lookups by BSN are processing of personal data: logged per person, without the BSN.
    const verwerkingen = await system.dataSource.query(
      "SELECT count(*)::int AS n FROM verwerking WHERE actie_naam = 'duo-levering op bsn'",
    );
    expect(verwerkingen[0].n).toBeGreaterThanOrEqual(2);
    const audit = JSON.stringify(await system.dataSource.query('SELECT * FROM audit_event'));
    for (const i of items) expect(audit).not.toContain(i.bsn);
  });

  it('OpenAPI: elke keten-feed met het zod-schema van zijn items (hoogstens 1000)', async () => {
    const spec = await json(await fetch(`${system.baseUrl}/api/docs/openapi.json`));
    const items = (pad: string) =>
      spec.paths[pad].post.requestBody.content['application/json'].schema.properties.items;
    const kg = items('/api/v1/feeds/duo/kennisgevingen');
    expect(kg.maxItems).toBe(1000);
    expect(kg.items.required).toEqual(
      expect.arrayContaining([
        'referentie',
        'bsn',
        'achternaam',
        'geboortedatum',
        'doelgroep',
        'kennisgevingsdatum',
        'gemeente',
      ]),
    );
    expect(kg.items.additionalProperties).toBe(false);
    const coa = items('/api/v1/feeds/coa/koppelingen');
    expect(Object.keys(coa.items.properties)).toEqual(
      expect.arrayContaining([
        'bsn',
        'vnummer',
        'koppelingsdatum',
        'azc',
        'voorinburgeringGevolgd',
        'verwachteHuisvestingsdatum',
      ]),
    );
    const brp = items('/api/v1/feeds/brp/mutaties');
    expect(JSON.stringify(brp.items)).toContain('emigratie');
    expect(brp.maxItems).toBe(1000);
  });

  it('een feed-client levert alleen voor de eigen bron: COA en BRP niet op de DUO-routes, DUO niet op die van COA', async () => {
    const items = [kennisgeving(testBsn())];
    for (const bron of ['coa', 'brp'] as const) {
      const ander = await bearer({ rol: 'feed', bron, gemeente: GEMEENTE });
      for (const route of ['kennisgevingen', 'examenresultaten', 'besluiten']) {
        const res = await http.post(`/api/v1/feeds/duo/${route}`, { items }, ander);
        expect(res.status).toBe(403);
        expect((await json(res)).code).toBe('FEED_ANDERE_BRON');
      }
    }
    const res = await http.post('/api/v1/feeds/coa/koppelingen', { items }, duo);
    expect(res.status).toBe(403);
    expect((await json(res)).code).toBe('FEED_ANDERE_BRON');
    expect((await http.post('/api/v1/feeds/brp/mutaties', { items }, duo)).status).toBe(403);
    // Nothing was registered by the refused calls.
    const personen = await system.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_event WHERE actie = 'aanmelden' AND rol = 'feed' AND command_id NOT LIKE 'duo:%'",
    );
    expect(personen[0].n).toBe(0);
  });
});
