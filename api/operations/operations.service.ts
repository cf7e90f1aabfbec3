import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { temporal } from '@temporalio/proto';
import { trajectWorkflowId } from '../../contract/ids';
import { searchAttributes } from '../../contract/search-attributes';
import type { AppConfig } from '../../platform/config';
import { Sleutelkluis, VersleutelendeCodec } from '../../platform/crypto';
import { InburgeraarRepository } from '../../platform/persistence/repositories';
import { type AangemeldeGebruiker, gemeentenFilter, magGemeente, trajectOnbekend } from '../auth';
import { isDatabaseOnbereikbaar } from '../common/afhankelijkheden';
import {
  gegevensVernietigd,
  isVernietigd,
  ProblemException,
  problem,
  temporalOnbereikbaar,
} from '../common/problem';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../infrastructure/infrastructure.module';
import { Metrieken } from '../metrics/metrieken';
import { UUID } from '../trajecten/traject-id';
import { VerwerkingService } from '../verwerkingen/verwerking.service';
import {
  beschrijfEvent,
  type GeschiedenisRegel,
  isRuis,
  ontsleutelCommandos,
  tijdstip,
} from './geschiedenis';
import type { GeschiedenisQuery, WorkflowsQuery } from './operations.dto';

export interface WorkflowItem {
  workflowId: string;
  runId: string;
  type: string;
  status: string;
  start: string | null;
  einde: string | null;
  historyLength: number;
  gemeente: string | null;
  fase: string | null;
  leerroute: string | null;
  doelgroep: string | null;
  casemanager: string | null;
  termijnEinde: string | null;
  volgendeDeadline: string | null;
}

export interface WorkflowPagina {
  /** The visibility query that was run (built from checked values only). */
  query: string;
  items: WorkflowItem[];
  volgende: string | null;
}

export interface GeschiedenisPagina {
  workflowId: string;
  runId: string;
  status: string;
  items: GeschiedenisRegel[];
  volgende: string | null;
}

const STATUS = temporal.api.enums.v1.WorkflowExecutionStatus;

