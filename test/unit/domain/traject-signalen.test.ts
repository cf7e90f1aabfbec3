import {
  deadlines,
  type TrajectState,
  volgendeDeadline,
  volgendVoortgangsgesprek,
} from '../../../domain/traject';
import { aanmelding, b1Traject, gegeven, intake, pip, typen, verwachtFout, wanneer } from './gegeven';

const deadline = (s: TrajectState, id: string) => deadlines(s).find((d) => d.id === id);
const vanSoort = (s: TrajectState, soort: string) => deadlines(s).filter((d) => d.soort === soort);
const fire = (s: TrajectState, id: string, vandaag?: string) => {
  const d = deadline(s, id);
  if (!d) throw new Error(`geen deadline ${id}`);
  return wanneer(s, { type: 'deadlineBereikt', deadlineId: id, datum: d.datum }, vandaag ?? d.datum);
};

describe('the clock command', () => {
  it('an unknown or already handled deadline yields nothing', () => {
    const s = b1Traject();
    expect(
      wanneer(s, { type: 'deadlineBereikt', deadlineId: 'bestaat-niet', datum: '2026-04-14' }).events,
    ).toEqual([]);
    const na = fire(s, 'bezwaartermijn:1').state;
    expect(
      wanneer(na, { type: 'deadlineBereikt', deadlineId: 'bezwaartermijn:1', datum: '2026-04-14' }).events,
    ).toEqual([]);
  });

  it('a timer for a deadline made moot by a message yields nothing (PIP adopted before the PIP timer)', () => {
    expect(
      wanneer(b1Traject(), { type: 'deadlineBereikt', deadlineId: 'pip', datum: '2026-03-16' }, '2026-03-16')
        .events,
    ).toEqual([]);
  });

  it('a timer that fires before its day yields nothing', () => {
    expect(
      wanneer(
        b1Traject(),
        { type: 'deadlineBereikt', deadlineId: 'bezwaartermijn:1', datum: '2026-04-14' },
        '2026-04-13',
      ).events,
    ).toEqual([]);
  });

  it('rejects a clock command without deadlineId or with a bad date', () => {
    verwachtFout(
      b1Traject(),
      { type: 'deadlineBereikt', deadlineId: '', datum: '2026-04-14' },
      'VELD_ONTBREEKT',
    );
    verwachtFout(
      b1Traject(),
      { type: 'deadlineBereikt', deadlineId: 'pip', datum: '14-04-2026' },
      'DATUM_ONGELDIG',
    );
  });

  it('volgendeDeadline is the earliest pending one', () => {
    expect(volgendeDeadline(b1Traject())?.id).toBe('bezwaartermijn:1');
    expect(
      volgendeDeadline(gegeven([{ type: 'beeindig', datum: '2026-04-01', reden: 'overig' }], b1Traject())),
    ).toBeNull();
  });

  it('every deadline carries its kind, action, rule, time and a Dutch description', () => {
    for (const d of deadlines(b1Traject())) {
      expect(d.omschrijving.length).toBeGreaterThan(5);
      expect(['taak', 'waarschuwing', 'escalatie']).toContain(d.actie);
      expect(d.tijd).toMatch(/^\d\d:\d\d$/);
    }
  });

  it('people-facing timers fire at the policy time', () => {
    const s = b1Traject({ beleid: { meldtijd: '08:30' } });
    expect(deadline(s, 'bezwaartermijn:1')?.tijd).toBe('08:30');
    expect(deadline(s, 'termijn-overschreden')?.tijd).toBe('00:00');
  });
});

