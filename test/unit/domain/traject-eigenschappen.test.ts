import fc from 'fast-check';
import { DomainError } from '../../../domain/shared/fouten';
import {
  addDays,
  addMonths,
  addYears,
  dagenInMaand,
  dagenTussen,
  isNa,
  isSchrikkeljaar,
  isVoor,
  type PlainDate,
} from '../../../domain/shared/kalender';
import {
  deadlines,
  decide,
  evolve,
  evolveAlle,
  initialState,
  type TrajectState,
} from '../../../domain/traject';
import { aanmelding, gegeven, intake, maak, type Opdracht, pip } from './gegeven';

const datumTussen = (van: number, tot: number) =>
  fc
    .record({
      j: fc.integer({ min: van, max: tot }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
    })
    .map(
      ({ j, m, d }) =>
        `${j}-${String(m).padStart(2, '0')}-${String(Math.min(d, dagenInMaand(j, m))).padStart(2, '0')}`,
    );

/** A "today" after every generated date. */
const VER = '2099-12-31';

/**
 * Oracle for calendar arithmetic, independent of domain/shared/kalender: JavaScript's UTC dates.
 * A month later is the same day number, clamped to the last day of a shorter month.
 */
const DAG_MS = 24 * 60 * 60 * 1000;
function orakelPlusDagen(datum: string, dagen: number): string {
  return new Date(Date.parse(`${datum}T00:00:00Z`) + dagen * DAG_MS).toISOString().slice(0, 10);
}
function orakelPlusMaanden(datum: string, maanden: number): string {
  const [j, m, d] = datum.split('-').map(Number);
  const laatsteDag = new Date(Date.UTC(j, m - 1 + maanden + 1, 0)).getUTCDate();
  return new Date(Date.UTC(j, m - 1 + maanden, Math.min(d, laatsteDag))).toISOString().slice(0, 10);
}

/** A PIP dagtekening, with extra weight on 29 February and month ends. */
const dagtekening = fc.oneof(
  datumTussen(2022, 2040),
  fc.constantFrom(
    '2024-02-29',
    '2028-02-29',
    '2032-02-29',
    '2027-02-28',
    '2028-02-28',
    '2026-01-31',
    '2026-12-31',
  ),
);

function trajectMetPip(
  d: PlainDate,
  doelgroep: 'asielstatushouder' | 'gezinsmigrant' = 'asielstatushouder',
): TrajectState {
  const kennisgeving = addMonths(d, -3);
  return gegeven([
    [aanmelding({ kennisgevingsdatum: kennisgeving, doelgroep }), VER],
    [intake(addMonths(d, -1)), VER],
    [pip('b1', d), VER],
  ]);
}

describe('properties of the termijn (T2)', () => {
  it('starts the day after the dagtekening and ends on the same calendar date three years later (clamped)', () => {
    fc.assert(
      fc.property(dagtekening, (d) => {
        const s = trajectMetPip(d);
        const [j, m, dag] = d.split('-').map(Number);
        const verwacht =
          m === 2 && dag === 29 && !isSchrikkeljaar(j + 3) ? `${j + 3}-02-28` : `${j + 3}${d.slice(4)}`;
        return s.termijnStart === addDays(d, 1) && s.termijnEinde === verwacht;
      }),
    );
  });

  it('lasts 1095 or 1096 days (at most one leap day in three years)', () => {
    fc.assert(
      fc.property(dagtekening, (d) => {
        const s = trajectMetPip(d);
        const lengte = dagenTussen(s.termijnStart as string, s.termijnEinde as string) + 1;
        return lengte >= 1095 && lengte <= 1096;
      }),
    );
  });

  it('a new PIP version never moves the termijn', () => {
    fc.assert(
      fc.property(dagtekening, fc.integer({ min: 1, max: 900 }), (d, na) => {
        const s = trajectMetPip(d);
        const wijziging = maak({
          type: 'wijzigPip',
          dagtekening: addDays(d, na),
          reden: 'schakelen',
          leerroute: 'z',
        });
        const t = decide(s, wijziging, VER).reduce(evolve, s);
        return t.termijnStart === s.termijnStart && t.termijnEinde === s.termijnEinde;
      }),
    );
  });
});

describe('properties of verlenging stacking (T3)', () => {
  it('every verlenging strictly moves the end later; the end equals the composed extensions', () => {
    const stap = fc.oneof(
      fc.integer({ min: 1, max: 24 }).map((maanden) => ({ maanden })),
      fc.integer({ min: 1, max: 52 }).map((weken) => ({ weken })),
    );
    fc.assert(
      fc.property(dagtekening, fc.array(stap, { minLength: 1, maxLength: 6 }), (d, stappen) => {
        let s = trajectMetPip(d);
        let verwacht = s.termijnEinde as string;
        for (const st of stappen) {
          const vorige = s.termijnEinde as string;
          s = gegeven(
            [[{ type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: addDays(d, 10), ...st }, VER]],
            s,
          );
          verwacht =
            'maanden' in st
              ? orakelPlusMaanden(verwacht, st.maanden)
              : orakelPlusDagen(verwacht, st.weken * 7);
          if (!isNa(s.termijnEinde as string, vorige)) return false;
        }
        const overschreden = deadlines(s).find((x) => x.soort === 'termijn-overschreden');
        return (
          s.termijnEinde === verwacht &&
          s.verlengingen.length === stappen.length &&
          overschreden?.datum === orakelPlusDagen(verwacht, 1)
        );
      }),
    );
  });

  it('stacked verlengingen, worked out by hand: month ends clamp and stay clamped', () => {
    // PIP 2026-01-30: termijn ends 2029-01-30.
    let s = trajectMetPip('2026-01-30');
    expect(s.termijnEinde).toBe('2029-01-30');
    const verleng = (extra: { maanden: number } | { weken: number }) => {
      s = gegeven(
        [[{ type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2026-06-01', ...extra }, VER]],
        s,
      );
      return s.termijnEinde;
    };
    expect(verleng({ maanden: 1 })).toBe('2029-02-28');
    expect(verleng({ maanden: 1 })).toBe('2029-03-28');
    expect(verleng({ weken: 6 })).toBe('2029-05-09');
    expect(verleng({ maanden: 12 })).toBe('2030-05-09');
    expect(deadlines(s).find((x) => x.soort === 'termijn-overschreden')?.datum).toBe('2030-05-10');
    // From 29 February: one month is 29 March, twelve months clamp to 28 February.
    s = trajectMetPip('2024-02-29');
    expect(s.termijnEinde).toBe('2027-02-28');
    expect(verleng({ maanden: 12 })).toBe('2028-02-28');
    expect(verleng({ weken: 1 })).toBe('2028-03-06');
  });

  it('a verlenging to a date not after the current end is always rejected and changes nothing', () => {
    fc.assert(
      fc.property(dagtekening, fc.integer({ min: 0, max: 2000 }), (d, terug) => {
        const s = trajectMetPip(d);
        const voor = JSON.stringify(s);
        const nieuw = addDays(s.termijnEinde as string, -terug);
        try {
          decide(
            s,
            maak({ type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: d, nieuweEinddatum: nieuw }),
            VER,
          );
          return false;
        } catch (e) {
          return (e as DomainError).code === 'VERLENGING_NIET_LATER' && JSON.stringify(s) === voor;
        }
      }),
    );
  });
});

describe('properties of deadlines', () => {
  /**
   * A random walk through commands. A step is one command, or a pair that belongs together (an
   * ontzorgen evaluation needs ontzorgen running), weighted so that most steps are valid where the
   * walk is: a rejected one is counted, checked to change nothing, and skipped.
   */
  const enkel = (a: fc.Arbitrary<Opdracht>): fc.Arbitrary<Opdracht[]> => a.map((o) => [o]);
  const stap: fc.Arbitrary<Opdracht[]> = fc.oneof(
    {
      weight: 3,
      arbitrary: enkel(
        fc
          .integer({ min: 0, max: 1200 })
          .map((n): Opdracht => ({ type: 'registreerVoortgangsgesprek', datum: addDays('2026-03-02', n) })),
      ),
    },
    {
      weight: 2,
      arbitrary: enkel(
        fc.integer({ min: 1, max: 24 }).map(
          (maanden): Opdracht => ({
            type: 'registreerVerlenging',
            grond: 'ziekte',
            besluitdatum: '2027-01-01',
            maanden,
          }),
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: enkel(
        fc
          .integer({ min: 1, max: 300 })
          .map((uren): Opdracht => ({ type: 'registreerUren', soort: 'taal', uren, datum: '2027-01-01' })),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom('verlengen', 'afbouwen').map((besluit): Opdracht[] => [
        { type: 'startOntzorgen', startdatum: '2026-02-01' },
        {
          type: 'evalueerOntzorgen',
          datum: '2026-07-01',
          toetsResultaat: besluit === 'verlengen' ? 'niet_zelfredzaam' : 'zelfredzaam',
          besluit,
        } as Opdracht,
      ]),
    },
    { weight: 1, arbitrary: enkel(fc.constant<Opdracht>({ type: 'startAanbod', datum: '2026-04-01' })) },
    {
      weight: 2,
      arbitrary: enkel(
        fc.integer({ min: 0, max: 5000 }).map(
          (n): Opdracht => ({
            type: 'registreerKind',
            kindId: `kind-${n}`,
            geboortedatum: addDays('2008-01-01', n),
          }),
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: enkel(
        fc
          .integer({ min: 1, max: 400 })
          .map(
            (n): Opdracht => ({ type: 'wijzigPip', dagtekening: addDays('2026-03-02', n), reden: 'overig' }),
          ),
      ),
    },
    {
      weight: 1,
      arbitrary: enkel(
        fc
          .constantFrom('GM0363', 'GM0344', 'GM0599', 'GM0014')
          .map(
            (naarGemeente): Opdracht => ({ type: 'registreerVerhuizing', datum: '2026-09-01', naarGemeente }),
          ),
      ),
    },
    {
      weight: 2,
      arbitrary: enkel(
        fc.constantFrom('lezen', 'luisteren', 'schrijven', 'spreken', 'knm').map(
          (component): Opdracht =>
            ({
              type: 'registreerExamenresultaat',
              component,
              niveau: 'B1',
              behaald: true,
              datum: '2027-01-01',
            }) as Opdracht,
        ),
      ),
    },
    { weight: 3, arbitrary: enkel(fc.constant<Opdracht>({ type: '__klok__' } as never)) },
  );
  const wandeling = (maxStappen: number): fc.Arbitrary<Opdracht[]> =>
    fc.array(stap, { maxLength: maxStappen, size: 'medium' }).map((stappen) => stappen.flat());

  interface Wandeling {
    state: TrajectState;
    toegepast: number;
    afgewezen: number;
  }

  function loopMetTelling(opdrachten: Opdracht[]): Wandeling {
    let s = gegeven([aanmelding(), intake(), pip('b1')]);
    let toegepast = 0;
    let afgewezen = 0;
    for (const o of opdrachten) {
      const command =
        o.type === ('__klok__' as string)
          ? (() => {
              const d = deadlines(s)[0];
              return d ? maak({ type: 'deadlineBereikt', deadlineId: d.id, datum: d.datum }) : null;
            })()
          : maak(o);
      if (!command) {
        afgewezen += 1;
        continue;
      }
      const vandaag = command.type === 'deadlineBereikt' ? command.datum : '2035-01-01';
      const voor = JSON.stringify(s);
      try {
        s = decide(s, command, vandaag).reduce(evolve, s);
        toegepast += 1;
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        expect(JSON.stringify(s)).toBe(voor);
        afgewezen += 1;
      }
    }
    return { state: s, toegepast, afgewezen };
  }

  const loop = (opdrachten: Opdracht[]): TrajectState => loopMetTelling(opdrachten).state;

  it('the walk really walks: most steps are applied, not rejected and skipped', () => {
    const aandeel = (w: Wandeling) => w.toegepast / Math.max(1, w.toegepast + w.afgewezen);
    // Printed for whoever changes the generator: the share of applied steps per walk.
    fc.statistics(
      wandeling(25),
      (opdrachten) => {
        const w = loopMetTelling(opdrachten);
        if (w.toegepast + w.afgewezen === 0) return 'lege wandeling';
        const p = aandeel(w);
        return p === 1
          ? 'alle stappen toegepast'
          : p >= 0.8
            ? '80–99% toegepast'
            : p >= 0.5
              ? '50–79% toegepast'
              : '< 50% toegepast';
      },
      { numRuns: 500, seed: 20261201, logger: (regel) => console.log(`wandeling: ${regel}`) },
    );
    const wandelingen = fc.sample(wandeling(25), { numRuns: 500, seed: 20261201 }).map(loopMetTelling);
    const toegepast = wandelingen.reduce((n, w) => n + w.toegepast, 0);
    const afgewezen = wandelingen.reduce((n, w) => n + w.afgewezen, 0);
    console.log(
      `wandeling: ${toegepast} stappen toegepast, ${afgewezen} afgewezen (${((100 * toegepast) / (toegepast + afgewezen)).toFixed(1)}% toegepast) in ${wandelingen.length} wandelingen`,
    );
    expect(toegepast / (toegepast + afgewezen)).toBeGreaterThan(0.9);
    const niet = wandelingen.filter((w) => w.toegepast + w.afgewezen > 0 && aandeel(w) < 0.5);
    expect(niet.length / wandelingen.length).toBeLessThan(0.02);
    // And the walks go somewhere: many reach deep states (several verlengingen, ontzorgen, voldaan).
    expect(wandelingen.filter((w) => w.state.verlengingen.length >= 2).length).toBeGreaterThan(50);
    expect(wandelingen.filter((w) => w.state.ontzorgen !== null).length).toBeGreaterThan(100);
  });

  it('are always sorted by date (then time), with unique ids', () => {
    fc.assert(
      fc.property(wandeling(25), (opdrachten) => {
        const lijst = deadlines(loop(opdrachten));
        const gesorteerd = lijst.every(
          (d, i) =>
            i === 0 ||
            isVoor(lijst[i - 1].datum, d.datum) ||
            (lijst[i - 1].datum === d.datum && lijst[i - 1].tijd <= d.tijd),
        );
        return gesorteerd && new Set(lijst.map((d) => d.id)).size === lijst.length;
      }),
    );
  });

  it('the state is plain JSON: a JSON round trip (continue-as-new) changes nothing', () => {
    fc.assert(
      fc.property(wandeling(20), (opdrachten) => {
        const s = loop(opdrachten);
        const kopie = JSON.parse(JSON.stringify(s)) as TrajectState;
        expect(kopie).toEqual(s);
        expect(deadlines(kopie)).toEqual(deadlines(s));
      }),
    );
  });

  it('firing every due deadline in order always terminates and leaves none overdue', () => {
    fc.assert(
      fc.property(wandeling(10), (opdrachten) => {
        let s = loop(opdrachten);
        const tot = '2032-01-01';
        for (let i = 0; i < 500; i++) {
          const d = deadlines(s)[0];
          if (!d || isNa(d.datum, tot) || s.afgesloten) break;
          const events = decide(
            s,
            maak({ type: 'deadlineBereikt', deadlineId: d.id, datum: d.datum }),
            d.datum,
          );
          expect(events.length).toBeGreaterThan(0);
          s = events.reduce(evolve, s);
        }
        const open = deadlines(s)[0];
        return s.afgesloten || !open || isNa(open.datum, tot);
      }),
    );
  });

  it('a rejected command never changes the state', () => {
    fc.assert(
      fc.property(wandeling(10), (opdrachten) => {
        const s = loop(opdrachten);
        const voor = JSON.stringify(s);
        for (const fout of [
          { type: 'stelPipVast', dagtekening: '2026-05-01', leerroute: 'b1' },
          { type: 'legBoeteOp', bedrag: 801, reden: 'overig', datum: '2026-05-01' },
          { type: 'registreerIntake', datum: '2026-05-01' },
        ] as Opdracht[]) {
          expect(() => decide(s, maak(fout), '2035-01-01')).toThrow(DomainError);
        }
        return JSON.stringify(s) === voor;
      }),
    );
  });
});

describe('evolve is total', () => {
  it('evolveAlle applies events in order, like reduce', () => {
    const s0 = initialState('t');
    const events = decide(s0, maak(aanmelding()), '2035-01-01');
    expect(evolveAlle(s0, events)).toEqual(events.reduce(evolve, s0));
  });

  it('an unknown event type (from a newer version) leaves the state unchanged', () => {
    const s = initialState('t');
    const na = evolve(s, { type: 'ietsNieuws', commandId: 'x', door: null } as never);
    expect({ ...na, verwerkteCommandIds: [] }).toEqual(s);
  });

  it('an ontzorgen evaluation without ontzorgen (replayed out of order) is ignored', () => {
    const s = gegeven([aanmelding()]);
    const na = evolve(s, {
      type: 'ontzorgenGeevalueerd',
      commandId: 'x',
      door: null,
      datum: '2026-07-01',
      toetsResultaat: 'zelfredzaam',
      besluit: 'afbouwen',
      einddatum: '2026-08-01',
    });
    expect(na.ontzorgen).toBeNull();
  });

  it('applying the same signal twice records the handled deadline once', () => {
    const s = gegeven([aanmelding()]);
    const [e] = decide(
      s,
      maak({ type: 'deadlineBereikt', deadlineId: 'pip', datum: '2026-03-16' }),
      '2026-03-16',
    );
    const twee = evolve(evolve(s, e), e);
    expect(twee.afgehandeldeDeadlines).toEqual(['pip@2026-03-16']);
    expect(twee.verwerkteCommandIds.filter((c) => c === e.commandId)).toHaveLength(1);
  });
});

describe('leap-day PIP end-to-end', () => {
  it('PIP dated 29 February 2028: warnings and overschreden dates', () => {
    const s = trajectMetPip('2028-02-29');
    const w = deadlines(s).filter((d) => d.soort.startsWith('termijn'));
    expect(w.map((d) => [d.id, d.datum])).toEqual([
      ['termijn-waarschuwing:12', '2030-02-28'],
      ['termijn-waarschuwing:6', '2030-08-28'],
      ['termijn-waarschuwing:3', '2030-11-28'],
      ['termijn-waarschuwing:1', '2031-01-28'],
      ['termijn-overschreden', '2031-03-01'],
    ]);
    expect(addYears('2028-02-29', 3)).toBe(s.termijnEinde);
  });
});
