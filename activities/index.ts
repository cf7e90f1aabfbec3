import type { DataSource } from 'typeorm';
import { createReadModelActivities } from './read-model.activities';
import { createTakenActivities } from './taken.activities';

export function createActivities(dataSource: DataSource) {
  return { ...createReadModelActivities(dataSource), ...createTakenActivities(dataSource) };
}

export type Activities = ReturnType<typeof createActivities>;
