import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyOptions, jwtVerify } from 'jose';
import { type Gebruiker, gebruikerUitClaims, lokalePubliekeSleutel } from '../../platform/auth';
import { type AuthConfig, ConfigError, ENV, GEEN_AUTH_MELDING } from '../../platform/config';

/** Why a token was refused; the guard turns this into 401 or 503 (never echoing the token). */
export type TokenReden = 'verlopen' | 'ongeldig' | 'idp_onbereikbaar';

export class TokenFout extends Error {
  constructor(
    readonly reden: TokenReden,
    /** Dutch, about the claims or the signature; never contains the token itself. */
    readonly detail: string,
  ) {
    super(`token geweigerd: ${reden}`);
  }
}

export interface TokenVerifier {
  readonly modus: 'oidc' | 'lokaal';
  verifieer(token: string): Promise<Gebruiker>;
}

// Asymmetric only: an HS256 token "signed" with a public key must never verify.
const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
const CLOCK_TOLERANCE_SECONDS = 30;

function isIdpStoring(err: unknown): boolean {
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return true;
  // jose reports a non-200 or non-JSON key set as a bare JOSEError, and a refused connection as
  // the socket's own error: the identity provider is down, the caller's token may be fine.
  if (err instanceof errors.JOSEError) return err.code === 'ERR_JOSE_GENERIC';
  return true;
}

/** Verifies bearer tokens against the local key (embedded) or the issuer's JWKS (OIDC). */
export function maakTokenVerifier(config: AuthConfig): TokenVerifier {
  // Issue 13: no silent fallback to a local key; the API holds only the public half of one.
  if (config.modus === 'geen') throw new ConfigError(GEEN_AUTH_MELDING);
  if (config.modus === 'lokaal' && config.privateKeyPem) {
    throw new ConfigError(
      `${ENV.AUTH_LOCAL_PRIVATE_KEY} hoort bij npm run token, niet bij de API: geef de API ${ENV.AUTH_LOCAL_PUBLIC_KEY}`,
    );
  }
  const options: JWTVerifyOptions = {
    issuer: config.issuer,
    audience: config.audience,
    algorithms: config.modus === 'oidc' ? OIDC_ALGORITHMS : ['ES256'],
    requiredClaims: ['exp', 'sub'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  let verify: (token: string) => Promise<{ payload: JWTPayload }>;
  if (config.modus === 'oidc') {
    const jwks = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 3000 });
    verify = (token) => jwtVerify(token, jwks, options);
  } else {
    const publicKey = lokalePubliekeSleutel(config);
    verify = (token) => jwtVerify(token, publicKey, options);
  }

  return {
    modus: config.modus,
    async verifieer(token: string): Promise<Gebruiker> {
      let payload: JWTPayload;
      try {
        ({ payload } = await verify(token));
      } catch (err) {
        if (err instanceof errors.JWTExpired) throw new TokenFout('verlopen', 'Het token is verlopen.');
        if (config.modus === 'oidc' && isIdpStoring(err)) {
          throw new TokenFout(
            'idp_onbereikbaar',
            'De sleutels van de identity provider zijn niet bereikbaar.',
          );
        }
        throw new TokenFout('ongeldig', 'Het token is ongeldig (handtekening, uitgever of doelgroep).');
      }
      const gebruiker = gebruikerUitClaims(payload);
      if ('fout' in gebruiker) throw new TokenFout('ongeldig', `Het token is ongeldig: ${gebruiker.fout}.`);
      return gebruiker;
    },
  };
}
