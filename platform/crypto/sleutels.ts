import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config';

/**
 * The master keys (key id → 256-bit AES key, one active) and the key of the BSN blind index. They
 * come from configuration (SLEUTELS, ACTIEVE_SLEUTEL, BLINDE_INDEX_SLEUTEL); the embedded default
 * keeps them in a local file under .local/ (mode 0600), created once, like the local signing key.
 * Master keys only wrap the per-person data keys (envelope encryption) and system payloads.
 */
export interface Sleutelring {
  /** Id of the key new data is encrypted under. */
  actief: string;
  sleutels: ReadonlyMap<string, Buffer>;
  /** HMAC-SHA256 key of the BSN / V-nummer blind index (never rotates silently: the index depends on it). */
  index: Buffer;
  /** Where the keys came from, for the start-up line (never the keys). */
  bron: string;
}

export type SleutelConfig =
  | { modus: 'configuratie'; sleutels: Record<string, string>; actief: string; index: string }
  | { modus: 'lokaal'; bestand: string };

const SLEUTEL_ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export class SleutelOntbreekt extends Error {
  constructor(readonly sleutelId: string) {
    super(`Sleutel '${sleutelId}' ontbreekt in de configuratie: versleutelde gegevens zijn zo niet te lezen`);
    this.name = 'SleutelOntbreekt';
  }
}

function alsSleutel(naam: string, b64: string): Buffer {
  const sleutel = Buffer.from(b64, 'base64');
  if (sleutel.length !== 32)
    throw new ConfigError(`${naam} moet 32 bytes zijn (base64), niet ${sleutel.length}`);
  return sleutel;
}

function uitConfiguratie(c: Extract<SleutelConfig, { modus: 'configuratie' }>, bron: string): Sleutelring {
  const sleutels = new Map<string, Buffer>();
  for (const [id, b64] of Object.entries(c.sleutels)) {
    if (!SLEUTEL_ID.test(id))
      throw new ConfigError(`Sleutel-id '${id}' is ongeldig (a-z, 0-9, _ of -, hoogstens 32 tekens)`);
    sleutels.set(id, alsSleutel(`sleutel ${id}`, b64));
  }
  if (!sleutels.has(c.actief))
    throw new ConfigError(`De actieve sleutel '${c.actief}' staat niet in de sleutelring`);
  return { actief: c.actief, sleutels, index: alsSleutel('de blinde-indexsleutel', c.index), bron };
}

/** Reads (or, in the embedded default, creates once) the key ring. */
export function laadSleutelring(config: SleutelConfig): Sleutelring {
  if (config.modus === 'configuratie') return uitConfiguratie(config, 'configuratie (SLEUTELS)');
  const bestand = config.bestand;
  if (!fs.existsSync(bestand)) {
    fs.mkdirSync(path.dirname(bestand), { recursive: true, mode: 0o700 });
    const inhoud = {
      actief: 'lokaal-1',
      sleutels: { 'lokaal-1': randomBytes(32).toString('base64') },
      index: randomBytes(32).toString('base64'),
    };
    try {
      // wx: two processes starting at once never overwrite each other's keys.
      fs.writeFileSync(bestand, `${JSON.stringify(inhoud, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const gelezen = JSON.parse(fs.readFileSync(bestand, 'utf8')) as {
    actief: string;
    sleutels: Record<string, string>;
    index: string;
  };
  return uitConfiguratie({ modus: 'configuratie', ...gelezen }, `lokaal sleutelbestand ${bestand}`);
}

export function sleutel(ring: Sleutelring, id: string): Buffer {
  const s = ring.sleutels.get(id);
  if (!s) throw new SleutelOntbreekt(id);
  return s;
}
