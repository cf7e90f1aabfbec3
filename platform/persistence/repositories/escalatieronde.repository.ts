import type {
  EscalatieRondeStatus,
  ReconciliatieUitkomst,
  RondeAfsluiting,
  RondeFout,
  RondeStart,
} from '../../../contract/escalatie-ronde';
import { type Db, iso } from './db';

/** A night's record as operations see it. */
export interface EscalatieRondeRij {
  id: string;
  status: EscalatieRondeStatus;
  peildatum: string;
  geplandOp: string | null;
  gestartOp: string;
  afgerondOp: string | null;
  duurMs: number | null;
  trajecten: number;
  nieuw: number;
  aantallen: Record<string, number>;
  fouten: RondeFout[];
  reconciliatie: ReconciliatieUitkomst | Record<string, never>;
  digests: number;
}

type Ruw = Record<string, unknown>;

function naarRij(r: Ruw): EscalatieRondeRij {
  return {
    id: r.id as string,
    status: r.status as EscalatieRondeStatus,
    peildatum: r.peildatum as string,
    geplandOp: iso(r.gepland_op),
    gestartOp: iso(r.gestart_op) as string,
    afgerondOp: iso(r.afgerond_op),
    duurMs: r.duur_ms as number | null,
    trajecten: r.trajecten as number,
    nieuw: r.nieuw as number,
    aantallen: r.aantallen as Record<string, number>,
    fouten: r.fouten as RondeFout[],
    reconciliatie: r.reconciliatie as ReconciliatieUitkomst,
    digests: r.digests as number,
  };
}

/** `escalatieronde`: one row per nightly run, keyed by its workflow id. */
export class EscalatieRondeRepository {
  constructor(private readonly db: Db) {}

  /** Idempotent: a retry or re-run of the same id resets the row to `bezig`. */
  async start(s: RondeStart): Promise<void> {
    await this.db.query(
      `INSERT INTO escalatieronde (id, run_id, gepland_op, peildatum, status, gestart_op)
       VALUES ($1, $2, $3, $4, 'bezig', $5)
       ON CONFLICT (id) DO UPDATE SET run_id = EXCLUDED.run_id, peildatum = EXCLUDED.peildatum,
         status = 'bezig', gestart_op = EXCLUDED.gestart_op, afgerond_op = NULL, bijgewerkt_op = now()`,
      [
        s.rondeId,
        s.runId,
        s.geplandOp === null ? null : new Date(s.geplandOp),
        s.peildatum,
        new Date(s.gestartOp),
      ],
    );
  }

  async rondAf(
    r: RondeAfsluiting,
    telling: { nieuw: number; aantallen: Record<string, number> },
  ): Promise<void> {
    await this.db.query(
      `UPDATE escalatieronde SET status = $2, afgerond_op = $3, duur_ms = $4, trajecten = $5, nieuw = $6,
         aantallen = $7, fouten = $8, reconciliatie = $9, digests = $10, bijgewerkt_op = now()
       WHERE id = $1`,
      [
        r.rondeId,
        r.status,
        new Date(r.afgerondOp),
        Math.round(r.duurMs),
        r.trajecten,
        telling.nieuw,
        JSON.stringify(telling.aantallen),
        JSON.stringify(r.fouten),
        JSON.stringify(r.reconciliatie),
        r.digests,
      ],
    );
  }

  /**
   * The last run that ended (for /metrics): when, as Unix seconds, and how many errors it recorded;
   * null when none has ended yet. An alert rule (ops/prometheus/) fires when it grows too old.
   */
  async laatsteAfgerond(): Promise<{ eindeSeconden: number; fouten: number } | null> {
    const [rij] = (await this.db.query(
      `SELECT extract(epoch FROM afgerond_op)::float8 AS einde, jsonb_array_length(fouten)::int AS fouten
         FROM escalatieronde WHERE afgerond_op IS NOT NULL ORDER BY afgerond_op DESC LIMIT 1`,
    )) as { einde: number; fouten: number }[];
    return rij ? { eindeSeconden: Number(rij.einde), fouten: rij.fouten } : null;
  }

  /** The latest nights first. */
  async recent(limiet: number): Promise<EscalatieRondeRij[]> {
    const rijen = (await this.db.query(
      `SELECT id, status, peildatum, gepland_op, gestart_op, afgerond_op, duur_ms, trajecten, nieuw, aantallen,
              fouten, reconciliatie, digests
       FROM escalatieronde ORDER BY gestart_op DESC LIMIT $1`,
      [limiet],
    )) as Ruw[];
    return rijen.map(naarRij);
  }
}
