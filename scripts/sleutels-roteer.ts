import { loadConfig } from '../platform/config';
import { maakSleutelkluis } from '../platform/crypto';
import { createDataSource } from '../platform/persistence/data-source';
import { PersoonssleutelRepository } from '../platform/persistence/repositories';

/**
 * `npm run sleutels:roteer`: after adding a new master key and making it ACTIEVE_SLEUTEL, re-wrap every
 * person's data key under it. The data keys themselves stay, so no row or Temporal history needs
 * rewriting; no downtime (API and worker read old and new wrappings alike). Safe to run twice or to
 * interrupt. An old master key can be removed once this reports 0 left and no system payload under it
 * is still within the Temporal namespace's retention.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await createDataSource(config.databaseUrl, 'inburgering-sleutels').initialize();
  const repo = new PersoonssleutelRepository(dataSource);
  const kluis = maakSleutelkluis(config.sleutels, repo);
  const actief = kluis.ring.actief;
  let herverpakt = 0;
  const t0 = Date.now();
  for (;;) {
    const rijen = await repo.nietOnder(actief, 500);
    if (rijen.length === 0) break;
    for (const r of rijen) {
      const nieuw = kluis.herverpak(r.inburgeraarId, r.masterSleutelId, r.versleuteld);
      if (await repo.herverpak(r.inburgeraarId, r.masterSleutelId, actief, nieuw)) herverpakt += 1;
    }
  }
  const over = (await repo.nietOnder(actief, 1)).length;
  console.log(
    `sleutels:roteer: ${herverpakt} persoonssleutel(s) herverpakt onder '${actief}' in ${Date.now() - t0} ms; nog onder een oude sleutel: ${over}`,
  );
  await dataSource.destroy();
}

main().catch((err: unknown) => {
  console.error(`sleutels:roteer mislukt: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
