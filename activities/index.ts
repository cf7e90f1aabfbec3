import type { DataSource } from 'typeorm';
import type { SmtpConfig } from '../platform/config';
import { createEscalatieRondeActivities } from './escalatie-ronde.activities';
import { createReadModelActivities } from './read-model.activities';
import { createTakenActivities } from './taken.activities';

/** The traject workflow's activities. */
function createTrajectActivities(dataSource: DataSource) {
  return { ...createReadModelActivities(dataSource), ...createTakenActivities(dataSource) };
}

export function createActivities(dataSource: DataSource, opties: { smtp?: SmtpConfig | null } = {}) {
  return { ...createTrajectActivities(dataSource), ...createEscalatieRondeActivities(dataSource, opties) };
}

export type Activities = ReturnType<typeof createTrajectActivities>;
export type { EscalatieRondeActivities } from './escalatie-ronde.activities';
