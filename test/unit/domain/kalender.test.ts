import fc from 'fast-check';
import { DomainError } from '../../../domain/shared/fouten';
import {
  addDays,
  addMonths,
  addWeeks,
  addYears,
  dagenInMaand,
  dagenTussen,
  dagnummer,
  datumVanInstant,
  instantVanDatum,
  isGeldigeDatum,
  isGeldigeIsoWeek,
  isGeldigeTijd,
  isNa,
  isSchrikkeljaar,
  isVoor,
  laatste,
  leeftijdOp,
  vereisDatum,
  vergelijk,
  vroegste,
} from '../../../domain/shared/kalender';

const HOUR = 3_600_000;

/** Any valid date between 1900 and 2199. */
const datum = fc
  .record({
    jaar: fc.integer({ min: 1900, max: 2199 }),
    maand: fc.integer({ min: 1, max: 12 }),
    dag: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ jaar, maand, dag }) => {
    const d = Math.min(dag, dagenInMaand(jaar, maand));
    return `${jaar}-${String(maand).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  });

describe('kalender: validating dates', () => {
  it.each(['2025-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01'])('accepts %s', (d) => {
    expect(isGeldigeDatum(d)).toBe(true);
  });

  it.each([
    '2025-02-30',
    '2025-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-1',
    '',
    'x',
    '2026-01-01T00:00',
  ])('rejects %s', (d) => {
    expect(isGeldigeDatum(d)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isGeldigeDatum(20260101)).toBe(false);
    expect(isGeldigeDatum(null)).toBe(false);
  });

  it('vereisDatum throws DATUM_ONGELDIG naming the field, not the value', () => {
    expect(() => vereisDatum('2025-02-30', 'dagtekening')).toThrow(DomainError);
    try {
      vereisDatum('2025-02-30', 'dagtekening');
    } catch (e) {
      expect((e as DomainError).code).toBe('DATUM_ONGELDIG');
      expect((e as DomainError).detail).toContain('dagtekening');
      expect((e as DomainError).detail).not.toContain('2025-02-30');
    }
  });

  it('arithmetic on an invalid date throws', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(DomainError);
    expect(() => vergelijk('2025-01-01', 'nope')).toThrow(DomainError);
  });

  it('knows leap years and month lengths', () => {
    expect(isSchrikkeljaar(2024)).toBe(true);
    expect(isSchrikkeljaar(1900)).toBe(false);
    expect(isSchrikkeljaar(2000)).toBe(true);
    expect(dagenInMaand(2026, 4)).toBe(30);
    expect(dagenInMaand(2026, 1)).toBe(31);
    expect(dagenInMaand(2028, 2)).toBe(29);
  });

  it('validates wall-clock times', () => {
    expect(isGeldigeTijd('07:00')).toBe(true);
    expect(isGeldigeTijd('23:59')).toBe(true);
    expect(isGeldigeTijd('24:00')).toBe(false);
    expect(isGeldigeTijd('7:00')).toBe(false);
  });
});

describe('kalender: validating ISO weeks', () => {
  it.each(['2026-W01', '2026-W53', '2020-W53', '0001-W01', '9999-W52'])('accepts %s', (w) => {
    expect(isGeldigeIsoWeek(w)).toBe(true);
  });

  // 0000-W01 threw (a DATUM_ONGELDIG from inside the check), which the API answered with a 500
  // (schemathesis, api:contract); a week that does not exist is simply not valid.
  it.each(['0000-W01', '0000-W52', '2025-W53', '2026-W00', '2026-W54', '2026-W1', '', '2026W01'])(
    'rejects %s',
    (w) => {
      expect(isGeldigeIsoWeek(w)).toBe(false);
    },
  );
});

describe('kalender: arithmetic examples', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('adds weeks', () => {
    expect(addWeeks('2026-01-05', 10)).toBe('2026-03-16');
  });

  it('clamps month ends: 31 January + 1 month is the last day of February', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-10-15', 3)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });

  it('29 February + 3 years is 28 February; + 4 years is 29 February', () => {
    expect(addYears('2028-02-29', 3)).toBe('2031-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
  });

  it('compares and picks dates', () => {
    expect(vergelijk('2026-01-01', '2026-01-02')).toBe(-1);
    expect(vergelijk('2026-01-02', '2026-01-01')).toBe(1);
    expect(vergelijk('2026-01-01', '2026-01-01')).toBe(0);
    expect(isVoor('2026-01-01', '2026-01-02')).toBe(true);
    expect(isNa('2026-01-01', '2026-01-02')).toBe(false);
    expect(laatste('2026-01-01', '2027-01-01', '2025-05-05')).toBe('2027-01-01');
    expect(vroegste('2026-01-01', '2027-01-01', '2025-05-05')).toBe('2025-05-05');
    expect(dagenTussen('2026-01-01', '2027-01-01')).toBe(365);
    expect(dagnummer('1970-01-01')).toBe(0);
  });

  it('computes age; someone born on 29 February turns a year older on 28 February', () => {
    expect(leeftijdOp('2000-06-15', '2028-06-14')).toBe(27);
    expect(leeftijdOp('2000-06-15', '2028-06-15')).toBe(28);
    expect(leeftijdOp('2008-02-29', '2026-02-27')).toBe(17);
    expect(leeftijdOp('2008-02-29', '2026-02-28')).toBe(18);
  });
});

describe('kalender: properties', () => {
  it('addDays is invertible and consistent with dagenTussen', () => {
    fc.assert(
      fc.property(datum, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        const r = addDays(d, n);
        return isGeldigeDatum(r) && addDays(r, -n) === d && dagenTussen(d, r) === n;
      }),
    );
  });

  it('addDays(1) is strictly later and addDays composes', () => {
    fc.assert(
      fc.property(datum, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (d, a, b) => {
        return isNa(addDays(d, 1), d) && addDays(addDays(d, a), b) === addDays(d, a + b);
      }),
    );
  });

  it('addMonths yields a valid date in the right month, clamped to the month end', () => {
    fc.assert(
      fc.property(datum, fc.integer({ min: -480, max: 480 }), (d, n) => {
        const r = addMonths(d, n);
        const [j, m, dag] = d.split('-').map(Number);
        const [rj, rm, rdag] = r.split('-').map(Number);
        const totaal = j * 12 + (m - 1) + n;
        return (
          isGeldigeDatum(r) &&
          rj === Math.floor(totaal / 12) &&
          rm === (totaal % 12) + 1 &&
          rdag === Math.min(dag, dagenInMaand(rj, rm))
        );
      }),
    );
  });

  it('adding months is monotone: a later start never gives an earlier result', () => {
    fc.assert(
      fc.property(datum, datum, fc.integer({ min: 0, max: 120 }), (a, b, n) => {
        const [vroeg, laat] = isVoor(a, b) ? [a, b] : [b, a];
        return !isVoor(addMonths(laat, n), addMonths(vroeg, n));
      }),
    );
  });

  it('addYears keeps month and day except 29 February in a common year (then 28 February)', () => {
    fc.assert(
      fc.property(datum, fc.integer({ min: -100, max: 100 }), (d, n) => {
        const r = addYears(d, n);
        const [j, m, dag] = d.split('-').map(Number);
        const [rj, rm, rdag] = r.split('-').map(Number);
        const verwacht = m === 2 && dag === 29 && !isSchrikkeljaar(j + n) ? 28 : dag;
        return rj === j + n && rm === m && rdag === verwacht;
      }),
    );
  });

  it('string order equals date order', () => {
    fc.assert(
      fc.property(datum, datum, (a, b) => Math.sign(dagnummer(a) - dagnummer(b)) === vergelijk(a, b)),
    );
  });
});

describe('kalender: Europe/Amsterdam instants', () => {
  it('midnight in winter is 23:00 UTC the day before, in summer 22:00 UTC', () => {
    expect(instantVanDatum('2026-01-15')).toBe(Date.UTC(2026, 0, 14, 23));
    expect(instantVanDatum('2026-07-15')).toBe(Date.UTC(2026, 6, 14, 22));
    expect(instantVanDatum('2026-07-15', '07:00')).toBe(Date.UTC(2026, 6, 15, 5));
  });

  it('the spring-forward day is 23 hours long and the autumn day 25 hours', () => {
    expect(instantVanDatum('2026-03-30') - instantVanDatum('2026-03-29')).toBe(23 * HOUR);
    expect(instantVanDatum('2026-10-26') - instantVanDatum('2026-10-25')).toBe(25 * HOUR);
  });

  it('07:00 on a DST day is still 07:00 local', () => {
    expect(instantVanDatum('2026-03-29', '07:00')).toBe(Date.UTC(2026, 2, 29, 5));
    expect(instantVanDatum('2026-10-25', '07:00')).toBe(Date.UTC(2026, 9, 25, 6));
  });

  it('a time in the missing hour moves forward; the repeated hour resolves to winter time', () => {
    expect(instantVanDatum('2026-03-29', '02:30')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(instantVanDatum('2026-10-25', '02:30')).toBe(Date.UTC(2026, 9, 25, 1, 30));
  });

  it('rejects a bad time or instant', () => {
    expect(() => instantVanDatum('2026-01-01', '25:00')).toThrow(DomainError);
    expect(() => datumVanInstant(Number.NaN)).toThrow(DomainError);
  });

  it('datumVanInstant gives the Amsterdam date, not the UTC date', () => {
    expect(datumVanInstant(Date.UTC(2026, 6, 14, 22, 30))).toBe('2026-07-15');
    expect(datumVanInstant(Date.UTC(2026, 6, 14, 21, 59))).toBe('2026-07-14');
  });

  it('round trip: the instant of any date and time lies on that date', () => {
    const tijd = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 59))
      .filter(([u]) => u !== 2)
      .map(([u, m]) => `${String(u).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(fc.property(datum, tijd, (d, t) => datumVanInstant(instantVanDatum(d, t)) === d));
  });

  it('midnight to midnight is 23, 24 or 25 hours (1900–2199, whatever the rules of the year)', () => {
    fc.assert(
      fc.property(datum, (d) => {
        const lengte = instantVanDatum(addDays(d, 1)) - instantVanDatum(d);
        return [23 * HOUR, 24 * HOUR, 25 * HOUR].includes(lengte);
      }),
    );
  });

  /**
   * The oracle, without the code under test: since 1996 the Netherlands follow the EU rule, summer
   * time from the last Sunday of March to the last Sunday of October. Dates and weekdays from UTC
   * arithmetic only.
   */
  const DAG = 24 * HOUR;
  const laatsteZondag = (jaar: number, maand: number): number => {
    const laatste = new Date(Date.UTC(jaar, maand, 0));
    return laatste.getUTCDate() - laatste.getUTCDay();
  };
  const verwachteLengte = (d: string): number => {
    const [jaar, maand, dag] = d.split('-').map(Number);
    if (maand === 3 && dag === laatsteZondag(jaar, 3)) return 23 * HOUR;
    if (maand === 10 && dag === laatsteZondag(jaar, 10)) return 25 * HOUR;
    return 24 * HOUR;
  };
  const sinds1996 = fc
    .integer({ min: Date.UTC(1996, 0, 1) / DAG, max: Date.UTC(2199, 11, 30) / DAG })
    .map((n) => new Date(n * DAG).toISOString().slice(0, 10));
  const volgendeDag = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAG).toISOString().slice(0, 10);

  it('always exactly 24 hours outside the DST switch days; 23 on the last Sunday of March, 25 on the last Sunday of October (1996–2199)', () => {
    expect(verwachteLengte('2026-03-29')).toBe(23 * HOUR);
    expect(verwachteLengte('2026-10-25')).toBe(25 * HOUR);
    expect(verwachteLengte('2026-03-28')).toBe(24 * HOUR);
    fc.assert(
      fc.property(sinds1996, (d) => {
        expect(instantVanDatum(volgendeDag(d)) - instantVanDatum(d)).toBe(verwachteLengte(d));
      }),
      { numRuns: 2000 },
    );
    // Every switch day of the period, not only the ones the random dates hit.
    for (let jaar = 1996; jaar <= 2199; jaar += 1) {
      for (const maand of [3, 10]) {
        const d = `${jaar}-${String(maand).padStart(2, '0')}-${String(laatsteZondag(jaar, maand)).padStart(2, '0')}`;
        expect(instantVanDatum(volgendeDag(d)) - instantVanDatum(d)).toBe(
          maand === 3 ? 23 * HOUR : 25 * HOUR,
        );
      }
    }
  });

  it('the midnight instant is strictly increasing over days', () => {
    fc.assert(
      fc.property(
        datum,
        fc.integer({ min: 1, max: 400 }),
        (d, n) => instantVanDatum(addDays(d, n)) > instantVanDatum(d),
      ),
    );
  });
});