describe('T5: ontzorgen review', () => {
  const metOntzorgen = () => gegeven([aanmelding(), { type: 'startOntzorgen', startdatum: '2026-02-01' }]);

  it('ontzorgen runs 6 months; the review is due 4 weeks (policy) before the end', () => {
    const s = metOntzorgen();
    expect(s.ontzorgen).toEqual({
      startdatum: '2026-02-01',
      einddatum: '2026-08-01',
      status: 'actief',
      verlengingen: 0,
    });
    expect(deadline(s, 'ontzorgen-evaluatie')).toMatchObject({
      datum: '2026-07-04',
      actie: 'taak',
      regel: 'T5',
    });
  });

  it('the review moment follows the policy', () => {
    const s = gegeven([
      aanmelding({ beleid: { ontzorgenEvaluatieWekenVooraf: 0 } }),
      { type: 'startOntzorgen', startdatum: '2026-02-01' },
    ]);
    expect(deadline(s, 'ontzorgen-evaluatie')?.datum).toBe('2026-08-01');
  });

  it('only for asielstatushouders, and not twice at once', () => {
    verwachtFout(
      gegeven([aanmelding({ doelgroep: 'gezinsmigrant' })]),
      { type: 'startOntzorgen', startdatum: '2026-02-01' },
      'ONTZORGEN_ALLEEN_ASIELSTATUSHOUDER',
    );
    verwachtFout(metOntzorgen(), { type: 'startOntzorgen', startdatum: '2026-03-01' }, 'ONTZORGEN_AL_ACTIEF');
  });

  it('verlengen by half a year (repeatable) moves the review', () => {
    const s = gegeven(
      [
        {
          type: 'evalueerOntzorgen',
          datum: '2026-07-10',
          toetsResultaat: 'niet_zelfredzaam',
          besluit: 'verlengen',
        },
        {
          type: 'evalueerOntzorgen',
          datum: '2027-01-10',
          toetsResultaat: 'niet_zelfredzaam',
          besluit: 'verlengen',
          maanden: 3,
        },
      ],
      metOntzorgen(),
    );
    expect(s.ontzorgen).toMatchObject({ einddatum: '2027-05-01', status: 'actief', verlengingen: 2 });
    expect(deadline(s, 'ontzorgen-evaluatie')?.datum).toBe('2027-04-03');
  });

  it('afbouwen ends ontzorgen: no more review', () => {
    const { state } = wanneer(metOntzorgen(), {
      type: 'evalueerOntzorgen',
      datum: '2026-07-10',
      toetsResultaat: 'zelfredzaam',
      besluit: 'afbouwen',
    });
    expect(state.ontzorgen?.status).toBe('afgebouwd');
    expect(deadline(state, 'ontzorgen-evaluatie')).toBeUndefined();
    verwachtFout(
      state,
      { type: 'evalueerOntzorgen', datum: '2026-07-11', toetsResultaat: 'zelfredzaam', besluit: 'afbouwen' },
      'ONTZORGEN_NIET_ACTIEF',
    );
    expect(wanneer(state, { type: 'startOntzorgen', startdatum: '2026-09-01' }).state.ontzorgen?.status).toBe(
      'actief',
    );
  });

  it('rejects an extension longer than half a year or malformed', () => {
    const s = metOntzorgen();
    const basis = {
      type: 'evalueerOntzorgen',
      datum: '2026-07-10',
      toetsResultaat: 'niet_zelfredzaam',
      besluit: 'verlengen',
    } as const;
    verwachtFout(s, { ...basis, maanden: 7 }, 'ONTZORGEN_VERLENGING_ONGELDIG');
    verwachtFout(s, { ...basis, maanden: 0 }, 'ONTZORGEN_VERLENGING_ONGELDIG');
    verwachtFout(s, { ...basis, toetsResultaat: 'rijk' as never }, 'WAARDE_ONGELDIG');
    verwachtFout(s, { ...basis, besluit: 'negeren' as never }, 'WAARDE_ONGELDIG');
  });

  it('when the review is due: a task', () => {
    expect(fire(metOntzorgen(), 'ontzorgen-evaluatie').events[0]).toMatchObject({
      soort: 'ontzorgen-evaluatie',
      actie: 'taak',
    });
  });
});

describe('T6: voortgangsgesprek cadence', () => {
  it('first one 3 months after the PIP', () => {
    expect(volgendVoortgangsgesprek(b1Traject())).toBe('2026-06-02');
    expect(vanSoort(b1Traject(), 'voortgangsgesprek').map((d) => d.id)).toEqual([
      'voortgangsgesprek:2026-06-02',
    ]);
  });

  it('a gesprek schedules the next one 3 months later in the first year', () => {
    const s = gegeven(
      [
        {
          type: 'registreerVoortgangsgesprek',
          datum: '2026-05-20',
          samenvatting: 'goed bezig',
          afspraken: ['taalcafé'],
        },
      ],
      b1Traject(),
    );
    expect(s.voortgangsgesprekken).toEqual(['2026-05-20']);
    expect(volgendVoortgangsgesprek(s)).toBe('2026-08-20');
  });

  it('after the first year every 6 months', () => {
    const s = gegeven([{ type: 'registreerVoortgangsgesprek', datum: '2027-03-10' }], b1Traject());
    expect(volgendVoortgangsgesprek(s)).toBe('2027-09-10');
  });

  it('a missed gesprek: after the reminder the next one in the cadence follows', () => {
    const na = fire(b1Traject(), 'voortgangsgesprek:2026-06-02').state;
    expect(volgendVoortgangsgesprek(na)).toBe('2026-09-02');
  });

  it('with a PIP registered late, only the most recent missed reminder produces a task', () => {
    const s = b1Traject();
    const { events, state } = wanneer(
      s,
      { type: 'deadlineBereikt', deadlineId: 'voortgangsgesprek:2026-06-02', datum: '2026-06-02' },
      '2026-10-01',
    );
    expect(typen(events)).toEqual(['deadlineVervallen']);
    const volgende = fire(state, 'voortgangsgesprek:2026-09-02', '2026-10-01');
    expect(volgende.events[0]).toMatchObject({ type: 'signaalGegeven', soort: 'voortgangsgesprek' });
  });

  it('the gemeente policy sets the cadence', () => {
    const s = b1Traject({
      beleid: { voortgangsgesprekMaandenEersteJaar: 2, voortgangsgesprekMaandenDaarna: 4 },
    });
    expect(volgendVoortgangsgesprek(s)).toBe('2026-05-02');
  });

  it('a gesprek before the PIP, or dated before it, is rejected', () => {
    verwachtFout(
      gegeven([aanmelding(), intake()]),
      { type: 'registreerVoortgangsgesprek', datum: '2026-02-20' },
      'VOORTGANGSGESPREK_VOOR_PIP',
    );
    verwachtFout(
      b1Traject(),
      { type: 'registreerVoortgangsgesprek', datum: '2026-03-01' },
      'VOORTGANGSGESPREK_VOOR_PIP',
    );
    verwachtFout(
      b1Traject(),
      { type: 'registreerVoortgangsgesprek', datum: '2026-04-01', samenvatting: 5 as never },
      'WAARDE_ONGELDIG',
    );
  });
});

