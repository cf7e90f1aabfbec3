import fc from 'fast-check';
import { escalatieBeleidVoor } from '../../../domain/beleid';
import {
  escalaties,
  type TrajectPeilgegevens,
  verzuim,
  verzuimEpisode,
  verzuimOver,
  type WeekAanwezigheid,
} from '../../../domain/escalatie';
import {
  addDays,
  addIsoWeken,
  addWerkdagen,
  isGeldigeIsoWeek,
  isoWeek,
  maandagVan,
  weekdag,
} from '../../../domain/shared/kalender';

const beleid = escalatieBeleidVoor();

/** A week with `gepland` planned hours of which `ongeoorloofd` unexcused (the rest attended). */
const week = (w: string, gepland: number, ongeoorloofd: number, geoorloofd = 0): WeekAanwezigheid => ({
  week: w,
  lesuren: gepland - ongeoorloofd - geoorloofd,
  verzuimGeoorloofd: geoorloofd,
  verzuimOngeoorloofd: ongeoorloofd,
});

describe('ISO-weken', () => {
  it.each([
    ['2026-12-01', '2026-W49'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s valt in %s', (datum, w) => {
    expect(isoWeek(datum)).toBe(w);
  });

  it('maandag van een week, weken optellen, bestaande weken', () => {
    expect(maandagVan('2026-W49')).toBe('2026-11-30');
    expect(maandagVan('2020-W53')).toBe('2020-12-28');
    expect(addIsoWeken('2026-W52', 2)).toBe('2027-W01');
    expect(addIsoWeken('2027-W01', -1)).toBe('2026-W53');
    expect(isGeldigeIsoWeek('2026-W53')).toBe(true);
    expect(isGeldigeIsoWeek('2025-W53')).toBe(false);
    expect(isGeldigeIsoWeek('2026-W00')).toBe(false);
    expect(isGeldigeIsoWeek('2026-49')).toBe(false);
    expect(isGeldigeIsoWeek(202649)).toBe(false);
  });

  it('eigenschap: elke dag ligt in de week die op zijn maandag begint', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (n) => {
        const dag = addDays('2000-01-01', n);
        const maandag = maandagVan(isoWeek(dag));
        return weekdag(maandag) === 1 && addDays(maandag, weekdag(dag) - 1) === dag;
      }),
    );
  });
});

describe('verzuimaandeel over de laatste weken', () => {
  it('ongeoorloofd gedeeld door gepland (gevolgd + geoorloofd + ongeoorloofd), alleen binnen het venster', () => {
    const weken = [
      week('2026-W44', 10, 10), // outside the window of W45..W48
      week('2026-W45', 10, 2, 2),
      week('2026-W46', 10, 2),
      week('2026-W47', 10, 2),
      week('2026-W48', 10, 2),
    ];
    expect(verzuimOver(weken, '2026-W48', beleid)).toMatchObject({
      vanWeek: '2026-W45',
      totWeek: '2026-W48',
      gepland: 40,
      ongeoorloofd: 8,
      aandeel: 0.2,
      // Exactly at the limit is not above it.
      boven: false,
    });
    expect(verzuimOver([...weken.slice(1, 4), week('2026-W48', 10, 3)], '2026-W48', beleid).boven).toBe(true);
    expect(verzuimOver([], '2026-W48', beleid)).toMatchObject({ gepland: 0, aandeel: 0, boven: false });
  });

  it('geoorloofd verzuim telt niet als verzuim, wel als gepland', () => {
    const weken = [week('2026-W48', 10, 1, 9)];
    expect(verzuimOver(weken, '2026-W48', beleid)).toMatchObject({
      gepland: 10,
      ongeoorloofd: 1,
      boven: false,
    });
  });
});

