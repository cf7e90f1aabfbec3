import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
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

  it.each(files)('%s speelt af zonder non-determinisme', async (file) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    const workflowId = path.basename(file, '.json');
    const results = Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, [
      { workflowId, history },
    ]);
    for await (const result of results) {
      expect(result.error).toBeUndefined();
    }
  });
});