describe('T9: a household child turns 18', () => {
  it('signalled 6 months before the 18th birthday', () => {
    const s = gegeven([
      aanmelding(),
      { type: 'registreerKind', kindId: 'kind-1', geboortedatum: '2010-09-15' },
    ]);
    expect(deadline(s, 'achttiende-verjaardag:kind-1')).toMatchObject({
      datum: '2028-03-15',
      actie: 'taak',
      regel: 'T9',
    });
  });

  it('a child born on 29 February: the birthday is taken as 28 February in a common year', () => {
    const s = gegeven([aanmelding({ kinderen: [{ kindId: 'k', geboortedatum: '2012-02-29' }] })]);
    expect(deadline(s, 'achttiende-verjaardag:k')?.datum).toBe('2029-08-28');
  });

  it('the same child twice, or a BSN as id, is rejected', () => {
    const s = gegeven([
      aanmelding(),
      { type: 'registreerKind', kindId: 'kind-1', geboortedatum: '2010-09-15' },
    ]);
    verwachtFout(
      s,
      { type: 'registreerKind', kindId: 'kind-1', geboortedatum: '2010-09-15' },
      'KIND_AL_GEREGISTREERD',
    );
    verwachtFout(
      s,
      { type: 'registreerKind', kindId: '111222333', geboortedatum: '2010-09-15' },
      'ID_ONGELDIG',
    );
  });

  it('fires once as a task', () => {
    const s = gegeven([
      aanmelding(),
      { type: 'registreerKind', kindId: 'kind-1', geboortedatum: '2010-09-15' },
    ]);
    const { events, state } = fire(s, 'achttiende-verjaardag:kind-1');
    expect(events[0]).toMatchObject({ soort: 'achttiende-verjaardag', actie: 'taak' });
    expect(deadline(state, 'achttiende-verjaardag:kind-1')).toBeUndefined();
  });
});

describe('T10: afschalen possible at 600 lesuren in the B1-route', () => {
  it('crossing 600 language hours gives a task once', () => {
    const s = gegeven(
      [{ type: 'registreerUren', soort: 'taal', uren: 590, datum: '2027-01-01' }],
      b1Traject(),
    );
    const { events, state } = wanneer(s, {
      type: 'registreerUren',
      soort: 'taal',
      uren: 10,
      datum: '2027-02-01',
    });
    expect(typen(events)).toEqual(['urenGeregistreerd', 'signaalGegeven']);
    expect(events[1]).toMatchObject({
      soort: 'afschalen-mogelijk',
      actie: 'taak',
      regel: 'T10',
      deadlineId: null,
      datum: '2027-02-01',
    });
    expect(
      typen(wanneer(state, { type: 'registreerUren', soort: 'taal', uren: 10, datum: '2027-03-01' }).events),
    ).toEqual(['urenGeregistreerd']);
  });

  it('participation hours do not count; other routes get no signal', () => {
    expect(
      typen(
        wanneer(b1Traject(), {
          type: 'registreerUren',
          soort: 'participatie',
          uren: 700,
          datum: '2027-01-01',
        }).events,
      ),
    ).toEqual(['urenGeregistreerd']);
    const z = gegeven([aanmelding(), intake(), pip('z')]);
    expect(
      typen(wanneer(z, { type: 'registreerUren', soort: 'taal', uren: 700, datum: '2027-01-01' }).events),
    ).toEqual(['urenGeregistreerd']);
  });

  it('hours from before the PIP count once the B1-route is chosen', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      { type: 'registreerUren', soort: 'taal', uren: 620, datum: '2026-02-20' },
    ]);
    const { events } = wanneer(s, pip('b1'));
    expect(typen(events)).toEqual(['pipVastgesteld', 'signaalGegeven']);
  });
});

