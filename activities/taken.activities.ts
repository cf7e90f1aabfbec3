import type { DataSource } from 'typeorm';
import type { OpenTaak } from '../domain/traject';

export interface TakenOpdracht {
  trajectId: string;
  gemeente: string;
  casemanager: string | null;
  taken: OpenTaak[];
}

export interface TakenSluiten {
  trajectId: string;
  taken: Pick<OpenTaak, 'soort' | 'sleutel' | 'vervaldatum'>[];
  status: 'afgerond' | 'vervallen';
}

/**
 * Tasks and escalations for the casemanager. Idempotent: the unique key (traject, soort,
 * sleutel, vervaldatum) makes a retried or replayed create a no-op, and closing only touches
 * tasks that are still open.
 */
export function createTakenActivities(dataSource: DataSource) {
  return {
    async maakTaken(o: TakenOpdracht): Promise<{ aangemaakt: number }> {
      let aangemaakt = 0;
      for (const t of o.taken) {
        const rows: unknown[] = await dataSource.query(
          `INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, niveau, vervaldatum, omschrijving, casemanager)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
           ON CONFLICT ON CONSTRAINT taak_uniek DO NOTHING
           RETURNING id`,
          [
            o.trajectId,
            o.gemeente,
            t.soort,
            t.actie,
            t.regel,
            t.sleutel,
            t.niveau,
            t.vervaldatum,
            t.omschrijving,
            o.casemanager,
          ],
        );
        aangemaakt += rows.length;
      }
      return { aangemaakt };
    },

    async sluitTaken(o: TakenSluiten): Promise<{ gesloten: number }> {
      let gesloten = 0;
      for (const t of o.taken) {
        const rows: unknown[] = await dataSource.query(
          `UPDATE taak SET status = $5, afgerond_op = now(), afgerond_door = 'workflow'
           WHERE traject_id = $1 AND soort = $2 AND sleutel = $3 AND vervaldatum = $4 AND status = 'open'
           RETURNING id`,
          [o.trajectId, t.soort, t.sleutel, t.vervaldatum, o.status],
        );
        gesloten += rows.length;
      }
      return { gesloten };
    },
  };
}
