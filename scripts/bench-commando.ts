import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createApiApp } from '../api/app';
import { addDays, datumVanInstant } from '../domain/shared/kalender';
import { tekenLokaalToken } from '../platform/auth';
import { loadConfig } from '../platform/config';
import { maakSleutelkluis, versleutelendeDataConverter } from '../platform/crypto';
import { createDataSource, migrate } from '../platform/persistence/data-source';
import { PersoonssleutelRepository } from '../platform/persistence/repositories';
import { createTrajectWorker } from '../worker/worker';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startDevServer } from './temporal-servers';

/**
 * `npm run bench:commando [-- N]`: p50/p95 of a command round trip (HTTP → API → Temporal Update →
 * workflow → response) on this machine, one client, against real servers (embedded Postgres,
 * Temporal dev server, worker and API in this process). Prints figures; asserts nothing.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 200);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  process.env.LOG_LEVEL = 'warn';
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(os.tmpdir(), `inburgering-bench-${randomUUID()}`),
    port: 54399,
    ephemeral: true,
  });
  const temporal = await startDevServer({ port: 57299 });
  const config = loadConfig({
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'bench',
    LOG_LEVEL: 'warn',
  });
  const dataSource = await createDataSource(pg.url).initialize();
  await migrate(dataSource);
  const native = await NativeConnection.connect({ address: temporal.address });
  // BENCH_CODEC=uit measures the same path without payload encryption (the codec's cost).
  const metCodec = process.env.BENCH_CODEC !== 'uit';
  const kluis = metCodec
    ? maakSleutelkluis(config.sleutels, new PersoonssleutelRepository(dataSource))
    : null;
  const worker = await createTrajectWorker({
    connection: native,
    namespace: 'default',
    taskQueue: 'bench',
    dataSource,
    kluis,
  });
  const running = worker.run();
  const client = new Client({
    connection: temporal.connection,
    namespace: 'default',
    ...(kluis ? { dataConverter: versleutelendeDataConverter(kluis) } : {}),
  });
  console.log(`payloadcodec: ${metCodec ? 'aan (AES-256-GCM)' : 'uit'}`);
  const app = await createApiApp({ config, dataSource, client, ...(kluis ? { kluis } : {}) });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}/api/v1/trajecten`;
  if (config.auth.modus !== 'lokaal') throw new Error('bench draait met de lokale sleutel');
  const token = await tekenLokaalToken(config.auth, { sub: 'bench', rol: 'casemanager', gemeente: 'GM0518' });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

  const vandaag = datumVanInstant(Date.now());
  const aanmelding = await fetch(base, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      commandId: randomUUID(),
      gemeente: 'GM0518',
      doelgroep: 'gezinsmigrant',
      kennisgevingsdatum: addDays(vandaag, -10),
    }),
  });
  const { id } = (await aanmelding.json()) as { id: string };
  const post = (commando: string, body: object) =>
    fetch(`${base}/${id}/${commando}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ commandId: randomUUID(), ...body }),
    });
  await post('intake', { datum: vandaag });
  await post('pip', { dagtekening: vandaag, leerroute: 'z' });

  const duren: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t0 = process.hrtime.bigint();
    const res = await post('uren', { soort: 'participatie', uren: 1, datum: vandaag });
    if (res.status !== 200) throw new Error(`commando ${i}: HTTP ${res.status}`);
    await res.arrayBuffer();
    duren.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  duren.sort((a, b) => a - b);
  const p = (q: number) => duren[Math.min(duren.length - 1, Math.floor(q * duren.length))].toFixed(1);
  console.log(
    `commando-rondreis (HTTP → Update → antwoord), 1 client, n=${n}: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms`,
  );

  await app.close();
  worker.shutdown();
  await running;
  await native.close();
  await dataSource.destroy();
  await temporal.teardown();
  await pg.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
