import { randomUUID } from 'node:crypto';
import { FeedLeveringService } from '../../api/feeds/leveringen.service';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { FeedLeveringRepository } from '../../platform/persistence/repositories';
import { bearer } from '../support/auth';
import { type Bevriezer, startBevriezer } from '../support/bevriezer';
import { type Json, json } from '../support/http';
import { ketenHttp, testBsn } from '../support/keten';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(180_000);

/**
 * Issue 14: a feed batch handed over with `Prefer: respond-async` is stored and answered 202; the
 * API's deliverer delivers it with the synchronous path's code. Against the real stack (Postgres,
 * the Temporal dev server, a worker); the API reaches Temporal through a proxy that can freeze.
 */
const GEMEENTE = 'GM0518';
const vandaag = datumVanInstant(Date.now());
const dag = (n: number) => addDays(vandaag, n);
const PAD = '/api/v1/feeds/duo/examenresultaten';

let proxy: Bevriezer;
let system: RunningSystem;
let http: ReturnType<typeof ketenHttp>;
let cm: Record<string, string>;
let duo: Record<string, string>;
let bezorger: FeedLeveringService;

beforeAll(async () => {
  const address = process.env.E2E_TEMPORAL_ADDRESS;
  if (!address) throw new Error('e2e global setup heeft geen servers gestart');
  proxy = await startBevriezer(address);
  system = await startSystem({ apiTemporalAddress: proxy.adres });
  http = ketenHttp(system);
  bezorger = system.app.get(FeedLeveringService);
  cm = await bearer({ rol: 'casemanager', gemeente: GEMEENTE, sub: 'cm-async' });
  duo = await bearer({ rol: 'feed', bron: 'duo', gemeente: GEMEENTE, sub: 'duo-async' });
});

afterAll(async () => {
  proxy?.ontdooi();
  await system?.stop();
  await proxy?.stop();
});

/** A traject with a PIP (exam results apply), with a person when `bsn` is given. */
async function trajectMetPip(gemeente = GEMEENTE, headers = cm, bsn?: string): Promise<string> {
  const inburgeraar = bsn
    ? { bsn, voornamen: 'Asha', achternaam: 'Later', geboortedatum: '1991-02-03' }
    : undefined;
  return (await http.trajectMetPip(headers, { gemeente, vandaag, inburgeraar })).id;
}

const examen = (ref: string, doel: { trajectId: string } | { bsn: string }, component = 'lezen') => ({
  referentie: ref,
  ...doel,
  component,
  ...(component === 'knm' ? {} : { niveau: 'B1' }),
  behaald: true,
  datum: dag(-2),
});

async function neemAan(items: unknown[]): Promise<{ id: string; location: string }> {
  const res = await http.post(PAD, { items }, { ...duo, prefer: 'respond-async' });
  expect(res.status).toBe(202);
  expect(res.headers.get('preference-applied')).toBe('respond-async');
  const body = await json(res);
  const location = res.headers.get('location') as string;
  expect(location).toBe(`/api/v1/feeds/duo/leveringen/${body.id}`);
  expect(body).toEqual({
    id: body.id,
    status: 'in_behandeling',
    ontvangen: items.length,
    statusUrl: location,
  });
  return { id: body.id, location };
}

async function levering(location: string, headers = duo): Promise<Response> {
  return fetch(`${system.baseUrl}${location}`, { headers });
}

