import { autorisatieUrl, challengeVan, maakVerifier, tokenVerzoekBody } from './pkce';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

const STAP = 'inburgering.oidc';
export const TERUG_PAD = '/inloggen/terug';

async function discovery(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error('De identity provider is niet bereikbaar.');
  return (await res.json()) as Discovery;
}

/** Step 1: to the identity provider, with a PKCE challenge; the verifier stays in this tab. */
export async function startOidc(config: { issuer: string; clientId: string; scope: string }, terug: string) {
  const d = await discovery(config.issuer);
  const verifier = maakVerifier();
  const state = maakVerifier();
  const nonce = maakVerifier();
  const redirectUri = `${location.origin}${TERUG_PAD}`;
  sessionStorage.setItem(STAP, JSON.stringify({ verifier, state, terug, redirectUri }));
  location.assign(
    autorisatieUrl({
      authorizationEndpoint: d.authorization_endpoint,
      clientId: config.clientId,
      redirectUri,
      scope: config.scope,
      state,
      nonce,
      codeChallenge: await challengeVan(verifier),
    }),
  );
}

/** Step 2: back with a code; exchange it (with the verifier) for an access token. Returns where to go. */
export async function rondOidcAf(
  config: { issuer: string; clientId: string },
  params: URLSearchParams,
): Promise<{ token: string; terug: string }> {
  const opgeslagen = sessionStorage.getItem(STAP);
  sessionStorage.removeItem(STAP);
  if (!opgeslagen) throw new Error('Het aanmelden is verlopen; begin opnieuw.');
  const stap = JSON.parse(opgeslagen) as {
    verifier: string;
    state: string;
    terug: string;
    redirectUri: string;
  };
  if (params.get('error')) throw new Error('De identity provider weigerde het aanmelden.');
  const code = params.get('code');
  if (!code || params.get('state') !== stap.state)
    throw new Error('Ongeldig antwoord van de identity provider.');
  const d = await discovery(config.issuer);
  const res = await fetch(d.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenVerzoekBody({
      code,
      redirectUri: stap.redirectUri,
      clientId: config.clientId,
      codeVerifier: stap.verifier,
    }),
  });
  if (!res.ok) throw new Error('Het token kon niet worden opgehaald.');
  const { access_token: token } = (await res.json()) as { access_token?: string };
  if (!token) throw new Error('De identity provider gaf geen token.');
  return { token, terug: stap.terug };
}
