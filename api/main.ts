import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../platform/config';
import { maakSleutelkluis, versleutelendeDataConverter } from '../platform/crypto';
import { Logger } from '../platform/logger';
import { createDataSource } from '../platform/persistence/data-source';
import { PersoonssleutelRepository } from '../platform/persistence/repositories';
import { temporalBeveiliging } from '../platform/temporal/verbinding';
import { createApiApp, OPENAPI_PATH } from './app';

/** API process: `node dist/api/main.js` (npm start spawns it; docker-compose runs it). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = new Logger('api', config.logLevel);
  const dataSource = await createDataSource(config.databaseUrl, 'inburgering-api').initialize();
  // Lazy: the API starts (and /health says so) even while Temporal is still coming up.
  const connection = Connection.lazy({ address: config.temporal.address, ...temporalBeveiliging() });
  // Every payload encrypted under the person's key (platform/crypto); only holders of the keys read histories.
  const kluis = maakSleutelkluis(config.sleutels, new PersoonssleutelRepository(dataSource));
  log.info('sleutels geladen', { bron: kluis.ring.bron, actief: kluis.ring.actief });
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: versleutelendeDataConverter(kluis),
  });
  const app = await createApiApp({ config, dataSource, client, kluis });
  await app.listen(config.api.port, config.api.host);
  const url = `http://${config.api.host}:${config.api.port}`;
  log.info('api gestart', { url, docs: `${url}/${OPENAPI_PATH}` });
  // A supervisor that started us (npm start) hears it over IPC, whatever the log level.
  process.send?.({ klaar: 'api' });
  process.channel?.unref();

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await connection.close();
    await dataSource.destroy();
    log.info('api gestopt');
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  new Logger('api').error('api gestopt door fout', {
    fout: err instanceof Error ? err.message : String(err),
  });
  process.exit(1);
});
