import { DefaultLogger, Runtime } from '@temporalio/worker';
import { meetStoringen, storingenTabel } from './storingen';
import type { OnderdeelNaam } from './supervisor';

/**
 * `npm run bench:storingen [-- clients [seconden-last]]`: kill -9 each of worker, API, Temporal dev
 * server and Postgres in the middle of a command load and print the fault table (scripts/storingen.ts).
 * Everything runs on its own ports and a throw-away data dir.
 */
async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const clients = Number(process.argv[2] ?? 50);
  const seconden = Number(process.argv[3] ?? 5);
  const onderdelen: OnderdeelNaam[] = ['worker', 'api', 'temporal', 'postgres'];
  const uitkomst = await meetStoringen({
    clients,
    lastVoorMs: seconden * 1000,
    lastNaMs: seconden * 1000,
    onderdelen,
    herstartMs: 3000,
    log: (r) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${r}`),
  });
  console.log(
    `\nbench:storingen — ${clients} clients, ${seconden} s last voor en na elke kill, ${uitkomst.duurS} s totaal\n`,
  );
  console.log(storingenTabel(uitkomst, clients));
  const r = uitkomst.reconciliatie;
  console.log(
    `\nreconciliatie na afloop: ${r.gecontroleerd} open trajecten gecontroleerd, ${r.zonderLopendeWorkflow} zonder lopende workflow, ${r.verouderd} verouderd`,
  );
  const fout = uitkomst.rijen.some(
    (x) =>
      x.verloren ||
      x.dubbel ||
      x.zonderAudit ||
      x.teVeelAudit ||
      x.fout500 ||
      !x.leesmodelGelijk ||
      x.timerAfgegaanNaS === null,
  );
  process.exit(fout || r.verouderd || r.zonderLopendeWorkflow ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
