// Entry for the npm scripts that run compiled code: builds dist/ first, then runs it.
const path = require('node:path');
const { build } = require('./build');

const COMMANDS = {
  start: 'scripts/start.js',
  migrate: 'scripts/migrate.js',
  'temporal-binaries': 'scripts/temporal-binaries-cli.js',
  'record-histories': 'scripts/record-histories.js',
  'bench-commando': 'scripts/bench-commando.js',
  'bench-sweep': 'scripts/bench-sweep.js',
  'bench-last': 'scripts/bench-last.js',
  'bench-feeds': 'scripts/bench-feeds.js',
  'bench-storingen': 'scripts/bench-storingen.js',
  'api-contract': 'scripts/api-contract.js',
  token: 'scripts/token.js',
  'sleutels-roteer': 'scripts/sleutels-roteer.js',
  'build-web': 'scripts/web-build-cli.js',
  'bench-ui': 'scripts/bench-ui.js',
  'start-productie': 'scripts/productie.js',
  'temporal-server': 'scripts/temporal-server-cli.js',
};

const command = process.argv[2];
if (!COMMANDS[command]) {
  console.error(`Onbekend commando '${command}'. Kies uit: ${Object.keys(COMMANDS).join(', ')}`);
  process.exit(2);
}
build();
process.argv.splice(2, 1);
require(path.join(__dirname, '..', 'dist', COMMANDS[command]));
