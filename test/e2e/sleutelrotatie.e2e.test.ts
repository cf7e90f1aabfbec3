import { randomBytes } from 'node:crypto';
import { FeedLeveringService } from '../../api/feeds/leveringen.service';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { maakSleutelkluis } from '../../platform/crypto';
import { roteerSleutels } from '../../platform/crypto/sleutelrotatie';
import { createDataSource } from '../../platform/persistence/data-source';
import { FeedLeveringRepository, PersoonssleutelRepository } from '../../platform/persistence/repositories';
import { bearer } from '../support/auth';
import { e2eDatabase } from '../support/database';
import { json } from '../support/http';
import { ketenHttp, testBsn } from '../support/keten';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(180_000);

/**
 * Master key rotation (`npm run sleutels:roteer`, platform/crypto/sleutelrotatie.ts) against the real
 * stack: what was stored under the old key (a person's data key, a feed batch still waiting for
 * delivery) is brought under the new one, after which the system runs with the old key removed.
 */
const GEMEENTE = 'GM0599';
const vandaag = datumVanInstant(Date.now());
const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const index = randomBytes(32).toString('base64');
const sleutelEnv = (sleutels: Record<string, string>, actief: string) => ({
  SLEUTELS: JSON.stringify(sleutels),
  ACTIEVE_SLEUTEL: actief,
  BLINDE_INDEX_SLEUTEL: index,
});

let system: RunningSystem | undefined;

afterAll(async () => {
  await system?.stop();
});

describe('sleutelrotatie', () => {
  it('persoonssleutels en wachtende feedleveringen komen onder de nieuwe sleutel; daarna werkt alles zonder de oude', async () => {
    // 1. Under k1: a traject with a person, and a DUO batch accepted while no deliverer runs.
    system = await startSystem({ env: sleutelEnv({ k1 }, 'k1') });
    const taskQueue = system.taskQueue;
    await system.app.get(FeedLeveringService).stop();
    let http = ketenHttp(system);
    const cm = await bearer({ rol: 'casemanager', gemeente: GEMEENTE, sub: 'cm-rotatie' });
    const duo = await bearer({ rol: 'feed', bron: 'duo', gemeente: GEMEENTE, sub: 'duo-rotatie' });
    const bsn = testBsn();
    const traject = await http.trajectMetPip(cm, {
      gemeente: GEMEENTE,
      vandaag,
      inburgeraar: { bsn, voornamen: 'Rotatie', achternaam: 'Proef', geboortedatum: '1990-05-06' },
    });
    const persoon = traject.inburgeraar.id as string;
    const item = { referentie: 'ROT-1', bsn, component: 'knm', behaald: true, datum: addDays(vandaag, -1) };
    const aangenomen = await http.post(
      '/api/v1/feeds/duo/examenresultaten',
      { items: [item] },
      { ...duo, prefer: 'respond-async' },
    );
    expect(aangenomen.status).toBe(202);
    const levering = await json(aangenomen);
    const db = await createDataSource(await e2eDatabase()).initialize();
    const sleutelVan = async () =>
      (
        await db.query('SELECT master_sleutel_id FROM persoonssleutel WHERE inburgeraar_id = $1', [persoon])
      )[0].master_sleutel_id;
    const itemsVan = async () =>
      (await db.query('SELECT items FROM feed_levering WHERE id = $1', [levering.id]))[0].items as string;
    expect(await sleutelVan()).toBe('k1');
    const onderK1 = await itemsVan();
    expect(onderK1.startsWith('m:k1|')).toBe(true);
    await system.stop();
    system = undefined;

    // 2. k2 added and made active: the rotation, twice (the second finds nothing left).
    const kluis = maakSleutelkluis(
      {
        modus: 'configuratie',
        sleutels: { k1, k2 },
        actief: 'k2',
        index,
      },
      new PersoonssleutelRepository(db),
    );
    const opslag = {
      persoonssleutels: new PersoonssleutelRepository(db),
      leveringen: new FeedLeveringRepository(db),
    };
    const eerste = await roteerSleutels(kluis, opslag);
    expect(eerste).toEqual({
      actief: 'k2',
      persoonssleutels: 1,
      leveringen: 1,
      over: { persoonssleutels: 0, leveringen: 0 },
    });
    expect(await sleutelVan()).toBe('k2');
    const onderK2 = await itemsVan();
    expect(onderK2.startsWith('m:k2|')).toBe(true);
    expect(onderK2).not.toContain(bsn);
    expect(await roteerSleutels(kluis, opslag)).toEqual({
      actief: 'k2',
      persoonssleutels: 0,
      leveringen: 0,
      over: { persoonssleutels: 0, leveringen: 0 },
    });
    // A batch changed since it was read (delivered, or rotated by another run) is left as it is.
    expect(await opslag.leveringen.herversleutel(levering.id, onderK1, 'm:k2|oud')).toBe(false);
    expect(await itemsVan()).toBe(onderK2);
    await db.destroy();

    // 3. k1 removed: the person reads, the waiting batch is delivered, the workflow (its history under
    // the person's key, never rewritten) takes the result.
    system = await startSystem({ env: sleutelEnv({ k2 }, 'k2'), taskQueue });
    http = ketenHttp(system);
    const detail = await fetch(`${system.baseUrl}/api/v1/inburgeraars/${persoon}`, { headers: cm });
    expect(detail.status).toBe(200);
    expect((await json(detail)).naam).toBe('Rotatie Proef');
    let status = await json(await fetch(`${system.baseUrl}${levering.statusUrl}`, { headers: duo }));
    for (let i = 0; i < 300 && status.status !== 'klaar'; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      status = await json(await fetch(`${system.baseUrl}${levering.statusUrl}`, { headers: duo }));
    }
    expect(status).toMatchObject({ status: 'klaar', afgeleverd: 1, pogingen: 1 });
    expect(status.resultaten).toEqual([
      expect.objectContaining({ uitkomst: 'afgeleverd', trajectId: traject.id }),
    ]);
    const s = await http.totdat(traject.id, cm, (st) => st.state.examenresultaten.length === 1);
    expect(s.state.examenresultaten[0]).toMatchObject({ component: 'knm', behaald: true });
  });
});
