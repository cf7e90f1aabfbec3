import type { Beleid } from '../beleid';
import type { PlainDate } from '../shared/kalender';
import type {
  Actie,
  Beeindigingsreden,
  DeadlineSoort,
  Doelgroep,
  Leerroute,
  Onderdeel,
  Ontheffingsgrond,
  OntzorgenBesluit,
  PipWijzigingsreden,
  Regel,
  SignaalSoort,
  ToetsResultaat,
  UrenSoort,
} from './codes';
import type {
  Boete,
  Cadans,
  Examenresultaat,
  GepindeRoute,
  Intake,
  Kind,
  Taaldoelen,
  Verhuizing,
  Verlenging,
  WeekVoortgang,
} from './state';

interface EventBasis {
  commandId: string;
  door: string | null;
}

export interface Aangemeld extends EventBasis {
  type: 'aangemeld';
  trajectId: string;
  gemeente: string;
  doelgroep: Doelgroep;
  kennisgevingsdatum: PlainDate;
  koppelingsdatum: PlainDate | null;
  brpDatum: PlainDate | null;
  huisvestingsdatum: PlainDate | null;
  geboortedatum: PlainDate | null;
  kinderen: Kind[];
  beleid: Beleid;
  /** The gemeente's route pinned at the start (absent: none). */
  route?: GepindeRoute;
}

export interface BrpGeregistreerd extends EventBasis {
  type: 'brpGeregistreerd';
  datum: PlainDate;
}

export interface KoppelingGeregistreerd extends EventBasis {
  type: 'koppelingGeregistreerd';
  datum: PlainDate;
  azc: string;
  voorinburgeringGevolgd: boolean;
  verwachteHuisvestingsdatum: PlainDate | null;
}

export interface HuisvestingGeregistreerd extends EventBasis {
  type: 'huisvestingGeregistreerd';
  datum: PlainDate;
}

export interface OntzorgenGestart extends EventBasis {
  type: 'ontzorgenGestart';
  startdatum: PlainDate;
  einddatum: PlainDate;
}

export interface IntakeGeregistreerd extends EventBasis {
  type: 'intakeGeregistreerd';
  intake: Intake;
}

export interface WachtOpDerdenGestart extends EventBasis {
  type: 'wachtOpDerdenGestart';
  datum: PlainDate;
}

export interface DerdenInformatieBinnen extends EventBasis {
  type: 'derdenInformatieBinnen';
  datum: PlainDate;
}

export interface PipVastgesteld extends EventBasis {
  type: 'pipVastgesteld';
  versie: 1;
  dagtekening: PlainDate;
  leerroute: Leerroute;
  taaldoelen: Taaldoelen | null;
  cadans: Cadans;
  afspraken: string[];
  /** Wi2021 art. 11: the day after the dagtekening. */
  termijnStart: PlainDate;
  termijnEinde: PlainDate;
}

export interface PipGewijzigd extends EventBasis {
  type: 'pipGewijzigd';
  versie: number;
  dagtekening: PlainDate;
  reden: PipWijzigingsreden;
  leerroute: Leerroute;
  taaldoelen: Taaldoelen | null;
  cadans: Cadans;
  afspraken: string[];
}

export interface AanbodGestart extends EventBasis {
  type: 'aanbodGestart';
  datum: PlainDate;
  /** Absent in events recorded before the taalaanbieder was. */
  aanbieder?: string | null;
}

/** A week's report of the taalaanbieder; a later one of the same week replaces it. */
export interface VoortgangGeregistreerd extends EventBasis {
  type: 'voortgangGeregistreerd';
  voortgang: WeekVoortgang;
}

export interface ExamenresultaatGeregistreerd extends EventBasis {
  type: 'examenresultaatGeregistreerd';
  resultaat: Examenresultaat;
}

export interface UrenGeregistreerd extends EventBasis {
  type: 'urenGeregistreerd';
  soort: UrenSoort;
  uren: number;
  datum: PlainDate;
}

export interface OnderdeelAfgerond extends EventBasis {
  type: 'onderdeelAfgerond';
  onderdeel: Onderdeel;
  datum: PlainDate;
}

