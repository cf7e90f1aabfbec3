import type { WeekAanwezigheid } from '../domain/escalatie/verzuim';
import type { ExamenStand } from '../domain/rapportage/examens';
import type { OpenRoutestap } from '../domain/traject/route';

/** The read-model row (`traject`) as the workflow sends it to its activity: no personal data. */
export interface TrajectSnapshot {
  trajectId: string;
  workflowId: string;
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
  /** Writes land only when newer than the stored version (retries and delays never roll back). */
  versie: number;
  /** Facts the nightly escalation ladder reads (domain/escalatie). */
  pipKlokStart: string | null;
  pipUiterlijk: string | null;
  pipVastgesteldOp: string | null;
  laatsteContact: string | null;
  ontzorgenEvaluatieOp: string | null;
  /** Facts the reports read (api/rapportage): outcome date and reason, exam standing per component. */
  uitkomstOp?: string | null;
  uitkomstReden?: string | null;
  examens?: Partial<Record<string, ExamenStand>>;
  /** Issue 15: the taalaanbieder that teaches, and its weekly reports (the nightly verzuim step). */
  aanbieder?: string | null;
  aanwezigheid?: WeekAanwezigheid[];
  /** Issue 15 point 7: the gemeente's route steps still open with a known last day (the nightly run). */
  routestappen?: OpenRoutestap[];
}
