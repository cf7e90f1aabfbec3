import { generateKeyPairSync } from 'node:crypto';
import {
  type FeedBron,
  type Gebruiker,
  lokaleSleutel,
  type Rol,
  type TokenOpties,
  tekenLokaalToken,
} from '../../platform/auth';
import { type AuthConfig, loadConfig } from '../../platform/config';

export type LokaleAuth = Extract<AuthConfig, { modus: 'lokaal' }>;

export interface TestClaims {
  rol: Rol;
  /**
   * Default GM0518; null leaves the claim out (operations and admin then see nothing); '*' is
   * national, a list regional.
   */
  gemeente?: string | string[] | null;
  /** Default `test-<rol>`. */
  sub?: string;
  /** The source of a `feed` token (issue 15); default `duo` for role feed. */
  bron?: FeedBron;
  /** The taalaanbieder's organisation id (claim `organisatie`). */
  organisatie?: string;
}

/**
 * The embedded default's auth config, as the API under test reads it. startSystem() builds its
 * config without AUTH_* variables, so both use the key in .local/auth/ (created on first use).
 */
export function lokaleAuth(env: Record<string, string> = {}): LokaleAuth {
  const { auth } = loadConfig({ AUTH_MODUS: 'lokaal', ...env });
  if (auth.modus !== 'lokaal') throw new Error('test/support/auth: alleen voor de lokale sleutel');
  return auth;
}

/** A different ES256 key with the same issuer and audience: its tokens are forgeries to the API. */
export function vreemdeSleutel(): LokaleAuth {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return lokaleAuth({
    AUTH_LOCAL_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
}

export interface TestTokenOpties extends TokenOpties {
  /** Sign with this config instead of the default local key (e.g. vreemdeSleutel()). */
  auth?: LokaleAuth;
}

export function testToken(claims: TestClaims, opties: TestTokenOpties = {}): Promise<string> {
  const g = claims.gemeente === undefined ? 'GM0518' : claims.gemeente;
  const gebruiker: Gebruiker = {
    sub: claims.sub ?? `test-${claims.rol}`,
    rol: claims.rol,
    gemeente: typeof g === 'string' && g !== '*' ? g : null,
    bereik: g === '*' ? '*' : g === null ? [] : Array.isArray(g) ? g : [g],
    ...(claims.rol === 'feed' ? { bron: claims.bron ?? 'duo' } : {}),
    ...(claims.organisatie ? { organisatie: claims.organisatie } : {}),
  };
  return tekenLokaalToken(opties.auth ?? lokaleAuth(), gebruiker, opties);
}

/** The env an API under test gets in local mode: only the public half of `auth`'s key (issue 13). */
export function apiAuthEnv(auth: LokaleAuth = lokaleAuth()): Record<string, string> {
  const publiek = lokaleSleutel(auth).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { AUTH_MODUS: 'lokaal', AUTH_LOCAL_PUBLIC_KEY: publiek };
}

/** Headers for fetch: `{ ...(await bearer({ rol: 'casemanager' })), 'content-type': ... }`. */
export async function bearer(
  claims: TestClaims,
  opties: TestTokenOpties = {},
): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await testToken(claims, opties)}` };
}

/** An already expired token (issued two hours ago, valid for one). */
export function verlopenToken(claims: TestClaims, opties: TestTokenOpties = {}): Promise<string> {
  return testToken(claims, { ...opties, nu: Math.floor(Date.now() / 1000) - 7200, geldigSeconden: 3600 });
}
