import { type Db, geraakteRijen, iso } from './db';

export type FeedLeveringStatus = 'in_behandeling' | 'klaar';

/** A feed batch accepted for later delivery (`feed_levering`, migration 040). */
export interface FeedLeveringRij {
  id: string;
  /** Which feed: the deliverer's key for the service that handles it. */
  soort: string;
  /** The feed client (token `sub`): only it reads the batch's status. */
  client: string;
  /** The client's token claims as they were at acceptance (no personal data). */
  gebruiker: unknown;
  requestId: string;
  aantal: number;
  /** The items as sent, encrypted; null once the batch is done. */
  items: string | null;
  status: FeedLeveringStatus;
  pogingen: number;
  afgeleverd: number | null;
  /** Per-item results (index, outcome, commandId, trajectId, field errors): no personal data. */
  resultaten: unknown[] | null;
  ontvangenOp: string;
  klaarOp: string | null;
}

export type NieuweFeedLevering = Pick<
  FeedLeveringRij,
  'id' | 'soort' | 'client' | 'gebruiker' | 'requestId' | 'aantal'
> & {
  items: string;
};

/** The encryption binding of a batch's items: a ciphertext copied to another batch does not open. */
export const feedLeveringVeld = (id: string): string => `feed_levering.items:${id}`;

const KOLOMMEN = `id, soort, client, gebruiker, request_id, aantal, items, status, pogingen, afgeleverd, resultaten,
  ontvangen_op, klaar_op`;

function naarRij(r: Record<string, unknown>): FeedLeveringRij {
  return {
    id: r.id as string,
    soort: r.soort as string,
    client: r.client as string,
    gebruiker: r.gebruiker,
    requestId: r.request_id as string,
    aantal: Number(r.aantal),
    items: (r.items as string | null) ?? null,
    status: r.status as FeedLeveringStatus,
    pogingen: Number(r.pogingen),
    afgeleverd: r.afgeleverd === null || r.afgeleverd === undefined ? null : Number(r.afgeleverd),
    resultaten: (r.resultaten as unknown[] | null) ?? null,
    ontvangenOp: iso(r.ontvangen_op) as string,
    klaarOp: iso(r.klaar_op),
  };
}

/**
 * `feed_levering`: batches a chain partner handed over with `Prefer: respond-async`. Several API
 * processes deliver side by side: a process claims one batch at a time (`FOR UPDATE SKIP LOCKED`)
 * by moving its `volgende_poging` a lease ahead; a process that dies lets its lease run out and
 * another one takes the batch over (its items are applied once: their commandIds are stable).
 */
export class FeedLeveringRepository {
  constructor(private readonly db: Db) {}

  async voegToe(l: NieuweFeedLevering, db: Db = this.db): Promise<void> {
    await db.query(
      `INSERT INTO feed_levering (id, soort, client, gebruiker, request_id, aantal, items)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
      [l.id, l.soort, l.client, JSON.stringify(l.gebruiker), l.requestId, l.aantal, l.items],
    );
  }

  /** The oldest batch due for (another) attempt, claimed for `leaseSeconden`; null when none is due. */
  async claim(leaseSeconden: number, db: Db = this.db): Promise<FeedLeveringRij | null> {
    const rijen = geraakteRijen(
      await db.query(
        `UPDATE feed_levering
            SET pogingen = pogingen + 1, volgende_poging = now() + make_interval(secs => $1)
          WHERE id = (SELECT id FROM feed_levering
                       WHERE status = 'in_behandeling' AND volgende_poging <= now()
                       ORDER BY volgende_poging
                       LIMIT 1
                       FOR UPDATE SKIP LOCKED)
            AND status = 'in_behandeling'
          RETURNING ${KOLOMMEN}`,
        [leaseSeconden],
      ),
    );
    return rijen[0] ? naarRij(rijen[0]) : null;
  }

  /** Not everything was delivered this time: try again after `seconden` (the claim ends). */
  async probeerLater(id: string, seconden: number, db: Db = this.db): Promise<void> {
    await db.query(
      `UPDATE feed_levering SET volgende_poging = now() + make_interval(secs => $2)
        WHERE id = $1 AND status = 'in_behandeling'`,
      [id, seconden],
    );
  }

  /**
   * The batch is done: its results kept, its items (personal data) gone. False when it was done
   * already (another process finished it after this one's lease ran out): the caller rolls back.
   */
  async rondAf(id: string, afgeleverd: number, resultaten: unknown[], db: Db = this.db): Promise<boolean> {
    const rijen = geraakteRijen(
      await db.query(
        `UPDATE feed_levering
            SET status = 'klaar', items = NULL, resultaten = $2::jsonb, afgeleverd = $3, klaar_op = now()
          WHERE id = $1 AND status = 'in_behandeling'
          RETURNING id`,
        [id, JSON.stringify(resultaten), afgeleverd],
      ),
    );
    return rijen.length === 1;
  }

  /** The backlog, for /metrics: how many batches are not done yet, and how long the oldest has waited. */
  async wachtend(db: Db = this.db): Promise<{ aantal: number; oudsteSeconden: number }> {
    const [rij] = (await db.query(
      `SELECT count(*)::int AS n,
              coalesce(extract(epoch FROM now() - min(ontvangen_op)), 0)::float8 AS oudste
         FROM feed_levering WHERE status = 'in_behandeling'`,
    )) as { n: number; oudste: number }[];
    return { aantal: rij.n, oudsteSeconden: Number(rij.oudste) };
  }

  /** Done batches older than `dagen` days go (their results were for the sender to collect). */
  async ruimOp(dagen: number, db: Db = this.db): Promise<number> {
    return geraakteRijen(
      await db.query(
        `DELETE FROM feed_levering WHERE status = 'klaar' AND klaar_op < now() - make_interval(days => $1)
         RETURNING id`,
        [dagen],
      ),
    ).length;
  }

  /**
   * Key rotation: the next waiting batches (after `na`, in id order) whose items are not under the
   * master key `actief` (stored as `m:<id>|…`, platform/crypto/sleutelkluis.ts).
   */
  async nietOnderSleutel(
    actief: string,
    na: string,
    limiet: number,
    db: Db = this.db,
  ): Promise<{ id: string; items: string }[]> {
    return (await db.query(
      `SELECT id, items FROM feed_levering
        WHERE status = 'in_behandeling' AND items IS NOT NULL AND left(items, $1) <> $2 AND id > $3
        ORDER BY id LIMIT $4`,
      [actief.length + 3, `m:${actief}|`, na, limiet],
    )) as { id: string; items: string }[];
  }

  /** Replaces a waiting batch's items only if they are still the ones read (a delivery or another rotation wins). */
  async herversleutel(id: string, oud: string, nieuw: string, db: Db = this.db): Promise<boolean> {
    return (
      geraakteRijen(
        await db.query(
          `UPDATE feed_levering SET items = $3
            WHERE id = $1 AND items = $2 AND status = 'in_behandeling' RETURNING id`,
          [id, oud, nieuw],
        ),
      ).length === 1
    );
  }

  async vind(id: string, db: Db = this.db): Promise<FeedLeveringRij | null> {
    const [rij] = (await db.query(`SELECT ${KOLOMMEN} FROM feed_levering WHERE id = $1`, [id])) as Record<
      string,
      unknown
    >[];
    return rij ? naarRij(rij) : null;
  }
}
