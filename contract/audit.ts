import type { Bereik } from '../domain/shared/gemeente';

/**
 * The audit trail of commands that reached the rulebook is written by the traject's workflow
 * (issue 13): an applied command then has its audit row even when Postgres was down at that moment,
 * because the activity is retried until it is back. The API audits only what never reached the
 * rulebook (refused at the edge, rejected by the validator, unknown traject).
 */

/** Who sent a command, carried along with it: ids and codes only (the actor is the command's `door`). */
export interface Herkomst {
  rol: string;
  /**
   * The gemeente the actor acted for: their own; null for a regional/national token, when the
   * workflow fills in the traject's own gemeente (an Update from the API since issue 14).
   */
  gemeente: string | null;
  /** The HTTP request's id (x-request-id), so the audit row can be found in the logs. */
  requestId: string;
  /**
   * The caller's gemeente scope (issue 14): the Update's validator rejects a command for a traject
   * outside it (contract/fouten.ts `BUITEN_BEREIK`) before anything is written, so the API need not
   * ask Temporal for the traject's gemeente first. Absent (signals, older callers): not checked here.
   */
  bereik?: Bereik;
}

/** One audit row the workflow asks for; unique on traject + commandId + uitkomst (a retry adds nothing). */
export interface AuditOpdracht {
  actor: string;
  rol: string;
  gemeente: string | null;
  actie: string;
  trajectId: string;
  commandId: string;
  uitkomst: 'geaccepteerd' | 'afgewezen';
  code: string | null;
  requestId: string;
}

export interface AuditActivities {
  /** Idempotent (INSERT … ON CONFLICT DO NOTHING): returns how many rows were new. */
  schrijfAudit(regels: AuditOpdracht[]): Promise<{ geschreven: number }>;
}

/** The patch that put audit writing into the workflow (replay of older histories takes the old path). */
export const AUDIT_PATCH = 'audit-door-workflow';
