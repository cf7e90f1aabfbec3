import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Read model: one row per traject for lists and the nightly sweep. Written only by activities,
 * with `versie` so that a stale (retried, out-of-order) write never overwrites a newer one.
 * No personal data here: the person lives in `inburgeraar` (encrypted).
 */
@Entity({ name: 'traject' })
export class TrajectRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 64, unique: true })
  workflowId!: string;

  @Column({ type: 'varchar', length: 6 })
  gemeente!: string;

  @Column({ type: 'varchar', length: 32 })
  doelgroep!: string;

  @Column({ type: 'varchar', length: 32 })
  fase!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  leerroute!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  casemanager!: string | null;

  @Column({ name: 'kennisgevingsdatum', type: 'date' })
  kennisgevingsdatum!: string;

  @Column({ name: 'termijn_einde', type: 'date', nullable: true })
  termijnEinde!: string | null;

  @Column({ name: 'volgende_deadline', type: 'date', nullable: true })
  volgendeDeadline!: string | null;

  @Column({ name: 'volgende_deadline_soort', type: 'varchar', length: 64, nullable: true })
  volgendeDeadlineSoort!: string | null;

  @Column({ name: 'termijn_overschreden', type: 'boolean', default: false })
  termijnOverschreden!: boolean;

  @Column({ type: 'boolean', default: false })
  afgesloten!: boolean;

  @Column({ type: 'integer' })
  versie!: number;

  /** T1: the PIP clock's start (kennisgeving or later BRP registration). */
  @Column({ name: 'pip_klok_start', type: 'date', nullable: true })
  pipKlokStart!: string | null;

  /** T1: the legal last day for the PIP (null while third-party information is awaited). */
  @Column({ name: 'pip_uiterlijk', type: 'date', nullable: true })
  pipUiterlijk!: string | null;

  /** Dagtekening of the first PIP. */
  @Column({ name: 'pip_vastgesteld_op', type: 'date', nullable: true })
  pipVastgesteldOp!: string | null;

  @Column({ name: 'laatste_contact', type: 'date', nullable: true })
  laatsteContact!: string | null;

  /** T5: the ontzorgen review date while ontzorgen is active and undecided. */
  @Column({ name: 'ontzorgen_evaluatie_op', type: 'date', nullable: true })
  ontzorgenEvaluatieOp!: string | null;

  /** Day of voldaan, ontheffing or beëindiging (reports). */
  @Column({ name: 'uitkomst_op', type: 'date', nullable: true })
  uitkomstOp!: string | null;

  @Column({ name: 'uitkomst_reden', type: 'varchar', length: 64, nullable: true })
  uitkomstReden!: string | null;

  /** Per exam component: attempts, passed, first pass date (domain/rapportage/examens.ts). */
  @Column({ type: 'jsonb', default: {} })
  examens!: Record<string, { pogingen: number; behaald: boolean; behaaldOp: string | null }>;

  /** The taalaanbieder that teaches (organisation id), issue 15. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  aanbieder!: string | null;

  /** The taalaanbieder's weekly reports (week, lesuren, verzuim in hours) for the verzuim step. */
  @Column({ type: 'jsonb', default: [] })
  aanwezigheid!: { week: string; lesuren: number; verzuimGeoorloofd: number; verzuimOngeoorloofd: number }[];

  /** Issue 15 point 7: open route steps with their last day (step id, name, who, date) for the nightly run. */
  @Column({ type: 'jsonb', default: [] })
  routestappen!: { stapId: string; naam: string; wie: string; uiterlijk: string }[];

  @Column({ name: 'aangemaakt_op', type: 'timestamptz', default: () => 'now()' })
  aangemaaktOp!: Date;

  @Column({ name: 'bijgewerkt_op', type: 'timestamptz', default: () => 'now()' })
  bijgewerktOp!: Date;
}
