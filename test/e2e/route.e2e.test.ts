import { randomUUID } from 'node:crypto';
import { ESCALATIE_RONDE_WORKFLOW_TYPE, type EscalatieRondeResultaat } from '../../contract/escalatie-ronde';
import { ROUTE_SJABLONEN } from '../../domain/route';
import { addDays, addIsoWeken, datumVanInstant, isoWeek } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { ketenHttp, testBsn } from '../support/keten';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(240_000);

/**
 * Issue 15 point 7, the gemeente's own route, over HTTP only against the real API, worker, Temporal dev
 * server and Postgres: a Den Haag statushouder started by COA's koppeling, fed by DUO and the
 * taalaanbieder, reaches voldaan with every step of Den Haag's route checked.
 */
const GEMEENTE = 'GM0518';
const AANBIEDER = 'taalschool-route';
const vandaag = datumVanInstant(Date.now());
const dag = (n: number) => addDays(vandaag, n);
const STATUSHOUDER = ROUTE_SJABLONEN.find((r) => r.id === 'denhaag-asielstatushouder');

let system: RunningSystem;
let http: ReturnType<typeof ketenHttp>;
let cm: { authorization: string };
let tl: { authorization: string };
let coa: { authorization: string };
let duo: { authorization: string };
let taalschool: { authorization: string };

beforeAll(async () => {
  system = await startSystem();
  http = ketenHttp(system);
  cm = await bearer({ rol: 'casemanager', gemeente: GEMEENTE, sub: 'cm-route' });
  tl = await bearer({ rol: 'teamleider', gemeente: GEMEENTE, sub: 'tl-route' });
  coa = await bearer({ rol: 'feed', bron: 'coa', gemeente: GEMEENTE, sub: 'coa-route' });
  duo = await bearer({ rol: 'feed', bron: 'duo', gemeente: GEMEENTE, sub: 'duo-route' });
  taalschool = await bearer({
    rol: 'taalaanbieder',
    gemeente: GEMEENTE,
    sub: 'ta-route-1',
    organisatie: AANBIEDER,
  });
});
afterAll(async () => {
  await system?.stop();
});

/** A casemanager's command on the traject; returns the response. */
async function commando(id: string, route: string, body: Record<string, unknown>, commandId = randomUUID()) {
  return http.post(`/api/v1/trajecten/${id}/${route}`, { commandId, ...body }, cm);
}

async function ok(id: string, route: string, body: Record<string, unknown>): Promise<Json> {
  const res = await commando(id, route, body);
  const antwoord = await json(res);
  if (res.status !== 200) throw new Error(`${route}: ${res.status} ${JSON.stringify(antwoord)}`);
  return antwoord;
}

const stap = (s: Json, stapId: string): Json => s.route.stappen.find((x: Json) => x.id === stapId);

async function leesmodelBij(id: string): Promise<void> {
  const versie = (await http.status(id, cm)).versie;
  for (let i = 0; i < 200; i++) {
    const [r] = await system.dataSource.query('SELECT versie FROM traject WHERE id = $1', [id]);
    if (r && r.versie >= versie) return;
    await new Promise((k) => setTimeout(k, 50));
  }
  throw new Error('leesmodel loopt achter');
}

async function nachtelijkeRonde(): Promise<EscalatieRondeResultaat> {
  return (await system.client.workflow.execute(ESCALATIE_RONDE_WORKFLOW_TYPE, {
    workflowId: `route-ronde-${randomUUID()}`,
    taskQueue: system.taskQueue,
    args: [{ peildatum: vandaag }],
  })) as EscalatieRondeResultaat;
}

