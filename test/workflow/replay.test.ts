import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { ALL_SEARCH_ATTRIBUTES } from '../../contract/search-attributes';
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

  it('er zijn versleutelde opnames, en daarin is geen payload leesbaar (alleen de zoekattributen, zonder persoonsgegevens)', () => {
    const versleuteld = files.filter((f) => f.startsWith('versleuteld-'));
    expect(versleuteld.length).toBeGreaterThanOrEqual(3);
    const zoekattributen = new Set(ALL_SEARCH_ATTRIBUTES.map((k) => k.name));
    for (const f of versleuteld) {
      const soorten = new Map<string, number>();
      const loop = (o: unknown, sleutel: string, inZoekattributen: boolean): void => {
        if (Array.isArray(o)) {
          for (const v of o) loop(v, sleutel, inZoekattributen);
          return;
        }
        if (typeof o !== 'object' || o === null) return;
        const rec = o as Record<string, unknown>;
        const metadata = rec.metadata as Record<string, string> | undefined;
        if (metadata?.encoding) {
          const encoding = Buffer.from(metadata.encoding, 'base64').toString();
          const soort =
            inZoekattributen && zoekattributen.has(sleutel) ? `zoekattribuut:${encoding}` : encoding;
          soorten.set(soort, (soorten.get(soort) ?? 0) + 1);
        }
        for (const [k, v] of Object.entries(rec)) loop(v, k, inZoekattributen || k === 'indexedFields');
      };
      loop(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), '', false);
      expect(soorten.get('binary/encrypted')).toBeGreaterThan(5);
      expect([...soorten.keys()].filter((s) => !s.startsWith('zoekattribuut:'))).toEqual([
        'binary/encrypted',
      ]);
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
