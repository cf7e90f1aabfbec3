import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A task or escalation for the casemanager, created by the traject workflow when a deadline
 * falls (or a fact asks for it). Unique on traject + soort + sleutel + vervaldatum, so a retried
 * activity or a replayed timer never creates it twice.
 */
@Entity({ name: 'taak' })
export class TaakRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'traject_id', type: 'uuid' })
  trajectId!: string;

  @Column({ type: 'varchar', length: 6 })
  gemeente!: string;

  @Column({ type: 'varchar', length: 64 })
  soort!: string;

  @Column({ type: 'varchar', length: 16 })
  actie!: 'taak' | 'waarschuwing' | 'escalatie';

  @Column({ type: 'varchar', length: 16 })
  regel!: string;

  @Column({ type: 'varchar', length: 128 })
  sleutel!: string;

  @Column({ type: 'integer', nullable: true })
  niveau!: number | null;

  @Column({ type: 'date' })
  vervaldatum!: string;

  @Column({ type: 'text' })
  omschrijving!: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: 'open' | 'afgerond' | 'vervallen';

  @Column({ type: 'varchar', length: 64, nullable: true })
  casemanager!: string | null;

  /**
   * Who must act: the casemanager, or the teamleider of `gemeente` (escalations of the nightly run;
   * there is no casemanager → teamleider mapping, so the gemeente's team lead gets them).
   */
  @Column({ type: 'varchar', length: 16, default: 'casemanager' })
  ontvanger!: 'casemanager' | 'teamleider';

  /** The nightly run that created this escalation (null for tasks of the traject's own timers). */
  @Column({ name: 'ronde_id', type: 'varchar', length: 200, nullable: true })
  rondeId!: string | null;

  @Column({ name: 'aangemaakt_op', type: 'timestamptz', default: () => 'now()' })
  aangemaaktOp!: Date;

  @Column({ name: 'afgerond_op', type: 'timestamptz', nullable: true })
  afgerondOp!: Date | null;

  @Column({ name: 'afgerond_door', type: 'varchar', length: 64, nullable: true })
  afgerondDoor!: string | null;
}
