import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { trajectWorkflowId } from '../../contract/ids';
import { taakAfgerondSignaal } from '../../contract/traject-workflow';
import { Logger } from '../../platform/logger';
import { TaakRepository, type TaakRij } from '../../platform/persistence/repositories';
import { AuditService } from '../audit';
import { type AangemeldeGebruiker, gemeentenFilter, magGemeente } from '../auth';
import { leesCursor, pagina, vingerafdruk } from '../common/cursor';
import { ProblemException, problem } from '../common/problem';
import { InburgeraarService } from '../inburgeraars/inburgeraars.service';
import { DATA_SOURCE, TEMPORAL_CLIENT } from '../infrastructure/infrastructure.module';
import { Metrieken } from '../metrics/metrieken';
import { UUID } from '../trajecten/traject-id';
import type { TakenQuery } from './taken.dto';

/**
 * A task as the API shows it: who must act (`ontvanger`), the traject's *current* casemanager (tasks
 * follow a reassignment), due date and state. Gemeente and internal key stay inside.
 */
export type TaakView = Omit<TaakRij, 'gemeente' | 'sleutel'>;

/** A task in a list, with the person's name where this user may see it (as in the traject list). */
export type TaakLijstItem = TaakView & { inburgeraarId: string | null; naam: string | null };

const log = new Logger('api.taken');

function takenOnbekend(): ProblemException {
  return new ProblemException(problem(404, 'Er is geen taak met deze id.', { code: 'TAAK_ONBEKEND' }));
}

@Injectable()
export class TakenService {
  constructor(
    private readonly taken: TaakRepository,
    @Inject(DATA_SOURCE) private readonly dataSource: Pick<DataSource, 'transaction'>,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly audit: AuditService,
    private readonly metrieken: Metrieken,
    private readonly inburgeraars: InburgeraarService,
  ) {}

