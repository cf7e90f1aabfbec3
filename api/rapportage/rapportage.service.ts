import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Kwartaal, kwartaalGrenzen } from '../../domain/rapportage';
import { EXAMENCOMPONENTEN } from '../../domain/traject';
import type { AangemeldeGebruiker } from '../auth';
import { DATA_SOURCE } from '../platform/platform.module';

type Telling = Record<string, number>;

export interface GemeenteOverzicht {
  gemeente: string;
  trajecten: number;
  open: number;
  perFase: Telling;
  perLeerroute: Telling;
  perDoelgroep: Telling;
  /** PIPs adopted within 10 weeks of the PIP clock's start, of all adopted PIPs. */
  pipBinnenTienWeken: { vastgesteld: number; binnen: number; aandeel: number | null };
  /** Open escalations and warnings per casemanager (`(geen)` when nobody is assigned). */
  openEscalatiesPerCasemanager: { casemanager: string; escalaties: number; waarschuwingen: number }[];
  caseloadPerCasemanager: { casemanager: string; open: number }[];
}

export interface Cohort {
  maand: string;
  trajecten: number;
  pipVastgesteld: number;
  mediaanDagenTotPip: number | null;
  voldaan: number;
  mediaanDagenTotVoldaan: number | null;
  /** Per component: trajecten with an attempt, of whom passed, and the share. */
  examens: Record<string, { deelgenomen: number; behaald: number; slagingspercentage: number | null }>;
  uitstroom: Telling;
}

const GEEN = '(geen)';

/**
 * Reports for team leads and the CBS, straight from the read model and the tasks (no personal
 * data there). A user sees their own gemeente; operations without a gemeente may pick one or see all.
 */
