import { loadConfig } from '../platform/config';
import { Logger } from '../platform/logger';
import { createDataSource, migrate } from '../platform/persistence/data-source';

/** `node dist/scripts/migrate.js`: applies pending migrations to DATABASE_URL (docker-compose, production). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = new Logger('migraties', config.logLevel);
  const dataSource = await createDataSource(config.databaseUrl, 'inburgering-migraties').initialize();
  const applied = await migrate(dataSource);
  await dataSource.destroy();
  log.info('migraties klaar', { uitgevoerd: applied.length });
}

main().catch((err: unknown) => {
  new Logger('migraties').error('migraties mislukt', {
    fout: err instanceof Error ? err.message : String(err),
  });
  process.exit(1);
});