@Injectable()
export class OperationsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrieken: Metrieken,
    kluis: Sleutelkluis,
    private readonly register: InburgeraarRepository,
    private readonly verwerking: VerwerkingService,
  ) {
    this.codec = new VersleutelendeCodec(kluis);
  }

  private readonly codec: VersleutelendeCodec;

  /** Workflows from Temporal's visibility store, filtered on the typed search attributes. */
  async workflows(q: WorkflowsQuery, gebruiker: AangemeldeGebruiker): Promise<WorkflowPagina> {
    // Every value below was checked against a strict pattern or list: no quotes can get in.
    const delen = [`WorkflowType = '${q.type}'`];
    // Fail closed (issue 13): the token's gemeente(n), narrowed to the filter; "*" for all.
    const gemeenten = gemeentenFilter(gebruiker, q.gemeente);
    if (gemeenten !== null && gemeenten.length === 0) return { query: '', items: [], volgende: null };
    if (gemeenten?.length === 1) delen.push(`${searchAttributes.Gemeente.name} = '${gemeenten[0]}'`);
    else if (gemeenten) {
      delen.push(`${searchAttributes.Gemeente.name} IN (${gemeenten.map((g) => `'${g}'`).join(', ')})`);
    }
    if (q.status) delen.push(`ExecutionStatus = '${q.status}'`);
    if (q.fase) delen.push(`${searchAttributes.Fase.name} = '${q.fase}'`);
    if (q.leerroute) delen.push(`${searchAttributes.Leerroute.name} = '${q.leerroute}'`);
    if (q.doelgroep) delen.push(`${searchAttributes.Doelgroep.name} = '${q.doelgroep}'`);
    if (q.casemanager) delen.push(`${searchAttributes.Casemanager.name} = '${q.casemanager}'`);
    if (q.volgendeDeadlineVoor) {
      delen.push(`${searchAttributes.VolgendeDeadline.name} < '${q.volgendeDeadlineVoor}T00:00:00Z'`);
    }
    const query = delen.join(' AND ');
    const paginaToken = q.cursor ? leesWorkflowCursor(q.cursor) : undefined;
    let antwoord: temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
    try {
      antwoord = await this.client.connection.withDeadline(Date.now() + 10_000, () =>
        this.client.workflowService.listWorkflowExecutions({
          namespace: this.config.temporal.namespace,
          query,
          pageSize: q.limiet,
          nextPageToken: paginaToken,
        }),
      );
    } catch (err) {
      this.metrieken.temporalFout('list', err);
      // A page token Temporal cannot read: any refusal that is not Temporal being away (UNAVAILABLE,
      // DEADLINE_EXCEEDED) while a cursor was sent, or an invalid argument without one.
      const code = (err as { code?: number }).code ?? -1;
      if (code === 3 || (q.cursor !== undefined && code !== 14 && code !== 4 && code !== -1)) {
        throw new ProblemException(
          problem(400, 'De cursor of zoekvraag is ongeldig.', { code: 'CURSOR_ONGELDIG' }),
        );
      }
      throw temporalOnbereikbaar();
    }
    const items = antwoord.executions.map((e): WorkflowItem => {
      const sa = decodeTypedSearchAttributes(e.searchAttributes?.indexedFields);
      const datum = (d: Date | undefined) => (d ? d.toISOString() : null);
      return {
        workflowId: e.execution?.workflowId ?? '',
        runId: e.execution?.runId ?? '',
        type: e.type?.name ?? '',
        status: (STATUS[e.status ?? 0] ?? 'ONBEKEND').replace('WORKFLOW_EXECUTION_STATUS_', ''),
        start: tijdstip(e.startTime)?.toISOString() ?? null,
        einde: tijdstip(e.closeTime)?.toISOString() ?? null,
        historyLength: Number(e.historyLength ?? 0),
        gemeente: sa.get(searchAttributes.Gemeente) ?? null,
        fase: sa.get(searchAttributes.Fase) ?? null,
        leerroute: sa.get(searchAttributes.Leerroute) ?? null,
        doelgroep: sa.get(searchAttributes.Doelgroep) ?? null,
        casemanager: sa.get(searchAttributes.Casemanager) ?? null,
        termijnEinde: datum(sa.get(searchAttributes.TermijnEinde)),
        volgendeDeadline: datum(sa.get(searchAttributes.VolgendeDeadline)),
      };
    });
    const token = antwoord.nextPageToken;
    return {
      query,
      items,
      volgende: token && token.length > 0 ? maakWorkflowCursor(token) : null,
    };
  }

  /**
   * A traject's event history, decoded into readable lines, one page at a time (issue 13: only the
   * Temporal history pages this page needs are read, never the whole history). The cursor carries
   * Temporal's page token where the page's batch began, the last eventId shown and the names of the
   * activities still open at that point, so a line on a later page can still name its activity.
   */
  async geschiedenis(
    id: string,
    q: GeschiedenisQuery,
    gebruiker: AangemeldeGebruiker,
    requestId: string | null = null,
  ): Promise<GeschiedenisPagina> {
    if (!UUID.test(id)) throw trajectOnbekend();
    const cursor = q.cursor ? leesGeschiedenisCursor(q.cursor) : { t: '', na: 0, a: {} };
    const workflowId = trajectWorkflowId(id);
    const handle = this.client.workflow.getHandle(workflowId, q.runId);
    const regels: GeschiedenisRegel[] = [];
    let beschrijving: Awaited<ReturnType<typeof handle.describe>>;
    let volgende: string | null = null;
    try {
      beschrijving = await handle.describe();
      const gemeente = beschrijving.typedSearchAttributes.get(searchAttributes.Gemeente);
      if (!gemeente || !magGemeente(gebruiker, gemeente)) throw trajectOnbekend();
      // Decrypting a person's history is a processing of their data, even if only ids are shown.
      const persoon = await this.register.persoonVanTraject(id);
      if (persoon) {
        await this.verwerking.log(gebruiker, {
          actie: 'geschiedenis ontsleutelen',
          handeling: 'ontsleutelen',
          inburgeraarIds: [persoon],
          trajectId: id,
          soorten: ['payload'],
          requestId,
        });
      }
      const context = {
        activiteiten: new Map<number, string>(Object.entries(cursor.a).map(([k, v]) => [Number(k), v])),
      };
      let token = cursor.t ? Buffer.from(cursor.t, 'base64url') : undefined;
      const paginaGrootte = Math.min(1000, q.limiet + (q.alles === 'true' ? 1 : 50));
      for (;;) {
        const batchBegin = token;
        const antwoord = await this.client.connection.withDeadline(Date.now() + 10_000, () =>
          this.client.workflowService.getWorkflowExecutionHistory({
            namespace: this.config.temporal.namespace,
            execution: { workflowId, runId: beschrijving.runId },
            maximumPageSize: paginaGrootte,
            nextPageToken: token,
          }),
        );
        const events = antwoord.history?.events ?? [];
        await ontsleutelCommandos(events, this.codec);
        let vol = false;
        for (const event of events) {
          const eventId = Number(event.eventId ?? 0);
          const tonen = eventId > cursor.na && !(q.alles === 'false' && isRuis(event));
          if (tonen && regels.length === q.limiet) {
            vol = true;
            break;
          }
          // Every event in order (the context needs the earlier ones); only those after the cursor are shown.
          const regel = beschrijfEvent(event, context);
          sluitActiviteit(event, context.activiteiten);
          if (tonen) regels.push(regel);
        }
        if (vol) {
          volgende = maakGeschiedenisCursor({
            t: batchBegin ? Buffer.from(batchBegin).toString('base64url') : '',
            na: regels.at(-1)?.eventId ?? cursor.na,
            a: Object.fromEntries(context.activiteiten),
          });
          break;
        }
        const nieuw = antwoord.nextPageToken;
        if (!nieuw || nieuw.length === 0) break;
        token = Buffer.from(nieuw);
      }
    } catch (err) {
      if (err instanceof ProblemException) throw err;
      if (isVernietigd(err)) throw gegevensVernietigd();
      // The processing log is in Postgres: a database that is down is its own 503.
      if (isDatabaseOnbereikbaar(err)) throw err;
      this.metrieken.temporalFout('history', err);
      if (err instanceof WorkflowNotFoundError) throw trajectOnbekend();
      if ((err as { code?: number }).code === 3) {
        throw new ProblemException(
          problem(400, 'De cursor is ongeldig; gebruik de cursor uit het vorige antwoord.', {
            code: 'CURSOR_ONGELDIG',
          }),
        );
      }
      throw temporalOnbereikbaar();
    }
    return {
      workflowId,
      runId: beschrijving.runId,
      status: beschrijving.status.name,
      items: regels,
      volgende,
    };
  }
}

