import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, the taalaanbieder: the read model carries which provider teaches (`aanbieder`, an
 * organisation id: the provider's list) and its weekly reports as the nightly verzuim step reads them
 * (`aanwezigheid`: week, lesuren, verzuim in hours; no personal data). The provider's role is audited
 * like every other. Adding columns with constant defaults rewrites no row.
 */
export class Taalaanbieder1763900000025 implements MigrationInterface {
  name = 'Taalaanbieder1763900000025';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE traject ADD COLUMN aanbieder varchar(64)
      CHECK (aanbieder ~ '^[A-Za-z0-9._-]{2,64}$')`);
    await q.query(`ALTER TABLE traject ADD COLUMN aanwezigheid jsonb NOT NULL DEFAULT '[]'`);
    await q.query(
      'CREATE INDEX traject_aanbieder_idx ON traject (aanbieder, id) WHERE aanbieder IS NOT NULL',
    );
    await q.query('ALTER TABLE audit_event DROP CONSTRAINT IF EXISTS audit_event_rol_check');
    await q.query(`ALTER TABLE audit_event ADD CONSTRAINT audit_event_rol_check
      CHECK (rol IN ('casemanager', 'teamleider', 'operations', 'admin', 'feed', 'privacy', 'taalaanbieder'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX traject_aanbieder_idx');
    await q.query('ALTER TABLE traject DROP COLUMN aanwezigheid');
    await q.query('ALTER TABLE traject DROP COLUMN aanbieder');
  }
}
