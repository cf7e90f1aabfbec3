// Three projects: pure unit tests (domain, config), workflow tests on the time-skipping server,
// and e2e tests against a real Temporal dev server + embedded Postgres (started in globalSetup).
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const common = {
  // Node, plus: every retry logged at once, and a retry forgives only a hang (test/support/omgeving.ts).
  testEnvironment: '<rootDir>/test/support/omgeving.ts',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/test/support/quiet.ts'],
};

module.exports = {
  // Files run in a worker process that is replaced once it holds more than this after a file: in one
  // long-lived process (Jest's default on two cores) what earlier files leave behind (heap, handles of
  // servers and workers) slowed later files up to 20× (a 1.7 s unit file took 37 s in the full run).
  workerIdleMemoryLimit: '1GB',
  // Two files at a time (Jest's default on two cores is one): most of an e2e or workflow file's time is
  // waiting on Temporal and Postgres, so the full run took 422 s instead of 634 s, every test green.
  maxWorkers: 2,
  collectCoverage: true,
  coverageProvider: 'v8',
  collectCoverageFrom: ['domain/**/*.ts'],
  // The table only: its "All files" row has the summary's figures, and the summary's banner
  // ("==== Coverage summary ====") is shaped like a pytest closing line that CI's log reader reads.
  coverageReporters: ['text'],
  coverageThreshold: { './domain/': { lines: 95 } },
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    // Service specs beside the services (fake repositories and Temporal client; no servers).
    {
      ...common,
      displayName: 'spec',
      testMatch: ['<rootDir>/{api,activities,platform,workflows,contract}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
    },
  ],
};
