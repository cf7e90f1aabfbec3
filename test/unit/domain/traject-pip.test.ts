import { deadlines, pipUiterlijk } from '../../../domain/traject';
import { aanmelding, b1Traject, gegeven, intake, pip, typen, verwachtFout, wanneer } from './gegeven';

const deadline = (s: Parameters<typeof deadlines>[0], id: string) => deadlines(s).find((d) => d.id === id);

describe('T1: PIP within 10 weeks after the kennisgeving or the later BRP registration', () => {
  it('without BRP date: 10 weeks after the kennisgeving', () => {
    const s = gegeven([aanmelding({ kennisgevingsdatum: '2026-01-05' })]);
    expect(pipUiterlijk(s)).toBe('2026-03-16');
    expect(deadline(s, 'pip')).toMatchObject({
      soort: 'pip',
      datum: '2026-03-16',
      actie: 'taak',
      regel: 'T1',
    });
    expect(deadline(s, 'pip-overschreden')).toMatchObject({ datum: '2026-03-17', actie: 'escalatie' });
  });

  it('with a later BRP registration: 10 weeks after the BRP date', () => {
    const s = gegeven([aanmelding({ kennisgevingsdatum: '2026-01-05', brpDatum: '2026-02-02' })]);
    expect(pipUiterlijk(s)).toBe('2026-04-13');
  });

  it('an earlier BRP registration does not shorten the term', () => {
    const s = gegeven([aanmelding({ kennisgevingsdatum: '2026-01-05', brpDatum: '2025-12-01' })]);
    expect(pipUiterlijk(s)).toBe('2026-03-16');
  });

  it('a BRP date registered later recomputes the deadline', () => {
    const s = gegeven([aanmelding(), { type: 'registreerBrp', datum: '2026-03-02' }]);
    expect(deadline(s, 'pip')?.datum).toBe('2026-05-11');
  });

  it('while waiting on third parties the PIP deadline is suspended', () => {
    const s = gegeven([aanmelding(), intake(), { type: 'wachtOpDerden', datum: '2026-02-10' }]);
    expect(s.derdenWachtSinds).toBe('2026-02-10');
    expect(pipUiterlijk(s)).toBeNull();
    expect(deadline(s, 'pip')).toBeUndefined();
  });

  it('after receipt the term runs until 2 weeks after receipt', () => {
    const s = gegeven([
      aanmelding(),
      { type: 'wachtOpDerden', datum: '2026-02-10' },
      { type: 'derdenInformatieOntvangen', datum: '2026-04-01' },
    ]);
    expect(s.derdenWachtSinds).toBeNull();
    expect(deadline(s, 'pip')?.datum).toBe('2026-04-15');
  });

  it('early receipt never shortens the regular term', () => {
    const s = gegeven([
      aanmelding(),
      { type: 'wachtOpDerden', datum: '2026-01-10' },
      { type: 'derdenInformatieOntvangen', datum: '2026-01-20' },
    ]);
    expect(deadline(s, 'pip')?.datum).toBe('2026-03-16');
  });

  it('waiting twice, receipt without waiting, receipt before the wait are rejected', () => {
    const wachtend = gegeven([aanmelding(), { type: 'wachtOpDerden', datum: '2026-02-10' }]);
    verwachtFout(wachtend, { type: 'wachtOpDerden', datum: '2026-02-11' }, 'WACHT_AL_OP_DERDEN');
    verwachtFout(wachtend, { type: 'derdenInformatieOntvangen', datum: '2026-02-01' }, 'WAARDE_ONGELDIG');
    verwachtFout(
      gegeven([aanmelding()]),
      { type: 'derdenInformatieOntvangen', datum: '2026-02-01' },
      'WACHT_NIET_OP_DERDEN',
    );
  });

  it('waiting on third parties after the PIP makes no sense', () => {
    const s = b1Traject();
    verwachtFout(s, { type: 'wachtOpDerden', datum: '2026-04-01' }, 'PIP_AL_VASTGESTELD');
    verwachtFout(s, { type: 'derdenInformatieOntvangen', datum: '2026-04-01' }, 'PIP_AL_VASTGESTELD');
  });

  it('adopting the PIP removes both PIP deadlines', () => {
    const s = b1Traject();
    expect(deadline(s, 'pip')).toBeUndefined();
    expect(deadline(s, 'pip-overschreden')).toBeUndefined();
  });

  it('when the PIP deadline day arrives: a task for the casemanager', () => {
    const s = gegeven([aanmelding()]);
    const { events, state } = wanneer(
      s,
      { type: 'deadlineBereikt', deadlineId: 'pip', datum: '2026-03-16' },
      '2026-03-16',
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'signaalGegeven',
        soort: 'pip',
        actie: 'taak',
        deadlineId: 'pip',
        regel: 'T1',
      }),
    ]);
    expect(deadline(state, 'pip')).toBeUndefined();
    expect(deadline(state, 'pip-overschreden')).toBeDefined();
  });

  it('the next day without PIP: escalation', () => {
    const s = gegeven([aanmelding()]);
    const { events } = wanneer(
      s,
      { type: 'deadlineBereikt', deadlineId: 'pip-overschreden', datum: '2026-03-17' },
      '2026-03-17',
    );
    expect(events[0]).toMatchObject({ soort: 'pip-overschreden', actie: 'escalatie' });
  });

  it('a PIP-day timer arriving after the escalation day lapses: only the escalation is signalled', () => {
    const { events } = wanneer(
      gegeven([aanmelding()]),
      { type: 'deadlineBereikt', deadlineId: 'pip', datum: '2026-03-16' },
      '2026-03-20',
    );
    expect(typen(events)).toEqual(['deadlineVervallen']);
  });

  it('a PIP deadline that moved after firing becomes pending again', () => {
    const s = gegeven([
      aanmelding(),
      [{ type: 'deadlineBereikt', deadlineId: 'pip', datum: '2026-03-16' }, '2026-03-16'],
      { type: 'registreerBrp', datum: '2026-03-02' },
    ]);
    expect(deadline(s, 'pip')?.datum).toBe('2026-05-11');
  });
});

