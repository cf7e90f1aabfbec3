import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nightly escalation run (issue 6): the read-model facts its ladder needs, escalations in `taak`
 * (stored once per traject + sleutel), the record of each night and the notification outbox.
 */
export class EscalatieRonde1763900000010 implements MigrationInterface {
  name = 'EscalatieRonde1763900000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE traject
        ADD COLUMN pip_klok_start date,
        ADD COLUMN pip_uiterlijk date,
        ADD COLUMN pip_vastgesteld_op date,
        ADD COLUMN laatste_contact date,
        ADD COLUMN ontzorgen_evaluatie_op date`);
    // Keyset pagination of the sweep: open trajecten in id order.
    await q.query('CREATE INDEX traject_open_id_idx ON traject (id) WHERE NOT afgesloten');

    await q.query(`
      ALTER TABLE taak
        ADD COLUMN ontvanger varchar(16) NOT NULL DEFAULT 'casemanager'
          CHECK (ontvanger IN ('casemanager', 'teamleider')),
        ADD COLUMN ronde_id varchar(200)`);
    // An escalation of the nightly run exists once per traject and sleutel (= soort + niveau), whatever
    // night or re-run finds it; INSERT ... ON CONFLICT DO NOTHING relies on this.
    await q.query(
      `CREATE UNIQUE INDEX taak_ronde_uniek ON taak (traject_id, sleutel) WHERE sleutel LIKE 'ronde:%'`,
    );
    await q.query('CREATE INDEX taak_ronde_idx ON taak (ronde_id) WHERE ronde_id IS NOT NULL');
    await q.query(`CREATE INDEX taak_ontvanger_idx ON taak (gemeente, ontvanger) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE escalatieronde (
        id varchar(200) PRIMARY KEY,
        run_id varchar(64) NOT NULL,
        gepland_op timestamptz,
        peildatum date NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('bezig', 'voltooid', 'met_fouten')),
        gestart_op timestamptz NOT NULL,
        afgerond_op timestamptz,
        duur_ms integer,
        trajecten integer NOT NULL DEFAULT 0,
        nieuw integer NOT NULL DEFAULT 0,
        aantallen jsonb NOT NULL DEFAULT '{}',
        fouten jsonb NOT NULL DEFAULT '[]',
        reconciliatie jsonb NOT NULL DEFAULT '{}',
        digests integer NOT NULL DEFAULT 0,
        bijgewerkt_op timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX escalatieronde_gestart_idx ON escalatieronde (gestart_op DESC)');

    await q.query(`
      CREATE TABLE notificatie (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ronde_id varchar(200) NOT NULL,
        ontvanger_rol varchar(16) NOT NULL CHECK (ontvanger_rol IN ('casemanager', 'teamleider')),
        ontvanger varchar(64) NOT NULL,
        gemeente varchar(6) NOT NULL,
        kanaal varchar(16) NOT NULL DEFAULT 'email',
        onderwerp text NOT NULL,
        inhoud text NOT NULL,
        aantal integer NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'wachtend' CHECK (status IN ('wachtend', 'verzonden', 'mislukt')),
        aangemaakt_op timestamptz NOT NULL DEFAULT now(),
        verzonden_op timestamptz,
        CONSTRAINT notificatie_uniek UNIQUE (ronde_id, ontvanger_rol, ontvanger, gemeente)
      )`);
    await q.query(
      `CREATE INDEX notificatie_wachtend_idx ON notificatie (aangemaakt_op) WHERE status = 'wachtend'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notificatie');
    await q.query('DROP TABLE escalatieronde');
    await q.query('DROP INDEX taak_ontvanger_idx');
    await q.query('DROP INDEX taak_ronde_idx');
    await q.query('DROP INDEX taak_ronde_uniek');
    await q.query('ALTER TABLE taak DROP COLUMN ronde_id, DROP COLUMN ontvanger');
    await q.query('DROP INDEX traject_open_id_idx');
    await q.query(`
      ALTER TABLE traject DROP COLUMN pip_klok_start, DROP COLUMN pip_uiterlijk, DROP COLUMN pip_vastgesteld_op,
        DROP COLUMN laatste_contact, DROP COLUMN ontzorgen_evaluatie_op`);
  }
}
