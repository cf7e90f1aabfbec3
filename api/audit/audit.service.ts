import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Gebruiker } from '../../platform/auth';
import type { AuditUitkomst } from '../../platform/persistence/audit-event.entity';
import { Metrieken } from '../metrics/metrieken';
import { DATA_SOURCE } from '../platform/platform.module';

export interface AuditInvoer {
  gebruiker: Gebruiker;
  /** The command, e.g. `intake` or `examenresultaat`: a code, never free text. */
  actie: string;
  trajectId?: string | null;
  commandId?: string | null;
  uitkomst: AuditUitkomst;
  /** Domain or problem code of a rejection (PIP_VOOR_INTAKE, VALIDATIE, ...). */
  code?: string | null;
  requestId: string;
}

/**
 * Writes one audit_event per accepted or rejected command. Only ids and codes go in (the table's
 * CHECKs refuse anything else); the database refuses every UPDATE, DELETE and TRUNCATE.
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly metrieken: Metrieken,
  ) {}

  async schrijf(invoer: AuditInvoer): Promise<{ id: string; tijd: Date }> {
    const [rij] = (await this.dataSource.query(
      `INSERT INTO audit_event (actor, rol, gemeente, actie, traject_id, command_id, uitkomst, code, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING id, tijd`,
      [
        invoer.gebruiker.sub,
        invoer.gebruiker.rol,
        invoer.gebruiker.gemeente,
        invoer.actie,
        invoer.trajectId ?? null,
        invoer.commandId ?? null,
        invoer.uitkomst,
        invoer.code ?? null,
        invoer.requestId,
      ],
    )) as { id: string; tijd: Date }[];
    this.metrieken.commandos.inc({ actie: invoer.actie, uitkomst: invoer.uitkomst, code: invoer.code ?? '' });
    return rij;
  }
}
