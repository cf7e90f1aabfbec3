import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// scripts/ is plain CommonJS (it runs before anything is compiled).
const { uitJest, uitPlaywright, samen, regel } = require('../../scripts/test-samenvatting') as {
  uitJest(bestand: string): Telling | null;
  uitPlaywright(bestand: string): Telling | null;
  samen(...delen: Array<Telling | null>): Telling;
  regel(telling: Telling, ontbreekt?: number): string;
};
type Telling = { passed: number; failed: number; skipped: number };

describe('de slotregel van npm test', () => {
  let map: string;
  const schrijf = (naam: string, inhoud: unknown) => {
    const bestand = path.join(map, naam);
    fs.writeFileSync(bestand, JSON.stringify(inhoud));
    return bestand;
  };
  beforeEach(() => {
    map = fs.mkdtempSync(path.join(os.tmpdir(), 'samenvatting-'));
  });
  afterEach(() => fs.rmSync(map, { recursive: true, force: true }));

  it('telt Jest en de browsertests samen, in de vorm "N passed, M failed"', () => {
    const jest = uitJest(
      schrijf('jest.json', {
        numPassedTests: 740,
        numFailedTests: 2,
        numPendingTests: 1,
        numTodoTests: 0,
        numRuntimeErrorTestSuites: 1,
      }),
    );
    const ui = uitPlaywright(
      schrijf('pw.json', { stats: { expected: 17, unexpected: 1, flaky: 0, skipped: 2 }, errors: [] }),
    );
    expect(regel(samen(jest, ui))).toBe('tests: 757 passed, 4 failed, 3 skipped');
    expect(regel(samen(jest, ui))).toMatch(/^\w+: \d+ passed, \d+ failed(, \d+ skipped)?$/);
  });

  it('een runner zonder rapport (gecrasht) telt als een fout: nooit "0 failed" zonder bewijs', () => {
    const jest = uitJest(path.join(map, 'bestaat-niet.json'));
    expect(jest).toBeNull();
    expect(regel(samen(jest), 1)).toBe('tests: 0 passed, 1 failed');
  });

  it('een fout buiten de tests van Playwright (globalSetup faalt) is een fout', () => {
    const ui = uitPlaywright(
      schrijf('pw.json', {
        stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 },
        errors: [{ message: 'x' }],
      }),
    );
    expect(regel(samen(ui))).toBe('tests: 0 passed, 1 failed');
  });
});
