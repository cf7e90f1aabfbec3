import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transformFileSync } from '@swc/core';
import { maakTokenVerifier } from '../../../api/auth';
import { gebruikerUitClaims, lokaleSleutel } from '../../../platform/auth';
import { ConfigError, loadConfig } from '../../../platform/config';
import { lokaleAuth } from '../../support/auth';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SWCRC = JSON.parse(fs.readFileSync(path.join(ROOT, '.swcrc'), 'utf8'));
delete SWCRC.$schema;

const pem = (curve = 'P-256') =>
  generateKeyPairSync('ec', { namedCurve: curve })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

describe('auth-configuratie uit de omgeving', () => {
  it('niets gekozen: geen aanmelding, en de API start dan niet (issue 13)', () => {
    expect(loadConfig({}).auth).toEqual({ modus: 'geen' });
    expect(() => maakTokenVerifier(loadConfig({}).auth)).toThrow(/AUTH_MODUS=lokaal/);
  });

  it('AUTH_MODUS=lokaal: de lokale sleutel in .local/auth/, nooit onder NODE_ENV=production', () => {
    expect(loadConfig({ AUTH_MODUS: 'lokaal' }).auth).toEqual({
      modus: 'lokaal',
      issuer: 'urn:inburgering:lokaal',
      audience: 'inburgering-api',
      privateKeyPem: null,
      publicKeyPem: null,
      sleutelbestand: expect.stringMatching(/\.local\/auth\/lokaal-es256\.pem$/),
    });
    expect(() => loadConfig({ AUTH_MODUS: 'lokaal', NODE_ENV: 'production' })).toThrow(
      /niet toegestaan met NODE_ENV=production/,
    );
    expect(() => loadConfig({ AUTH_MODUS: 'lokaal', AUTH_ISSUER: 'https://idp.example' })).toThrow(
      /kies één/,
    );
    expect(() => loadConfig({ AUTH_MODUS: 'ja' })).toThrow(/oidc of lokaal/);
  });

  it('met AUTH_ISSUER: OIDC, en dan zijn JWKS-URL en audience verplicht', () => {
    expect(
      loadConfig({
        AUTH_ISSUER: 'https://idp.example/realms/x',
        AUTH_JWKS_URL: 'https://idp.example/realms/x/protocol/openid-connect/certs',
        AUTH_AUDIENCE: 'inburgering-api',
      }).auth,
    ).toEqual({
      modus: 'oidc',
      issuer: 'https://idp.example/realms/x',
      jwksUrl: 'https://idp.example/realms/x/protocol/openid-connect/certs',
      audience: 'inburgering-api',
    });
    expect(() => loadConfig({ AUTH_ISSUER: 'https://idp.example' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ AUTH_ISSUER: 'https://idp.example', AUTH_JWKS_URL: 'https://idp.example/k' }),
    ).toThrow(/AUTH_AUDIENCE/);
    expect(() => loadConfig({ AUTH_JWKS_URL: 'https://idp.example/k' })).toThrow(/AUTH_ISSUER/);
  });

  it('weigert een JWKS-URL die geen URL is, of http buiten loopback', () => {
    const met = (url: string) => () =>
      loadConfig({ AUTH_ISSUER: 'https://idp.example', AUTH_JWKS_URL: url, AUTH_AUDIENCE: 'a' });
    expect(met('geen url')).toThrow(/AUTH_JWKS_URL moet een URL/);
    expect(met('http://idp.example/jwks')).toThrow(/https/);
    expect(met('http://127.0.0.1:8080/jwks')).not.toThrow();
  });

  it('neemt een PEM uit AUTH_LOCAL_PRIVATE_KEY, ook met \\n op één regel', () => {
    const sleutel = pem();
    const auth = lokaleAuth({ AUTH_LOCAL_PRIVATE_KEY: sleutel.replace(/\n/g, '\\n') });
    expect(auth.privateKeyPem).toBe(sleutel);
    expect(lokaleSleutel(auth).privateKey.asymmetricKeyType).toBe('ec');
  });

  it('weigert een onleesbare of verkeerde sleutel met een Nederlandse melding', () => {
    expect(() => lokaleSleutel(lokaleAuth({ AUTH_LOCAL_PRIVATE_KEY: 'geen pem' }))).toThrow(
      /AUTH_LOCAL_PRIVATE_KEY is geen leesbare private key/,
    );
    expect(() => lokaleSleutel(lokaleAuth({ AUTH_LOCAL_PRIVATE_KEY: pem('P-384') }))).toThrow(/P-256/);
  });
});

