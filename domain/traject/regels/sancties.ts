import { DomainError } from '../../shared/fouten';
import { geldend, WET } from '../../wet';
import { nietInToekomst, type Regel } from './basis';

/** Fines: the gemeente's boete (a casemanager decision, never automatic) and DUO's after a vooraankondiging. */

export const legBoeteOp: Regel<'legBoeteOp'> = (_state, c, vandaag, basis) => {
  const datum = nietInToekomst(c.datum, vandaag, 'datum');
  if (c.bedrag > geldend(WET.maxBoeteEuro, datum)) throw new DomainError('BOETE_TE_HOOG', 'bedrag');
  return [{ type: 'boeteOpgelegd', ...basis, boete: { bedrag: c.bedrag, reden: c.reden, datum } }];
};

export const registreerDuoBoete: Regel<'registreerDuoBoete'> = (state, c, vandaag, basis) => {
  if (!state.vooraankondigingOp) throw new DomainError('GEEN_VOORAANKONDIGING');
  return [
    {
      type: 'duoBoeteOntvangen',
      ...basis,
      datum: nietInToekomst(c.datum, vandaag, 'datum'),
      bedrag: c.bedrag,
    },
  ];
};
