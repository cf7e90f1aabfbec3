import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { Herkomst } from '../../contract/audit';
import { domeinFoutUit, isBuitenBereik } from '../../contract/fouten';
import { trajectWorkflowId } from '../../contract/ids';
import { searchAttributes } from '../../contract/search-attributes';
import {
  type CommandoPayload,
  type CommandoResultaat,
  commandoUpdate,
  statusQuery,
  type TijdlijnRegel,
  TRAJECT_WORKFLOW_TYPE,
  type TrajectStatus,
  type TrajectWorkflowInput,
  tijdlijnQuery,
} from '../../contract/traject-workflow';
import { volledigeNaam } from '../../domain/persoon';
import { ROUTE_SJABLONEN } from '../../domain/route';
import { isDomainError } from '../../domain/shared/fouten';
import { datumVanInstant } from '../../domain/shared/kalender';
import {
  type Aanmelden,
  beginToestand,
  pasToe,
  type RouteOverzicht,
  type Toepassing,
  trajectStatus,
} from '../../domain/traject';
import { BIJZONDERE_BELEMMERINGEN } from '../../domain/wet';
import { bereikVan } from '../../platform/auth';
import type { AppConfig } from '../../platform/config';
import { TrajectRepository, type TrajectRij } from '../../platform/persistence/repositories';
import { trajectIdSleutel } from '../../platform/traject-id-sleutel';
import { AuditService } from '../audit';
import { type AangemeldeGebruiker, magGemeente, trajectOnbekend, vereisGemeente } from '../auth';
import {
  isDatabaseOnbereikbaar,
  isUpdateZonderAntwoord,
  workerOnbereikbaar,
} from '../common/afhankelijkheden';
import { domeinProbleem } from '../common/domein-probleem';
import {
  gegevensVernietigd,
  isVernietigd,
  ProblemException,
  problem,
  temporalOnbereikbaar,
} from '../common/problem';
import { InburgeraarService } from '../inburgeraars/inburgeraars.service';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../infrastructure/infrastructure.module';
import { Metrieken } from '../metrics/metrieken';
import type { AanmeldingBody } from './aanmelding.dto';
import { COMMANDO_ROUTES, type CommandoRoute } from './commandos.dto';
import { trajectIdVoorAanmelding, UUID } from './traject-id';

export interface TrajectView {
  id: string;
  workflowId: string;
  /** Live state from the workflow's `status` query; null when no worker answered in time. */
  status: TrajectStatus | null;
  /** The read-model row; null until the first activity has written it. */
  readModel: TrajectRij | null;
  /** The person, for those who may see them (null: no person registered, or not for this role). */
  inburgeraar: { id: string; naam: string | null } | null;
}

/** GET /trajecten/:id/route: the checklist of the gemeente's route (null: the traject has none). */
export interface RouteView {
  id: string;
  route: RouteOverzicht | null;
  /** Where the route's steps come from (the template's source). */
  bron: string | null;
}

const QUERY_TIMEOUT_MS = 5_000;