describe('lokaal sleutelbestand', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inburgering-auth-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const config = (bestand: string) => ({ ...lokaleAuth(), sleutelbestand: bestand });

  it('maakt de sleutel één keer aan (alleen voor de eigenaar leesbaar) en gebruikt hem daarna opnieuw', () => {
    const bestand = path.join(dir, 'auth', 'lokaal-es256.pem');
    const eerste = lokaleSleutel(config(bestand));
    expect(fs.statSync(bestand).mode & 0o777).toBe(0o600);
    const tweede = lokaleSleutel(config(bestand));
    expect(tweede.publicKey.export({ format: 'jwk' })).toEqual(eerste.publicKey.export({ format: 'jwk' }));
    // Its public half beside it: what the API reads (issue 13).
    expect(fs.readdirSync(path.dirname(bestand)).sort()).toEqual([
      'lokaal-es256.pem',
      'lokaal-es256.pub.pem',
    ]);
  });

  it('vier processen die tegelijk starten krijgen dezelfde sleutel', async () => {
    // The real lokaleSleutel, compiled with swc, in separate node processes racing for one file.
    const uit = path.join(dir, 'js');
    // platform/config.ts reads the escalation policy from domain/: compile that along.
    const domein = (fs.readdirSync(path.join(ROOT, 'domain'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join('domain', f));
    for (const rel of [
      ...['auth', 'config', 'paths'].map((n) => path.join('platform', `${n}.ts`)),
      ...domein,
    ]) {
      const bron = path.join(ROOT, rel);
      const { code } = transformFileSync(bron, { ...SWCRC, swcrc: false, filename: bron, sourceMaps: false });
      const doel = path.join(uit, rel.replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(doel), { recursive: true });
      fs.writeFileSync(doel, code);
    }
    const bestand = path.join(dir, 'auth', 'gedeeld.pem');
    const script = `
      const { lokaleSleutel } = require(${JSON.stringify(path.join(uit, 'platform', 'auth.js'))});
      const k = lokaleSleutel({ modus: 'lokaal', issuer: 'i', audience: 'a', privateKeyPem: null,
        publicKeyPem: null, sleutelbestand: ${JSON.stringify(bestand)} });
      process.stdout.write(k.publicKey.export({ type: 'spki', format: 'pem' }));`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ['-e', script],
          { env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } },
          (err, stdout) => (err ? reject(err) : resolve(stdout)),
        );
      });
    const publiek = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(publiek).size).toBe(1);
    expect(publiek[0]).toContain('BEGIN PUBLIC KEY');
    expect(lokaleSleutel(config(bestand)).publicKey.export({ type: 'spki', format: 'pem' })).toBe(publiek[0]);
    expect(fs.readdirSync(path.dirname(bestand)).sort()).toEqual(['gedeeld.pem', 'gedeeld.pub.pem']);
  });

  it('een sleutelmap die niet kan bestaan: een melding die zegt wat te doen', () => {
    // A regular file where the folder should be: fails for root too (unlike file permissions).
    fs.writeFileSync(path.join(dir, 'bezet'), '');
    expect(() => lokaleSleutel(config(path.join(dir, 'bezet', 'auth', 'k.pem')))).toThrow(
      /niet aanmaken \(ENOTDIR\).*AUTH_LOCAL_PRIVATE_KEY of AUTH_ISSUER/,
    );
  });
});

