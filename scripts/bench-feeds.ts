import { randomUUID } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createApiApp } from '../api/app';
import { addDays, datumVanInstant } from '../domain/shared/kalender';
import { tekenLokaalToken } from '../platform/auth';
import { type AppConfig, loadConfig } from '../platform/config';
import { maakSleutelkluis, versleutelendeDataConverter } from '../platform/crypto';
import { createDataSource, migrate } from '../platform/persistence/data-source';
import { PersoonssleutelRepository } from '../platform/persistence/repositories';
import { createTrajectWorker } from '../worker/worker';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startDevServer } from './temporal-servers';

function vrijePoort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/**
 * `npm run bench:feeds [-- items trajecten]` (issue 14): the time of one DUO feed batch (default 1,000
 * examenresultaten over 500 trajecten) through HTTP → API → a Signal per item, payload codec on, on
 * embedded Postgres + the Temporal dev server, worker and API in this process. Three batches: new
 * items, the same batch again (applied once: the decider knows the commandIds), new items again.
 * Prints figures; asserts nothing.
 */
async function main(): Promise<void> {
  const aantalItems = Number(process.argv[2] ?? 1000);
  const aantalTrajecten = Number(process.argv[3] ?? 500);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  process.env.LOG_LEVEL = 'warn';
  const [pgPoort, temporalPoort] = [await vrijePoort(), await vrijePoort()];
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(os.tmpdir(), `inburgering-bench-feeds-${randomUUID()}`),
    port: pgPoort,
    ephemeral: true,
  });
  const temporal = await startDevServer({ port: temporalPoort });
  const config = loadConfig({
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'bench-feeds',
    LOG_LEVEL: 'warn',
    VERZOEKEN_PER_MINUUT: '1000000',
    AUTH_MODUS: 'lokaal',
  });
  const opruimen: (() => Promise<unknown>)[] = [() => pg.stop(), () => temporal.teardown()];
  try {
    await meet(config, pg.url, temporal, aantalItems, aantalTrajecten, opruimen);
  } finally {
    // Whatever failed: no server stays behind.
    for (const f of opruimen.reverse()) await f().catch(() => undefined);
  }
}

async function meet(
  config: AppConfig,
  pgUrl: string,
  temporal: Awaited<ReturnType<typeof startDevServer>>,
  aantalItems: number,
  aantalTrajecten: number,
  opruimen: (() => Promise<unknown>)[],
): Promise<void> {
  const dataSource = await createDataSource(pgUrl).initialize();
  opruimen.push(() => dataSource.destroy());
  await migrate(dataSource);
  const native = await NativeConnection.connect({ address: temporal.address });
  const kluis = maakSleutelkluis(config.sleutels, new PersoonssleutelRepository(dataSource));
  const worker = await createTrajectWorker({
    connection: native,
    namespace: 'default',
    taskQueue: 'bench-feeds',
    dataSource,
    kluis,
  });
  const running = worker.run();
  opruimen.push(async () => {
    worker.shutdown();
    await running;
    await native.close();
  });
  const client = new Client({
    connection: temporal.connection,
    namespace: 'default',
    dataConverter: versleutelendeDataConverter(kluis),
  });
  const app = await createApiApp({ config, dataSource, client, kluis });
  opruimen.push(() => app.close());
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const basis = `http://127.0.0.1:${port}/api/v1`;
  if (config.auth.modus !== 'lokaal') throw new Error('bench draait met de lokale sleutel');
  const cm = await tekenLokaalToken(config.auth, { sub: 'bench', rol: 'casemanager', gemeente: 'GM0518' });
  const feed = await tekenLokaalToken(config.auth, { sub: 'duo', rol: 'feed', gemeente: 'GM0518' });
  const vandaag = datumVanInstant(Date.now());

  const t0 = Date.now();
  const trajecten: string[] = [];
  let volgende = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (volgende < aantalTrajecten) {
        volgende += 1;
        const res = await fetch(`${basis}/trajecten`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${cm}` },
          body: JSON.stringify({
            commandId: randomUUID(),
            gemeente: 'GM0518',
            doelgroep: 'gezinsmigrant',
            kennisgevingsdatum: addDays(vandaag, -10),
          }),
        });
        if (res.status !== 201) throw new Error(`aanmelding: ${res.status} ${await res.text()}`);
        trajecten.push(((await res.json()) as { id: string }).id);
      }
    }),
  );
  console.log(`zaaien: ${trajecten.length} trajecten in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const componenten = ['lezen', 'luisteren', 'schrijven', 'spreken', 'knm'] as const;
  const batch = (ronde: string) =>
    Array.from({ length: aantalItems }, (_, i) => ({
      referentie: `bench-${ronde}-${i}`,
      trajectId: trajecten[i % trajecten.length],
      component: componenten[i % componenten.length],
      ...(componenten[i % componenten.length] === 'knm' ? {} : { niveau: 'B1' }),
      behaald: i % 3 !== 0,
      datum: vandaag,
    }));
  const lever = async (naam: string, items: object[]) => {
    const start = process.hrtime.bigint();
    const res = await fetch(`${basis}/feeds/duo/examenresultaten`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${feed}` },
      body: JSON.stringify({ items }),
    });
    const antwoord = (await res.json()) as { afgeleverd?: number; resultaten?: { uitkomst: string }[] };
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const uitkomsten: Record<string, number> = {};
    for (const r of antwoord.resultaten ?? []) uitkomsten[r.uitkomst] = (uitkomsten[r.uitkomst] ?? 0) + 1;
    console.log(
      `${naam}: ${items.length} items in ${ms.toFixed(0)} ms (HTTP ${res.status}, ${JSON.stringify(uitkomsten)})`,
    );
    return ms;
  };
  const eerste = batch('a');
  const duren = [
    await lever('levering 1 (nieuw)', eerste),
    await lever('levering 1 opnieuw (dubbel, telt één keer)', eerste),
    await lever('levering 2 (nieuw)', batch('b')),
  ];
  console.log(
    `feed-levering van ${aantalItems} items over ${trajecten.length} trajecten: ${duren.map((d) => `${d.toFixed(0)} ms`).join(' / ')}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
