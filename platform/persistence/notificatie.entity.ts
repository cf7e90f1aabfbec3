import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Outbox of notifications (the nightly digests). One row per run and recipient; a sender (e-mail
 * when SMTP is configured) picks up `wachtend` rows. In the embedded default nothing sends: the
 * outbox is the result. Contents hold counts, Dutch one-liners and traject ids, no personal data.
 */
@Entity({ name: 'notificatie' })
export class NotificatieRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'ronde_id', type: 'varchar', length: 200 })
  rondeId!: string;

  @Column({ name: 'ontvanger_rol', type: 'varchar', length: 16 })
  ontvangerRol!: 'casemanager' | 'teamleider';

  /** Casemanager id (token `sub`) or, for the teamleider, the gemeente's CBS code. */
  @Column({ type: 'varchar', length: 64 })
  ontvanger!: string;

  @Column({ type: 'varchar', length: 6 })
  gemeente!: string;

  @Column({ type: 'varchar', length: 16, default: 'email' })
  kanaal!: string;

  @Column({ type: 'text' })
  onderwerp!: string;

  @Column({ type: 'text' })
  inhoud!: string;

  /** Number of new escalations summarised. */
  @Column({ type: 'integer' })
  aantal!: number;

  @Column({ type: 'varchar', length: 16, default: 'wachtend' })
  status!: 'wachtend' | 'verzonden' | 'mislukt';

  @Column({ name: 'aangemaakt_op', type: 'timestamptz', default: () => 'now()' })
  aangemaaktOp!: Date;

  @Column({ name: 'verzonden_op', type: 'timestamptz', nullable: true })
  verzondenOp!: Date | null;
}
