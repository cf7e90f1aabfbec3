import { WARME_OVERDRACHT_DAGEN, warmeOverdrachtTaken } from '../../../domain/keten';
import { beschrijf, pasToe, werkTakenBij } from '../../../domain/traject';
import {
  OVERDRACHTSGESPREK_DAGEN_VOOR_HUISVESTING,
  OVERDRACHTSGESPREK_ZONDER_HUISVESTING_DAGEN,
  overdrachtsgesprekUiterlijk,
} from '../../../domain/traject/regels/aanmelding';
import { aanmelding, gegeven, typen, verwachtFout, wanneer } from './gegeven';

const koppeling = (extra: Record<string, unknown> = {}) => ({
  type: 'registreerKoppeling' as const,
  datum: '2026-01-10',
  azc: 'AZC-ZWOLLE',
  voorinburgeringGevolgd: true,
  verwachteHuisvestingsdatum: '2026-03-01',
  ...extra,
});

describe('registreerKoppeling (issue 15: COA)', () => {
  it('records the koppeling and asks for the overdrachtsgesprek before the expected housing date', () => {
    const { events, state } = wanneer(gegeven([aanmelding()]), koppeling());
    expect(typen(events)).toEqual(['koppelingGeregistreerd', 'signaalGegeven']);
    expect(state.koppelingsdatum).toBe('2026-01-10');
    expect(events[1]).toMatchObject({
      soort: 'overdrachtsgesprek',
      regel: 'koppeling',
      actie: 'taak',
      datum: '2026-02-22',
      omschrijving: 'Overdrachtsgesprek in het azc plannen (huisvesting verwacht 2026-03-01)',
    });
    expect(beschrijf(events[0])).toBe(
      'Koppeling door het COA op 2026-01-10, voorinburgering gevolgd, huisvesting verwacht 2026-03-01',
    );
    // The task stays open until the casemanager closes it: no fact of the rulebook settles it.
    const taken = werkTakenBij([], events);
    expect(taken.taken.map((t) => [t.soort, t.vervaldatum])).toEqual([['overdrachtsgesprek', '2026-02-22']]);
    expect(werkTakenBij(taken.taken, [{ ...events[0] }]).taken).toHaveLength(1);
  });

  it('without an expected housing date: within four weeks of the koppeling; never before the koppeling', () => {
    const { events } = wanneer(
      gegeven([aanmelding()]),
      koppeling({ verwachteHuisvestingsdatum: null, voorinburgeringGevolgd: false }),
    );
    expect(events[1]).toMatchObject({
      datum: '2026-02-07',
      omschrijving: 'Overdrachtsgesprek in het azc plannen',
    });
    expect(beschrijf(events[0])).toBe('Koppeling door het COA op 2026-01-10');
    expect(OVERDRACHTSGESPREK_ZONDER_HUISVESTING_DAGEN).toBe(28);
    expect(overdrachtsgesprekUiterlijk('2026-01-10', '2026-01-12')).toBe('2026-01-10');
    expect(overdrachtsgesprekUiterlijk('2026-01-10', '2026-02-10')).toBe(
      `2026-02-${String(10 - OVERDRACHTSGESPREK_DAGEN_VOOR_HUISVESTING).padStart(2, '0')}`,
    );
  });

  it('only for asielstatushouders; dates checked; a repeat changes nothing', () => {
    verwachtFout(
      gegeven([aanmelding({ doelgroep: 'gezinsmigrant' })]),
      koppeling(),
      'KOPPELING_ALLEEN_ASIELSTATUSHOUDER',
    );
    const s = gegeven([aanmelding()]);
    verwachtFout(s, koppeling({ verwachteHuisvestingsdatum: '2026-01-01' }), 'DATUM_ONGELDIG');
    verwachtFout(s, koppeling({ datum: '2036-01-01' }), 'DATUM_IN_TOEKOMST');
    verwachtFout(s, koppeling({ azc: 'azc met spaties' }), 'WAARDE_ONGELDIG');
    const eerst = pasToe(
      { state: s, versie: 1, openTaken: [] },
      { ...koppeling(), commandId: 'coa:k:1' },
      '2026-01-10',
    );
    const nogmaals = pasToe(eerst.toestand, { ...koppeling(), commandId: 'coa:k:1' }, '2026-01-10');
    expect(nogmaals.events).toEqual([]);
    expect(nogmaals.toestand.openTaken).toHaveLength(1);
  });
});

describe('warme overdracht (issue 15: BRP verhuizing)', () => {
  it('one task for the old gemeente (without the traject) and one on the traject for the new one', () => {
    const taken = warmeOverdrachtTaken({
      trajectId: 't-1',
      van: 'GM0518',
      naar: 'GM0363',
      datum: '2026-05-01',
      sleutel: 'keten:brp:verhuizing:r1',
      casemanagerVan: 'cm-1',
    });
    expect(WARME_OVERDRACHT_DAGEN).toBe(28);
    expect(taken).toEqual([
      expect.objectContaining({
        trajectId: null,
        gemeente: 'GM0518',
        casemanager: 'cm-1',
        vervaldatum: '2026-05-29',
      }),
      expect.objectContaining({
        trajectId: 't-1',
        gemeente: 'GM0363',
        casemanager: null,
        vervaldatum: '2026-05-29',
      }),
    ]);
    expect(taken[0].omschrijving).toContain('t-1');
    expect(
      taken.every((t) => t.sleutel === 'keten:brp:verhuizing:r1' && t.soort === 'warme-overdracht'),
    ).toBe(true);
  });
});