function aanmeldingHash(command: Aanmelden): string {
  const { commandId: _c, door: _d, ...inhoud } = command;
  const sorted = Object.fromEntries(Object.entries(inhoud).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/**
 * Special-category data (AVG art. 9: health-related belemmeringen) is shown only to the traject's own
 * casemanager; everyone else sees that there are belemmeringen of other kinds only.
 */
export function verbergBijzonder(status: TrajectStatus, gebruiker: AangemeldeGebruiker): TrajectStatus {
  const intake = status.state.intake;
  const eigen = gebruiker.rol === 'casemanager' && status.state.casemanager === gebruiker.sub;
  if (!intake || eigen) return status;
  const belemmeringen = intake.belemmeringen.filter(
    (b) => !(BIJZONDERE_BELEMMERINGEN as readonly string[]).includes(b),
  );
  return { ...status, state: { ...status.state, intake: { ...intake, belemmeringen } } };
}

/** Who sent a command, for the audit row the workflow writes: the actor's gemeente, or the traject's. */
function herkomstVan(gebruiker: AangemeldeGebruiker, trajectGemeente: string, requestId: string): Herkomst {
  return { rol: gebruiker.rol, gemeente: gebruiker.gemeente ?? trajectGemeente, requestId };
}

@Injectable()
export class TrajectenService {
  private readonly idSleutel: Buffer;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly trajecten: TrajectRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly metrieken: Metrieken,
    private readonly inburgeraars: InburgeraarService,
  ) {
    this.idSleutel = trajectIdSleutel();
  }

  /**
   * Starts one trajectWorkflow per aanmelding. The traject id is derived from gemeente +
   * commandId (keyed HMAC), so a repeated command finds the workflow it started before (also after
   * a crash between start and response) and nothing is started twice. The workflow writes the
   * aanmelding's audit row (retried until Postgres answers); the API audits only refusals.
   */
  async meldAan(
    body: AanmeldingBody,
    commandId: string,
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<{ aangemaakt: boolean; traject: TrajectView }> {
    const { commandId: _ignored, inburgeraar, inburgeraarId, ...velden } = body;
    let aanmelding: Aanmelden = {
      type: 'aanmelden',
      commandId,
      door: gebruiker.sub,
      ...velden,
      // The rulebook gets the person's dates, never name or BSN (stand-in ids until the register has them).
      ...(inburgeraar
        ? {
            geboortedatum: inburgeraar.geboortedatum,
            kinderen: (inburgeraar.kinderen ?? []).map((k, i) => ({
              kindId: `kind-${i + 1}`,
              geboortedatum: k.geboortedatum,
            })),
          }
        : {}),
    };
    const trajectId = trajectIdVoorAanmelding(this.idSleutel, body.gemeente, commandId);
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

    // The same rulebook the workflow runs (one door: pasToe): reject before anything is started. A new
    // traject's workflow pins the gemeente's route itself (patch 'gemeente-route'); the answer shows it
    // as the workflow will, without sending the flag (only the workflow sets it).
    const alsWorkflow = (a: Aanmelden): Aanmelden => ({ ...a, gemeenteRoute: true });
    let toepassing: Toepassing;
    try {
      toepassing = pasToe(beginToestand(trajectId), alsWorkflow(aanmelding), datumVanInstant(Date.now()));
    } catch (err) {
      if (isDomainError(err)) {
        await this.audit.schrijf({ ...auditBasis, uitkomst: 'afgewezen', code: err.code });
        throw domeinProbleem(err);
      }
      throw err;
    }
    let persoon: { id: string; naam: string | null } | null = null;
    if (inburgeraar || inburgeraarId) {
      // The person and the link to this traject exist before the workflow starts: its payloads are
      // encrypted under the person's key from the first event on.
      const p = await this.inburgeraars.registreerVoorTraject(
        inburgeraar ? { persoon: inburgeraar } : { inburgeraarId: inburgeraarId as string },
        trajectId,
        body.gemeente,
        gebruiker,
        requestId,
      );
      aanmelding = { ...aanmelding, geboortedatum: p.geboortedatum, kinderen: p.kinderen };
      toepassing = pasToe(beginToestand(trajectId), alsWorkflow(aanmelding), datumVanInstant(Date.now()));
      persoon = {
        id: p.inburgeraarId,
        naam: inburgeraar
          ? volledigeNaam({ ...inburgeraar, voorvoegsel: inburgeraar.voorvoegsel ?? null })
          : null,
      };
    }
    const { state } = toepassing.toestand;
    const hash = aanmeldingHash(aanmelding);
    const input: TrajectWorkflowInput = {
      trajectId,
      aanmelding,
      herkomst: herkomstVan(gebruiker, body.gemeente, requestId),
    };

    try {
      await this.client.workflow.start(TRAJECT_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        // A closed traject's id is never reused: the same aanmelding must not start a second one.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        memo: { aanmeldingHash: hash },
        typedSearchAttributes: [
          { key: searchAttributes.Gemeente, value: body.gemeente },
          { key: searchAttributes.Doelgroep, value: body.doelgroep },
          { key: searchAttributes.Fase, value: state.fase },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
        this.metrieken.temporalFout('start', err);
        throw err;
      }
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
      return { aangemaakt: false, traject: await this.haalOp(trajectId, gebruiker, requestId) };
    }
    this.metrieken.commandos.inc({ actie: 'aanmelden', uitkomst: 'geaccepteerd', code: '' });
    return {
      aangemaakt: true,
      traject: {
        id: trajectId,
        workflowId,
        status: trajectStatus(toepassing.toestand, [], datumVanInstant(Date.now())),
        readModel: null,
        inburgeraar: persoon,
      },
    };
  }

  async haalOp(id: string, gebruiker: AangemeldeGebruiker, requestId: string): Promise<TrajectView> {
    if (!UUID.test(id)) throw trajectOnbekend();
    const workflowId = trajectWorkflowId(id);
    const [readModel, status] = await Promise.all([this.leesModel(id), this.queryStatus(workflowId)]);
    if (status === 'onbekend' && !readModel) throw trajectOnbekend();
    if (status === 'geen-antwoord' && !readModel) {
      throw temporalOnbereikbaar('Het traject kan nu niet worden opgehaald');
    }
    const live =
      status === 'onbekend' || status === 'geen-antwoord' ? null : verbergBijzonder(status, gebruiker);
    // Another gemeente's traject answers exactly like an unknown one.
    vereisGemeente(gebruiker, live?.state.gemeente ?? readModel?.gemeente);
    const persoon = (await this.inburgeraars.namen([id], gebruiker, requestId)).get(id);
    return {
      id,
      workflowId,
      readModel,
      status: live,
      inburgeraar: persoon ? { id: persoon.inburgeraarId, naam: persoon.naam } : null,
    };
  }

  /**
   * The traject's story in readable lines (what happened, what is planned), from the workflow's
   * `tijdlijn` query. A closed workflow still answers queries (from its history) as long as the
   * namespace keeps it.
   */
  async tijdlijn(
    id: string,
    gebruiker: AangemeldeGebruiker,
  ): Promise<{ id: string; regels: TijdlijnRegel[] }> {
    if (!UUID.test(id)) throw trajectOnbekend();
    const workflowId = trajectWorkflowId(id);
    const rij = await this.leesModel(id);
    let regels: TijdlijnRegel[];
    try {
      const handle = this.client.workflow.getHandle(workflowId);
      const [status, tijdlijn] = await this.client.connection.withDeadline(
        Date.now() + QUERY_TIMEOUT_MS,
        () => Promise.all([handle.query(statusQuery), handle.query(tijdlijnQuery)]),
      );
      vereisGemeente(gebruiker, status.state.gemeente ?? rij?.gemeente);
      regels = tijdlijn;
    } catch (err) {
      if (err instanceof ProblemException) throw err;
      if (isVernietigd(err)) throw gegevensVernietigd();
      this.metrieken.temporalFout('query', err);
      if (err instanceof WorkflowNotFoundError) throw trajectOnbekend();
      vereisGemeente(gebruiker, rij?.gemeente);
      throw temporalOnbereikbaar('De tijdlijn kan nu niet worden opgehaald');
    }
    return { id, regels };
  }

  /**
   * The gemeente's route of one traject (issue 15 point 7): the checklist from the workflow's `status`
   * query (each step's status, last day, how and by whom it was done) and where the template comes from.
   */
  async route(id: string, gebruiker: AangemeldeGebruiker): Promise<RouteView> {
    if (!UUID.test(id)) throw trajectOnbekend();
    const status = await this.queryStatus(trajectWorkflowId(id));
    if (status === 'onbekend') throw trajectOnbekend();
    if (status === 'geen-antwoord') {
      vereisGemeente(gebruiker, (await this.leesModel(id))?.gemeente);
      throw temporalOnbereikbaar('De route kan nu niet worden opgehaald');
    }
    vereisGemeente(gebruiker, status.state.gemeente ?? undefined);
    const route = status.route ?? null;
    const sjabloon = route
      ? ROUTE_SJABLONEN.find((r) => r.id === route.id && r.versie === route.versie)
      : undefined;
    return { id, route, bron: sjabloon?.bron ?? null };
  }

  /**
   * Sends one command as a Temporal Update (updateId = commandId, so a repeat gets the same
   * answer) and returns the new status. A rule the decider rejects is 409 (state conflict) or
   * 422 (rule); no worker in time is 503 and the command was not applied (an Update is only
   * durable once a worker accepted it), so the caller can safely send it again.
   *
   * Nothing here reads Postgres on the way of an accepted command (issue 13), and nothing asks
   * Temporal before the Update (issue 14): the caller's gemeente scope travels with the command and the
   * workflow's validator refuses a traject outside it (404 here, like an unknown one), atomically with
   * the state it checks; the workflow writes the audit row. Only the rare paths ask for the traject's
   * gemeente (describe): no such workflow, a closed one, or no worker in time.
   */
  async voerUit(
    id: string,
    route: CommandoRoute,
    payload: Record<string, unknown> & { commandId: string },
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<CommandoResultaat> {
    if (!UUID.test(id)) throw trajectOnbekend();
    const { type } = COMMANDO_ROUTES[route];
    const workflowId = trajectWorkflowId(id);
    const audit = { gebruiker, actie: type, trajectId: id, commandId: payload.commandId, requestId };
    const afgesloten = async () => {
      await this.audit.schrijf({ ...audit, uitkomst: 'afgewezen', code: 'AFGESLOTEN' });
      return new ProblemException(
        problem(409, 'Het traject is afgesloten; er kan niets meer worden vastgelegd.', {
          code: 'AFGESLOTEN',
        }),
      );
    };
    try {
      const resultaat = await this.metrieken.meetUpdate(type, () =>
        this.client.connection.withDeadline(Date.now() + this.config.api.commandTimeoutMs, () =>
          this.client.workflow.getHandle(workflowId).executeUpdate(commandoUpdate(type), {
            args: [
              {
                ...payload,
                door: gebruiker.sub,
                herkomst: {
                  rol: gebruiker.rol,
                  gemeente: gebruiker.gemeente,
                  requestId,
                  bereik: bereikVan(gebruiker),
                },
              } as CommandoPayload<typeof type>,
            ],
            updateId: payload.commandId,
          }),
        ),
      );
      this.metrieken.commandos.inc({ actie: type, uitkomst: 'geaccepteerd', code: '' });
      return resultaat;
    } catch (err) {
      // The workflow's validator carries the decider's DomainError across (contract/fouten.ts).
      if (err instanceof WorkflowUpdateFailedError) {
        if (isBuitenBereik(err)) throw trajectOnbekend();
        const afwijzing = domeinFoutUit(err) ?? {
          code: 'AFGEWEZEN',
          detail: 'Het traject heeft het commando geweigerd.',
          categorie: 'conflict' as const,
          veld: null,
        };
        await this.audit.schrijf({ ...audit, uitkomst: 'afgewezen', code: afwijzing.code });
        throw domeinProbleem(afwijzing);
      }
      this.metrieken.temporalFout('update', err);
      if (err instanceof WorkflowNotFoundError || isUpdateZonderAntwoord(err)) {
        // No workflow (unknown, or closed), or no worker in time: ask Temporal whose traject it is, so
        // another gemeente's traject answers 404 here too and its existence does not leak.
        const { gemeente, open } = await this.beschrijf(workflowId);
        vereisGemeente(gebruiker, gemeente);
        if (!open) throw await afgesloten();
        if (isUpdateZonderAntwoord(err)) throw workerOnbereikbaar('het commando');
        throw temporalOnbereikbaar('Het traject kan nu niet worden bereikt');
      }
      throw err;
    }
  }

  /** The traject's gemeente and whether it still runs, from Temporal (not the read model). */
  private async beschrijf(workflowId: string): Promise<{ gemeente: string | undefined; open: boolean }> {
    try {
      const d = await this.client.connection.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () =>
        this.client.workflow.getHandle(workflowId).describe(),
      );
      return {
        gemeente: d.typedSearchAttributes.get(searchAttributes.Gemeente),
        open: d.status.name === 'RUNNING',
      };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw trajectOnbekend();
      this.metrieken.temporalFout('describe', err);
      throw temporalOnbereikbaar('Het traject kan nu niet worden bereikt');
    }
  }

  /** The read-model row, or null when there is none or Postgres is down (the live status still answers). */
  private async leesModel(id: string): Promise<TrajectRij | null> {
    try {
      return await this.trajecten.vind(id);
    } catch (err) {
      if (isDatabaseOnbereikbaar(err)) return null;
      throw err;
    }
  }

  private async queryStatus(workflowId: string): Promise<TrajectStatus | 'onbekend' | 'geen-antwoord'> {
    try {
      return await this.client.connection.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () =>
        this.client.workflow.getHandle(workflowId).query(statusQuery),
      );
    } catch (err) {
      this.metrieken.temporalFout('query', err);
      if (err instanceof WorkflowNotFoundError) return 'onbekend';
      return 'geen-antwoord';
    }
  }
}
