import { DomainError } from '../../shared/fouten';
import { isNa, isoWeek, isVoor, maandagVan } from '../../shared/kalender';
import type { Leerroute, Onderdeel } from '../codes';
import { UREN_PER_WEEK } from '../commando-schemas';
import { nietInToekomst, type Regel } from './basis';

/** The learning route itself: the offer starting, exam results, hours, MAP/PVT and other parts, progress meetings. */

export const startAanbod: Regel<'startAanbod'> = (state, c, vandaag, basis) => {
  if (state.pipVersies.length === 0) throw new DomainError('PIP_NIET_VASTGESTELD');
  if (state.aanbodGestartOp) throw new DomainError('AANBOD_AL_GESTART');
  const datum = nietInToekomst(c.datum, vandaag, 'datum');
  // Only with a taalaanbieder does the event carry the field: older histories replay to the same events.
  return [{ type: 'aanbodGestart', ...basis, datum, ...(c.aanbieder ? { aanbieder: c.aanbieder } : {}) }];
};

/**
 * A taalaanbieder's week (issue 15): only the provider that teaches, only once the offer started, a
 * week that has begun and does not lie before the offer's week. A later report of the same week
 * replaces the earlier one (evolve counts its lesuren once, the latest figure).
 */
export const registreerVoortgang: Regel<'registreerVoortgang'> = (state, c, vandaag, basis) => {
  if (!state.aanbodGestartOp) throw new DomainError('AANBOD_NIET_GESTART');
  if (!state.aanbieder || state.aanbieder !== c.aanbieder) throw new DomainError('AANBIEDER_ONBEKEND');
  if (isNa(maandagVan(c.week), vandaag)) throw new DomainError('DATUM_IN_TOEKOMST', 'week');
  if (c.week < isoWeek(state.aanbodGestartOp)) throw new DomainError('WEEK_VOOR_AANBOD', 'week');
  if (c.lesuren + c.verzuimGeoorloofd + c.verzuimOngeoorloofd > UREN_PER_WEEK)
    throw new DomainError('UREN_MEER_DAN_WEEK', 'lesuren');
  return [
    {
      type: 'voortgangGeregistreerd',
      ...basis,
      voortgang: {
        week: c.week,
        aanbieder: c.aanbieder,
        lesuren: c.lesuren,
        verzuimGeoorloofd: c.verzuimGeoorloofd,
        verzuimOngeoorloofd: c.verzuimOngeoorloofd,
        toetsen: (c.toetsen ?? []).map((t) => ({ component: t.component, niveau: t.niveau })),
      },
    },
  ];
};

export const registreerExamenresultaat: Regel<'registreerExamenresultaat'> = (state, c, vandaag, basis) => {
  if (!state.leerroute) throw new DomainError('EXAMEN_ZONDER_ROUTE');
  // A language exam has a level; KNM has none.
  const niveau = c.component === 'knm' ? null : (c.niveau ?? null);
  if (c.component !== 'knm' && niveau === null) throw new DomainError('VELD_ONTBREEKT', 'niveau');
  return [
    {
      type: 'examenresultaatGeregistreerd',
      ...basis,
      resultaat: {
        component: c.component,
        niveau,
        behaald: c.behaald,
        datum: nietInToekomst(c.datum, vandaag, 'datum'),
      },
    },
  ];
};

export const registreerUren: Regel<'registreerUren'> = (_state, c, vandaag, basis) => [
  {
    type: 'urenGeregistreerd',
    ...basis,
    soort: c.soort,
    uren: c.uren,
    datum: nietInToekomst(c.datum, vandaag, 'datum'),
  },
];

/** Which components belong to a leerroute (also used to offer only what fits, domain/traject/mogelijk.ts). */
export function hoortBijRoute(onderdeel: Onderdeel, route: Leerroute): boolean {
  switch (onderdeel) {
    case 'pvt':
      return true;
    case 'map':
      return route !== 'onderwijs';
    case 'eindgesprek':
      return route === 'z';
    case 'taalschakeltraject':
      return route === 'onderwijs';
    default:
      return onbekendOnderdeel(onderdeel);
  }
}

function onbekendOnderdeel(_onderdeel: never): boolean {
  return false;
}

export const registreerOnderdeel: Regel<'registreerOnderdeel'> = (state, c, vandaag, basis) => {
  if (!state.leerroute) throw new DomainError('PIP_NIET_VASTGESTELD');
  if (!hoortBijRoute(c.onderdeel, state.leerroute))
    throw new DomainError('ONDERDEEL_NIET_IN_ROUTE', 'onderdeel');
  if (state.onderdelen[c.onderdeel]) throw new DomainError('ONDERDEEL_AL_AFGEROND', 'onderdeel');
  return [
    {
      type: 'onderdeelAfgerond',
      ...basis,
      onderdeel: c.onderdeel,
      datum: nietInToekomst(c.datum, vandaag, 'datum'),
    },
  ];
};

export const registreerVoortgangsgesprek: Regel<'registreerVoortgangsgesprek'> = (
  state,
  c,
  vandaag,
  basis,
) => {
  const eerste = state.pipVersies[0];
  if (!eerste) throw new DomainError('VOORTGANGSGESPREK_VOOR_PIP');
  const datum = nietInToekomst(c.datum, vandaag, 'datum');
  if (isVoor(datum, eerste.dagtekening)) throw new DomainError('VOORTGANGSGESPREK_VOOR_PIP', 'datum');
  return [
    {
      type: 'voortgangsgesprekGevoerd',
      ...basis,
      datum,
      samenvatting: c.samenvatting ?? null,
      afspraken: [...(c.afspraken ?? [])],
    },
  ];
};
