import type { DataSource } from 'typeorm';
import type { EscalatieRondeActivities } from '../contract/escalatie-ronde';
import type { SmtpConfig } from '../platform/config';
import type { Sleutelkluis } from '../platform/crypto';
import { createRepositories, type Repositories } from '../platform/persistence/repositories';
import { createBewaartermijnActivities } from './escalatie-ronde/bewaartermijn.activities';
import { createBoekhoudingActivities } from './escalatie-ronde/boekhouding.activities';
import { createDigestActivities } from './escalatie-ronde/digests.activities';
import { createLadderActivities } from './escalatie-ronde/ladder.activities';
import { createReconciliatieActivities } from './escalatie-ronde/reconciliatie.activities';

export { digestAdres } from './escalatie-ronde/digests.activities';

/**
 * Activities of the nightly escalation run: the ladder, reconciliation, digests (and their mail) and
 * the night's bookkeeping. Page activities heartbeat their cursor, so a retry resumes; every write is
 * idempotent, so a re-run changes nothing twice.
 */
export function createEscalatieRondeActivities(
  bron: DataSource | Repositories,
  opties: { smtp?: SmtpConfig | null; bewaartermijnJaren?: number; kluis?: Sleutelkluis } = {},
): EscalatieRondeActivities {
  const repos = 'trajecten' in bron ? bron : createRepositories(bron);
  return {
    ...createLadderActivities(repos),
    ...createReconciliatieActivities(repos),
    ...createDigestActivities(repos, opties),
    ...createBoekhoudingActivities(repos),
    ...createBewaartermijnActivities(repos, opties),
  };
}
