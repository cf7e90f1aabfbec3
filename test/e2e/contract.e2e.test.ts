import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(120_000);

// Issue 13, point 6: the API and its OpenAPI document agree (what `npm run api:contract` checks with
// schemathesis, here as plain assertions on the real system): every operation documents its
// success, a method a path does not serve is 405 with Allow, no token is 401 everywhere and a
// valid token of another role 403, and the documented patterns are what the API accepts.

const GM = `GM7${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
const vandaag = datumVanInstant(Date.now());
const METHODEN = ['get', 'post', 'put', 'patch', 'delete'];

let system: RunningSystem;
let document: Json;
let cm: Record<string, string>;
beforeAll(async () => {
  system = await startSystem();
  document = await json(await fetch(`${system.baseUrl}/api/docs/openapi.json`));
  cm = await bearer({ rol: 'casemanager', gemeente: GM });
});
afterAll(async () => {
  await system?.stop();
});

const req = (pad: string, init: RequestInit = {}) => fetch(`${system.baseUrl}${pad}`, init);

/** Any method, TRACE too (fetch refuses to send that one). */
function ruw(
  methode: string,
  pad: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Json }> {
  return new Promise((resolve, reject) => {
    const r = http.request(`${system.baseUrl}${pad}`, { method: methode, headers }, (res) => {
      let tekst = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        tekst += d;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: tekst ? JSON.parse(tekst) : {} }),
      );
    });
    r.on('error', reject);
    r.end();
  });
}

async function nieuwTraject(): Promise<string> {
  const res = await req('/api/v1/trajecten', {
    method: 'POST',
    headers: { ...cm, 'content-type': 'application/json' },
    body: JSON.stringify({
      commandId: randomUUID(),
      gemeente: GM,
      doelgroep: 'gezinsmigrant',
      kennisgevingsdatum: addDays(vandaag, -5),
    }),
  });
  expect(res.status).toBe(201);
  return (await json(res)).id as string;
}

function operaties(): { pad: string; methode: string; operatie: Json }[] {
  return Object.entries(document.paths as Record<string, Json>).flatMap(([pad, item]) =>
    Object.entries(item)
      .filter(([methode]) => METHODEN.includes(methode))
      .map(([methode, operatie]) => ({ pad, methode, operatie: operatie as Json })),
  );
}

describe('het document beschrijft elk antwoord', () => {
  it('elke operatie noemt haar succes (ook de routes die alleen fouten noemden) en elke fout als problem+json', async () => {
    const zonderSucces = operaties()
      .filter(({ operatie }) => !Object.keys(operatie.responses).some((s) => /^2\d\d$/.test(s)))
      .map(({ pad, methode }) => `${methode} ${pad}`);
    expect(zonderSucces).toEqual([]);
    const responses = (pad: string, methode: string) => document.paths[pad][methode].responses as Json;
    // Nest's status of each: 200 for a GET, @HttpCode where a POST sets it.
    expect(Object.keys(responses('/api/v1/trajecten/{id}', 'get'))).toContain('200');
    expect(Object.keys(responses('/api/v1/trajecten/{id}/tijdlijn', 'get'))).toContain('200');
    expect(Object.keys(responses('/api/v1/trajecten/{id}/uitleg', 'get'))).toContain('200');
    expect(Object.keys(responses('/api/v1/taken/{id}/afronden', 'post'))).toContain('200');
    expect(Object.keys(responses('/api/v1/operations/escalatierondes/start', 'post'))).toContain('202');
    for (const { operatie } of operaties()) {
      for (const [status, antwoord] of Object.entries(operatie.responses as Record<string, Json>)) {
        if (Number(status) >= 400)
          expect(Object.keys(antwoord.content)).toEqual(['application/problem+json']);
      }
    }
  });

  it('trajectIds van /taken/telling: het patroon van het document neemt aan wat de API aanneemt', async () => {
    const parameter = (document.paths['/api/v1/taken/telling'].get.parameters as Json[]).find(
      (p) => p.name === 'trajectIds',
    );
    const patroon = new RegExp(parameter?.schema.pattern);
    const id = await nieuwTraject();
    const gevallen = [`${id}`, `${id},${randomUUID()}`, `${id},`, '', 'null', '0', `${id},x`, `${id}${id}`];
    for (const waarde of gevallen) {
      const res = await req(`/api/v1/taken/telling?trajectIds=${encodeURIComponent(waarde)}`, {
        headers: cm,
      });
      expect({ waarde, status: res.status }).toEqual({ waarde, status: patroon.test(waarde) ? 200 : 400 });
    }
  });
});

describe('405 voor een methode die een bekend pad niet kent', () => {
  it('TRACE, PUT en DELETE: 405 problem+json met Allow, met en zonder token (vóór de tokencontrole)', async () => {
    const id = await nieuwTraject();
    const gevallen: [string, string, string][] = [
      ['TRACE', `/api/v1/trajecten/${id}`, 'GET, HEAD'],
      ['PUT', `/api/v1/trajecten/${id}/tijdlijn`, 'GET, HEAD'],
      ['DELETE', '/api/v1/taken/telling', 'GET, HEAD'],
      ['TRACE', `/api/v1/taken/${randomUUID()}/afronden`, 'POST'],
      ['PATCH', '/api/v1/trajecten', 'GET, HEAD, POST'],
      ['TRACE', '/health', 'GET, HEAD'],
      ['DELETE', '/metrics', 'GET, HEAD'],
    ];
    for (const [methode, pad, allow] of gevallen) {
      for (const headers of [cm, {}]) {
        const res = await ruw(methode, pad, headers);
        expect({ methode, pad, status: res.status, allow: res.headers.allow }).toEqual({
          methode,
          pad,
          status: 405,
          allow,
        });
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body).toMatchObject({
          status: 405,
          title: 'Methode niet toegestaan',
          code: 'METHODE_NIET_TOEGESTAAN',
        });
      }
    }
  });

  it('POST op /tijdlijn of /uitleg is geen onbekend commando maar 405; een onbekend commando blijft 404', async () => {
    const id = await nieuwTraject();
    for (const sub of ['tijdlijn', 'uitleg']) {
      const res = await req(`/api/v1/trajecten/${id}/${sub}`, { method: 'POST', headers: cm });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
    const onbekend = await req(`/api/v1/trajecten/${id}/promotie`, {
      method: 'POST',
      headers: { ...cm, 'content-type': 'application/json' },
      body: JSON.stringify({ commandId: randomUUID() }),
    });
    expect(onbekend.status).toBe(404);
    expect((await json(onbekend)).code).toBe('COMMANDO_ONBEKEND');
    // A path no route knows stays 404, whatever the method.
    expect((await ruw('TRACE', '/api/v1/bestaat-niet', cm)).status).toBe(404);
  });

  it('OPTIONS op een bekend pad: 204 met Allow', async () => {
    const res = await req('/api/v1/trajecten', { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});

describe('401 zonder token, overal; 403 alleen voor een geldig token zonder de rol', () => {
  it('elke beveiligde operatie uit het document: zonder Authorization-header 401 TOKEN_ONTBREEKT (problem+json)', async () => {
    const beveiligd = operaties().filter(({ operatie }) => (operatie.security ?? []).length > 0);
    expect(beveiligd.length).toBeGreaterThan(40);
    for (const { pad, methode, operatie } of beveiligd) {
      const url = pad.replace(/\{[^}]+\}/g, randomUUID());
      const res = await req(url, {
        method: methode.toUpperCase(),
        ...(operatie.requestBody ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
      });
      const body = await json(res);
      expect({ operatie: `${methode} ${pad}`, status: res.status, code: body.code }).toEqual({
        operatie: `${methode} ${pad}`,
        status: 401,
        code: 'TOKEN_ONTBREEKT',
      });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(Object.keys(operatie.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('een geldig token van een andere rol: 403 (niet 401)', async () => {
    const feed = await bearer({ rol: 'feed', gemeente: GM, bron: 'duo' });
    const ops = await bearer({ rol: 'operations', gemeente: '*' });
    for (const [headers, pad] of [
      [feed, '/api/v1/trajecten'],
      [cm, '/api/v1/operations/workflows'],
      [ops, '/api/v1/trajecten'],
    ] as const) {
      const res = await req(pad, { headers });
      expect({ pad, status: res.status }).toEqual({ pad, status: 403 });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('de Idempotency-Key houdt zich aan de regels van de commandId', () => {
  it('een ongeldige sleutel is 400, ook met een commandId in de body; er is niets gestart', async () => {
    const commandId = randomUUID();
    const aanmelding = {
      commandId,
      gemeente: GM,
      doelgroep: 'gezinsmigrant',
      kennisgevingsdatum: addDays(vandaag, -3),
    };
    for (const sleutel of ['00000000', 'kort', 'met spatie!', 'duo:123456782']) {
      const res = await req('/api/v1/trajecten', {
        method: 'POST',
        headers: { ...cm, 'content-type': 'application/json', 'idempotency-key': sleutel },
        body: JSON.stringify(aanmelding),
      });
      expect({ sleutel, status: res.status }).toEqual({ sleutel, status: 400 });
      expect((await json(res)).fouten).toEqual([{ veld: 'Idempotency-Key', melding: expect.any(String) }]);
    }
    // Nothing was started: the same commandId now makes the traject (201, not "already done" 200).
    const res = await req('/api/v1/trajecten', {
      method: 'POST',
      headers: { ...cm, 'content-type': 'application/json' },
      body: JSON.stringify(aanmelding),
    });
    expect(res.status).toBe(201);
    const id = (await json(res)).id as string;
    const commando = await req(`/api/v1/trajecten/${id}/intake`, {
      method: 'POST',
      headers: { ...cm, 'content-type': 'application/json', 'idempotency-key': '123456782' },
      body: JSON.stringify({ commandId: randomUUID(), datum: vandaag }),
    });
    expect(commando.status).toBe(400);
    expect((await json(commando)).fouten).toEqual([{ veld: 'Idempotency-Key', melding: expect.any(String) }]);
  });
});
