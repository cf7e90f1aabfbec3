import type { TrajectSnapshot } from '../../../contract/read-model';
import type { WeekAanwezigheid } from '../../../domain/escalatie/verzuim';
import type { ExamenStand } from '../../../domain/rapportage/examens';
import type { OpenRoutestap } from '../../../domain/traject/route';
import { type Db, type GemeenteFilter, gemeenteVoorwaarde, iso, SqlParameters } from './db';

/**
 * One read-model row as the rest of the system sees it: the snapshot the workflow wrote (camelCase;
 * no personal data lives here), keyed by `id`, with the times the row was made and last changed.
 */
export type TrajectRij = Omit<Required<TrajectSnapshot>, 'trajectId'> & {
  id: string;
  aangemaaktOp: string;
  bijgewerktOp: string;
};

/** Sort keys of the list (ascending; `aflopend` for descending). Dates without a value sort last. */
export const TRAJECT_SORTEERVELDEN = {
  volgendeDeadline: 'volgende_deadline',
  termijnEinde: 'termijn_einde',
  kennisgevingsdatum: 'kennisgevingsdatum',
  bijgewerktOp: 'bijgewerkt_op',
} as const;
export type TrajectSorteerveld = keyof typeof TRAJECT_SORTEERVELDEN;

/** Keyset position: the sort value and id of the last row of the previous page. */
export interface Keyset {
  v: string | null;
  id: string;
}

export interface TrajectFilter {
  /** null: every gemeente (national scope); a list: those gemeenten (regional scope). */
  gemeente: GemeenteFilter;
  fase?: string;
  leerroute?: string;
  doelgroep?: string;
  /** A staff id, or null for "no casemanager". */
  casemanager?: string | null;
  deadlineVoor?: string;
  termijnOverschreden?: boolean;
  afgesloten?: boolean;
}

const KOLOMMEN = `id, workflow_id, gemeente, doelgroep, fase, leerroute, casemanager, kennisgevingsdatum,
  termijn_einde, volgende_deadline, volgende_deadline_soort, termijn_overschreden, afgesloten, versie,
  pip_klok_start, pip_uiterlijk, pip_vastgesteld_op, laatste_contact, ontzorgen_evaluatie_op, uitkomst_op,
  uitkomst_reden, examens, aanbieder, aanwezigheid, routestappen, aangemaakt_op, bijgewerkt_op`;

const NUL_UUID = '00000000-0000-0000-0000-000000000000';

type Ruw = Record<string, unknown>;

function naarRij(r: Ruw): TrajectRij {
  return {
    id: r.id as string,
    workflowId: r.workflow_id as string,
    gemeente: r.gemeente as string,
    doelgroep: r.doelgroep as string,
    fase: r.fase as string,
    leerroute: r.leerroute as string | null,
    casemanager: r.casemanager as string | null,
    kennisgevingsdatum: r.kennisgevingsdatum as string,
    termijnEinde: r.termijn_einde as string | null,
    volgendeDeadline: r.volgende_deadline as string | null,
    volgendeDeadlineSoort: r.volgende_deadline_soort as string | null,
    termijnOverschreden: r.termijn_overschreden as boolean,
    afgesloten: r.afgesloten as boolean,
    versie: r.versie as number,
    pipKlokStart: r.pip_klok_start as string | null,
    pipUiterlijk: r.pip_uiterlijk as string | null,
    pipVastgesteldOp: r.pip_vastgesteld_op as string | null,
    laatsteContact: r.laatste_contact as string | null,
    ontzorgenEvaluatieOp: r.ontzorgen_evaluatie_op as string | null,
    uitkomstOp: r.uitkomst_op as string | null,
    uitkomstReden: r.uitkomst_reden as string | null,
    examens: (r.examens ?? {}) as Partial<Record<string, ExamenStand>>,
    aanbieder: (r.aanbieder ?? null) as string | null,
    aanwezigheid: (r.aanwezigheid ?? []) as WeekAanwezigheid[],
    routestappen: (r.routestappen ?? []) as OpenRoutestap[],
    aangemaaktOp: iso(r.aangemaakt_op) as string,
    bijgewerktOp: iso(r.bijgewerkt_op) as string,
  };
}

/** The `traject` table: the read model, one row per traject, written only by the workflow's activity. */
export class TrajectRepository {
  constructor(private readonly db: Db) {}

