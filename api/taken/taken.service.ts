import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { Logger } from '../../platform/logger';
import { trajectWorkflowId } from '../../workflows/ids';
import { taakAfgerondSignaal } from '../../workflows/messages';
import { AuditService } from '../audit';
import { type AangemeldeGebruiker, magGemeente } from '../auth';
import { leesCursor, pagina, SqlParameters, vingerafdruk } from '../common/cursor';
import { ProblemException, problem } from '../common/problem';
import { Metrieken } from '../metrics/metrieken';
import { DATA_SOURCE, TEMPORAL_CLIENT } from '../platform/platform.module';
import { UUID } from '../trajecten/traject-id';
import type { TakenQuery } from './taken.dto';

export interface TaakView {
  id: string;
  /** Null for a task of the whole gemeente (the quarterly CBS delivery). */
  trajectId: string | null;
  /** Who must act: the casemanager, or the team lead (escalations of the nightly run). */
  ontvanger: string;
  soort: string;
  actie: string;
  regel: string;
  niveau: number | null;
  vervaldatum: string;
  omschrijving: string;
  status: string;
  /** The traject's current casemanager (tasks follow the traject when it is reassigned). */
  casemanager: string | null;
  aangemaaktOp: string;
  afgerondOp: string | null;
  afgerondDoor: string | null;
}

interface Rij {
  id: string;
  traject_id: string | null;
  ontvanger: string;
  gemeente: string;
  sleutel: string;
  soort: string;
  actie: string;
  regel: string;
  niveau: number | null;
  vervaldatum: string;
  omschrijving: string;
  status: string;
  casemanager: string | null;
  aangemaakt_op: Date;
  afgerond_op: Date | null;
  afgerond_door: string | null;
}

const KOLOMMEN = `t.id, t.traject_id, t.ontvanger, t.gemeente, t.sleutel, t.soort, t.actie, t.regel, t.niveau, t.vervaldatum, t.omschrijving,
  t.status, COALESCE(tr.casemanager, t.casemanager) AS casemanager, t.aangemaakt_op, t.afgerond_op, t.afgerond_door`;

const log = new Logger('api.taken');

function takenOnbekend(): ProblemException {
  return new ProblemException(problem(404, 'Er is geen taak met deze id.', { code: 'TAAK_ONBEKEND' }));
}

