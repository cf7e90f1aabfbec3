import { escalatieBeleidVoor } from '../../../domain/beleid';
import { escalaties, routestappenTeLaat, type TrajectPeilgegevens } from '../../../domain/escalatie';
import { controleerRoute, ROUTE_SJABLONEN, type RouteSjabloon, routeVoor } from '../../../domain/route';
import { DomainError } from '../../../domain/shared/fouten';
import {
  beschrijf,
  evolve,
  openRoutestappenMetTermijn,
  routeOverzicht,
  toegestaneCommandos,
  trajectStatus,
  werkTakenBij,
} from '../../../domain/traject';
import { aanmelding, gegeven, intake, pip, typen, verwachtFout, wanneer } from './gegeven';

const metRoute = (extra = {}) => aanmelding({ gemeenteRoute: true, ...extra });
const stap = (stapId: string, datum = '2026-03-01', toelichting?: string) => ({
  type: 'registreerRoutestap' as const,
  stapId,
  datum,
  ...(toelichting ? { toelichting } : {}),
});

describe('route templates (domain/route.ts)', () => {
  it("ships Den Haag's two routes from the seed: 11 steps for statushouders, 10 for gezins- en overige migranten", () => {
    const statushouder = routeVoor('GM0518', 'asielstatushouder', '2026-01-01');
    const gezin = routeVoor('GM0518', 'gezinsmigrant', '2026-01-01');
    expect(statushouder?.stappen.map((s) => s.id)).toEqual([
      'overdrachtsgesprek',
      'regeldag',
      'brede-intake',
      'brugklas',
      'leerbaarheidstoets',
      'pip',
      'leerroute',
      'pvt',
      'map',
      'examen',
      'ingeburgerd',
    ]);
    expect(gezin?.stappen).toHaveLength(10);
    expect(gezin?.stappen.find((s) => s.id === 'introductiebijeenkomsten')?.naam).toContain('2 × 4 uur');
    expect(routeVoor('GM0518', 'overige_migrant', '2026-01-01')?.id).toBe('denhaag-gezinsmigrant');
    for (const r of ROUTE_SJABLONEN) {
      expect(r.bron).toContain('denhaag-magazine-inburgering-2022.txt');
      expect(() => controleerRoute(r)).not.toThrow();
    }
  });

  it('a gemeente without a template has none; before the first version there is none', () => {
    expect(routeVoor('GM0363', 'asielstatushouder', '2026-01-01')).toBeNull();
    expect(routeVoor('GM0518', 'asielstatushouder', '2021-12-31')).toBeNull();
  });

  it('the version in force on the start day is chosen; a copy, so the catalogue cannot be changed through it', () => {
    const v1 = ROUTE_SJABLONEN[0];
    const v2: RouteSjabloon = {
      ...v1,
      versie: 2,
      geldigVanaf: '2027-01-01',
      stappen: v1.stappen.slice(0, 2),
    };
    const lijst = [v2, v1];
    expect(routeVoor('GM0518', 'asielstatushouder', '2026-12-31', lijst)?.versie).toBe(1);
    expect(routeVoor('GM0518', 'asielstatushouder', '2027-01-01', lijst)?.versie).toBe(2);
    const kopie = routeVoor('GM0518', 'asielstatushouder', '2026-01-01');
    kopie?.stappen.pop();
    expect(ROUTE_SJABLONEN[0].stappen).toHaveLength(11);
  });

  it('refuses a bad template: duplicate step, a due date on a law step, an unknown anker', () => {
    const basis = ROUTE_SJABLONEN[0];
    const fout = (r: RouteSjabloon) => {
      try {
        controleerRoute(r);
      } catch (e) {
        return (e as DomainError).code;
      }
      return null;
    };
    expect(fout({ ...basis, stappen: [basis.stappen[0], basis.stappen[0]] })).toBe('ROUTE_ONGELDIG');
    expect(
      fout({ ...basis, stappen: [{ ...basis.stappen[2], termijn: { anker: 'intake', dagen: 1 } }] }),
    ).toBe('ROUTE_ONGELDIG');
    expect(
      fout({
        ...basis,
        stappen: [{ ...basis.stappen[1], termijn: { anker: 'morgen' as never, dagen: 1 } }],
      }),
    ).toBe('ROUTE_ONGELDIG');
    expect(fout(basis)).toBeNull();
  });
});

