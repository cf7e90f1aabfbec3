import { randomUUID } from 'node:crypto';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { OVERDRACHTSGESPREK_DAGEN_VOOR_HUISVESTING } from '../../domain/traject/regels/aanmelding';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { ketenHttp, testBsn, testVnummer } from '../support/keten';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(180_000);

/** Issue 15, point 2: COA's koppeling links or starts the asielstatushouder's traject, over HTTP. */
const GEMEENTE = 'GM0518';
const vandaag = datumVanInstant(Date.now());
const huisvesting = addDays(vandaag, 30);
const uiterlijk = addDays(huisvesting, -OVERDRACHTSGESPREK_DAGEN_VOOR_HUISVESTING);

let system: RunningSystem;
let http: ReturnType<typeof ketenHttp>;
let cm: { authorization: string };
let tl: { authorization: string };
let coa: { authorization: string };

beforeAll(async () => {
  system = await startSystem();
  http = ketenHttp(system);
  cm = await bearer({ rol: 'casemanager', gemeente: GEMEENTE, sub: 'cm-coa' });
  tl = await bearer({ rol: 'teamleider', gemeente: GEMEENTE, sub: 'tl-coa' });
  coa = await bearer({ rol: 'feed', bron: 'coa', gemeente: GEMEENTE, sub: 'coa-keten' });
});
afterAll(async () => {
  await system?.stop();
});

const koppeling = (over: Record<string, unknown>) => ({
  referentie: `COA-${randomUUID().slice(0, 8)}`,
  gemeente: GEMEENTE,
  koppelingsdatum: addDays(vandaag, -3),
  azc: 'AZC-ZWOLLE',
  voorinburgeringGevolgd: true,
  verwachteHuisvestingsdatum: huisvesting,
  ...over,
});

async function takenVan(trajectId: string): Promise<Json[]> {
  return (await http.get(`/api/v1/taken?trajectId=${trajectId}&casemanager=alle`, tl)).items;
}

