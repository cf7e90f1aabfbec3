import { meetStoringen } from '../../scripts/storingen';

// Issue 13, point 5 (the small version of `npm run bench:storingen`): a supervised system of its own
// (embedded Postgres, Temporal dev server, worker and API as child processes), a few clients sending
// commands, and one `kill -9` each of worker, API, Temporal and Postgres in the middle of it.
jest.setTimeout(900_000);

const { build } = require('../../scripts/build') as { build: () => unknown };

it('kill -9 midden in de last: niets verloren of dubbel, alles geaudit, leesmodel = workflow, de timer gaat af, geen 500', async () => {
  // The supervisor starts the compiled worker and API (dist/), as npm start does.
  build();
  const uitkomst = await meetStoringen({
    clients: 4,
    lastVoorMs: 1500,
    lastNaMs: 1500,
    onderdelen: ['worker', 'api', 'temporal', 'postgres'],
    herstartMs: 2000,
  });
  expect(uitkomst.rijen.map((r) => r.onderdeel)).toEqual(['worker', 'api', 'temporal', 'postgres']);
  for (const r of uitkomst.rijen) {
    expect({ onderdeel: r.onderdeel, herstarts: r.herstarts }).toEqual({
      onderdeel: r.onderdeel,
      herstarts: 1,
    });
    expect(r.bevestigd).toBeGreaterThan(0);
    expect(r).toMatchObject({
      verloren: 0,
      dubbel: 0,
      zonderAudit: 0,
      teVeelAudit: 0,
      fout500: 0,
      leesmodelGelijk: true,
    });
    expect(r.timerTijdensStoring).toBe(true);
    expect(r.timerAfgegaanNaS).not.toBeNull();
  }
  // Postgres down: commands are still applied (they read no read model), lists answer 503, never 500.
  const postgres = uitkomst.rijen[3];
  expect(postgres.bevestigdTijdensStoring).toBeGreaterThan(0);
  expect(Object.keys(postgres.lijstStatussen).every((s) => ['200', '503', 'verbinding'].includes(s))).toBe(
    true,
  );
  expect(uitkomst.reconciliatie).toMatchObject({ zonderLopendeWorkflow: 0, verouderd: 0 });
});
