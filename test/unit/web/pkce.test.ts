import { autorisatieUrl, challengeVan, maakVerifier, tokenVerzoekBody } from '../../../web/src/auth/pkce';
import { veiligTerug } from '../../../web/src/auth/terug';

describe('OIDC sign-in of the UI: authorization code flow with PKCE (RFC 7636)', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await challengeVan('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes a fresh 43-character base64url verifier each time', () => {
    const a = maakVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(maakVerifier()).not.toBe(a);
  });

  it('asks for a code with the challenge, and exchanges it with the verifier (no client secret)', () => {
    const url = new URL(
      autorisatieUrl({
        authorizationEndpoint: 'https://idp.example/auth?kc_idp_hint=gemeente',
        clientId: 'inburgering-ui',
        redirectUri: 'https://inburgering.example/inloggen/terug',
        scope: 'openid',
        state: 'st',
        nonce: 'no',
        codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      kc_idp_hint: 'gemeente',
      response_type: 'code',
      client_id: 'inburgering-ui',
      redirect_uri: 'https://inburgering.example/inloggen/terug',
      scope: 'openid',
      state: 'st',
      nonce: 'no',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const body = tokenVerzoekBody({
      code: 'c',
      redirectUri: 'https://inburgering.example/inloggen/terug',
      clientId: 'inburgering-ui',
      codeVerifier: 'v',
    });
    expect(Object.fromEntries(body)).toEqual({
      grant_type: 'authorization_code',
      code: 'c',
      redirect_uri: 'https://inburgering.example/inloggen/terug',
      client_id: 'inburgering-ui',
      code_verifier: 'v',
    });
  });

  it('returns after sign-in only to a path of this application (no open redirect)', () => {
    expect(veiligTerug('/trajecten/abc')).toBe('/trajecten/abc');
    expect(veiligTerug('//evil.example/x')).toBe('/');
    expect(veiligTerug('https://evil.example')).toBe('/');
    expect(veiligTerug('/inloggen')).toBe('/');
    expect(veiligTerug(null)).toBe('/');
  });
});