export interface VoortgangsgesprekGevoerd extends EventBasis {
  type: 'voortgangsgesprekGevoerd';
  datum: PlainDate;
  samenvatting: string | null;
  afspraken: string[];
}

export interface OntzorgenGeevalueerd extends EventBasis {
  type: 'ontzorgenGeevalueerd';
  datum: PlainDate;
  toetsResultaat: ToetsResultaat;
  besluit: OntzorgenBesluit;
  /** Verlengen: the new end; afbouwen: unchanged end. */
  einddatum: PlainDate;
}

export interface TermijnVerlengd extends EventBasis {
  type: 'termijnVerlengd';
  verlenging: Verlenging;
  /** The day it was recorded: a verlenging into the future lifts `termijnOverschreden`. */
  geregistreerdOp: PlainDate;
}

export interface OntheffingVerleend extends EventBasis {
  type: 'ontheffingVerleend';
  datum: PlainDate;
  grond: Ontheffingsgrond | null;
}

export interface BoeteOpgelegd extends EventBasis {
  type: 'boeteOpgelegd';
  boete: Boete;
}

export interface VooraankondigingOntvangen extends EventBasis {
  type: 'vooraankondigingOntvangen';
  datum: PlainDate;
}

export interface DuoBoeteOntvangen extends EventBasis {
  type: 'duoBoeteOntvangen';
  datum: PlainDate;
  bedrag: number;
}

export interface Verhuisd extends EventBasis {
  type: 'verhuisd';
  verhuizing: Verhuizing;
  beleid: Beleid;
}

export interface Beeindigd extends EventBasis {
  type: 'beeindigd';
  datum: PlainDate;
  reden: Beeindigingsreden;
}

export interface CasemanagerToegewezen extends EventBasis {
  type: 'casemanagerToegewezen';
  casemanager: string;
}

export interface KindGeregistreerd extends EventBasis {
  type: 'kindGeregistreerd';
  kind: Kind;
}

/** Tells the workflow what to do; it needs no rule of its own to map this to an activity. */
export interface SignaalGegeven extends EventBasis {
  type: 'signaalGegeven';
  soort: SignaalSoort;
  actie: Actie;
  regel: Regel;
  /** The timer that fired, or null for a signal that follows from a fact. */
  deadlineId: string | null;
  /** The deadline's date, or the day of the fact. */
  datum: PlainDate;
  niveau: number | null;
  omschrijving: string;
}

/** A timer that fired but was overtaken (a more urgent step of the same ladder is already due). */
export interface DeadlineVervallen extends EventBasis {
  type: 'deadlineVervallen';
  deadlineId: string;
  soort: DeadlineSoort;
  datum: PlainDate;
}

/** A step of the gemeente's route done; `door` is who recorded it. */
export interface RoutestapAfgerond extends EventBasis {
  type: 'routestapAfgerond';
  stapId: string;
  datum: PlainDate;
  toelichting: string | null;
}

export interface InburgeringsplichtVoldaan extends EventBasis {
  type: 'inburgeringsplichtVoldaan';
  datum: PlainDate;
  leerroute: Leerroute;
}

export type TrajectEvent =
  | Aangemeld
  | BrpGeregistreerd
  | KoppelingGeregistreerd
  | HuisvestingGeregistreerd
  | OntzorgenGestart
  | IntakeGeregistreerd
  | WachtOpDerdenGestart
  | DerdenInformatieBinnen
  | PipVastgesteld
  | PipGewijzigd
  | AanbodGestart
  | ExamenresultaatGeregistreerd
  | UrenGeregistreerd
  | VoortgangGeregistreerd
  | OnderdeelAfgerond
  | VoortgangsgesprekGevoerd
  | OntzorgenGeevalueerd
  | TermijnVerlengd
  | OntheffingVerleend
  | BoeteOpgelegd
  | VooraankondigingOntvangen
  | DuoBoeteOntvangen
  | Verhuisd
  | Beeindigd
  | CasemanagerToegewezen
  | KindGeregistreerd
  | SignaalGegeven
  | DeadlineVervallen
  | RoutestapAfgerond
  | InburgeringsplichtVoldaan;

export type EventType = TrajectEvent['type'];
