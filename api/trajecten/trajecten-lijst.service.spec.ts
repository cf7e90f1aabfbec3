import type {
  Keyset,
  TrajectFilter,
  TrajectRepository,
  TrajectRij,
} from '../../platform/persistence/repositories';
import { gebruiker } from '../../test/support/fakes';
import type { InburgeraarService } from '../inburgeraars/inburgeraars.service';
import { lijstQuerySchema } from './lijst.dto';
import { TrajectenLijstService } from './trajecten-lijst.service';

/** Nobody's name in these specs: the register is tested on its own. */
const geenNamen = { namen: async () => new Map() } as unknown as InburgeraarService;

function rij(n: number): TrajectRij & { sorteerwaarde: string } {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    workflowId: `traject-${n}`,
    gemeente: 'GM0518',
    doelgroep: 'gezinsmigrant',
    fase: 'aangemeld',
    leerroute: null,
    casemanager: null,
    kennisgevingsdatum: '2026-10-01',
    termijnEinde: null,
    volgendeDeadline: `2026-12-${String(n).padStart(2, '0')}`,
    volgendeDeadlineSoort: 'pip',
    termijnOverschreden: false,
    afgesloten: false,
    versie: 1,
    pipKlokStart: null,
    pipUiterlijk: null,
    pipVastgesteldOp: null,
    laatsteContact: null,
    ontzorgenEvaluatieOp: null,
    uitkomstOp: null,
    uitkomstReden: null,
    examens: {},
    aanbieder: null,
    aanwezigheid: [],
    routestappen: [],
    aangemaaktOp: '2026-10-01T00:00:00.000Z',
    bijgewerktOp: '2026-10-01T00:00:00.000Z',
    sorteerwaarde: `2026-12-${String(n).padStart(2, '0')}`,
  };
}

/** A repository over five rows that answers keyset pages as the real one does (ascending on the date). */
function repo() {
  const vragen: { filter: TrajectFilter; na: Keyset | null; limiet: number }[] = [];
  const rijen = [1, 2, 3, 4, 5].map(rij);
  const trajecten = {
    lijst: async (filter: TrajectFilter, _s: unknown, na: Keyset | null, limiet: number) => {
      vragen.push({ filter, na, limiet });
      return rijen.filter((r) => !na || r.sorteerwaarde > (na.v as string)).slice(0, limiet);
    },
  } as unknown as TrajectRepository;
  return { trajecten, vragen };
}

describe('TrajectenLijstService', () => {
  it("maps 'ik' and 'geen' to the caller and to no casemanager, and always the caller's gemeente", async () => {
    const { trajecten, vragen } = repo();
    const s = new TrajectenLijstService(trajecten, geenNamen);
    await s.lijst(lijstQuerySchema.parse({ casemanager: 'ik' }), gebruiker(), 'req');
    await s.lijst(lijstQuerySchema.parse({ casemanager: 'geen', fase: 'aangemeld' }), gebruiker(), 'req');
    await s.lijst(
      lijstQuerySchema.parse({}),
      gebruiker({ gemeente: null, bereik: ['GM0398', 'GM0405'] }),
      'req',
    );
    await s.lijst(
      lijstQuerySchema.parse({}),
      gebruiker({ rol: 'admin', gemeente: null, bereik: '*' }),
      'req',
    );
    await s.lijst(lijstQuerySchema.parse({}), gebruiker({ rol: 'admin', gemeente: null }), 'req');
    expect(vragen.map((v) => [v.filter.gemeente, v.filter.casemanager, v.filter.fase])).toEqual([
      [['GM0518'], 'cm-1', undefined],
      [['GM0518'], null, 'aangemeld'],
      // Issue 13: a region lists its gemeenten, national scope all (null), no claim nothing (empty).
      [['GM0398', 'GM0405'], undefined, undefined],
      [null, undefined, undefined],
      [[], undefined, undefined],
    ]);
  });

  it('pages with a cursor: no row twice, none skipped; a cursor of another query is a 400', async () => {
    const { trajecten, vragen } = repo();
    const s = new TrajectenLijstService(trajecten, geenNamen);
    const eerste = await s.lijst(lijstQuerySchema.parse({ limiet: '2' }), gebruiker(), 'req');
    expect(vragen[0].limiet).toBe(3);
    const tweede = await s.lijst(
      lijstQuerySchema.parse({ limiet: '2', cursor: eerste.volgende }),
      gebruiker(),
      'req',
    );
    const derde = await s.lijst(
      lijstQuerySchema.parse({ limiet: '2', cursor: tweede.volgende }),
      gebruiker(),
      'req',
    );
    expect([...eerste.items, ...tweede.items, ...derde.items].map((i) => i.volgendeDeadline)).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
    ]);
    expect(derde.volgende).toBeNull();
    expect(eerste.items[0]).not.toHaveProperty('sorteerwaarde');
    await expect(
      s.lijst(
        lijstQuerySchema.parse({ limiet: '2', sorteer: 'termijnEinde', cursor: eerste.volgende }),
        gebruiker(),
        'req',
      ),
    ).rejects.toMatchObject({ problem: { status: 400, code: 'CURSOR_ONGELDIG' } });
  });
});
