import {
  deadlines,
  geldendResultaat,
  ontbrekendVoorVoldaan,
  type TrajectState,
} from '../../../domain/traject';
import {
  aanmelding,
  b1Traject,
  gegeven,
  intake,
  type Opdracht,
  pip,
  typen,
  verwachtFout,
  wanneer,
} from './gegeven';

const examen = (component: string, niveau: string | null, behaald = true, datum = '2027-06-01'): Opdracht =>
  ({ type: 'registreerExamenresultaat', component, niveau, behaald, datum }) as Opdracht;
const onderdeel = (o: string, datum = '2027-05-01'): Opdracht =>
  ({ type: 'registreerOnderdeel', onderdeel: o, datum }) as Opdracht;
const uren = (soort: 'taal' | 'participatie', aantal: number, datum = '2027-05-01'): Opdracht => ({
  type: 'registreerUren',
  soort,
  uren: aantal,
  datum,
});

const alleTaalB1 = ['lezen', 'luisteren', 'schrijven', 'spreken'].map((c) => examen(c, 'B1'));

describe('exam results', () => {
  it('an exam result before a leerroute is rejected', () => {
    const fout = verwachtFout(
      gegeven([aanmelding(), intake()]),
      examen('lezen', 'B1'),
      'EXAMEN_ZONDER_ROUTE',
    );
    expect(fout.categorie).toBe('conflict');
  });

  it('records results per component; KNM has no level', () => {
    const s = gegeven([examen('lezen', 'A2', false), examen('knm', 'B1')], b1Traject());
    expect(s.examenresultaten).toEqual([
      { component: 'lezen', niveau: 'A2', behaald: false, datum: '2027-06-01' },
      { component: 'knm', niveau: null, behaald: true, datum: '2027-06-01' },
    ]);
  });

  it('rejects unknown components, missing levels, non-boolean outcomes and future dates', () => {
    const s = b1Traject();
    verwachtFout(s, examen('rekenen', 'B1'), 'WAARDE_ONGELDIG');
    verwachtFout(s, examen('lezen', null), 'VELD_ONTBREEKT');
    verwachtFout(s, examen('lezen', 'D1'), 'WAARDE_ONGELDIG');
    verwachtFout(
      s,
      { type: 'registreerExamenresultaat', component: 'knm', behaald: 'ja', datum: '2027-01-01' } as never,
      'WAARDE_ONGELDIG',
    );
    verwachtFout(s, examen('lezen', 'B1', true, '2027-06-01'), 'DATUM_IN_TOEKOMST', '2027-05-31');
  });

  it('retakes: the latest pass counts, a later failure does not undo a pass', () => {
    const s = gegeven(
      [
        examen('lezen', 'A2', true, '2027-01-01'),
        examen('lezen', 'B1', true, '2027-06-01'),
        examen('lezen', 'B1', false, '2027-09-01'),
      ],
      b1Traject(),
    );
    expect(geldendResultaat(s.examenresultaten, 'lezen')).toMatchObject({
      niveau: 'B1',
      datum: '2027-06-01',
    });
    expect(ontbrekendVoorVoldaan(s)).not.toContain('taal:lezen');
  });

  it('retakes: a result registered late but dated earlier does not override a later pass', () => {
    const s = gegeven(
      [examen('lezen', 'B1', true, '2027-06-01'), examen('lezen', 'A2', true, '2027-01-01')],
      b1Traject(),
    );
    expect(geldendResultaat(s.examenresultaten, 'lezen')?.niveau).toBe('B1');
  });
});

describe('hours and components', () => {
  it('adds up language and participation hours', () => {
    const s = gegeven([uren('taal', 100), uren('taal', 50.5), uren('participatie', 20)], b1Traject());
    expect(s.uren).toEqual({ taal: 150.5, participatie: 20 });
  });

  it('rejects zero, negative, absurd or non-numeric hours and unknown kinds', () => {
    const s = b1Traject();
    verwachtFout(s, uren('taal', 0), 'UREN_ONGELDIG');
    verwachtFout(s, uren('taal', -3), 'UREN_ONGELDIG');
    verwachtFout(s, uren('taal', 5000), 'UREN_ONGELDIG');
    verwachtFout(s, uren('taal', Number.NaN), 'UREN_ONGELDIG');
    verwachtFout(
      s,
      { type: 'registreerUren', soort: 'sport', uren: 3, datum: '2027-01-01' } as never,
      'WAARDE_ONGELDIG',
    );
  });

  it('records MAP and PVT once; a repeat is a conflict', () => {
    const s = gegeven([onderdeel('map')], b1Traject());
    expect(s.onderdelen.map).toBe('2027-05-01');
    verwachtFout(s, onderdeel('map'), 'ONDERDEEL_AL_AFGEROND');
  });

  it('a component outside the route is rejected', () => {
    verwachtFout(b1Traject(), onderdeel('eindgesprek'), 'ONDERDEEL_NIET_IN_ROUTE');
    verwachtFout(b1Traject(), onderdeel('taalschakeltraject'), 'ONDERDEEL_NIET_IN_ROUTE');
    verwachtFout(
      gegeven([aanmelding(), intake(), pip('onderwijs')]),
      onderdeel('map'),
      'ONDERDEEL_NIET_IN_ROUTE',
    );
    verwachtFout(gegeven([aanmelding(), intake()]), onderdeel('pvt'), 'PIP_NIET_VASTGESTELD');
    verwachtFout(b1Traject(), onderdeel('sport'), 'WAARDE_ONGELDIG');
  });
});

