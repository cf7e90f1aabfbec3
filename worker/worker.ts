import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../activities';
import { loadConfig, type SmtpConfig } from '../platform/config';
import { maakSleutelkluis, type Sleutelkluis, versleutelendeDataConverter } from '../platform/crypto';
import { PersoonssleutelRepository } from '../platform/persistence/repositories';

export interface TrajectWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** Retention before crypto-shredding (nightly run); default 10 years. */
  bewaartermijnJaren?: number;
  /** Digests by e-mail (nightly run); absent: outbox only. */
  smtp?: SmtpConfig | null;
  /**
   * Payload encryption: the same key vault as the API's (default: from the environment's config).
   * `null` switches it off: only `npm run bench:commando` does, to measure what the codec costs.
   */
  kluis?: Sleutelkluis | null;
  /** Pre-built bundle (tests share one); otherwise the workflows are bundled from source. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export function workflowsPath(): string {
  return require.resolve('../workflows');
}

export async function createTrajectWorker(options: TrajectWorkerOptions): Promise<Worker> {
  // Every worker encrypts: there is no way to create one that writes personal data in the clear.
  const kluis =
    options.kluis === undefined
      ? maakSleutelkluis(loadConfig().sleutels, new PersoonssleutelRepository(options.dataSource))
      : options.kluis;
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.dataSource, {
      smtp: options.smtp,
      kluis: kluis ?? undefined,
      bewaartermijnJaren: options.bewaartermijnJaren,
    }),
    ...(kluis ? { dataConverter: versleutelendeDataConverter(kluis) } : {}),
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: workflowsPath() }),
  });
}

export { NativeConnection };