/** Polls the status URL until the batch is done. */
async function totKlaar(location: string): Promise<Json> {
  for (let i = 0; i < 600; i += 1) {
    const body = await json(await levering(location));
    if (body.status === 'klaar') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('de levering werd niet op tijd afgeleverd');
}

/** A line of /metrics (national operations may read it), e.g. the backlog gauge. */
async function metriek(naam: string): Promise<number> {
  const ops = await bearer({ rol: 'operations', gemeente: '*', sub: 'ops-async' });
  const tekst = await (await fetch(`${system.baseUrl}/metrics`, { headers: ops })).text();
  const regel = tekst.split('\n').find((r) => r.startsWith(`${naam} `));
  return regel ? Number(regel.slice(naam.length + 1)) : Number.NaN;
}

const auditRijen = (commandIds: string[]) =>
  http.telling(
    `SELECT count(*)::int AS n FROM audit_event WHERE command_id = ANY($1) AND bron = 'api'`,
    [commandIds],
    0,
  );

describe('een feed-levering met Prefer: respond-async', () => {
  it('202 met de status-URL; opgeslagen versleuteld; daarna per item het resultaat van het synchrone pad, elk item één keer', async () => {
    const bsn = testBsn();
    const id = await trajectMetPip(GEMEENTE, cm, bsn);
    const anders = await trajectMetPip('GM0363', await bearer({ rol: 'casemanager', gemeente: 'GM0363' }));
    const items = [
      examen('ASYNC-1', { trajectId: id }, 'lezen'),
      examen('ASYNC-2', { trajectId: id }, 'luisteren'),
      examen('ASYNC-3', { bsn }, 'knm'),
      { trajectId: id, component: 'rekenen', behaald: true, datum: '2025-02-30', bsn: '123456789' },
      examen('ASYNC-5', { trajectId: randomUUID() }),
      examen('ASYNC-6', { trajectId: anders }),
    ];

    // The deliverer is stopped: what was accepted waits in Postgres, as after a crash right after the 202.
    await bezorger.stop();
    const { id: leveringId, location } = await neemAan(items);
    const wachtend = await levering(location);
    expect(wachtend.status).toBe(200);
    expect(wachtend.headers.get('retry-after')).toBe('1');
    expect(await json(wachtend)).toMatchObject({ status: 'in_behandeling', ontvangen: 6, resultaten: null });
    const [rij] = await system.dataSource.query('SELECT items, gebruiker FROM feed_levering WHERE id = $1', [
      leveringId,
    ]);
    // The BSNs are in the batch, but not readable in the table; the ciphertext names its key.
    expect(rij.items).toMatch(/^m:[^|]+\|/);
    expect(rij.items).not.toContain(bsn);
    expect(rij.items).not.toContain('123456789');
    expect(rij.gebruiker).toMatchObject({ sub: 'duo-async', rol: 'feed', bron: 'duo', gemeente: GEMEENTE });
    // Operations sees the backlog.
    expect(await metriek('inburgering_feed_leveringen_wachtend')).toBe(1);
    // … and how long its oldest batch has waited (the alert rules in ops/prometheus/ watch it).
    const oudste = await metriek('inburgering_feed_levering_oudste_wachtend_seconden');
    expect(oudste).toBeGreaterThan(0);
    expect(oudste).toBeLessThan(60);
    expect(
      await metriek('inburgering_feed_leveringen_totaal{soort="duo-examenresultaten",afloop="aangenomen"}'),
    ).toBe(1);

    // Only the client that sent it reads it: another feed client and an unknown id get the same 404.
    const ander = await levering(
      location,
      await bearer({ rol: 'feed', bron: 'duo', gemeente: GEMEENTE, sub: 'duo-ander' }),
    );
    expect(ander.status).toBe(404);
    expect((await json(ander)).code).toBe('ONBEKENDE_LEVERING');
    expect((await levering(`/api/v1/feeds/duo/leveringen/${randomUUID()}`)).status).toBe(404);
    expect((await levering('/api/v1/feeds/duo/leveringen/geen-uuid')).status).toBe(404);
    expect((await levering(location, cm)).status).toBe(403);

    // A deliverer starts (the next process, or this one again) and finds the batch.
    bezorger.start();
    const klaar = await totKlaar(location);
    expect(klaar.pogingen).toBe(1);
    expect(klaar.afgeleverd).toBe(3);
    expect(klaar.resultaten.map((r: Json) => r.uitkomst)).toEqual([
      'afgeleverd',
      'afgeleverd',
      'afgeleverd',
      'ongeldig',
      'onbekend_traject',
      'onbekend_traject',
    ]);
    expect(klaar.resultaten[0].commandId).toBe('duo:examen:ASYNC-1');
    expect(klaar.resultaten[2].trajectId).toBe(id);
    expect(JSON.stringify(klaar)).not.toContain(bsn);
    const [na] = await system.dataSource.query('SELECT items FROM feed_levering WHERE id = $1', [leveringId]);
    expect(na.items).toBeNull();
    expect(await metriek('inburgering_feed_leveringen_wachtend')).toBe(0);
    expect(await metriek('inburgering_feed_levering_oudste_wachtend_seconden')).toBe(0);
    expect(
      await metriek('inburgering_feed_leveringen_totaal{soort="duo-examenresultaten",afloop="afgeleverd"}'),
    ).toBe(1);

    const s = await http.totdat(id, cm, (st) => st.state.examenresultaten.length === 3);
    expect(s.state.examenresultaten).toHaveLength(3);
    // The two items no rulebook saw are audited by the API, once each.
    expect(await auditRijen(['duo:examen:ASYNC-5', 'duo:examen:ASYNC-6'])).toBe(2);
  });

  it('de ketenfeeds ook: een DUO-kennisgeving start het traject, een BRP-inschrijving volgt; elke bron leest onder haar eigen pad', async () => {
    const bsn = testBsn();
    const ref = randomUUID().slice(0, 8);
    const kennisgeving = {
      referentie: `KG-ASYNC-${ref}`,
      bsn,
      voornamen: 'Noor',
      achternaam: 'Asynchroon',
      geboortedatum: '1990-05-06',
      doelgroep: 'gezinsmigrant',
      kennisgevingsdatum: dag(-20),
      gemeente: GEMEENTE,
    };
    const res = await http.post(
      '/api/v1/feeds/duo/kennisgevingen',
      { items: [kennisgeving] },
      { ...duo, prefer: 'respond-async' },
    );
    expect(res.status).toBe(202);
    const kg = await totKlaar(res.headers.get('location') as string);
    expect(kg.resultaten).toEqual([
      expect.objectContaining({
        index: 0,
        uitkomst: 'aangemaakt',
        commandId: `duo:kennisgeving:KG-ASYNC-${ref}`,
      }),
    ]);
    const trajectId = kg.resultaten[0].trajectId as string;

    const brp = await bearer({ rol: 'feed', bron: 'brp', gemeente: GEMEENTE, sub: 'brp-async' });
    const mutatie = {
      soort: 'inschrijving',
      referentie: `BRP-ASYNC-${ref}`,
      bsn,
      gemeente: GEMEENTE,
      datum: dag(-10),
    };
    const m = await http.post(
      '/api/v1/feeds/brp/mutaties',
      { items: [mutatie] },
      { ...brp, prefer: 'respond-async' },
    );
    expect(m.status).toBe(202);
    const location = m.headers.get('location') as string;
    expect(location).toMatch(/^\/api\/v1\/feeds\/brp\/leveringen\//);
    // DUO's client reaches neither BRP's path (403, the guard) nor BRP's batch under its own (404).
    expect((await levering(location, duo)).status).toBe(403);
    expect((await levering(location.replace('/brp/', '/duo/'), duo)).status).toBe(404);
    let klaar: Json = {};
    for (let i = 0; i < 600 && klaar.status !== 'klaar'; i += 1) {
      klaar = await json(await levering(location, brp));
      if (klaar.status !== 'klaar') await new Promise((r) => setTimeout(r, 100));
    }
    expect(klaar.resultaten).toEqual([expect.objectContaining({ uitkomst: 'afgeleverd', trajectId })]);
    const s = await http.totdat(trajectId, cm, (st) => st.state.brpDatum === dag(-10));
    expect(s.state.brpDatum).toBe(dag(-10));
  });

  it('een afgeronde levering blijft 30 dagen op te vragen, daarna gaat de rij weg', async () => {
    const id = await trajectMetPip();
    const oud = await neemAan([examen('OUD-1', { trajectId: id })]);
    const nieuw = await neemAan([examen('NIEUW-1', { trajectId: id }, 'spreken')]);
    await totKlaar(oud.location);
    await totKlaar(nieuw.location);
    await system.dataSource.query(
      `UPDATE feed_levering SET klaar_op = now() - interval '31 days' WHERE id = $1`,
      [oud.id],
    );
    expect(await bezorger.ruimOp()).toBe(1);
    expect((await levering(oud.location)).status).toBe(404);
    expect((await levering(nieuw.location)).status).toBe(200);
  });

  it('twee processen met een overlappende lease: één rondt de levering af, de audit telt één keer', async () => {
    const id = await trajectMetPip();
    const items = [examen('LEASE-1', { trajectId: id }), examen('LEASE-2', { trajectId: randomUUID() })];
    await bezorger.stop();
    try {
      // Nothing else waiting: what the two claims take is this batch.
      while (await bezorger.bezorgVolgende());
      const { id: leveringId, location } = await neemAan(items);
      // Process A claims the batch, its lease runs out at once (lease 0), process B claims it too.
      const repo = system.app.get(FeedLeveringRepository);
      const a = await repo.claim(0);
      const b = await repo.claim(0);
      expect([a?.id, b?.id]).toEqual([leveringId, leveringId]);
      const uitkomsten = await Promise.all([
        bezorger.bezorg(a as NonNullable<typeof a>),
        bezorger.bezorg(b as NonNullable<typeof b>),
      ]);
      expect(uitkomsten.sort()).toEqual(['al_klaar', 'klaar']);
      const klaar = await json(await levering(location));
      expect(klaar).toMatchObject({ status: 'klaar', pogingen: 2, afgeleverd: 1 });
      expect(await auditRijen(['duo:examen:LEASE-2'])).toBe(1);
      const s = await http.totdat(id, cm, (st) => st.state.examenresultaten.length === 1);
      await new Promise((r) => setTimeout(r, 300));
      expect((await http.status(id, cm)).versie).toBe(s.versie);
      expect((await http.status(id, cm)).state.examenresultaten).toHaveLength(1);
    } finally {
      bezorger.start();
    }
  });

  it('Temporal onbereikbaar: toch 202; de levering blijft in behandeling en wordt daarna afgeleverd', async () => {
    const id = await trajectMetPip();
    const items = [
      examen('BEVROREN-1', { trajectId: id }),
      examen('BEVROREN-2', { trajectId: id }, 'spreken'),
    ];
    proxy.bevries();
    let location: string;
    try {
      // Accepting needs only Postgres.
      ({ location } = await neemAan(items));
      // The first attempt finds Temporal silent: nothing recorded, the batch put back for later (its
      // next attempt seconds away, no longer the 120 s lease of the attempt in hand).
      const terug = async () =>
        (
          await system.dataSource.query(
            `SELECT pogingen = 1 AND volgende_poging < now() + interval '60 seconds' AS ja
               FROM feed_levering WHERE id = $1`,
            [location.split('/').pop()],
          )
        )[0].ja as boolean;
      for (let i = 0; i < 300 && !(await terug()); i += 1) await new Promise((r) => setTimeout(r, 100));
      expect(await terug()).toBe(true);
      expect(await json(await levering(location))).toMatchObject({
        status: 'in_behandeling',
        pogingen: 1,
        resultaten: null,
      });
    } finally {
      proxy.ontdooi();
    }
    const klaar = await totKlaar(location);
    expect(klaar.pogingen).toBeGreaterThanOrEqual(2);
    expect(
      await metriek(
        'inburgering_feed_leveringen_totaal{soort="duo-examenresultaten",afloop="later_opnieuw"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(klaar.resultaten.map((r: Json) => r.uitkomst)).toEqual(['afgeleverd', 'afgeleverd']);
    const s = await http.totdat(id, cm, (st) => st.state.examenresultaten.length === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect((await http.status(id, cm)).versie).toBe(s.versie);
  });
});
