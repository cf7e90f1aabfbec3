import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Bevriezer, startBevriezer } from '../support/bevriezer';
import { type Json, json } from '../support/http';
import { ketenHttp, testBsn } from '../support/keten';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(240_000);

/**
 * Issue 15 (tests): "partial 503" per feed against the real stack. The API reaches the real Temporal dev
 * server through a proxy that freezes in the middle of a batch (the worker goes direct): what Temporal
 * took before is `afgeleverd`, the rest `niet_afgeleverd`, the answer 503 with Retry-After and every
 * item's result. The same batch sent again is then delivered whole and applied once per traject.
 */
const GEMEENTE = 'GM0599';
const AANTAL = 40;
const vandaag = datumVanInstant(Date.now());
const dag = (n: number) => addDays(vandaag, n);

let proxy: Bevriezer;
let system: RunningSystem;
let http: ReturnType<typeof ketenHttp>;
let cm: { authorization: string };
const trajecten: { id: string; bsn: string; versie: number }[] = [];
/** The control traject: gets each feed's item alone, to measure what one application does. */
let extra: { id: string; bsn: string; versie: number };

beforeAll(async () => {
  const address = process.env.E2E_TEMPORAL_ADDRESS;
  if (!address) throw new Error('e2e global setup heeft geen servers gestart');
  proxy = await startBevriezer(address);
  system = await startSystem({ apiTemporalAddress: proxy.adres });
  http = ketenHttp(system);
  cm = await bearer({ rol: 'casemanager', gemeente: GEMEENTE, sub: 'cm-deels' });
  // Asielstatushouders (COA may link them) with a PIP (DUO's exam results apply), over HTTP.
  for (let i = 0; i <= AANTAL; i += 1) {
    const bsn = testBsn();
    const { id } = await http.trajectMetPip(cm, {
      gemeente: GEMEENTE,
      vandaag,
      inburgeraar: { bsn, voornamen: 'Dina', achternaam: `Deels${i}`, geboortedatum: '1990-01-01' },
    });
    if (i === AANTAL) extra = { id, bsn, versie: 0 };
    else trajecten.push({ id, bsn, versie: 0 });
  }
});

afterAll(async () => {
  proxy?.ontdooi();
  await system?.stop();
  await proxy?.stop();
});

/** Each traject's versie now (the workflow's, through the API). */
async function versies(): Promise<void> {
  for (const t of trajecten) t.versie = (await http.status(t.id, cm)).versie;
}

/**
 * Sends `items` and freezes Temporal for the API `na` ms later, until the answer is in. Tries other
 * moments until the answer is partial: some items delivered, some not (too late: all delivered; too
 * early: none).
 */
async function deels(pad: string, token: Record<string, string>, items: unknown[]): Promise<Json> {
  let na = 150;
  const gezien: string[] = [];
  for (let poging = 0; poging < 8; poging += 1) {
    const antwoord = http.post(pad, { items }, token);
    await new Promise((r) => setTimeout(r, na));
    proxy.bevries();
    let res: Response;
    try {
      res = await antwoord;
    } finally {
      proxy.ontdooi();
    }
    const body = await json(res);
    const uitkomsten: string[] = (body.resultaten ?? []).map((r: Json) => r.uitkomst);
    const afgeleverd = uitkomsten.filter((u) => u === 'afgeleverd').length;
    const soorten = [...new Set(uitkomsten)].join(',');
    gezien.push(`${na} ms → ${res.status} ${afgeleverd}/${items.length} (${soorten || body.code})`);
    if (res.status === 503 && afgeleverd > 0 && afgeleverd < items.length) {
      expect(res.headers.get('retry-after')).toBe('10');
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      return body;
    }
    // Let the worker and the connection settle before the next try.
    await new Promise((r) => setTimeout(r, 500));
    na = afgeleverd === 0 ? na * 2 : Math.max(5, Math.floor(na / 2));
  }
  throw new Error(`nooit een gedeeltelijke levering: ${gezien.join('; ')}`);
}

/** The 503's body: one result per item at its index, only the two delivery outcomes, in Dutch. */
function verwachtDeels(body: Json, aantal: number): void {
  expect(body.status).toBe(503);
  expect(body.code).toBe('TEMPORAL_ONBEREIKBAAR');
  expect(body.detail ?? body.title).toMatch(/opnieuw/);
  expect(body.resultaten.map((r: Json) => r.index)).toEqual(Array.from({ length: aantal }, (_, i) => i));
  expect(new Set(body.resultaten.map((r: Json) => r.uitkomst))).toEqual(
    new Set(['afgeleverd', 'niet_afgeleverd']),
  );
}

