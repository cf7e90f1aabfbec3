import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ProblemException, problem } from './problem';

/**
 * A dependency that is down is a 503 with Retry-After, never a 500 (issue 13): the caller may
 * safely try again (commands are idempotent on their commandId), and nothing was half done.
 */

// Node socket errors and the pg pool's own messages for a database that does not answer.
const NETWERK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
const PG_MELDINGEN = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection/i,
  /Connection is not established/i,
];

function ketting(err: unknown): unknown[] {
  const uit: unknown[] = [];
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object' && !uit.includes(e); i += 1) {
    uit.push(e);
    const o = e as { driverError?: unknown; cause?: unknown };
    e = o.driverError ?? o.cause;
  }
  return uit;
}

/** Postgres down, restarting or unreachable (not: a query that is wrong, or a constraint). */
export function isDatabaseOnbereikbaar(err: unknown): boolean {
  return ketting(err).some((e) => {
    const { code, message, name } = e as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string') {
      // SQLSTATE class 08 (connection exception), 57P01-57P03 (shut down, crash, starting), 53300 (too many clients).
      if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
      if (NETWERK.has(code)) return true;
    }
    if (name === 'CannotConnectAlreadyConnectedError') return false;
    return typeof message === 'string' && PG_MELDINGEN.some((m) => m.test(message));
  });
}

// gRPC status codes of a Temporal server that is down or did not answer in time.
const GRPC_ONBEREIKBAAR = new Set([4, 14]);

/** Temporal down or not answering in time (gRPC UNAVAILABLE / DEADLINE_EXCEEDED, or the SDK's ServiceError around it). */
export function isTemporalOnbereikbaar(err: unknown): boolean {
  return ketting(err).some((e) => {
    const { code, name } = e as { code?: unknown; name?: unknown };
    return (typeof code === 'number' && GRPC_ONBEREIKBAAR.has(code)) || name === 'ConnectionInjectorError';
  });
}

export function databaseOnbereikbaar(wat = 'De database is nu niet bereikbaar'): ProblemException {
  return new ProblemException(
    problem(503, `${wat}; probeer het over enkele seconden opnieuw. Er is niets gewijzigd.`, {
      code: 'DATABASE_ONBEREIKBAAR',
    }),
    { 'Retry-After': '5' },
  );
}

/**
 * An Update that got no answer in time — no worker took it, or Temporal did not answer (gRPC
 * DEADLINE_EXCEEDED / UNAVAILABLE on the call itself) — so it was not applied now: 503, send again.
 */
export function isUpdateZonderAntwoord(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || code === 4 || code === 14;
}

/** The 503 for an Update without an answer; `wat` is what was not processed (e.g. `het commando`). */
export function workerOnbereikbaar(wat: string): ProblemException {
  return new ProblemException(
    problem(503, `Het traject reageert nu niet; ${wat} is niet verwerkt. Probeer het opnieuw.`, {
      code: 'WORKER_ONBEREIKBAAR',
    }),
    { 'Retry-After': '5' },
  );
}