describe('stelPipVast', () => {
  it('PIP before the brede intake is rejected', () => {
    const fout = verwachtFout(gegeven([aanmelding()]), pip(), 'PIP_VOOR_INTAKE');
    expect(fout.detail).toBe('Het PIP kan niet worden vastgesteld vóór de brede intake (PIP before intake)');
    expect(fout.categorie).toBe('conflict');
  });

  it('a PIP dated before the intake or the kennisgeving is rejected', () => {
    const s = gegeven([aanmelding({ kennisgevingsdatum: '2026-01-05' }), intake('2026-02-02')]);
    verwachtFout(s, pip('b1', '2026-02-01'), 'PIP_VOOR_INTAKEDATUM');
    const vroegeIntake = gegeven([aanmelding({ kennisgevingsdatum: '2026-01-05' }), intake('2025-12-01')]);
    verwachtFout(vroegeIntake, pip('b1', '2026-01-04'), 'DATUM_VOOR_KENNISGEVING');
  });

  it('a PIP dated in the future is rejected', () => {
    verwachtFout(
      gegeven([aanmelding(), intake()]),
      pip('b1', '2026-03-02'),
      'DATUM_IN_TOEKOMST',
      '2026-03-01',
    );
  });

  it('an unknown route is rejected', () => {
    verwachtFout(
      gegeven([aanmelding(), intake()]),
      { type: 'stelPipVast', dagtekening: '2026-03-02', leerroute: 'x' as never },
      'WAARDE_ONGELDIG',
    );
  });

  it('adopts version 1 with route, B1 targets and the policy cadence', () => {
    const { state, events } = wanneer(gegeven([aanmelding(), intake()]), pip('b1', '2026-03-02'));
    expect(typen(events)).toEqual(['pipVastgesteld']);
    expect(state.fase).toBe('pip_vastgesteld');
    expect(state.leerroute).toBe('b1');
    expect(state.pipVersies).toEqual([
      { versie: 1, dagtekening: '2026-03-02', reden: 'eerste', leerroute: 'b1' },
    ]);
    expect(state.taaldoelen).toEqual({ lezen: 'B1', luisteren: 'B1', schrijven: 'B1', spreken: 'B1' });
    expect(state.cadans).toEqual({ eersteJaarMaanden: 3, daarnaMaanden: 6 });
  });

  it('the PIP may agree another voortgangsgesprek cadence', () => {
    const { state } = wanneer(gegeven([aanmelding(), intake()]), {
      ...pip('b1'),
      voortgangsgesprekCadans: { eersteJaarMaanden: 2, daarnaMaanden: 4 },
    } as never);
    expect(state.cadans).toEqual({ eersteJaarMaanden: 2, daarnaMaanden: 4 });
    verwachtFout(
      gegeven([aanmelding(), intake()]),
      { ...pip('b1'), voortgangsgesprekCadans: { eersteJaarMaanden: 0, daarnaMaanden: 4 } } as never,
      'WAARDE_ONGELDIG',
    );
    verwachtFout(
      gegeven([aanmelding(), intake()]),
      { ...pip('b1'), voortgangsgesprekCadans: 3 } as never,
      'WAARDE_ONGELDIG',
    );
  });

  it('onderwijsroute: target B1 by default or B2; Z-route has no language target', () => {
    expect(gegeven([aanmelding(), intake(), pip('onderwijs')]).taaldoelen?.lezen).toBe('B1');
    expect(
      gegeven([aanmelding(), intake(), { ...pip('onderwijs'), taalniveau: 'B2' } as never]).taaldoelen
        ?.spreken,
    ).toBe('B2');
    expect(gegeven([aanmelding(), intake(), pip('z')]).taaldoelen).toBeNull();
    verwachtFout(
      gegeven([aanmelding(), intake()]),
      { ...pip('onderwijs'), taalniveau: 'C1' } as never,
      'WAARDE_ONGELDIG',
    );
  });

  it('onderwijsroute only below the policy age limit (28 by default) on the dagtekening', () => {
    const jong = gegeven([aanmelding({ geboortedatum: '1998-03-03' }), intake()]);
    expect(wanneer(jong, pip('onderwijs', '2026-03-02')).state.leerroute).toBe('onderwijs');
    const oud = gegeven([aanmelding({ geboortedatum: '1998-03-02' }), intake()]);
    verwachtFout(oud, pip('onderwijs', '2026-03-02'), 'ONDERWIJSROUTE_LEEFTIJD');
    const ruim = gegeven([
      aanmelding({ geboortedatum: '1998-03-02', beleid: { onderwijsrouteMaxLeeftijd: 30 } }),
      intake(),
    ]);
    expect(wanneer(ruim, pip('onderwijs', '2026-03-02')).state.leerroute).toBe('onderwijs');
  });

  it('a second stelPipVast is a conflict (use wijzigPip)', () => {
    verwachtFout(b1Traject(), pip(), 'PIP_AL_VASTGESTELD');
  });

  it('adopting the PIP while waiting on third parties ends the wait', () => {
    const s = gegeven([aanmelding(), intake(), { type: 'wachtOpDerden', datum: '2026-02-10' }, pip()]);
    expect(s.derdenWachtSinds).toBeNull();
  });
});