/** The whole batch again, Temporal reachable: 200, everything delivered. */
async function opnieuw(pad: string, token: Record<string, string>, items: unknown[]): Promise<void> {
  const res = await http.post(pad, { items }, token);
  const body = await json(res);
  expect(res.status).toBe(200);
  expect(body.resultaten.every((r: Json) => r.uitkomst === 'afgeleverd')).toBe(true);
}

/**
 * Every traject applied the feed's command exactly once: `klaar` holds, and its versie (which counts
 * events) went up by as much as one application raises it, measured on a control traject that got the
 * same kind of item once, with Temporal reachable (a koppeling makes two events, an exam result one).
 */
async function eenmaalToegepast(
  klaar: (s: Json) => boolean,
  controle: { pad: string; token: Record<string, string>; item: unknown },
): Promise<void> {
  const voor = (await http.status(extra.id, cm)).versie;
  await opnieuw(controle.pad, controle.token, [controle.item]);
  const eenmaal = (await http.totdat(extra.id, cm, klaar)).versie - voor;
  expect(eenmaal).toBeGreaterThan(0);
  for (const t of trajecten) {
    const s = await http.totdat(t.id, cm, klaar);
    // A moment for a second application to show up, had there been one.
    await new Promise((r) => setTimeout(r, 20));
    expect((await http.status(t.id, cm)).versie).toBe(s.versie);
    expect(s.versie - t.versie).toBe(eenmaal);
  }
}

describe('een feed die Temporal maar voor een deel aanneemt: 503 met het resultaat per item, en nogmaals telt één keer', () => {
  it('DUO examenresultaten', async () => {
    await versies();
    const duo = await bearer({ rol: 'feed', bron: 'duo', gemeente: GEMEENTE, sub: 'duo-deels' });
    const item = (t: { id: string }, i: number | string) => ({
      referentie: `DUO-DEELS-${i}`,
      trajectId: t.id,
      component: 'lezen',
      niveau: 'B1',
      behaald: true,
      datum: dag(-2),
    });
    const items = trajecten.map(item);
    verwachtDeels(await deels('/api/v1/feeds/duo/examenresultaten', duo, items), items.length);
    await opnieuw('/api/v1/feeds/duo/examenresultaten', duo, items);
    await eenmaalToegepast((s) => s.state.examenresultaten.length === 1, {
      pad: '/api/v1/feeds/duo/examenresultaten',
      token: duo,
      item: item(extra, 'controle'),
    });
  });

  it('BRP mutaties (inschrijving op BSN)', async () => {
    await versies();
    const brp = await bearer({ rol: 'feed', bron: 'brp', gemeente: GEMEENTE, sub: 'brp-deels' });
    const item = (t: { bsn: string }, i: number | string) => ({
      soort: 'inschrijving',
      referentie: `BRP-DEELS-${i}`,
      bsn: t.bsn,
      gemeente: GEMEENTE,
      datum: dag(-50),
    });
    const items = trajecten.map(item);
    verwachtDeels(await deels('/api/v1/feeds/brp/mutaties', brp, items), items.length);
    await opnieuw('/api/v1/feeds/brp/mutaties', brp, items);
    await eenmaalToegepast((s) => s.state.brpDatum === dag(-50), {
      pad: '/api/v1/feeds/brp/mutaties',
      token: brp,
      item: item(extra, 'controle'),
    });
  });

  it('COA koppelingen (op BSN)', async () => {
    await versies();
    const coa = await bearer({ rol: 'feed', bron: 'coa', gemeente: GEMEENTE, sub: 'coa-deels' });
    const item = (t: { bsn: string }, i: number | string) => ({
      referentie: `COA-DEELS-${i}`,
      bsn: t.bsn,
      gemeente: GEMEENTE,
      koppelingsdatum: dag(-55),
      azc: 'AZC-ZWOLLE',
      voorinburgeringGevolgd: true,
      verwachteHuisvestingsdatum: dag(30),
    });
    const items = trajecten.map(item);
    verwachtDeels(await deels('/api/v1/feeds/coa/koppelingen', coa, items), items.length);
    await opnieuw('/api/v1/feeds/coa/koppelingen', coa, items);
    await eenmaalToegepast((s) => s.state.koppelingsdatum === dag(-55), {
      pad: '/api/v1/feeds/coa/koppelingen',
      token: coa,
      item: item(extra, 'controle'),
    });
  });
});
