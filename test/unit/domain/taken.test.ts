import {
  deadlines,
  decide,
  evolve,
  type OpenTaak,
  type TrajectEvent,
  werkTakenBij,
} from '../../../domain/traject';
import { aanmelding, gegeven, intake, maak, pip } from './gegeven';

/** Runs the clock up to and including `tot`, as the workflow does, collecting every event. */
function klokTot(state: ReturnType<typeof gegeven>, tot: string) {
  const alle: TrajectEvent[] = [];
  for (let i = 0; i < 200; i += 1) {
    const d = deadlines(state)[0];
    if (!d || d.datum > tot) break;
    const events = decide(
      state,
      maak({ type: 'deadlineBereikt', deadlineId: d.id, datum: d.datum }),
      d.datum,
    );
    alle.push(...events);
    state = events.reduce(evolve, state);
    if (events.length === 0) break;
  }
  return { state, events: alle };
}

const signaal = (soort: OpenTaak['soort'], datum: string, extra: Partial<TrajectEvent> = {}): TrajectEvent =>
  ({
    type: 'signaalGegeven',
    commandId: `c-${soort}-${datum}`,
    door: null,
    soort,
    actie: 'taak',
    regel: 'T6',
    deadlineId: `${soort}:${datum}`,
    datum,
    niveau: null,
    omschrijving: soort,
    ...extra,
  }) as TrajectEvent;

describe('open taken volgen de feiten', () => {
  it('een te laat PIP geeft een taak, het vastgestelde PIP rondt die af', () => {
    const aangemeld = gegeven([aanmelding()]);
    const { state, events } = klokTot(aangemeld, '2026-03-16');
    const open = werkTakenBij([], events);
    expect(open.nieuw.map((t) => t.soort)).toEqual(['pip']);
    expect(open.taken[0]).toMatchObject({
      sleutel: 'pip',
      actie: 'taak',
      regel: 'T1',
      vervaldatum: '2026-03-16',
    });

    const na = decide(gegeven([intake()], state), maak(pip()), '2035-01-01');
    const bijgewerkt = werkTakenBij(open.taken, na);
    expect(bijgewerkt.afgerond.map((t) => t.soort)).toEqual(['pip']);
    expect(bijgewerkt.taken).toEqual([]);
  });

  it('een voortgangsgesprek rondt de gesprekstaak af; een bezwaartermijn-taak blijft tot de casemanager hem sluit', () => {
    const taken = werkTakenBij(
      [],
      [signaal('voortgangsgesprek', '2026-06-02'), signaal('bezwaartermijn', '2026-04-14')],
    );
    const gesprek: TrajectEvent = {
      type: 'voortgangsgesprekGevoerd',
      commandId: 'g1',
      door: null,
      datum: '2026-06-03',
      samenvatting: null,
      afspraken: [],
    };
    const na = werkTakenBij(taken.taken, [gesprek]);
    expect(na.afgerond.map((t) => t.soort)).toEqual(['voortgangsgesprek']);
    expect(na.taken.map((t) => t.soort)).toEqual(['bezwaartermijn']);
  });

  it('een hogere trede van de termijnladder vervangt de vorige waarschuwing', () => {
    const twaalf = signaal('termijn-waarschuwing', '2028-03-02', {
      niveau: 12,
      deadlineId: 'termijn-waarschuwing:12',
    });
    const zes = signaal('termijn-waarschuwing', '2028-09-02', {
      niveau: 6,
      deadlineId: 'termijn-waarschuwing:6',
    });
    const na = werkTakenBij(werkTakenBij([], [twaalf]).taken, [zes]);
    expect(na.vervallen.map((t) => t.niveau)).toEqual([12]);
    expect(na.taken.map((t) => t.niveau)).toEqual([6]);
  });

  it('hetzelfde signaal twee keer opent één taak', () => {
    const s = signaal('geen-contact', '2026-07-01');
    const na = werkTakenBij(werkTakenBij([], [s]).taken, [s]);
    expect(na.nieuw).toEqual([]);
    expect(na.taken).toHaveLength(1);
  });

  it('contact (een PIP-wijziging, een gesprek) lost "uit beeld" op', () => {
    const open = werkTakenBij(
      [],
      [signaal('geen-contact', '2026-07-01'), signaal('pip-aanpassen', '2026-07-01')],
    );
    const wijziging = {
      type: 'pipGewijzigd',
      commandId: 'w',
      door: null,
      versie: 2,
      dagtekening: '2026-07-02',
      reden: 'verhuizing',
      leerroute: 'b1',
      taaldoelen: null,
      cadans: { eersteJaarMaanden: 3, daarnaMaanden: 6 },
      afspraken: [],
    } as TrajectEvent;
    expect(
      werkTakenBij(open.taken, [wijziging])
        .afgerond.map((t) => t.soort)
        .sort(),
    ).toEqual(['geen-contact', 'pip-aanpassen']);
  });

  it('afsluiten: wat het feit vroeg is afgerond, de rest vervalt', () => {
    const open = werkTakenBij(
      [],
      [
        signaal('termijn-overschreden', '2029-03-03', {
          actie: 'escalatie',
          deadlineId: 'termijn-overschreden',
        }),
        signaal('achttiende-verjaardag', '2029-01-01'),
      ],
    );
    const voldaan: TrajectEvent = {
      type: 'inburgeringsplichtVoldaan',
      commandId: 'v',
      door: null,
      datum: '2029-04-01',
      leerroute: 'b1',
    };
    const na = werkTakenBij(open.taken, [voldaan]);
    expect(na.afgerond.map((t) => t.soort)).toEqual(['termijn-overschreden']);
    expect(na.vervallen.map((t) => t.soort)).toEqual(['achttiende-verjaardag']);
    expect(na.taken).toEqual([]);
  });
});
