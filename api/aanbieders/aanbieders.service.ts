import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { domeinFoutUit } from '../../contract/fouten';
import { trajectWorkflowId } from '../../contract/ids';
import {
  type CommandoPayload,
  commandoUpdate,
  statusQuery,
  type TrajectStatus,
} from '../../contract/traject-workflow';
import type { Leerroute, Taaldoelen, WeekVoortgang } from '../../domain/traject';
import type { AppConfig } from '../../platform/config';
import { TrajectRepository } from '../../platform/persistence/repositories';
import { AuditService } from '../audit';
import { type AangemeldeGebruiker, gemeentenFilter, trajectOnbekend, vereisGemeente } from '../auth';
import { isUpdateZonderAntwoord, workerOnbereikbaar } from '../common/afhankelijkheden';
import { leesCursor, maakCursor, vingerafdruk } from '../common/cursor';
import { domeinProbleem } from '../common/domein-probleem';
import { isVernietigd, ProblemException, problem, temporalOnbereikbaar } from '../common/problem';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../infrastructure/infrastructure.module';
import { Metrieken } from '../metrics/metrieken';
import { UUID } from '../trajecten/traject-id';
import type { AanbiederLijstQuery, VoortgangBody } from './aanbieders.dto';

const QUERY_TIMEOUT_MS = 5_000;

/**
 * What a taalaanbieder sees of a traject it teaches: the route and its own weekly reports. No person
 * (no name, BSN or birth date), no casemanager, tasks or other facts of the traject.
 */
export interface AanbiederTrajectView {
  id: string;
  gemeente: string;
  leerroute: Leerroute | null;
  taaldoelen: Taaldoelen | null;
  aanbodGestartOp: string | null;
  afgesloten: boolean;
  /** The lesuren of its own reports together. */
  lesurenTotaal: number;
  weken: WeekVoortgang[];
}

export interface AanbiederLijst {
  items: { id: string; gemeente: string; fase: string; leerroute: string | null }[];
  volgende: string | null;
}

/** Sorted keys, so the same report always hashes the same. */
function inhoudHash(inhoud: Record<string, unknown>): string {
  const sorteer = (w: unknown): unknown =>
    Array.isArray(w)
      ? w.map(sorteer)
      : w && typeof w === 'object'
        ? Object.fromEntries(
            Object.entries(w as Record<string, unknown>)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, sorteer(v)]),
          )
        : w;
  return createHash('sha256')
    .update(JSON.stringify(sorteer(inhoud)))
    .digest('hex')
    .slice(0, 32);
}

/**
 * The commandId of a week's report: the week and a hash of what it says. The same report twice is
 * one command (applied once); a correction says something else, so it is a new command that replaces
 * the week. `aanbieder:` marks the source (a person's ids get `ui:`, DUO's `duo:`).
 */
export function voortgangCommandId(aanbieder: string, body: VoortgangBody): string {
  const { trajectId, week, lesuren, verzuimGeoorloofd, verzuimOngeoorloofd } = body;
  const toetsen = [...(body.toetsen ?? [])].sort((a, b) => a.component.localeCompare(b.component));
  const hash = inhoudHash({
    aanbieder,
    trajectId,
    week,
    lesuren,
    verzuimGeoorloofd,
    verzuimOngeoorloofd,
    toetsen,
  });
  return `aanbieder:${week}:${hash}`;
}

export function aanbiederView(id: string, status: TrajectStatus): AanbiederTrajectView {
  const s = status.state;
  const weken = s.voortgang ?? [];
  return {
    id,
    gemeente: s.gemeente ?? '',
    leerroute: s.leerroute,
    taaldoelen: s.taaldoelen,
    aanbodGestartOp: s.aanbodGestartOp,
    afgesloten: s.afgesloten,
    lesurenTotaal: weken.reduce((som, w) => som + w.lesuren, 0),
    weken,
  };
}

/**
 * The taalaanbieder's door (issue 15): it sees and feeds only the trajecten its organisation teaches
 * (`startAanbod` recorded it), within the gemeenten of its token. Anything else answers exactly like
 * an unknown traject (404), so it learns nothing about trajecten it does not teach.
 */
