import type { PersoonssleutelOpslag } from '../../crypto/sleutelkluis';
import type { Db } from './db';

/** `persoonssleutel`: each person's data key, wrapped by a master key; NULL once destroyed. */
export class PersoonssleutelRepository implements PersoonssleutelOpslag {
  constructor(private readonly db: Db) {}

  async vind(inburgeraarId: string): Promise<{ masterSleutelId: string; versleuteld: Buffer | null } | null> {
    const [r] = (await this.db.query(
      'SELECT master_sleutel_id, sleutel FROM persoonssleutel WHERE inburgeraar_id = $1',
      [inburgeraarId],
    )) as { master_sleutel_id: string; sleutel: Buffer | null }[];
    return r ? { masterSleutelId: r.master_sleutel_id, versleuteld: r.sleutel } : null;
  }

  async bewaar(
    inburgeraarId: string,
    masterSleutelId: string,
    versleuteld: Buffer,
    db: Db = this.db,
  ): Promise<void> {
    await db.query(
      `INSERT INTO persoonssleutel (inburgeraar_id, master_sleutel_id, sleutel) VALUES ($1, $2, $3)
       ON CONFLICT (inburgeraar_id) DO NOTHING`,
      [inburgeraarId, masterSleutelId, versleuteld],
    );
  }

  async persoonVanTraject(trajectId: string): Promise<string | null> {
    const [r] = (await this.db.query('SELECT inburgeraar_id FROM traject_persoon WHERE traject_id = $1', [
      trajectId,
    ])) as { inburgeraar_id: string }[];
    return r?.inburgeraar_id ?? null;
  }

  /** Master key rotation: the next keys still wrapped by another master key than `actief`. */
  async nietOnder(
    actief: string,
    limiet: number,
  ): Promise<{ inburgeraarId: string; masterSleutelId: string; versleuteld: Buffer }[]> {
    const rijen = (await this.db.query(
      `SELECT inburgeraar_id, master_sleutel_id, sleutel FROM persoonssleutel
        WHERE sleutel IS NOT NULL AND master_sleutel_id <> $1 ORDER BY inburgeraar_id LIMIT $2`,
      [actief, limiet],
    )) as { inburgeraar_id: string; master_sleutel_id: string; sleutel: Buffer }[];
    return rijen.map((r) => ({
      inburgeraarId: r.inburgeraar_id,
      masterSleutelId: r.master_sleutel_id,
      versleuteld: r.sleutel,
    }));
  }

  /** Re-wraps one key, only if it is still the one read (no lost update against a concurrent rotation). */
  async herverpak(inburgeraarId: string, van: string, naar: string, versleuteld: Buffer): Promise<boolean> {
    const rijen = (await this.db.query(
      `UPDATE persoonssleutel SET master_sleutel_id = $3, sleutel = $4
        WHERE inburgeraar_id = $1 AND master_sleutel_id = $2 AND sleutel IS NOT NULL RETURNING inburgeraar_id`,
      [inburgeraarId, van, naar, versleuteld],
    )) as unknown[] | [unknown[], number];
    const lijst = Array.isArray(rijen[0]) ? (rijen[0] as unknown[]) : rijen;
    return lijst.length > 0;
  }

  /**
   * People whose every traject closed at least `jaren` years before `peildatum` (and who have one):
   * their data key may be destroyed.
   */
  async voorbijBewaartermijn(
    peildatum: string,
    jaren: number,
    limiet: number,
  ): Promise<{ inburgeraarId: string; gemeente: string }[]> {
    const rijen = (await this.db.query(
      `SELECT ps.inburgeraar_id,
              (SELECT tp.gemeente FROM traject_persoon tp WHERE tp.inburgeraar_id = ps.inburgeraar_id
                ORDER BY tp.aangemaakt_op DESC LIMIT 1) AS gemeente
         FROM persoonssleutel ps
        WHERE ps.sleutel IS NOT NULL
          AND EXISTS (SELECT 1 FROM traject_persoon tp WHERE tp.inburgeraar_id = ps.inburgeraar_id)
          AND NOT EXISTS (
            SELECT 1 FROM traject_persoon tp LEFT JOIN traject t ON t.id = tp.traject_id
             WHERE tp.inburgeraar_id = ps.inburgeraar_id
               AND (t.id IS NULL OR NOT t.afgesloten OR t.uitkomst_op IS NULL
                    OR t.uitkomst_op > ($1::date - make_interval(years => $2::int))::date))
        ORDER BY ps.inburgeraar_id LIMIT $3`,
      [peildatum, jaren, limiet],
    )) as { inburgeraar_id: string; gemeente: string }[];
    return rijen.map((r) => ({ inburgeraarId: r.inburgeraar_id, gemeente: r.gemeente }));
  }

  /** Crypto-shredding: the key is gone, the row stays as proof of when. Idempotent. */
  async vernietig(inburgeraarIds: string[]): Promise<number> {
    if (inburgeraarIds.length === 0) return 0;
    const rijen = (await this.db.query(
      `UPDATE persoonssleutel SET sleutel = NULL, vernietigd_op = now()
        WHERE inburgeraar_id = ANY($1::uuid[]) AND sleutel IS NOT NULL RETURNING inburgeraar_id`,
      [inburgeraarIds],
    )) as unknown[] | [unknown[], number];
    const lijst = Array.isArray(rijen[0]) ? (rijen[0] as unknown[]) : rijen;
    return lijst.length;
  }
}
