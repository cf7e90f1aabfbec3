import type { DataSource } from 'typeorm';
import type { SmtpConfig } from '../platform/config';
import type { Sleutelkluis } from '../platform/crypto';
import { createRepositories } from '../platform/persistence/repositories';
import { createAuditActivities } from './audit.activities';
import { createEscalatieRondeActivities } from './escalatie-ronde.activities';
import { createTrajectActivities } from './traject.activities';

/** Every activity the worker registers: the traject workflow's and the nightly run's. */
export function createActivities(
  dataSource: DataSource,
  opties: { smtp?: SmtpConfig | null; kluis?: Sleutelkluis; bewaartermijnJaren?: number } = {},
) {
  const repos = createRepositories(dataSource);
  return {
    ...createTrajectActivities(repos),
    ...createAuditActivities(repos),
    ...createEscalatieRondeActivities(repos, opties),
  };
}
