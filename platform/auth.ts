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
import { bevatBsnVorm } from '../domain/shared/bsn-vorm';
import { type Bereik, isGemeentecode, isOrganisatieId } from '../domain/shared/gemeente';
import { type AuthConfig, ConfigError, ENV } from './config';

/** Roles in the token's `rol` claim (architecture.md, API conventions). */
export const ROLLEN = [
  'casemanager',
  'teamleider',
  'operations',
  'admin',
  'feed',
  'privacy',
  'taalaanbieder',
] as const;
export type Rol = (typeof ROLLEN)[number];

/**
 * Issue 15: the source a `feed` token speaks for (claim `bron`); a feed client may only call its own
 * source's routes under /api/v1/feeds/<bron>/. Required for `feed` (fail closed), refused for other roles.
 */
export const FEED_BRONNEN = ['duo', 'coa', 'brp'] as const;
export type FeedBron = (typeof FEED_BRONNEN)[number];

/** Where a user may look and act: the type and its rule live in domain/shared/gemeente.ts. */
export type { Bereik } from '../domain/shared/gemeente';

/** Longest list of gemeenten one token may carry (a region, not the country: that is `'*'`). */
export const MAX_GEMEENTEN_PER_TOKEN = 50;

/**
 * Who calls, from the verified token. `gemeente` is the one gemeente of a token that has exactly one
 * (it lands in audit_event.gemeente); null for a list, national scope or none. `bereik` is what the
 * user may see; absent (older callers, test fakes): the one `gemeente`, or nothing.
 */
export interface Gebruiker {
  sub: string;
  rol: Rol;
  gemeente: string | null;
  bereik?: Bereik;
  /** Only for `feed`: the source it speaks for. */
  bron?: FeedBron;
  /** Only for `taalaanbieder`: its organisation id (token claim `organisatie`), issue 15. */
  organisatie?: string;
}

/** The user's scope: `bereik` when set, else the one gemeente, else nothing (never everything). */
export function bereikVan(gebruiker: Gebruiker): Bereik {
  return gebruiker.bereik ?? (gebruiker.gemeente === null ? [] : [gebruiker.gemeente]);
}

// An opaque id from the identity provider, never an e-mail address (no '@'), name or BSN; at
// most 64 characters because it lands in audit_event.actor and taak.afgerond_door.
const SUB = /^[A-Za-z0-9._:|-]{1,64}$/;
const BSN_VORM = /^[0-9]{9}$/;
const LANDELIJK: readonly Rol[] = ['operations', 'admin'];

/**
 * Claims → Gebruiker, or the Dutch reason the token is not acceptable. A taalaanbieder also needs its
 * organisation id (`organisatie`): it sees only the trajecten that organisation teaches.
 */
export function gebruikerUitClaims(claims: Record<string, unknown>): Gebruiker | { fout: string } {
  const gebruiker = leesClaims(claims);
  if ('fout' in gebruiker) return gebruiker;
  const { bron } = claims;
  if (gebruiker.rol === 'taalaanbieder') {
    if (!isOrganisatieId(claims.organisatie)) {
      return { fout: 'claim organisatie moet een organisatie-id zijn (2 tot 64 letters, cijfers of . _ -)' };
    }
    return { ...gebruiker, organisatie: claims.organisatie };
  }
  if (gebruiker.rol !== 'feed') {
    return bron === undefined ? gebruiker : { fout: 'claim bron is alleen voor de rol feed' };
  }
  if (typeof bron !== 'string' || !(FEED_BRONNEN as readonly string[]).includes(bron)) {
    return { fout: `claim bron moet voor de rol feed een van ${FEED_BRONNEN.join(', ')} zijn` };
  }
  return { ...gebruiker, bron: bron as FeedBron };
}

