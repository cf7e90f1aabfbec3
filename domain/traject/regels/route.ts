import { DomainError } from '../../shared/fouten';
import { routestapAfronding } from '../route';
import { nietInToekomst, type Regel } from './basis';

/**
 * The gemeente's own route (issue 15 point 7): a step done, recorded with who recorded it. Only a step
 * of the route the traject pinned, and only once (a law step its fact already checked counts as done).
 */
export const registreerRoutestap: Regel<'registreerRoutestap'> = (state, c, vandaag, basis) => {
  if (!state.route) throw new DomainError('GEEN_ROUTE');
  const stap = state.route.stappen.find((s) => s.id === c.stapId);
  if (!stap) throw new DomainError('ROUTESTAP_ONBEKEND', 'stapId');
  if (routestapAfronding(state, stap)) throw new DomainError('ROUTESTAP_AL_AFGEROND', 'stapId');
  return [
    {
      type: 'routestapAfgerond',
      ...basis,
      stapId: stap.id,
      datum: nietInToekomst(c.datum, vandaag, 'datum'),
      toelichting: c.toelichting?.trim() ? c.toelichting.trim() : null,
    },
  ];
};
