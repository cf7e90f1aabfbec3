import type { Beleid } from '../beleid';
import type { PlainDate, Tijd } from '../shared/kalender';

export const DOELGROEPEN = ['asielstatushouder', 'gezinsmigrant', 'overige_migrant'] as const;
export type Doelgroep = (typeof DOELGROEPEN)[number];

export const LEERROUTES = ['b1', 'onderwijs', 'z'] as const;
export type Leerroute = (typeof LEERROUTES)[number];

export const TAALNIVEAUS = ['A1', 'A2', 'B1', 'B2', 'C1'] as const;
export type Taalniveau = (typeof TAALNIVEAUS)[number];

export const TAALCOMPONENTEN = ['lezen', 'luisteren', 'schrijven', 'spreken'] as const;
export type TaalComponent = (typeof TAALCOMPONENTEN)[number];

export const EXAMENCOMPONENTEN = [...TAALCOMPONENTEN, 'knm'] as const;
export type ExamenComponent = (typeof EXAMENCOMPONENTEN)[number];

export const ONDERDELEN = ['map', 'pvt', 'eindgesprek', 'taalschakeltraject'] as const;
export type Onderdeel = (typeof ONDERDELEN)[number];

export const URENSOORTEN = ['taal', 'participatie'] as const;
export type UrenSoort = (typeof URENSOORTEN)[number];

export const PIP_WIJZIGINGSREDENEN = ['schakelen', 'afschalen', 'verhuizing', 'overig'] as const;
export type PipWijzigingsreden = (typeof PIP_WIJZIGINGSREDENEN)[number];

/** Wi2021 art. 12: the grounds on which DUO extends the inburgeringstermijn. */
export const VERLENGINGSGRONDEN = [
  'ziekte',
  'bevalling',
  'overige_omstandigheden',
  'aanbod_niet_tijdig',
] as const;
export type Verlengingsgrond = (typeof VERLENGINGSGRONDEN)[number];

export const BEEINDIGINGSREDENEN = ['overleden', 'vertrokken', 'verblijf_beeindigd', 'overig'] as const;
export type Beeindigingsreden = (typeof BEEINDIGINGSREDENEN)[number];

export const BOETEREDENEN = [
  'niet_verschenen_intake',
  'niet_verschenen_gesprek',
  'niet_meegewerkt_pip',
  'overig',
] as const;
export type BoeteReden = (typeof BOETEREDENEN)[number];

export const ONTHEFFINGSGRONDEN = ['medisch', 'aantoonbare_inspanningen', 'overig'] as const;
export type Ontheffingsgrond = (typeof ONTHEFFINGSGRONDEN)[number];

export const ONTZORGEN_BESLUITEN = ['afbouwen', 'verlengen'] as const;
export type OntzorgenBesluit = (typeof ONTZORGEN_BESLUITEN)[number];

export const TOETSRESULTATEN = ['zelfredzaam', 'niet_zelfredzaam'] as const;
export type ToetsResultaat = (typeof TOETSRESULTATEN)[number];

export const FASEN = [
  'nieuw',
  'aangemeld',
  'intake_afgerond',
  'pip_vastgesteld',
  'in_leerroute',
  'voldaan',
  'ontheven',
  'beeindigd',
] as const;
export type Fase = (typeof FASEN)[number];

export type Uitkomst = 'voldaan' | 'ontheven' | 'beeindigd';

/** What the workflow must do with a signal: create a task, send a warning, or escalate. */
export type Actie = 'taak' | 'waarschuwing' | 'escalatie';

/** The deadlines T1..T11 of domain.md (T2 and T3 have no timer of their own: they move T7). */
export type Regel = 'T1' | 'T4' | 'T5' | 'T6' | 'T7' | 'T8' | 'T9' | 'T10' | 'T11' | 'verhuizing';

export type DeadlineSoort =
  | 'pip'
  | 'pip-overschreden'
  | 'aanbod-start'
  | 'ontzorgen-evaluatie'
  | 'voortgangsgesprek'
  | 'termijn-waarschuwing'
  | 'termijn-overschreden'
  | 'bezwaartermijn'
  | 'achttiende-verjaardag'
  | 'geen-contact';

/** Signals also arise from facts, not only from the clock. */
export type SignaalSoort = DeadlineSoort | 'afschalen-mogelijk' | 'pip-aanpassen';

export interface Deadline {
  /** Stable key of the timer, e.g. `pip`, `termijn-waarschuwing:6`, `voortgangsgesprek:2027-03-01`. */
  id: string;
  soort: DeadlineSoort;
  regel: Regel;
  actie: Actie;
  /** Calendar day (Europe/Amsterdam) on which the timer fires. */
  datum: PlainDate;
  /** Wall-clock time on that day; pass both to `instantVanDatum`. */
  tijd: Tijd;
  /** Ladder level for `termijn-waarschuwing` (months before the end), else null. */
  niveau: number | null;
  /** Dutch one-liner for task titles. */
  omschrijving: string;
}

