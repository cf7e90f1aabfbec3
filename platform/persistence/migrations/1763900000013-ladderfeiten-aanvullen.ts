import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fills the ladder facts that migration 010 added empty (`pip_klok_start`, `pip_uiterlijk`,
 * `ontzorgen_evaluatie_op`) for rows written before it: without them the nightly run gives those
 * trajecten no T1 (PIP) or T5 (ontzorgen) escalation until their workflow writes the row again.
 *
 * Only what the stored rows prove (domain/traject/deadlines.ts `pipKlokStart`, `pipUiterlijk`):
 * - T1, for open trajecten without a PIP (fase nieuw, aangemeld, intake_afgerond):
 *   - `pip_uiterlijk` is exact when the row's next deadline is the PIP one (`pip`: that date;
 *     `pip-overschreden`: the day before), else from the traject's `pip` / `pip-overschreden` task
 *     (due on that day / the day after); with neither (a wait for third parties, when the PIP has no
 *     deadline) it stays empty: the ladder then warns after 8 weeks but does not escalate.
 *   - `pip_klok_start` is the later of the kennisgeving and ten weeks (WET.pipTermijnWeken) before
 *     `pip_uiterlijk`: exact unless a wait for third parties moved the term (then later than the
 *     true start). The BRP date, which starts the clock when later, is not in the read model; without
 *     `pip_uiterlijk` the kennisgeving is the earliest possible start.
 * - T5: `ontzorgen_evaluatie_op` from an `ontzorgen-evaluatie` next deadline, or an open task of that
 *   kind (its review is due and undecided).
 * `pip_vastgesteld_op` and `laatste_contact` are not derivable from these rows and stay empty until
 * the workflow writes. Rows that already have a fact keep it, so running this again changes nothing.
 */
export class LadderfeitenAanvullen1763900000013 implements MigrationInterface {
  name = 'LadderfeitenAanvullen1763900000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH bron AS (
        SELECT t.id, t.kennisgevingsdatum,
               CASE
                 WHEN t.volgende_deadline_soort = 'pip' THEN t.volgende_deadline
                 WHEN t.volgende_deadline_soort = 'pip-overschreden' THEN t.volgende_deadline - 1
                 ELSE (SELECT max(CASE WHEN k.soort = 'pip' THEN k.vervaldatum ELSE k.vervaldatum - 1 END)
                         FROM taak k
                        WHERE k.traject_id = t.id AND k.soort IN ('pip', 'pip-overschreden'))
               END AS uiterlijk
          FROM traject t
         WHERE NOT t.afgesloten
           AND t.fase IN ('nieuw', 'aangemeld', 'intake_afgerond')
           AND t.pip_vastgesteld_op IS NULL
           AND t.pip_klok_start IS NULL
           AND t.pip_uiterlijk IS NULL)
      UPDATE traject t
         SET pip_uiterlijk = bron.uiterlijk,
             pip_klok_start = GREATEST(bron.kennisgevingsdatum, bron.uiterlijk - 70)
        FROM bron
       WHERE t.id = bron.id`);
    await q.query(`
      UPDATE traject t
         SET ontzorgen_evaluatie_op = COALESCE(
               CASE WHEN t.volgende_deadline_soort = 'ontzorgen-evaluatie' THEN t.volgende_deadline END,
               (SELECT max(k.vervaldatum) FROM taak k
                 WHERE k.traject_id = t.id AND k.soort = 'ontzorgen-evaluatie' AND k.status = 'open'))
       WHERE NOT t.afgesloten AND t.ontzorgen_evaluatie_op IS NULL`);
  }

  async down(): Promise<void> {
    // Filling facts in is not undone: the values are what the workflow would write, and 010's down
    // drops the columns.
  }
}
