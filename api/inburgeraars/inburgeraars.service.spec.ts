import type { DataSource } from 'typeorm';
import { GegevensVernietigd, type Sleutelkluis } from '../../platform/crypto';
import type {
  InburgeraarRepository,
  PersoonssleutelRepository,
  PersoonTraject,
} from '../../platform/persistence/repositories';
import { gebruiker, nepAudit, nepTransacties } from '../../test/support/fakes';
import type { VerwerkingInvoer, VerwerkingService } from '../verwerkingen/verwerking.service';
import { InburgeraarService } from './inburgeraars.service';

const T1 = '00000000-0000-4000-8000-000000000001';
const T2 = '00000000-0000-4000-8000-000000000002';
const T3 = '00000000-0000-4000-8000-000000000003';

function persoon(trajectId: string, inburgeraarId: string, over: Partial<PersoonTraject> = {}) {
  return {
    trajectId,
    inburgeraarId,
    gemeente: 'GM0518',
    casemanager: 'cm-1',
    afgesloten: false,
    fase: 'aangemeld',
    gegevens: `p:${inburgeraarId}|ciphertext`,
    ...over,
  };
}

/** The register with three trajecten: a readable person, a shredded one, and another casemanager's. */
function service() {
  const register = {
    personenVanTrajecten: async () => [
      persoon(T1, 'p-leesbaar'),
      persoon(T2, 'p-vernietigd', { afgesloten: true }),
      persoon(T3, 'p-ander', { casemanager: 'cm-2' }),
    ],
  } as unknown as InburgeraarRepository;
  const kluis = {
    ontsleutelTekst: async (veld: string) => {
      if (veld.startsWith('p-vernietigd.')) throw new GegevensVernietigd();
      return JSON.stringify({ voornamen: 'Amina', voorvoegsel: null, achternaam: 'Yusuf' });
    },
  } as unknown as Sleutelkluis;
  const gelogd: VerwerkingInvoer[] = [];
  const verwerking = {
    log: async (_g: unknown, v: VerwerkingInvoer) => {
      gelogd.push(v);
    },
  } as unknown as VerwerkingService;
  const s = new InburgeraarService(
    register,
    {} as PersoonssleutelRepository,
    kluis,
    verwerking,
    nepAudit().service,
    nepTransacties as unknown as DataSource,
  );
  return { s, gelogd };
}

describe('InburgeraarService.namen', () => {
  it('names only the people this casemanager may see; a shredded person leaves the list usable, without a name', async () => {
    const { s, gelogd } = service();
    const namen = await s.namen([T1, T2, T3], gebruiker({ rol: 'teamleider', sub: 'tl-1' }), 'req');
    expect([...namen.entries()]).toEqual([
      [T1, { inburgeraarId: 'p-leesbaar', naam: 'Amina Yusuf' }],
      [T3, { inburgeraarId: 'p-ander', naam: 'Amina Yusuf' }],
    ]);
    // Only the names actually shown are in the processing log.
    expect(gelogd.map((v) => v.inburgeraarIds)).toEqual([['p-leesbaar', 'p-ander']]);

    const eigen = await s.namen([T1, T2, T3], gebruiker(), 'req');
    expect([...eigen.keys()]).toEqual([T1]);
  });

  it('other errors than a destroyed key still fail loudly (a missing master key is never an empty name)', async () => {
    const { s } = service();
    (s as unknown as { kluis: Sleutelkluis }).kluis = {
      ontsleutelTekst: async () => {
        throw new Error('sleutel k2026 ontbreekt');
      },
    } as unknown as Sleutelkluis;
    await expect(s.namen([T1], gebruiker(), 'req')).rejects.toThrow('sleutel k2026 ontbreekt');
  });
});
