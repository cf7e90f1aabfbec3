import { isGeldigeDatum, type PlainDate } from '../../shared/kalender';
import { geldend, WET } from '../../wet';
import type { TrajectCommand } from '../commands';
import type { TrajectEvent } from '../events';
import { evolve } from '../evolve';
import type { TrajectState } from '../state';
import { isVoldaan } from '../voldaan';
import { type Basis, signaal } from './basis';

function feitdatum(command: TrajectCommand, vandaag: PlainDate): PlainDate {
  const velden = command as { datum?: unknown; dagtekening?: unknown };
  if (isGeldigeDatum(velden.datum)) return velden.datum;
  if (isGeldigeDatum(velden.dagtekening)) return velden.dagtekening;
  return vandaag;
}

/** Consequences that follow from the new facts rather than from the command itself. */
export function gevolgen(
  state: TrajectState,
  events: TrajectEvent[],
  command: TrajectCommand,
  vandaag: PlainDate,
  basis: Basis,
): TrajectEvent[] {
  if (events.length === 0) return [];
  const na = events.reduce(evolve, state);
  if (na.afgesloten) return [];
  const extra: TrajectEvent[] = [];
  const datum = feitdatum(command, vandaag);
  // T10 (Besluit art. 5.5): enough lesuren in the B1-route: the casemanager may decide to afschalen.
  if (
    na.leerroute === 'b1' &&
    !na.afschalenGesignaleerd &&
    na.uren.taal >= geldend(WET.afschalenMinLesuren, datum) &&
    Object.values(na.taaldoelen ?? {}).some((n) => n !== 'A2')
  ) {
    extra.push(
      signaal(
        basis,
        'afschalen-mogelijk',
        'T10',
        datum,
        'Minimum aantal lesuren bereikt: afschalen naar A2 is mogelijk',
      ),
    );
  }
  if (isVoldaan(na) && na.leerroute) {
    extra.push({ type: 'inburgeringsplichtVoldaan', ...basis, datum, leerroute: na.leerroute });
  }
  return extra;
}
