import { DomainError } from '../../../domain/shared/fouten';
import {
  deadlines,
  decide,
  evolve,
  initialState,
  proefberekening,
  type TrajectCommand,
  toegestaneCommandos,
  uitleg,
} from '../../../domain/traject';
import { geldend, geldendeVersie, WET, type Wetsregel } from '../../../domain/wet';
import { aanmelding, b1Traject, gegeven, intake, LATER, maak, type Opdracht, pip } from './gegeven';

describe('legal basis of deadlines and decisions (grondslag)', () => {
  it('every pending deadline names the article and version from WET, or the policy setting', () => {
    const state = b1Traject();
    const { deadlines: lijst } = uitleg(state);
    expect(lijst.length).toBe(deadlines(state).length);
    for (const d of lijst) expect(d.grondslag.length).toBeGreaterThan(0);
    const termijn = lijst.find((d) => d.soort === 'termijn-overschreden');
    expect(termijn?.grondslag).toEqual([
      {
        soort: 'wet',
        regel: 'inburgeringstermijnJaren',
        bron: WET.inburgeringstermijnJaren.bron,
        geldigVanaf: '2022-01-01',
        peildatum: '2026-03-02',
        waarde: 3,
      },
    ]);
    const bezwaar = lijst.find((d) => d.id === 'bezwaartermijn:1');
    expect(bezwaar?.grondslag[0]).toMatchObject({
      regel: 'bezwaartermijnWeken',
      bron: WET.bezwaartermijnWeken.bron,
    });
    const gesprek = lijst.find((d) => d.soort === 'voortgangsgesprek');
    expect(gesprek?.grondslag).toEqual(
      expect.arrayContaining([
        { soort: 'beleid', instelling: 'voortgangsgesprekMaandenEersteJaar', waarde: 3, standaard: true },
        expect.objectContaining({ soort: 'pip', afspraak: 'voortgangsgesprekCadans', versie: 1 }),
      ]),
    );
  });

  it('the PIP deadline cites the kennisgeving version and, after third-party information, the extension rule', () => {
    const state = gegeven([
      aanmelding(),
      { type: 'wachtOpDerden', datum: '2026-02-01' },
      { type: 'derdenInformatieOntvangen', datum: '2026-03-20' },
    ]);
    const pipDeadline = uitleg(state).deadlines.find((d) => d.soort === 'pip');
    expect(pipDeadline?.grondslag.map((g) => (g.soort === 'wet' ? g.regel : g.soort))).toEqual([
      'pipTermijnWeken',
      'pipTermijnNaDerdenWeken',
    ]);
    expect(pipDeadline?.grondslag[0]).toMatchObject({ peildatum: '2026-01-05', waarde: 10 });
  });

  it('a gemeente policy override is marked as not the default', () => {
    const state = b1Traject({ beleid: { geenContactMaanden: 2 } });
    const contact = uitleg(state).deadlines.find((d) => d.soort === 'geen-contact');
    expect(contact?.grondslag).toEqual([
      { soort: 'beleid', instelling: 'geenContactMaanden', waarde: 2, standaard: false },
    ]);
  });

  it('decisions carry their rule: PIP (termijn, bezwaar), verlenging (art. 12), boete (maximum)', () => {
    const state = gegeven([
      aanmelding(),
      intake(),
      pip('b1'),
      { type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2027-01-10', maanden: 6 },
      { type: 'legBoeteOp', bedrag: 250, reden: 'niet_verschenen_gesprek', datum: '2027-02-01' },
    ]);
    const besluiten = uitleg(state).besluiten;
    expect(besluiten.map((b) => b.soort)).toEqual(['pip', 'verlenging', 'boete']);
    expect(besluiten[0].grondslag.map((g) => (g.soort === 'wet' ? g.regel : ''))).toEqual([
      'inburgeringstermijnJaren',
      'bezwaartermijnWeken',
    ]);
    expect(besluiten[1]).toMatchObject({
      gegevens: { grond: 'ziekte', oudeEinddatum: '2029-03-02', nieuweEinddatum: '2029-09-02' },
      grondslag: [{ regel: 'verlengingsgronden', bron: 'Wet inburgering 2021 art. 12' }],
    });
    expect(besluiten[2].grondslag).toEqual([expect.objectContaining({ regel: 'maxBoeteEuro', waarde: 800 })]);
    // After a verlenging the termijn deadlines cite art. 12 as well.
    const termijn = uitleg(state).deadlines.find((d) => d.soort === 'termijn-overschreden');
    expect(termijn?.grondslag.map((g) => (g.soort === 'wet' ? g.regel : ''))).toEqual([
      'inburgeringstermijnJaren',
      'verlengingsgronden',
    ]);
  });

  it('every kind of deadline and decision has its source: ontzorgen, aanbod, 18th birthday, DUO, closing', () => {
    const state = gegeven([
      aanmelding({ kinderen: [{ kindId: 'kind-1', geboortedatum: '2012-05-01' }] }),
      { type: 'startOntzorgen', startdatum: '2026-01-20' },
      intake(),
      pip('b1'),
      {
        type: 'evalueerOntzorgen',
        datum: '2026-06-01',
        toetsResultaat: 'niet_zelfredzaam',
        besluit: 'verlengen',
      },
      { type: 'registreerVerlenging', grond: 'aanbod_niet_tijdig', besluitdatum: '2027-01-10', weken: 12 },
    ]);
    const regels = (soort: string) =>
      uitleg(state)
        .deadlines.filter((d) => d.soort === soort)
        .flatMap((d) =>
          d.grondslag.map((g) => (g.soort === 'wet' ? g.regel : g.soort === 'beleid' ? g.instelling : 'pip')),
        );
    expect(regels('ontzorgen-evaluatie')).toEqual([
      'ontzorgenMaanden',
      'ontzorgenVerlengingMaxMaanden',
      'ontzorgenEvaluatieWekenVooraf',
    ]);
    expect(regels('aanbod-start')).toEqual(['aanbodStartMaanden']);
    expect(regels('achttiende-verjaardag')).toEqual(['plichtLeeftijd', 'achttienSignaalMaandenVooraf']);
    expect(regels('termijn-waarschuwing')).toContain('termijnWaarschuwingenMaanden');
    const besluiten = uitleg(state).besluiten;
    expect(
      besluiten
        .find((b) => b.soort === 'ontzorgen')
        ?.grondslag.map((g) => (g.soort === 'wet' ? g.regel : '')),
    ).toEqual(['ontzorgenMaanden', 'ontzorgenVerlengingMaxMaanden']);
    expect(
      besluiten
        .find((b) => b.soort === 'verlenging')
        ?.grondslag.map((g) => (g.soort === 'wet' ? g.regel : '')),
    ).toEqual(['verlengingsgronden', 'aanbodStartMaanden']);

    const overschreden = gegeven([aanmelding(), intake(), pip('b1')]);
    const duo = gegeven(
      [
        [{ type: 'registreerVooraankondiging', datum: '2029-04-01' }, '2029-04-02'],
        [{ type: 'registreerDuoBoete', datum: '2029-05-01', bedrag: 500 }, '2029-05-02'],
        [{ type: 'registreerOntheffing', datum: '2029-06-01', grond: 'medisch' }, '2029-06-02'],
      ],
      overschreden,
    );
    expect(uitleg(duo).besluiten.map((b) => b.soort)).toEqual([
      'pip',
      'duo-vooraankondiging',
      'duo-boete',
      'ontheffing',
    ]);
    expect(uitleg(duo).besluiten[3].grondslag[0]).toMatchObject({ regel: 'ontheffingsgronden' });
    expect(uitleg(duo).ontbrekend).toEqual([]);
    expect(uitleg(duo).toegestaneCommandos).toEqual([]);

    const beeindigd = gegeven([aanmelding(), { type: 'beeindig', datum: '2026-02-01', reden: 'overleden' }]);
    expect(uitleg(beeindigd).besluiten).toEqual([
      { soort: 'beeindiging', datum: '2026-02-01', gegevens: { reden: 'overleden' }, grondslag: [] },
    ]);

    const z = gegeven([
      aanmelding({ doelgroep: 'gezinsmigrant' }),
      intake(),
      pip('z'),
      { type: 'registreerUren', soort: 'taal', uren: 500, datum: '2026-06-01' },
      { type: 'registreerUren', soort: 'participatie', uren: 300, datum: '2026-06-01' },
      { type: 'registreerOnderdeel', onderdeel: 'eindgesprek', datum: '2026-07-01' },
      { type: 'registreerOnderdeel', onderdeel: 'pvt', datum: '2026-07-01' },
      { type: 'registreerOnderdeel', onderdeel: 'map', datum: '2026-07-01' },
    ]);
    expect(z.fase).toBe('voldaan');
    expect(uitleg(z).besluiten.find((b) => b.soort === 'voldaan')?.grondslag).toEqual([
      expect.objectContaining({ regel: 'zRouteUrenOverig' }),
    ]);
  });

  it('an afgeschaald language target cites the afschalen rule', () => {
    const state = gegeven([
      aanmelding(),
      intake(),
      pip('b1'),
      { type: 'registreerUren', soort: 'taal', uren: 650, datum: '2026-09-01' },
      { type: 'wijzigPip', dagtekening: '2026-09-15', reden: 'afschalen', afschalenComponenten: ['spreken'] },
    ]);
    const spreken = uitleg(state).ontbrekend.find((o) => o.eis === 'taal:spreken');
    expect(spreken).toMatchObject({
      doel: 'A2',
      grondslag: [expect.objectContaining({ regel: 'afschalenMinLesuren' })],
    });
    expect(
      uitleg(state)
        .besluiten.find((b) => b.gegevens.versie === 2)
        ?.grondslag.map((g) => (g.soort === 'wet' ? g.regel : '')),
    ).toEqual(['afschalenMinLesuren', 'bezwaartermijnWeken']);
  });

  it('what is missing for voldaan comes from the rulebook, with the Z-route norm and hours done', () => {
    const z = gegeven([
      aanmelding(),
      intake(),
      pip('z'),
      { type: 'registreerUren', soort: 'taal', uren: 300, datum: '2026-06-01' },
    ]);
    const uren = uitleg(z).ontbrekend.find((o) => o.eis === 'uren:taal');
    expect(uren?.stand).toEqual({ huidig: 300, norm: 800 });
    expect(uren?.grondslag[0]).toMatchObject({ regel: 'zRouteUrenAsielstatushouder' });
    expect(uitleg(b1Traject()).ontbrekend.map((o) => o.eis)).toEqual([
      'taal:lezen',
      'taal:luisteren',
      'taal:schrijven',
      'taal:spreken',
      'knm',
      'pvt',
      'map',
    ]);
    expect(uitleg(gegeven([aanmelding()])).ontbrekend).toEqual([
      expect.objectContaining({
        eis: 'pip',
        grondslag: [expect.objectContaining({ regel: 'pipTermijnWeken' })],
      }),
    ]);
  });

  it('chooses the version in force on the date that counts', () => {
    const regel: Wetsregel<number> = {
      bron: 'test',
      versies: [
        { geldigVanaf: '2022-01-01', waarde: 10 },
        { geldigVanaf: '2027-01-01', waarde: 12 },
      ],
    };
    expect(geldendeVersie(regel, '2026-12-31')).toEqual({ geldigVanaf: '2022-01-01', waarde: 10 });
    expect(geldendeVersie(regel, '2027-01-01')).toEqual({ geldigVanaf: '2027-01-01', waarde: 12 });
    expect(geldend(regel, '2027-06-01')).toBe(12);
  });
});

describe('commands a person may send now (toegestaneCommandos)', () => {
  it('follows the traject: intake first, then the PIP, then what runs in the leerroute', () => {
    const aangemeld = gegeven([aanmelding()]);
    expect(toegestaneCommandos(aangemeld)).toEqual(
      expect.arrayContaining(['registreerIntake', 'wachtOpDerden', 'beeindig', 'startOntzorgen']),
    );
    expect(toegestaneCommandos(aangemeld)).not.toContain('stelPipVast');
    expect(toegestaneCommandos(aangemeld)).not.toContain('registreerExamenresultaat');

    const naIntake = gegeven([aanmelding(), intake()]);
    expect(toegestaneCommandos(naIntake)).toContain('stelPipVast');
    expect(toegestaneCommandos(naIntake)).not.toContain('registreerIntake');

    const b1 = b1Traject();
    expect(toegestaneCommandos(b1)).toEqual(
      expect.arrayContaining([
        'wijzigPip',
        'registreerExamenresultaat',
        'registreerOnderdeel',
        'registreerVerlenging',
      ]),
    );
    expect(toegestaneCommandos(b1)).not.toContain('stelPipVast');
    expect(toegestaneCommandos(initialState('x'))).toEqual([]);
  });

  it('offers nothing on a closed traject, and only what the decider accepts', () => {
    const dicht = gegeven([aanmelding(), { type: 'beeindig', datum: '2026-02-01', reden: 'vertrokken' }]);
    expect(toegestaneCommandos(dicht)).toEqual([]);
    // Every component of the route done: no onderdeel left to register.
    const klaar = gegeven([
      aanmelding({ doelgroep: 'gezinsmigrant' }),
      intake(),
      pip('b1'),
      { type: 'registreerOnderdeel', onderdeel: 'map', datum: '2026-05-01' },
      { type: 'registreerOnderdeel', onderdeel: 'pvt', datum: '2026-05-01' },
    ]);
    expect(toegestaneCommandos(klaar)).not.toContain('registreerOnderdeel');
    expect(toegestaneCommandos(klaar)).not.toContain('startOntzorgen');
  });
});

describe('proefberekening: a dry run of the same rulebook', () => {
  it('shows the new deadlines of a verlenging and applies nothing', () => {
    const state = b1Traject();
    const voor = JSON.stringify(state);
    const command = maak({
      type: 'registreerVerlenging',
      grond: 'ziekte',
      besluitdatum: '2027-01-10',
      maanden: 6,
    } as Opdracht);
    const proef = proefberekening({ state, versie: 0, openTaken: [] }, command, '2027-01-15');
    expect(JSON.stringify(state)).toBe(voor);
    expect(proef.termijnEinde).toEqual({ voor: '2029-03-02', na: '2029-09-02' });
    const einde = (lijst: typeof proef.deadlines.na) =>
      lijst.find((d) => d.soort === 'termijn-overschreden')?.datum;
    expect(einde(proef.deadlines.voor)).toBe('2029-03-03');
    expect(einde(proef.deadlines.na)).toBe('2029-09-03');
    expect(proef.events[0].type).toBe('termijnVerlengd');
    // The workflow would reach the same state.
    const echt = decide(state, command, '2027-01-15').reduce(evolve, state);
    expect(echt.termijnEinde).toBe('2029-09-02');
  });

  it('timers made due at once fire in the dry run too, as in the workflow', () => {
    const state = gegeven([
      [aanmelding({ kennisgevingsdatum: '2026-09-01' }), '2026-09-02'],
      [intake('2026-09-10'), '2026-09-11'],
    ]);
    const command = maak(pip('b1', '2026-09-15') as Opdracht);
    const proef = proefberekening({ state, versie: 0, openTaken: [] }, command, '2026-12-01');
    expect(proef.fase).toEqual({ voor: 'intake_afgerond', na: 'pip_vastgesteld' });
    // The bezwaartermijn (6 weeks after 15 September) has passed by 1 December: its task opens at once.
    expect(proef.taken.nieuw.map((t) => t.soort)).toContain('bezwaartermijn');
    expect(proef.deadlines.na.some((d) => d.soort === 'bezwaartermijn')).toBe(false);
    expect(proef.ontbrekend.voor).toEqual(['pip']);
    expect(proef.ontbrekend.na).toContain('knm');
  });

  it('a command the rulebook refuses throws its DomainError', () => {
    const state = gegeven([aanmelding()]);
    expect(() =>
      proefberekening({ state, versie: 0, openTaken: [] }, maak(pip() as Opdracht) as TrajectCommand, LATER),
    ).toThrow(DomainError);
  });
});
