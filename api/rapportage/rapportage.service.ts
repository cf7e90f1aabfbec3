import { Injectable } from '@nestjs/common';
import { type Kwartaal, kwartaalGrenzen } from '../../domain/rapportage';
import { datumVanInstant } from '../../domain/shared/kalender';
import { EXAMENCOMPONENTEN } from '../../domain/traject';
import { geldend, WET } from '../../domain/wet';
import { type CbsSwiRij, RapportageRepository } from '../../platform/persistence/repositories';
import { type AangemeldeGebruiker, gemeentenFilter } from '../auth';
import { csvCel } from '../common/csv';

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

/**
 * Reports for team leads and the CBS, straight from the read model and the tasks (no personal
 * data there). A user sees their own gemeente; operations without a gemeente may pick one or see all.
 */
@Injectable()
export class RapportageService {
  constructor(private readonly rapportage: RapportageRepository) {}

  /** The token's scope (its gemeente, its list, or every gemeente for "*"), narrowed to `gevraagd`. */
  private gemeenteFilter(gebruiker: AangemeldeGebruiker, gevraagd: string | undefined): string[] | null {
    return gemeentenFilter(gebruiker, gevraagd);
  }

  async overzicht(
    gebruiker: AangemeldeGebruiker,
    gevraagd?: string,
  ): Promise<{ gemeenten: GemeenteOverzicht[] }> {
    const gemeente = this.gemeenteFilter(gebruiker, gevraagd);
    const [groepen, pip, escalaties, caseload] = await Promise.all([
      this.rapportage.groepen(gemeente),
      // T1 as in force today (Besluit art. 5.3): the share of PIPs adopted within the legal term.
      this.rapportage.pipBinnen(gemeente, geldend(WET.pipTermijnWeken, datumVanInstant(Date.now())) * 7),
      this.rapportage.openEscalaties(gemeente),
      this.rapportage.caseload(gemeente),
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
    const gemeenten = this.gemeenteFilter(gebruiker, q.gemeente);
    const [rijen, uitstroom] = await Promise.all([
      this.rapportage.cohorten(gemeenten, q.van ?? null, q.tot ?? null),
      this.rapportage.uitstroom(gemeenten, q.van ?? null, q.tot ?? null),
    ]);
    const getal = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
    return {
      gemeente: gemeenten?.length === 1 ? gemeenten[0] : null,
      cohorten: rijen.map((r) => ({
        maand: r.maand,
        trajecten: r.trajecten,
        pipVastgesteld: r.pipVastgesteld,
        mediaanDagenTotPip: getal(r.pipMediaan),
        voldaan: r.voldaan,
        mediaanDagenTotVoldaan: getal(r.voldaanMediaan),
        examens: Object.fromEntries(
          Object.entries(r.examens).map(([c, { deelgenomen, behaald }]) => [
            c,
            {
              deelgenomen,
              behaald,
              slagingspercentage: deelgenomen > 0 ? getal((behaald / deelgenomen) * 100) : null,
            },
          ]),
        ),
        uitstroom: Object.fromEntries(
          uitstroom.filter((u) => u.maand === r.maand).map((u) => [u.reden, u.n]),
        ),
      })),
    };
  }

  /**
   * The quarterly Statistiek Wet Inburgering facts per traject, as CSV (`;`, CBS style): every
   * traject of the gemeente(n) that ran during the quarter. No names or BSN: the traject id is the
   * key. Streamed page by page (issue 13): the first chunk is the header and the first page, so a
   * database that is down fails before anything was sent.
   */
  async *cbsSwiStroom(
    gebruiker: AangemeldeGebruiker,
    kwartaal: Kwartaal,
    gevraagd?: string,
  ): AsyncGenerator<string> {
    const gemeente = this.gemeenteFilter(gebruiker, gevraagd);
    const { start, einde } = kwartaalGrenzen(kwartaal);
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
    const regel = (r: CbsSwiRij) => {
      // Outcome facts after the quarter are left out: the export describes the quarter.
      const uitkomstInKwartaal = r.uitkomstOp !== null && r.uitkomstOp <= einde;
      return [
        kwartaal,
        r.gemeente,
        r.id,
        r.doelgroep,
        r.kennisgevingsdatum,
        r.leerroute,
        r.pipVastgesteldOp !== null && r.pipVastgesteldOp <= einde ? r.pipVastgesteldOp : '',
        r.termijnEinde,
        r.termijnOverschreden ? 'J' : 'N',
        uitkomstInKwartaal ? r.fase : 'lopend',
        uitkomstInKwartaal ? r.uitkomstOp : '',
        uitkomstInKwartaal ? r.uitkomstReden : '',
        // Passed by the end of the quarter (J), tried but not (yet) passed (N), no attempt (empty).
        ...EXAMENCOMPONENTEN.map((c) => {
          const stand = r.examens[c];
          if (!stand) return '';
          return stand.behaaldOp && stand.behaaldOp <= einde ? 'J' : 'N';
        }),
      ]
        .map(csvCel)
        .join(';');
    };
    let kop = `${kolommen.join(';')}\r\n`;
    let na: CbsSwiRij | null = null;
    for (;;) {
      const rijen = await this.rapportage.cbsSwi(gemeente, start, einde, na, CBS_PAGINA);
      const deel = rijen.map((r) => `${regel(r)}\r\n`).join('');
      yield kop + deel;
      kop = '';
      if (rijen.length < CBS_PAGINA) return;
      na = rijen[rijen.length - 1];
    }
  }

  /** The whole export as one string (small quarters, tests). */
  async cbsSwi(gebruiker: AangemeldeGebruiker, kwartaal: Kwartaal, gevraagd?: string): Promise<string> {
    let csv = '';
    for await (const deel of this.cbsSwiStroom(gebruiker, kwartaal, gevraagd)) csv += deel;
    return csv;
  }
}

/** Rows per page of the CBS export. */
const CBS_PAGINA = 1000;