describe('claims', () => {
  it.each([
    [
      { sub: 'u123', rol: 'casemanager', gemeente: 'GM0518' },
      { sub: 'u123', rol: 'casemanager', gemeente: 'GM0518', bereik: ['GM0518'] },
    ],
    [
      { sub: 'auth0|abc', rol: 'operations' },
      { sub: 'auth0|abc', rol: 'operations', gemeente: null, bereik: [] },
    ],
    [
      { sub: 'u1', rol: 'admin' },
      { sub: 'u1', rol: 'admin', gemeente: null, bereik: [] },
    ],
    [
      { sub: 'o1', rol: 'operations', gemeente: '*' },
      { sub: 'o1', rol: 'operations', gemeente: null, bereik: '*' },
    ],
    [
      { sub: 'u1', rol: 'admin', gemeente: 'GM0363' },
      { sub: 'u1', rol: 'admin', gemeente: 'GM0363', bereik: ['GM0363'] },
    ],
    [
      { sub: 'wf1', rol: 'teamleider', gemeente: ['GM0398', 'GM0405', 'GM0532'] },
      { sub: 'wf1', rol: 'teamleider', gemeente: null, bereik: ['GM0398', 'GM0405', 'GM0532'] },
    ],
    [
      { sub: 'ta1', rol: 'taalaanbieder', gemeente: 'GM0518', organisatie: 'taalschool-noord' },
      {
        sub: 'ta1',
        rol: 'taalaanbieder',
        gemeente: 'GM0518',
        bereik: ['GM0518'],
        organisatie: 'taalschool-noord',
      },
    ],
    // The organisation claim means nothing for other roles: it is not carried.
    [
      { sub: 'u1', rol: 'casemanager', gemeente: 'GM0518', organisatie: 'taalschool-noord' },
      { sub: 'u1', rol: 'casemanager', gemeente: 'GM0518', bereik: ['GM0518'] },
    ],
  ])('%j is een gebruiker', (claims, gebruiker) => {
    expect(gebruikerUitClaims(claims)).toEqual(gebruiker);
  });

  it.each([
    [{ rol: 'casemanager', gemeente: 'GM0518' }, /sub/],
    [{ sub: 'Jan de Vries', rol: 'casemanager', gemeente: 'GM0518' }, /sub/],
    [{ sub: 'x'.repeat(65), rol: 'casemanager', gemeente: 'GM0518' }, /sub/],
    [{ sub: 'u1', rol: 'Casemanager', gemeente: 'GM0518' }, /rol/],
    [{ sub: 'u1', rol: ['admin'], gemeente: 'GM0518' }, /rol/],
    [{ sub: 'u1', rol: 'feed' }, /gemeente/],
    [{ sub: 'u1', rol: 'casemanager', gemeente: '*' }, /alleen voor operations en admin/],
    [{ sub: 'u1', rol: 'teamleider', gemeente: [] }, /lijst/],
    [{ sub: 'u1', rol: 'teamleider', gemeente: ['GM0398', 'x'] }, /lijst/],
    [{ sub: 'duo:123456782', rol: 'feed', gemeente: 'GM0518' }, /sub/],
    [{ sub: 'u1', rol: 'operations', gemeente: 'gm0518' }, /gemeente/],
    [{ sub: 'ta1', rol: 'taalaanbieder', gemeente: 'GM0518' }, /organisatie/],
    [
      { sub: 'ta1', rol: 'taalaanbieder', gemeente: 'GM0518', organisatie: 'Taalschool Noord' },
      /organisatie/,
    ],
    [{ sub: 'ta1', rol: 'taalaanbieder', gemeente: 'GM0518', organisatie: 'ta-123456782' }, /organisatie/],
    [
      { sub: 'ta1', rol: 'taalaanbieder', gemeente: '*', organisatie: 'taalschool-noord' },
      /alleen voor operations/,
    ],
  ])('%j is geen gebruiker', (claims, reden) => {
    const uitkomst = gebruikerUitClaims(claims);
    expect(uitkomst).toEqual({ fout: expect.stringMatching(reden) });
  });
});
