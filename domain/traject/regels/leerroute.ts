import { DomainError } from '../../shared/fouten';
import { isVoor } from '../../shared/kalender';
import type { Leerroute, Onderdeel } from '../codes';
import { nietInToekomst, type Regel } from './basis';

/** The learning route itself: the offer starting, exam results, hours, MAP/PVT and other parts, progress meetings. */

export const startAanbod: Regel<'startAanbod'> = (state, c, vandaag, basis) => {
  if (state.pipVersies.length === 0) throw new DomainError('PIP_NIET_VASTGESTELD');
  if (state.aanbodGestartOp) throw new DomainError('AANBOD_AL_GESTART');
  return [{ type: 'aanbodGestart', ...basis, datum: nietInToekomst(c.datum, vandaag, 'datum') }];
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
