import type { AuditActivities } from '../contract/audit';
import type { Repositories } from '../platform/persistence/repositories';

/** The audit rows the traject's workflow writes (idempotent: unique per traject + commandId + uitkomst). */
export function createAuditActivities(repos: Pick<Repositories, 'audit'>): AuditActivities {
  return {
    schrijfAudit: async (regels) => ({ geschreven: await repos.audit.voegToeVoorWorkflow(regels) }),
  };
}