describe('a traject pins its route at the start', () => {
  it('only when the workflow asks for it (gemeenteRoute), and only for a gemeente with a template', () => {
    expect(gegeven([aanmelding()]).route).toBeUndefined();
    expect(gegeven([metRoute({ gemeente: 'GM0363' })]).route).toBeUndefined();
    const s = gegeven([metRoute()]);
    expect(s.route).toMatchObject({ id: 'denhaag-asielstatushouder', versie: 1 });
    expect(s.routestappen).toEqual([]);
    expect(routeOverzicht(s, '2026-02-01')).toMatchObject({ totaal: 11, afgerond: 0 });
    expect(routeOverzicht(gegeven([aanmelding()]), '2026-02-01')).toBeNull();
  });
});

describe('registreerRoutestap', () => {
  it('records the step with its actor; the timeline names the step, never the note', () => {
    const s = gegeven([metRoute()]);
    const { events, state } = wanneer(s, {
      ...stap('overdrachtsgesprek', '2026-01-10', 'met tolk'),
      door: 'cm-1',
    });
    expect(typen(events)).toEqual(['routestapAfgerond']);
    expect(events[0]).toMatchObject({ door: 'cm-1', stapId: 'overdrachtsgesprek', toelichting: 'met tolk' });
    expect(beschrijf(events[0])).toContain("Stap 'overdrachtsgesprek'");
    expect(beschrijf(events[0])).not.toContain('met tolk');
    expect(state.routestappen).toEqual([{ stapId: 'overdrachtsgesprek', datum: '2026-01-10', door: 'cm-1' }]);
    const o = routeOverzicht(state, '2026-01-11');
    expect(o?.stappen[0]).toMatchObject({
      status: 'afgerond',
      afgerond: { datum: '2026-01-10', bron: 'registratie', door: 'cm-1' },
    });
    expect(o?.afgerond).toBe(1);
  });

  it('refuses an unknown step (422), a step done (409), a traject without a route (409), a future date', () => {
    const s = gegeven([metRoute(), stap('brugklas')]);
    expect(verwachtFout(s, stap('taalcafe'), 'ROUTESTAP_ONBEKEND').categorie).toBe('regel');
    expect(verwachtFout(s, stap('brugklas'), 'ROUTESTAP_AL_AFGEROND').categorie).toBe('conflict');
    verwachtFout(gegeven([aanmelding()]), stap('brugklas'), 'GEEN_ROUTE');
    verwachtFout(s, stap('regeldag', '2026-03-02'), 'DATUM_IN_TOEKOMST', '2026-03-01');
    verwachtFout(s, stap('Regeldag!'), 'WAARDE_ONGELDIG');
  });

  it('a law step is checked by its fact, and cannot be checked again by hand', () => {
    const s = gegeven([metRoute(), intake('2026-02-02'), pip('b1', '2026-03-02')]);
    const o = routeOverzicht(s, '2026-03-03');
    const status = (id: string) => o?.stappen.find((x) => x.id === id);
    expect(status('brede-intake')).toMatchObject({
      status: 'afgerond',
      afgerond: { bron: 'feit', datum: '2026-02-02' },
    });
    expect(status('leerbaarheidstoets')?.status).toBe('afgerond');
    expect(status('pip')?.afgerond?.datum).toBe('2026-03-02');
    expect(status('leerroute')?.status).toBe('open');
    verwachtFout(s, stap('brede-intake'), 'ROUTESTAP_AL_AFGEROND');
  });

  it("closes the koppeling's overdrachtsgesprek task when the route step of that name is recorded", () => {
    const koppeling = {
      type: 'registreerKoppeling' as const,
      datum: '2026-01-06',
      azc: 'AZC-1',
      voorinburgeringGevolgd: true,
    };
    const s = gegeven([metRoute()]);
    const { events } = wanneer(s, koppeling);
    const open = werkTakenBij([], events).taken;
    expect(open.map((t) => t.soort)).toEqual(['overdrachtsgesprek']);
    const na = wanneer(events.reduce(evolve, s), stap('overdrachtsgesprek', '2026-01-20'));
    expect(werkTakenBij(open, na.events).afgerond.map((t) => t.soort)).toEqual(['overdrachtsgesprek']);
    const ander = wanneer(events.reduce(evolve, s), stap('regeldag', '2026-01-20'));
    expect(werkTakenBij(open, ander.events).taken).toHaveLength(1);
  });

  it('is offered while a step is open', () => {
    expect(toegestaneCommandos(gegeven([metRoute()]))).toContain('registreerRoutestap');
    expect(toegestaneCommandos(gegeven([aanmelding()]))).not.toContain('registreerRoutestap');
  });
});

