import { EXAMENCOMPONENTEN } from '../../../domain/traject';
import type { Db } from './db';

/** Shown for "no value" in group-by reports (no leerroute yet, no casemanager). */
export const GEEN = '(geen)';

export interface GroepTelling {
  gemeente: string;
  /** Which grouping: fase, leerroute, doelgroep, or open (value: afgesloten as text). */
  as: 'fase' | 'leerroute' | 'doelgroep' | 'open';
  waarde: string;
  n: number;
}

export interface CohortRij {
  maand: string;
  trajecten: number;
  pipVastgesteld: number;
  pipMediaan: number | null;
  voldaan: number;
  voldaanMediaan: number | null;
  /** Per exam component: trajecten with an attempt, and of those passed. */
  examens: Record<string, { deelgenomen: number; behaald: number }>;
}

export interface CbsSwiRij {
  gemeente: string;
  id: string;
  doelgroep: string;
  kennisgevingsdatum: string;
  leerroute: string | null;
  pipVastgesteldOp: string | null;
  termijnEinde: string | null;
  termijnOverschreden: boolean;
  fase: string;
  uitkomstOp: string | null;
  uitkomstReden: string | null;
  examens: Record<string, { behaaldOp?: string | null }>;
}

const getal = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Reports over the read model and the tasks (no personal data there). `gemeente` null: every
 * gemeente (operations without a gemeente in the token).
 */
export class RapportageRepository {
  constructor(private readonly db: Db) {}

  async groepen(gemeente: readonly string[] | null): Promise<GroepTelling[]> {
    const waar = '($1::varchar[] IS NULL OR gemeente = ANY($1::varchar[]))';
    return (await this.db.query(
      `SELECT gemeente, 'fase' AS as, fase AS waarde, count(*)::int AS n FROM traject WHERE ${waar} GROUP BY gemeente, fase
       UNION ALL
       SELECT gemeente, 'leerroute', COALESCE(leerroute, '${GEEN}'), count(*)::int FROM traject WHERE ${waar} GROUP BY gemeente, leerroute
       UNION ALL
       SELECT gemeente, 'doelgroep', doelgroep, count(*)::int FROM traject WHERE ${waar} GROUP BY gemeente, doelgroep
       UNION ALL
       SELECT gemeente, 'open', afgesloten::text, count(*)::int FROM traject WHERE ${waar} GROUP BY gemeente, afgesloten`,
      [gemeente],
    )) as GroepTelling[];
  }

  /** Per gemeente: adopted PIPs, and how many within `dagen` days of the PIP clock's start. */
  async pipBinnen(
    gemeente: readonly string[] | null,
    dagen: number,
  ): Promise<{ gemeente: string; vastgesteld: number; binnen: number }[]> {
    return (await this.db.query(
      `SELECT gemeente, count(*)::int AS vastgesteld,
              count(*) FILTER (WHERE pip_vastgesteld_op <= pip_klok_start + $2::int)::int AS binnen
       FROM traject WHERE ($1::varchar[] IS NULL OR gemeente = ANY($1::varchar[]))
         AND pip_vastgesteld_op IS NOT NULL AND pip_klok_start IS NOT NULL
       GROUP BY gemeente`,
      [gemeente, dagen],
    )) as { gemeente: string; vastgesteld: number; binnen: number }[];
  }

  /** Open escalations and warnings per gemeente and current casemanager. */
  async openEscalaties(
    gemeente: readonly string[] | null,
  ): Promise<{ gemeente: string; casemanager: string; escalaties: number; waarschuwingen: number }[]> {
    return (await this.db.query(
      `SELECT t.gemeente, COALESCE(tr.casemanager, t.casemanager, '${GEEN}') AS casemanager,
              count(*) FILTER (WHERE t.actie = 'escalatie')::int AS escalaties,
              count(*) FILTER (WHERE t.actie = 'waarschuwing')::int AS waarschuwingen
       FROM taak t LEFT JOIN traject tr ON tr.id = t.traject_id
       WHERE ($1::varchar[] IS NULL OR t.gemeente = ANY($1::varchar[])) AND t.status = 'open' AND t.actie IN ('escalatie', 'waarschuwing')
       GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`,
      [gemeente],
    )) as { gemeente: string; casemanager: string; escalaties: number; waarschuwingen: number }[];
  }

  async caseload(
    gemeente: readonly string[] | null,
  ): Promise<{ gemeente: string; casemanager: string; open: number }[]> {
    return (await this.db.query(
      `SELECT gemeente, COALESCE(casemanager, '${GEEN}') AS casemanager, count(*)::int AS open
       FROM traject WHERE ($1::varchar[] IS NULL OR gemeente = ANY($1::varchar[])) AND NOT afgesloten GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`,
      [gemeente],
    )) as { gemeente: string; casemanager: string; open: number }[];
  }

