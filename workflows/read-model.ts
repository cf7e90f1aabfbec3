import { type ExamenStand, examenOverzicht } from '../domain/rapportage/examens';
import {
  type Deadline,
  ontzorgenEvaluatieDatum,
  pipKlokStart,
  pipUiterlijk,
  type TrajectState,
} from '../domain/traject';
import { trajectWorkflowId } from './ids';

/** The read-model row as the workflow sends it to the activity (no personal data). */
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
}

export interface TrajectSnapshotBron {
  state: TrajectState;
  deadlines: Deadline[];
  kennisgevingsdatum: string;
  versie: number;
}

export function toSnapshot({
  state,
  deadlines,
  kennisgevingsdatum,
  versie,
}: TrajectSnapshotBron): TrajectSnapshot {
  const volgende = deadlines[0];
  return {
    trajectId: state.trajectId,
    workflowId: trajectWorkflowId(state.trajectId),
    gemeente: state.gemeente ?? '',
    doelgroep: state.doelgroep ?? '',
    fase: state.fase,
    leerroute: state.leerroute,
    casemanager: state.casemanager,
    kennisgevingsdatum,
    termijnEinde: state.termijnEinde,
    volgendeDeadline: volgende?.datum ?? null,
    volgendeDeadlineSoort: volgende?.soort ?? null,
    termijnOverschreden: state.termijnOverschreden,
    afgesloten: state.afgesloten,
    versie,
    pipKlokStart: pipKlokStart(state),
    pipUiterlijk: pipUiterlijk(state),
    pipVastgesteldOp: state.pipVersies[0]?.dagtekening ?? null,
    laatsteContact: state.laatsteContact,
    ontzorgenEvaluatieOp: ontzorgenEvaluatieDatum(state),
    uitkomstOp: state.afsluiting?.datum ?? null,
    uitkomstReden: state.afsluiting?.reden ?? null,
    examens: examenOverzicht(state.examenresultaten),
  };
}
