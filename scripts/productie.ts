import { DefaultLogger, Runtime } from '@temporalio/worker';
import { type Cluster, startCluster } from './temporal-cluster';

/**
 * `npm run start:productie`: the system on the production Temporal engine (issue 14), on this
 * machine without Docker: embedded Postgres, the Temporal server as five separate services (frontend,
 * two history nodes, matching, internal worker), two workers and two API processes, supervised.
 */
async function main(): Promise<void> {
  const t0 = Date.now();
  Runtime.install({ shutdownSignals: [], logger: new DefaultLogger('WARN') });
  let cluster: Cluster | undefined;
  let stoppen = false;
  const shutdown = async (code: number): Promise<void> => {
    if (stoppen) return;
    stoppen = true;
    console.log('\nStoppen...');
    await cluster?.stop();
    console.log('Alles gestopt.');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0));
  }
  try {
    cluster = await startCluster({ log: (m) => console.log(m) });
    if (stoppen) return;
    const c = cluster;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      [
        '',
        `Inburgering draait op de productie-engine (klaar in ${s(Date.now() - t0)}). Stoppen: Ctrl-C.`,
        `  Temporal      server ${c.programmas.versie} (${c.programmas.bron === 'cache' ? 'uit de cache' : `gebouwd in ${c.programmas.bouwS} s`}), frontend ${c.temporalAddress}`,
        ...c.diensten.map(
          (d) => `    ${d.naam.padEnd(20)} eigen proces, gRPC ${d.grpcPort}, membership ${d.membershipPort}`,
        ),
        `  API           ${c.apiUrls.map((u) => `${u}/api/v1/trajecten`).join('  ')}`,
        `  Webapplicatie ${c.apiUrl}/   (na 'npm run build:web')`,
        `  Workers       2, zelfde task queue; SDK-metrieken ${c.workerMetricsUrls.join('  ')}`,
        `  Postgres      embedded (Temporal: databases temporal en temporal_visibility), data in ${c.dataDir}`,
        `  Logboek       ${c.logbestand}`,
        `  Tijden        server ${s(c.tijden.server)}, Postgres + schema's ${s(c.tijden.postgres)}, Temporal-cluster ${s(c.tijden.temporal)}, workers + API ${s(c.tijden.app)}`,
        '  Bewaakt       een proces dat stopt wordt herstart (met wachttijd)',
        '',
      ].join('\n'),
    );
  } catch (err) {
    const melding = err instanceof Error ? err.message : String(err);
    console.error(`\nStarten mislukt: ${melding}\n`);
    await shutdown(1);
  }
}

void main();
