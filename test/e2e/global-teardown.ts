import fs from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { RunningPostgres } from '../../scripts/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  if (process.env.E2E_WORKFLOW_BUNDLE) fs.rmSync(process.env.E2E_WORKFLOW_BUNDLE, { force: true });
  const servers = (globalThis as Record<string, unknown>).__E2E__ as
    | { pg: RunningPostgres; temporal: TestWorkflowEnvironment }
    | undefined;
  if (!servers) return;
  await servers.temporal.teardown();
  await servers.pg.stop();
}
