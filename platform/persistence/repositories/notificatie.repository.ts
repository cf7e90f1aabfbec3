import type { Db } from './db';

export interface WachtendeNotificatie {
  id: string;
  ontvangerRol: string;
  ontvanger: string;
  gemeente: string;
  onderwerp: string;
  inhoud: string;
}

export interface NieuweDigest {
  rol: string;
  ontvanger: string;
  gemeente: string;
  onderwerp: string;
  inhoud: string;
  aantal: number;
}

/** The outbox `notificatie` (the nightly digests): one row per run and recipient. */
export class NotificatieRepository {
  constructor(private readonly db: Db) {}

  /** Unique on run + recipient: a re-run adds nothing. Returns how many are new. */
  async voegDigestsToe(rondeId: string, digests: NieuweDigest[]): Promise<number> {
    if (digests.length === 0) return 0;
    const [{ aantal }] = (await this.db.query(
      `WITH nieuw AS (
         INSERT INTO notificatie (ronde_id, ontvanger_rol, ontvanger, gemeente, onderwerp, inhoud, aantal)
         SELECT $1::varchar, u.* FROM unnest($2::varchar[], $3::varchar[], $4::varchar[], $5::text[],
           $6::text[], $7::int[]) AS u
         ON CONFLICT ON CONSTRAINT notificatie_uniek DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS aantal FROM nieuw`,
      [
        rondeId,
        digests.map((d) => d.rol),
        digests.map((d) => d.ontvanger),
        digests.map((d) => d.gemeente),
        digests.map((d) => d.onderwerp),
        digests.map((d) => d.inhoud),
        digests.map((d) => d.aantal),
      ],
    )) as { aantal: number }[];
    return aantal;
  }

  /** E-mails still to send, oldest first (also those that failed on an earlier night). */
  async wachtendeEmails(limiet = 5000): Promise<WachtendeNotificatie[]> {
    const rijen = (await this.db.query(
      `SELECT id, ontvanger_rol, ontvanger, gemeente, onderwerp, inhoud FROM notificatie
          WHERE status = 'wachtend' AND kanaal = 'email' ORDER BY aangemaakt_op LIMIT $1`,
      [limiet],
    )) as Record<string, string>[];
    return rijen.map((r) => ({
      id: r.id,
      ontvangerRol: r.ontvanger_rol,
      ontvanger: r.ontvanger,
      gemeente: r.gemeente,
      onderwerp: r.onderwerp,
      inhoud: r.inhoud,
    }));
  }

  async markeerVerzonden(id: string): Promise<void> {
    await this.db.query(
      `UPDATE notificatie SET status = 'verzonden', verzonden_op = now() WHERE id = $1 AND status = 'wachtend'`,
      [id],
    );
  }
}
