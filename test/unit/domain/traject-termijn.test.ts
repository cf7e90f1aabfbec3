import { deadlines, type TrajectState, termijnWaarschuwingen } from '../../../domain/traject';
import { aanmelding, b1Traject, gegeven, intake, pip, typen, verwachtFout, wanneer } from './gegeven';

const deadline = (s: TrajectState, id: string) => deadlines(s).find((d) => d.id === id);
const fire = (s: TrajectState, id: string, vandaag?: string) => {
  const d = deadline(s, id);
  if (!d) throw new Error(`geen deadline ${id}`);
  return wanneer(s, { type: 'deadlineBereikt', deadlineId: id, datum: d.datum }, vandaag ?? d.datum);
};

describe('T3: verlenging by DUO', () => {
  it('moves the end date to the given date', () => {
    const { state, events } = wanneer(b1Traject(), {
      type: 'registreerVerlenging',
      grond: 'ziekte',
      besluitdatum: '2028-09-01',
      nieuweEinddatum: '2029-09-02',
    });
    expect(typen(events)).toEqual(['termijnVerlengd']);
    expect(state.termijnEinde).toBe('2029-09-02');
    expect(state.verlengingen).toEqual([
      {
        grond: 'ziekte',
        besluitdatum: '2028-09-01',
        oudeEinddatum: '2029-03-02',
        nieuweEinddatum: '2029-09-02',
      },
    ]);
    expect(deadline(state, 'termijn-overschreden')?.datum).toBe('2029-09-03');
  });

  it('accepts a duration in months or weeks (childbirth: 16 weeks)', () => {
    const m = wanneer(b1Traject(), {
      type: 'registreerVerlenging',
      grond: 'overige_omstandigheden',
      besluitdatum: '2028-09-01',
      maanden: 6,
    });
    expect(m.state.termijnEinde).toBe('2029-09-02');
    const w = wanneer(b1Traject(), {
      type: 'registreerVerlenging',
      grond: 'bevalling',
      besluitdatum: '2028-09-01',
      weken: 16,
    });
    expect(w.state.termijnEinde).toBe('2029-06-22');
  });

  it('stacks: each verlenging extends the current (already extended) end', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip(),
      { type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2028-09-01', maanden: 6 },
      { type: 'registreerVerlenging', grond: 'bevalling', besluitdatum: '2029-05-01', weken: 16 },
    ]);
    expect(s.termijnEinde).toBe('2029-12-23');
    expect(s.verlengingen.map((v) => v.oudeEinddatum)).toEqual(['2029-03-02', '2029-09-02']);
  });

  it('a new end date on or before the current end is rejected', () => {
    const s = b1Traject();
    const fout = verwachtFout(
      s,
      {
        type: 'registreerVerlenging',
        grond: 'ziekte',
        besluitdatum: '2028-09-01',
        nieuweEinddatum: '2029-03-01',
      },
      'VERLENGING_NIET_LATER',
    );
    expect(fout.categorie).toBe('regel');
    verwachtFout(
      s,
      {
        type: 'registreerVerlenging',
        grond: 'ziekte',
        besluitdatum: '2028-09-01',
        nieuweEinddatum: '2029-03-02',
      },
      'VERLENGING_NIET_LATER',
    );
  });

  it('needs exactly one of date, months or weeks, and valid numbers', () => {
    const s = b1Traject();
    verwachtFout(
      s,
      { type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2028-09-01' },
      'WAARDE_ONGELDIG',
    );
    verwachtFout(
      s,
      { type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2028-09-01', maanden: 6, weken: 2 },
      'WAARDE_ONGELDIG',
    );
    verwachtFout(
      s,
      { type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2028-09-01', maanden: 0 },
      'WAARDE_ONGELDIG',
    );
    verwachtFout(
      s,
      { type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2028-09-01', weken: 1.5 },
      'WAARDE_ONGELDIG',
    );
    verwachtFout(
      s,
      {
        type: 'registreerVerlenging',
        grond: 'ziekte',
        besluitdatum: '2028-09-01',
        nieuweEinddatum: '2029-02-30',
      },
      'DATUM_ONGELDIG',
    );
    verwachtFout(
      s,
      { type: 'registreerVerlenging', grond: 'heimwee' as never, besluitdatum: '2028-09-01', maanden: 1 },
      'WAARDE_ONGELDIG',
    );
  });

  it('the ground "offer not started in time" applies only to asielstatushouders', () => {
    const gm = b1Traject({ doelgroep: 'gezinsmigrant' });
    verwachtFout(
      gm,
      { type: 'registreerVerlenging', grond: 'aanbod_niet_tijdig', besluitdatum: '2026-07-01', maanden: 3 },
      'VERLENGINGSGROND_NIET_TOEGESTAAN',
    );
    expect(
      wanneer(b1Traject(), {
        type: 'registreerVerlenging',
        grond: 'aanbod_niet_tijdig',
        besluitdatum: '2026-07-01',
        maanden: 3,
      }).state.termijnEinde,
    ).toBe('2029-06-02');
  });

  it('no verlenging without a termijn (no PIP)', () => {
    verwachtFout(
      gegeven([aanmelding(), intake()]),
      { type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2026-07-01', maanden: 3 },
      'PIP_NIET_VASTGESTELD',
    );
  });
});

describe('T7: the termijn warning ladder', () => {
  it('warns at 12, 6, 3 and 1 months before the end', () => {
    const s = b1Traject();
    const w = deadlines(s).filter((d) => d.soort === 'termijn-waarschuwing');
    expect(w.map((d) => [d.id, d.datum, d.niveau])).toEqual([
      ['termijn-waarschuwing:12', '2028-03-02', 12],
      ['termijn-waarschuwing:6', '2028-09-02', 6],
      ['termijn-waarschuwing:3', '2028-12-02', 3],
      ['termijn-waarschuwing:1', '2029-02-02', 1],
    ]);
    expect(w[0]).toMatchObject({ actie: 'waarschuwing', regel: 'T7', tijd: '07:00' });
  });

  it('the ladder follows the policy of the gemeente', () => {
    const s = b1Traject({ beleid: { termijnWaarschuwingenMaanden: [2, 9] } });
    expect(termijnWaarschuwingen(s).map((w) => w.niveau)).toEqual([9, 2]);
  });

  it('a warning fires with its level and is then no longer pending', () => {
    const { events, state } = fire(b1Traject(), 'termijn-waarschuwing:6');
    expect(events).toEqual([
      expect.objectContaining({
        type: 'signaalGegeven',
        soort: 'termijn-waarschuwing',
        niveau: 6,
        actie: 'waarschuwing',
      }),
    ]);
    expect(deadline(state, 'termijn-waarschuwing:6')).toBeUndefined();
    expect(deadline(state, 'termijn-waarschuwing:3')).toBeDefined();
  });

  it('a stale warning overtaken by a more urgent one lapses without a signal', () => {
    const { events, state } = fire(b1Traject(), 'termijn-waarschuwing:12', '2028-12-05');
    expect(typen(events)).toEqual(['deadlineVervallen']);
    expect(deadline(state, 'termijn-waarschuwing:12')).toBeUndefined();
    expect(fire(state, 'termijn-waarschuwing:6', '2028-12-05').events[0].type).toBe('deadlineVervallen');
  });

  it('a warning arriving after the end has passed lapses', () => {
    expect(typen(fire(b1Traject(), 'termijn-waarschuwing:1', '2029-03-10').events)).toEqual([
      'deadlineVervallen',
    ]);
  });

  it('after a verlenging the ladder is recomputed and warnings fire again for the new end', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip(),
      [{ type: 'deadlineBereikt', deadlineId: 'termijn-waarschuwing:12', datum: '2028-03-02' }, '2028-03-02'],
      { type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2028-03-10', maanden: 12 },
    ]);
    expect(deadline(s, 'termijn-waarschuwing:12')?.datum).toBe('2029-03-02');
  });
});

describe('T7: termijn overschreden', () => {
  it('at the end without meeting the duty: escalation and a flag', () => {
    const { events, state } = fire(b1Traject(), 'termijn-overschreden');
    expect(events[0]).toMatchObject({
      soort: 'termijn-overschreden',
      actie: 'escalatie',
      datum: '2029-03-03',
    });
    expect(state.termijnOverschreden).toBe(true);
    expect(state.termijnOverschredenOp).toBe('2029-03-03');
    expect(state.afgesloten).toBe(false);
    expect(deadlines(state).some((d) => d.soort.startsWith('termijn'))).toBe(false);
  });

  it('the flag stays while the traject runs on (e.g. a voortgangsgesprek)', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip(),
      [{ type: 'deadlineBereikt', deadlineId: 'termijn-overschreden', datum: '2029-03-03' }, '2029-03-03'],
      { type: 'registreerVoortgangsgesprek', datum: '2029-04-01' },
    ]);
    expect(s.termijnOverschreden).toBe(true);
  });

  it('a verlenging into the future lifts the flag; the new end is watched again', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip(),
      [{ type: 'deadlineBereikt', deadlineId: 'termijn-overschreden', datum: '2029-03-03' }, '2029-03-03'],
      [
        { type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2029-03-20', maanden: 6 },
        '2029-03-20',
      ],
    ]);
    expect(s.termijnOverschreden).toBe(false);
    expect(deadline(s, 'termijn-overschreden')?.datum).toBe('2029-09-03');
  });

  it('a retroactive verlenging that still lies in the past keeps the flag', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip(),
      [{ type: 'deadlineBereikt', deadlineId: 'termijn-overschreden', datum: '2029-03-03' }, '2029-03-03'],
      [
        { type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2029-06-01', maanden: 1 },
        '2029-06-01',
      ],
    ]);
    expect(s.termijnOverschreden).toBe(true);
  });

  it('a timer for the old end date after a verlenging is stale and ignored', () => {
    const s = gegeven([
      aanmelding(),
      intake(),
      pip(),
      { type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2028-09-01', maanden: 6 },
    ]);
    expect(
      wanneer(
        s,
        { type: 'deadlineBereikt', deadlineId: 'termijn-overschreden', datum: '2029-03-03' },
        '2029-03-03',
      ).events,
    ).toEqual([]);
  });
});

