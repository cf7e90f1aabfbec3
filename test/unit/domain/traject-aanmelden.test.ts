import { standaardBeleid } from '../../../domain/beleid';
import { DomainError } from '../../../domain/shared/fouten';
import { deadlines, decide, evolve, initialState, type TrajectCommand } from '../../../domain/traject';
import { aanmelding, gegeven, intake, LATER, maak, typen, verwachtFout, wanneer } from './gegeven';

describe('aanmelden', () => {
  it('a new traject is empty, not registered and has no deadlines', () => {
    const s = initialState('traject-1');
    expect(s.fase).toBe('nieuw');
    expect(s.gemeente).toBeNull();
    expect(s.afgesloten).toBe(false);
    expect(deadlines(s)).toEqual([]);
  });

  it('registers the gemeente, doelgroep, dates and snapshots the default policy', () => {
    const { events, state } = wanneer(
      initialState('traject-1'),
      aanmelding({ koppelingsdatum: '2025-12-01', brpDatum: '2026-01-20', huisvestingsdatum: '2026-01-20' }),
    );
    expect(typen(events)).toEqual(['aangemeld']);
    expect(state.fase).toBe('aangemeld');
    expect(state.trajectId).toBe('traject-1');
    expect(state.gemeente).toBe('GM0518');
    expect(state.doelgroep).toBe('asielstatushouder');
    expect(state.kennisgevingsdatum).toBe('2026-01-05');
    expect(state.koppelingsdatum).toBe('2025-12-01');
    expect(state.brpDatum).toBe('2026-01-20');
    expect(state.huisvestingsdatum).toBe('2026-01-20');
    expect(state.beleid).toEqual(standaardBeleid);
    expect(state.leerroute).toBeNull();
    expect(state.casemanager).toBeNull();
    expect(state.termijnEinde).toBeNull();
  });

  it("snapshots the gemeente's policy overrides", () => {
    const s = gegeven([aanmelding({ beleid: { geenContactMaanden: 2 } })]);
    expect(s.beleid?.geenContactMaanden).toBe(2);
    expect(s.beleid?.voortgangsgesprekMaandenEersteJaar).toBe(3);
  });

  it('any other command before aanmelden is rejected', () => {
    const s = initialState('traject-1');
    verwachtFout(s, intake(), 'NIET_AANGEMELD');
    verwachtFout(s, { type: 'deadlineBereikt', deadlineId: 'pip', datum: '2026-01-01' }, 'NIET_AANGEMELD');
  });

  it('registering twice is a conflict', () => {
    const s = gegeven([aanmelding()]);
    const fout = verwachtFout(s, aanmelding(), 'AL_AANGEMELD');
    expect(fout.categorie).toBe('conflict');
  });

  it.each([
    ['GM518', 'GEMEENTE_ONGELDIG'],
    ['gm0518', 'GEMEENTE_ONGELDIG'],
    ['Den Haag', 'GEMEENTE_ONGELDIG'],
  ] as const)('rejects gemeente code %s', (gemeente, code) => {
    const fout = verwachtFout(initialState('t'), aanmelding({ gemeente }), code);
    expect(fout.categorie).toBe('regel');
  });

  it('rejects an unknown doelgroep', () => {
    verwachtFout(initialState('t'), aanmelding({ doelgroep: 'toerist' as never }), 'WAARDE_ONGELDIG');
    verwachtFout(initialState('t'), aanmelding({ doelgroep: undefined as never }), 'VELD_ONTBREEKT');
  });

  it('rejects an impossible or future kennisgevingsdatum', () => {
    verwachtFout(initialState('t'), aanmelding({ kennisgevingsdatum: '2026-02-30' }), 'DATUM_ONGELDIG');
    verwachtFout(
      initialState('t'),
      aanmelding({ kennisgevingsdatum: '2026-03-01' }),
      'DATUM_IN_TOEKOMST',
      '2026-02-28',
    );
    verwachtFout(initialState('t'), aanmelding({ brpDatum: 'gisteren' }), 'DATUM_ONGELDIG');
  });

  it('rejects invalid policy overrides', () => {
    verwachtFout(initialState('t'), aanmelding({ beleid: { geenContactMaanden: 0 } }), 'BELEID_ONGELDIG');
    verwachtFout(initialState('t'), aanmelding({ beleid: { onbekend: 1 } as never }), 'BELEID_ONGELDIG');
  });

  it('registers household children and rejects duplicates or BSN-like ids', () => {
    const s = gegeven([aanmelding({ kinderen: [{ kindId: 'kind-a', geboortedatum: '2010-05-01' }] })]);
    expect(s.kinderen).toEqual([{ kindId: 'kind-a', geboortedatum: '2010-05-01' }]);
    verwachtFout(
      initialState('t'),
      aanmelding({
        kinderen: [
          { kindId: 'kind-a', geboortedatum: '2010-05-01' },
          { kindId: 'kind-a', geboortedatum: '2012-05-01' },
        ],
      }),
      'KIND_AL_GEREGISTREERD',
    );
    verwachtFout(
      initialState('t'),
      aanmelding({ kinderen: [{ kindId: '123456782', geboortedatum: '2010-05-01' }] }),
      'ID_ONGELDIG',
    );
    verwachtFout(initialState('t'), aanmelding({ kinderen: 'twee' as never }), 'WAARDE_ONGELDIG');
    verwachtFout(initialState('t'), aanmelding({ kinderen: [null as never] }), 'WAARDE_ONGELDIG');
  });

  it('rejects a missing commandId, a bad actor id and a malformed command', () => {
    const s = initialState('t');
    expect(() => decide(s, { ...maak(aanmelding()), commandId: '' }, LATER)).toThrow(DomainError);
    verwachtFout(s, { ...aanmelding(), door: '123456782' } as never, 'ID_ONGELDIG');
    expect(() => decide(s, null as unknown as TrajectCommand, LATER)).toThrow(DomainError);
    expect(() => decide(s, maak(aanmelding()), '2026-13-01')).toThrow(DomainError);
  });

  it('records the actor id on the event for the audit trail', () => {
    const { events } = wanneer(initialState('t'), { ...aanmelding(), door: 'medewerker-17' } as never);
    expect(events[0].door).toBe('medewerker-17');
  });

  it('an unknown command type is rejected', () => {
    const s = gegeven([aanmelding()]);
    verwachtFout(s, { type: 'vliegNaarDeMaan' } as never, 'WAARDE_ONGELDIG');
  });
});