describe('voldaan: B1-route', () => {
  const bijnaKlaar = (): TrajectState =>
    gegeven([...alleTaalB1, examen('knm', null), onderdeel('pvt')], b1Traject());

  it('lists what is still missing', () => {
    expect(ontbrekendVoorVoldaan(b1Traject())).toEqual([
      'taal:lezen',
      'taal:luisteren',
      'taal:schrijven',
      'taal:spreken',
      'knm',
      'pvt',
      'map',
    ]);
    expect(ontbrekendVoorVoldaan(bijnaKlaar())).toEqual(['map']);
    expect(ontbrekendVoorVoldaan(gegeven([aanmelding()]))).toEqual(['pip']);
  });

  it('four language components at B1 + KNM + PVT + MAP: voldaan, the traject closes', () => {
    const { events, state } = wanneer(bijnaKlaar(), onderdeel('map', '2027-07-01'));
    expect(typen(events)).toEqual(['onderdeelAfgerond', 'inburgeringsplichtVoldaan']);
    expect(events[1]).toMatchObject({ datum: '2027-07-01', leerroute: 'b1' });
    expect(state.fase).toBe('voldaan');
    expect(state.afgesloten).toBe(true);
    expect(state.afsluiting).toEqual({ uitkomst: 'voldaan', datum: '2027-07-01', reden: null });
    expect(deadlines(state)).toEqual([]);
  });

  it('A2 is not enough without afschalen', () => {
    const s = gegeven(
      [
        ...['lezen', 'luisteren', 'schrijven', 'spreken'].map((c) => examen(c, 'A2')),
        examen('knm', null),
        onderdeel('pvt'),
        onderdeel('map'),
      ],
      b1Traject(),
    );
    expect(s.afgesloten).toBe(false);
  });

  it('after afschalen A2 results meet the duty (voldaan follows the PIP change itself)', () => {
    const s = gegeven(
      [
        uren('taal', 650),
        ...['lezen', 'luisteren', 'schrijven', 'spreken'].map((c) => examen(c, 'A2')),
        examen('knm', null),
        onderdeel('pvt'),
        onderdeel('map'),
      ],
      b1Traject(),
    );
    const { events, state } = wanneer(s, {
      type: 'wijzigPip',
      dagtekening: '2027-08-01',
      reden: 'afschalen',
    });
    expect(typen(events)).toEqual(['pipGewijzigd', 'inburgeringsplichtVoldaan']);
    expect(state.fase).toBe('voldaan');
  });

  it('a higher level (B2) also counts', () => {
    const s = gegeven(
      [
        ...['lezen', 'luisteren', 'schrijven', 'spreken'].map((c) => examen(c, 'B2')),
        examen('knm', null),
        onderdeel('pvt'),
        onderdeel('map'),
      ],
      b1Traject(),
    );
    expect(s.fase).toBe('voldaan');
  });

  it('a termijn overschreden flag is lifted when the duty is met late', () => {
    const s = gegeven(
      [
        [{ type: 'deadlineBereikt', deadlineId: 'termijn-overschreden', datum: '2029-03-03' }, '2029-03-03'],
        ...alleTaalB1,
        examen('knm', null),
        onderdeel('pvt'),
        onderdeel('map'),
      ],
      b1Traject(),
    );
    expect(s.fase).toBe('voldaan');
    expect(s.termijnOverschreden).toBe(false);
    expect(s.termijnOverschredenOp).toBe('2029-03-03');
  });
});

describe('voldaan: onderwijsroute', () => {
  it('taalschakeltraject + KNM + PVT, no MAP', () => {
    const basis = gegeven([aanmelding(), intake(), pip('onderwijs'), examen('knm', null), onderdeel('pvt')]);
    expect(ontbrekendVoorVoldaan(basis)).toEqual(['taalschakeltraject']);
    const { state } = wanneer(basis, onderdeel('taalschakeltraject'));
    expect(state.fase).toBe('voldaan');
  });

  it('without KNM it is not met', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip('onderwijs'),
      onderdeel('taalschakeltraject'),
      onderdeel('pvt'),
    ]);
    expect(ontbrekendVoorVoldaan(s)).toEqual(['knm']);
  });
});

