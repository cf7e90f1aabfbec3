/**
 * The audit trail of commands that reached the rulebook is written by the traject's workflow
 * (issue 13): an applied command then has its audit row even when Postgres was down at that moment,
 * because the activity is retried until it is back. The API audits only what never reached the
 * rulebook (refused at the edge, rejected by the validator, unknown traject).
 */

/** Who sent a command, carried along with it: ids and codes only (the actor is the command's `door`). */
export interface Herkomst {
  rol: string;
  /** The gemeente the actor acted for (their own, or the traject's for a regional/national token). */
  gemeente: string | null;
  /** The HTTP request's id (x-request-id), so the audit row can be found in the logs. */
  requestId: string;
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