describe('de route van de gemeente: Den Haag, statushouder, van COA-koppeling tot voldaan', () => {
  it('elke stap van de route afgevinkt, door feiten of door de casemanager met zijn naam, en het traject voldaan', async () => {
    expect(STATUSHOUDER?.stappen).toHaveLength(11);
    // COA links the person to Den Haag and starts the traject.
    const koppeling = await http.post(
      '/api/v1/feeds/coa/koppelingen',
      {
        items: [
          {
            referentie: `COA-R-${randomUUID().slice(0, 8)}`,
            gemeente: GEMEENTE,
            bsn: testBsn(),
            persoon: { voornamen: 'Rana', achternaam: 'Route', geboortedatum: '1994-03-02' },
            kennisgevingsdatum: dag(-200),
            koppelingsdatum: dag(-190),
            azc: 'AZC-RIJSWIJK',
            voorinburgeringGevolgd: true,
            verwachteHuisvestingsdatum: dag(-150),
          },
        ],
      },
      coa,
    );
    expect(koppeling.status).toBe(200);
    const [resultaat] = (await json(koppeling)).resultaten;
    if (resultaat.uitkomst !== 'aangemaakt') throw new Error(JSON.stringify(resultaat));
    const id = resultaat.trajectId as string;

    // The traject pinned Den Haag's statushouder route: eleven steps, none done yet.
    let s = await http.totdat(id, cm, (st) => st.state.koppelingsdatum === dag(-190));
    expect(s.route).toMatchObject({ id: 'denhaag-asielstatushouder', versie: 1, totaal: 11, afgerond: 0 });
    expect(s.route.stappen.map((x: Json) => x.id)).toEqual(STATUSHOUDER?.stappen.map((x) => x.id));
    expect(s.route.stappen.every((x: Json) => x.status === 'open')).toBe(true);
    expect(stap(s, 'regeldag').uiterlijk).toBeNull();
    expect(s.openTaken.map((t: Json) => t.soort)).toContain('overdrachtsgesprek');

    // A step not in the route, and a law step before its fact: refused, nothing recorded.
    const onbekend = await commando(id, 'routestappen', { stapId: 'taalcafe', datum: dag(-1) });
    expect(onbekend.status).toBe(422);
    expect(onbekend.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await json(onbekend)).toMatchObject({ code: 'ROUTESTAP_ONBEKEND' });
    const slecht = await commando(id, 'routestappen', { stapId: 'Brugklas!', datum: dag(-1) });
    expect(slecht.status).toBe(400);

    // The casemanager's steps, each with its own actor; the law's steps by their facts.
    const overdracht = await ok(id, 'routestappen', {
      stapId: 'overdrachtsgesprek',
      datum: dag(-185),
      toelichting: 'Notitie 7Q: gesprek verliep goed',
    });
    expect(overdracht.events.map((e: Json) => e.type)).toEqual(['routestapAfgerond']);
    // The koppeling's task "overdrachtsgesprek plannen" is settled by the step.
    expect(overdracht.status.openTaken.map((t: Json) => t.soort)).not.toContain('overdrachtsgesprek');
    await ok(id, 'huisvesting', { datum: dag(-150) });
    s = await http.status(id, cm);
    // Due seven days after the housing (the template's setting).
    expect(stap(s, 'regeldag').uiterlijk).toBe(dag(-143));
    await ok(id, 'routestappen', { stapId: 'regeldag', datum: dag(-150) });
    await ok(id, 'intake', { datum: dag(-140), leerbaarheidstoetsScore: 61, geadviseerdeRoute: 'b1' });
    await ok(id, 'routestappen', { stapId: 'brugklas', datum: dag(-120) });
    await ok(id, 'pip', { dagtekening: dag(-100), leerroute: 'b1' });
    await ok(id, 'aanbod', { datum: dag(-90), aanbieder: AANBIEDER });

    // The same step again: already done (409), and the same commandId twice counts once.
    const cid = randomUUID();
    const dubbel = await commando(id, 'routestappen', { stapId: 'brugklas', datum: dag(-1) }, cid);
    expect(dubbel.status).toBe(409);
    expect(await json(dubbel)).toMatchObject({ code: 'ROUTESTAP_AL_AFGEROND' });
    const feitStap = await commando(id, 'routestappen', { stapId: 'brede-intake', datum: dag(-1) });
    expect(feitStap.status).toBe(409);

    // The taalaanbieder reports a week of lessons.
    const week = addIsoWeken(isoWeek(vandaag), -2);
    const voortgang = await http.post(
      '/api/v1/aanbieders/voortgang',
      { trajectId: id, week, lesuren: 12, verzuimGeoorloofd: 0, verzuimOngeoorloofd: 0 },
      taalschool,
    );
    expect(voortgang.status).toBe(201);
    await ok(id, 'onderdelen', { onderdeel: 'pvt', datum: dag(-30) });
    await ok(id, 'onderdelen', { onderdeel: 'map', datum: dag(-20) });
    const eindgesprekId = randomUUID();
    const eindgesprek = await commando(
      id,
      'routestappen',
      { stapId: 'ingeburgerd', datum: dag(-1) },
      eindgesprekId,
    );
    expect(eindgesprek.status).toBe(200);
    const nogmaals = await commando(
      id,
      'routestappen',
      { stapId: 'ingeburgerd', datum: dag(-1) },
      eindgesprekId,
    );
    // The same command again answers like the first time and is applied once.
    expect(nogmaals.status).toBe(200);

    s = await http.status(id, cm);
    expect(s.state.voortgang.map((w: Json) => w.week)).toEqual([week]);
    expect(s.state.routestappen.filter((r: Json) => r.stapId === 'ingeburgerd')).toHaveLength(1);
    // Everything but the exam is done.
    expect(s.route.stappen.filter((x: Json) => x.status !== 'afgerond').map((x: Json) => x.id)).toEqual([
      'examen',
    ]);
    expect(s.fase).not.toBe('voldaan');

    // DUO delivers the exam results: the last step by its fact, and the duty is met.
    const examens = await http.post(
      '/api/v1/feeds/duo/examenresultaten',
      {
        items: [
          ...(['lezen', 'luisteren', 'schrijven', 'spreken'] as const).map((component, i) => ({
            referentie: `DUO-R-${randomUUID().slice(0, 8)}-${i}`,
            trajectId: id,
            component,
            niveau: 'B1',
            behaald: true,
            datum: dag(-10 + i),
          })),
          {
            referentie: `DUO-R-${randomUUID().slice(0, 8)}`,
            trajectId: id,
            component: 'knm',
            behaald: true,
            datum: dag(-2),
          },
        ],
      },
      duo,
    );
    expect(examens.status).toBe(200);
    const eind = await http.totdat(id, cm, (st) => st.state.fase === 'voldaan');
    expect(eind.state.afgesloten).toBe(true);
    expect(eind.route.afgerond).toBe(11);
    expect(eind.route.stappen.every((x: Json) => x.status === 'afgerond')).toBe(true);
    expect(stap(eind, 'examen').afgerond).toEqual({ datum: dag(-2), bron: 'feit', door: null });
    expect(stap(eind, 'brede-intake').afgerond).toMatchObject({ datum: dag(-140), bron: 'feit' });
    expect(stap(eind, 'leerroute').afgerond).toMatchObject({ datum: dag(-90), bron: 'feit' });
    for (const handmatig of ['overdrachtsgesprek', 'regeldag', 'brugklas', 'ingeburgerd']) {
      expect(stap(eind, handmatig).afgerond).toMatchObject({ bron: 'registratie', door: 'cm-route' });
    }
    // The note stays in the event (the workflow's encrypted history): not in the status or the timeline.
    expect(JSON.stringify(eind)).not.toContain('Notitie 7Q');
    // The sub-resource shows the same checklist, documented in the OpenAPI document.
    const route = await http.get(`/api/v1/trajecten/${id}/route`, cm);
    expect(route.route).toEqual(eind.route);
    expect(route.bron).toContain('denhaag-magazine-inburgering-2022.txt');
    const docs = await http.get('/api/docs/openapi.json', {});
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/api/v1/trajecten/{id}/route', '/api/v1/trajecten/{id}/routestappen']),
    );
    const tijdlijn = await http.get(`/api/v1/trajecten/${id}/tijdlijn`, cm);
    const regels = tijdlijn.regels.map((r: Json) => r.beschrijving).join('\n');
    expect(regels).toContain("Stap 'brugklas' van de route van de gemeente afgerond");
    expect(regels).not.toContain('Notitie 7Q');

    // Every applied route command audited exactly once, by the workflow, with its actor; refusals
    // that reached the rulebook are audited as refused.
    const rijen = await system.dataSource.query(
      `SELECT actor, uitkomst, code FROM audit_event WHERE traject_id = $1 AND actie = 'registreerRoutestap'
       ORDER BY uitkomst, code`,
      [id],
    );
    const geaccepteerd = rijen.filter((r: Json) => r.uitkomst === 'geaccepteerd');
    expect(geaccepteerd).toHaveLength(4);
    expect(geaccepteerd.every((r: Json) => r.actor === 'cm-route')).toBe(true);
    expect(
      rijen
        .filter((r: Json) => r.uitkomst === 'afgewezen')
        .map((r: Json) => r.code)
        .sort(),
    ).toEqual(['ROUTESTAP_AL_AFGEROND', 'ROUTESTAP_AL_AFGEROND', 'ROUTESTAP_ONBEKEND']);

    // A closed traject: a route step is refused like any command.
    const na = await commando(id, 'routestappen', { stapId: 'brugklas', datum: dag(-1) });
    expect(na.status).toBe(409);
  });
});

