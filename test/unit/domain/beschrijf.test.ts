import {
  beschrijf,
  deadlines,
  decide,
  evolve,
  initialState,
  type TrajectEvent,
  type TrajectState,
} from '../../../domain/traject';
import { aanmelding, LATER, maak, type Opdracht, pip } from './gegeven';

/** Runs a long life of a traject and collects every event, so that each kind gets described. */
function levensloop(): TrajectEvent[] {
  const alle: TrajectEvent[] = [];
  let s: TrajectState = initialState('traject-1');
  const doe = (o: Opdracht, vandaag = LATER) => {
    const events = decide(s, maak(o), vandaag);
    alle.push(...events);
    s = events.reduce(evolve, s);
  };
  const klok = (id: string, vandaag?: string) => {
    const d = deadlines(s).find((x) => x.id === id);
    if (!d) throw new Error(id);
    doe({ type: 'deadlineBereikt', deadlineId: id, datum: d.datum }, vandaag ?? d.datum);
  };
  doe(aanmelding());
  doe({ type: 'registreerBrp', datum: '2026-01-10' });
  doe({ type: 'registreerHuisvesting', datum: '2026-01-20' });
  doe({ type: 'startOntzorgen', startdatum: '2026-01-20' });
  doe({ type: 'wachtOpDerden', datum: '2026-01-25' });
  doe({ type: 'derdenInformatieOntvangen', datum: '2026-01-30' });
  doe({ type: 'registreerIntake', datum: '2026-02-02' });
  doe({ type: 'registreerKind', kindId: 'kind-1', geboortedatum: '2012-01-01' });
  doe({ type: 'wijsCasemanagerToe', casemanager: 'cm-1' });
  doe(pip('b1'));
  doe({ type: 'startAanbod', datum: '2026-04-01' });
  doe({
    type: 'registreerExamenresultaat',
    component: 'lezen',
    niveau: 'A2',
    behaald: false,
    datum: '2027-01-01',
  });
  doe({ type: 'registreerExamenresultaat', component: 'knm', behaald: true, datum: '2027-01-01' });
  doe({ type: 'registreerUren', soort: 'taal', uren: 610, datum: '2027-01-01' });
  doe({ type: 'registreerUren', soort: 'participatie', uren: 10, datum: '2027-01-01' });
  doe({ type: 'registreerOnderdeel', onderdeel: 'pvt', datum: '2027-02-01' });
  doe({ type: 'registreerVoortgangsgesprek', datum: '2026-05-01' });
  doe({
    type: 'evalueerOntzorgen',
    datum: '2026-07-01',
    toetsResultaat: 'niet_zelfredzaam',
    besluit: 'verlengen',
  });
  doe({ type: 'evalueerOntzorgen', datum: '2027-01-01', toetsResultaat: 'zelfredzaam', besluit: 'afbouwen' });
  doe({ type: 'legBoeteOp', bedrag: 150, reden: 'niet_verschenen_gesprek', datum: '2026-06-01' });
  doe({ type: 'wijzigPip', dagtekening: '2027-02-01', reden: 'afschalen' });
  doe({ type: 'registreerVerhuizing', datum: '2027-03-01', naarGemeente: 'GM0363' });
  doe({ type: 'registreerVerlenging', grond: 'ziekte', besluitdatum: '2028-01-01', maanden: 2 });
  klok('termijn-waarschuwing:12', '2029-03-01');
  klok('termijn-overschreden');
  doe({ type: 'registreerVooraankondiging', datum: '2029-06-01' });
  doe({ type: 'registreerDuoBoete', datum: '2029-08-01', bedrag: 500 });
  for (const c of ['lezen', 'luisteren', 'schrijven', 'spreken']) {
    doe({
      type: 'registreerExamenresultaat',
      component: c,
      niveau: 'A2',
      behaald: true,
      datum: '2029-09-01',
    } as Opdracht);
  }
  doe({ type: 'registreerOnderdeel', onderdeel: 'map', datum: '2029-10-01' });
  return alle;
}

describe('beschrijf: one Dutch line per event for the tijdlijn', () => {
  const events = levensloop();

  it('the life of a traject produces (almost) every kind of event', () => {
    const soorten = new Set(events.map((e) => e.type));
    expect(soorten.size).toBeGreaterThanOrEqual(25);
    expect(events.at(-1)?.type).toBe('inburgeringsplichtVoldaan');
  });

  it('every event gets a non-empty line without undefined/null/object leaks', () => {
    for (const e of events) {
      const regel = beschrijf(e);
      expect(regel.length).toBeGreaterThan(5);
      expect(regel).not.toMatch(/undefined|null|\[object/);
    }
  });

  it('examples', () => {
    const lijn = (type: string) => beschrijf(events.find((e) => e.type === type) as TrajectEvent);
    expect(lijn('pipVastgesteld')).toBe(
      'PIP vastgesteld (B1-route), dagtekening 2026-03-02; inburgeringstermijn tot en met 2029-03-02',
    );
    expect(lijn('aangemeld')).toBe('Aangemeld bij GM0518 (asielstatushouder), kennisgeving 2026-01-05');
    expect(lijn('inburgeringsplichtVoldaan')).toBe('Inburgeringsplicht voldaan op 2029-10-01 (B1-route)');
    expect(lijn('casemanagerToegewezen')).toBe('Casemanager toegewezen');
    expect(lijn('deadlineVervallen')).toContain('vervallen');
  });

  it('describes the remaining event kinds', () => {
    const basis = { commandId: 'c', door: null };
    expect(beschrijf({ ...basis, type: 'ontheffingVerleend', datum: '2027-01-01', grond: null })).toBe(
      'Ontheffing verleend door DUO op 2027-01-01',
    );
    expect(beschrijf({ ...basis, type: 'beeindigd', datum: '2027-01-01', reden: 'overleden' })).toBe(
      'Traject beëindigd op 2027-01-01 (overleden)',
    );
    expect(
      beschrijf({
        ...basis,
        type: 'intakeGeregistreerd',
        intake: {
          datum: '2026-02-02',
          leerbaarheidstoetsScore: null,
          geadviseerdeRoute: 'z',
          belemmeringen: [],
          tolkNodig: false,
        },
      }),
    ).toBe('Brede intake afgerond op 2026-02-02, advies Z-route');
    expect(
      beschrijf({
        ...basis,
        type: 'signaalGegeven',
        soort: 'termijn-overschreden',
        actie: 'escalatie',
        regel: 'T7',
        deadlineId: 'termijn-overschreden',
        datum: '2029-03-03',
        niveau: null,
        omschrijving: 'x',
      }),
    ).toBe('Escalatie: x');
    expect(beschrijf({ ...basis, type: 'onbekend' } as never)).toBe('Onbekende gebeurtenis');
  });
});
