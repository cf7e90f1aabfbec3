import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Taak1763900000001 implements MigrationInterface {
  name = 'Taak1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE taak (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        traject_id uuid NOT NULL,
        gemeente varchar(6) NOT NULL,
        soort varchar(64) NOT NULL,
        actie varchar(16) NOT NULL CHECK (actie IN ('taak', 'waarschuwing', 'escalatie')),
        regel varchar(16) NOT NULL,
        sleutel varchar(128) NOT NULL,
        niveau integer,
        vervaldatum date NOT NULL,
        omschrijving text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'afgerond', 'vervallen')),
        casemanager varchar(64),
        aangemaakt_op timestamptz NOT NULL DEFAULT now(),
        afgerond_op timestamptz,
        afgerond_door varchar(64),
        CONSTRAINT taak_uniek UNIQUE (traject_id, soort, sleutel, vervaldatum)
      )`);
    await q.query(`CREATE INDEX taak_open_idx ON taak (gemeente, vervaldatum) WHERE status = 'open'`);
    await q.query('CREATE INDEX taak_traject_idx ON taak (traject_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE taak');
  }
}
