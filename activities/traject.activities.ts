import type { TrajectActivities } from '../contract/traject-activities';
import type { Repositories } from '../platform/persistence/repositories';

/** The traject workflow's activities: the read-model row and the tasks. Idempotent, order-safe. */
export function createTrajectActivities(repos: Pick<Repositories, 'trajecten' | 'taken'>): TrajectActivities {
  return {
    schrijfTrajectReadModel: (s) => repos.trajecten.schrijf(s),
    maakTaken: async (o) => ({ aangemaakt: await repos.taken.maak(o) }),
    sluitTaken: async (o) => ({ gesloten: await repos.taken.sluit(o.trajectId, o.taken, o.status) }),
  };
}
