import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, a feed batch accepted in well under a second: a chain partner that asks for it
 * (`Prefer: respond-async`) gets 202 as soon as its batch is stored here; the API's deliverer then
 * delivers it exactly as the synchronous path would and keeps the per-item results for the status URL.
 * `items` is the batch as sent, encrypted under the master key (it holds BSNs and names) and
 * emptied once the batch is done; `gebruiker` is the feed client's token claims (no personal data);
 * `volgende_poging` is both the retry time and the lease of the process that is delivering it.
 */
export class FeedLevering1763900000040 implements MigrationInterface {
  name = 'FeedLevering1763900000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE feed_levering (
        id uuid PRIMARY KEY,
        soort varchar(40) NOT NULL,
        client varchar(64) NOT NULL,
        gebruiker jsonb NOT NULL,
        request_id varchar(100) NOT NULL,
        aantal integer NOT NULL CHECK (aantal > 0),
        items text NULL,
        status varchar(16) NOT NULL DEFAULT 'in_behandeling' CHECK (status IN ('in_behandeling', 'klaar')),
        pogingen integer NOT NULL DEFAULT 0,
        volgende_poging timestamptz NOT NULL DEFAULT now(),
        afgeleverd integer NULL,
        resultaten jsonb NULL,
        ontvangen_op timestamptz NOT NULL DEFAULT now(),
        klaar_op timestamptz NULL,
        CHECK ((status = 'klaar') = (items IS NULL AND resultaten IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX feed_levering_open ON feed_levering (volgende_poging) WHERE status = 'in_behandeling'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE feed_levering');
  }
}
