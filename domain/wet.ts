import { isVoor, type PlainDate } from './shared/kalender';
import { ONTHEFFINGSGRONDEN, VERLENGINGSGRONDEN } from './traject/codes';

/**
 * Legal constants of the Wet inburgering 2021 and related law, each kept as a list of versions with the
 * date it applies from, so that the rule in force on a given date can be chosen and shown. Add a version
 * (never edit an old one) when an AMvB or a law change alters a number.
 */
export interface Wetsversie<T> {
  /** First day on which this value applies. */
  geldigVanaf: PlainDate;
  waarde: T;
}

export interface Wetsregel<T> {
  /** Article and regulation the number comes from. */
  bron: string;
  /** Oldest first. */
  versies: readonly Wetsversie<T>[];
}

const INWERKINGTREDING_WI2021 = '2022-01-01';

function enkel<T>(bron: string, waarde: T): Wetsregel<T> {
  return { bron, versies: [{ geldigVanaf: INWERKINGTREDING_WI2021, waarde }] };
}

/**
 * The version in force on `peildatum`. Dates before the first version get the first version: trajecten
 * under the Wet inburgering 2013 are out of scope, and a Wi2021 traject never predates 2022.
 */
export function geldend<T>(regel: Wetsregel<T>, peildatum: PlainDate): T {
  return geldendeVersie(regel, peildatum).waarde;
}

/** The whole version in force on `peildatum` (value and date it applies from), to show why a rule applied. */
export function geldendeVersie<T>(regel: Wetsregel<T>, peildatum: PlainDate): Wetsversie<T> {
  let gekozen = regel.versies[0];
  for (const versie of regel.versies) {
    if (!isVoor(peildatum, versie.geldigVanaf)) gekozen = versie;
  }
  return gekozen;
}

export interface ZrouteUren {
  /** Minimum language + KNM hours. */
  taal: number;
  /** Minimum participation hours. */
  participatie: number;
  /** Minimum total hours. */
  totaal: number;
}

export const WET = {
  /** T1: the PIP is adopted within 10 weeks after the kennisgeving, or after BRP registration when later. */
  pipTermijnWeken: enkel('Besluit inburgering 2021 art. 5.3 lid 1 (verify)', 10),
  /** T1: when third-party information is awaited, the PIP term runs until 2 weeks after its receipt. */
  pipTermijnNaDerdenWeken: enkel('Besluit inburgering 2021 art. 5.3 lid 2 (verify)', 2),
  /** T2: the inburgeringstermijn is three years from the day after the dagtekening of the first PIP. */
  inburgeringstermijnJaren: enkel('Wet inburgering 2021 art. 11 lid 1', 3),
  /** T4/T3: an asielstatushouder's offer must start within 3 months of the PIP (a verlenging ground). */
  aanbodStartMaanden: enkel('Wet inburgering 2021 art. 12 (aanbod niet tijdig gestart; verify)', 3),
  /** T4/T3: idem for the onderwijsroute: 6 months. */
  aanbodStartMaandenOnderwijs: enkel('Wet inburgering 2021 art. 12 (onderwijsroute; verify)', 6),
  /** T5: ontzorgen lasts 6 months from the start of the bijstand right. */
  ontzorgenMaanden: enkel('Participatiewet art. 56a lid 1', 6),
  /** T5: an extension of ontzorgen lasts at most half a year; extensions may follow each other. */
  ontzorgenVerlengingMaxMaanden: enkel('Participatiewet art. 56a/57 (verify)', 6),
  /** T8: objection (bezwaar) against a beschikking within 6 weeks of its dagtekening. */
  bezwaartermijnWeken: enkel('Algemene wet bestuursrecht art. 6:7 en 6:8', 6),
  /** T9: the inburgeringsplicht starts at 18. */
  plichtLeeftijd: enkel('Wet inburgering 2021 art. 3 lid 1', 18),
  /** T10: afschalen from B1 to A2 requires at least 600 lesuren. */
  afschalenMinLesuren: enkel('Besluit inburgering 2021 art. 5.5 (verify)', 600),
  /** Boete of the college for not meeting PIP obligations: at most €800. */
  maxBoeteEuro: enkel('Wet inburgering 2021, bestuurlijke boete college (verify article)', 800),
  /** Z-route extent for asielstatushouders: 800 h language/KNM + 800 h participation. */
  zRouteUrenAsielstatushouder: enkel<ZrouteUren>(
    'Besluit inburgering 2021, omvang Z-route (verify article)',
    {
      taal: 800,
      participatie: 800,
      totaal: 1600,
    },
  ),
  /** Z-route extent for gezinsmigranten (and, by default here, overige migranten): 800 h in total. */
  zRouteUrenOverig: enkel<ZrouteUren>('Besluit inburgering 2021, omvang Z-route (verify article)', {
    taal: 0,
    participatie: 0,
    totaal: 800,
  }),
  /** T3: the grounds on which DUO extends the inburgeringstermijn (no number: the decision sets the date). */
  verlengingsgronden: enkel('Wet inburgering 2021 art. 12', VERLENGINGSGRONDEN),
  /** DUO exempts from the duty; the traject closes as ontheven. */
  ontheffingsgronden: enkel('Wet inburgering 2021 art. 6 (ontheffing; verify)', ONTHEFFINGSGRONDEN),
} as const;

export type WetsregelNaam = keyof typeof WET;

/** The belemmeringen of an intake that are health data: a special category (AVG art. 9). */
export const BIJZONDERE_BELEMMERINGEN = [
  'gezondheid',
  'psychisch',
  'medisch',
  'trauma',
  'verslaving',
] as const;

/**
 * AVG art. 9 applied all along; this system enforces it from this date on (recording a health-related
 * belemmering needs the person's recorded consent). Older intakes replay unchanged.
 */
export const TOESTEMMING_BIJZONDERE_GEGEVENS: Wetsregel<boolean> = {
  bron: 'AVG art. 9 lid 2 sub a (uitdrukkelijke toestemming)',
  versies: [
    { geldigVanaf: INWERKINGTREDING_WI2021, waarde: false },
    { geldigVanaf: '2026-12-01', waarde: true },
  ],
};
