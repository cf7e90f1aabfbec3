import type { TrajectActivities } from '../contract/traject-activities';
import type { Repositories } from '../platform/persistence/repositories';

/** The traject workflow's activities: the read-model row and the tasks. Idempotent, order-safe. */
export function createTrajectActivities(
  repos: Pick<Repositories, 'trajecten' | 'taken' | 'audit'>,
): TrajectActivities {
  return {
    // With audit rows (issue 14): both writes in one activity, each idempotent, so a retry repeats
    // both safely (the row's version gate, the audit's unique key).
    async schrijfTrajectReadModel(s, audit) {
      const uit = await repos.trajecten.schrijf(s);
      if (audit && audit.length > 0) await repos.audit.voegToeVoorWorkflow(audit);
      return uit;
    },
    maakTaken: async (o) => ({ aangemaakt: await repos.taken.maak(o) }),
    sluitTaken: async (o) => ({ gesloten: await repos.taken.sluit(o.trajectId, o.taken, o.status) }),
  };
}
