import { DomainError } from './shared/fouten';
import { isGeldigeTijd, type Tijd } from './shared/kalender';

/**
 * Policy numbers: they differ per gemeente. A traject snapshots its gemeente's policy at aanmelding (and
 * again at a verhuizing), so that `decide` and `deadlines` need nothing but the state.
 */
export interface Beleid {
  /** T6: months between voortgangsgesprekken in the first year after the first PIP. */
  voortgangsgesprekMaandenEersteJaar: number;
  /** T6: months between voortgangsgesprekken after the first year. */
  voortgangsgesprekMaandenDaarna: number;
  /** T7: warn this many months before the end of the inburgeringstermijn (the ladder). */
  termijnWaarschuwingenMaanden: number[];
  /** T9: signal this many months before a household child turns 18. */
  achttienSignaalMaandenVooraf: number;
  /** T11: no contact for this many months: the person is "uit beeld". */
  geenContactMaanden: number;
  /** Onderwijsroute only for people younger than this age on the PIP dagtekening. */
  onderwijsrouteMaxLeeftijd: number;
  /** T5: the ontzorgen review (toets financiële zelfredzaamheid) is due this many weeks before its end. */
  ontzorgenEvaluatieWekenVooraf: number;
  /** Wall-clock time (Europe/Amsterdam) at which timers meant for people fire. */
  meldtijd: Tijd;
}

export const standaardBeleid: Readonly<Beleid> = Object.freeze({
  voortgangsgesprekMaandenEersteJaar: 3,
  voortgangsgesprekMaandenDaarna: 6,
  termijnWaarschuwingenMaanden: [12, 6, 3, 1],
  achttienSignaalMaandenVooraf: 6,
  geenContactMaanden: 4,
  onderwijsrouteMaxLeeftijd: 28,
  ontzorgenEvaluatieWekenVooraf: 4,
  meldtijd: '07:00',
});

function geheel(waarde: unknown, min: number, max: number): boolean {
  return typeof waarde === 'number' && Number.isInteger(waarde) && waarde >= min && waarde <= max;
}

/** The defaults with a gemeente's overrides applied; throws BELEID_ONGELDIG naming the bad setting. */
export function beleidVoor(afwijkingen: Partial<Beleid> = {}): Beleid {
  if (typeof afwijkingen !== 'object' || afwijkingen === null)
    throw new DomainError('BELEID_ONGELDIG', 'beleid');
  const onbekend = Object.keys(afwijkingen).find((k) => !(k in standaardBeleid));
  if (onbekend) throw new DomainError('BELEID_ONGELDIG', onbekend);
  const beleid: Beleid = {
    ...standaardBeleid,
    ...afwijkingen,
    termijnWaarschuwingenMaanden: [
      ...(afwijkingen.termijnWaarschuwingenMaanden ?? standaardBeleid.termijnWaarschuwingenMaanden),
    ],
  };
  const controles: [keyof Beleid, boolean][] = [
    ['voortgangsgesprekMaandenEersteJaar', geheel(beleid.voortgangsgesprekMaandenEersteJaar, 1, 24)],
    ['voortgangsgesprekMaandenDaarna', geheel(beleid.voortgangsgesprekMaandenDaarna, 1, 24)],
    ['termijnWaarschuwingenMaanden', geldigeMaandenLadder(beleid.termijnWaarschuwingenMaanden)],
    ['achttienSignaalMaandenVooraf', geheel(beleid.achttienSignaalMaandenVooraf, 0, 24)],
    ['geenContactMaanden', geheel(beleid.geenContactMaanden, 1, 24)],
    ['onderwijsrouteMaxLeeftijd', geheel(beleid.onderwijsrouteMaxLeeftijd, 18, 99)],
    ['ontzorgenEvaluatieWekenVooraf', geheel(beleid.ontzorgenEvaluatieWekenVooraf, 0, 26)],
    ['meldtijd', isGeldigeTijd(beleid.meldtijd)],
  ];
  const fout = controles.find(([, goed]) => !goed);
  if (fout) throw new DomainError('BELEID_ONGELDIG', fout[0]);
  beleid.termijnWaarschuwingenMaanden.sort((a, b) => b - a);
  return beleid;
}

/**
 * Policy of the nightly escalation ladder (domain/escalatie), per gemeente. The steps that mirror a
 * traject's own timers (T7 termijn ladder, T11 no contact) default to the same numbers as `Beleid`, so
 * a default lives in one place; the PIP escalation itself is the law's term (WET.pipTermijnWeken).
 */