@Injectable()
export class TakenService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly audit: AuditService,
    private readonly metrieken: Metrieken,
  ) {}

  /**
   * Tasks and escalations of the caller's gemeente, due first. A casemanager sees their own by
   * default (the traject's current casemanager); a teamleider or admin the whole gemeente.
   */
  async lijst(
    q: TakenQuery,
    gebruiker: AangemeldeGebruiker,
  ): Promise<{ items: TaakView[]; volgende: string | null }> {
    const waar: string[] = [];
    const p = new SqlParameters();
    const param = (v: unknown) => p.zet(v);
    if (gebruiker.gemeente !== null) waar.push(`t.gemeente = ${param(gebruiker.gemeente)}`);
    waar.push(`t.status = ${param(q.status)}`);
    if (q.actie) waar.push(`t.actie = ${param(q.actie)}`);
    if (q.ontvanger) waar.push(`t.ontvanger = ${param(q.ontvanger)}`);
    if (q.trajectId) waar.push(`t.traject_id = ${param(q.trajectId)}`);
    if (q.vervaltVoor) waar.push(`t.vervaldatum < ${param(q.vervaltVoor)}::date`);
    const casemanager = q.casemanager ?? (gebruiker.rol === 'casemanager' ? 'ik' : 'alle');
    if (casemanager === 'geen') waar.push('COALESCE(tr.casemanager, t.casemanager) IS NULL');
    else if (casemanager === 'ik')
      waar.push(`COALESCE(tr.casemanager, t.casemanager) = ${param(gebruiker.sub)}`);
    else if (casemanager !== 'alle')
      waar.push(`COALESCE(tr.casemanager, t.casemanager) = ${param(casemanager)}`);

    const { cursor: _c, limiet: _l, ...zoekvraag } = q;
    const fingerprint = vingerafdruk(gebruiker.gemeente, gebruiker.sub, zoekvraag, casemanager);
    if (q.cursor) {
      const c = leesCursor(q.cursor, fingerprint);
      waar.push(`(t.vervaldatum, t.id) > (${param(c.v)}::date, ${param(c.id)}::uuid)`);
    }
    const rijen: Rij[] = await this.dataSource.query(
      `SELECT ${KOLOMMEN}
       FROM taak t LEFT JOIN traject tr ON tr.id = t.traject_id
       WHERE ${waar.join(' AND ')}
       ORDER BY t.vervaldatum ASC, t.id ASC
       LIMIT ${param(q.limiet + 1)}`,
      p.waarden,
    );
    return pagina(rijen, q.limiet, naarView, fingerprint, (r) => r.vervaldatum);
  }

  /**
   * Marks a task done by hand. Idempotent: a task already done answers as it is; a task that
   * became moot (the traject closed, a later warning replaced it) is a 409.
   */
  async rondAf(id: string, gebruiker: AangemeldeGebruiker, requestId: string): Promise<TaakView> {
    if (!UUID.test(id)) throw takenOnbekend();
    const { view, rij } = await this.markeer(id, gebruiker, requestId);
    await this.meldAanWorkflow(rij, gebruiker);
    return view;
  }

  /**
   * The traject's workflow keeps its own list of open tasks (the `status` query): tell it, as a
   * Signal (durable even when no worker runs). Tasks of the nightly run are not on that list. Best
   * effort: the row is done either way, and a repeated afronden sends it again.
   */
  private async meldAanWorkflow(rij: Rij, gebruiker: AangemeldeGebruiker): Promise<void> {
    if (!rij.traject_id || rij.sleutel.startsWith('ronde:')) return;
    try {
      await this.client.connection.withDeadline(Date.now() + 5_000, () =>
        this.client.workflow
          .getHandle(trajectWorkflowId(rij.traject_id as string))
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
  ): Promise<{ view: TaakView; rij: Rij }> {
    return this.dataSource.transaction(async (m) => {
      const [rij] = (await m.query(
        `SELECT ${KOLOMMEN} FROM taak t LEFT JOIN traject tr ON tr.id = t.traject_id WHERE t.id = $1 FOR UPDATE OF t`,
        [id],
      )) as Rij[];
      if (!rij || !magGemeente(gebruiker, rij.gemeente)) throw takenOnbekend();
      const audit = { gebruiker, actie: 'taakAfronden', trajectId: rij.traject_id, requestId };
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
      const [bijgewerkt] = (await m.query(
        `UPDATE taak SET status = 'afgerond', afgerond_op = now(), afgerond_door = $2 WHERE id = $1
         RETURNING afgerond_op, afgerond_door`,
        [id, gebruiker.sub],
      )) as
        | [Pick<Rij, 'afgerond_op' | 'afgerond_door'>[], number]
        | Pick<Rij, 'afgerond_op' | 'afgerond_door'>[];
      const velden = Array.isArray(bijgewerkt) ? bijgewerkt[0] : bijgewerkt;
      await m.query(
        `INSERT INTO audit_event (actor, rol, gemeente, actie, traject_id, uitkomst, request_id)
         VALUES ($1, $2, $3, 'taakAfronden', $4, 'geaccepteerd', $5)`,
        [gebruiker.sub, gebruiker.rol, gebruiker.gemeente, rij.traject_id, requestId],
      );
      return { view: naarView({ ...rij, status: 'afgerond', ...velden }), rij };
    });
  }
}

function naarView(r: Rij): TaakView {
  return {
    id: r.id,
    trajectId: r.traject_id,
    ontvanger: r.ontvanger,
    soort: r.soort,
    actie: r.actie,
    regel: r.regel,
    niveau: r.niveau,
    vervaldatum: r.vervaldatum,
    omschrijving: r.omschrijving,
    status: r.status,
    casemanager: r.casemanager,
    aangemaaktOp: r.aangemaakt_op.toISOString(),
    afgerondOp: r.afgerond_op ? new Date(r.afgerond_op).toISOString() : null,
    afgerondDoor: r.afgerond_door,
  };
}
