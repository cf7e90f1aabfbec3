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
    [
      'termijnWaarschuwingenMaanden',
      Array.isArray(beleid.termijnWaarschuwingenMaanden) &&
        beleid.termijnWaarschuwingenMaanden.every((m) => geheel(m, 1, 35)) &&
        new Set(beleid.termijnWaarschuwingenMaanden).size === beleid.termijnWaarschuwingenMaanden.length,
    ],
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
