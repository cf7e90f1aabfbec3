import type { KetenTaak } from '../../../domain/keten';
import type { OpenTaak } from '../../../domain/traject';
import { type Db, type GemeenteFilter, gemeenteVoorwaarde, geraakteRijen, iso, SqlParameters } from './db';
import type { Keyset } from './traject.repository';

/** One task or escalation, with the traject's *current* casemanager (tasks follow a reassignment). */
export interface TaakRij {
  id: string;
  /** Null for a task of the whole gemeente (the quarterly CBS delivery). */
  trajectId: string | null;
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
  aangemaaktOp: string;
  afgerondOp: string | null;
  afgerondDoor: string | null;
}

export interface TaakFilter {
  /** null: every gemeente (national scope); a list: those gemeenten (regional scope). */
  gemeente: GemeenteFilter;
  status: string;
  actie?: string;
  ontvanger?: string;
  trajectId?: string;
  vervaltVoor?: string;
  /** A staff id, null for "no casemanager", undefined for all. */
  casemanager?: string | null;
}

/** A new escalation of the nightly run (unique on traject + soort + sleutel + vervaldatum). */
export interface NieuweEscalatie {
  trajectId: string;
  gemeente: string;
  soort: string;
  actie: string;
  regel: string;
  sleutel: string;
  niveau: number | null;
  vervaldatum: string;
  omschrijving: string;
  casemanager: string | null;
  ontvanger: string;
}

/** A line of a night's digest: one recipient, one kind, how many (and some examples, see `digestVoorbeelden`). */
export interface DigestTelling {
  rol: string;
  ontvanger: string;
  gemeente: string;
  soort: string;
  aantal: number;
}

export interface DigestVoorbeeld {
  rol: string;
  ontvanger: string;
  gemeente: string;
  regel: string;
}

const KOLOMMEN = `t.id, t.traject_id, t.ontvanger, t.gemeente, t.sleutel, t.soort, t.actie, t.regel, t.niveau,
  t.vervaldatum, t.omschrijving, t.status, COALESCE(tr.casemanager, t.casemanager) AS casemanager,
  t.aangemaakt_op, t.afgerond_op, t.afgerond_door`;
const HUIDIGE_CASEMANAGER = 'COALESCE(tr.casemanager, t.casemanager)';

type Ruw = Record<string, unknown>;

function naarRij(r: Ruw): TaakRij {
  return {
    id: r.id as string,
    trajectId: r.traject_id as string | null,
    ontvanger: r.ontvanger as string,
    gemeente: r.gemeente as string,
    sleutel: r.sleutel as string,
    soort: r.soort as string,
    actie: r.actie as string,
    regel: r.regel as string,
    niveau: r.niveau as number | null,
    vervaldatum: r.vervaldatum as string,
    omschrijving: r.omschrijving as string,
    status: r.status as string,
    casemanager: r.casemanager as string | null,
    aangemaaktOp: iso(r.aangemaakt_op) as string,
    afgerondOp: iso(r.afgerond_op),
    afgerondDoor: r.afgerond_door as string | null,
  };
}

/** The `taak` table: tasks of the workflow, escalations of the nightly run, gemeente reminders. */
export class TaakRepository {
  constructor(private readonly db: Db) {}

  /** Idempotent: the unique key makes a retried or replayed create a no-op. */
  async maak(o: {
    trajectId: string;
    gemeente: string;
    casemanager: string | null;
    taken: OpenTaak[];
  }): Promise<number> {
    let aangemaakt = 0;
    for (const t of o.taken) {
      const rows: unknown[] = await this.db.query(
        `INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, niveau, vervaldatum, omschrijving, casemanager)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
         ON CONFLICT ON CONSTRAINT taak_uniek DO NOTHING
         RETURNING id`,
        [
          o.trajectId,
          o.gemeente,
          t.soort,
          t.actie,
          t.regel,
          t.sleutel,
          t.niveau,
          t.vervaldatum,
          t.omschrijving,
          o.casemanager,
        ],
      );
      aangemaakt += rows.length;
    }
    return aangemaakt;
  }

  /** Closes by the workflow: only tasks that are still open change. */
  async sluit(
    trajectId: string,
    taken: Pick<OpenTaak, 'soort' | 'sleutel' | 'vervaldatum'>[],
    status: 'afgerond' | 'vervallen',
  ): Promise<number> {
    let gesloten = 0;
    for (const t of taken) {
      const rows = geraakteRijen(
        await this.db.query(
          `UPDATE taak SET status = $5, afgerond_op = now(), afgerond_door = 'workflow'
           WHERE traject_id = $1 AND soort = $2 AND sleutel = $3 AND vervaldatum = $4 AND status = 'open'
           RETURNING id`,
          [trajectId, t.soort, t.sleutel, t.vervaldatum, status],
        ),
      );
      gesloten += rows.length;
    }
    return gesloten;
  }

