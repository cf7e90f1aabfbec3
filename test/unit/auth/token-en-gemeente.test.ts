import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { maakTokenVerifier, magGemeente, trajectOnbekend, vereisGemeente } from '../../../api/auth';
import { ProblemException } from '../../../api/common/problem';
import type { Gebruiker } from '../../../platform/auth';
import { ConfigError, loadConfig } from '../../../platform/config';
import { leesTokenOpdracht, maakToken, OpdrachtFout } from '../../../scripts/token-opdracht';
import { apiAuthEnv, lokaleAuth } from '../../support/auth';

const env = {
  AUTH_LOCAL_PRIVATE_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
};

describe('npm run token', () => {
  it('leest --rol, --gemeente, --sub en --uur', () => {
    expect(
      leesTokenOpdracht(['--rol', 'casemanager', '--gemeente', 'GM0518', '--sub', 'u123', '--uur', '2']),
    ).toEqual({
      gebruiker: { sub: 'u123', rol: 'casemanager', gemeente: 'GM0518', bereik: ['GM0518'] },
      uur: 2,
    });
    // Issue 13: without a gemeente, operations sees nothing; national needs '*', a region a list.
    expect(leesTokenOpdracht(['--rol', 'operations'])).toEqual({
      gebruiker: { sub: 'lokaal-operations', rol: 'operations', gemeente: null, bereik: [] },
      uur: 8,
    });
    expect(leesTokenOpdracht(['--rol', 'operations', '--gemeente', '*']).gebruiker).toMatchObject({
      gemeente: null,
      bereik: '*',
    });
    expect(
      leesTokenOpdracht(['--rol', 'teamleider', '--gemeente', 'GM0398,GM0405,GM0398']).gebruiker,
    ).toMatchObject({ gemeente: null, bereik: ['GM0398', 'GM0405'] });
  });

  it.each([
    [[], /--rol ontbreekt/],
    [['--rol', 'koning', '--gemeente', 'GM0518'], /rol/],
    [['--rol', 'casemanager'], /gemeente/],
    [['--rol', 'casemanager', '--gemeente', 'GM0518', '--uur', '25'], /--uur/],
    [['--rol', 'casemanager', '--gemeente', 'GM0518', '--uur', 'veel'], /--uur/],
    [['--rol', 'casemanager', '--gemeente', 'GM0518', '--sub', 'jan@gemeente.nl'], /sub/],
    [['--rol', 'casemanager', '--gemeente', 'GM0518', '--onbekend'], /onbekend/],
    [['--rol', 'casemanager', '--gemeente', '*'], /alleen voor operations en admin/],
    [['--rol', 'teamleider', '--gemeente', 'GM0398,Hoorn'], /lijst/],
  ])('%j: een Nederlandse fout', (argv, melding) => {
    expect(() => leesTokenOpdracht(argv)).toThrow(OpdrachtFout);
    expect(() => leesTokenOpdracht(argv)).toThrow(melding);
  });

  it('tekent met de sleutel waarvan de API de publieke helft controleert, ES256, met een vervaltijd', async () => {
    const config = loadConfig({ ...env, AUTH_MODUS: 'lokaal' });
    const token = await maakToken(
      config,
      leesTokenOpdracht(['--rol', 'teamleider', '--gemeente', 'GM0363', '--uur', '1']),
    );
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims.exp! - claims.iat!).toBe(3600);
    const api = loadConfig(apiAuthEnv(lokaleAuth(env)));
    expect(await maakTokenVerifier(api.auth).verifieer(token)).toEqual({
      sub: 'lokaal-teamleider',
      rol: 'teamleider',
      gemeente: 'GM0363',
      bereik: ['GM0363'],
    });
    // Issue 13: the API process holds only the public key; given the private one it refuses to start.
    expect(() => maakTokenVerifier(config.auth)).toThrow(/AUTH_LOCAL_PRIVATE_KEY hoort bij npm run token/);
  });

  it('weigert als AUTH_ISSUER gezet is: dan komen tokens van de identity provider', async () => {
    const config = loadConfig({
      AUTH_ISSUER: 'https://idp.example',
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUTH_AUDIENCE: 'a',
    });
    await expect(
      maakToken(config, leesTokenOpdracht(['--rol', 'admin', '--gemeente', 'GM0518'])),
    ).rejects.toThrow(ConfigError);
  });
});

describe('gemeente-regel', () => {
  const casemanager: Gebruiker = { sub: 'u1', rol: 'casemanager', gemeente: 'GM0518' };
  const operations: Gebruiker = { sub: 'o1', rol: 'operations', gemeente: null };

  const probleem = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(ProblemException);
      return (err as ProblemException).problem;
    }
    throw new Error('geen fout');
  };

  it('eigen gemeente mag', () => {
    expect(() => vereisGemeente(casemanager, 'GM0518')).not.toThrow();
    expect(magGemeente(casemanager, 'GM0518')).toBe(true);
  });

  it('andere gemeente: precies dezelfde 404 als een onbekend traject', () => {
    const anders = probleem(() => vereisGemeente(casemanager, 'GM0363'));
    const onbekend = probleem(() => vereisGemeente(casemanager, undefined));
    expect(anders).toEqual(onbekend);
    expect(anders).toEqual(trajectOnbekend().problem);
    expect(anders).toMatchObject({ status: 404, code: 'TRAJECT_ONBEKEND' });
  });

  it('fail closed (issue 13): zonder gemeente niets, landelijk alleen met "*", regionaal de lijst', () => {
    expect(magGemeente(operations, 'GM0363')).toBe(false);
    expect(magGemeente({ ...operations, bereik: '*' }, 'GM0363')).toBe(true);
    expect(magGemeente({ ...operations, gemeente: 'GM0518' }, 'GM0363')).toBe(false);
    const regio: Gebruiker = { sub: 'r1', rol: 'teamleider', gemeente: null, bereik: ['GM0398', 'GM0405'] };
    expect(magGemeente(regio, 'GM0405')).toBe(true);
    expect(magGemeente(regio, 'GM0518')).toBe(false);
    // A forged-shape user (no gemeente, not operations) never sees anything.
    expect(magGemeente({ ...casemanager, gemeente: null }, 'GM0518')).toBe(false);
  });
});
