import { DefaultLogger, Runtime } from '@temporalio/worker';

// Tests print failures, not the SDK's and the API's info lines.
process.env.LOG_LEVEL ??= 'warn';
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this process.
}
