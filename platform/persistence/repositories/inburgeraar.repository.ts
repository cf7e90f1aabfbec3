import type { Db } from './db';
import { iso } from './db';

/** A row of the register as stored: every personal field is still ciphertext here. */
export interface InburgeraarRij {
  id: string;
  bsnIndex: string;
  bsn: string;
  vnummerIndex: string | null;
  vnummer: string | null;
  /** Ciphertext of the JSON Persoonsgegevens (domain/persoon). */
  gegevens: string;
  huishoudenId: string;
  aangemaaktDoorGemeente: string;
  versie: number;
  aangemaaktOp: string;
  bijgewerktOp: string;
}

/** A traject of a person, with what access decisions need (gemeente, casemanager, closed?). */
export interface PersoonTraject {
  trajectId: string;
  inburgeraarId: string;
  gemeente: string;
  casemanager: string | null;
  afgesloten: boolean;
  fase: string | null;
}

export interface PersoonWijziging {
  inburgeraarId: string;
  actor: string;
  veld: string;
  oud: string | null;
  nieuw: string | null;
  requestId: string;
}

type Ruw = Record<string, unknown>;

function naarRij(r: Ruw): InburgeraarRij {
  return {
    id: r.id as string,
    bsnIndex: r.bsn_index as string,
    bsn: r.bsn as string,
    vnummerIndex: (r.vnummer_index as string | null) ?? null,
    vnummer: (r.vnummer as string | null) ?? null,
    gegevens: r.gegevens as string,
    huishoudenId: r.huishouden_id as string,
    aangemaaktDoorGemeente: r.aangemaakt_door_gemeente as string,
    versie: r.versie as number,
    aangemaaktOp: iso(r.aangemaakt_op) as string,
    bijgewerktOp: iso(r.bijgewerkt_op) as string,
  };
}

/** The current gemeente of a traject: the read model's once the workflow wrote it, else the one it was registered in. */
const TRAJECTEN = `
  SELECT tp.traject_id, tp.inburgeraar_id, COALESCE(t.gemeente, tp.gemeente) AS gemeente,
         t.casemanager, COALESCE(t.afgesloten, false) AS afgesloten, t.fase
    FROM traject_persoon tp LEFT JOIN traject t ON t.id = tp.traject_id`;

function naarTraject(r: Ruw): PersoonTraject {
  return {
    trajectId: r.traject_id as string,
    inburgeraarId: r.inburgeraar_id as string,
    gemeente: r.gemeente as string,
    casemanager: (r.casemanager as string | null) ?? null,
    afgesloten: r.afgesloten as boolean,
    fase: (r.fase as string | null) ?? null,
  };
}

/** `inburgeraar`, `traject_persoon` (which traject is about whom) and `persoon_wijziging` (corrections). */
export class InburgeraarRepository {
  constructor(private readonly db: Db) {}