describe('een stap na zijn laatste dag wordt in de nachtelijke ronde één taak', () => {
  it('gezinsmigrant: introductiebijeenkomsten zes weken na de intake niet gedaan → één taak, ook na twee rondes', async () => {
    const res = await http.post(
      '/api/v1/trajecten',
      {
        commandId: randomUUID(),
        gemeente: GEMEENTE,
        doelgroep: 'gezinsmigrant',
        kennisgevingsdatum: dag(-90),
      },
      cm,
    );
    expect(res.status).toBe(201);
    const id = (await json(res)).id as string;
    await ok(id, 'intake', { datum: dag(-60), leerbaarheidstoetsScore: 40 });
    await ok(id, 'brp', { datum: dag(-80) });
    const s = await http.status(id, cm);
    expect(s.route.id).toBe('denhaag-gezinsmigrant');
    expect(stap(s, 'introductiebijeenkomsten')).toMatchObject({ status: 'te_laat', uiterlijk: dag(-18) });
    expect(stap(s, 'inschrijving')).toMatchObject({
      status: 'afgerond',
      afgerond: { bron: 'feit', datum: dag(-80) },
    });
    await leesmodelBij(id);

    const taken = async () =>
      system.dataSource.query(
        `SELECT soort, sleutel, vervaldatum::text AS vervaldatum, ontvanger, status FROM taak
         WHERE traject_id = $1 AND soort = 'routestap-te-laat'`,
        [id],
      );
    expect(await taken()).toEqual([]);
    await nachtelijkeRonde();
    await nachtelijkeRonde();
    expect(await taken()).toEqual([
      {
        soort: 'routestap-te-laat',
        sleutel: 'ronde:routestap-te-laat:1:introductiebijeenkomsten',
        vervaldatum: dag(-17),
        ontvanger: 'casemanager',
        status: 'open',
      },
    ]);
    // The casemanager sees it in the task list.
    const lijst = await http.get(`/api/v1/taken?trajectId=${id}&casemanager=alle`, tl);
    expect(lijst.items.filter((t: Json) => t.soort === 'routestap-te-laat')).toHaveLength(1);

    // Done now: no longer open in the read model, so a later night adds nothing.
    await ok(id, 'routestappen', { stapId: 'introductiebijeenkomsten', datum: dag(-1) });
    await leesmodelBij(id);
    const [rij] = await system.dataSource.query('SELECT routestappen FROM traject WHERE id = $1', [id]);
    expect(rij.routestappen).toEqual([]);
    await nachtelijkeRonde();
    expect(await taken()).toHaveLength(1);
  });
});