  /**
   * Idempotent and order-safe: the write lands only when its `versie` is newer than the stored one,
   * so a retried or delayed activity never rolls the row back. When the write moves the traject to
   * another gemeente (verhuizing), its open tasks move along in the same statement, without the old
   * casemanager (issue 13: the old gemeente sees nothing of it any more).
   */
  async schrijf(s: TrajectSnapshot, db: Db = this.db): Promise<{ toegepast: boolean }> {
    const result: unknown[] = await db.query(
      `WITH geschreven AS (
       INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, leerroute, casemanager,
         kennisgevingsdatum, termijn_einde, volgende_deadline, volgende_deadline_soort,
         termijn_overschreden, afgesloten, versie, pip_klok_start, pip_uiterlijk, pip_vastgesteld_op,
         laatste_contact, ontzorgen_evaluatie_op, uitkomst_op, uitkomst_reden, examens, aanbieder,
         aanwezigheid, routestappen, bijgewerkt_op)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25, now())
       ON CONFLICT (id) DO UPDATE SET
         gemeente = EXCLUDED.gemeente, doelgroep = EXCLUDED.doelgroep, fase = EXCLUDED.fase,
         leerroute = EXCLUDED.leerroute, casemanager = EXCLUDED.casemanager,
         kennisgevingsdatum = EXCLUDED.kennisgevingsdatum, termijn_einde = EXCLUDED.termijn_einde,
         volgende_deadline = EXCLUDED.volgende_deadline,
         volgende_deadline_soort = EXCLUDED.volgende_deadline_soort,
         termijn_overschreden = EXCLUDED.termijn_overschreden, afgesloten = EXCLUDED.afgesloten,
         versie = EXCLUDED.versie, pip_klok_start = EXCLUDED.pip_klok_start,
         pip_uiterlijk = EXCLUDED.pip_uiterlijk, pip_vastgesteld_op = EXCLUDED.pip_vastgesteld_op,
         laatste_contact = EXCLUDED.laatste_contact,
         ontzorgen_evaluatie_op = EXCLUDED.ontzorgen_evaluatie_op, uitkomst_op = EXCLUDED.uitkomst_op,
         uitkomst_reden = EXCLUDED.uitkomst_reden, examens = EXCLUDED.examens,
         aanbieder = EXCLUDED.aanbieder, aanwezigheid = EXCLUDED.aanwezigheid,
         routestappen = EXCLUDED.routestappen, bijgewerkt_op = now()
       WHERE traject.versie < EXCLUDED.versie
       RETURNING id, gemeente
       ), verhuisd AS (
         UPDATE taak SET gemeente = g.gemeente, casemanager = NULL
         FROM geschreven g
         WHERE taak.traject_id = g.id AND taak.status = 'open' AND taak.gemeente <> g.gemeente
         RETURNING taak.id
       )
       SELECT id FROM geschreven`,
      [
        s.trajectId,
        s.workflowId,
        s.gemeente,
        s.doelgroep,
        s.fase,
        s.leerroute,
        s.casemanager,
        s.kennisgevingsdatum,
        s.termijnEinde,
        s.volgendeDeadline,
        s.volgendeDeadlineSoort,
        s.termijnOverschreden,
        s.afgesloten,
        s.versie,
        s.pipKlokStart ?? null,
        s.pipUiterlijk ?? null,
        s.pipVastgesteldOp ?? null,
        s.laatsteContact ?? null,
        s.ontzorgenEvaluatieOp ?? null,
        s.uitkomstOp ?? null,
        s.uitkomstReden ?? null,
        JSON.stringify(s.examens ?? {}),
        s.aanbieder ?? null,
        JSON.stringify(s.aanwezigheid ?? []),
        JSON.stringify(s.routestappen ?? []),
      ],
    );
    return { toegepast: result.length > 0 };
  }

  async vind(id: string): Promise<TrajectRij | null> {
    const [r] = (await this.db.query(`SELECT ${KOLOMMEN} FROM traject WHERE id = $1`, [id])) as Ruw[];
    return r ? naarRij(r) : null;
  }

  /** The gemeente of each known traject (feeds: which items may this caller send). */
  async gemeenten(ids: string[]): Promise<Map<string, string>> {
    const uit = new Map<string, string>();
    if (ids.length === 0) return uit;
    const rijen = (await this.db.query('SELECT id, gemeente FROM traject WHERE id = ANY($1::uuid[])', [
      ids,
    ])) as { id: string; gemeente: string }[];
    for (const r of rijen) uit.set(r.id, r.gemeente);
    return uit;
  }