describe('idempotency', () => {
  it('a repeated commandId yields no new events', () => {
    const s0 = initialState('t');
    const command = maak(aanmelding());
    const e1 = decide(s0, command, LATER);
    const s1 = e1.reduce(evolve, s0);
    expect(decide(s1, command, LATER)).toEqual([]);
    expect(s1.verwerkteCommandIds).toContain(command.commandId);
  });

  it('a repeated feed message (same commandId) is applied once, even after other commands', () => {
    let s = gegeven([aanmelding()]);
    const uren = maak({ type: 'registreerUren', soort: 'taal', uren: 40, datum: '2026-02-01' });
    s = decide(s, uren, LATER).reduce(evolve, s);
    s = gegeven([{ type: 'registreerBrp', datum: '2026-01-10' }], s);
    expect(decide(s, uren, LATER)).toEqual([]);
    expect(s.uren.taal).toBe(40);
  });
});

describe('BRP, huisvesting and casemanager', () => {
  it('records BRP and housing dates (a correction overwrites)', () => {
    const s = gegeven([
      aanmelding(),
      { type: 'registreerBrp', datum: '2026-01-10' },
      { type: 'registreerBrp', datum: '2026-01-12' },
      { type: 'registreerHuisvesting', datum: '2026-02-01' },
    ]);
    expect(s.brpDatum).toBe('2026-01-12');
    expect(s.huisvestingsdatum).toBe('2026-02-01');
  });

  it('assigns a casemanager by internal id; the same one again changes nothing', () => {
    const s = gegeven([aanmelding(), { type: 'wijsCasemanagerToe', casemanager: 'cm-1' }]);
    expect(s.casemanager).toBe('cm-1');
    expect(wanneer(s, { type: 'wijsCasemanagerToe', casemanager: 'cm-1' }).events).toEqual([]);
    expect(wanneer(s, { type: 'wijsCasemanagerToe', casemanager: 'cm-2' }).state.casemanager).toBe('cm-2');
  });

  it('rejects a casemanager id that looks like a BSN or is empty', () => {
    const s = gegeven([aanmelding()]);
    verwachtFout(s, { type: 'wijsCasemanagerToe', casemanager: '12345678' }, 'ID_ONGELDIG');
    verwachtFout(s, { type: 'wijsCasemanagerToe', casemanager: ' ' }, 'VELD_ONTBREEKT');
  });
});

describe('brede intake', () => {
  it('records the intake and moves to intake_afgerond', () => {
    const { state, events } = wanneer(gegeven([aanmelding()]), intake());
    expect(typen(events)).toEqual(['intakeGeregistreerd']);
    expect(state.fase).toBe('intake_afgerond');
    expect(state.intake).toEqual({
      datum: '2026-02-02',
      leerbaarheidstoetsScore: 42,
      geadviseerdeRoute: 'b1',
      belemmeringen: [],
      tolkNodig: true,
    });
    expect(state.laatsteContact).toBe('2026-02-02');
  });

  it('defaults: no score, no advice, no interpreter', () => {
    const { state } = wanneer(gegeven([aanmelding()]), { type: 'registreerIntake', datum: '2026-02-02' });
    expect(state.intake).toEqual({
      datum: '2026-02-02',
      leerbaarheidstoetsScore: null,
      geadviseerdeRoute: null,
      belemmeringen: [],
      tolkNodig: false,
    });
  });

  it('a second intake is a conflict', () => {
    verwachtFout(gegeven([aanmelding(), intake()]), intake(), 'INTAKE_AL_GEREGISTREERD');
  });

  it('rejects bad intake values', () => {
    const s = gegeven([aanmelding()]);
    verwachtFout(
      s,
      { type: 'registreerIntake', datum: '2026-02-02', leerbaarheidstoetsScore: -1 },
      'WAARDE_ONGELDIG',
    );
    verwachtFout(
      s,
      { type: 'registreerIntake', datum: '2026-02-02', geadviseerdeRoute: 'c1' as never },
      'WAARDE_ONGELDIG',
    );
    verwachtFout(
      s,
      { type: 'registreerIntake', datum: '2026-02-02', belemmeringen: [3] as never },
      'WAARDE_ONGELDIG',
    );
    verwachtFout(
      s,
      { type: 'registreerIntake', datum: '2026-02-02', tolkNodig: 'ja' as never },
      'WAARDE_ONGELDIG',
    );
    verwachtFout(s, intake('2026-02-02'), 'DATUM_IN_TOEKOMST', '2026-02-01');
  });
});
