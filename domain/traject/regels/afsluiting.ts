import { beleidVoor } from '../../beleid';
import { DomainError } from '../../shared/fouten';
import type { TrajectEvent } from '../events';
import { nietInToekomst, type Regel, signaal } from './basis';

/** How a traject ends or leaves: ontheffing, beëindiging, verhuizing to another gemeente. */

export const registreerOntheffing: Regel<'registreerOntheffing'> = (_state, c, vandaag, basis) => [
  {
    type: 'ontheffingVerleend',
    ...basis,
    datum: nietInToekomst(c.datum, vandaag, 'datum'),
    grond: c.grond ?? null,
  },
];

export const beeindig: Regel<'beeindig'> = (_state, c, vandaag, basis) => [
  { type: 'beeindigd', ...basis, datum: nietInToekomst(c.datum, vandaag, 'datum'), reden: c.reden },
];

export const registreerVerhuizing: Regel<'registreerVerhuizing'> = (state, c, vandaag, basis) => {
  const datum = nietInToekomst(c.datum, vandaag, 'datum');
  if (c.naarGemeente === state.gemeente) throw new DomainError('VERHUIZING_ZELFDE_GEMEENTE', 'naarGemeente');
  const events: TrajectEvent[] = [
    {
      type: 'verhuisd',
      ...basis,
      verhuizing: { datum, van: state.gemeente as string, naar: c.naarGemeente },
      beleid: beleidVoor(c.beleid ?? {}),
    },
  ];
  // The new gemeente must amend the PIP (warm handover); the termijn runs on.
  if (state.pipVersies.length > 0) {
    events.push(
      signaal(
        basis,
        'pip-aanpassen',
        'verhuizing',
        datum,
        'Verhuisd: nieuwe gemeente moet het PIP aanpassen',
      ),
    );
  }
  return events;
};
