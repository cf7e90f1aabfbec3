import { DomainError } from '../../shared/fouten';
import { addMonths, addWeeks, isNa, type PlainDate } from '../../shared/kalender';
import type { DeadlineBereikt } from '../commands';
import { deadlines, isOvertroffen } from '../deadlines';
import type { TrajectEvent } from '../events';
import type { TrajectState } from '../state';
import { type Basis, nietInToekomst, type Regel, signaalVoorDeadline } from './basis';

/** The inburgeringstermijn (Wi2021 art. 11–12): DUO's verlenging, the vooraankondiging, and the clock's timers. */

export const registreerVerlenging: Regel<'registreerVerlenging'> = (state, c, vandaag, basis) => {
  const huidig = state.termijnEinde;
  if (!huidig) throw new DomainError('PIP_NIET_VASTGESTELD');
  // Wi2021 art. 12: a late offer is a ground only for asielstatushouders (the gemeente owes them the offer).
  if (c.grond === 'aanbod_niet_tijdig' && state.doelgroep !== 'asielstatushouder') {
    throw new DomainError('VERLENGINGSGROND_NIET_TOEGESTAAN', 'grond');
  }
  const besluitdatum = nietInToekomst(c.besluitdatum, vandaag, 'besluitdatum');
  const opgegeven = [c.nieuweEinddatum, c.maanden, c.weken].filter((v) => v !== undefined && v !== null);
  if (opgegeven.length !== 1) throw new DomainError('WAARDE_ONGELDIG', 'nieuweEinddatum');
  const nieuweEinddatum = c.nieuweEinddatum
    ? c.nieuweEinddatum
    : c.maanden
      ? addMonths(huidig, c.maanden)
      : addWeeks(huidig, c.weken as number);
  if (!isNa(nieuweEinddatum, huidig)) throw new DomainError('VERLENGING_NIET_LATER', 'nieuweEinddatum');
  return [
    {
      type: 'termijnVerlengd',
      ...basis,
      verlenging: { grond: c.grond, besluitdatum, oudeEinddatum: huidig, nieuweEinddatum },
      geregistreerdOp: vandaag,
    },
  ];
};

export const registreerVooraankondiging: Regel<'registreerVooraankondiging'> = (state, c, vandaag, basis) => {
  const einde = state.termijnEinde;
  if (!einde || (!state.termijnOverschreden && !isNa(vandaag, einde))) {
    throw new DomainError('TERMIJN_NIET_OVERSCHREDEN');
  }
  const datum = nietInToekomst(c.datum, vandaag, 'datum');
  // DUO's notice proves the end has passed; if the timer has not fired yet, escalate now.
  const overschreden = deadlines(state).find((d) => d.soort === 'termijn-overschreden');
  return [
    ...(overschreden ? [signaalVoorDeadline(overschreden, basis)] : []),
    { type: 'vooraankondigingOntvangen', ...basis, datum },
  ];
};

/** A timer fired. Timers race with messages: a timer for a deadline that is no longer pending is ignored. */
export function deadlineBereikt(
  state: TrajectState,
  c: DeadlineBereikt,
  vandaag: PlainDate,
  basis: Basis,
): TrajectEvent[] {
  const deadline = deadlines(state).find((d) => d.id === c.deadlineId);
  // Not pending, moved to another date (a stale timer) or not yet due: nothing to do.
  if (!deadline || deadline.datum !== c.datum || isNa(deadline.datum, vandaag)) return [];
  if (isOvertroffen(state, deadline, vandaag)) {
    return [
      {
        type: 'deadlineVervallen',
        ...basis,
        deadlineId: deadline.id,
        soort: deadline.soort,
        datum: deadline.datum,
      },
    ];
  }
  return [signaalVoorDeadline(deadline, basis)];
}
