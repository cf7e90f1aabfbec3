import { installHint, resolveTemporalBinary, type TemporalBinaryKind } from './temporal-binaries';

/** `npm run temporal:install`: finds or installs both Temporal binaries and says where they are. */
for (const kind of ['cli', 'test-server'] as TemporalBinaryKind[]) {
  const found = resolveTemporalBinary(kind, { log: (m) => console.log(m) });
  if (found.path) {
    console.log(`${kind}: ${found.path} (bron: ${found.source})`);
  } else {
    console.error(`${kind}: niet gevonden. ${installHint(kind)}`);
    process.exitCode = 1;
  }
}
