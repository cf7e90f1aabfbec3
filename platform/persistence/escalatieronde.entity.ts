import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EscalatieRondeStatus, ReconciliatieUitkomst, RondeFout } from '../../contract/escalatie-ronde';

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
