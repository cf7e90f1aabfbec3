import { randomUUID } from 'node:crypto';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { WET } from '../../domain/wet';
import { bearer } from '../support/auth';
import { json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

let system: RunningSystem;
let casemanager: { authorization: string };
let andereGemeente: { authorization: string };
const vandaag = datumVanInstant(Date.now());

beforeAll(async () => {
  system = await startSystem();
  casemanager = await bearer({ rol: 'casemanager', gemeente: 'GM0518', sub: 'cm-uitleg' });
  andereGemeente = await bearer({ rol: 'casemanager', gemeente: 'GM0344', sub: 'cm-utrecht' });
});
afterAll(async () => {
  await system?.stop();
});

const post = (path: string, body: unknown, headers: Record<string, string> = casemanager) =>
  fetch(`${system.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const get = (path: string, headers: Record<string, string> = casemanager) =>
  fetch(`${system.baseUrl}${path}`, { headers });

async function historyLengte(id: string): Promise<number> {
  const history = await system.client.workflow.getHandle(`traject-${id}`).fetchHistory();
  return history.events?.length ?? 0;
}

/** The history once the workflow is idle: an update returns before its activities (read model) ran. */
async function rustigeHistory(id: string): Promise<number> {
  let vorige = -1;
  let gelijk = 0;
  for (let i = 0; i < 100; i++) {
    const lengte = await historyLengte(id);
    gelijk = lengte === vorige ? gelijk + 1 : 0;
    if (gelijk >= 3) return lengte;
    vorige = lengte;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('de workflow werd niet rustig');
}

async function trajectNaIntake(): Promise<string> {
  const res = await post('/api/v1/trajecten', {
    commandId: randomUUID(),
    gemeente: 'GM0518',
    doelgroep: 'asielstatushouder',
    kennisgevingsdatum: addDays(vandaag, -30),
  });
  expect(res.status).toBe(201);
  const { id } = await json(res);
  const intake = await post(`/api/v1/trajecten/${id}/intake`, {
    commandId: randomUUID(),
    datum: addDays(vandaag, -20),
  });
  expect(intake.status).toBe(200);
  return id as string;
}

describe('waarom: de grondslag van deadlines en besluiten (GET /trajecten/:id/uitleg)', () => {
  it('noemt artikel en versie uit het regelboek, wat ontbreekt voor voldaan en welke commando’s passen', async () => {
    const id = await trajectNaIntake();
    const res = await get(`/api/v1/trajecten/${id}/uitleg`);
    expect(res.status).toBe(200);
    const u = await json(res);
    expect(u.peildatum).toBe(vandaag);
    const pip = u.deadlines.find((d: { soort: string }) => d.soort === 'pip');
    expect(pip.grondslag).toEqual([
      {
        soort: 'wet',
        regel: 'pipTermijnWeken',
        bron: WET.pipTermijnWeken.bron,
        geldigVanaf: '2022-01-01',
        peildatum: addDays(vandaag, -30),
        waarde: 10,
      },
    ]);
    expect(u.ontbrekend.map((o: { eis: string }) => o.eis)).toEqual(['pip']);
    expect(u.toegestaneCommandos).toContain('pip');
    expect(u.toegestaneCommandos).not.toContain('intake');
    expect(u.toegestaneCommandos).not.toContain('examenresultaten');
  });

  it('een andere gemeente krijgt 404, net als een onbekend traject', async () => {
    const id = await trajectNaIntake();
    expect((await get(`/api/v1/trajecten/${id}/uitleg`, andereGemeente)).status).toBe(404);
    expect((await get(`/api/v1/trajecten/${randomUUID()}/uitleg`)).status).toBe(404);
  });
});

describe('wat als: proefberekening (POST /trajecten/:id/<commando>?proef=true)', () => {
  it('toont de deadlines en taken van een PIP en laat geen spoor na in de Temporal-geschiedenis', async () => {
    const id = await trajectNaIntake();
    const voor = await rustigeHistory(id);
    const statusVoor = (await json(await get(`/api/v1/trajecten/${id}`))).status;

    const commandId = randomUUID();
    const res = await post(`/api/v1/trajecten/${id}/pip?proef=true`, {
      commandId,
      dagtekening: addDays(vandaag, -10),
      leerroute: 'b1',
    });
    expect(res.status).toBe(200);
    const proef = await json(res);
    expect(proef).toMatchObject({
      proef: true,
      commando: 'pip',
      fase: { voor: 'intake_afgerond', na: 'pip_vastgesteld' },
    });
    expect(proef.events[0].type).toBe('pipVastgesteld');
    const soorten = proef.deadlines.na.map((d: { soort: string }) => d.soort);
    expect(soorten).toEqual(
      expect.arrayContaining(['termijn-overschreden', 'bezwaartermijn', 'voortgangsgesprek']),
    );
    expect(soorten).not.toContain('pip');
    const termijn = proef.deadlines.na.find((d: { soort: string }) => d.soort === 'termijn-overschreden');
    expect(termijn.grondslag[0]).toMatchObject({
      regel: 'inburgeringstermijnJaren',
      bron: WET.inburgeringstermijnJaren.bron,
    });
    expect(proef.taken.afgerond.map((t: { soort: string }) => t.soort)).toEqual([]);
    expect(proef.ontbrekend).toEqual({ voor: ['pip'], na: expect.arrayContaining(['knm', 'pvt', 'map']) });

    // Nothing applied: same history length, same state; the same commandId still applies once for real.
    expect(await historyLengte(id)).toBe(voor);
    const statusNa = (await json(await get(`/api/v1/trajecten/${id}`))).status;
    expect(statusNa.state).toEqual(statusVoor.state);
    expect(statusNa.versie).toBe(statusVoor.versie);
    const echt = await post(`/api/v1/trajecten/${id}/pip`, {
      commandId,
      dagtekening: addDays(vandaag, -10),
      leerroute: 'b1',
    });
    expect(echt.status).toBe(200);
    const resultaat = await json(echt);
    expect(resultaat.toegepast).toBe(true);
    expect(resultaat.status.deadlines.map((d: { id: string }) => d.id)).toEqual(
      proef.deadlines.na.map((d: { id: string }) => d.id),
    );
  });

  it('een commando dat het regelboek weigert geeft dezelfde 409/422 en verandert niets', async () => {
    const id = await trajectNaIntake();
    const voor = await rustigeHistory(id);
    const res = await post(`/api/v1/trajecten/${id}/boetes?proef=true`, {
      bedrag: 900,
      reden: 'overig',
      datum: vandaag,
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const p = await json(res);
    expect(p.code).toBe('BOETE_TE_HOOG');
    expect(p.fouten).toEqual([{ veld: 'bedrag', melding: expect.stringContaining('wettelijk maximum') }]);
    const dubbel = await post(`/api/v1/trajecten/${id}/intake?proef=true`, { datum: vandaag });
    expect(dubbel.status).toBe(409);
    expect((await json(dubbel)).code).toBe('INTAKE_AL_GEREGISTREERD');
    expect((await post(`/api/v1/trajecten/${id}/intake?proef=ja`, { datum: vandaag })).status).toBe(400);
    expect(await historyLengte(id)).toBe(voor);
    expect(
      (
        await post(
          `/api/v1/trajecten/${id}/pip?proef=true`,
          { dagtekening: vandaag, leerroute: 'b1' },
          andereGemeente,
        )
      ).status,
    ).toBe(404);
  });
});

describe('open taken per traject (GET /taken/telling) en de ontwikkel-aanmelding', () => {
  it('telt open escalaties per traject van de eigen gemeente', async () => {
    // A kennisgeving 12 weeks ago: the legal PIP term has passed, the workflow escalates at once.
    const res = await post('/api/v1/trajecten', {
      commandId: randomUUID(),
      gemeente: 'GM0518',
      doelgroep: 'gezinsmigrant',
      kennisgevingsdatum: addDays(vandaag, -84),
    });
    const { id } = await json(res);
    const deadline = Date.now() + 15_000;
    let telling: { trajectId: string; escalaties: number }[] = [];
    while (Date.now() < deadline) {
      telling = (await json(await get(`/api/v1/taken/telling?trajectIds=${id},${randomUUID()}`))) as never;
      if (telling.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(telling).toEqual([{ trajectId: id, taken: 0, waarschuwingen: 0, escalaties: 1 }]);
    expect(await json(await get(`/api/v1/taken/telling?trajectIds=${id}`, andereGemeente))).toEqual([]);
    expect((await get('/api/v1/taken/telling?trajectIds=12345')).status).toBe(400);
  });

  it('geeft vanaf 127.0.0.1 een token voor de gekozen rol en gemeente, en zegt hoe de UI aanmeldt', async () => {
    const config = await json(await fetch(`${system.baseUrl}/api/v1/ui/config`));
    expect(config.aanmelding).toEqual({ modus: 'lokaal', devLogin: true });
    const res = await fetch(`${system.baseUrl}/api/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rol: 'teamleider', gemeente: 'GM0518', medewerker: 'tl-dev' }),
    });
    expect(res.status).toBe(200);
    const { token } = await json(res);
    const overzicht = await get('/api/v1/rapportage/overzicht', { authorization: `Bearer ${token}` });
    expect(overzicht.status).toBe(200);
    const zonderGemeente = await fetch(`${system.baseUrl}/api/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rol: 'casemanager', medewerker: 'cm-dev' }),
    });
    expect(zonderGemeente.status).toBe(400);
    expect((await json(zonderGemeente)).fouten[0].veld).toBe('gemeente');
  });
});
