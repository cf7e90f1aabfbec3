import { type Db, meerRijen } from './db';

export type Handeling =
  | 'lezen'
  | 'zoeken'
  | 'wijzigen'
  | 'toevoegen'
  | 'ontsleutelen'
  | 'exporteren'
  | 'vernietigen';

/** One processing of personal data (VNG Verwerkingenlogging: who, in which role, what, why, about whom, when). */
export interface Verwerking {
  actieNaam: string;
  handeling: Handeling;
  /** The processing activity of the register of processing activities (AVG art. 30). */
  verwerkingsactiviteit: string;
  /** The legal ground (AVG art. 6 and the specific law). */
  grondslag: string;
  vertrouwelijkheid: 'normaal' | 'vertrouwelijk';
  /** The gemeente on whose behalf (null: national operations). */
  uitvoerder: string | null;
  gebruiker: string;
  rol: string;
  systeem: string;
  inburgeraarId: string | null;
  trajectId: string | null;
  soortenGegevens: string[];
  requestId: string | null;
}

/** `verwerking`: the processing log, append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
export class VerwerkingRepository {
  constructor(private readonly db: Db) {}

  async voegToe(regels: Verwerking[], db: Db = this.db): Promise<void> {
    if (regels.length === 0) return;
    const { values, params } = meerRijen(
      regels.map((v) => [
        v.actieNaam,
        v.handeling,
        v.verwerkingsactiviteit,
        v.grondslag,
        v.vertrouwelijkheid,
        v.uitvoerder,
        v.gebruiker,
        v.rol,
        v.systeem,
        v.inburgeraarId,
        v.trajectId,
        v.soortenGegevens,
        v.requestId,
      ]),
    );
    await db.query(
      `INSERT INTO verwerking (actie_naam, handeling, verwerkingsactiviteit, grondslag, vertrouwelijkheid, uitvoerder,
         gebruiker, rol, systeem, inburgeraar_id, traject_id, soorten_gegevens, request_id)
       VALUES ${values}`,
      params,
    );
  }

  /** Everything done with one person's data, latest first (an inzageverzoek, AVG art. 15). */
  async vanPersoon(
    inburgeraarId: string,
    uitvoerder: string | null,
    limiet: number,
    voor: string | null,
  ): Promise<(Verwerking & { id: string; tijdstip: string })[]> {
    // The time to the microsecond, as Postgres keeps it: the page cursor is the last row's time, and a
    // millisecond cut (a JS Date) would skip the rows logged later within that same millisecond.
    const rijen = (await this.db.query(
      `SELECT *, to_char(tijdstip AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS tijdstip_us
         FROM verwerking WHERE inburgeraar_id = $1 AND uitvoerder IS NOT DISTINCT FROM $2
          AND ($3::timestamptz IS NULL OR tijdstip < $3::timestamptz)
        ORDER BY tijdstip DESC, id LIMIT $4`,
      [inburgeraarId, uitvoerder, voor, limiet],
    )) as Record<string, unknown>[];
    return rijen.map((r) => ({
      id: r.id as string,
      tijdstip: r.tijdstip_us as string,
      actieNaam: r.actie_naam as string,
      handeling: r.handeling as Handeling,
      verwerkingsactiviteit: r.verwerkingsactiviteit as string,
      grondslag: r.grondslag as string,
      vertrouwelijkheid: r.vertrouwelijkheid as 'normaal' | 'vertrouwelijk',
      uitvoerder: r.uitvoerder as string | null,
      gebruiker: r.gebruiker as string,
      rol: r.rol as string,
      systeem: r.systeem as string,
      inburgeraarId: r.inburgeraar_id as string | null,
      trajectId: r.traject_id as string | null,
      soortenGegevens: r.soorten_gegevens as string[],
      requestId: r.request_id as string | null,
    }));
  }
}
