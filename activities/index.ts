import type { DataSource } from 'typeorm';
import { createEscalatieRondeActivities } from './escalatie-ronde.activities';
import { createReadModelActivities } from './read-model.activities';
import { createTakenActivities } from './taken.activities';

/** The traject workflow's activities. */
function createTrajectActivities(dataSource: DataSource) {
  return { ...createReadModelActivities(dataSource), ...createTakenActivities(dataSource) };
}

export function createActivities(dataSource: DataSource) {
  return { ...createTrajectActivities(dataSource), ...createEscalatieRondeActivities(dataSource) };
}

export type Activities = ReturnType<typeof createTrajectActivities>;
export type { EscalatieRondeActivities } from './escalatie-ronde.activities';
