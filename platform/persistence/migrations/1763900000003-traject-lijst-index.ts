import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The casemanager's list: per gemeente, next deadline first (keyset on the same expression + id). */
export class TrajectLijstIndex1763900000003 implements MigrationInterface {
  name = 'TrajectLijstIndex1763900000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX traject_lijst_deadline_idx ON traject (gemeente, (COALESCE(volgende_deadline, 'infinity'::date)), id)`,
    );
    await q.query('CREATE INDEX traject_lijst_casemanager_idx ON traject (gemeente, casemanager)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX traject_lijst_casemanager_idx');
    await q.query('DROP INDEX traject_lijst_deadline_idx');
  }
}
