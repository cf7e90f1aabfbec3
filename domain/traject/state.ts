import type { Beleid } from '../beleid';
import type { RouteSjabloon } from '../route';
import type { IsoWeek, PlainDate, Tijd } from '../shared/kalender';
import type {
  Actie,
  Beeindigingsreden,
  BoeteReden,
  DeadlineSoort,
  Doelgroep,
  ExamenComponent,
  Fase,
  Leerroute,
  Onderdeel,
  PipWijzigingsreden,
  Regel,
  TaalComponent,
  Taalniveau,
  Uitkomst,
  UrenSoort,
  Verlengingsgrond,
} from './codes';

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

export interface Intake {
  datum: PlainDate;
  leerbaarheidstoetsScore: number | null;
  geadviseerdeRoute: Leerroute | null;
  belemmeringen: string[];
  tolkNodig: boolean;
  /** Recorded consent for special-category belemmeringen (absent in intakes before it was asked). */
  toestemmingBijzondereGegevens?: boolean;
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

/** An interim test level a taalaanbieder reports (not an exam: it decides nothing). */
export interface Tussentoets {
  component: TaalComponent;
  niveau: Taalniveau;
}

/** One ISO week as the taalaanbieder reported it (the latest report of that week). */
export interface WeekVoortgang {
  week: IsoWeek;
  aanbieder: string;
  lesuren: number;
  verzuimGeoorloofd: number;
  verzuimOngeoorloofd: number;
  toetsen: Tussentoets[];
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

/** The gemeente's route as the traject pinned it at its start (a copy: a later version changes nothing). */
export type GepindeRoute = Pick<RouteSjabloon, 'id' | 'versie' | 'stappen'>;

/** A route step recorded by hand, with who recorded it (its note stays in the event, like a gesprek's samenvatting). */
export interface AfgerondeRoutestap {
  stapId: string;
  datum: PlainDate;
  /** Actor id (never a name). */
  door: string | null;
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
  /** The taalaanbieder that teaches (organisation id); absent in trajecten from before it was recorded. */
  aanbieder?: string | null;
  /** The taalaanbieder's weekly reports, by week (absent before the first). Lesuren are in `uren.taal` too. */
  voortgang?: WeekVoortgang[];
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
  /** The gemeente's route pinned at the start (absent or null: none, e.g. trajecten started before it). */
  route?: GepindeRoute | null;
  /** Route steps recorded by hand (absent before the first). */
  routestappen?: AfgerondeRoutestap[];
}
