import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { trajectWorkflowId } from '../../contract/ids';
import { statusQuery } from '../../contract/traject-workflow';
import { isDomainError } from '../../domain/shared/fouten';
import { datumVanInstant } from '../../domain/shared/kalender';
import {
  type CommandType,
  type Proefberekening,
  proefberekening,
  type TrajectCommand,
  type TrajectStatus,
  type Uitleg,
  uitleg,
} from '../../domain/traject';
import { TaakRepository } from '../../platform/persistence/repositories';
import { type AangemeldeGebruiker, trajectOnbekend, vereisGemeente } from '../auth';
import { domeinProbleem } from '../common/domein-probleem';
import { temporalOnbereikbaar } from '../common/problem';
import { TEMPORAL_CLIENT } from '../infrastructure/infrastructure.module';
import { Metrieken } from '../metrics/metrieken';
import { COMMANDO_ROUTES, type CommandoRoute } from './commandos.dto';
import { UUID } from './traject-id';

const QUERY_TIMEOUT_MS = 5_000;

/** The API's command routes for the commands the rulebook allows now (a UI offers these forms). */
export type UitlegView = Omit<Uitleg, 'toegestaneCommandos'> & {
  id: string;
  /** The day the explanation was computed for (Europe/Amsterdam). */
  peildatum: string;
  toegestaneCommandos: CommandoRoute[];
};

export type ProefView = Proefberekening & {
  id: string;
  commando: CommandoRoute;
  peildatum: string;
  proef: true;
};

export interface OpenTakenTelling {
  trajectId: string;
  taken: number;
  waarschuwingen: number;
  escalaties: number;
}

const ROUTE_VAN_TYPE = new Map<CommandType, CommandoRoute>(
  Object.entries(COMMANDO_ROUTES).map(([route, { type }]) => [type, route as CommandoRoute]),
);

/**
 * "Why and what-if" for a traject: the legal basis of every deadline and decision, what is missing for
 * voldaan, and a dry run of a command. Both read the workflow's state with the `status` query (a query
 * writes nothing to the history) and run the pure rulebook of domain/traject here.
 */
@Injectable()
export class TrajectUitlegService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly taken: TaakRepository,
    private readonly metrieken: Metrieken,
  ) {}

  async uitleg(id: string, gebruiker: AangemeldeGebruiker): Promise<UitlegView> {
    const status = await this.status(id, gebruiker);
    const u = uitleg(status.state);
    return {
      id,
      peildatum: datumVanInstant(Date.now()),
      ...u,
      toegestaneCommandos: u.toegestaneCommandos.flatMap((t) => {
        const route = ROUTE_VAN_TYPE.get(t);
        return route ? [route] : [];
      }),
    };
  }

  /** The deadlines and tasks `route` would produce; nothing is sent to the workflow. */
  async proef(
    id: string,
    route: CommandoRoute,
    velden: Record<string, unknown> & { commandId: string },
    gebruiker: AangemeldeGebruiker,
  ): Promise<ProefView> {
    const status = await this.status(id, gebruiker);
    const vandaag = datumVanInstant(Date.now());
    const command = { ...velden, type: COMMANDO_ROUTES[route].type, door: gebruiker.sub } as TrajectCommand;
    try {
      return {
        id,
        commando: route,
        peildatum: vandaag,
        proef: true,
        ...proefberekening(status, command, vandaag),
      };
    } catch (err) {
      if (isDomainError(err)) throw domeinProbleem(err);
      throw err;
    }
  }

  /** Open tasks, warnings and escalations per traject of the caller's gemeente (for list badges). */
  async openTakenPerTraject(ids: string[], gebruiker: AangemeldeGebruiker): Promise<OpenTakenTelling[]> {
    return this.taken.openTellingPerTraject(ids, gebruiker.gemeente);
  }

  private async status(id: string, gebruiker: AangemeldeGebruiker): Promise<TrajectStatus> {
    if (!UUID.test(id)) throw trajectOnbekend();
    let status: TrajectStatus;
    try {
      status = await this.client.connection.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () =>
        this.client.workflow.getHandle(trajectWorkflowId(id)).query(statusQuery),
      );
    } catch (err) {
      this.metrieken.temporalFout('query', err);
      if (err instanceof WorkflowNotFoundError) throw trajectOnbekend();
      throw temporalOnbereikbaar('Het traject kan nu niet worden doorgerekend');
    }
    // Another gemeente's traject answers exactly like an unknown one.
    vereisGemeente(gebruiker, status.state.gemeente);
    return status;
  }
}
