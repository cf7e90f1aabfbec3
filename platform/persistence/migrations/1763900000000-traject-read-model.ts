import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrajectReadModel1763900000000 implements MigrationInterface {
  name = 'TrajectReadModel1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE traject (
        id uuid PRIMARY KEY,
        workflow_id varchar(64) NOT NULL UNIQUE,
        gemeente varchar(6) NOT NULL CHECK (gemeente ~ '^GM[0-9]{4}$'),
        doelgroep varchar(32) NOT NULL,
        fase varchar(32) NOT NULL,
        leerroute varchar(16),
        casemanager varchar(64),
        kennisgevingsdatum date NOT NULL,
        termijn_einde date,
        volgende_deadline date,
        volgende_deadline_soort varchar(64),
        termijn_overschreden boolean NOT NULL DEFAULT false,
        afgesloten boolean NOT NULL DEFAULT false,
        versie integer NOT NULL,
        aangemaakt_op timestamptz NOT NULL DEFAULT now(),
        bijgewerkt_op timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX traject_gemeente_fase_idx ON traject (gemeente, fase)');
    await q.query(
      'CREATE INDEX traject_volgende_deadline_idx ON traject (volgende_deadline) WHERE NOT afgesloten',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE traject');
  }
}
