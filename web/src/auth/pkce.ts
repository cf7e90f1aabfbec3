/**
 * OAuth 2.0 authorization code flow with PKCE (RFC 7636) for the OIDC sign-in: the browser is a public
 * client, so the code is bound to a secret only this tab knows. Pure functions, tested in Jest.
 */
export function base64urlVanBytes(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A code_verifier: 32 random bytes, base64url (43 characters). */
export function maakVerifier(): string {
  return base64urlVanBytes(crypto.getRandomValues(new Uint8Array(32)));
}

/** code_challenge = BASE64URL(SHA-256(verifier)), method S256. */
export async function challengeVan(verifier: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64urlVanBytes(new Uint8Array(hash));
}

export interface AutorisatieVerzoek {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  nonce: string;
  codeChallenge: string;
}

export function autorisatieUrl(v: AutorisatieVerzoek): string {
  const url = new URL(v.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', v.clientId);
  url.searchParams.set('redirect_uri', v.redirectUri);
  url.searchParams.set('scope', v.scope);
  url.searchParams.set('state', v.state);
  url.searchParams.set('nonce', v.nonce);
  url.searchParams.set('code_challenge', v.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

export function tokenVerzoekBody(v: {
  code: string;
  redirectUri: string;
  clientId: string;
  codeVerifier: string;
}): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code: v.code,
    redirect_uri: v.redirectUri,
    client_id: v.clientId,
    code_verifier: v.codeVerifier,
  });
}
