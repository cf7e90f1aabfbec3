import { Injectable } from '@nestjs/common';
import { type Db, type Handeling, VerwerkingRepository } from '../../platform/persistence/repositories';
import type { AangemeldeGebruiker } from '../auth';

/** The processing activity in the gemeente's register (AVG art. 30) and its legal ground. */
export const VERWERKINGSACTIVITEIT = 'Uitvoering Wet inburgering 2021 (regie op inburgering)';
export const GRONDSLAG = 'AVG art. 6 lid 1 sub c en e; Wet inburgering 2021';
/** AVG art. 9: special categories (health) need their own ground and consent. */
export const GRONDSLAG_BIJZONDER =
  'AVG art. 9 lid 2 sub a (uitdrukkelijke toestemming); Wet inburgering 2021';

export interface VerwerkingInvoer {
  /** Short Dutch name of what was done, e.g. `persoon inzien`, `lijst met namen`. */
  actie: string;
  handeling: Handeling;
  inburgeraarIds: string[];
  trajectId?: string | null;
  /** Which kinds of data were processed: `naam`, `bsn`, `geboortedatum`, `contact`, `bijzonder`, `payload`. */
  soorten: string[];
  requestId: string | null;
  bijzonder?: boolean;
}

/**
 * Every read or change of personal data writes a row per person to the processing log (VNG
 * Verwerkingenlogging: who, in which role and gemeente, what, why, about whom, when), append-only,
 * so that a person's inzageverzoek (AVG art. 15) can be answered.
 */
@Injectable()
export class VerwerkingService {
  constructor(private readonly verwerkingen: VerwerkingRepository) {}

  async log(gebruiker: AangemeldeGebruiker, v: VerwerkingInvoer, db?: Db): Promise<void> {
    const personen = [...new Set(v.inburgeraarIds)];
    if (personen.length === 0) return;
    await this.verwerkingen.voegToe(
      personen.map((inburgeraarId) => ({
        actieNaam: v.actie,
        handeling: v.handeling,
        verwerkingsactiviteit: VERWERKINGSACTIVITEIT,
        grondslag: v.bijzonder ? GRONDSLAG_BIJZONDER : GRONDSLAG,
        vertrouwelijkheid: v.bijzonder ? 'vertrouwelijk' : 'normaal',
        uitvoerder: gebruiker.gemeente,
        gebruiker: gebruiker.sub,
        rol: gebruiker.rol,
        systeem: 'inburgering-api',
        inburgeraarId,
        trajectId: v.trajectId ?? null,
        soortenGegevens: v.soorten,
        requestId: v.requestId,
      })),
      db,
    );
  }
}
