import { type Db, meerRijen } from './db';

export type AuditUitkomst = 'geaccepteerd' | 'afgewezen';

/** One row of `audit_event`: ids and codes only (the table's CHECKs refuse anything else). */
export interface AuditRegel {
  actor: string;
  rol: string;
  gemeente: string | null;
  /** The command or action, e.g. `registreerIntake`, `taakAfronden`: a code, never free text. */
  actie: string;
  trajectId: string | null;
  commandId: string | null;
  uitkomst: AuditUitkomst;
  /** Domain or problem code of a rejection (PIP_VOOR_INTAKE, VALIDATIE, …). */
  code: string | null;
  requestId: string;
}

/** A row the traject's workflow writes for a command that reached the rulebook. */
export interface WorkflowAuditRegel extends Omit<AuditRegel, 'trajectId' | 'commandId'> {
  trajectId: string;
  commandId: string;
}

/** `audit_event`: append-only (the database refuses UPDATE, DELETE and TRUNCATE). */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /** Appends the rows in one INSERT (inside the caller's transaction when `db` is one). */
  async voegToe(regels: AuditRegel[], db: Db = this.db): Promise<{ id: string; tijd: Date }[]> {
    if (regels.length === 0) return [];
    const { values, params } = waarden(regels);
    return (await db.query(
      `INSERT INTO audit_event (actor, rol, gemeente, actie, traject_id, command_id, uitkomst, code, request_id, bron)
       VALUES ${values}
       RETURNING id, tijd`,
      params,
    )) as { id: string; tijd: Date }[];
  }

  /**
   * The workflow's rows (bron `workflow`): at most one per traject + commandId + uitkomst, so an
   * activity retried after a crash, or a repeated command, adds nothing. Returns how many were new.
   */
  async voegToeVoorWorkflow(regels: WorkflowAuditRegel[], db: Db = this.db): Promise<number> {
    if (regels.length === 0) return 0;
    const { values, params } = waarden(regels, 'workflow');
    const rijen = (await db.query(
      `INSERT INTO audit_event (actor, rol, gemeente, actie, traject_id, command_id, uitkomst, code, request_id, bron)
       VALUES ${values}
       ON CONFLICT (traject_id, command_id, uitkomst) WHERE bron = 'workflow' DO NOTHING
       RETURNING id`,
      params,
    )) as unknown[];
    return rijen.length;
  }
}

/**
 * The VALUES list of one multi-row INSERT and its parameters, in the column order of both INSERTs;
 * `bron` is the source (`api` is the table's default, `workflow` for the workflow's rows).
 */
function waarden(
  regels: AuditRegel[],
  bron: 'api' | 'workflow' = 'api',
): { values: string; params: unknown[] } {
  return meerRijen(
    regels.map((r) => [
      r.actor,
      r.rol,
      r.gemeente,
      r.actie,
      r.trajectId,
      r.commandId,
      r.uitkomst,
      r.code,
      r.requestId,
      bron,
    ]),
    { 4: 'uuid' },
  );
}
