import fs from 'node:fs';
import path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { ALL_SEARCH_ATTRIBUTES } from '../../contract/search-attributes';
import { type Afspeling, bundel, FIXTURES, fixtures, speelAf, verschovenTimers } from './replay/afspelen';

jest.setTimeout(180_000);

// Trajecten run for years: every recorded history must replay on the current workflow code.
// A failure here means the change needs `patched()` (see README, "Changing workflow code").
const files = fixtures();
let timersOpgenomen = 0;

describe('replay van opgenomen trajecten', () => {
  let afspelingen: Map<string, Afspeling>;
  beforeAll(async () => {
    afspelingen = await speelAf(await bundel(), files);
  });

  it('er zijn opnames om af te spelen', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it('er zijn versleutelde opnames, en daarin is geen payload leesbaar (alleen de zoekattributen en de namen van patches, zonder persoonsgegevens)', () => {
    const versleuteld = files.filter((f) => f.startsWith('versleuteld-'));
    expect(versleuteld.length).toBeGreaterThanOrEqual(3);
    const zoekattributen = new Set(ALL_SEARCH_ATTRIBUTES.map((k) => k.name));
    for (const f of versleuteld) {
      const soorten = new Map<string, number>();
      const loop = (
        o: unknown,
        sleutel: string,
        inZoekattributen: boolean,
        inPatch = false,
        inLokaal = false,
      ): void => {
        if (Array.isArray(o)) {
          for (const v of o) loop(v, sleutel, inZoekattributen, inPatch, inLokaal);
          return;
        }
        if (typeof o !== 'object' || o === null) return;
        const rec = o as Record<string, unknown>;
        const metadata = rec.metadata as Record<string, string> | undefined;
        if (metadata?.encoding) {
          const encoding = Buffer.from(metadata.encoding, 'base64').toString();
          let soort = encoding;
          // TemporalChangeVersion: Temporal's own search attribute listing the patches a run took.
          if (inZoekattributen && (zoekattributen.has(sleutel) || sleutel === 'TemporalChangeVersion'))
            soort = `zoekattribuut:${encoding}`;
          else if (inPatch) {
            // A patch marker (written by the SDK's core, past the codec) holds only the patch's name.
            const inhoud = JSON.parse(Buffer.from(rec.data as string, 'base64').toString());
            expect(Object.keys(inhoud).sort()).toEqual(['deprecated', 'id']);
            soort = `patchmarker:${encoding}`;
          } else if (inLokaal) {
            // A local activity's marker (issue 14): the core's bookkeeping — which activity, which
            // attempt, when — past the codec; its arguments are not in the history, its result is.
            const inhoud = JSON.parse(Buffer.from(rec.data as string, 'base64').toString());
            expect(
              Object.keys(inhoud).every((k) =>
                [
                  'seq',
                  'attempt',
                  'activity_id',
                  'activity_type',
                  'complete_time',
                  'backoff',
                  'original_schedule_time',
                ].includes(k),
              ),
            ).toBe(true);
            expect(
              Object.values(inhoud).every((v) => v === null || typeof v !== 'string' || v.length < 40),
            ).toBe(true);
            soort = `lokaleactiviteit:${encoding}`;
          }
          soorten.set(soort, (soorten.get(soort) ?? 0) + 1);
        }
        const lokaleActiviteit = rec.markerName === 'core_local_activity';
        for (const [k, v] of Object.entries(rec)) {
          if (lokaleActiviteit && k === 'details') {
            // Its `data` is the core's bookkeeping; its `result` goes through the codec like any payload.
            const details = v as Record<string, unknown>;
            for (const [dk, dv] of Object.entries(details)) loop(dv, dk, false, false, dk === 'data');
            continue;
          }
          loop(v, k, inZoekattributen || k === 'indexedFields', inPatch || k === 'patch-data', inLokaal);
        }
      };
      loop(JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')), '', false);
      expect(soorten.get('binary/encrypted')).toBeGreaterThan(5);
      expect(
        [...soorten.keys()].filter(
          (s) =>
            !s.startsWith('zoekattribuut:') &&
            !s.startsWith('patchmarker:') &&
            !s.startsWith('lokaleactiviteit:'),
        ),
      ).toEqual(['binary/encrypted']);
    }
  });

  it.each(files)('%s speelt af zonder non-determinisme, met elke timer op hetzelfde moment', async (file) => {
    const afspeling = afspelingen.get(file) as Afspeling;
    expect(afspeling.fout).toBeUndefined();
    // Temporal does not compare a timer's duration on replay; this does. A rule change that moves a
    // deadline of a running traject belongs behind `geldend()` (a dated law version) or `patched()`.
    expect(verschovenTimers(afspeling)).toEqual([]);
    timersOpgenomen += afspeling.opgenomen.length;
  });

  afterAll(() => {
    // The comparison had timers to compare.
    expect(timersOpgenomen).toBeGreaterThan(0);
  });
});

describe('replay vangt een onverenigbare wijziging', () => {
  it('een workflow die eerst een timer zet (andere volgorde van commands) faalt op elke opname', async () => {
    const onverenigbaar = await bundel({ workflows: require.resolve('./replay/onverenigbare-workflows') });
    const afspelingen = await speelAf(onverenigbaar, files);
    for (const file of files) {
      const { fout } = afspelingen.get(file) as Afspeling;
      expect(fout).toBeInstanceOf(DeterminismViolationError);
      expect(fout?.message).toMatch(/[Nn]ondeterminism/);
    }
  });

  it('een regelwijziging die een timer verschuift (PIP-termijn 12 in plaats van 10 weken) wordt gevangen', async () => {
    const gewijzigd = await bundel({ wetGewijzigd: true });
    // The loader really changed the rule in the bundle.
    expect(gewijzigd.code).toMatch(/pipTermijnWeken:\s*enkel\([^,]+,\s*12\s*\)/);
    let gevangen = 0;
    const afspelingen = await speelAf(gewijzigd, files);
    for (const file of files) {
      const afspeling = afspelingen.get(file) as Afspeling;
      // Temporal itself sees nothing wrong: same commands in the same order …
      expect(afspeling.fout).toBeUndefined();
      // … but where the recorded traject waited for its PIP deadline, that timer would now fire two
      // weeks later: the comparison of timers catches it.
      const verschoven = verschovenTimers(afspeling);
      for (const t of verschoven) expect(t.gevraagd ?? 0).toBeGreaterThan(t.opgenomen);
      if (verschoven.length > 0) gevangen += 1;
    }
    expect(gevangen).toBeGreaterThan(0);
  });
});
