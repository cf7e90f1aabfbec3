import type { DataSource } from 'typeorm';
import { createReadModelActivities } from './read-model.activities';

export function createActivities(dataSource: DataSource) {
  return { ...createReadModelActivities(dataSource) };
}

export type Activities = ReturnType<typeof createActivities>;
