import type { Beleid } from '../beleid';
import type { IsoWeek, PlainDate } from '../shared/kalender';
import type {
  Beeindigingsreden,
  BoeteReden,
  Doelgroep,
  ExamenComponent,
  Leerroute,
  Onderdeel,
  Ontheffingsgrond,
  OntzorgenBesluit,
  PipWijzigingsreden,
  TaalComponent,
  Taalniveau,
  ToetsResultaat,
  UrenSoort,
  Verlengingsgrond,
} from './codes';
import type { Cadans, Kind, Tussentoets } from './state';

interface CommandBasis {
  commandId: string;
  /** Actor id (never a name or BSN). */
  door?: string;
}

export interface Aanmelden extends CommandBasis {
  type: 'aanmelden';
  /** CBS code, e.g. GM0518. */
  gemeente: string;
  doelgroep: Doelgroep;
  kennisgevingsdatum: PlainDate;
  koppelingsdatum?: PlainDate | null;
  brpDatum?: PlainDate | null;
  huisvestingsdatum?: PlainDate | null;
  geboortedatum?: PlainDate | null;
  kinderen?: Kind[];
  /** The gemeente's policy overrides; the defaults apply otherwise. */
  beleid?: Partial<Beleid>;
  /**
   * Pin the gemeente's route (domain/route.ts) in force today. Set by the traject's workflow at its
   * start (behind a patch, so recorded histories replay without it), never by a person.
   */
  gemeenteRoute?: boolean;
}

/** A step of the gemeente's route done (issue 15 point 7). */
export interface RegistreerRoutestap extends CommandBasis {
  type: 'registreerRoutestap';
  stapId: string;
  datum: PlainDate;
  /** A short note: kept in the event only (not in the state, the timeline, a log or an error). */
  toelichting?: string | null;
}

export interface RegistreerBrp extends CommandBasis {
  type: 'registreerBrp';
  datum: PlainDate;
}

/** COA's koppeling (issue 15): the asielstatushouder in an azc is linked to the gemeente. */
export interface RegistreerKoppeling extends CommandBasis {
  type: 'registreerKoppeling';
  datum: PlainDate;
  /** COA's code of the azc (a location code, never an address). */
  azc: string;
  voorinburgeringGevolgd: boolean;
  /** When COA expects the person to be housed in the gemeente: the overdrachtsgesprek comes before. */
  verwachteHuisvestingsdatum?: PlainDate | null;
}

export interface RegistreerHuisvesting extends CommandBasis {
  type: 'registreerHuisvesting';
  datum: PlainDate;
}

export interface StartOntzorgen extends CommandBasis {
  type: 'startOntzorgen';
  /** Start of the bijstand right (in practice: housing in the gemeente). */
  startdatum: PlainDate;
}

export interface RegistreerIntake extends CommandBasis {
  type: 'registreerIntake';
  datum: PlainDate;
  leerbaarheidstoetsScore?: number | null;
  geadviseerdeRoute?: Leerroute | null;
  /** Codes, no free text. */
  belemmeringen?: string[];
  tolkNodig?: boolean;
  /** Consent to record health-related belemmeringen (AVG art. 9); required for those codes. */
  toestemmingBijzondereGegevens?: boolean;
}

export interface WachtOpDerden extends CommandBasis {
  type: 'wachtOpDerden';
  datum: PlainDate;
}

export interface DerdenInformatieOntvangen extends CommandBasis {
  type: 'derdenInformatieOntvangen';
  datum: PlainDate;
}

export interface StelPipVast extends CommandBasis {
  type: 'stelPipVast';
  dagtekening: PlainDate;
  leerroute: Leerroute;
  /** Onderwijsroute: the taalschakeltraject's target, B1 (default) or B2. Ignored in other routes. */
  taalniveau?: 'B1' | 'B2';
  voortgangsgesprekCadans?: Cadans;
  afspraken?: string[];
}

export interface WijzigPip extends CommandBasis {
  type: 'wijzigPip';
  dagtekening: PlainDate;
  reden: PipWijzigingsreden;
  /** Required when schakelen. */
  leerroute?: Leerroute;
  taalniveau?: 'B1' | 'B2';
  /** Afschalen: the components lowered to A2 (default all four). */
  afschalenComponenten?: TaalComponent[];
  voortgangsgesprekCadans?: Cadans;
  afspraken?: string[];
}

export interface StartAanbod extends CommandBasis {
  type: 'startAanbod';
  datum: PlainDate;
  /** The taalaanbieder that teaches (organisation id); it alone may see and feed this traject. */
  aanbieder?: string | null;
}

