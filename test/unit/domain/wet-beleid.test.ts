import * as domein from '../../../domain';
import { beleidVoor, standaardBeleid } from '../../../domain/beleid';
import { DomainError, foutCategorie, foutCodes, isDomainError } from '../../../domain/shared/fouten';
import { geldend, WET, type Wetsregel } from '../../../domain/wet';

describe('law constants (wet.ts)', () => {
  it('hold the Wi2021 numbers from 1 January 2022, each with its source article', () => {
    expect(geldend(WET.pipTermijnWeken, '2026-01-01')).toBe(10);
    expect(geldend(WET.inburgeringstermijnJaren, '2026-01-01')).toBe(3);
    expect(geldend(WET.maxBoeteEuro, '2026-01-01')).toBe(800);
    expect(geldend(WET.afschalenMinLesuren, '2026-01-01')).toBe(600);
    expect(geldend(WET.bezwaartermijnWeken, '2026-01-01')).toBe(6);
    expect(geldend(WET.zRouteUrenAsielstatushouder, '2026-01-01').totaal).toBe(1600);
    expect(geldend(WET.zRouteUrenOverig, '2026-01-01').totaal).toBe(800);
    for (const regel of Object.values(WET)) {
      expect(regel.bron).toMatch(/art\.|Besluit|Wet|wet/);
      expect(regel.versies[0].geldigVanaf).toBe('2022-01-01');
    }
  });

  it('chooses the version in force on a date', () => {
    const regel: Wetsregel<number> = {
      bron: 'test',
      versies: [
        { geldigVanaf: '2022-01-01', waarde: 6 },
        { geldigVanaf: '2024-07-01', waarde: 12 },
      ],
    };
    expect(geldend(regel, '2021-06-01')).toBe(6);
    expect(geldend(regel, '2024-06-30')).toBe(6);
    expect(geldend(regel, '2024-07-01')).toBe(12);
    expect(geldend(regel, '2030-01-01')).toBe(12);
  });
});

describe('policy (beleid.ts)', () => {
  it('has the spec defaults', () => {
    expect(standaardBeleid).toEqual({
      voortgangsgesprekMaandenEersteJaar: 3,
      voortgangsgesprekMaandenDaarna: 6,
      termijnWaarschuwingenMaanden: [12, 6, 3, 1],
      achttienSignaalMaandenVooraf: 6,
      geenContactMaanden: 4,
      onderwijsrouteMaxLeeftijd: 28,
      ontzorgenEvaluatieWekenVooraf: 4,
      meldtijd: '07:00',
    });
    expect(beleidVoor()).toEqual(standaardBeleid);
  });

  it('a gemeente overrides single settings; the ladder is sorted most distant first', () => {
    const b = beleidVoor({ termijnWaarschuwingenMaanden: [1, 3, 9], meldtijd: '08:00' });
    expect(b.termijnWaarschuwingenMaanden).toEqual([9, 3, 1]);
    expect(b.meldtijd).toBe('08:00');
    expect(standaardBeleid.termijnWaarschuwingenMaanden).toEqual([12, 6, 3, 1]);
  });

  it.each([
    [{ voortgangsgesprekMaandenEersteJaar: 0 }, 'voortgangsgesprekMaandenEersteJaar'],
    [{ voortgangsgesprekMaandenDaarna: 1.5 }, 'voortgangsgesprekMaandenDaarna'],
    [{ termijnWaarschuwingenMaanden: [6, 6] }, 'termijnWaarschuwingenMaanden'],
    [{ termijnWaarschuwingenMaanden: [40] }, 'termijnWaarschuwingenMaanden'],
    [{ termijnWaarschuwingenMaanden: 'veel' }, 'termijnWaarschuwingenMaanden'],
    [{ achttienSignaalMaandenVooraf: -1 }, 'achttienSignaalMaandenVooraf'],
    [{ geenContactMaanden: 100 }, 'geenContactMaanden'],
    [{ onderwijsrouteMaxLeeftijd: 12 }, 'onderwijsrouteMaxLeeftijd'],
    [{ ontzorgenEvaluatieWekenVooraf: 30 }, 'ontzorgenEvaluatieWekenVooraf'],
    [{ meldtijd: '7 uur' }, 'meldtijd'],
    [{ vakantie: true }, 'vakantie'],
  ])('rejects %o naming the setting', (afwijking, veld) => {
    try {
      beleidVoor(afwijking as never);
      throw new Error('geen fout');
    } catch (e) {
      expect(isDomainError(e)).toBe(true);
      expect((e as DomainError).code).toBe('BELEID_ONGELDIG');
      expect((e as DomainError).veld).toBe(veld);
    }
  });

  it('rejects a non-object', () => {
    expect(() => beleidVoor(null as never)).toThrow(DomainError);
  });
});

describe('DomainError', () => {
  it('has a stable code, a Dutch detail with an English gloss, and a category', () => {
    const e = new DomainError('PIP_VOOR_INTAKE');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DomainError');
    expect(e.code).toBe('PIP_VOOR_INTAKE');
    expect(e.detail).toBe('Het PIP kan niet worden vastgesteld vóór de brede intake (PIP before intake)');
    expect(e.categorie).toBe('conflict');
    expect(e.veld).toBeNull();
    expect(e.message).toContain('PIP_VOOR_INTAKE');
  });

  it('every code has a category and a detail with an English gloss in parentheses', () => {
    expect(foutCodes.length).toBeGreaterThan(30);
    for (const code of foutCodes) {
      expect(['conflict', 'regel']).toContain(foutCategorie[code]);
      expect(new DomainError(code).detail).toMatch(/\(.+\)$/);
    }
    expect(foutCategorie.BOETE_TE_HOOG).toBe('regel');
    expect(foutCategorie.AFGESLOTEN).toBe('conflict');
  });

  it('isDomainError recognises the shape after serialisation', () => {
    const e = new DomainError('BOETE_TE_HOOG', 'bedrag');
    expect(isDomainError(e)).toBe(true);
    expect(isDomainError({ name: 'DomainError', code: 'BOETE_TE_HOOG', detail: e.detail })).toBe(true);
    expect(isDomainError({ name: 'DomainError', code: 'ONBEKEND' })).toBe(false);
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(isDomainError(null)).toBe(false);
  });
});

describe('the domain entry point', () => {
  it('exports the decider and helpers', () => {
    expect(typeof domein.decide).toBe('function');
    expect(typeof domein.evolve).toBe('function');
    expect(typeof domein.deadlines).toBe('function');
    expect(typeof domein.initialState).toBe('function');
    expect(typeof domein.beschrijf).toBe('function');
    expect(typeof domein.instantVanDatum).toBe('function');
    expect(typeof domein.datumVanInstant).toBe('function');
    expect(domein.standaardBeleid.geenContactMaanden).toBe(4);
  });
});