  /**
   * A page of the list: filtered, sorted on one column + id (keyset, so a page is stable while rows
   * change and deep pages cost the same). Returns up to `limiet` rows, each with its sort value.
   */
  async lijst(
    filter: TrajectFilter,
    sortering: { veld: TrajectSorteerveld; aflopend: boolean },
    na: Keyset | null,
    limiet: number,
  ): Promise<(TrajectRij & { sorteerwaarde: string | null })[]> {
    const kolom = TRAJECT_SORTEERVELDEN[sortering.veld];
    const isDatum = sortering.veld !== 'bijgewerktOp';
    const leeg = sortering.aflopend ? "'-infinity'" : "'infinity'";
    const expr = isDatum ? `COALESCE(${kolom}, ${leeg}::date)` : kolom;
    const cast = isDatum ? 'date' : 'timestamptz';

    const waar: string[] = [];
    const p = new SqlParameters();
    const gemeente = gemeenteVoorwaarde('gemeente', filter.gemeente, p);
    if (gemeente) waar.push(gemeente);
    if (filter.fase) waar.push(`fase = ${p.zet(filter.fase)}`);
    if (filter.leerroute) waar.push(`leerroute = ${p.zet(filter.leerroute)}`);
    if (filter.doelgroep) waar.push(`doelgroep = ${p.zet(filter.doelgroep)}`);
    if (filter.casemanager === null) waar.push('casemanager IS NULL');
    else if (filter.casemanager !== undefined) waar.push(`casemanager = ${p.zet(filter.casemanager)}`);
    if (filter.deadlineVoor) waar.push(`volgende_deadline < ${p.zet(filter.deadlineVoor)}::date`);
    if (filter.termijnOverschreden !== undefined) {
      waar.push(`termijn_overschreden = ${p.zet(filter.termijnOverschreden)}`);
    }
    if (filter.afgesloten !== undefined) waar.push(`afgesloten = ${p.zet(filter.afgesloten)}`);
    if (na) {
      const richting = sortering.aflopend ? '<' : '>';
      waar.push(`(${expr}, id) ${richting} (${p.zet(na.v)}::${cast}, ${p.zet(na.id)}::uuid)`);
    }
    const volgorde = sortering.aflopend ? 'DESC' : 'ASC';
    const rijen = (await this.db.query(
      `SELECT ${KOLOMMEN}, (${expr})::text AS sorteerwaarde
       FROM traject
       ${waar.length > 0 ? `WHERE ${waar.join(' AND ')}` : ''}
       ORDER BY ${expr} ${volgorde}, id ${volgorde}
       LIMIT ${p.zet(limiet)}`,
      p.waarden,
    )) as Ruw[];
    return rijen.map((r) => ({ ...naarRij(r), sorteerwaarde: r.sorteerwaarde as string | null }));
  }

  /**
   * The open trajecten a taalaanbieder teaches, within the gemeenten of its token (issue 15), in id
   * order after `naId` (keyset).
   */
  async vanAanbieder(
    aanbieder: string,
    gemeente: GemeenteFilter,
    naId: string | null,
    n: number,
  ): Promise<TrajectRij[]> {
    const p = new SqlParameters();
    const waar = [
      `aanbieder = ${p.zet(aanbieder)}`,
      'NOT afgesloten',
      `id > ${p.zet(naId ?? NUL_UUID)}::uuid`,
    ];
    const g = gemeenteVoorwaarde('gemeente', gemeente, p);
    if (g) waar.push(g);
    const rijen = (await this.db.query(
      `SELECT ${KOLOMMEN} FROM traject WHERE ${waar.join(' AND ')} ORDER BY id LIMIT ${p.zet(n)}`,
      p.waarden,
    )) as Ruw[];
    return rijen.map(naarRij);
  }

  /** The next `n` open trajecten after `naId` in id order (the nightly run pages through these). */
  async openNa(naId: string | null, n: number): Promise<TrajectRij[]> {
    const rijen = (await this.db.query(
      `SELECT ${KOLOMMEN} FROM traject WHERE NOT afgesloten AND id > $1 ORDER BY id LIMIT $2`,
      [naId ?? NUL_UUID, n],
    )) as Ruw[];
    return rijen.map(naarRij);
  }
}
