import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ALL_SEARCH_ATTRIBUTES } from '../contract/search-attributes';
import { ensureSearchAttributes } from '../platform/temporal/search-attributes';
import { resolveTemporalBinary, withInstallHint } from './temporal-binaries';

export interface DevServerOptions {
  port?: number;
  uiPort?: number;
  ui?: boolean;
  /** SQLite file: the dev server keeps workflows across restarts. */
  dbFilename?: string;
  namespace?: string;
  log?: (msg: string) => void;
  /** The environment's client encrypts and decrypts payloads like the project's other clients. */
  dataConverter?: DataConverter;
  /** The Web UI decodes payloads through this remote codec (the API's /api/v1/codec). */
  uiCodecEndpoint?: string;
}

/** A Temporal dev server (Temporal CLI) with the project's search attributes registered. */
export async function startDevServer(options: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  const binary = resolveTemporalBinary('cli', { log: options.log });
  return withInstallHint(binary, () =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: binary.executable,
        ip: '127.0.0.1',
        port: options.port,
        ui: options.ui ?? false,
        uiPort: options.uiPort,
        dbFilename: options.dbFilename,
        namespace: options.namespace,
        searchAttributes: ALL_SEARCH_ATTRIBUTES,
        log: { format: 'json', level: 'warn' },
        ...(options.uiCodecEndpoint ? { extraArgs: ['--ui-codec-endpoint', options.uiCodecEndpoint] } : {}),
      },
      ...(options.dataConverter ? { client: { dataConverter: options.dataConverter } } : {}),
    }),
  );
}

/** The time-skipping test server, for workflow tests that let years pass. */
export async function startTimeSkippingServer(
  opties: { log?: (msg: string) => void; dataConverter?: DataConverter } = {},
): Promise<TestWorkflowEnvironment> {
  const binary = resolveTemporalBinary('test-server', { log: opties.log });
  const env = await withInstallHint(binary, () =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: binary.executable },
      ...(opties.dataConverter ? { client: { dataConverter: opties.dataConverter } } : {}),
    }),
  );
  await ensureSearchAttributes(env.connection, 'default');
  return env;
}
