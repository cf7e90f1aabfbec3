import { TemporalServerFout, vindOfBouwTemporalServer } from './temporal-server';

/** `npm run temporal-server:install`: builds the pinned production Temporal server once (CI: its own step). */
try {
  const p = vindOfBouwTemporalServer({ log: (m) => console.log(m) });
  console.log(
    `temporal-server ${p.versie}: ${p.server} en ${p.sql} (${p.bron === 'cache' ? 'uit de cache' : `gebouwd in ${p.bouwS} s`})`,
  );
} catch (err) {
  console.error(err instanceof TemporalServerFout ? err.message : String(err));
  process.exitCode = 1;
}