@Injectable()
export class RapportageService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  private gemeenteFilter(gebruiker: AangemeldeGebruiker, gevraagd: string | undefined): string | null {
    return gebruiker.gemeente ?? gevraagd ?? null;
  }

  async overzicht(
    gebruiker: AangemeldeGebruiker,
    gevraagd?: string,
  ): Promise<{ gemeenten: GemeenteOverzicht[] }> {
    const gemeente = this.gemeenteFilter(gebruiker, gevraagd);
    const p = [gemeente];
    const waar = '($1::varchar IS NULL OR gemeente = $1)';
    const [groepen, pip, escalaties, caseload] = await Promise.all([
      this.dataSource.query(
        `SELECT gemeente, 'fase' AS as, fase AS waarde, count(*)::int AS n FROM traject WHERE ${waar} GROUP BY gemeente, fase
         UNION ALL
         SELECT gemeente, 'leerroute', COALESCE(leerroute, '${GEEN}'), count(*)::int FROM traject WHERE ${waar} GROUP BY gemeente, leerroute
         UNION ALL
         SELECT gemeente, 'doelgroep', doelgroep, count(*)::int FROM traject WHERE ${waar} GROUP BY gemeente, doelgroep
         UNION ALL
         SELECT gemeente, 'open', afgesloten::text, count(*)::int FROM traject WHERE ${waar} GROUP BY gemeente, afgesloten`,
        p,
      ) as Promise<{ gemeente: string; as: string; waarde: string; n: number }[]>,
      this.dataSource.query(
        `SELECT gemeente, count(*)::int AS vastgesteld,
                count(*) FILTER (WHERE pip_vastgesteld_op <= pip_klok_start + 70)::int AS binnen
         FROM traject WHERE ${waar} AND pip_vastgesteld_op IS NOT NULL AND pip_klok_start IS NOT NULL
         GROUP BY gemeente`,
        p,
      ) as Promise<{ gemeente: string; vastgesteld: number; binnen: number }[]>,
      this.dataSource.query(
        `SELECT t.gemeente, COALESCE(tr.casemanager, t.casemanager, '${GEEN}') AS casemanager,
                count(*) FILTER (WHERE t.actie = 'escalatie')::int AS escalaties,
                count(*) FILTER (WHERE t.actie = 'waarschuwing')::int AS waarschuwingen
         FROM taak t LEFT JOIN traject tr ON tr.id = t.traject_id
         WHERE ($1::varchar IS NULL OR t.gemeente = $1) AND t.status = 'open' AND t.actie IN ('escalatie', 'waarschuwing')
         GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`,
        p,
      ) as Promise<{ gemeente: string; casemanager: string; escalaties: number; waarschuwingen: number }[]>,
      this.dataSource.query(
        `SELECT gemeente, COALESCE(casemanager, '${GEEN}') AS casemanager, count(*)::int AS open
         FROM traject WHERE ${waar} AND NOT afgesloten GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`,
        p,
      ) as Promise<{ gemeente: string; casemanager: string; open: number }[]>,
    ]);

    const perGemeente = new Map<string, GemeenteOverzicht>();
    const van = (g: string): GemeenteOverzicht => {
      let o = perGemeente.get(g);
      if (!o) {
        o = {
          gemeente: g,
          trajecten: 0,
          open: 0,
          perFase: {},
          perLeerroute: {},
          perDoelgroep: {},
          pipBinnenTienWeken: { vastgesteld: 0, binnen: 0, aandeel: null },
          openEscalatiesPerCasemanager: [],
          caseloadPerCasemanager: [],
        };
        perGemeente.set(g, o);
      }
      return o;
    };
    for (const r of groepen) {
      const o = van(r.gemeente);
      if (r.as === 'fase') {
        o.perFase[r.waarde] = r.n;
        o.trajecten += r.n;
      } else if (r.as === 'leerroute') o.perLeerroute[r.waarde] = r.n;
      else if (r.as === 'doelgroep') o.perDoelgroep[r.waarde] = r.n;
      else if (r.as === 'open' && r.waarde === 'false') o.open = r.n;
    }
    for (const r of pip) {
      van(r.gemeente).pipBinnenTienWeken = {
        vastgesteld: r.vastgesteld,
        binnen: r.binnen,
        aandeel: r.vastgesteld > 0 ? Math.round((r.binnen / r.vastgesteld) * 1000) / 1000 : null,
      };
    }
    for (const r of escalaties) {
      van(r.gemeente).openEscalatiesPerCasemanager.push({
        casemanager: r.casemanager,
        escalaties: r.escalaties,
        waarschuwingen: r.waarschuwingen,
      });
    }
    for (const r of caseload)
      van(r.gemeente).caseloadPerCasemanager.push({ casemanager: r.casemanager, open: r.open });
    return { gemeenten: [...perGemeente.values()].sort((a, b) => a.gemeente.localeCompare(b.gemeente)) };
  }

  async cohorten(
    gebruiker: AangemeldeGebruiker,
    q: { van?: string; tot?: string; gemeente?: string },
  ): Promise<{ gemeente: string | null; cohorten: Cohort[] }> {
    const gemeente = this.gemeenteFilter(gebruiker, q.gemeente);
    const p = [gemeente, q.van ?? null, q.tot ?? null];
    const waar = `($1::varchar IS NULL OR gemeente = $1)
      AND ($2::date IS NULL OR kennisgevingsdatum >= $2::date) AND ($3::date IS NULL OR kennisgevingsdatum <= $3::date)`;
    const componenten = EXAMENCOMPONENTEN.map(
      (c) => `count(*) FILTER (WHERE examens ? '${c}')::int AS "${c}_deel",
              count(*) FILTER (WHERE (examens -> '${c}' ->> 'behaald')::boolean)::int AS "${c}_behaald"`,
    ).join(',\n');
    const [rijen, uitstroom] = await Promise.all([
      this.dataSource.query(
        `SELECT to_char(kennisgevingsdatum, 'YYYY-MM') AS maand, count(*)::int AS trajecten,
                count(pip_vastgesteld_op)::int AS pip,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY pip_vastgesteld_op - kennisgevingsdatum)
                  FILTER (WHERE pip_vastgesteld_op IS NOT NULL) AS pip_mediaan,
                count(*) FILTER (WHERE fase = 'voldaan')::int AS voldaan,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY uitkomst_op - kennisgevingsdatum)
                  FILTER (WHERE fase = 'voldaan' AND uitkomst_op IS NOT NULL) AS voldaan_mediaan,
                ${componenten}
         FROM traject WHERE ${waar} GROUP BY 1 ORDER BY 1`,
        p,
      ) as Promise<Record<string, string | number | null>[]>,
      this.dataSource.query(
        `SELECT to_char(kennisgevingsdatum, 'YYYY-MM') AS maand, fase || COALESCE(':' || uitkomst_reden, '') AS reden,
                count(*)::int AS n
         FROM traject WHERE ${waar} AND afgesloten GROUP BY 1, 2`,
        p,
      ) as Promise<{ maand: string; reden: string; n: number }[]>,
    ]);
    const getal = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
    return {
      gemeente,
      cohorten: rijen.map((r) => ({
        maand: String(r.maand),
        trajecten: Number(r.trajecten),
        pipVastgesteld: Number(r.pip),
        mediaanDagenTotPip: getal(r.pip_mediaan),
        voldaan: Number(r.voldaan),
        mediaanDagenTotVoldaan: getal(r.voldaan_mediaan),
        examens: Object.fromEntries(
          EXAMENCOMPONENTEN.map((c) => {
            const deel = Number(r[`${c}_deel`]);
            const behaald = Number(r[`${c}_behaald`]);
            return [
              c,
              {
                deelgenomen: deel,
                behaald,
                slagingspercentage: deel > 0 ? getal((behaald / deel) * 100) : null,
              },
            ];
          }),
        ),
        uitstroom: Object.fromEntries(
          uitstroom.filter((u) => u.maand === r.maand).map((u) => [u.reden, u.n]),
        ),
      })),
    };
  }

  /**
   * The quarterly Statistiek Wet Inburgering facts per traject, as CSV (`;`, CBS style): every
   * traject of the gemeente that ran during the quarter. No names or BSN: the traject id is the key.
   */
  async cbsSwi(gebruiker: AangemeldeGebruiker, kwartaal: Kwartaal, gevraagd?: string): Promise<string> {
    const gemeente = this.gemeenteFilter(gebruiker, gevraagd);
    const { start, einde } = kwartaalGrenzen(kwartaal);
    const rijen: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT gemeente, id, doelgroep, kennisgevingsdatum, leerroute, pip_vastgesteld_op, termijn_einde,
              termijn_overschreden, fase, uitkomst_op, uitkomst_reden, examens
       FROM traject
       WHERE ($1::varchar IS NULL OR gemeente = $1) AND kennisgevingsdatum <= $3::date
         AND (uitkomst_op IS NULL OR uitkomst_op >= $2::date)
       ORDER BY gemeente, kennisgevingsdatum, id`,
      [gemeente, start, einde],
    );
    const kolommen = [
      'kwartaal',
      'gemeentecode',
      'traject_id',
      'doelgroep',
      'kennisgevingsdatum',
      'leerroute',
      'pip_datum',
      'termijn_einde',
      'termijn_overschreden',
      'fase',
      'uitkomst_datum',
      'uitkomst_reden',
      ...EXAMENCOMPONENTEN.map((c) => `examen_${c}_behaald`),
    ];
    const veld = (v: unknown) => {
      const s = v === null || v === undefined ? '' : String(v);
      return /[;"\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    };
    const regels = rijen.map((r) => {
      const examens = (r.examens ?? {}) as Record<string, { behaaldOp?: string | null }>;
      // Outcome facts after the quarter are left out: the export describes the quarter.
      const uitkomstInKwartaal = r.uitkomst_op !== null && String(r.uitkomst_op) <= einde;
      return [
        kwartaal,
        r.gemeente,
        r.id,
        r.doelgroep,
        r.kennisgevingsdatum,
        r.leerroute,
        r.pip_vastgesteld_op !== null && String(r.pip_vastgesteld_op) <= einde ? r.pip_vastgesteld_op : '',
        r.termijn_einde,
        r.termijn_overschreden ? 'J' : 'N',
        uitkomstInKwartaal ? r.fase : 'lopend',
        uitkomstInKwartaal ? r.uitkomst_op : '',
        uitkomstInKwartaal ? r.uitkomst_reden : '',
        // Passed by the end of the quarter (J), tried but not (yet) passed (N), no attempt (empty).
        ...EXAMENCOMPONENTEN.map((c) => {
          const stand = examens[c];
          if (!stand) return '';
          return stand.behaaldOp && stand.behaaldOp <= einde ? 'J' : 'N';
        }),
      ]
        .map(veld)
        .join(';');
    });
    return `${[kolommen.join(';'), ...regels].join('\r\n')}\r\n`;
  }
}
