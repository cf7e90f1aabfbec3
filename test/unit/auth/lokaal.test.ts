import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { loadConfig } from '../../../platform/config';
import {
  apiAuthEnv,
  type LokaleAuth,
  lokaleAuth,
  testToken,
  verlopenToken,
  vreemdeSleutel,
} from '../../support/auth';
import { json } from '../../support/http';
import { startTestApp, type TestApp } from './test-app';

// The embedded default end to end over HTTP: a real Nest app with the global guard, real tokens.
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const env = {
  LOG_LEVEL: 'warn',
  AUTH_LOCAL_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};
const auth: LokaleAuth = lokaleAuth(env);
let t: TestApp;

beforeAll(async () => {
  // The API holds only the public half (issue 13); the test signs with the private one.
  t = await startTestApp(loadConfig({ LOG_LEVEL: 'warn', ...apiAuthEnv(auth) }));
});
afterAll(async () => {
  await t?.app.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, { headers });
const metToken = (token: string) => ({ authorization: `Bearer ${token}` });

async function verwachtProbleem(res: Response, status: number, code: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = await json(res);
  expect(body).toMatchObject({ status, code });
  expect(body.title).toBe(status === 401 ? 'Niet aangemeld' : 'Geen toegang');
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
}

describe('bearer-token met de lokale sleutel', () => {
  it('accepteert een geldig token en geeft de gebruiker aan de handler', async () => {
    const token = await testToken({ rol: 'casemanager', gemeente: 'GM0518', sub: 'u123' }, { auth });
    const res = await get('/api/v1/trajecten', metToken(token));
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      sub: 'u123',
      rol: 'casemanager',
      gemeente: 'GM0518',
      bereik: ['GM0518'],
    });
  });

  it('accepteert het schema hoofdletterongevoelig (RFC 7235)', async () => {
    const token = await testToken({ rol: 'teamleider' }, { auth });
    expect((await get('/api/v1/trajecten', { authorization: `bearer ${token}` })).status).toBe(200);
  });

  it('zonder Authorization-header: 401 met WWW-Authenticate zonder foutcode', async () => {
    const res = await get('/api/v1/trajecten');
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="inburgering"');
    await verwachtProbleem(res, 401, 'TOKEN_ONTBREEKT');
  });

  it.each([
    ['een ander schema', 'Basic dXNlcjpwYXNz'],
    ['alleen het schema', 'Bearer'],
    ['twee tokens', 'Bearer a.b.c d.e.f'],
  ])('%s: 401', async (_naam, header) => {
    const res = await get('/api/v1/trajecten', { authorization: header });
    expect(res.headers.get('www-authenticate')).toMatch(
      /^Bearer realm="inburgering", error="invalid_request"/,
    );
    await verwachtProbleem(res, 401, 'TOKEN_ONGELDIG');
  });

  it.each([
    ['onzin', 'abc'],
    ['drie delen onzin', 'aaa.bbb.ccc'],
  ])('%s als token: 401 invalid_token', async (_naam, token) => {
    const res = await get('/api/v1/trajecten', metToken(token));
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    await verwachtProbleem(res, 401, 'TOKEN_ONGELDIG');
  });

  it('verlopen token: 401 TOKEN_VERLOPEN', async () => {
    const res = await get(
      '/api/v1/trajecten',
      metToken(await verlopenToken({ rol: 'casemanager' }, { auth })),
    );
    await verwachtProbleem(res, 401, 'TOKEN_VERLOPEN');
    expect((await get('/health')).status).toBe(200);
  });

  it('door een andere sleutel ondertekend (vervalst): 401', async () => {
    const token = await testToken({ rol: 'casemanager' }, { auth: vreemdeSleutel() });
    await verwachtProbleem(await get('/api/v1/trajecten', metToken(token)), 401, 'TOKEN_ONGELDIG');
  });

  it('met de juiste sleutel maar andere uitgever of doelgroep: 401', async () => {
    const anders = (iss: string, aud: string) =>
      new SignJWT({ rol: 'casemanager', gemeente: 'GM0518' })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('u1')
        .setIssuer(iss)
        .setAudience(aud)
        .setExpirationTime('1h')
        .sign(privateKey);
    for (const token of [
      await anders('https://elders.example', auth.audience),
      await anders(auth.issuer, 'andere-api'),
    ]) {
      await verwachtProbleem(await get('/api/v1/trajecten', metToken(token)), 401, 'TOKEN_ONGELDIG');
    }
  });

  it('zonder exp, met alg none of HS256 met de publieke sleutel: 401', async () => {
    const zonderExp = await new SignJWT({ rol: 'casemanager', gemeente: 'GM0518' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('u1')
      .setIssuer(auth.issuer)
      .setAudience(auth.audience)
      .sign(privateKey);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const claims = {
      sub: 'u1',
      rol: 'admin',
      gemeente: 'GM0518',
      iss: auth.issuer,
      aud: auth.audience,
      exp: Math.floor(Date.now() / 1000) + 3600,
    };
    const none = `${b64({ alg: 'none' })}.${b64(claims)}.`;
    const publicPem = Buffer.from(
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }),
    );
    const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(publicPem);
    for (const token of [zonderExp, none, hs256]) {
      await verwachtProbleem(await get('/api/v1/trajecten', metToken(token)), 401, 'TOKEN_ONGELDIG');
    }
  });

  it.each([
    ['onbekende rol', { rol: 'burgemeester', gemeente: 'GM0518', sub: 'u1' }],
    ['casemanager zonder gemeente', { rol: 'casemanager', sub: 'u1' }],
    ['gemeente geen CBS-code', { rol: 'casemanager', gemeente: 'Den Haag', sub: 'u1' }],
    ['sub is een e-mailadres', { rol: 'casemanager', gemeente: 'GM0518', sub: 'jan@gemeente.nl' }],
    ['sub heeft de vorm van een BSN', { rol: 'casemanager', gemeente: 'GM0518', sub: '123456782' }],
  ])('correct ondertekend maar %s: 401', async (_naam, { sub, ...claims }) => {
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(sub)
      .setIssuer(auth.issuer)
      .setAudience(auth.audience)
      .setExpirationTime('1h')
      .sign(privateKey);
    const res = await get('/api/v1/trajecten', metToken(token));
    await verwachtProbleem(res, 401, 'TOKEN_ONGELDIG');
  });

  it('geeft het token nooit terug in body of headers', async () => {
    for (const token of [
      await verlopenToken({ rol: 'casemanager' }, { auth }),
      await testToken({ rol: 'casemanager' }, { auth: vreemdeSleutel() }),
    ]) {
      const res = await get('/api/v1/trajecten', metToken(token));
      const tekst = `${JSON.stringify([...res.headers])}${await res.text()}`;
      expect(tekst).not.toContain(token);
      expect(tekst).not.toContain(token.split('.')[2]);
    }
  });
});