export interface RegistreerExamenresultaat extends CommandBasis {
  type: 'registreerExamenresultaat';
  component: ExamenComponent;
  /** Required for language components; ignored for KNM. */
  niveau?: Taalniveau | null;
  behaald: boolean;
  datum: PlainDate;
}

export interface RegistreerUren extends CommandBasis {
  type: 'registreerUren';
  soort: UrenSoort;
  uren: number;
  datum: PlainDate;
}

/** A taalaanbieder's report of one ISO week: replaces an earlier report of the same week. */
export interface RegistreerVoortgang extends CommandBasis {
  type: 'registreerVoortgang';
  /** The reporting organisation (from its token, never from the body). */
  aanbieder: string;
  week: IsoWeek;
  /** Lesuren attended: they count toward the taal hours (T10) like `registreerUren`. */
  lesuren: number;
  /** Hours absent with a valid reason. */
  verzuimGeoorloofd: number;
  /** Hours absent without one. */
  verzuimOngeoorloofd: number;
  /** Interim (non-exam) test levels this week. */
  toetsen?: Tussentoets[];
}

export interface RegistreerOnderdeel extends CommandBasis {
  type: 'registreerOnderdeel';
  onderdeel: Onderdeel;
  datum: PlainDate;
}

export interface RegistreerVoortgangsgesprek extends CommandBasis {
  type: 'registreerVoortgangsgesprek';
  datum: PlainDate;
  samenvatting?: string;
  afspraken?: string[];
}

export interface EvalueerOntzorgen extends CommandBasis {
  type: 'evalueerOntzorgen';
  datum: PlainDate;
  toetsResultaat: ToetsResultaat;
  besluit: OntzorgenBesluit;
  /** Verlengen: months (default and maximum: the law's half year). */
  maanden?: number;
}

export interface RegistreerVerlenging extends CommandBasis {
  type: 'registreerVerlenging';
  grond: Verlengingsgrond;
  besluitdatum: PlainDate;
  /** Exactly one of nieuweEinddatum, maanden, weken. */
  nieuweEinddatum?: PlainDate;
  maanden?: number;
  weken?: number;
}

export interface RegistreerOntheffing extends CommandBasis {
  type: 'registreerOntheffing';
  datum: PlainDate;
  grond?: Ontheffingsgrond;
}

export interface LegBoeteOp extends CommandBasis {
  type: 'legBoeteOp';
  /** Euro. */
  bedrag: number;
  reden: BoeteReden;
  datum: PlainDate;
}

export interface RegistreerVooraankondiging extends CommandBasis {
  type: 'registreerVooraankondiging';
  datum: PlainDate;
}

export interface RegistreerDuoBoete extends CommandBasis {
  type: 'registreerDuoBoete';
  datum: PlainDate;
  bedrag: number;
}

export interface RegistreerVerhuizing extends CommandBasis {
  type: 'registreerVerhuizing';
  datum: PlainDate;
  naarGemeente: string;
  /** Policy overrides of the new gemeente. */
  beleid?: Partial<Beleid>;
}

export interface Beeindig extends CommandBasis {
  type: 'beeindig';
  datum: PlainDate;
  reden: Beeindigingsreden;
}

export interface WijsCasemanagerToe extends CommandBasis {
  type: 'wijsCasemanagerToe';
  casemanager: string;
}

export interface RegistreerKind extends CommandBasis {
  type: 'registreerKind';
  kindId: string;
  geboortedatum: PlainDate;
}

/** The clock: sent by the workflow when the timer of a deadline fires. */
export interface DeadlineBereikt extends CommandBasis {
  type: 'deadlineBereikt';
  deadlineId: string;
  /** The date of the deadline the timer was armed for (a moved deadline makes the timer stale). */
  datum: PlainDate;
}

export type TrajectCommand =
  | Aanmelden
  | RegistreerBrp
  | RegistreerKoppeling
  | RegistreerHuisvesting
  | StartOntzorgen
  | RegistreerIntake
  | WachtOpDerden
  | DerdenInformatieOntvangen
  | StelPipVast
  | WijzigPip
  | StartAanbod
  | RegistreerExamenresultaat
  | RegistreerUren
  | RegistreerVoortgang
  | RegistreerOnderdeel
  | RegistreerVoortgangsgesprek
  | EvalueerOntzorgen
  | RegistreerVerlenging
  | RegistreerOntheffing
  | LegBoeteOp
  | RegistreerVooraankondiging
  | RegistreerDuoBoete
  | RegistreerVerhuizing
  | Beeindig
  | WijsCasemanagerToe
  | RegistreerKind
  | RegistreerRoutestap
  | DeadlineBereikt;

export type CommandType = TrajectCommand['type'];