@Injectable()
export class AanbiedersService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly trajecten: TrajectRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly metrieken: Metrieken,
  ) {}

  /** The traject's live status, only for the organisation that teaches it; 404 otherwise. */
  private async eigenTraject(id: string, gebruiker: AangemeldeGebruiker): Promise<TrajectStatus> {
    if (!UUID.test(id) || !gebruiker.organisatie) throw trajectOnbekend();
    let status: TrajectStatus;
    try {
      status = await this.client.connection.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () =>
        this.client.workflow.getHandle(trajectWorkflowId(id)).query(statusQuery),
      );
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || isVernietigd(err)) throw trajectOnbekend();
      this.metrieken.temporalFout('query', err);
      throw temporalOnbereikbaar('Het traject kan nu niet worden opgehaald');
    }
    vereisGemeente(gebruiker, status.state.gemeente);
    if (status.state.aanbieder !== gebruiker.organisatie) throw trajectOnbekend();
    return status;
  }

  async haalOp(id: string, gebruiker: AangemeldeGebruiker): Promise<AanbiederTrajectView> {
    return aanbiederView(id, await this.eigenTraject(id, gebruiker));
  }

  /** The open trajecten the organisation teaches (read model), in id order, paged by cursor. */
  async lijst(q: AanbiederLijstQuery, gebruiker: AangemeldeGebruiker): Promise<AanbiederLijst> {
    if (!gebruiker.organisatie) return { items: [], volgende: null };
    const limiet = q.limiet ?? 50;
    const filter = gemeentenFilter(gebruiker);
    if (filter !== null && filter.length === 0) return { items: [], volgende: null };
    const f = vingerafdruk('aanbieder', gebruiker.organisatie, filter);
    const na = q.cursor ? leesCursor(q.cursor, f).id : null;
    if (na !== null && !UUID.test(na)) throw trajectOnbekend();
    const rijen = await this.trajecten.vanAanbieder(gebruiker.organisatie, filter, na, limiet + 1);
    const pagina = rijen.slice(0, limiet);
    const laatste = pagina.at(-1);
    return {
      items: pagina.map((r) => ({ id: r.id, gemeente: r.gemeente, fase: r.fase, leerroute: r.leerroute })),
      volgende: rijen.length > limiet && laatste ? maakCursor({ f, v: null, id: laatste.id }) : null,
    };
  }

  /**
   * One week's report as a Temporal Update on the traject (updateId = commandId): applied once, a
   * correction of the week replaces it. The workflow audits what it applied; refusals here are
   * audited by the API. No worker in time: 503, nothing applied.
   */
  async registreer(
    body: VoortgangBody,
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<{ toegepast: boolean; traject: AanbiederTrajectView }> {
    const status = await this.eigenTraject(body.trajectId, gebruiker);
    const organisatie = gebruiker.organisatie as string;
    const commandId = voortgangCommandId(organisatie, body);
    const audit = {
      gebruiker,
      actie: 'registreerVoortgang',
      trajectId: body.trajectId,
      commandId,
      requestId,
    };
    // The same report again: applied before, nothing to send (an Update with the same id would answer
    // with the first outcome, which does not say it is a repeat).
    if (status.state.verwerkteCommandIds.includes(commandId)) {
      return { toegepast: false, traject: aanbiederView(body.trajectId, status) };
    }
    if (status.state.afgesloten) {
      await this.audit.schrijf({ ...audit, uitkomst: 'afgewezen', code: 'AFGESLOTEN' });
      throw new ProblemException(
        problem(409, 'Het traject is afgesloten; er kan niets meer worden vastgelegd.', {
          code: 'AFGESLOTEN',
        }),
      );
    }
    const { trajectId, ...velden } = body;
    const payload: CommandoPayload<'registreerVoortgang'> = {
      ...velden,
      aanbieder: organisatie,
      commandId,
      door: gebruiker.sub,
    };
    try {
      const resultaat = await this.metrieken.meetUpdate('registreerVoortgang', () =>
        this.client.connection.withDeadline(Date.now() + this.config.api.commandTimeoutMs, () =>
          this.client.workflow
            .getHandle(trajectWorkflowId(trajectId))
            .executeUpdate(commandoUpdate('registreerVoortgang'), {
              args: [
                {
                  ...payload,
                  herkomst: {
                    rol: gebruiker.rol,
                    gemeente: gebruiker.gemeente ?? (status.state.gemeente as string),
                    requestId,
                  },
                },
              ],
              updateId: commandId,
            }),
        ),
      );
      this.metrieken.commandos.inc({ actie: 'registreerVoortgang', uitkomst: 'geaccepteerd', code: '' });
      return { toegepast: resultaat.toegepast, traject: aanbiederView(trajectId, resultaat.status) };
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        const afwijzing = domeinFoutUit(err) ?? {
          code: 'AFGEWEZEN',
          detail: 'Het traject heeft het commando geweigerd.',
          categorie: 'conflict' as const,
          veld: null,
        };
        await this.audit.schrijf({ ...audit, uitkomst: 'afgewezen', code: afwijzing.code });
        // Another provider took over meanwhile: the same answer as for a traject it never taught.
        if (afwijzing.code === 'AANBIEDER_ONBEKEND') throw trajectOnbekend();
        throw domeinProbleem(afwijzing);
      }
      this.metrieken.temporalFout('update', err);
      if (err instanceof WorkflowNotFoundError || isUpdateZonderAntwoord(err))
        throw workerOnbereikbaar('de voortgang');
      throw err;
    }
  }
}