describe('rollen', () => {
  const met = async (rol: Parameters<typeof testToken>[0]['rol'], gemeente?: string | null) =>
    metToken(await testToken({ rol, gemeente }, { auth }));

  it('zonder @Rollen: casemanager, teamleider en admin wel, operations en feed niet', async () => {
    for (const rol of ['casemanager', 'teamleider', 'admin'] as const) {
      expect((await get('/api/v1/trajecten', await met(rol))).status).toBe(200);
    }
    await verwachtProbleem(
      await get('/api/v1/trajecten', await met('operations', null)),
      403,
      'ROL_NIET_TOEGESTAAN',
    );
  });

  it('verkeerde rol: 403 met insufficient_scope', async () => {
    const res = await get('/api/v1/teams', await met('casemanager'));
    expect(res.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);
    await verwachtProbleem(res, 403, 'ROL_NIET_TOEGESTAAN');
    expect((await get('/api/v1/teams', await met('teamleider'))).status).toBe(200);
  });

  it('@Rollen op de methode gaat voor die op de klasse', async () => {
    expect((await get('/api/v1/teams/werkvoorraad', await met('operations', null))).status).toBe(200);
    expect((await get('/api/v1/teams', await met('operations', null))).status).toBe(403);
  });

  it('operations alleen waar de route het toestaat, met of zonder gemeente', async () => {
    const res = await get('/api/v1/operations/workflows', await met('operations', null));
    expect(res.status).toBe(200);
    // No gemeente claim: a valid token whose scope is empty (issue 13: it sees nothing).
    expect(await json(res)).toEqual({
      sub: 'test-operations',
      rol: 'operations',
      gemeente: null,
      bereik: [],
    });
    expect((await get('/api/v1/operations/workflows', await met('operations', 'GM0363'))).status).toBe(200);
    await verwachtProbleem(
      await get('/api/v1/operations/workflows', await met('admin')),
      403,
      'ROL_NIET_TOEGESTAAN',
    );
  });

  it('feed mag onder /api/v1/feeds/ en nergens anders, ook niet waar @Rollen feed noemt', async () => {
    const feed = await met('feed');
    const res = await fetch(`${t.url}/api/v1/feeds/duo/examenresultaten`, { method: 'POST', headers: feed });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ rol: 'feed', gemeente: 'GM0518' });
    await verwachtProbleem(await get('/api/v1/trajecten', feed), 403, 'FEED_ALLEEN_FEEDS');
    await verwachtProbleem(await get('/api/v1/taken', feed), 403, 'FEED_ALLEEN_FEEDS');
    await verwachtProbleem(await get('/API/V1/TAKEN', feed), 403, 'FEED_ALLEEN_FEEDS');
    expect((await get('/api/v1/taken', await met('casemanager'))).status).toBe(200);
  });

  it('een feed-client levert namens één bron: COA of BRP mag niet op de DUO-routes (issue 15)', async () => {
    const duo = `${t.url}/api/v1/feeds/duo/examenresultaten`;
    for (const bron of ['coa', 'brp'] as const) {
      const feed = metToken(await testToken({ rol: 'feed', bron }, { auth }));
      await verwachtProbleem(await fetch(duo, { method: 'POST', headers: feed }), 403, 'FEED_ANDERE_BRON');
      await verwachtProbleem(await get('/api/v1/trajecten', feed), 403, 'FEED_ALLEEN_FEEDS');
    }
    const res = await fetch(duo, { method: 'POST', headers: await met('feed') });
    expect(await json(res)).toMatchObject({ rol: 'feed', bron: 'duo' });
  });

  it('een casemanager mag niet op de feed-routes', async () => {
    const res = await fetch(`${t.url}/api/v1/feeds/duo/examenresultaten`, {
      method: 'POST',
      headers: await met('casemanager'),
    });
    await verwachtProbleem(res, 403, 'ROL_NIET_TOEGESTAAN');
  });
});

describe('openbare routes', () => {
  it('@Publiek route zonder token, en een kapot token wordt daar genegeerd', async () => {
    expect((await get('/health')).status).toBe(200);
    expect((await get('/health', { authorization: 'Bearer onzin' })).status).toBe(200);
  });

  it('OpenAPI-documentatie zonder token', async () => {
    expect((await get('/api/docs')).status).toBe(200);
    expect((await get('/api/docs/openapi.json')).status).toBe(200);
  });

  it('onder /api/v1/ eerst het token (ook vóór de body en de route), daarna pas 404', async () => {
    expect((await get('/api/v1/bestaat-niet')).status).toBe(401);
    const token = await testToken({ rol: 'casemanager' }, { auth });
    expect((await get('/api/v1/bestaat-niet', metToken(token))).status).toBe(404);
    expect((await get('/bestaat-niet')).status).toBe(404);
  });
});