async function wachtOpTaak(trajectId: string): Promise<Json[]> {
  for (let i = 0; i < 100; i += 1) {
    const taken = (await takenVan(trajectId)).filter((t) => t.soort === 'overdrachtsgesprek');
    if (taken.length > 0) {
      await new Promise((r) => setTimeout(r, 300));
      return (await takenVan(trajectId)).filter((t) => t.soort === 'overdrachtsgesprek');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('geen taak overdrachtsgesprek');
}

describe('POST /feeds/coa/koppelingen', () => {
  it('koppelt het lopende traject (op V-nummer) en start er een voor een nieuwe persoon; nogmaals telt één keer', async () => {
    const vnummer = testVnummer();
    const aanmelding = await http.post(
      '/api/v1/trajecten',
      {
        commandId: `cm-${randomUUID()}`,
        gemeente: GEMEENTE,
        doelgroep: 'asielstatushouder',
        kennisgevingsdatum: addDays(vandaag, -20),
        inburgeraar: {
          bsn: testBsn(),
          vnummer,
          voornamen: 'Vera',
          achternaam: 'Vnummer',
          geboortedatum: '1992-04-05',
        },
      },
      cm,
    );
    expect(aanmelding.status).toBe(201);
    const bestaandId = (await json(aanmelding)).id as string;
    const bsnNieuw = testBsn();
    const items = [
      koppeling({ referentie: 'COA-K-0001', vnummer }),
      koppeling({
        bsn: bsnNieuw,
        persoon: { voornamen: 'Nadia', achternaam: 'Nieuw', geboortedatum: '1995-06-07' },
        kennisgevingsdatum: addDays(vandaag, -5),
      }),
      // Unknown person, and nothing to start a traject with.
      koppeling({ bsn: testBsn() }),
      // A gemeente this COA client does not serve.
      koppeling({ bsn: testBsn(), gemeente: 'GM0363' }),
      koppeling({ azc: 'azc in Zwolle!' }),
    ];
    const eerste = await http.post('/api/v1/feeds/coa/koppelingen', { items }, coa);
    expect(eerste.status).toBe(200);
    const antwoord = await json(eerste);
    expect(antwoord.resultaten.map((r: Json) => r.uitkomst)).toEqual([
      'afgeleverd',
      'aangemaakt',
      'onbekend_traject',
      'ongeldig',
      'ongeldig',
    ]);
    expect(antwoord.resultaten[0]).toMatchObject({
      trajectId: bestaandId,
      commandId: 'coa:koppeling:COA-K-0001',
    });
    expect(antwoord.resultaten[3].fouten).toEqual([
      { veld: 'gemeente', melding: 'deze gemeente bedient deze feed-client niet' },
    ]);
    expect(antwoord.resultaten[4].fouten.map((f: Json) => f.veld).sort()).toEqual(['azc', 'bsn']);
    expect(JSON.stringify(antwoord)).not.toContain(bsnNieuw);
    expect(JSON.stringify(antwoord)).not.toContain(vnummer);
    const nieuwId = antwoord.resultaten[1].trajectId as string;

    // Both trajecten have the koppeling and a task "overdrachtsgesprek plannen" before the housing date.
    for (const id of [bestaandId, nieuwId]) {
      const s = await http.totdat(id, cm, (st) => st.state.koppelingsdatum === addDays(vandaag, -3));
      expect(s.state.doelgroep).toBe('asielstatushouder');
      expect(s.openTaken).toEqual([
        expect.objectContaining({ soort: 'overdrachtsgesprek', vervaldatum: uiterlijk, regel: 'koppeling' }),
      ]);
      const taken = await wachtOpTaak(id);
      expect(taken).toEqual([
        expect.objectContaining({ soort: 'overdrachtsgesprek', vervaldatum: uiterlijk, actie: 'taak' }),
      ]);
    }
    const nieuw = await http.get(`/api/v1/trajecten/${nieuwId}`, cm);
    expect(nieuw.inburgeraar.naam).toBe('Nadia Nieuw');

    // The same batch again: the new traject is found now, nothing is applied or created twice.
    const tweede = await json(await http.post('/api/v1/feeds/coa/koppelingen', { items }, coa));
    expect(tweede.resultaten.map((r: Json) => r.uitkomst)).toEqual([
      'afgeleverd',
      'afgeleverd',
      'onbekend_traject',
      'ongeldig',
      'ongeldig',
    ]);
    expect(tweede.resultaten[1].trajectId).toBe(nieuwId);
    for (const id of [bestaandId, nieuwId]) {
      expect(
        await http.telling(
          "SELECT count(*)::int AS n FROM audit_event WHERE traject_id = $1 AND actie = 'registreerKoppeling'",
          [id],
        ),
      ).toBe(1);
      expect(await wachtOpTaak(id)).toHaveLength(1);
      expect((await http.status(id, cm)).openTaken).toHaveLength(1);
    }
    const personen = await system.dataSource.query('SELECT count(*)::int AS n FROM inburgeraar');
    expect(personen[0].n).toBe(2);
    const geweigerd = await system.dataSource.query(
      "SELECT code, count(*)::int AS n FROM audit_event WHERE rol = 'feed' AND uitkomst = 'afgewezen' GROUP BY code ORDER BY code",
    );
    expect(geweigerd).toEqual([
      { code: 'GEMEENTE_NIET_TOEGESTAAN', n: 2 },
      { code: 'ONBEKEND_TRAJECT', n: 2 },
    ]);
    const verwerkingen = await system.dataSource.query(
      "SELECT count(*)::int AS n FROM verwerking WHERE actie_naam = 'coa-levering op bsn'",
    );
    expect(verwerkingen[0].n).toBeGreaterThanOrEqual(2);
  });

  it('een koppeling voor een traject in een gemeente die de client niet bedient, of zonder bsn en v-nummer: niets gewijzigd', async () => {
    const res = await http.post(
      '/api/v1/feeds/coa/koppelingen',
      { items: [koppeling({}), koppeling({ bsn: testBsn(), gemeente: 'GM0599' })] },
      coa,
    );
    const body = await json(res);
    expect(body.resultaten.map((r: Json) => r.uitkomst)).toEqual(['ongeldig', 'ongeldig']);
    expect(body.resultaten[0].fouten.map((f: Json) => f.veld)).toEqual(['bsn']);
    // A COA client on the DUO and BRP routes: 403.
    for (const route of ['duo/kennisgevingen', 'duo/examenresultaten', 'brp/mutaties']) {
      const r = await http.post(`/api/v1/feeds/${route}`, { items: [koppeling({})] }, coa);
      expect(r.status).toBe(403);
      expect((await json(r)).code).toBe('FEED_ANDERE_BRON');
    }
  });
});
