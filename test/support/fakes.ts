import type { Client } from '@temporalio/client';
import { AuditService } from '../../api/audit';
import type { AangemeldeGebruiker } from '../../api/auth';
import { Metrieken } from '../../api/metrics/metrieken';
import type { AuditRegel, AuditRepository, Db } from '../../platform/persistence/repositories';

/** Fakes for service specs: repositories and a Temporal client that record what they were asked. */

export function gebruiker(over: Partial<AangemeldeGebruiker> = {}): AangemeldeGebruiker {
  return { sub: 'cm-1', rol: 'casemanager', gemeente: 'GM0518', ...over } as AangemeldeGebruiker;
}

/** The real AuditService over a repository that keeps its rows in memory (with the transaction they came in). */
export function nepAudit(): {
  service: AuditService;
  rijen: (AuditRegel & { db?: Db })[];
  metrieken: Metrieken;
} {
  const rijen: (AuditRegel & { db?: Db })[] = [];
  const repo = {
    async voegToe(regels: AuditRegel[], db?: Db) {
      rijen.push(...regels.map((r) => ({ ...r, db })));
      return regels.map((_, i) => ({ id: `audit-${rijen.length + i}`, tijd: new Date(0) }));
    },
  } as unknown as AuditRepository;
  const metrieken = new Metrieken();
  return { service: new AuditService(repo, metrieken), rijen, metrieken };
}

export interface NepHandle {
  describe?: () => Promise<unknown>;
  query?: (...args: unknown[]) => Promise<unknown>;
  executeUpdate?: (...args: unknown[]) => Promise<unknown>;
  signal?: (...args: unknown[]) => Promise<unknown>;
}

/** A Temporal client with only what the services call; every call is recorded in `aanroepen`. */
export function nepClient(opties: {
  start?: (...args: unknown[]) => Promise<unknown>;
  handle?: (workflowId: string) => NepHandle;
}): { client: Client; aanroepen: { wat: string; workflowId?: string; args: unknown[] }[] } {
  const aanroepen: { wat: string; workflowId?: string; args: unknown[] }[] = [];
  const geen = (wat: string) => async () => {
    throw new Error(`niet verwacht: ${wat}`);
  };
  const client = {
    connection: { withDeadline: <T>(_deadline: number, f: () => Promise<T>) => f() },
    workflow: {
      start: async (...args: unknown[]) => {
        aanroepen.push({ wat: 'start', args });
        return (opties.start ?? geen('start'))(...args);
      },
      getHandle: (workflowId: string) => {
        const h = opties.handle?.(workflowId) ?? {};
        const spoor =
          (wat: keyof NepHandle) =>
          async (...args: unknown[]) => {
            aanroepen.push({ wat, workflowId, args });
            return (h[wat] ?? geen(wat))(...args);
          };
        return {
          workflowId,
          describe: spoor('describe'),
          query: spoor('query'),
          executeUpdate: spoor('executeUpdate'),
          signal: spoor('signal'),
        };
      },
    },
  } as unknown as Client;
  return { client, aanroepen };
}

/** Runs `fn` in a pretend transaction: the same object is passed on, so a spec can see what ran inside it. */
export const nepTransacties = {
  transaction: <T>(fn: (m: Db) => Promise<T>): Promise<T> => fn(nepTransacties as unknown as Db),
};
