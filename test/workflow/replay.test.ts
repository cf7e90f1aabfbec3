import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { versleutelendeDataConverter } from '../../platform/crypto';
import { testKluis } from '../../scripts/test-sleutels';
import { workflowBundle } from '../support/system';

jest.setTimeout(120_000);

// Trajecten run for years: every recorded history must replay on the current workflow code.
// A failure here means the change needs `patched()` (see README, "Changing workflow code").
const dir = path.join(__dirname, '..', 'fixtures', 'histories');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('replay van opgenomen trajecten', () => {
  it('er zijn opnames om af te spelen', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it('er zijn versleutelde opnames, en daarin is geen payload leesbaar', () => {
    const versleuteld = files.filter((f) => f.startsWith('versleuteld-'));
    expect(versleuteld.length).toBeGreaterThanOrEqual(3);
    for (const f of versleuteld) {
      const tekst = fs.readFileSync(path.join(dir, f), 'utf8');
      const payloads = [...tekst.matchAll(/"encoding":\s*"([^"]+)"/g)].map((m) =>
        Buffer.from(m[1], 'base64').toString(),
      );
      expect(payloads.length).toBeGreaterThan(5);
      expect(new Set(payloads)).toEqual(new Set(['binary/encrypted']));
      expect(tekst).not.toContain(Buffer.from('"kennisgevingsdatum"').toString('base64').slice(0, 16));
    }
  });

  it.each(files)('%s speelt af zonder non-determinisme', async (file) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    const workflowId = path.basename(file, '.json');
    // Recordings made with the payload codec (`versleuteld-*`) replay with the same (test) keys.
    const dataConverter = file.startsWith('versleuteld-')
      ? versleutelendeDataConverter(testKluis())
      : undefined;
    const results = Worker.runReplayHistories({ workflowBundle: await workflowBundle(), dataConverter }, [
      { workflowId, history },
    ]);
    for await (const result of results) {
      expect(result.error).toBeUndefined();
    }
  });
});
