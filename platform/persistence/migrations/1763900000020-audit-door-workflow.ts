import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: the traject's workflow writes the audit row of every command that reached the rulebook,
 * through an activity that is retried until Postgres answers. `bron` says who wrote a row (`api`
 * for what never reached the rulebook, `workflow` for the rest); a workflow row is unique per
 * traject + commandId + uitkomst, so a retried activity or a repeated command adds nothing. Adding
 * a column with a constant default rewrites no row (the append-only triggers do not fire).
 */
export class AuditDoorWorkflow1763900000020 implements MigrationInterface {
  name = 'AuditDoorWorkflow1763900000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE audit_event ADD COLUMN bron varchar(16) NOT NULL DEFAULT 'api'
         CHECK (bron IN ('api', 'workflow'))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX audit_event_workflow_uniek ON audit_event (traject_id, command_id, uitkomst)
         WHERE bron = 'workflow'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX audit_event_workflow_uniek');
    await q.query('ALTER TABLE audit_event DROP COLUMN bron');
  }
}
