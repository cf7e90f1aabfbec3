import { Context } from '@temporalio/activity';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createEscalatieRondeActivities } from '../../activities/escalatie-ronde.activities';
import { versleutelendeDataConverter } from '../../platform/crypto';
import { createDataSource } from '../../platform/persistence/data-source';
import { createRepositories } from '../../platform/persistence/repositories';
import { testKluis } from '../../scripts/test-sleutels';

/**
 * An activity worker (no workflows) with the nightly run's real activities against Postgres, in a
 * child process of its own so a test can kill it outright (SIGKILL: no shutdown, no last heartbeat
 * flushed, no failure reported). Its one change: the ladder's (`escaleerPagina`) `openNa` call number
 * `hangBijOpenNa` never returns, so a page is caught halfway, after the heartbeat of its first block.
 * Reconciliation reads the same rows side by side and is not counted. It writes `klaar` when polling
 * and `hangt` when caught, one line each on stdout.
 */
export async function startStervendeWorker(o: {
  address: string;
  databaseUrl: string;
  taskQueue: string;
  hangBijOpenNa: number;
}): Promise<void> {
  const db = await createDataSource(o.databaseUrl, 'stervende-worker').initialize();
  const repos = createRepositories(db);
  const openNa = repos.trajecten.openNa.bind(repos.trajecten);
  let aanroepen = 0;
  repos.trajecten.openNa = async (naId, n) => {
    if (Context.current().info.activityType !== 'escaleerPagina') return openNa(naId, n);
    aanroepen += 1;
    if (aanroepen === o.hangBijOpenNa) {
      process.stdout.write('hangt\n');
      return new Promise(() => undefined);
    }
    return openNa(naId, n);
  };
  const connection = await NativeConnection.connect({ address: o.address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: o.taskQueue,
    activities: createEscalatieRondeActivities(repos),
    dataConverter: versleutelendeDataConverter(testKluis()),
  });
  const draait = worker.run();
  process.stdout.write('klaar\n');
  await draait;
}
