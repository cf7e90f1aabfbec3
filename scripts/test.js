// `npm test`: every suite with its own servers. First Jest (unit, workflow on the time-skipping server,
// e2e against embedded Postgres + a Temporal dev server), then the browser tests (Playwright with Debian's
// Chromium against the whole system serving the built UI). Arguments go to Jest; with a test path
// pattern (`npm test -- test/unit/foo`) only Jest runs. UI_TESTS=uit skips the browser tests.
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const run = (script, scriptArgs) =>
  spawnSync(process.execPath, [path.join(root, script), ...scriptArgs], { stdio: 'inherit', cwd: root })
    .status ?? 1;

const jest = run('node_modules/jest/bin/jest.js', args);
if (jest !== 0) process.exit(jest);
const patroon = args.some((a) => !a.startsWith('-'));
if (patroon || process.env.UI_TESTS === 'uit') {
  console.log(
    patroon
      ? '\nbrowsertests overgeslagen (alleen de gekozen Jest-tests)'
      : '\nbrowsertests overgeslagen (UI_TESTS=uit)',
  );
  process.exit(0);
}
process.exit(run('node_modules/@playwright/test/cli.js', ['test']));
