import { randomBytes } from 'node:crypto';
import { TRAJECT_WORKFLOW_PREFIX } from '../../contract/ids';
import { type Sleutelring, sleutel } from './sleutels';
import { blindeIndex, ontsleutel, versleutel } from './versleuteling';

/** Where the wrapped per-person data keys live (platform/persistence/repositories/persoonssleutel.repository.ts). */
export interface PersoonssleutelOpslag {
  /** null: no key; `versleuteld` null: the key was destroyed (crypto-shredding). */
  vind(inburgeraarId: string): Promise<{ masterSleutelId: string; versleuteld: Buffer | null } | null>;
  /** The person a traject is about (null: a traject without a person, or not a traject). */
  persoonVanTraject(trajectId: string): Promise<string | null>;
}

/** The person's data key was destroyed after the retention period: what it protected is gone for good. */
export class GegevensVernietigd extends Error {
  constructor() {
    super('De persoonsgegevens zijn na de bewaartermijn vernietigd (sleutel verwijderd)');
    this.name = 'GegevensVernietigd';
  }
}

/** A key reference as it travels with every ciphertext: `p:<inburgeraar-id>` or `m:<master-key-id>`. */
export type SleutelRef = `p:${string}` | `m:${string}`;

const TTL_MS = 10 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Bewaard<T> {
  waarde: T;
  tot: number;
}

/**
 * Envelope encryption: each person has their own random data key, wrapped by the active master key;
 * BSN, names, contact, birth dates, notes and every Temporal payload of their trajecten are encrypted
 * under it. Destroying that one key makes every copy unreadable at once (rows, histories, backups).
 * Unwrapped keys are cached for ten minutes: a destroyed key stops working everywhere within that time.
 */
export class Sleutelkluis {
  private readonly sleutels = new Map<string, Bewaard<Buffer>>();
  private readonly personen = new Map<string, Bewaard<string | null>>();

  constructor(
    readonly ring: Sleutelring,
    private readonly opslag: PersoonssleutelOpslag | null = null,
    private readonly ttlMs = TTL_MS,
  ) {}

  /**
   * A new data key for a person, wrapped by the active master key, for the caller to store (in the
   * same transaction as the person). Kept in this process's cache, so it can be used before commit.
   */
  nieuwePersoonssleutel(inburgeraarId: string): { masterSleutelId: string; versleuteld: Buffer } {
    const dek = randomBytes(32);
    this.sleutels.set(inburgeraarId, { waarde: dek, tot: Date.now() + this.ttlMs });
    return {
      masterSleutelId: this.ring.actief,
      versleuteld: versleutel(sleutel(this.ring, this.ring.actief), dek, `persoonssleutel:${inburgeraarId}`),
    };
  }

  /** Re-wraps a stored data key under the active master key (rotation); the data key itself stays. */
  herverpak(inburgeraarId: string, masterSleutelId: string, versleuteld: Buffer): Buffer {
    const context = `persoonssleutel:${inburgeraarId}`;
    const dek = ontsleutel(sleutel(this.ring, masterSleutelId), versleuteld, context);
    return versleutel(sleutel(this.ring, this.ring.actief), dek, context);
  }

  async persoonssleutel(inburgeraarId: string): Promise<Buffer> {
    const bewaard = this.sleutels.get(inburgeraarId);
    if (bewaard && bewaard.tot > Date.now()) return bewaard.waarde;
    if (!this.opslag) throw new Error('geen sleutelopslag geconfigureerd');
    const rij = await this.opslag.vind(inburgeraarId);
    if (!rij) throw new Error(`Geen persoonssleutel voor inburgeraar ${inburgeraarId}`);
    if (!rij.versleuteld) throw new GegevensVernietigd();
    const dek = ontsleutel(
      sleutel(this.ring, rij.masterSleutelId),
      rij.versleuteld,
      `persoonssleutel:${inburgeraarId}`,
    );
    this.sleutels.set(inburgeraarId, { waarde: dek, tot: Date.now() + this.ttlMs });
    return dek;
  }

  /** Forgets a cached key at once (this process); other processes within the cache time. */
  vergeet(inburgeraarId: string): void {
    this.sleutels.delete(inburgeraarId);
  }

  /** Which key protects this workflow's payloads: its person's, or the master key for system workflows. */
  async refVoorWorkflow(workflowId: string | undefined): Promise<SleutelRef> {
    const systeem: SleutelRef = `m:${this.ring.actief}`;
    if (!workflowId?.startsWith(TRAJECT_WORKFLOW_PREFIX) || !this.opslag) return systeem;
    const trajectId = workflowId.slice(TRAJECT_WORKFLOW_PREFIX.length);
    if (!UUID.test(trajectId)) return systeem;
    let bewaard = this.personen.get(trajectId);
    if (!bewaard || bewaard.tot <= Date.now()) {
      bewaard = { waarde: await this.opslag.persoonVanTraject(trajectId), tot: Date.now() + this.ttlMs };
      this.personen.set(trajectId, bewaard);
    }
    return bewaard.waarde ? `p:${bewaard.waarde}` : systeem;
  }

  async sleutelVoor(ref: string): Promise<Buffer> {
    if (ref.startsWith('m:')) return sleutel(this.ring, ref.slice(2));
    if (ref.startsWith('p:')) return this.persoonssleutel(ref.slice(2));
    throw new Error(`onbekende sleutelverwijzing '${ref.slice(0, 8)}'`);
  }

  /** A field value as stored: `<ref>|<base64 iv‖tag‖ciphertext>`; `veld` binds it to its column. */
  async versleutelTekst(ref: SleutelRef, veld: string, waarde: string): Promise<string> {
    const blob = versleutel(await this.sleutelVoor(ref), Buffer.from(waarde, 'utf8'), `${ref}|${veld}`);
    return `${ref}|${blob.toString('base64')}`;
  }

  async ontsleutelTekst(veld: string, opgeslagen: string): Promise<string> {
    const scheiding = opgeslagen.lastIndexOf('|');
    if (scheiding < 0) throw new Error('geen versleutelde waarde');
    const ref = opgeslagen.slice(0, scheiding);
    const blob = Buffer.from(opgeslagen.slice(scheiding + 1), 'base64');
    return ontsleutel(await this.sleutelVoor(ref), blob, `${ref}|${veld}`).toString('utf8');
  }

  /**
   * Rotation: a field stored under a master key other than the active one, encrypted again under the
   * active one (same field binding). Null when there is nothing to do: already under the active key,
   * or under a person's key (those rows stay; their data key is re-wrapped instead).
   */
  async herversleutelTekst(veld: string, opgeslagen: string): Promise<string | null> {
    const ref = opgeslagen.slice(0, opgeslagen.lastIndexOf('|'));
    if (!ref.startsWith('m:') || ref === `m:${this.ring.actief}`) return null;
    return this.versleutelTekst(`m:${this.ring.actief}`, veld, await this.ontsleutelTekst(veld, opgeslagen));
  }

  /** The lookup index of a BSN or V-nummer (never stored or logged in plain text). */
  index(soort: 'bsn' | 'vnummer', waarde: string): string {
    return blindeIndex(this.ring.index, soort, waarde);
  }
}
