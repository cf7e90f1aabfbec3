import type { FullConfig } from '@playwright/test';

/**
 * Builds the server (dist/) and the UI (dist/web, only when its sources changed), then starts the whole
 * system on free ports. The tests read its address from UI_BASE_URL; the returned function stops it.
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const t0 = Date.now();
  process.env.LOG_LEVEL ??= 'warn';
  // Plain CommonJS from dist/: the server's decorators need swc's metadata, which Playwright's loader does not emit.
  const { build } = require('../../scripts/build.js') as { build: () => { count: number } };
  build();
  const { bouwWebAlsNodig } =
    require('../../dist/scripts/web-build.js') as typeof import('../../scripts/web-build');
  const web = await bouwWebAlsNodig({ log: (m) => console.log(`ui: ${m}`) });
  const { startUiStack } =
    require('../../dist/scripts/ui-stack.js') as typeof import('../../scripts/ui-stack');
  const stack = await startUiStack();
  process.env.UI_BASE_URL = stack.baseUrl;
  process.env.UI_DATABASE_URL = stack.databaseUrl;
  process.env.UI_WORKER_PID = String(stack.workerPid);
  console.log(
    `ui: systeem klaar op ${stack.baseUrl} in ${Date.now() - t0} ms (webapplicatie ${web.gebouwd ? `gebouwd in ${web.ms} ms` : 'actueel'})`,
  );
  return () => stack.stop();
}
