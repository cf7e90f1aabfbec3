import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Rol } from '../auth';

import type { AuditUitkomst } from './repositories/audit.repository';

export type { AuditUitkomst };

/**
 * One accepted or rejected command: who (token `sub`, never a name), in which role and gemeente,
 * what, on which traject, with which outcome. Append-only: a database trigger refuses UPDATE,
 * DELETE and TRUNCATE (migration 1763900000002). No personal data in any column.
 */
@Entity({ name: 'audit_event' })
export class AuditEventRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  tijd!: Date;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'varchar', length: 16 })
  rol!: Rol;

  @Column({ type: 'varchar', length: 6, nullable: true })
  gemeente!: string | null;

  @Column({ type: 'varchar', length: 64 })
  actie!: string;

  @Column({ name: 'traject_id', type: 'uuid', nullable: true })
  trajectId!: string | null;

  @Column({ name: 'command_id', type: 'varchar', length: 128, nullable: true })
  commandId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  uitkomst!: AuditUitkomst;

  @Column({ type: 'varchar', length: 64, nullable: true })
  code!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64 })
  requestId!: string;

  /** Who wrote the row: `workflow` for a command that reached the rulebook, `api` for the rest (issue 13). */
  @Column({ type: 'varchar', length: 16, default: 'api' })
  bron!: 'api' | 'workflow';
}
