// The closing line of `npm test`: the counts of Jest and of the browser tests together, as one plain
// line "tests: N passed, M failed, K skipped" that a reader (or CI's log reader) finds at the end.
// Counts come from the runners' own JSON reports, never from parsing their console output.
const fs = require('node:fs');

/** Jest's `--json` report → counts; a missing or unreadable report is null (the run did not get that far). */
function uitJest(bestand) {
  const r = lees(bestand);
  if (!r) return null;
  return {
    passed: r.numPassedTests ?? 0,
    failed: (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0),
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
}

/** Playwright's json reporter → counts (flaky counts as passed: it passed on a retry, and retries are 0 here). */
function uitPlaywright(bestand) {
  const r = lees(bestand);
  if (!r?.stats) return null;
  const s = r.stats;
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: (s.unexpected ?? 0) + (r.errors?.length ?? 0),
    skipped: s.skipped ?? 0,
  };
}

function samen(...delen) {
  const telling = { passed: 0, failed: 0, skipped: 0 };
  for (const d of delen) {
    if (!d) continue;
    telling.passed += d.passed;
    telling.failed += d.failed;
    telling.skipped += d.skipped;
  }
  return telling;
}

/** The line itself; a runner that crashed before its report counts as one failure, so the line never says 0 failed then. */
function regel(telling, ontbreekt = 0) {
  const failed = telling.failed + ontbreekt;
  const skipped = telling.skipped ? `, ${telling.skipped} skipped` : '';
  return `tests: ${telling.passed} passed, ${failed} failed${skipped}`;
}

function lees(bestand) {
  try {
    return JSON.parse(fs.readFileSync(bestand, 'utf8'));
  } catch {
    return null;
  }
}

module.exports = { uitJest, uitPlaywright, samen, regel };