describe('T2: the inburgeringstermijn', () => {
  it('starts the day after the dagtekening and lasts three years', () => {
    const s = b1Traject();
    expect(s.termijnStart).toBe('2026-03-03');
    expect(s.termijnEinde).toBe('2029-03-02');
    expect(deadline(s, 'termijn-overschreden')).toMatchObject({
      datum: '2029-03-03',
      tijd: '00:00',
      actie: 'escalatie',
    });
  });

  it('PIP dated 29 February: termijn ends 28 February three years later', () => {
    const s = gegeven([
      aanmelding({ kennisgevingsdatum: '2027-12-20' }),
      intake('2028-01-10'),
      pip('b1', '2028-02-29'),
    ]);
    expect(s.termijnStart).toBe('2028-03-01');
    expect(s.termijnEinde).toBe('2031-02-28');
  });

  it('is never restarted by a new PIP version', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip('b1'),
      { type: 'wijzigPip', dagtekening: '2027-01-10', reden: 'schakelen', leerroute: 'z' },
    ]);
    expect(s.termijnStart).toBe('2026-03-03');
    expect(s.termijnEinde).toBe('2029-03-02');
  });
});

describe('wijzigPip: schakelen, afschalen, other changes', () => {
  it('wijzigPip before any PIP is rejected', () => {
    verwachtFout(
      gegeven([aanmelding(), intake()]),
      { type: 'wijzigPip', dagtekening: '2026-04-01', reden: 'overig' },
      'PIP_NIET_VASTGESTELD',
    );
  });

  it('schakelen makes a new version with the new route', () => {
    const { state, events } = wanneer(b1Traject(), {
      type: 'wijzigPip',
      dagtekening: '2026-09-01',
      reden: 'schakelen',
      leerroute: 'z',
    });
    expect(events[0]).toMatchObject({ type: 'pipGewijzigd', versie: 2, reden: 'schakelen', leerroute: 'z' });
    expect(state.leerroute).toBe('z');
    expect(state.taaldoelen).toBeNull();
    expect(state.pipVersies.map((v) => v.versie)).toEqual([1, 2]);
  });

  it('schakelen to the same route, or without a route, is rejected', () => {
    verwachtFout(
      b1Traject(),
      { type: 'wijzigPip', dagtekening: '2026-09-01', reden: 'schakelen', leerroute: 'b1' },
      'SCHAKELEN_ZELFDE_ROUTE',
    );
    verwachtFout(
      b1Traject(),
      { type: 'wijzigPip', dagtekening: '2026-09-01', reden: 'schakelen' },
      'VELD_ONTBREEKT',
    );
  });

  it('schakelen to the onderwijsroute respects the age limit', () => {
    const s = b1Traject({ geboortedatum: '1990-01-01' });
    verwachtFout(
      s,
      { type: 'wijzigPip', dagtekening: '2026-09-01', reden: 'schakelen', leerroute: 'onderwijs' },
      'ONDERWIJSROUTE_LEEFTIJD',
    );
  });

  it('a version dated before the previous one is rejected', () => {
    verwachtFout(
      b1Traject(),
      { type: 'wijzigPip', dagtekening: '2026-03-01', reden: 'overig' },
      'PIP_DATUM_VOOR_VORIGE_VERSIE',
    );
  });

  it('an unknown reason is rejected; other changes cannot switch the route', () => {
    verwachtFout(
      b1Traject(),
      { type: 'wijzigPip', dagtekening: '2026-09-01', reden: 'zomaar' as never },
      'WAARDE_ONGELDIG',
    );
    verwachtFout(
      b1Traject(),
      { type: 'wijzigPip', dagtekening: '2026-09-01', reden: 'overig', leerroute: 'z' },
      'WAARDE_ONGELDIG',
    );
  });

  it('an other change keeps the route and may change the cadence or onderwijs target', () => {
    const s = wanneer(b1Traject(), {
      type: 'wijzigPip',
      dagtekening: '2026-09-01',
      reden: 'overig',
      leerroute: 'b1',
      voortgangsgesprekCadans: { eersteJaarMaanden: 1, daarnaMaanden: 2 },
    }).state;
    expect(s.leerroute).toBe('b1');
    expect(s.cadans).toEqual({ eersteJaarMaanden: 1, daarnaMaanden: 2 });
    const o = gegeven([
      aanmelding(),
      intake(),
      pip('onderwijs'),
      { type: 'wijzigPip', dagtekening: '2026-09-01', reden: 'overig', taalniveau: 'B2' },
    ]);
    expect(o.taaldoelen?.lezen).toBe('B2');
  });

  it('afschalen needs the B1-route', () => {
    const z = gegeven([aanmelding(), intake(), pip('z')]);
    verwachtFout(
      z,
      { type: 'wijzigPip', dagtekening: '2026-09-01', reden: 'afschalen' },
      'AFSCHALEN_ALLEEN_B1',
    );
  });

  it('afschalen needs at least 600 lesuren', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip('b1'),
      { type: 'registreerUren', soort: 'taal', uren: 599, datum: '2026-09-01' },
    ]);
    verwachtFout(
      s,
      { type: 'wijzigPip', dagtekening: '2026-09-02', reden: 'afschalen' },
      'AFSCHALEN_TE_WEINIG_UREN',
    );
  });

  it('afschalen lowers all (or the given) language components to A2', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip('b1'),
      { type: 'registreerUren', soort: 'taal', uren: 600, datum: '2026-09-01' },
    ]);
    const alles = wanneer(s, { type: 'wijzigPip', dagtekening: '2026-09-02', reden: 'afschalen' }).state;
    expect(alles.taaldoelen).toEqual({ lezen: 'A2', luisteren: 'A2', schrijven: 'A2', spreken: 'A2' });
    const deels = wanneer(s, {
      type: 'wijzigPip',
      dagtekening: '2026-09-02',
      reden: 'afschalen',
      afschalenComponenten: ['spreken'],
    }).state;
    expect(deels.taaldoelen).toEqual({ lezen: 'B1', luisteren: 'B1', schrijven: 'B1', spreken: 'A2' });
    verwachtFout(
      s,
      { type: 'wijzigPip', dagtekening: '2026-09-02', reden: 'afschalen', afschalenComponenten: [] },
      'VELD_ONTBREEKT',
    );
    verwachtFout(
      s,
      {
        type: 'wijzigPip',
        dagtekening: '2026-09-02',
        reden: 'afschalen',
        afschalenComponenten: ['knm'] as never,
      },
      'WAARDE_ONGELDIG',
    );
  });
});

