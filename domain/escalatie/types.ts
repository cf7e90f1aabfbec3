import type { PlainDate } from '../shared/kalender';
import type { WeekAanwezigheid } from './verzuim';

/** The steps of the nightly escalation ladder (issue 6). Stable codes: stored in `taak.soort`. */
export const ESCALATIE_SOORTEN = [
  'taak-te-laat',
  'pip-niet-vastgesteld',
  'termijn-loopt-af',
  'uit-beeld',
  'ontzorgen-niet-besloten',
  'verzuim',
  'routestap-te-laat',
] as const;
export type EscalatieSoort = (typeof ESCALATIE_SOORTEN)[number];

/**
 * Who must act. There is no casemanager → teamleider mapping: a teamleider escalation is addressed to
 * the team lead(s) of the traject's gemeente.
 */
export type Ontvanger = 'casemanager' | 'teamleider';

/** The read-model row as the ladder needs it (no personal data). */
export interface TrajectPeilgegevens {
  trajectId: string;
  gemeente: string;
  fase: string;
  afgesloten: boolean;
  kennisgevingsdatum: PlainDate;
  /** T1: the day the PIP clock started (kennisgeving or later BRP registration). */
  pipKlokStart: PlainDate | null;
  /** T1: the last day for the PIP by law (null while third-party information is awaited). */
  pipUiterlijk: PlainDate | null;
  /** Dagtekening of the first PIP; null while none is adopted. */
  pipVastgesteldOp: PlainDate | null;
  /** Last day of the inburgeringstermijn (after verlengingen). */
  termijnEinde: PlainDate | null;
  laatsteContact: PlainDate | null;
  /** T5: due date of the ontzorgen review while ontzorgen is active and undecided. */
  ontzorgenEvaluatieOp: PlainDate | null;
  /** The taalaanbieder's weekly reports (issue 15); absent or empty: no verzuim step. */
  aanwezigheid?: readonly WeekAanwezigheid[];
  /** Issue 15 point 7: the gemeente's route steps still open, with their last day (absent: none). */
  routestappen?: readonly { stapId: string; naam: string; wie: string; uiterlijk: PlainDate }[];
}

/** An open task of the traject (from its own timers), as stored in `taak`. */
export interface OpenTaakRegel {
  taakId: string;
  soort: string;
  vervaldatum: PlainDate;
}

export interface Escalatie {
  soort: EscalatieSoort;
  /** `taak`: a step for the casemanager to act on (verzuim bespreken), not a warning about a deadline. */
  actie: 'taak' | 'waarschuwing' | 'escalatie';
  /** Severity within the soort: 1 is the first step. */
  niveau: number;
  ontvanger: Ontvanger;
  /** Rule of domain.md the step guards (`taak.regel`). */
  regel: string;
  /** Unique per traject: `ronde:<soort>:<niveau>` (plus the task for `taak-te-laat`). */
  sleutel: string;
  /**
   * The day the step was reached, derived from the facts (never from the night it was noticed), so a
   * re-run on another night finds the same row.
   */
  peildatum: PlainDate;
  /** Dutch one-liner for the task list and the digest. */
  omschrijving: string;
}