describe('T11: no contact for 4 months', () => {
  it('counts from the last contact (intake, PIP, gesprek)', () => {
    expect(deadline(gegeven([aanmelding(), intake('2026-02-02')]), 'geen-contact')).toMatchObject({
      datum: '2026-06-02',
      actie: 'waarschuwing',
      regel: 'T11',
    });
    const s = gegeven([{ type: 'registreerVoortgangsgesprek', datum: '2026-05-01' }], b1Traject());
    expect(deadline(s, 'geen-contact')?.datum).toBe('2026-09-01');
  });

  it('no contact timer before the first contact', () => {
    expect(deadline(gegeven([aanmelding()]), 'geen-contact')).toBeUndefined();
  });

  it('fires once; new contact re-arms it', () => {
    const s = gegeven([aanmelding(), intake('2026-02-02')]);
    const na = fire(s, 'geen-contact').state;
    expect(deadline(na, 'geen-contact')).toBeUndefined();
    const weer = gegeven([pip('b1', '2026-07-01')], na);
    expect(deadline(weer, 'geen-contact')?.datum).toBe('2026-11-01');
  });

  it('a Z-route eindgesprek and an ontzorgen review count as contact', () => {
    const z = gegeven([
      aanmelding(),
      intake(),
      pip('z'),
      { type: 'registreerOnderdeel', onderdeel: 'eindgesprek', datum: '2026-05-05' },
    ]);
    expect(z.laatsteContact).toBe('2026-05-05');
    const o = gegeven([
      aanmelding(),
      intake('2026-02-02'),
      { type: 'startOntzorgen', startdatum: '2026-02-01' },
      { type: 'evalueerOntzorgen', datum: '2026-07-01', toetsResultaat: 'zelfredzaam', besluit: 'afbouwen' },
    ]);
    expect(o.laatsteContact).toBe('2026-07-01');
  });

  it('the period follows the policy', () => {
    expect(
      deadline(
        gegeven([aanmelding({ beleid: { geenContactMaanden: 2 } }), intake('2026-02-02')]),
        'geen-contact',
      )?.datum,
    ).toBe('2026-04-02');
  });
});

describe('verhuizing to another gemeente', () => {
  it('the traject stays open with the new gemeente and its policy; history is kept; PIP must be amended', () => {
    const s = gegeven([{ type: 'wijsCasemanagerToe', casemanager: 'cm-1' }], b1Traject());
    const { events, state } = wanneer(s, {
      type: 'registreerVerhuizing',
      datum: '2026-10-01',
      naarGemeente: 'GM0363',
      beleid: { geenContactMaanden: 3 },
    });
    expect(typen(events)).toEqual(['verhuisd', 'signaalGegeven']);
    expect(events[1]).toMatchObject({ soort: 'pip-aanpassen', actie: 'taak', deadlineId: null });
    expect(state.gemeente).toBe('GM0363');
    expect(state.beleid?.geenContactMaanden).toBe(3);
    expect(state.casemanager).toBeNull();
    expect(state.verhuizingen).toEqual([{ datum: '2026-10-01', van: 'GM0518', naar: 'GM0363' }]);
    expect(state.pipAanpassenNodig).toBe(true);
    expect(state.afgesloten).toBe(false);
    expect(state.termijnEinde).toBe('2029-03-02');
    expect(state.pipVersies).toHaveLength(1);
    const na = wanneer(state, { type: 'wijzigPip', dagtekening: '2026-11-01', reden: 'verhuizing' }).state;
    expect(na.pipAanpassenNodig).toBe(false);
    expect(na.pipVersies).toHaveLength(2);
  });

  it('a move before the PIP: no amendment task, the PIP deadline runs on', () => {
    const { events, state } = wanneer(gegeven([aanmelding()]), {
      type: 'registreerVerhuizing',
      datum: '2026-02-01',
      naarGemeente: 'GM0363',
    });
    expect(typen(events)).toEqual(['verhuisd']);
    expect(deadline(state, 'pip')?.datum).toBe('2026-03-16');
  });

  it('a move to the same gemeente or an invalid code is rejected', () => {
    verwachtFout(
      b1Traject(),
      { type: 'registreerVerhuizing', datum: '2026-10-01', naarGemeente: 'GM0518' },
      'VERHUIZING_ZELFDE_GEMEENTE',
    );
    verwachtFout(
      b1Traject(),
      { type: 'registreerVerhuizing', datum: '2026-10-01', naarGemeente: 'Utrecht' },
      'GEMEENTE_ONGELDIG',
    );
  });
});
