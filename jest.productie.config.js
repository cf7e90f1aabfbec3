// `npm run test:productie` (issue 14): the system on the production Temporal server, a cluster of
// separate processes (scripts/temporal-cluster.ts). Not part of `npm test`: CI runs it as its own
// step after building the server once (`npm run temporal-server:install`).
module.exports = {
  testEnvironment: '<rootDir>/test/support/omgeving.ts',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/test/support/quiet.ts'],
  testMatch: ['<rootDir>/test/productie/**/*.test.ts'],
};
