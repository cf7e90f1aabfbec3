import type { DataSource } from 'typeorm';
import type { TrajectSnapshot } from '../workflows/read-model';

/**
 * Writes the read-model row. Idempotent and order-safe: a write only lands when its `versie`
 * is newer than the stored one, so a retried or delayed activity never rolls the row back.
 */
export function createReadModelActivities(dataSource: DataSource) {
  return {
    async schrijfTrajectReadModel(s: TrajectSnapshot): Promise<{ toegepast: boolean }> {
      const result: unknown[] = await dataSource.query(
        `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, leerroute, casemanager,
           kennisgevingsdatum, termijn_einde, volgende_deadline, volgende_deadline_soort,
           termijn_overschreden, afgesloten, versie, pip_klok_start, pip_uiterlijk, pip_vastgesteld_op,
           laatste_contact, ontzorgen_evaluatie_op, uitkomst_op, uitkomst_reden, examens, bijgewerkt_op)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22, now())
         ON CONFLICT (id) DO UPDATE SET
           gemeente = EXCLUDED.gemeente, doelgroep = EXCLUDED.doelgroep, fase = EXCLUDED.fase,
           leerroute = EXCLUDED.leerroute, casemanager = EXCLUDED.casemanager,
           kennisgevingsdatum = EXCLUDED.kennisgevingsdatum, termijn_einde = EXCLUDED.termijn_einde,
           volgende_deadline = EXCLUDED.volgende_deadline,
           volgende_deadline_soort = EXCLUDED.volgende_deadline_soort,
           termijn_overschreden = EXCLUDED.termijn_overschreden, afgesloten = EXCLUDED.afgesloten,
           versie = EXCLUDED.versie, pip_klok_start = EXCLUDED.pip_klok_start,
           pip_uiterlijk = EXCLUDED.pip_uiterlijk, pip_vastgesteld_op = EXCLUDED.pip_vastgesteld_op,
           laatste_contact = EXCLUDED.laatste_contact,
           ontzorgen_evaluatie_op = EXCLUDED.ontzorgen_evaluatie_op, uitkomst_op = EXCLUDED.uitkomst_op,
           uitkomst_reden = EXCLUDED.uitkomst_reden, examens = EXCLUDED.examens, bijgewerkt_op = now()
         WHERE traject.versie < EXCLUDED.versie
         RETURNING id`,
        [
          s.trajectId,
          s.workflowId,
          s.gemeente,
          s.doelgroep,
          s.fase,
          s.leerroute,
          s.casemanager,
          s.kennisgevingsdatum,
          s.termijnEinde,
          s.volgendeDeadline,
          s.volgendeDeadlineSoort,
          s.termijnOverschreden,
          s.afgesloten,
          s.versie,
          s.pipKlokStart ?? null,
          s.pipUiterlijk ?? null,
          s.pipVastgesteldOp ?? null,
          s.laatsteContact ?? null,
          s.ontzorgenEvaluatieOp ?? null,
          s.uitkomstOp ?? null,
          s.uitkomstReden ?? null,
          JSON.stringify(s.examens ?? {}),
        ],
      );
      return { toegepast: result.length > 0 };
    },
  };
}

export type ReadModelActivities = ReturnType<typeof createReadModelActivities>;
