import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomUUID,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { isGemeentecode } from '../domain/shared/gemeente';
import { type AuthConfig, ConfigError, ENV } from './config';

/** Roles in the token's `rol` claim (architecture.md, API conventions). */
export const ROLLEN = ['casemanager', 'teamleider', 'operations', 'admin', 'feed', 'privacy'] as const;
export type Rol = (typeof ROLLEN)[number];

/**
 * Who calls, from the verified token. `gemeente` is null only for `operations`: the platform's
 * operations staff read workflow histories across gemeenten. Every other role works for one
 * gemeente (a DUO/COA feed client too: one connection per gemeente) and the claim is required.
 */
export interface Gebruiker {
  sub: string;
  rol: Rol;
  gemeente: string | null;
}

// An opaque id from the identity provider, never an e-mail address (no '@'), name or BSN; at
// most 64 characters because it lands in audit_event.actor and taak.afgerond_door.
const SUB = /^[A-Za-z0-9._:|-]{1,64}$/;
const BSN_VORM = /^[0-9]{9}$/;

/** Claims → Gebruiker, or the Dutch reason the token is not acceptable. */
export function gebruikerUitClaims(claims: Record<string, unknown>): Gebruiker | { fout: string } {
  const { sub, rol, gemeente } = claims;
  if (typeof sub !== 'string' || !SUB.test(sub) || BSN_VORM.test(sub)) {
    return { fout: 'claim sub moet een ondoorzichtige gebruikers-id zijn (geen naam, e-mail of BSN)' };
  }
  if (typeof rol !== 'string' || !(ROLLEN as readonly string[]).includes(rol)) {
    return { fout: `claim rol moet een van ${ROLLEN.join(', ')} zijn` };
  }
  if (gemeente === undefined && rol === 'operations') return { sub, rol, gemeente: null };
  if (typeof gemeente !== 'string' || !isGemeentecode(gemeente)) {
    return { fout: 'claim gemeente moet een CBS-code zijn zoals GM0518' };
  }
  return { sub, rol: rol as Rol, gemeente };
}

export interface LokaleSleutel {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function alsEs256(pem: string, bron: string): LokaleSleutel {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new ConfigError(`${bron} is geen leesbare private key (PEM)`);
  }
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new ConfigError(`${bron} moet een EC P-256 sleutel zijn (ES256)`);
  }
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/**
 * The embedded default's signing key, shared by the API and `npm run token`: from
 * AUTH_LOCAL_PRIVATE_KEY, else the git-ignored file, created on first use. The file is
 * published atomically (link of a complete temp file), so two processes starting at once agree
 * on one key and never read a half-written file.
 */
export function lokaleSleutel(config: Extract<AuthConfig, { modus: 'lokaal' }>): LokaleSleutel {
  if (config.privateKeyPem) return alsEs256(config.privateKeyPem, ENV.AUTH_LOCAL_PRIVATE_KEY);
  const bestand = config.sleutelbestand;
  if (!fs.existsSync(bestand)) {
    try {
      maakSleutelbestand(bestand);
    } catch (err) {
      throw new ConfigError(
        `Kan de lokale sleutel ${bestand} niet aanmaken (${(err as NodeJS.ErrnoException).code ?? 'fout'}): ` +
          `zet ${ENV.AUTH_LOCAL_PRIVATE_KEY} of ${ENV.AUTH_ISSUER}`,
      );
    }
  }
  return alsEs256(fs.readFileSync(bestand, 'utf8'), bestand);
}

function maakSleutelbestand(bestand: string): void {
  fs.mkdirSync(path.dirname(bestand), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const tijdelijk = `${bestand}.${randomUUID()}.tmp`;
  fs.writeFileSync(tijdelijk, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  try {
    fs.linkSync(tijdelijk, bestand);
  } catch (err) {
    // Another process won the race: its key is the one.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(tijdelijk, { force: true });
  }
}

export interface TokenOpties {
  /** Lifetime in seconds (default 8 hours). */
  geldigSeconden?: number;
  /** Issue time in epoch seconds (default now); tests pass one in the past for expired tokens. */
  nu?: number;
}

/** A token for the embedded default, as `npm run token` prints it. */
export async function tekenLokaalToken(
  config: Extract<AuthConfig, { modus: 'lokaal' }>,
  gebruiker: Gebruiker,
  opties: TokenOpties = {},
): Promise<string> {
  const { privateKey } = lokaleSleutel(config);
  const nu = opties.nu ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, string> = { rol: gebruiker.rol };
  if (gebruiker.gemeente !== null) claims.gemeente = gebruiker.gemeente;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setSubject(gebruiker.sub)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt(nu)
    .setExpirationTime(nu + (opties.geldigSeconden ?? 8 * 3600))
    .setJti(randomUUID())
    .sign(privateKey);
}
