import { Injectable } from '@nestjs/common';
import type { Gebruiker } from '../../platform/auth';
import { AuditRepository, type AuditUitkomst, type Db } from '../../platform/persistence/repositories';
import { Metrieken } from '../metrics/metrieken';

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
 * Writes one audit_event per accepted or rejected command, and counts it in /metrics: the one place
 * both happen. Only ids and codes go in (the table's CHECKs refuse anything else); the database
 * refuses every UPDATE, DELETE and TRUNCATE.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly metrieken: Metrieken,
  ) {}

  /** `db`: the transaction this row belongs to, if any. */
  async schrijf(invoer: AuditInvoer, db?: Db): Promise<{ id: string; tijd: Date }> {
    const [rij] = await this.schrijfAlle([invoer], db);
    return rij;
  }

  /** Several rows in one INSERT (a feed batch). */
  async schrijfAlle(invoer: AuditInvoer[], db?: Db): Promise<{ id: string; tijd: Date }[]> {
    const rijen = await this.audit.voegToe(
      invoer.map((i) => ({
        actor: i.gebruiker.sub,
        rol: i.gebruiker.rol,
        gemeente: i.gebruiker.gemeente,
        actie: i.actie,
        trajectId: i.trajectId ?? null,
        commandId: i.commandId ?? null,
        uitkomst: i.uitkomst,
        code: i.code ?? null,
        requestId: i.requestId,
      })),
      db,
    );
    for (const i of invoer) {
      this.metrieken.commandos.inc({ actie: i.actie, uitkomst: i.uitkomst, code: i.code ?? '' });
    }
    return rijen;
  }
}
