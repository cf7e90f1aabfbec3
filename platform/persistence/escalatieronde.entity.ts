import { Column, Entity, PrimaryColumn } from 'typeorm';

export type EscalatieRondeStatus = 'bezig' | 'voltooid' | 'met_fouten';

/** A failure during a night, without personal data: the phase, a code and a Dutch message. */
export interface RondeFout {
  fase: 'escalaties' | 'reconciliatie' | 'cbs' | 'digests' | 'traject';
  code: string;
  melding: string;
  /** Only for a single traject's failure (a uuid, never a BSN). */
  trajectId?: string;
}

export type ReconciliatieSoort = 'zonder-lopende-workflow' | 'verouderd';

export interface ReconciliatieBevinding {
  trajectId: string;
  soort: ReconciliatieSoort;
  /** `NOT_FOUND`, `COMPLETED`, `TERMINATED`, … or `RUNNING` for a stale row. */
  workflowStatus: string;
  /** For `verouderd`: the read-model column that lags behind the workflow. */
  veld?: string;
}

export interface ReconciliatieUitkomst {
  /** Open read-model rows checked against Temporal. */
  gecontroleerd: number;
  zonderLopendeWorkflow: number;
  verouderd: number;
  /** The first findings (capped); the counts above are complete. */
  bevindingen: ReconciliatieBevinding[];
}

/**
 * One row per nightly escalation run, keyed by its workflow id (a scheduled run's id ends in the
 * scheduled time). Written at the start (`bezig`) and at the end; a re-run of the same id overwrites
 * it, and `aantallen` is counted from `taak`, so it stays right on a re-run.
 */
@Entity({ name: 'escalatieronde' })
export class EscalatieRondeRecord {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 64 })
  runId!: string;

  @Column({ name: 'gepland_op', type: 'timestamptz', nullable: true })
  geplandOp!: Date | null;

  /** The day the ladder was applied for (Europe/Amsterdam). */
  @Column({ type: 'date' })
  peildatum!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: EscalatieRondeStatus;

  @Column({ name: 'gestart_op', type: 'timestamptz' })
  gestartOp!: Date;

  @Column({ name: 'afgerond_op', type: 'timestamptz', nullable: true })
  afgerondOp!: Date | null;

  @Column({ name: 'duur_ms', type: 'integer', nullable: true })
  duurMs!: number | null;

  /** Open trajecten the ladder looked at. */
  @Column({ type: 'integer', default: 0 })
  trajecten!: number;

  /** Escalations and warnings this run created (all soorten). */
  @Column({ type: 'integer', default: 0 })
  nieuw!: number;

  /** New escalations per `soort:niveau`, e.g. `{ "uit-beeld:1": 12, "termijn-loopt-af:2": 3 }`. */
  @Column({ type: 'jsonb', default: {} })
  aantallen!: Record<string, number>;

  @Column({ type: 'jsonb', default: [] })
  fouten!: RondeFout[];

  @Column({ type: 'jsonb', default: {} })
  reconciliatie!: ReconciliatieUitkomst | Record<string, never>;

  /** Notifications written to the outbox. */
  @Column({ type: 'integer', default: 0 })
  digests!: number;

  @Column({ name: 'bijgewerkt_op', type: 'timestamptz', default: () => 'now()' })
  bijgewerktOp!: Date;
}
