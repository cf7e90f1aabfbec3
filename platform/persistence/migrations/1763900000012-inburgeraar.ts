import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The person register (issue 11). Every personal field is ciphertext (`<key ref>|<base64>`) under the
 * person's own data key; BSN and V-nummer are found through a keyed HMAC blind index, never in plain
 * text. `persoonssleutel` holds that data key wrapped by a master key; destroying it (crypto-shredding)
 * makes the person's rows and Temporal histories unreadable at once. `verwerking` is the processing
 * log (VNG Verwerkingenlogging) and, like `persoon_wijziging`, append-only.
 */
export class Inburgeraar1763900000012 implements MigrationInterface {
  name = 'Inburgeraar1763900000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inburgeraar (
        id uuid PRIMARY KEY,
        bsn_index char(64) NOT NULL,
        bsn text NOT NULL,
        vnummer_index char(64),
        vnummer text,
        gegevens text NOT NULL,
        huishouden_id uuid NOT NULL,
        aangemaakt_door_gemeente varchar(6) NOT NULL CHECK (aangemaakt_door_gemeente ~ '^GM[0-9]{4}$'),
        versie integer NOT NULL DEFAULT 1,
        aangemaakt_op timestamptz NOT NULL DEFAULT now(),
        bijgewerkt_op timestamptz NOT NULL DEFAULT now()
      )`);
    // One person per BSN: the register is shared by every gemeente (a person moves; their history stays).
    await q.query('CREATE UNIQUE INDEX inburgeraar_bsn_uniek ON inburgeraar (bsn_index)');
    await q.query(
      'CREATE INDEX inburgeraar_vnummer_idx ON inburgeraar (vnummer_index) WHERE vnummer_index IS NOT NULL',
    );
    await q.query('CREATE INDEX inburgeraar_huishouden_idx ON inburgeraar (huishouden_id)');

    await q.query(`
      CREATE TABLE persoonssleutel (
        inburgeraar_id uuid PRIMARY KEY REFERENCES inburgeraar (id),
        master_sleutel_id varchar(32) NOT NULL,
        sleutel bytea,
        aangemaakt_op timestamptz NOT NULL DEFAULT now(),
        vernietigd_op timestamptz,
        CHECK ((sleutel IS NULL) = (vernietigd_op IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE traject_persoon (
        traject_id uuid PRIMARY KEY,
        inburgeraar_id uuid NOT NULL REFERENCES inburgeraar (id),
        gemeente varchar(6) NOT NULL CHECK (gemeente ~ '^GM[0-9]{4}$'),
        aangemaakt_op timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX traject_persoon_inburgeraar_idx ON traject_persoon (inburgeraar_id)');

    await q.query(`
      CREATE TABLE persoon_wijziging (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        inburgeraar_id uuid NOT NULL REFERENCES inburgeraar (id),
        tijd timestamptz NOT NULL DEFAULT now(),
        actor varchar(64) NOT NULL CHECK (actor ~ '^[A-Za-z0-9._:|-]{1,64}$'),
        veld varchar(32) NOT NULL CHECK (veld ~ '^[a-zA-Z]{1,32}$'),
        oud text,
        nieuw text,
        request_id varchar(64) NOT NULL
      )`);
    await q.query('CREATE INDEX persoon_wijziging_idx ON persoon_wijziging (inburgeraar_id, tijd)');

    await q.query(`
      CREATE TABLE verwerking (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tijdstip timestamptz NOT NULL DEFAULT now(),
        actie_naam varchar(64) NOT NULL CHECK (actie_naam ~ '^[a-z][a-z0-9 -]{0,63}$'),
        handeling varchar(16) NOT NULL
          CHECK (handeling IN ('lezen', 'zoeken', 'wijzigen', 'toevoegen', 'ontsleutelen', 'exporteren', 'vernietigen')),
        verwerkingsactiviteit varchar(64) NOT NULL,
        grondslag varchar(200) NOT NULL,
        vertrouwelijkheid varchar(16) NOT NULL CHECK (vertrouwelijkheid IN ('normaal', 'vertrouwelijk')),
        uitvoerder varchar(6) CHECK (uitvoerder ~ '^GM[0-9]{4}$'),
        gebruiker varchar(64) NOT NULL CHECK (gebruiker ~ '^[A-Za-z0-9._:|-]{1,64}$'),
        rol varchar(16) NOT NULL,
        systeem varchar(32) NOT NULL,
        inburgeraar_id uuid,
        traject_id uuid,
        soorten_gegevens text[] NOT NULL DEFAULT '{}',
        request_id varchar(64)
      )`);
    await q.query('CREATE INDEX verwerking_inburgeraar_idx ON verwerking (inburgeraar_id, tijdstip)');
    for (const tabel of ['verwerking', 'persoon_wijziging']) {
      await q.query(`
        CREATE TRIGGER ${tabel}_geen_wijziging
          BEFORE UPDATE OR DELETE OR TRUNCATE ON ${tabel}
          FOR EACH STATEMENT EXECUTE FUNCTION audit_event_alleen_toevoegen()`);
    }

    // The privacy officer (FG) answers inzageverzoeken; their actions are audited like everyone's.
    await q.query('ALTER TABLE audit_event DROP CONSTRAINT IF EXISTS audit_event_rol_check');
    await q.query(`ALTER TABLE audit_event ADD CONSTRAINT audit_event_rol_check
      CHECK (rol IN ('casemanager', 'teamleider', 'operations', 'admin', 'feed', 'privacy'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE verwerking');
    await q.query('DROP TABLE persoon_wijziging');
    await q.query('DROP TABLE traject_persoon');
    await q.query('DROP TABLE persoonssleutel');
    await q.query('DROP TABLE inburgeraar');
  }
}