describe('due dates: one pure function from the state facts', () => {
  it('counts from the anker once it is known; late the day after the last day', () => {
    let s = gegeven([metRoute()]);
    expect(routeOverzicht(s, '2026-06-01')?.stappen.find((x) => x.id === 'regeldag')?.uiterlijk).toBeNull();
    expect(openRoutestappenMetTermijn(s)).toEqual([]);
    s = gegeven([{ type: 'registreerHuisvesting', datum: '2026-02-10' }], s);
    const regeldag = (vandaag: string) =>
      routeOverzicht(s, vandaag)?.stappen.find((x) => x.id === 'regeldag');
    expect(regeldag('2026-02-17')).toMatchObject({ uiterlijk: '2026-02-17', status: 'open' });
    expect(regeldag('2026-02-18')?.status).toBe('te_laat');
    expect(openRoutestappenMetTermijn(s)).toEqual([
      {
        stapId: 'regeldag',
        naam: expect.stringContaining('Regeldag'),
        wie: 'casemanager',
        uiterlijk: '2026-02-17',
      },
    ]);
    // Eindgesprek 'ingeburgerd': by the end of the inburgeringstermijn.
    s = gegeven([intake('2026-02-12'), pip('b1', '2026-03-02')], s);
    expect(openRoutestappenMetTermijn(s).find((x) => x.stapId === 'ingeburgerd')?.uiterlijk).toBe(
      s.termijnEinde,
    );
    s = gegeven([stap('regeldag', '2026-02-20')], s);
    expect(openRoutestappenMetTermijn(s).map((x) => x.stapId)).toEqual(['brugklas', 'ingeburgerd']);
  });

  it('the status query carries the checklist', () => {
    const s = gegeven([metRoute()]);
    const status = trajectStatus({ state: s, versie: 1, openTaken: [] }, [], '2026-02-01');
    expect(status.route?.id).toBe('denhaag-asielstatushouder');
  });
});

describe('the nightly run: an overdue step becomes one task', () => {
  const traject: TrajectPeilgegevens = {
    trajectId: 't-1',
    gemeente: 'GM0518',
    fase: 'intake_afgerond',
    afgesloten: false,
    kennisgevingsdatum: '2026-01-05',
    pipKlokStart: null,
    pipUiterlijk: null,
    pipVastgesteldOp: null,
    termijnEinde: null,
    laatsteContact: '2026-02-01',
    ontzorgenEvaluatieOp: null,
    routestappen: [{ stapId: 'brugklas', naam: 'Brugklas', wie: 'taalaanbieder', uiterlijk: '2026-03-01' }],
  };

  it('not on its last day; the day after, one task keyed by the step, dated by the facts', () => {
    expect(routestappenTeLaat(traject, '2026-03-01')).toEqual([]);
    const na = routestappenTeLaat(traject, '2026-03-02');
    expect(na).toEqual([
      expect.objectContaining({
        soort: 'routestap-te-laat',
        actie: 'taak',
        ontvanger: 'casemanager',
        sleutel: 'ronde:routestap-te-laat:1:brugklas',
        peildatum: '2026-03-02',
      }),
    ]);
    // Another night finds the same row (same key and date): stored once.
    expect(routestappenTeLaat(traject, '2026-04-15')).toEqual(na);
    const ladder = escalaties(traject, [], '2026-03-02', escalatieBeleidVoor());
    expect(ladder.filter((e) => e.soort === 'routestap-te-laat')).toHaveLength(1);
    expect(escalaties({ ...traject, afgesloten: true }, [], '2026-03-02', escalatieBeleidVoor())).toEqual([]);
  });
});

it('DomainError codes of the route are Dutch', () => {
  expect(new DomainError('ROUTESTAP_ONBEKEND', 'stapId').detail).toMatch(/hoort niet bij de route/);
});
