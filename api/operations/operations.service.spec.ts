import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type Long from 'long';
import type { AppConfig } from '../../platform/config';
import type { InburgeraarRepository } from '../../platform/persistence/repositories';
import { testKluis } from '../../scripts/test-sleutels';
import { gebruiker } from '../../test/support/fakes';
import { Metrieken } from '../metrics/metrieken';
import type { VerwerkingService } from '../verwerkingen/verwerking.service';
import { geschiedenisQuerySchema } from './operations.dto';
import { OperationsService } from './operations.service';

const ID = '0b8f7c3e-5d2a-4c1b-9e8f-7a6b5c4d3e2f';
const T = temporal.api.enums.v1.EventType;

/** A history of `n` events: activity scheduled / completed pairs, so later lines name earlier activities. */
function geschiedenis(n: number): temporal.api.history.v1.IHistoryEvent[] {
  return Array.from({ length: n }, (_, i): temporal.api.history.v1.IHistoryEvent => {
    const nr = i + 1;
    const eventId = nr as unknown as Long;
    return nr % 2 === 1
      ? {
          eventId,
          eventType: T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
          activityTaskScheduledEventAttributes: { activityType: { name: `activiteit${nr}` } },
        }
      : {
          eventId,
          eventType: T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
          activityTaskCompletedEventAttributes: { scheduledEventId: (nr - 1) as unknown as Long },
        };
  });
}

/** A Temporal client whose history comes in pages of `grootte` events; it counts what it hands out. */
function client(events: temporal.api.history.v1.IHistoryEvent[], grootte: number) {
  const gelezen: number[] = [];
  const c = {
    connection: { withDeadline: <R>(_d: number, f: () => Promise<R>) => f() },
    workflow: {
      getHandle: () => ({
        describe: async () => ({
          runId: 'run-1',
          status: { name: 'RUNNING' },
          typedSearchAttributes: { get: () => 'GM0518' },
        }),
        fetchHistory: async () => {
          throw new Error('de hele geschiedenis mag niet worden gelezen');
        },
      }),
    },
    workflowService: {
      getWorkflowExecutionHistory: async (r: { maximumPageSize: number; nextPageToken?: Uint8Array }) => {
        const van = r.nextPageToken ? Number(Buffer.from(r.nextPageToken).toString()) : 0;
        const n = Math.min(grootte, r.maximumPageSize);
        const deel = events.slice(van, van + n);
        gelezen.push(deel.length);
        const verder = van + n < events.length;
        return {
          history: { events: deel },
          nextPageToken: verder ? Buffer.from(String(van + n)) : Buffer.alloc(0),
        };
      },
    },
  } as unknown as Client;
  return { c, gelezen };
}

const config = { temporal: { namespace: 'default' } } as AppConfig;
/** No person behind these trajecten: nothing to log, nothing to decrypt but the codec still runs. */
const geenPersoon = { persoonVanTraject: async () => null } as unknown as InburgeraarRepository;
const geenLog = { log: async () => undefined } as unknown as VerwerkingService;
const nieuweService = (c: Client) =>
  new OperationsService(c, config, new Metrieken(), testKluis(), geenPersoon, geenLog);
const ops = gebruiker({ rol: 'operations', bereik: '*', gemeente: null });

describe('OperationsService.geschiedenis (issue 13: alleen de pagina die het teruggeeft)', () => {
  it('reads only the Temporal pages the page needs, and pages on without gaps, naming earlier activities', async () => {
    const events = geschiedenis(10_000);
    const { c, gelezen } = client(events, 100);
    const s = nieuweService(c);
    const eerste = await s.geschiedenis(ID, geschiedenisQuerySchema.parse({ limiet: '5' }), ops);
    expect(eerste.items.map((i) => i.eventId)).toEqual([1, 2, 3, 4, 5]);
    // One Temporal page of a few events, not 10,000.
    expect(gelezen.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(55);
    const tweede = await s.geschiedenis(
      ID,
      geschiedenisQuerySchema.parse({ limiet: '5', cursor: eerste.volgende ?? undefined }),
      ops,
    );
    expect(tweede.items.map((i) => i.eventId)).toEqual([6, 7, 8, 9, 10]);
    // Event 6 completes the activity scheduled by event 5 on the previous page: still named.
    expect(tweede.items[0].beschrijving).toBe('Activiteit activiteit5 geslaagd');
  });

  it('a cursor in a later Temporal page: resumes there, reading only that page again', async () => {
    const { c, gelezen } = client(geschiedenis(1000), 30);
    const s = nieuweService(c);
    let cursor: string | undefined;
    const ids: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const p = await s.geschiedenis(ID, geschiedenisQuerySchema.parse({ limiet: '20', cursor }), ops);
      ids.push(...p.items.map((x) => x.eventId));
      cursor = p.volgende ?? undefined;
    }
    expect(ids).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(Math.max(...gelezen)).toBeLessThanOrEqual(30);
    expect(gelezen.length).toBeLessThan(60);
  });
});
