import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 point 7, the gemeente's route: the read model carries the open route steps whose due date
 * is known (step id, name from the route template, who does it, the last day; no personal data), so
 * the nightly run can make one task of each step past its last day. A constant default rewrites no row.
 */
export class Routestappen1763900000037 implements MigrationInterface {
  name = 'Routestappen1763900000037';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE traject ADD COLUMN routestappen jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE traject DROP COLUMN routestappen');
  }
}