describe('DUO: vooraankondiging and boete after overschrijding', () => {
  const overschreden = () =>
    gegeven([
      aanmelding(),
      intake(),
      pip(),
      [{ type: 'deadlineBereikt', deadlineId: 'termijn-overschreden', datum: '2029-03-03' }, '2029-03-03'],
    ]);

  it('records the vooraankondiging, then the DUO boete', () => {
    const s = gegeven(
      [
        { type: 'registreerVooraankondiging', datum: '2029-04-01' },
        { type: 'registreerDuoBoete', datum: '2029-06-01', bedrag: 500 },
      ],
      overschreden(),
    );
    expect(s.vooraankondigingOp).toBe('2029-04-01');
    expect(s.duoBoetes).toEqual([{ datum: '2029-06-01', bedrag: 500 }]);
    expect(s.afgesloten).toBe(false);
  });

  it('a vooraankondiging before the end is a conflict', () => {
    verwachtFout(
      b1Traject(),
      { type: 'registreerVooraankondiging', datum: '2028-04-01' },
      'TERMIJN_NIET_OVERSCHREDEN',
      '2028-04-01',
    );
    verwachtFout(
      gegeven([aanmelding()]),
      { type: 'registreerVooraankondiging', datum: '2026-04-01' },
      'TERMIJN_NIET_OVERSCHREDEN',
    );
  });

  it('a vooraankondiging after the end but before the timer fired escalates at once', () => {
    const { events, state } = wanneer(
      b1Traject(),
      { type: 'registreerVooraankondiging', datum: '2029-03-10' },
      '2029-03-10',
    );
    expect(typen(events)).toEqual(['signaalGegeven', 'vooraankondigingOntvangen']);
    expect(state.termijnOverschreden).toBe(true);
  });

  it('a DUO boete without vooraankondiging, or with a bad amount, is rejected', () => {
    verwachtFout(
      overschreden(),
      { type: 'registreerDuoBoete', datum: '2029-06-01', bedrag: 500 },
      'GEEN_VOORAANKONDIGING',
    );
    const s = gegeven([{ type: 'registreerVooraankondiging', datum: '2029-04-01' }], overschreden());
    verwachtFout(s, { type: 'registreerDuoBoete', datum: '2029-06-01', bedrag: 0 }, 'BOETE_ONGELDIG');
  });
});