/**
 * The workflow list's cursor: Temporal's page token (base64url) with a check of 12 hex characters, so
 * a cursor that is not one of ours is a 400 here instead of an error Temporal gives for its token.
 */
function maakWorkflowCursor(token: Uint8Array): string {
  const t = Buffer.from(token);
  return `${t.toString('base64url')}${createHash('sha256').update(t).digest('hex').slice(0, 12)}`;
}

function leesWorkflowCursor(waarde: string): Buffer {
  const token = Buffer.from(waarde.slice(0, -12), 'base64url');
  const controle = waarde.slice(-12);
  if (waarde.length > 12 && createHash('sha256').update(token).digest('hex').slice(0, 12) === controle) {
    return token;
  }
  throw new ProblemException(
    problem(400, "De cursor is ongeldig; gebruik 'volgende' uit het vorige antwoord.", {
      code: 'CURSOR_ONGELDIG',
      fouten: [{ veld: 'cursor', melding: 'ongeldig' }],
    }),
  );
}

/** Where the previous page of a history stopped (opaque to the client). */
interface GeschiedenisCursor {
  /** Temporal's page token where that page's batch began ('' for the first batch). */
  t: string;
  /** The last eventId shown. */
  na: number;
  /** Activities scheduled and not yet closed by then: scheduledEventId → name. */
  a: Record<string, string>;
}

function maakGeschiedenisCursor(c: GeschiedenisCursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

function leesGeschiedenisCursor(waarde: string): GeschiedenisCursor {
  try {
    const c = JSON.parse(Buffer.from(waarde, 'base64url').toString('utf8')) as GeschiedenisCursor;
    if (
      typeof c === 'object' &&
      c !== null &&
      typeof c.t === 'string' &&
      Number.isInteger(c.na) &&
      c.na >= 0 &&
      typeof c.a === 'object' &&
      c.a !== null &&
      Object.values(c.a).every((v) => typeof v === 'string')
    ) {
      return c;
    }
  } catch {
    // fall through
  }
  throw new ProblemException(
    problem(400, 'De cursor is ongeldig; gebruik de cursor uit het vorige antwoord.', {
      code: 'CURSOR_ONGELDIG',
      fouten: [{ veld: 'cursor', melding: 'ongeldig' }],
    }),
  );
}

/** An activity that completed, failed, timed out or was cancelled no longer needs its name carried along. */
function sluitActiviteit(event: temporal.api.history.v1.IHistoryEvent, open: Map<number, string>): void {
  const gesloten =
    event.activityTaskCompletedEventAttributes ??
    event.activityTaskFailedEventAttributes ??
    event.activityTaskTimedOutEventAttributes ??
    event.activityTaskCanceledEventAttributes;
  if (gesloten?.scheduledEventId !== undefined && gesloten?.scheduledEventId !== null) {
    open.delete(Number(gesloten.scheduledEventId));
  }
}
