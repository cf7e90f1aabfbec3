import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit trail of commands. Append-only in the database itself, so no code path (nor a
 * hand-written UPDATE in psql) can rewrite history: statement-level triggers raise on UPDATE,
 * DELETE and TRUNCATE, even when no row matches. The CHECKs keep free text (and so personal
 * data) out: every column is an id, a code or a fixed value.
 */
export class AuditEvent1763900000002 implements MigrationInterface {
  name = 'AuditEvent1763900000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tijd timestamptz NOT NULL DEFAULT now(),
        actor varchar(64) NOT NULL CHECK (actor ~ '^[A-Za-z0-9._:|-]{1,64}$'),
        rol varchar(16) NOT NULL
          CHECK (rol IN ('casemanager', 'teamleider', 'operations', 'admin', 'feed')),
        gemeente varchar(6) CHECK (gemeente ~ '^GM[0-9]{4}$'),
        actie varchar(64) NOT NULL CHECK (actie ~ '^[A-Za-z][A-Za-z0-9._:-]{0,63}$'),
        traject_id uuid,
        command_id varchar(128) CHECK (command_id ~ '^[!-~]{1,128}$'),
        uitkomst varchar(16) NOT NULL CHECK (uitkomst IN ('geaccepteerd', 'afgewezen')),
        code varchar(64) CHECK (code ~ '^[A-Z][A-Z0-9_]{0,63}$'),
        request_id varchar(64) NOT NULL CHECK (request_id ~ '^[A-Za-z0-9._-]{8,64}$')
      )`);
    await q.query('CREATE INDEX audit_event_traject_idx ON audit_event (traject_id, tijd)');
    await q.query('CREATE INDEX audit_event_tijd_idx ON audit_event (tijd)');
    await q.query(`
      CREATE FUNCTION audit_event_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is alleen-toevoegen: % is niet toegestaan', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_event_geen_wijziging
        BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_alleen_toevoegen()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_event');
    await q.query('DROP FUNCTION audit_event_alleen_toevoegen()');
  }
}
