import { WorkflowNotFoundError } from '@temporalio/client';
import { gebruiker, nepAudit, nepClient } from '../../test/support/fakes';
import type { InburgeraarService } from '../inburgeraars/inburgeraars.service';
import { Metrieken } from '../metrics/metrieken';
import type { VerwerkingService } from '../verwerkingen/verwerking.service';
import { FeedsService, feedCommandId } from './feeds.service';
import { beantwoord } from './levering';

/** The synchronous answer, as a feed route gives it without `Prefer: respond-async`: handled, then recorded. */
const synchroon = (s: FeedsService) => ({
  examenresultaten: async (...a: Parameters<FeedsService['verwerkExamenresultaten']>) =>
    beantwoord(await s.verwerkExamenresultaten(...a)),
  besluiten: async (...a: Parameters<FeedsService['verwerkBesluiten']>) =>
    beantwoord(await s.verwerkBesluiten(...a)),
});

const EIGEN = '0b8f7c3e-5d2a-4c1b-9e8f-7a6b5c4d3e2f';
const ANDER = '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const KAPOT = '2e3d4c5b-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const BSN = '111222333';

const ONBEKEND = '3f4e5d6c-7a8b-4c9d-8e0f-2a3b4c5d6e7f';

/** The gemeente of each traject comes from Temporal (its `Gemeente` search attribute), not the read model. */
const register = () =>
  ({
    openTrajectVanBsn: async (bsn: string, gemeente: string) =>
      bsn === BSN && gemeente === 'GM0518' ? { trajectId: EIGEN, inburgeraarId: 'persoon-1' } : null,
  }) as unknown as InburgeraarService;
const verwerking = (gelogd: unknown[]) =>
  ({ log: async (_g: unknown, v: unknown) => gelogd.push(v) }) as unknown as VerwerkingService;

function service(signaal: (workflowId: string) => Promise<unknown> = async () => undefined) {
  const audit = nepAudit();
  const gelogd: unknown[] = [];
  const temporal = nepClient({
    handle: (workflowId) => ({
      signal: () => signaal(workflowId),
      describe: async () => {
        if (workflowId.endsWith(ONBEKEND)) throw new WorkflowNotFoundError('weg', workflowId, undefined);
        return { typedSearchAttributes: { get: () => (workflowId.endsWith(ANDER) ? 'GM0363' : 'GM0518') } };
      },
    }),
  });
  const s = new FeedsService(temporal.client, audit.service, new Metrieken(), register(), verwerking(gelogd));
  return { s, audit, temporal, gelogd };
}

const feed = gebruiker({ rol: 'feed', sub: 'duo-feed' });
const examen = (trajectId: string, over: Record<string, unknown> = {}) => ({
  referentie: `ref-${trajectId.slice(0, 4)}`,
  trajectId,
  component: 'lezen',
  niveau: 'B1',
  behaald: true,
  datum: '2026-11-01',
  ...over,
});

