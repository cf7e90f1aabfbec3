import { types } from 'pg';
import { DataSource } from 'typeorm';
import { AuditEventRecord } from './audit-event.entity';
import { EscalatieRondeRecord } from './escalatieronde.entity';
import { TrajectReadModel1763900000000 } from './migrations/1763900000000-traject-read-model';
import { Taak1763900000001 } from './migrations/1763900000001-taak';
import { AuditEvent1763900000002 } from './migrations/1763900000002-audit-event';
import { TrajectLijstIndex1763900000003 } from './migrations/1763900000003-traject-lijst-index';
import { EscalatieRonde1763900000010 } from './migrations/1763900000010-escalatieronde';
import { Rapportage1763900000011 } from './migrations/1763900000011-rapportage';
import { Inburgeraar1763900000012 } from './migrations/1763900000012-inburgeraar';
import { LadderfeitenAanvullen1763900000013 } from './migrations/1763900000013-ladderfeiten-aanvullen';
import { AuditDoorWorkflow1763900000020 } from './migrations/1763900000020-audit-door-workflow';
import { Taalaanbieder1763900000025 } from './migrations/1763900000025-taalaanbieder';
import { Routestappen1763900000037 } from './migrations/1763900000037-routestappen';
import { FeedLevering1763900000040 } from './migrations/1763900000040-feed-levering';
import { NotificatieRecord } from './notificatie.entity';
import { RechtenRepository } from './repositories/rechten.repository';
import { TaakRecord } from './taak.entity';
import { TrajectRecord } from './traject.entity';

// A Postgres DATE is a calendar date ('YYYY-MM-DD'); the default parser would turn it into a
// JS Date at local midnight and shift it by the process time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

export const ENTITIES = [
  TrajectRecord,
  TaakRecord,
  AuditEventRecord,
  EscalatieRondeRecord,
  NotificatieRecord,
];
export const MIGRATIONS = [
  TrajectReadModel1763900000000,
  Taak1763900000001,
  AuditEvent1763900000002,
  TrajectLijstIndex1763900000003,
  EscalatieRonde1763900000010,
  Rapportage1763900000011,
  Inburgeraar1763900000012,
  LadderfeitenAanvullen1763900000013,
  AuditDoorWorkflow1763900000020,
  Taalaanbieder1763900000025,
  Routestappen1763900000037,
  FeedLevering1763900000040,
];

export function createDataSource(databaseUrl: string, applicationName = 'inburgering'): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migraties',
    synchronize: false,
    logging: false,
    applicationName,
    extra: { max: 10, connectionTimeoutMillis: 5000 },
  });
}

/**
 * Applies pending migrations; safe to call on every start. Returns the names applied now. Then the
 * application role (if it exists) gets its least-privilege rights on every table (issue 13).
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  await new RechtenRepository(dataSource).geefAppRechten();
  return applied.map((m) => m.name);
}
