import { decide, evolve } from '../../../domain/traject';
import { b1Traject, gegeven, LATER, maak, type Opdracht, typen, verwachtFout, wanneer } from './gegeven';

const AANBIEDER = 'taalschool-noord';

const aanbod = (aanbieder: string | null = AANBIEDER, datum = '2026-03-09'): Opdracht => ({
  type: 'startAanbod',
  datum,
  ...(aanbieder ? { aanbieder } : {}),
});

const melding = (extra: Partial<Record<string, unknown>> = {}): Opdracht =>
  ({
    type: 'registreerVoortgang',
    aanbieder: AANBIEDER,
    week: '2026-W12',
    lesuren: 12,
    verzuimGeoorloofd: 2,
    verzuimOngeoorloofd: 1.5,
    toetsen: [{ component: 'lezen', niveau: 'A2' }],
    ...extra,
  }) as Opdracht;

describe('taalaanbieder: startAanbod legt vast wie lesgeeft', () => {
  it('met aanbieder: in de state en in het event; zonder: het event zoals vóór issue 15', () => {
    const { events, state } = wanneer(b1Traject(), aanbod());
    expect(events[0]).toMatchObject({ type: 'aanbodGestart', aanbieder: AANBIEDER });
    expect(state.aanbieder).toBe(AANBIEDER);
    const zonder = wanneer(b1Traject(), aanbod(null));
    expect(Object.keys(zonder.events[0])).not.toContain('aanbieder');
    expect(zonder.state.aanbieder).toBeUndefined();
  });

  it('een BSN of een naam met spaties als organisatie-id wordt geweigerd', () => {
    verwachtFout(b1Traject(), aanbod('123456782'), 'ID_ONGELDIG');
    verwachtFout(b1Traject(), aanbod('ta-123456782'), 'ID_ONGELDIG');
    verwachtFout(b1Traject(), aanbod('Jan Jansen'), 'ID_ONGELDIG');
  });
});

describe('taalaanbieder: voortgang per ISO-week', () => {
  const lopend = () => gegeven([aanbod()], b1Traject());

  it('legt de week vast, en de lesuren tellen als taaluren (T10) zoals registreerUren', () => {
    const { events, state } = wanneer(lopend(), melding());
    expect(typen(events)).toEqual(['voortgangGeregistreerd']);
    expect(state.voortgang).toEqual([
      {
        week: '2026-W12',
        aanbieder: AANBIEDER,
        lesuren: 12,
        verzuimGeoorloofd: 2,
        verzuimOngeoorloofd: 1.5,
        toetsen: [{ component: 'lezen', niveau: 'A2' }],
      },
    ]);
    expect(state.uren.taal).toBe(12);
  });

  it('een correctie van dezelfde week vervangt de melding: de lesuren tellen één keer', () => {
    const s = gegeven(
      [melding(), melding({ week: '2026-W13', lesuren: 10 }), melding({ lesuren: 8 })],
      lopend(),
    );
    expect(s.voortgang?.map((w) => [w.week, w.lesuren])).toEqual([
      ['2026-W12', 8],
      ['2026-W13', 10],
    ]);
    expect(s.uren.taal).toBe(18);
  });

  it('dezelfde commandId twee keer: één keer toegepast', () => {
    const command = maak(melding());
    const s1 = decide(lopend(), command, LATER).reduce(evolve, lopend());
    expect(decide(s1, command, LATER)).toEqual([]);
  });

  it('samen met handmatige uren: bij 600 taaluren het signaal afschalen-mogelijk, één keer', () => {
    const s = gegeven([{ type: 'registreerUren', soort: 'taal', uren: 590, datum: '2026-03-20' }], lopend());
    const { events, state } = wanneer(
      s,
      melding({ lesuren: 10, verzuimGeoorloofd: 0, verzuimOngeoorloofd: 0 }),
    );
    expect(typen(events)).toEqual(['voortgangGeregistreerd', 'signaalGegeven']);
    expect(events[1]).toMatchObject({ soort: 'afschalen-mogelijk', regel: 'T10' });
    // A correction upward does not signal again.
    expect(typen(wanneer(state, melding({ lesuren: 20 })).events)).toEqual(['voortgangGeregistreerd']);
  });

  it('een correctie naar beneden haalt de uren ook weer terug (onder 600 geen signaal)', () => {
    const s = gegeven([{ type: 'registreerUren', soort: 'taal', uren: 590, datum: '2026-03-20' }], lopend());
    const { events, state } = wanneer(s, melding({ lesuren: 5 }));
    expect(typen(events)).toEqual(['voortgangGeregistreerd']);
    expect(state.uren.taal).toBe(595);
  });

  it('alleen de aanbieder die lesgeeft, alleen na de start van het aanbod', () => {
    verwachtFout(b1Traject(), melding(), 'AANBOD_NIET_GESTART');
    verwachtFout(lopend(), melding({ aanbieder: 'andere-school' }), 'AANBIEDER_ONBEKEND');
    verwachtFout(gegeven([aanbod(null)], b1Traject()), melding(), 'AANBIEDER_ONBEKEND');
  });

  it('de week: bestaand, niet in de toekomst, niet vóór het aanbod; uren binnen een week', () => {
    verwachtFout(lopend(), melding({ week: '2026-W53x' }), 'WAARDE_ONGELDIG');
    verwachtFout(lopend(), melding({ week: '2025-W53' }), 'WAARDE_ONGELDIG');
    verwachtFout(lopend(), melding({ week: '2026-W20' }), 'DATUM_IN_TOEKOMST', '2026-05-10');
    verwachtFout(lopend(), melding({ week: '2026-W10' }), 'WEEK_VOOR_AANBOD');
    verwachtFout(lopend(), melding({ lesuren: -1 }), 'UREN_ONGELDIG');
    verwachtFout(lopend(), melding({ lesuren: 1.1 }), 'UREN_ONGELDIG');
    verwachtFout(
      lopend(),
      melding({ lesuren: 100, verzuimGeoorloofd: 60, verzuimOngeoorloofd: 10 }),
      'UREN_MEER_DAN_WEEK',
    );
    verwachtFout(
      lopend(),
      melding({
        toetsen: [
          { component: 'lezen', niveau: 'A2' },
          { component: 'lezen', niveau: 'B1' },
        ],
      }),
      'WAARDE_ONGELDIG',
    );
    // The week of the offer's start counts (the offer started on Monday 2026-03-09, week 11).
    expect(typen(wanneer(lopend(), melding({ week: '2026-W11' })).events)).toEqual([
      'voortgangGeregistreerd',
    ]);
  });
});