function leesClaims(claims: Record<string, unknown>): Gebruiker | { fout: string } {
  const { sub, rol, gemeente } = claims;
  if (typeof sub !== 'string' || !SUB.test(sub) || BSN_VORM.test(sub) || bevatBsnVorm(sub)) {
    return { fout: 'claim sub moet een ondoorzichtige gebruikers-id zijn (geen naam, e-mail of BSN)' };
  }
  if (typeof rol !== 'string' || !(ROLLEN as readonly string[]).includes(rol)) {
    return { fout: `claim rol moet een van ${ROLLEN.join(', ')} zijn` };
  }
  const r = rol as Rol;
  // Operations and admin without a gemeente: a valid token that sees nothing (fail closed).
  if (gemeente === undefined && LANDELIJK.includes(r)) return { sub, rol: r, gemeente: null, bereik: [] };
  if (gemeente === '*') {
    if (!LANDELIJK.includes(r))
      return { fout: 'claim gemeente "*" (landelijk) is alleen voor operations en admin' };
    return { sub, rol: r, gemeente: null, bereik: '*' };
  }
  if (Array.isArray(gemeente)) {
    const lijst = [...new Set(gemeente)];
    if (lijst.length === 0 || lijst.length > MAX_GEMEENTEN_PER_TOKEN || !lijst.every(isGemeentecode)) {
      return {
        fout: `claim gemeente moet een CBS-code zijn, een lijst van 1 tot ${MAX_GEMEENTEN_PER_TOKEN} CBS-codes, of "*"`,
      };
    }
    return { sub, rol: r, gemeente: lijst.length === 1 ? lijst[0] : null, bereik: lijst };
  }
  if (typeof gemeente !== 'string' || !isGemeentecode(gemeente)) {
    return { fout: 'claim gemeente moet een CBS-code zijn zoals GM0518' };
  }
  return { sub, rol: r, gemeente, bereik: [gemeente] };
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

type LokaleAuth = Extract<AuthConfig, { modus: 'lokaal' }>;

/** The public half next to the private key file: what the API reads (issue 13). */
export function publiekBestand(config: Pick<LokaleAuth, 'sleutelbestand'>): string {
  return config.sleutelbestand.replace(/(\.pem)?$/, '.pub.pem');
}

/**
 * The local signing key, for `npm run token` and `npm start` (never the API): from
 * AUTH_LOCAL_PRIVATE_KEY, else the git-ignored file, created on first use together with its public
 * half. The file is published atomically (link of a complete temp file), so two processes starting
 * at once agree on one key and never read a half-written file.
 */
export function lokaleSleutel(config: LokaleAuth): LokaleSleutel {
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
  const sleutel = alsEs256(fs.readFileSync(bestand, 'utf8'), bestand);
  const publiek = publiekBestand(config);
  if (!fs.existsSync(publiek)) {
    const tijdelijk = `${publiek}.${randomUUID()}.tmp`;
    fs.writeFileSync(tijdelijk, sleutel.publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
    fs.renameSync(tijdelijk, publiek);
  }
  return sleutel;
}

/**
 * The API's half in local mode: only the public key (AUTH_LOCAL_PUBLIC_KEY, else the .pub.pem file
 * `npm start` or `npm run token` wrote). The API never reads or makes the private key.
 */
export function lokalePubliekeSleutel(config: LokaleAuth): KeyObject {
  const bron = config.publicKeyPem ? ENV.AUTH_LOCAL_PUBLIC_KEY : publiekBestand(config);
  let pem: string;
  if (config.publicKeyPem) pem = config.publicKeyPem;
  else if (fs.existsSync(bron)) pem = fs.readFileSync(bron, 'utf8');
  else {
    throw new ConfigError(
      `Geen publieke sleutel in ${bron}: start met npm start (maakt het sleutelpaar), draai eenmaal npm run token, of zet ${ENV.AUTH_LOCAL_PUBLIC_KEY}`,
    );
  }
  let sleutel: KeyObject;
  try {
    sleutel = createPublicKey(pem);
  } catch {
    throw new ConfigError(`${bron} is geen leesbare publieke sleutel (PEM)`);
  }
  if (sleutel.asymmetricKeyType !== 'ec' || sleutel.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new ConfigError(`${bron} moet een EC P-256 sleutel zijn (ES256)`);
  }
  return sleutel;
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
  config: LokaleAuth,
  gebruiker: Gebruiker,
  opties: TokenOpties = {},
): Promise<string> {
  const { privateKey } = lokaleSleutel(config);
  const nu = opties.nu ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, string | string[]> = { rol: gebruiker.rol };
  const bereik = gebruiker.bereik;
  if (bereik === '*') claims.gemeente = '*';
  else if (bereik && bereik.length > 1) claims.gemeente = [...bereik];
  else if (bereik?.length === 1) claims.gemeente = bereik[0];
  else if (gebruiker.gemeente !== null) claims.gemeente = gebruiker.gemeente;
  if (gebruiker.bron) claims.bron = gebruiker.bron;
  if (gebruiker.organisatie) claims.organisatie = gebruiker.organisatie;
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
