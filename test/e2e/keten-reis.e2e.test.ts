import { randomUUID } from 'node:crypto';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { ketenHttp, testBsn, testVnummer } from '../support/keten';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(240_000);

/**
 * Issue 15, the journey over HTTP only: a statushouder traject started by a COA koppeling, fed by DUO
 * (kennisgeving, exam results) and the BRP, worked by the casemanager, reaches voldaan.
 */
const GEMEENTE = 'GM0518';
const vandaag = datumVanInstant(Date.now());
const dag = (n: number) => addDays(vandaag, n);

let system: RunningSystem;
let http: ReturnType<typeof ketenHttp>;
let cm: { authorization: string };

beforeAll(async () => {
  system = await startSystem();
  http = ketenHttp(system);
  cm = await bearer({ rol: 'casemanager', gemeente: GEMEENTE, sub: 'cm-reis' });
});
afterAll(async () => {
  await system?.stop();
});

async function feed(bron: 'duo' | 'coa' | 'brp', route: string, items: unknown[]): Promise<Json[]> {
  const res = await http.post(
    `/api/v1/feeds/${bron}/${route}`,
    { items },
    await bearer({ rol: 'feed', bron, gemeente: GEMEENTE, sub: `${bron}-reis` }),
  );
  expect(res.status).toBe(200);
  return (await json(res)).resultaten;
}

async function commando(id: string, route: string, body: Record<string, unknown>): Promise<Json> {
  const res = await http.post(
    `/api/v1/trajecten/${id}/${route}`,
    { commandId: `reis-${randomUUID()}`, ...body },
    cm,
  );
  expect(res.status).toBe(200);
  return json(res);
}

it('COA start het traject, DUO en de BRP voeden het, de casemanager werkt het af: voldaan', async () => {
  const bsn = testBsn();
  const vnummer = testVnummer();

  // 1. COA: the koppeling starts the asielstatushouder's traject, with the overdrachtsgesprek task.
  const [gekoppeld] = await feed('coa', 'koppelingen', [
    {
      referentie: 'COA-REIS-1',
      bsn,
      vnummer,
      gemeente: GEMEENTE,
      koppelingsdatum: dag(-35),
      azc: 'AZC-BUDEL',
      voorinburgeringGevolgd: true,
      verwachteHuisvestingsdatum: dag(20),
      persoon: { voornamen: 'Reza', achternaam: 'Reis', geboortedatum: '1994-09-09' },
      kennisgevingsdatum: dag(-40),
    },
  ]);
  expect(gekoppeld.uitkomst).toBe('aangemaakt');
  const id = gekoppeld.trajectId as string;
  let s = await http.totdat(id, cm, (st) => st.openTaken.length === 1);
  expect(s.state).toMatchObject({
    fase: 'aangemeld',
    doelgroep: 'asielstatushouder',
    koppelingsdatum: dag(-35),
  });

  // 2. DUO's kennisgeving of the same person reports the traject that is there.
  const [kennisgeving] = await feed('duo', 'kennisgevingen', [
    {
      referentie: 'DUO-REIS-1',
      bsn,
      voornamen: 'Reza',
      achternaam: 'Reis',
      geboortedatum: '1994-09-09',
      doelgroep: 'asielstatushouder',
      kennisgevingsdatum: dag(-40),
      gemeente: GEMEENTE,
    },
  ]);
  expect(kennisgeving).toMatchObject({ uitkomst: 'bestaand', trajectId: id });

  // 3. BRP: the inschrijving moves the PIP clock.
  const [inschrijving] = await feed('brp', 'mutaties', [
    { soort: 'inschrijving', referentie: 'BRP-REIS-1', bsn, gemeente: GEMEENTE, datum: dag(-30) },
  ]);
  expect(inschrijving.uitkomst).toBe('afgeleverd');
  await http.totdat(id, cm, (st) => st.state.brpDatum === dag(-30));

  // 4. The casemanager takes the traject, holds the overdrachtsgesprek (closes the task), intake, PIP, aanbod.
  await commando(id, 'casemanager', { casemanager: 'cm-reis' });
  // The task list is the read model, written by the workflow's activities after the command's answer.
  let overdracht: Json | undefined;
  for (let poging = 0; poging < 100 && !overdracht; poging += 1) {
    const taken = await http.get('/api/v1/taken', cm);
    overdracht = taken.items.find((t: Json) => t.trajectId === id && t.soort === 'overdrachtsgesprek');
    if (!overdracht) await new Promise((r) => setTimeout(r, 100));
  }
  expect(overdracht).toBeDefined();
  expect((await http.post(`/api/v1/taken/${overdracht?.id}/afronden`, {}, cm)).status).toBe(200);
  await commando(id, 'intake', { datum: dag(-20) });
  await commando(id, 'pip', { dagtekening: dag(-15), leerroute: 'b1' });
  s = (await commando(id, 'aanbod', { datum: dag(-10) })).status;
  expect(s.state.fase).toBe('in_leerroute');
  expect(s.openTaken.map((t: Json) => t.soort)).not.toContain('overdrachtsgesprek');

  // 5. DUO: exam results by BSN; the casemanager records MAP and PVT.
  const examens = await feed(
    'duo',
    'examenresultaten',
    [
      ...['lezen', 'luisteren', 'schrijven', 'spreken'].map((component) => ({ component, niveau: 'B1' })),
      { component: 'knm' },
    ].map((e, i) => ({ referentie: `DUO-EX-${i}`, bsn, behaald: true, datum: dag(-3), ...e })),
  );
  expect(examens.map((r) => r.uitkomst)).toEqual(Array(5).fill('afgeleverd'));
  expect(examens.every((r) => r.trajectId === id)).toBe(true);
  await http.totdat(id, cm, (st) => st.state.examenresultaten.length === 5);
  await commando(id, 'onderdelen', { onderdeel: 'map', datum: dag(-2) });
  const eind = await commando(id, 'onderdelen', { onderdeel: 'pvt', datum: dag(-1) });
  expect(eind.status.state.fase).toBe('voldaan');

  // The tijdlijn tells the chain's story; it never names the person or the azc.
  const tijdlijn = JSON.stringify((await http.get(`/api/v1/trajecten/${id}/tijdlijn`, cm)).regels);
  expect(tijdlijn).toContain('Koppeling door het COA');
  expect(tijdlijn).toContain('Inschrijving BRP');
  for (const geheim of [bsn, vnummer, 'Reza', 'AZC-BUDEL']) expect(tijdlijn).not.toContain(geheim);
});