describe('voldaan: Z-route', () => {
  it('asielstatushouder: 800 h language/KNM + 800 h participation + eindgesprek + PVT + MAP', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip('z'),
      onderdeel('eindgesprek'),
      onderdeel('pvt'),
      onderdeel('map'),
      uren('taal', 800),
    ]);
    expect(ontbrekendVoorVoldaan(s)).toEqual(['uren:participatie', 'uren:totaal']);
    expect(wanneer(s, uren('participatie', 799)).state.afgesloten).toBe(false);
    const { state } = wanneer(s, uren('participatie', 800, '2028-01-15'));
    expect(state.fase).toBe('voldaan');
    expect(state.afsluiting?.datum).toBe('2028-01-15');
  });

  it('gezinsmigrant: 800 h in total', () => {
    const s = gegeven([
      aanmelding({ doelgroep: 'gezinsmigrant' }),
      intake(),
      pip('z'),
      onderdeel('eindgesprek'),
      onderdeel('pvt'),
      onderdeel('map'),
      uren('taal', 500),
    ]);
    expect(ontbrekendVoorVoldaan(s)).toEqual(['uren:totaal']);
    expect(wanneer(s, uren('participatie', 300)).state.fase).toBe('voldaan');
  });

  it('the eindgesprek is needed', () => {
    const s = gegeven([
      aanmelding({ doelgroep: 'gezinsmigrant' }),
      intake(),
      pip('z'),
      onderdeel('pvt'),
      onderdeel('map'),
      uren('taal', 800),
    ]);
    expect(ontbrekendVoorVoldaan(s)).toEqual(['eindgesprek']);
  });
});

describe('ontheffing and beëindiging', () => {
  it('ontheffing closes the traject as ontheven', () => {
    const { state } = wanneer(b1Traject(), {
      type: 'registreerOntheffing',
      datum: '2027-01-01',
      grond: 'medisch',
    });
    expect(state.fase).toBe('ontheven');
    expect(state.afgesloten).toBe(true);
    expect(state.afsluiting).toEqual({ uitkomst: 'ontheven', datum: '2027-01-01', reden: null });
    expect(deadlines(state)).toEqual([]);
  });

  it('ontheffing is possible before the PIP; an unknown ground is rejected', () => {
    expect(
      wanneer(gegeven([aanmelding()]), { type: 'registreerOntheffing', datum: '2026-02-01' }).state.fase,
    ).toBe('ontheven');
    verwachtFout(
      gegeven([aanmelding()]),
      { type: 'registreerOntheffing', datum: '2026-02-01', grond: 'lui' as never },
      'WAARDE_ONGELDIG',
    );
  });

  it.each(['overleden', 'vertrokken', 'verblijf_beeindigd', 'overig'] as const)(
    'beëindiging with reason %s',
    (reden) => {
      const { state } = wanneer(b1Traject(), { type: 'beeindig', datum: '2027-01-01', reden });
      expect(state.fase).toBe('beeindigd');
      expect(state.afsluiting).toEqual({ uitkomst: 'beeindigd', datum: '2027-01-01', reden });
    },
  );

  it('beëindiging without a valid reason is rejected', () => {
    verwachtFout(
      b1Traject(),
      { type: 'beeindig', datum: '2027-01-01', reden: 'verveling' as never },
      'WAARDE_ONGELDIG',
    );
  });
});

describe('after closing', () => {
  const gesloten = () =>
    gegeven([{ type: 'beeindig', datum: '2027-01-01', reden: 'vertrokken' }], b1Traject());

  it.each<Opdracht>([
    { type: 'registreerBrp', datum: '2027-02-01' },
    { type: 'registreerUren', soort: 'taal', uren: 3, datum: '2027-02-01' },
    { type: 'registreerExamenresultaat', component: 'knm', behaald: true, datum: '2027-02-01' },
    { type: 'registreerOntheffing', datum: '2027-02-01' },
    { type: 'beeindig', datum: '2027-02-01', reden: 'overig' },
    { type: 'wijsCasemanagerToe', casemanager: 'cm-9' },
    { type: 'registreerVerhuizing', datum: '2027-02-01', naarGemeente: 'GM0363' },
    { type: 'aanmelden', gemeente: 'GM0518', doelgroep: 'gezinsmigrant', kennisgevingsdatum: '2027-01-01' },
  ])('everything is rejected: $type', (opdracht) => {
    const fout = verwachtFout(gesloten(), opdracht, 'AFGESLOTEN');
    expect(fout.categorie).toBe('conflict');
  });

  it('a timer that fires after closing is ignored, not an error', () => {
    expect(
      wanneer(gesloten(), {
        type: 'deadlineBereikt',
        deadlineId: 'termijn-overschreden',
        datum: '2029-03-03',
      }).events,
    ).toEqual([]);
  });
});