  /**
   * Tasks and escalations of the caller's gemeente(n), due first. A casemanager sees their own by
   * default (the traject's current casemanager) and the team's queue (`geen`: no casemanager yet),
   * never another casemanager's or all (separation of duties, issue 13); a teamleider or admin the
   * whole gemeente.
   */
  async lijst(
    q: TakenQuery,
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<{ items: TaakLijstItem[]; volgende: string | null }> {
    const casemanager = q.casemanager ?? (gebruiker.rol === 'casemanager' ? 'ik' : 'alle');
    if (
      gebruiker.rol === 'casemanager' &&
      casemanager !== 'ik' &&
      casemanager !== 'geen' &&
      casemanager !== gebruiker.sub
    ) {
      throw new ProblemException(
        problem(
          403,
          'Een casemanager ziet de eigen taken (casemanager=ik) en die van het team zonder casemanager (casemanager=geen), niet die van anderen.',
          { code: 'TAKEN_VAN_ANDEREN', fouten: [{ veld: 'casemanager', melding: 'alleen ik of geen' }] },
        ),
      );
    }
    const { cursor: _c, limiet: _l, ...zoekvraag } = q;
    const gemeenten = gemeentenFilter(gebruiker);
    const fingerprint = vingerafdruk(gemeenten, gebruiker.sub, zoekvraag, casemanager);
    const rijen = await this.taken.lijst(
      {
        gemeente: gemeenten,
        status: q.status,
        actie: q.actie,
        ontvanger: q.ontvanger,
        trajectId: q.trajectId,
        vervaltVoor: q.vervaltVoor,
        casemanager:
          casemanager === 'alle'
            ? undefined
            : casemanager === 'geen'
              ? null
              : casemanager === 'ik'
                ? gebruiker.sub
                : casemanager,
      },
      q.cursor ? leesCursor(q.cursor, fingerprint) : null,
      q.limiet + 1,
    );
    const pag = pagina(rijen, q.limiet, naarView, fingerprint, (r) => r.vervaldatum);
    const trajectIds = [...new Set(pag.items.flatMap((t) => (t.trajectId ? [t.trajectId] : [])))];
    const namen = await this.inburgeraars.namen(trajectIds, gebruiker, requestId);
    return {
      items: pag.items.map((t) => {
        const persoon = t.trajectId ? namen.get(t.trajectId) : undefined;
        return { ...t, inburgeraarId: persoon?.inburgeraarId ?? null, naam: persoon?.naam ?? null };
      }),
      volgende: pag.volgende,
    };
  }

  /**
   * Marks a task done by hand. Idempotent: a task already done answers as it is; a task that
   * became moot (the traject closed, a later warning replaced it) is a 409.
   */
  async rondAf(id: string, gebruiker: AangemeldeGebruiker, requestId: string): Promise<TaakView> {
    if (!UUID.test(id)) throw takenOnbekend();
    const uitkomst = await this.markeer(id, gebruiker, requestId);
    if ('geweigerd' in uitkomst) {
      // Thrown after the transaction committed, so the refusal's audit row stays.
      throw new ProblemException(
        problem(403, 'Deze taak is voor de teamleider; alleen een teamleider kan haar afronden.', {
          code: 'TAAK_VOOR_TEAMLEIDER',
        }),
      );
    }
    await this.meldAanWorkflow(uitkomst.rij, gebruiker);
    return uitkomst.view;
  }

  /**
   * The traject's workflow keeps its own list of open tasks (the `status` query): tell it, as a
   * Signal (durable even when no worker runs). Tasks of the nightly run are not on that list. Best
   * effort: the row is done either way, and a repeated afronden sends it again.
   */
  private async meldAanWorkflow(rij: TaakRij, gebruiker: AangemeldeGebruiker): Promise<void> {
    if (!rij.trajectId || rij.sleutel.startsWith('ronde:')) return;
    try {
      await this.client.connection.withDeadline(Date.now() + 5_000, () =>
        this.client.workflow
          .getHandle(trajectWorkflowId(rij.trajectId as string))
          .signal(taakAfgerondSignaal, {
            sleutel: rij.sleutel,
            soort: rij.soort,
            vervaldatum: rij.vervaldatum,
            door: gebruiker.sub,
          }),
      );
    } catch (err) {
      // A closed traject has no open tasks to update; anything else is counted and logged (no ids of people).
      if ((err as { name?: string }).name === 'WorkflowNotFoundError') return;
      this.metrieken.temporalFout('signal', err);
      log.warn('taak afgerond, maar de workflow kon niet worden bijgewerkt', { taakId: rij.id });
    }
  }

  private markeer(
    id: string,
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<{ view: TaakView; rij: TaakRij } | { geweigerd: true }> {
    return this.dataSource.transaction(async (m) => {
      const rij = await this.taken.vindVoorWijziging(id, m);
      if (!rij || !magGemeente(gebruiker, rij.gemeente)) throw takenOnbekend();
      const audit = { gebruiker, actie: 'taakAfronden', trajectId: rij.trajectId, requestId };
      // Separation of duties (issue 13): what is addressed to the team lead, only a team lead closes.
      if (rij.ontvanger === 'teamleider' && gebruiker.rol !== 'teamleider') {
        await this.audit.schrijf({ ...audit, uitkomst: 'afgewezen', code: 'TAAK_VOOR_TEAMLEIDER' }, m);
        return { geweigerd: true as const };
      }
      if (rij.status === 'afgerond') return { view: naarView(rij), rij };
      if (rij.status === 'vervallen') {
        await this.audit.schrijf({ ...audit, uitkomst: 'afgewezen', code: 'TAAK_VERVALLEN' });
        throw new ProblemException(
          problem(
            409,
            'Deze taak is vervallen (het traject is afgesloten of een latere taak verving haar).',
            {
              code: 'TAAK_VERVALLEN',
            },
          ),
        );
      }
      const velden = await this.taken.rondAf(id, gebruiker.sub, m);
      await this.audit.schrijf({ ...audit, uitkomst: 'geaccepteerd' }, m);
      return { view: naarView({ ...rij, status: 'afgerond', ...velden }), rij };
    });
  }
}

function naarView(r: TaakRij): TaakView {
  const { gemeente: _g, sleutel: _s, ...view } = r;
  return view;
}