describe('verzuimtrede op de ladder', () => {
  // Wednesday 2026-12-02: the last complete week is 2026-W48 (23–29 November).
  const vandaag = '2026-12-02';
  const hoog = [week('2026-W46', 10, 0), week('2026-W47', 10, 5), week('2026-W48', 10, 5)];

  it('boven de grens: taak "verzuim bespreken" voor de casemanager, één sleutel per episode', () => {
    const [taak, ...rest] = verzuim(hoog, vandaag, beleid);
    expect(rest).toEqual([]);
    expect(taak).toMatchObject({
      soort: 'verzuim',
      actie: 'taak',
      niveau: 1,
      ontvanger: 'casemanager',
      // The episode began with the first window above the limit: W47 (W44..W47: 5 of 20).
      sleutel: 'ronde:verzuim:1:2026-W47',
      // The Monday after the episode's first week.
      peildatum: '2026-11-23',
    });
    expect(taak.omschrijving).toMatch(
      /^Verzuim bespreken: ongeoorloofd verzuim 33 % van 30 geplande lesuren/,
    );
    // A night later, and a week later with the share still above: the same episode, the same sleutel.
    expect(verzuim(hoog, '2026-12-03', beleid)[0].sleutel).toBe(taak.sleutel);
    const later = [...hoog, week('2026-W49', 10, 3)];
    expect(verzuim(later, '2026-12-08', beleid)[0].sleutel).toBe(taak.sleutel);
  });

  it('onder de grens: niets; daarna weer boven: een nieuwe episode', () => {
    const gedaald = [...hoog, week('2026-W49', 40, 0)];
    expect(verzuim(gedaald, '2026-12-08', beleid)).toEqual([]);
    const weer = [...gedaald, week('2026-W50', 10, 10), week('2026-W51', 10, 10)];
    // W47..W50: 20 of 70 hours (29 %) is already above: the new episode began with W50.
    expect(verzuim(weer, '2026-12-22', beleid).map((e) => e.sleutel)).toEqual(['ronde:verzuim:1:2026-W50']);
    expect(verzuimEpisode(weer, '2026-12-22', beleid)?.begin).toBe('2026-W50');
  });

  it('houdt het aan na N werkdagen: escalatie naar de teamleider, ook één keer per episode', () => {
    const bekend = '2026-11-23';
    const grens = addWerkdagen(bekend, beleid.verzuimEscalatieWerkdagen);
    const aanhoudend = [...hoog, week('2026-W49', 10, 4), week('2026-W50', 10, 4)];
    expect(verzuim(aanhoudend, addDays(grens, -1), beleid).map((e) => e.niveau)).toEqual([1]);
    const op = verzuim(aanhoudend, grens, beleid);
    expect(op.map((e) => [e.niveau, e.ontvanger, e.actie, e.sleutel, e.peildatum])).toEqual([
      [1, 'casemanager', 'taak', 'ronde:verzuim:1:2026-W47', bekend],
      [2, 'teamleider', 'escalatie', 'ronde:verzuim:2:2026-W47', grens],
    ]);
  });

  it('het beleid van de gemeente: een hogere grens of een korter venster', () => {
    expect(verzuim(hoog, vandaag, escalatieBeleidVoor({ verzuimGrensProcent: 40 }))).toEqual([]);
    const kort = escalatieBeleidVoor({ verzuimWeken: 1 });
    expect(verzuim([week('2026-W47', 10, 0), week('2026-W48', 10, 5)], vandaag, kort)[0].sleutel).toBe(
      'ronde:verzuim:1:2026-W48',
    );
  });

  it('zonder meldingen, of alleen meldingen van lang geleden: niets', () => {
    expect(verzuim(undefined, vandaag, beleid)).toEqual([]);
    expect(verzuim([], vandaag, beleid)).toEqual([]);
    expect(verzuim([week('2025-W10', 10, 10)], vandaag, beleid)).toEqual([]);
  });

  it('in de ladder: een traject met aanwezigheid krijgt de verzuimtrede naast de andere', () => {
    const t: TrajectPeilgegevens = {
      trajectId: '00000000-0000-4000-8000-000000000001',
      gemeente: 'GM0518',
      fase: 'in_leerroute',
      afgesloten: false,
      kennisgevingsdatum: '2026-01-05',
      pipKlokStart: '2026-01-05',
      pipUiterlijk: '2026-03-16',
      pipVastgesteldOp: '2026-02-20',
      termijnEinde: '2029-02-21',
      laatsteContact: '2026-11-20',
      ontzorgenEvaluatieOp: null,
      aanwezigheid: hoog,
    };
    expect(escalaties(t, [], vandaag, beleid).map((e) => e.soort)).toEqual(['verzuim']);
    expect(escalaties({ ...t, afgesloten: true }, [], vandaag, beleid)).toEqual([]);
  });

  it('eigenschap: de episode begint nooit na de laatste volle week, en is stabiel binnen een week', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (paren) => {
          const weken = paren.map(([gevolgd, weg], i) => ({
            week: addIsoWeken('2026-W30', i),
            lesuren: gevolgd,
            verzuimGeoorloofd: 0,
            verzuimOngeoorloofd: weg,
          }));
          const dag = maandagVan(addIsoWeken('2026-W30', paren.length));
          const a = verzuimEpisode(weken, dag, beleid);
          const b = verzuimEpisode(weken, addDays(dag, 6), beleid);
          if (a === null) return b === null;
          return a.begin <= addIsoWeken('2026-W30', paren.length - 1) && b?.begin === a.begin;
        },
      ),
    );
  });
});
