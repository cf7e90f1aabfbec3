import { loadConfig } from '../platform/config';
import { maakSleutelkluis } from '../platform/crypto';
import { roteerSleutels } from '../platform/crypto/sleutelrotatie';
import { createDataSource } from '../platform/persistence/data-source';
import { FeedLeveringRepository, PersoonssleutelRepository } from '../platform/persistence/repositories';

/**
 * `npm run sleutels:roteer`: after adding a new master key and making it ACTIEVE_SLEUTEL, bring what is
 * stored under an older one under it (platform/crypto/sleutelrotatie.ts): every person's data key is
 * re-wrapped, and feed batches still waiting for delivery are encrypted again. No downtime (API and
 * worker read old and new alike); safe to run twice or to interrupt. An old master key can be removed
 * once this reports 0 left and no system payload under it is still within the Temporal namespace's
 * retention.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await createDataSource(config.databaseUrl, 'inburgering-sleutels').initialize();
  const persoonssleutels = new PersoonssleutelRepository(dataSource);
  const kluis = maakSleutelkluis(config.sleutels, persoonssleutels);
  const t0 = Date.now();
  const v = await roteerSleutels(kluis, {
    persoonssleutels,
    leveringen: new FeedLeveringRepository(dataSource),
  });
  console.log(
    `sleutels:roteer: ${v.persoonssleutels} persoonssleutel(s) herverpakt en ${v.leveringen} wachtende feedlevering(en) ` +
      `opnieuw versleuteld onder '${v.actief}' in ${Date.now() - t0} ms; nog onder een oude sleutel: ` +
      `${v.over.persoonssleutels} persoonssleutel(s), ${v.over.leveringen} levering(en)`,
  );
  await dataSource.destroy();
}

main().catch((err: unknown) => {
  console.error(`sleutels:roteer mislukt: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
