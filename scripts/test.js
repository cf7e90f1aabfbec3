// `npm test`: every suite with its own servers. First Jest (unit, workflow on the time-skipping server,
// e2e against embedded Postgres + a Temporal dev server), then the browser tests (Playwright with Debian's
// Chromium against the whole system serving the built UI). Arguments go to Jest; with a test path
// pattern (`npm test -- test/unit/foo`) only Jest runs. UI_TESTS=uit skips the browser tests.
// The last line is both runners' counts together ("tests: N passed, M failed"), from their JSON reports.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { uitJest, uitPlaywright, samen, regel } = require('./test-samenvatting');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const rapporten = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-test-'));
const jestRapport = path.join(rapporten, 'jest.json');
const uiRapport = path.join(rapporten, 'playwright.json');
const run = (script, scriptArgs, env = {}) =>
  spawnSync(process.execPath, [path.join(root, script), ...scriptArgs], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, ...env },
  }).status ?? 1;

function einde(code, metUi) {
  const jest = uitJest(jestRapport);
  const ui = metUi ? uitPlaywright(uiRapport) : null;
  const ontbreekt = (jest ? 0 : 1) + (metUi && !ui ? 1 : 0);
  console.log(`\n${regel(samen(jest, ui), ontbreekt)}`);
  fs.rmSync(rapporten, { recursive: true, force: true });
  process.exit(code);
}

const jest = run('node_modules/jest/bin/jest.js', [...args, '--json', `--outputFile=${jestRapport}`]);
if (jest !== 0) einde(jest, false);
const patroon = args.some((a) => !a.startsWith('-'));
if (patroon || process.env.UI_TESTS === 'uit') {
  console.log(
    patroon
      ? '\nbrowsertests overgeslagen (alleen de gekozen Jest-tests)'
      : '\nbrowsertests overgeslagen (UI_TESTS=uit)',
  );
  einde(0, false);
}
einde(
  run('node_modules/@playwright/test/cli.js', ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: uiRapport,
  }),
  true,
);
