import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../platform/config';
import { maakSleutelkluis, versleutelendeDataConverter } from '../platform/crypto';
import { Logger } from '../platform/logger';
import { createDataSource } from '../platform/persistence/data-source';
import { PersoonssleutelRepository } from '../platform/persistence/repositories';
import { zorgVoorNachtelijkeEscalaties } from '../platform/temporal/nachtelijke-escalaties';
import { ensureSearchAttributes } from '../platform/temporal/search-attributes';
import { temporalBeveiliging } from '../platform/temporal/verbinding';
import { createTrajectWorker } from './worker';

/** Worker process: `node dist/worker/main.js` (npm start spawns it; docker-compose runs N of them). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = new Logger('worker', config.logLevel);
  Runtime.install({
    logger: new DefaultLogger(config.logLevel === 'debug' ? 'DEBUG' : 'WARN'),
    // The SDK's own metrics (workflow task failures, schedule-to-start latency, task slots, activity
    // failures) for Prometheus: labels are namespace, task queue and workflow/activity type, never ids.
    ...(config.workerMetricsAdres
      ? {
          telemetryOptions: {
            metrics: { prometheus: { bindAddress: config.workerMetricsAdres, useSecondsForDurations: true } },
          },
        }
      : {}),
  });
  if (config.workerMetricsAdres)
    log.info('metrieken voor Prometheus', { adres: `${config.workerMetricsAdres}/metrics` });
  const dataSource = await createDataSource(config.databaseUrl, 'inburgering-worker').initialize();
  const kluis = maakSleutelkluis(config.sleutels, new PersoonssleutelRepository(dataSource));
  log.info('sleutels geladen', { bron: kluis.ring.bron, actief: kluis.ring.actief });
  const beveiliging = temporalBeveiliging();
  const admin = await Connection.connect({ address: config.temporal.address, ...beveiliging });
  // Idempotent: on a fresh cluster (docker-compose, production) the workflow needs its search attributes.
  const added = await ensureSearchAttributes(admin, config.temporal.namespace);
  if (added.length > 0) log.info('search attributes geregistreerd', { namen: added.join(',') });
  // Idempotent as well: every worker start creates or updates the nightly schedule (a pause stays).
  const schedule = await zorgVoorNachtelijkeEscalaties(
    new Client({
      connection: admin,
      namespace: config.temporal.namespace,
      dataConverter: versleutelendeDataConverter(kluis),
    }),
    { ...config.escalatieronde, taskQueue: config.temporal.taskQueue },
  );
  log.info('schedule nachtelijke-escalaties', { uitkomst: schedule, tijd: config.escalatieronde.tijd });
  await admin.close();
  const connection = await NativeConnection.connect({ address: config.temporal.address, ...beveiliging });
  const worker = await createTrajectWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataSource,
    smtp: config.escalatieronde.smtp,
    bewaartermijnJaren: config.privacy.bewaartermijnJaren,
    kluis,
    // npm start bundles once for every (re)start of a worker (scripts/stapel.ts).
    ...(process.env.WORKFLOW_BUNDLE_PATH
      ? { workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH } }
      : {}),
  });
  // The SDK runtime shuts the worker down on SIGINT/SIGTERM and lets running tasks finish.
  log.info('worker gestart', { taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace });
  // A supervisor that started us (npm start) hears it over IPC, whatever the log level.
  process.send?.({ klaar: 'worker' });
  process.channel?.unref();
  await worker.run();
  await connection.close();
  await dataSource.destroy();
  log.info('worker gestopt');
}

main().catch((err: unknown) => {
  new Logger('worker').error('worker gestopt door fout', {
    fout: err instanceof Error ? err.message : String(err),
  });
  process.exit(1);
});