export type Taaldoelen = Record<TaalComponent, Taalniveau>;

export interface Cadans {
  eersteJaarMaanden: number;
  daarnaMaanden: number;
}

export interface Kind {
  /** Internal id of the household member, never a BSN or name. */
  kindId: string;
  geboortedatum: PlainDate;
}

// ---------------------------------------------------------------- state

export interface Intake {
  datum: PlainDate;
  leerbaarheidstoetsScore: number | null;
  geadviseerdeRoute: Leerroute | null;
  belemmeringen: string[];
  tolkNodig: boolean;
}

export interface PipVersie {
  versie: number;
  dagtekening: PlainDate;
  reden: 'eerste' | PipWijzigingsreden;
  leerroute: Leerroute;
}

export interface Examenresultaat {
  component: ExamenComponent;
  niveau: Taalniveau | null;
  behaald: boolean;
  datum: PlainDate;
}

export interface Verlenging {
  grond: Verlengingsgrond;
  besluitdatum: PlainDate;
  oudeEinddatum: PlainDate;
  nieuweEinddatum: PlainDate;
}

export interface Ontzorgen {
  startdatum: PlainDate;
  einddatum: PlainDate;
  status: 'actief' | 'afgebouwd';
  verlengingen: number;
}

export interface Boete {
  bedrag: number;
  reden: BoeteReden;
  datum: PlainDate;
}

export interface Verhuizing {
  datum: PlainDate;
  van: string;
  naar: string;
}

export interface Afsluiting {
  uitkomst: Uitkomst;
  datum: PlainDate;
  reden: Beeindigingsreden | null;
}

/** Plain JSON: it is carried across continue-as-new. */
export interface TrajectState {
  trajectId: string;
  fase: Fase;
  afgesloten: boolean;
  afsluiting: Afsluiting | null;
  gemeente: string | null;
  doelgroep: Doelgroep | null;
  /** Snapshot of the gemeente's policy (replaced at a verhuizing). */
  beleid: Beleid | null;
  casemanager: string | null;
  geboortedatum: PlainDate | null;
  kennisgevingsdatum: PlainDate | null;
  koppelingsdatum: PlainDate | null;
  brpDatum: PlainDate | null;
  huisvestingsdatum: PlainDate | null;
  intake: Intake | null;
  /** T1: third-party information awaited since this date (null: not waiting). */
  derdenWachtSinds: PlainDate | null;
  derdenOntvangenOp: PlainDate | null;
  pipVersies: PipVersie[];
  leerroute: Leerroute | null;
  /** Target level per language component (B1-route and onderwijsroute); null in the Z-route. */
  taaldoelen: Taaldoelen | null;
  cadans: Cadans | null;
  termijnStart: PlainDate | null;
  /** Last day of the inburgeringstermijn (inclusive), after verlengingen. */
  termijnEinde: PlainDate | null;
  termijnOverschreden: boolean;
  termijnOverschredenOp: PlainDate | null;
  verlengingen: Verlenging[];
  aanbodGestartOp: PlainDate | null;
  examenresultaten: Examenresultaat[];
  uren: Record<UrenSoort, number>;
  onderdelen: Partial<Record<Onderdeel, PlainDate>>;
  voortgangsgesprekken: PlainDate[];
  laatsteContact: PlainDate | null;
  ontzorgen: Ontzorgen | null;
  boetes: Boete[];
  vooraankondigingOp: PlainDate | null;
  duoBoetes: { datum: PlainDate; bedrag: number }[];
  verhuizingen: Verhuizing[];
  pipAanpassenNodig: boolean;
  afschalenGesignaleerd: boolean;
  kinderen: Kind[];
  /** Handled timers as `id@datum`: a deadline whose date moves becomes pending again. */
  afgehandeldeDeadlines: string[];
  verwerkteCommandIds: string[];
}

// ---------------------------------------------------------------- commands

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
}

export interface RegistreerBrp extends CommandBasis {
  type: 'registreerBrp';
  datum: PlainDate;
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
  | DeadlineBereikt;

export type CommandType = TrajectCommand['type'];

// ---------------------------------------------------------------- events

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
}

export interface BrpGeregistreerd extends EventBasis {
  type: 'brpGeregistreerd';
  datum: PlainDate;
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

export interface InburgeringsplichtVoldaan extends EventBasis {
  type: 'inburgeringsplichtVoldaan';
  datum: PlainDate;
  leerroute: Leerroute;
}

export type TrajectEvent =
  | Aangemeld
  | BrpGeregistreerd
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
  | InburgeringsplichtVoldaan;

export type EventType = TrajectEvent['type'];
