import { trajectWorkflowId } from '../contract/ids';
import type { TrajectSnapshot } from '../contract/read-model';
import { examenOverzicht } from '../domain/rapportage/examens';
import {
  type Deadline,
  ontzorgenEvaluatieDatum,
  openRoutestappenMetTermijn,
  pipKlokStart,
  pipUiterlijk,
  type TrajectState,
} from '../domain/traject';

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
    aanbieder: state.aanbieder ?? null,
    aanwezigheid: (state.voortgang ?? []).map((w) => ({
      week: w.week,
      lesuren: w.lesuren,
      verzuimGeoorloofd: w.verzuimGeoorloofd,
      verzuimOngeoorloofd: w.verzuimOngeoorloofd,
    })),
    routestappen: openRoutestappenMetTermijn(state),
  };
}
