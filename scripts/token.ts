import { loadConfig } from '../platform/config';
import { GEBRUIK, leesTokenOpdracht, maakToken, OpdrachtFout } from './token-opdracht';

/** `npm run -s token -- --rol casemanager --gemeente GM0518`: the token on stdout, nothing else. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${GEBRUIK}\n`);
    return;
  }
  const opdracht = leesTokenOpdracht(argv);
  const token = await maakToken(loadConfig(), opdracht);
  process.stdout.write(`${token}\n`);
  const { rol, sub, bereik } = opdracht.gebruiker;
  const wat = bereik === '*' ? 'landelijk' : (bereik ?? []).join(',') || 'geen gemeente: ziet niets';
  process.stderr.write(`token voor ${sub} (${rol}, ${wat}), ${opdracht.uur} uur geldig\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  if (err instanceof OpdrachtFout) process.stderr.write(`${GEBRUIK}\n`);
  process.exit(2);
});
