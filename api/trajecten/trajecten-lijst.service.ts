import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AangemeldeGebruiker } from '../auth';
import { leesCursor, pagina, SqlParameters, vingerafdruk } from '../common/cursor';
import { DATA_SOURCE } from '../platform/platform.module';
import { type LijstQuery, sortering } from './lijst.dto';

/** One row of the list: the read model only (no personal data lives there). */
export interface TrajectLijstItem {
  id: string;
  gemeente: string;
  doelgroep: string;
  fase: string;
  leerroute: string | null;
  casemanager: string | null;
  kennisgevingsdatum: string;
  termijnEinde: string | null;
  volgendeDeadline: string | null;
  volgendeDeadlineSoort: string | null;
  termijnOverschreden: boolean;
  afgesloten: boolean;
  versie: number;
  bijgewerktOp: string;
}

export interface TrajectLijst {
  items: TrajectLijstItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  volgende: string | null;
}

interface Rij {
  id: string;
  gemeente: string;
  doelgroep: string;
  fase: string;
  leerroute: string | null;
  casemanager: string | null;
  kennisgevingsdatum: string;
  termijn_einde: string | null;
  volgende_deadline: string | null;
  volgende_deadline_soort: string | null;
  termijn_overschreden: boolean;
  afgesloten: boolean;
  versie: number;
  bijgewerkt_op: Date;
  sorteerwaarde: string;
}

@Injectable()
export class TrajectenLijstService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /**
   * The gemeente's trajecten from the read model, filtered and sorted, in pages (keyset on the
   * sort value + id, so a page is stable while rows change and deep pages cost the same).
   */
  async lijst(q: LijstQuery, gebruiker: AangemeldeGebruiker): Promise<TrajectLijst> {
    const { veld, kolom, aflopend } = sortering(q.sorteer);
    // Dates without a value (no next deadline) sort last, in both directions.
    const isDatum = veld !== 'bijgewerktOp';
    const leeg = aflopend ? "'-infinity'" : "'infinity'";
    const expr = isDatum ? `COALESCE(${kolom}, ${leeg}::date)` : kolom;
    const cast = isDatum ? 'date' : 'timestamptz';

    const waar: string[] = [];
    const p = new SqlParameters();
    const param = (v: unknown) => p.zet(v);
    if (gebruiker.gemeente !== null) waar.push(`gemeente = ${param(gebruiker.gemeente)}`);
    if (q.fase) waar.push(`fase = ${param(q.fase)}`);
    if (q.leerroute) waar.push(`leerroute = ${param(q.leerroute)}`);
    if (q.doelgroep) waar.push(`doelgroep = ${param(q.doelgroep)}`);
    if (q.casemanager === 'geen') waar.push('casemanager IS NULL');
    else if (q.casemanager === 'ik') waar.push(`casemanager = ${param(gebruiker.sub)}`);
    else if (q.casemanager) waar.push(`casemanager = ${param(q.casemanager)}`);
    if (q.deadlineVoor) waar.push(`volgende_deadline < ${param(q.deadlineVoor)}::date`);
    if (q.termijnOverschreden !== undefined) {
      waar.push(`termijn_overschreden = ${param(q.termijnOverschreden)}`);
    }
    if (q.afgesloten !== undefined) waar.push(`afgesloten = ${param(q.afgesloten)}`);

    const { cursor: _c, limiet: _l, ...zoekvraag } = q;
    const fingerprint = vingerafdruk(gebruiker.gemeente, gebruiker.sub, zoekvraag);
    if (q.cursor) {
      const c = leesCursor(q.cursor, fingerprint);
      const richting = aflopend ? '<' : '>';
      waar.push(`(${expr}, id) ${richting} (${param(c.v)}::${cast}, ${param(c.id)}::uuid)`);
    }
    const volgorde = aflopend ? 'DESC' : 'ASC';
    const sql = `
      SELECT id, gemeente, doelgroep, fase, leerroute, casemanager, kennisgevingsdatum, termijn_einde,
             volgende_deadline, volgende_deadline_soort, termijn_overschreden, afgesloten, versie,
             bijgewerkt_op, (${expr})::text AS sorteerwaarde
      FROM traject
      ${waar.length > 0 ? `WHERE ${waar.join(' AND ')}` : ''}
      ORDER BY ${expr} ${volgorde}, id ${volgorde}
      LIMIT ${param(q.limiet + 1)}`;
    const rijen: Rij[] = await this.dataSource.query(sql, p.waarden);
    return pagina(rijen, q.limiet, naarItem, fingerprint, (r) => r.sorteerwaarde);
  }
}

function naarItem(r: Rij): TrajectLijstItem {
  return {
    id: r.id,
    gemeente: r.gemeente,
    doelgroep: r.doelgroep,
    fase: r.fase,
    leerroute: r.leerroute,
    casemanager: r.casemanager,
    kennisgevingsdatum: r.kennisgevingsdatum,
    termijnEinde: r.termijn_einde,
    volgendeDeadline: r.volgende_deadline,
    volgendeDeadlineSoort: r.volgende_deadline_soort,
    termijnOverschreden: r.termijn_overschreden,
    afgesloten: r.afgesloten,
    versie: r.versie,
    bijgewerktOp: r.bijgewerkt_op.toISOString(),
  };
}
