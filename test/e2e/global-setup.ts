import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { Client } from 'pg';
import { createDataSource, migrate } from '../../platform/persistence/data-source';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { startDevServer } from '../../scripts/temporal-servers';
import { workflowsPath } from '../../worker/worker';
import { E2E_SJABLOON, metDatabase } from '../support/database';
import { freePort } from '../support/ports';

/**
 * e2e runs against the real thing: an embedded Postgres (throw-away data dir) and a Temporal
 * dev server, started once for the e2e project. Test files start their own worker and API.
 *
 * Every test file gets a database of its own (test/support/database.ts), created from a migrated
 * template, so what one file leaves behind (open trajecten the nightly run sweeps, digests waiting
 * in the outbox, audit rows) never changes what another file sees.
 */
export default async function globalSetup(): Promise<void> {
  const t0 = Date.now();
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  // The workflow code bundled once for every file (webpack takes seconds per bundle on 2 cores).
  const bundel = bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: new DefaultLogger('WARN') });
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
  // The template: a copy of the migrated database that nobody connects to (CREATE DATABASE …
  // TEMPLATE refuses a template with open connections).
  const admin = new Client({ connectionString: metDatabase(pg.url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${E2E_SJABLOON}" TEMPLATE "${new URL(pg.url).pathname.slice(1)}"`);
  } finally {
    await admin.end();
  }
  // Shared by nobody now; kept for a test file that has not moved to its own database yet.
  process.env.E2E_DATABASE_URL = pg.url;
  process.env.E2E_POSTGRES_URL = pg.url;
  process.env.E2E_TEMPORAL_ADDRESS = temporal.address;
  const bundelPad = path.join(os.tmpdir(), `inburgering-e2e-workflows-${randomUUID()}.js`);
  fs.writeFileSync(bundelPad, (await bundel).code);
  process.env.E2E_WORKFLOW_BUNDLE = bundelPad;
  (globalThis as Record<string, unknown>).__E2E__ = { pg, temporal };
  console.log(
    `\ne2e: Postgres ${pgPort} + Temporal dev server ${temporal.address} klaar in ${Date.now() - t0} ms`,
  );
}