describe('FeedsService', () => {
  it('one result per item: delivered, invalid (field named), or an unknown traject for another gemeente', async () => {
    const { s, audit, temporal } = service();
    const antwoord = await synchroon(s).examenresultaten(
      [examen(EIGEN), examen(EIGEN, { component: 'zwemmen' }), examen(ANDER), examen(ONBEKEND)],
      feed,
      'req-1',
    );
    expect(antwoord.resultaten.map((r) => r.uitkomst)).toEqual([
      'afgeleverd',
      'ongeldig',
      'onbekend_traject',
      'onbekend_traject',
    ]);
    expect(antwoord.resultaten[1].fouten?.map((f) => f.veld)).toEqual(['component']);
    const signalen = temporal.aanroepen.filter((a) => a.wat === 'signal');
    expect(signalen.map((a) => a.workflowId)).toEqual([`traject-${EIGEN}`]);
    expect(signalen[0].args[1]).toEqual({
      commandos: [
        {
          type: 'registreerExamenresultaat',
          bericht: {
            component: 'lezen',
            niveau: 'B1',
            behaald: true,
            datum: '2026-11-01',
            commandId: 'duo:examen:ref-0b8f',
            door: 'duo-feed',
            herkomst: { rol: 'feed', gemeente: 'GM0518', requestId: 'req-1' },
          },
        },
      ],
    });
    // The delivered item is audited by its workflow (issue 13); the API audits what never reached
    // a rulebook. The invalid one never became a command.
    expect(audit.rijen.map((r) => [r.uitkomst, r.code, r.trajectId])).toEqual([
      ['afgewezen', 'ONBEKEND_TRAJECT', null],
      ['afgewezen', 'ONBEKEND_TRAJECT', null],
    ]);
  });

  it('DUO may name the person by BSN: it reaches their open traject, the BSN goes no further, the lookup is logged', async () => {
    const { s, temporal, audit, gelogd } = service();
    const { bsn: _b, ...zonderBsn } = { ...examen(EIGEN), bsn: BSN };
    const metBsn = { ...zonderBsn, trajectId: undefined, bsn: BSN, referentie: undefined };
    const onbekend = { ...metBsn, bsn: '123456782' };
    const antwoord = await synchroon(s).examenresultaten([metBsn, onbekend], feed, 'req-3');
    expect(antwoord.resultaten.map((r) => [r.uitkomst, r.trajectId])).toEqual([
      ['afgeleverd', EIGEN],
      ['onbekend_traject', undefined],
    ]);
    const verzonden = JSON.stringify(temporal.aanroepen);
    expect(verzonden).not.toContain(BSN);
    expect(JSON.stringify(antwoord)).not.toContain(BSN);
    expect(JSON.stringify(audit.rijen)).not.toContain(BSN);
    expect(antwoord.resultaten[0].commandId).toMatch(/^duo:examen:[0-9a-f]{40}$/);
    expect(gelogd).toMatchObject([{ handeling: 'zoeken', inburgeraarIds: ['persoon-1'] }]);
  });

  it('Temporal does not answer the lookup: the item is not delivered (503), never guessed', async () => {
    const audit = nepAudit();
    const temporal = nepClient({
      handle: () => ({
        describe: async () => Promise.reject(Object.assign(new Error('UNAVAILABLE'), { code: 14 })),
      }),
    });
    const s = new FeedsService(temporal.client, audit.service, new Metrieken(), register(), verwerking([]));
    await expect(synchroon(s).examenresultaten([examen(EIGEN)], feed, 'req-3')).rejects.toMatchObject({
      problem: { status: 503, resultaten: [expect.objectContaining({ uitkomst: 'niet_afgeleverd' })] },
    });
    expect(temporal.aanroepen.filter((a) => a.wat === 'signal')).toEqual([]);
  });

  it('a stable commandId: the reference when given, else a hash of the content (the same item twice is the same id)', () => {
    expect(feedCommandId('examen', { referentie: 'abc' })).toBe('duo:examen:abc');
    const a = feedCommandId('examen', { trajectId: EIGEN, datum: '2026-11-01', behaald: true });
    const b = feedCommandId('examen', { behaald: true, datum: '2026-11-01', trajectId: EIGEN });
    expect(a).toBe(b);
    expect(a).toMatch(/^duo:examen:[0-9a-f]{40}$/);
  });

  it('Temporal took only part: 503 with the per-item results, so the whole batch can be sent again', async () => {
    const { s } = service(async (workflowId) => {
      if (workflowId.endsWith(KAPOT)) throw new Error('UNAVAILABLE');
    });
    await expect(
      synchroon(s).besluiten(
        [
          { soort: 'ontheffing', trajectId: EIGEN, datum: '2026-11-01' },
          { soort: 'ontheffing', trajectId: KAPOT, datum: '2026-11-01' },
        ],
        feed,
        'req-2',
      ),
    ).rejects.toMatchObject({
      problem: {
        status: 503,
        resultaten: [
          expect.objectContaining({ uitkomst: 'afgeleverd' }),
          expect.objectContaining({ uitkomst: 'niet_afgeleverd' }),
        ],
      },
      headers: { 'Retry-After': '10' },
    });
  });
  it('a batch of 1,000 items: per traject one describe and one Signal with its items in the batch order, at most 32 trajecten at a time, one audit insert', async () => {
    let bezig = 0;
    let hoogste = 0;
    const { s, audit, temporal } = service(async () => {
      bezig += 1;
      hoogste = Math.max(hoogste, bezig);
      await new Promise((r) => setTimeout(r, 1));
      bezig -= 1;
    });
    const schrijfAlle = jest.spyOn(audit.service, 'schrijfAlle');
    const trajecten = Array.from(
      { length: 100 },
      (_, i) => `${EIGEN.slice(0, -3)}${String(i).padStart(3, '0')}`,
    );
    trajecten[99] = ONBEKEND;
    const items = Array.from({ length: 1000 }, (_, i) =>
      examen(trajecten[i % 100], { referentie: `r-${i}` }),
    );
    const antwoord = await synchroon(s).examenresultaten(items, feed, 'req-b');
    expect(antwoord.afgeleverd).toBe(990);
    expect(antwoord.resultaten.filter((r) => r.uitkomst === 'onbekend_traject')).toHaveLength(10);
    const describes = temporal.aanroepen.filter((a) => a.wat === 'describe');
    expect(describes).toHaveLength(100);
    expect(new Set(describes.map((a) => a.workflowId)).size).toBe(100);
    const signalen = temporal.aanroepen.filter((a) => a.wat === 'signal');
    expect(signalen).toHaveLength(99);
    expect(new Set(signalen.map((a) => a.workflowId)).size).toBe(99);
    // Each traject's items in the order of the batch: r-i, r-(i+100), …
    for (const a of signalen) {
      const i = trajecten.findIndex((t) => a.workflowId === `traject-${t}`);
      const { commandos } = a.args[1] as { commandos: { bericht: { commandId: string } }[] };
      expect(commandos.map((c) => c.bericht.commandId)).toEqual(
        Array.from({ length: 10 }, (_, k) => `duo:examen:r-${i + 100 * k}`),
      );
    }
    // Bounded, and really side by side (not one at a time).
    expect(hoogste).toBeLessThanOrEqual(32);
    expect(hoogste).toBeGreaterThan(16);
    expect(schrijfAlle).toHaveBeenCalledTimes(1);
    expect(audit.rijen).toHaveLength(10);
  });
});