describe('T8: bezwaartermijn of 6 weeks after each PIP version', () => {
  it('is signalled the day after the last day of each version', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip('b1', '2026-03-02'),
      { type: 'wijzigPip', dagtekening: '2026-09-01', reden: 'overig' },
    ]);
    expect(deadline(s, 'bezwaartermijn:1')).toMatchObject({
      datum: '2026-04-14',
      regel: 'T8',
      actie: 'taak',
    });
    expect(deadline(s, 'bezwaartermijn:2')).toMatchObject({ datum: '2026-10-14' });
  });

  it('once signalled, it is no longer pending', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip('b1', '2026-03-02'),
      [{ type: 'deadlineBereikt', deadlineId: 'bezwaartermijn:1', datum: '2026-04-14' }, '2026-04-14'],
    ]);
    expect(deadline(s, 'bezwaartermijn:1')).toBeUndefined();
  });
});

describe('T4: the offer must start within 3 months of the PIP (6 for the onderwijsroute) for asielstatushouders', () => {
  it('B1-route: signalled the day after 3 months', () => {
    expect(deadline(b1Traject(), 'aanbod-start')).toMatchObject({
      datum: '2026-06-03',
      actie: 'waarschuwing',
      regel: 'T4',
    });
  });

  it('onderwijsroute: 6 months', () => {
    expect(deadline(gegeven([aanmelding(), intake(), pip('onderwijs')]), 'aanbod-start')?.datum).toBe(
      '2026-09-03',
    );
  });

  it('not for gezinsmigranten', () => {
    expect(deadline(b1Traject({ doelgroep: 'gezinsmigrant' }), 'aanbod-start')).toBeUndefined();
  });

  it('starting the offer removes the signal and moves the fase to in_leerroute', () => {
    const { state, events } = wanneer(b1Traject(), { type: 'startAanbod', datum: '2026-04-01' });
    expect(typen(events)).toEqual(['aanbodGestart']);
    expect(state.fase).toBe('in_leerroute');
    expect(deadline(state, 'aanbod-start')).toBeUndefined();
  });

  it('starting the offer before the PIP, or twice, is rejected', () => {
    verwachtFout(
      gegeven([aanmelding(), intake()]),
      { type: 'startAanbod', datum: '2026-04-01' },
      'PIP_NIET_VASTGESTELD',
    );
    const s = gegeven([aanmelding(), intake(), pip(), { type: 'startAanbod', datum: '2026-04-01' }]);
    verwachtFout(s, { type: 'startAanbod', datum: '2026-04-02' }, 'AANBOD_AL_GESTART');
  });

  it('when it fires: a warning (it is also a verlenging ground)', () => {
    const { events } = wanneer(
      b1Traject(),
      { type: 'deadlineBereikt', deadlineId: 'aanbod-start', datum: '2026-06-03' },
      '2026-06-03',
    );
    expect(events[0]).toMatchObject({ type: 'signaalGegeven', soort: 'aanbod-start', actie: 'waarschuwing' });
  });
});