  /** Per month of kennisgeving (`van`/`tot` inclusive, either may be null). */
  async cohorten(
    gemeente: readonly string[] | null,
    van: string | null,
    tot: string | null,
  ): Promise<CohortRij[]> {
    const componenten = EXAMENCOMPONENTEN.map(
      (c) => `count(*) FILTER (WHERE examens ? '${c}')::int AS "${c}_deel",
              count(*) FILTER (WHERE (examens -> '${c}' ->> 'behaald')::boolean)::int AS "${c}_behaald"`,
    ).join(',\n');
    const rijen = (await this.db.query(
      `SELECT to_char(kennisgevingsdatum, 'YYYY-MM') AS maand, count(*)::int AS trajecten,
              count(pip_vastgesteld_op)::int AS pip,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY pip_vastgesteld_op - kennisgevingsdatum)
                FILTER (WHERE pip_vastgesteld_op IS NOT NULL) AS pip_mediaan,
              count(*) FILTER (WHERE fase = 'voldaan')::int AS voldaan,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY uitkomst_op - kennisgevingsdatum)
                FILTER (WHERE fase = 'voldaan' AND uitkomst_op IS NOT NULL) AS voldaan_mediaan,
              ${componenten}
       FROM traject WHERE ${COHORT_FILTER} GROUP BY 1 ORDER BY 1`,
      [gemeente, van, tot],
    )) as Record<string, string | number | null>[];
    return rijen.map((r) => ({
      maand: String(r.maand),
      trajecten: Number(r.trajecten),
      pipVastgesteld: Number(r.pip),
      pipMediaan: getal(r.pip_mediaan),
      voldaan: Number(r.voldaan),
      voldaanMediaan: getal(r.voldaan_mediaan),
      examens: Object.fromEntries(
        EXAMENCOMPONENTEN.map((c) => [
          c,
          { deelgenomen: Number(r[`${c}_deel`]), behaald: Number(r[`${c}_behaald`]) },
        ]),
      ),
    }));
  }

  /** Closed trajecten per month of kennisgeving and outcome (`fase` or `fase:reden`). */
  async uitstroom(
    gemeente: readonly string[] | null,
    van: string | null,
    tot: string | null,
  ): Promise<{ maand: string; reden: string; n: number }[]> {
    return (await this.db.query(
      `SELECT to_char(kennisgevingsdatum, 'YYYY-MM') AS maand, fase || COALESCE(':' || uitkomst_reden, '') AS reden,
              count(*)::int AS n
       FROM traject WHERE ${COHORT_FILTER} AND afgesloten GROUP BY 1, 2`,
      [gemeente, van, tot],
    )) as { maand: string; reden: string; n: number }[];
  }

  /**
   * Every traject that ran during [start, einde]: known by then and not ended before it. One page at
   * a time (keyset on gemeente + kennisgevingsdatum + id, after `na`), so the export streams with
   * bounded memory whatever the size of the gemeente (issue 13).
   */
  async cbsSwi(
    gemeente: readonly string[] | null,
    start: string,
    einde: string,
    na: Pick<CbsSwiRij, 'gemeente' | 'kennisgevingsdatum' | 'id'> | null = null,
    limiet = 1000,
  ): Promise<CbsSwiRij[]> {
    const rijen = (await this.db.query(
      `SELECT gemeente, id, doelgroep, kennisgevingsdatum, leerroute, pip_vastgesteld_op, termijn_einde,
              termijn_overschreden, fase, uitkomst_op, uitkomst_reden, examens
       FROM traject
       WHERE ($1::varchar[] IS NULL OR gemeente = ANY($1::varchar[])) AND kennisgevingsdatum <= $3::date
         AND (uitkomst_op IS NULL OR uitkomst_op >= $2::date)
         AND ($4::varchar IS NULL OR (gemeente, kennisgevingsdatum, id) > ($4::varchar, $5::date, $6::uuid))
       ORDER BY gemeente, kennisgevingsdatum, id
       LIMIT $7`,
      [gemeente, start, einde, na?.gemeente ?? null, na?.kennisgevingsdatum ?? null, na?.id ?? null, limiet],
    )) as Record<string, unknown>[];
    return rijen.map((r) => ({
      gemeente: r.gemeente as string,
      id: r.id as string,
      doelgroep: r.doelgroep as string,
      kennisgevingsdatum: r.kennisgevingsdatum as string,
      leerroute: r.leerroute as string | null,
      pipVastgesteldOp: r.pip_vastgesteld_op as string | null,
      termijnEinde: r.termijn_einde as string | null,
      termijnOverschreden: r.termijn_overschreden as boolean,
      fase: r.fase as string,
      uitkomstOp: r.uitkomst_op as string | null,
      uitkomstReden: r.uitkomst_reden as string | null,
      examens: (r.examens ?? {}) as Record<string, { behaaldOp?: string | null }>,
    }));
  }
}

const COHORT_FILTER = `($1::varchar[] IS NULL OR gemeente = ANY($1::varchar[]))
  AND ($2::date IS NULL OR kennisgevingsdatum >= $2::date) AND ($3::date IS NULL OR kennisgevingsdatum <= $3::date)`;
