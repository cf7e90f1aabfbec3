import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createDataSource, migrate } from '../../platform/persistence/data-source';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { startDevServer } from '../../scripts/temporal-servers';
import { freePort } from '../support/ports';

/**
 * e2e runs against the real thing: an embedded Postgres (throw-away data dir) and a Temporal
 * dev server, started once for the e2e project. Test files start their own worker and API.
 */
export default async function globalSetup(): Promise<void> {
  const t0 = Date.now();
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), `inburgering-e2e-${randomUUID()}`, 'postgres'),
      port: pgPort,
      ephemeral: true,
    }),
    startDevServer({ port: temporalPort }),
  ]);
  const dataSource = await createDataSource(pg.url).initialize();
  await migrate(dataSource);
  await dataSource.destroy();
  process.env.E2E_DATABASE_URL = pg.url;
  process.env.E2E_TEMPORAL_ADDRESS = temporal.address;
  (globalThis as Record<string, unknown>).__E2E__ = { pg, temporal };
  console.log(
    `\ne2e: Postgres ${pgPort} + Temporal dev server ${temporal.address} klaar in ${Date.now() - t0} ms`,
  );
}