  /** A page of tasks, due first (keyset on vervaldatum + id). Returns up to `limiet` rows. */
  async lijst(filter: TaakFilter, na: Keyset | null, limiet: number): Promise<TaakRij[]> {
    const waar: string[] = [];
    const p = new SqlParameters();
    const gemeente = gemeenteVoorwaarde('t.gemeente', filter.gemeente, p);
    if (gemeente) waar.push(gemeente);
    waar.push(`t.status = ${p.zet(filter.status)}`);
    if (filter.actie) waar.push(`t.actie = ${p.zet(filter.actie)}`);
    if (filter.ontvanger) waar.push(`t.ontvanger = ${p.zet(filter.ontvanger)}`);
    if (filter.trajectId) waar.push(`t.traject_id = ${p.zet(filter.trajectId)}`);
    if (filter.vervaltVoor) waar.push(`t.vervaldatum < ${p.zet(filter.vervaltVoor)}::date`);
    if (filter.casemanager === null) waar.push(`${HUIDIGE_CASEMANAGER} IS NULL`);
    else if (filter.casemanager !== undefined)
      waar.push(`${HUIDIGE_CASEMANAGER} = ${p.zet(filter.casemanager)}`);
    if (na) waar.push(`(t.vervaldatum, t.id) > (${p.zet(na.v)}::date, ${p.zet(na.id)}::uuid)`);
    const rijen = (await this.db.query(
      `SELECT ${KOLOMMEN}
       FROM taak t LEFT JOIN traject tr ON tr.id = t.traject_id
       WHERE ${waar.join(' AND ')}
       ORDER BY t.vervaldatum ASC, t.id ASC
       LIMIT ${p.zet(limiet)}`,
      p.waarden,
    )) as Ruw[];
    return rijen.map(naarRij);
  }

  /** The task, locked for the rest of the transaction `db` (afronden by hand). */
  async vindVoorWijziging(id: string, db: Db): Promise<TaakRij | null> {
    const [r] = (await db.query(
      `SELECT ${KOLOMMEN} FROM taak t LEFT JOIN traject tr ON tr.id = t.traject_id WHERE t.id = $1 FOR UPDATE OF t`,
      [id],
    )) as Ruw[];
    return r ? naarRij(r) : null;
  }

  async rondAf(
    id: string,
    door: string,
    db: Db = this.db,
  ): Promise<Pick<TaakRij, 'afgerondOp' | 'afgerondDoor'>> {
    const [rij] = geraakteRijen(
      await db.query(
        `UPDATE taak SET status = 'afgerond', afgerond_op = now(), afgerond_door = $2 WHERE id = $1
         RETURNING afgerond_op, afgerond_door`,
        [id, door],
      ),
    );
    return { afgerondOp: iso(rij.afgerond_op), afgerondDoor: rij.afgerond_door as string | null };
  }

  /** Open workflow tasks (not the nightly run's own) of these trajecten, for the escalation ladder. */
  async openWorkflowTaken(
    trajectIds: string[],
  ): Promise<{ id: string; trajectId: string; soort: string; vervaldatum: string }[]> {
    const rijen = (await this.db.query(
      `SELECT id, traject_id, soort, vervaldatum FROM taak
        WHERE traject_id = ANY($1::uuid[]) AND status = 'open' AND sleutel NOT LIKE 'ronde:%'`,
      [trajectIds],
    )) as Ruw[];
    return rijen.map((r) => ({
      id: r.id as string,
      trajectId: r.traject_id as string,
      soort: r.soort as string,
      vervaldatum: r.vervaldatum as string,
    }));
  }

  /** Open tasks, warnings and escalations per traject (badges in the UI's lists); trajecten without any are left out. */
  async openTellingPerTraject(
    trajectIds: string[],
    gemeente: string | null,
  ): Promise<{ trajectId: string; taken: number; waarschuwingen: number; escalaties: number }[]> {
    if (trajectIds.length === 0) return [];
    return (await this.db.query(
      `SELECT traject_id AS "trajectId",
              count(*) FILTER (WHERE actie = 'taak')::int AS taken,
              count(*) FILTER (WHERE actie = 'waarschuwing')::int AS waarschuwingen,
              count(*) FILTER (WHERE actie = 'escalatie')::int AS escalaties
         FROM taak
        WHERE status = 'open' AND traject_id = ANY($1::uuid[]) AND ($2::varchar IS NULL OR gemeente = $2)
        GROUP BY traject_id`,
      [trajectIds, gemeente],
    )) as { trajectId: string; taken: number; waarschuwingen: number; escalaties: number }[];
  }

