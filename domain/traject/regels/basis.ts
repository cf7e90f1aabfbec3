import { DomainError } from '../../shared/fouten';
import { isNa, type PlainDate } from '../../shared/kalender';
import type { TrajectCommand } from '../commands';
import type { SignaalGegeven, TrajectEvent } from '../events';
import type { Deadline, TrajectState } from '../state';

/** What every event of one command carries. */
export interface Basis {
  commandId: string;
  door: string | null;
}

/** The rule for one command type: the facts it adds, or a DomainError. Field shapes are already checked. */
export type Regel<T extends TrajectCommand['type']> = (
  state: TrajectState,
  command: Extract<TrajectCommand, { type: T }>,
  vandaag: PlainDate,
  basis: Basis,
) => TrajectEvent[];

/** A recorded fact cannot have happened after `vandaag`. */
export function nietInToekomst(datum: PlainDate, vandaag: PlainDate, veld: string): PlainDate {
  if (isNa(datum, vandaag)) throw new DomainError('DATUM_IN_TOEKOMST', veld);
  return datum;
}

export function optioneelNietInToekomst(
  datum: PlainDate | null | undefined,
  vandaag: PlainDate,
  veld: string,
): PlainDate | null {
  return datum === undefined || datum === null ? null : nietInToekomst(datum, vandaag, veld);
}

export function signaal(
  basis: Basis,
  soort: 'afschalen-mogelijk' | 'pip-aanpassen' | 'overdrachtsgesprek',
  regel: 'T10' | 'verhuizing' | 'koppeling',
  datum: PlainDate,
  omschrijving: string,
): SignaalGegeven {
  return {
    type: 'signaalGegeven',
    ...basis,
    soort,
    actie: 'taak',
    regel,
    deadlineId: null,
    datum,
    niveau: null,
    omschrijving,
  };
}

export function signaalVoorDeadline(d: Deadline, basis: Basis): SignaalGegeven {
  return {
    type: 'signaalGegeven',
    ...basis,
    soort: d.soort,
    actie: d.actie,
    regel: d.regel,
    deadlineId: d.id,
    datum: d.datum,
    niveau: d.niveau,
    omschrijving: d.omschrijving,
  };
}
