import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';
import { loadConfig } from '../../../platform/config';
import { testToken } from '../../support/auth';
import { json } from '../../support/http';
import { startTestApp, type TestApp } from './test-app';

// Production mode for real: the identity provider's JWKS is served over HTTP on loopback and
// the API fetches and caches it with jose's createRemoteJWKSet. No mocks.
const ISSUER = 'https://idp.example/realms/gemeenten';
const AUDIENCE = 'inburgering-api';

interface Idp {
  url: string;
  status: number;
  verzoeken: number;
  server: http.Server;
}

async function startIdp(keys: JWK[]): Promise<Idp> {
  const idp: Idp = { url: '', status: 200, verzoeken: 0, server: http.createServer() };
  idp.server.on('request', (req, res) => {
    idp.verzoeken += 1;
    if (req.url !== '/jwks.json' || idp.status !== 200) {
      res.writeHead(idp.status === 200 ? 404 : idp.status).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => idp.server.listen(0, '127.0.0.1', resolve));
  idp.url = `http://127.0.0.1:${(idp.server.address() as AddressInfo).port}/jwks.json`;
  return idp;
}

const stop = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

let es: { privateKey: KeyLike; publicKey: KeyLike };
let rs: { privateKey: KeyLike; publicKey: KeyLike };
let idp: Idp;
let t: TestApp;

beforeAll(async () => {
  es = await generateKeyPair('ES256');
  rs = await generateKeyPair('RS256');
  idp = await startIdp([
    { ...(await exportJWK(es.publicKey)), kid: 'es-1', alg: 'ES256', use: 'sig' },
    { ...(await exportJWK(rs.publicKey)), kid: 'rs-1', alg: 'RS256', use: 'sig' },
  ]);
  t = await startTestApp(
    loadConfig({ LOG_LEVEL: 'warn', AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: idp.url, AUTH_AUDIENCE: AUDIENCE }),
  );
});
afterAll(async () => {
  await t?.app.close();
  if (idp) await stop(idp.server);
});

interface Teken {
  key?: KeyLike;
  alg?: 'ES256' | 'RS256';
  kid?: string;
  iss?: string;
  aud?: string;
  exp?: string | number;
  claims?: Record<string, unknown>;
}

function idpToken(opties: Teken = {}): Promise<string> {
  const alg = opties.alg ?? 'ES256';
  return new SignJWT(opties.claims ?? { rol: 'casemanager', gemeente: 'GM0518' })
    .setProtectedHeader({ alg, kid: opties.kid ?? (alg === 'ES256' ? 'es-1' : 'rs-1') })
    .setSubject('f3c1a7e2-5b9d-4e8a-9c61-2d7b0e4f8a13')
    .setIssuer(opties.iss ?? ISSUER)
    .setAudience(opties.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opties.exp ?? '5m')
    .sign(opties.key ?? (alg === 'ES256' ? es.privateKey : rs.privateKey));
}

const get = (token: string) =>
  fetch(`${t.url}/api/v1/trajecten`, { headers: { authorization: `Bearer ${token}` } });

async function code(res: Response): Promise<string> {
  return (await json(res)).code;
}

describe('OIDC: issuer + JWKS uit de omgeving', () => {
  it('accepteert tokens van de identity provider (ES256 en RS256, sleutel op kid)', async () => {
    const res = await get(await idpToken());
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      sub: 'f3c1a7e2-5b9d-4e8a-9c61-2d7b0e4f8a13',
      rol: 'casemanager',
      gemeente: 'GM0518',
      bereik: ['GM0518'],
    });
    expect((await get(await idpToken({ alg: 'RS256' }))).status).toBe(200);
  });

  it('haalt de JWKS één keer op en bewaart hem', async () => {
    const voor = idp.verzoeken;
    for (let i = 0; i < 3; i += 1) expect((await get(await idpToken())).status).toBe(200);
    expect(idp.verzoeken).toBe(voor);
  });

  it('andere uitgever of doelgroep: 401', async () => {
    for (const token of [
      await idpToken({ iss: 'https://elders.example' }),
      await idpToken({ aud: 'een-andere-api' }),
    ]) {
      const res = await get(token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      expect(await code(res)).toBe('TOKEN_ONGELDIG');
    }
  });

  it('verlopen: 401 TOKEN_VERLOPEN', async () => {
    const res = await get(await idpToken({ exp: Math.floor(Date.now() / 1000) - 600 }));
    expect(res.status).toBe(401);
    expect(await code(res)).toBe('TOKEN_VERLOPEN');
  });

  it('ondertekend met een sleutel die niet in de JWKS staat (bekende of onbekende kid): 401', async () => {
    const vreemd = await generateKeyPair('ES256');
    for (const token of [
      await idpToken({ key: vreemd.privateKey }),
      await idpToken({ key: vreemd.privateKey, kid: 'onbekend' }),
    ]) {
      const res = await get(token);
      expect(res.status).toBe(401);
      expect(await code(res)).toBe('TOKEN_ONGELDIG');
    }
  });

  it('een token van de lokale sleutel geldt niet in productie', async () => {
    const res = await get(await testToken({ rol: 'admin' }));
    expect(res.status).toBe(401);
  });

  it('claims worden ook hier gecontroleerd: rol en gemeente', async () => {
    expect((await get(await idpToken({ claims: { rol: 'beheerder', gemeente: 'GM0518' } }))).status).toBe(
      401,
    );
    expect((await get(await idpToken({ claims: { rol: 'teamleider' } }))).status).toBe(401);
    // Issue 15: a feed token names its source; without it the token is not acceptable.
    expect((await get(await idpToken({ claims: { rol: 'feed', gemeente: 'GM0518' } }))).status).toBe(401);
    expect(
      (await get(await idpToken({ claims: { rol: 'casemanager', gemeente: 'GM0518', bron: 'duo' } }))).status,
    ).toBe(401);
    const feed = await get(await idpToken({ claims: { rol: 'feed', gemeente: 'GM0518', bron: 'duo' } }));
    expect(feed.status).toBe(403);
    expect(await code(feed)).toBe('FEED_ALLEEN_FEEDS');
  });
});

describe('OIDC: identity provider onbereikbaar', () => {
  it('antwoordt 503 met Retry-After in plaats van het token af te keuren', async () => {
    const weg = await startIdp([]);
    weg.status = 500;
    const app = await startTestApp(
      loadConfig({ LOG_LEVEL: 'warn', AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: weg.url, AUTH_AUDIENCE: AUDIENCE }),
    );
    try {
      const token = await idpToken();
      const fout500 = await fetch(`${app.url}/api/v1/trajecten`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(fout500.status).toBe(503);
      expect(fout500.headers.get('retry-after')).toBe('5');
      expect(await json(fout500)).toMatchObject({ status: 503, code: 'IDP_ONBEREIKBAAR' });

      await stop(weg.server);
      const dicht = await fetch(`${app.url}/api/v1/trajecten`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(dicht.status).toBe(503);
    } finally {
      await app.app.close();
      if (weg.server.listening) await stop(weg.server);
    }
  });
});
