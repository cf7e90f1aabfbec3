import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports (overzicht, cohorten, CBS-SWI): the outcome and exam facts in the read model, and tasks
 * for a whole gemeente (the quarterly CBS reminder) that belong to no single traject.
 */
export class Rapportage1763900000011 implements MigrationInterface {
  name = 'Rapportage1763900000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE traject
        ADD COLUMN uitkomst_op date,
        ADD COLUMN uitkomst_reden varchar(64),
        ADD COLUMN examens jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX traject_cohort_idx ON traject (gemeente, kennisgevingsdatum)`);
    await q.query('ALTER TABLE taak ALTER COLUMN traject_id DROP NOT NULL');
    await q.query(
      'CREATE UNIQUE INDEX taak_gemeente_uniek ON taak (gemeente, soort, sleutel) WHERE traject_id IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX taak_gemeente_uniek');
    await q.query('DELETE FROM taak WHERE traject_id IS NULL');
    await q.query('ALTER TABLE taak ALTER COLUMN traject_id SET NOT NULL');
    await q.query('DROP INDEX traject_cohort_idx');
    await q.query(
      'ALTER TABLE traject DROP COLUMN examens, DROP COLUMN uitkomst_reden, DROP COLUMN uitkomst_op',
    );
  }
}