export interface EscalatieBeleid {
  /** A task open more than this many working days (Mon–Fri) past its due date goes to the teamleider. */
  taakTeLaatWerkdagen: number;
  /** Warn the casemanager when no PIP is adopted this many weeks after the PIP clock started. */
  pipWaarschuwingWeken: number;
  /** Warn this many months before the end of the termijn while the duty is not met (niveau 1..n). */
  termijnWaarschuwingenMaanden: number[];
  /** No contact recorded for this many months: "uit beeld" escalation. */
  geenContactMaanden: number;
  /**
   * Verzuim (issue 15): unexcused absence above this percentage of the planned lesuren (attended +
   * absent, excused or not) over the last `verzuimWeken` complete ISO weeks → "verzuim bespreken".
   */
  verzuimGrensProcent: number;
  /** The window of the verzuim share, in complete ISO weeks before the current one. */
  verzuimWeken: number;
  /** Still above the limit this many working days after the casemanager's task: to the teamleider. */
  verzuimEscalatieWerkdagen: number;
}

export const standaardEscalatieBeleid: Readonly<EscalatieBeleid> = Object.freeze({
  taakTeLaatWerkdagen: 5,
  pipWaarschuwingWeken: 8,
  termijnWaarschuwingenMaanden: standaardBeleid.termijnWaarschuwingenMaanden,
  geenContactMaanden: standaardBeleid.geenContactMaanden,
  verzuimGrensProcent: 20,
  verzuimWeken: 4,
  verzuimEscalatieWerkdagen: 10,
});

/** Overrides per gemeente (CBS code), as configured for the nightly run. */
export type EscalatieBeleidPerGemeente = Record<string, Partial<EscalatieBeleid>>;

function geldigeMaandenLadder(maanden: unknown): boolean {
  return (
    Array.isArray(maanden) &&
    maanden.every((m) => geheel(m, 1, 35)) &&
    new Set(maanden).size === maanden.length
  );
}

/** The defaults with a gemeente's overrides applied; throws BELEID_ONGELDIG naming the bad setting. */
export function escalatieBeleidVoor(afwijkingen: Partial<EscalatieBeleid> = {}): EscalatieBeleid {
  if (typeof afwijkingen !== 'object' || afwijkingen === null)
    throw new DomainError('BELEID_ONGELDIG', 'escalatiebeleid');
  const onbekend = Object.keys(afwijkingen).find((k) => !(k in standaardEscalatieBeleid));
  if (onbekend) throw new DomainError('BELEID_ONGELDIG', onbekend);
  const beleid: EscalatieBeleid = {
    ...standaardEscalatieBeleid,
    ...afwijkingen,
    termijnWaarschuwingenMaanden: [
      ...(afwijkingen.termijnWaarschuwingenMaanden ?? standaardEscalatieBeleid.termijnWaarschuwingenMaanden),
    ],
  };
  const controles: [keyof EscalatieBeleid, boolean][] = [
    ['taakTeLaatWerkdagen', geheel(beleid.taakTeLaatWerkdagen, 0, 60)],
    ['pipWaarschuwingWeken', geheel(beleid.pipWaarschuwingWeken, 1, 52)],
    ['termijnWaarschuwingenMaanden', geldigeMaandenLadder(beleid.termijnWaarschuwingenMaanden)],
    ['geenContactMaanden', geheel(beleid.geenContactMaanden, 1, 24)],
    ['verzuimGrensProcent', geheel(beleid.verzuimGrensProcent, 1, 100)],
    ['verzuimWeken', geheel(beleid.verzuimWeken, 1, 26)],
    ['verzuimEscalatieWerkdagen', geheel(beleid.verzuimEscalatieWerkdagen, 1, 60)],
  ];
  const fout = controles.find(([, goed]) => !goed);
  if (fout) throw new DomainError('BELEID_ONGELDIG', fout[0]);
  beleid.termijnWaarschuwingenMaanden.sort((a, b) => b - a);
  return beleid;
}

/** Validates every gemeente's overrides once (at start-up), so the nightly run cannot trip over them. */
export function escalatieBeleidPerGemeente(
  afwijkingen: EscalatieBeleidPerGemeente = {},
): Record<string, EscalatieBeleid> {
  return Object.fromEntries(
    Object.entries(afwijkingen).map(([gemeente, a]) => [gemeente, escalatieBeleidVoor(a)]),
  );
}
