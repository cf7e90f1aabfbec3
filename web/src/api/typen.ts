/**
 * The API's response types, imported as types only (erased from the bundle): the web shares the
 * contract, never server code.
 */
export type { ProblemDetails as Probleem } from '../../../api/common/problem';
export type { InburgeraarView } from '../../../api/inburgeraars/inburgeraars.service';
export type { EscalatieRondeView } from '../../../api/operations/escalatierondes.controller';
export type { GeschiedenisRegel } from '../../../api/operations/geschiedenis';
export type {
  GeschiedenisPagina,
  WorkflowItem,
  WorkflowPagina,
} from '../../../api/operations/operations.service';
export type { Cohort, GemeenteOverzicht } from '../../../api/rapportage/rapportage.service';
export type { TaakLijstItem, TaakView } from '../../../api/taken/taken.service';
export type { TrajectView } from '../../../api/trajecten/trajecten.service';
export type { TrajectLijst, TrajectLijstItem } from '../../../api/trajecten/trajecten-lijst.service';
export type { OpenTakenTelling, ProefView, UitlegView } from '../../../api/trajecten/uitleg.service';
export type { UiConfig } from '../../../api/ui/ui-config';
export type { CommandoResultaat, TijdlijnRegel, TrajectStatus } from '../../../contract/traject-workflow';
export type { Verwerking } from '../../../platform/persistence/repositories/verwerking.repository';
export type { NachtelijkeEscalatiesStatus } from '../../../platform/temporal/nachtelijke-escalaties';