describe('boete of the gemeente (max €800, never automatic)', () => {
  it('records a boete with reason', () => {
    const { state } = wanneer(gegeven([aanmelding()]), {
      type: 'legBoeteOp',
      bedrag: 250,
      reden: 'niet_verschenen_intake',
      datum: '2026-02-15',
    });
    expect(state.boetes).toEqual([{ bedrag: 250, reden: 'niet_verschenen_intake', datum: '2026-02-15' }]);
  });

  it('exactly €800 is allowed, above is rejected', () => {
    const s = gegeven([aanmelding()]);
    expect(
      wanneer(s, { type: 'legBoeteOp', bedrag: 800, reden: 'overig', datum: '2026-02-15' }).events,
    ).toHaveLength(1);
    const fout = verwachtFout(
      s,
      { type: 'legBoeteOp', bedrag: 800.01, reden: 'overig', datum: '2026-02-15' },
      'BOETE_TE_HOOG',
    );
    expect(fout.categorie).toBe('regel');
  });

  it('zero, negative, non-numeric amounts and unknown reasons are rejected', () => {
    const s = gegeven([aanmelding()]);
    verwachtFout(
      s,
      { type: 'legBoeteOp', bedrag: 0, reden: 'overig', datum: '2026-02-15' },
      'BOETE_ONGELDIG',
    );
    verwachtFout(
      s,
      { type: 'legBoeteOp', bedrag: -5, reden: 'overig', datum: '2026-02-15' },
      'BOETE_ONGELDIG',
    );
    verwachtFout(
      s,
      { type: 'legBoeteOp', bedrag: '100' as never, reden: 'overig', datum: '2026-02-15' },
      'BOETE_ONGELDIG',
    );
    verwachtFout(
      s,
      { type: 'legBoeteOp', bedrag: 100, reden: 'pech' as never, datum: '2026-02-15' },
      'WAARDE_ONGELDIG',
    );
  });
});