  async voegToe(
    r: Omit<InburgeraarRij, 'versie' | 'aangemaaktOp' | 'bijgewerktOp'>,
    db: Db = this.db,
  ): Promise<void> {
    await db.query(
      `INSERT INTO inburgeraar (id, bsn_index, bsn, vnummer_index, vnummer, gegevens, huishouden_id, aangemaakt_door_gemeente)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        r.id,
        r.bsnIndex,
        r.bsn,
        r.vnummerIndex,
        r.vnummer,
        r.gegevens,
        r.huishoudenId,
        r.aangemaaktDoorGemeente,
      ],
    );
  }

  async vind(id: string, db: Db = this.db): Promise<InburgeraarRij | null> {
    const [r] = (await db.query('SELECT * FROM inburgeraar WHERE id = $1', [id])) as Ruw[];
    return r ? naarRij(r) : null;
  }

  async vindOpIndex(
    soort: 'bsn' | 'vnummer',
    index: string,
    db: Db = this.db,
  ): Promise<InburgeraarRij | null> {
    const kolom = soort === 'bsn' ? 'bsn_index' : 'vnummer_index';
    const [r] = (await db.query(`SELECT * FROM inburgeraar WHERE ${kolom} = $1 LIMIT 1`, [index])) as Ruw[];
    return r ? naarRij(r) : null;
  }

  /** Serialises registrations of the same BSN for the rest of the transaction `db` (no duplicate person or traject). */
  async vergrendelIndex(index: string, db: Db): Promise<void> {
    await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [index]);
  }

  /** Optimistic: only when the row still has `versie`; returns whether it did. */
  async werkGegevensBij(id: string, gegevens: string, versie: number, db: Db = this.db): Promise<boolean> {
    const rijen = (await db.query(
      `UPDATE inburgeraar SET gegevens = $2, versie = versie + 1, bijgewerkt_op = now()
        WHERE id = $1 AND versie = $3 RETURNING id`,
      [id, gegevens, versie],
    )) as unknown[] | [unknown[], number];
    const lijst = Array.isArray(rijen[0]) ? (rijen[0] as unknown[]) : rijen;
    return lijst.length > 0;
  }

  async koppelTraject(
    trajectId: string,
    inburgeraarId: string,
    gemeente: string,
    db: Db = this.db,
  ): Promise<void> {
    await db.query(
      `INSERT INTO traject_persoon (traject_id, inburgeraar_id, gemeente) VALUES ($1, $2, $3)
       ON CONFLICT (traject_id) DO NOTHING`,
      [trajectId, inburgeraarId, gemeente],
    );
  }

  async persoonVanTraject(trajectId: string): Promise<string | null> {
    const [r] = (await this.db.query('SELECT inburgeraar_id FROM traject_persoon WHERE traject_id = $1', [
      trajectId,
    ])) as Ruw[];
    return (r?.inburgeraar_id as string | undefined) ?? null;
  }

  async trajectenVan(inburgeraarId: string, db: Db = this.db): Promise<PersoonTraject[]> {
    const rijen = (await db.query(`${TRAJECTEN} WHERE tp.inburgeraar_id = $1 ORDER BY tp.aangemaakt_op`, [
      inburgeraarId,
    ])) as Ruw[];
    return rijen.map(naarTraject);
  }

  /** The people behind these trajecten (for lists that show names), with their encrypted data. */
  async personenVanTrajecten(trajectIds: string[]): Promise<(PersoonTraject & { gegevens: string })[]> {
    if (trajectIds.length === 0) return [];
    const rijen = (await this.db.query(
      `SELECT x.*, i.gegevens FROM (${TRAJECTEN} WHERE tp.traject_id = ANY($1::uuid[])) x
         JOIN inburgeraar i ON i.id = x.inburgeraar_id`,
      [trajectIds],
    )) as Ruw[];
    return rijen.map((r) => ({ ...naarTraject(r), gegevens: r.gegevens as string }));
  }

  /** Everyone in a household (partner, nareizigers): linked, never merged. */
  async huishouden(huishoudenId: string): Promise<string[]> {
    const rijen = (await this.db.query(
      'SELECT id FROM inburgeraar WHERE huishouden_id = $1 ORDER BY aangemaakt_op',
      [huishoudenId],
    )) as { id: string }[];
    return rijen.map((r) => r.id);
  }

  /** Corrections with old and new value (both ciphertext), append-only. */
  async voegWijzigingenToe(wijzigingen: PersoonWijziging[], db: Db = this.db): Promise<void> {
    for (const w of wijzigingen) {
      await db.query(
        `INSERT INTO persoon_wijziging (inburgeraar_id, actor, veld, oud, nieuw, request_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [w.inburgeraarId, w.actor, w.veld, w.oud, w.nieuw, w.requestId],
      );
    }
  }

  async wijzigingenVan(inburgeraarId: string): Promise<(PersoonWijziging & { tijd: string })[]> {
    const rijen = (await this.db.query(
      `SELECT inburgeraar_id, actor, veld, oud, nieuw, request_id, tijd FROM persoon_wijziging
        WHERE inburgeraar_id = $1 ORDER BY tijd`,
      [inburgeraarId],
    )) as Ruw[];
    return rijen.map((r) => ({
      inburgeraarId: r.inburgeraar_id as string,
      actor: r.actor as string,
      veld: r.veld as string,
      oud: r.oud as string | null,
      nieuw: r.nieuw as string | null,
      requestId: r.request_id as string,
      tijd: iso(r.tijd) as string,
    }));
  }
}