  /** Stores a night's escalations in one statement; those already there are skipped. Returns how many are new. */
  async voegEscalatiesToe(rondeId: string, nieuwe: NieuweEscalatie[]): Promise<number> {
    if (nieuwe.length === 0) return 0;
    const kolom = <K extends keyof NieuweEscalatie>(k: K) => nieuwe.map((e) => e[k]);
    const [{ aantal }] = (await this.db.query(
      `WITH nieuw AS (
         INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, niveau, vervaldatum,
                           omschrijving, casemanager, ontvanger, ronde_id)
         SELECT u.*, $12::varchar FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[],
           $5::varchar[], $6::varchar[], $7::int[], $8::date[], $9::text[], $10::varchar[], $11::varchar[]) AS u
         ON CONFLICT DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS aantal FROM nieuw`,
      [
        kolom('trajectId'),
        kolom('gemeente'),
        kolom('soort'),
        kolom('actie'),
        kolom('regel'),
        kolom('sleutel'),
        kolom('niveau'),
        kolom('vervaldatum'),
        kolom('omschrijving'),
        kolom('casemanager'),
        kolom('ontvanger'),
        rondeId,
      ],
    )) as { aantal: number }[];
    return aantal;
  }

  /**
   * One reminder task per gemeente that has trajecten (unique on gemeente + soort + sleutel for
   * gemeente tasks). No ronde_id: a reminder is not an escalation, so a night's counts leave it out.
   */
  async maakGemeenteHerinneringen(h: {
    soort: string;
    regel: string;
    sleutel: string;
    vervaldatum: string;
    omschrijving: string;
  }): Promise<number> {
    const rijen: unknown[] = await this.db.query(
      `INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, niveau, vervaldatum, omschrijving,
                         ontvanger)
       SELECT NULL, g.gemeente, $1, 'taak', $2, $3, NULL, $4::date, $5, 'teamleider'
         FROM (SELECT DISTINCT gemeente FROM traject) g
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [h.soort, h.regel, h.sleutel, h.vervaldatum, h.omschrijving],
    );
    return rijen.length;
  }

  /**
   * Tasks the chain's feeds ask for (issue 15: the warm handover of a BRP verhuizing, domain/keten.ts),
   * in one statement; one already there (the same source reference sent again) is skipped.
   */
  async maakKetenTaken(taken: KetenTaak[]): Promise<number> {
    if (taken.length === 0) return 0;
    const kolom = <K extends keyof KetenTaak>(k: K) => taken.map((t) => t[k]);
    const rijen: unknown[] = await this.db.query(
      `INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, niveau, vervaldatum, omschrijving,
                         casemanager)
       SELECT u.traject_id, u.gemeente, u.soort, 'taak', u.regel, u.sleutel, NULL, u.vervaldatum, u.omschrijving,
              u.casemanager
         FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::date[],
                     $7::text[], $8::varchar[])
           AS u(traject_id, gemeente, soort, regel, sleutel, vervaldatum, omschrijving, casemanager)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        kolom('trajectId'),
        kolom('gemeente'),
        kolom('soort'),
        kolom('regel'),
        kolom('sleutel'),
        kolom('vervaldatum'),
        kolom('omschrijving'),
        kolom('casemanager'),
      ],
    );
    return rijen.length;
  }

  /** New escalations of one night per `soort:niveau` (counted from the table, so a re-run stays exact). */
  async aantallenVanRonde(rondeId: string): Promise<{ soort: string; niveau: number; aantal: number }[]> {
    return (await this.db.query(
      `SELECT soort, niveau, count(*)::int AS aantal FROM taak WHERE ronde_id = $1
        GROUP BY soort, niveau ORDER BY soort, niveau`,
      [rondeId],
    )) as { soort: string; niveau: number; aantal: number }[];
  }

  /**
   * Per recipient of a night's digest (each casemanager; the gemeente's teamleider for escalations
   * addressed to them and for trajecten without a casemanager): counts per soort and up to 20 example lines.
   */
  async digestVanRonde(
    rondeId: string,
  ): Promise<{ tellingen: DigestTelling[]; voorbeelden: DigestVoorbeeld[] }> {
    const nieuw = `
      SELECT 'casemanager' AS rol, casemanager AS ontvanger, gemeente, soort, niveau, traject_id, omschrijving
        FROM taak WHERE ronde_id = $1 AND casemanager IS NOT NULL
      UNION ALL
      SELECT 'teamleider', gemeente, gemeente, soort, niveau, traject_id, omschrijving
        FROM taak WHERE ronde_id = $1 AND (ontvanger = 'teamleider' OR casemanager IS NULL)`;
    const [tellingen, voorbeelden] = await Promise.all([
      this.db.query(
        `SELECT rol, ontvanger, gemeente, soort, count(*)::int AS aantal FROM (${nieuw}) n
          GROUP BY rol, ontvanger, gemeente, soort ORDER BY rol, ontvanger, gemeente, soort`,
        [rondeId],
      ) as Promise<DigestTelling[]>,
      this.db.query(
        `SELECT rol, ontvanger, gemeente, regel FROM (
           SELECT rol, ontvanger, gemeente,
                  '- traject ' || traject_id || ': ' || omschrijving AS regel,
                  row_number() OVER (PARTITION BY rol, ontvanger, gemeente ORDER BY soort, niveau DESC, traject_id) AS nr
             FROM (${nieuw}) n) v
          WHERE nr <= 20 ORDER BY rol, ontvanger, gemeente, nr`,
        [rondeId],
      ) as Promise<DigestVoorbeeld[]>,
    ]);
    return { tellingen, voorbeelden };
  }
}
