import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { isDomainError } from '../../domain/shared/fouten';
import { datumVanInstant } from '../../domain/shared/kalender';
import { type Aanmelden, deadlines, decide, evolve, initialState, werkTakenBij } from '../../domain/traject';
import type { AppConfig } from '../../platform/config';
import { TrajectRecord } from '../../platform/persistence/traject.entity';
import { trajectWorkflowId } from '../../workflows/ids';
import {
  statusQuery,
  TRAJECT_WORKFLOW_TYPE,
  type TrajectStatus,
  type TrajectWorkflowInput,
} from '../../workflows/messages';
import { SA } from '../../workflows/search-attributes';
import { AuditService } from '../audit';
import { type AangemeldeGebruiker, magGemeente, trajectOnbekend, vereisGemeente } from '../auth';
import { domeinProbleem } from '../common/domein-probleem';
import { ProblemException, problem } from '../common/problem';
import { APP_CONFIG, DATA_SOURCE, TEMPORAL_CLIENT } from '../platform/platform.module';
import type { AanmeldingBody } from './aanmelding.dto';
import { trajectIdVoorAanmelding, UUID } from './traject-id';

export interface TrajectView {
  id: string;
  workflowId: string;
  /** Live state from the workflow's `status` query; null when no worker answered in time. */
  status: TrajectStatus | null;
  /** The read-model row; null until the first activity has written it. */
  readModel: TrajectRecord | null;
}

const QUERY_TIMEOUT_MS = 5_000;

function aanmeldingHash(command: Aanmelden): string {
  const { commandId: _c, door: _d, ...inhoud } = command;
  const sorted = Object.fromEntries(Object.entries(inhoud).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

@Injectable()
export class TrajectenService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Starts one trajectWorkflow per aanmelding. The traject id is derived from gemeente +
   * commandId, so a repeated command finds the workflow it started before (also after a crash
   * between start and response) and nothing is started twice.
   */
  async meldAan(
    body: AanmeldingBody,
    commandId: string,
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<{ aangemaakt: boolean; traject: TrajectView }> {
    const { commandId: _ignored, ...velden } = body;
    const aanmelding: Aanmelden = { type: 'aanmelden', commandId, door: gebruiker.sub, ...velden };
    const trajectId = trajectIdVoorAanmelding(body.gemeente, commandId);
    const workflowId = trajectWorkflowId(trajectId);
    const auditBasis = { gebruiker, actie: 'aanmelden', commandId, requestId };

    if (!magGemeente(gebruiker, body.gemeente)) {
      await this.audit.schrijf({ ...auditBasis, uitkomst: 'afgewezen', code: 'GEMEENTE_NIET_TOEGESTAAN' });
      throw new ProblemException(
        problem(403, 'U kunt alleen trajecten van uw eigen gemeente aanmelden.', {
          code: 'GEMEENTE_NIET_TOEGESTAAN',
        }),
      );
    }

    // The same rulebook the workflow runs: reject before anything is started.
    let events: ReturnType<typeof decide>;
    try {
      events = decide(initialState(trajectId), aanmelding, datumVanInstant(Date.now()));
    } catch (err) {
      if (isDomainError(err)) {
        await this.audit.schrijf({ ...auditBasis, uitkomst: 'afgewezen', code: err.code });
        throw domeinProbleem(err);
      }
      throw err;
    }
    const state = events.reduce(evolve, initialState(trajectId));
    const hash = aanmeldingHash(aanmelding);
    const input: TrajectWorkflowInput = { trajectId, aanmelding };

    try {
      await this.client.workflow.start(TRAJECT_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        // A closed traject's id is never reused: the same aanmelding must not start a second one.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        memo: { aanmeldingHash: hash },
        typedSearchAttributes: [
          { key: SA.Gemeente, value: body.gemeente },
          { key: SA.Doelgroep, value: body.doelgroep },
          { key: SA.Fase, value: state.fase },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      const description = await this.client.workflow.getHandle(workflowId).describe();
      if (description.memo?.aanmeldingHash !== hash) {
        await this.audit.schrijf({
          ...auditBasis,
          trajectId,
          uitkomst: 'afgewezen',
          code: 'COMMAND_ID_HERGEBRUIKT',
        });
        throw new ProblemException(
          problem(409, 'Deze commandId is al gebruikt voor een andere aanmelding.', {
            code: 'COMMAND_ID_HERGEBRUIKT',
          }),
        );
      }
      return { aangemaakt: false, traject: await this.haalOp(trajectId, gebruiker) };
    }
    await this.audit.schrijf({ ...auditBasis, trajectId, uitkomst: 'geaccepteerd' });
    return {
      aangemaakt: true,
      traject: {
        id: trajectId,
        workflowId,
        status: {
          state,
          deadlines: deadlines(state),
          openTaken: werkTakenBij([], events).taken,
          afgewezen: [],
          versie: events.length,
        },
        readModel: null,
      },
    };
  }

  async haalOp(id: string, gebruiker: AangemeldeGebruiker): Promise<TrajectView> {
    if (!UUID.test(id)) throw trajectOnbekend();
    const workflowId = trajectWorkflowId(id);
    const [readModel, status] = await Promise.all([
      this.dataSource.getRepository(TrajectRecord).findOneBy({ id }),
      this.queryStatus(workflowId),
    ]);
    if (status === 'onbekend' && !readModel) throw trajectOnbekend();
    if (status === 'geen-antwoord' && !readModel) {
      throw new ProblemException(
        problem(503, 'Het traject kan nu niet worden opgehaald; probeer het over enkele seconden opnieuw.', {
          code: 'TEMPORAL_ONBEREIKBAAR',
        }),
        { 'Retry-After': '5' },
      );
    }
    const live = status === 'onbekend' || status === 'geen-antwoord' ? null : status;
    // Another gemeente's traject answers exactly like an unknown one.
    vereisGemeente(gebruiker, live?.state.gemeente ?? readModel?.gemeente);
    return { id, workflowId, readModel, status: live };
  }

  private async queryStatus(workflowId: string): Promise<TrajectStatus | 'onbekend' | 'geen-antwoord'> {
    try {
      return await this.client.connection.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () =>
        this.client.workflow.getHandle(workflowId).query(statusQuery),
      );
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'onbekend';
      return 'geen-antwoord';
    }
  }
}
