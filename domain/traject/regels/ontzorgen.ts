import { DomainError } from '../../shared/fouten';
import { addMonths } from '../../shared/kalender';
import { geldend, WET } from '../../wet';
import { nietInToekomst, type Regel } from './basis';

/** Participatiewet art. 56a/57: the gemeente pays fixed costs from the benefit for six months, then reviews. */

export const startOntzorgen: Regel<'startOntzorgen'> = (state, c, vandaag, basis) => {
  // Participatiewet art. 56a: ontzorgen is for asielstatushouders on bijstand.
  if (state.doelgroep !== 'asielstatushouder') throw new DomainError('ONTZORGEN_ALLEEN_ASIELSTATUSHOUDER');
  if (state.ontzorgen?.status === 'actief') throw new DomainError('ONTZORGEN_AL_ACTIEF');
  const startdatum = nietInToekomst(c.startdatum, vandaag, 'startdatum');
  const einddatum = addMonths(startdatum, geldend(WET.ontzorgenMaanden, startdatum));
  return [{ type: 'ontzorgenGestart', ...basis, startdatum, einddatum }];
};

export const evalueerOntzorgen: Regel<'evalueerOntzorgen'> = (state, c, vandaag, basis) => {
  const ontzorgen = state.ontzorgen;
  if (ontzorgen?.status !== 'actief') throw new DomainError('ONTZORGEN_NIET_ACTIEF');
  const datum = nietInToekomst(c.datum, vandaag, 'datum');
  let einddatum = ontzorgen.einddatum;
  if (c.besluit === 'verlengen') {
    // Participatiewet art. 56a: extended by at most half a year at a time; extensions may follow each other.
    const max = geldend(WET.ontzorgenVerlengingMaxMaanden, datum);
    const maanden = c.maanden ?? max;
    if (maanden < 1 || maanden > max) throw new DomainError('ONTZORGEN_VERLENGING_ONGELDIG', 'maanden');
    einddatum = addMonths(ontzorgen.einddatum, maanden);
  }
  return [
    {
      type: 'ontzorgenGeevalueerd',
      ...basis,
      datum,
      toetsResultaat: c.toetsResultaat,
      besluit: c.besluit,
      einddatum,
    },
  ];
};
