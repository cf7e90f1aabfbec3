import type { Beleid } from '../../../domain/beleid';
import type { RouteAnker, RouteUitvoerder } from '../../../domain/route';
import type {
  Actie,
  Beeindigingsreden,
  BesluitSoort,
  BoeteReden,
  DeadlineSoort,
  Doelgroep,
  ExamenComponent,
  Fase,
  Leerroute,
  Onderdeel,
  Ontheffingsgrond,
  OntzorgenBesluit,
  PipWijzigingsreden,
  SignaalSoort,
  Taalniveau,
  ToetsResultaat,
  UrenSoort,
  Verlengingsgrond,
} from '../../../domain/traject';
import type { WetsregelNaam } from '../../../domain/wet';

/**
 * Dutch words for the rulebook's stable codes. Typed as complete records, so a new code in the domain
 * fails the type check here instead of showing a raw code on screen.
 */
export const FASE: Record<Fase, string> = {
  nieuw: 'Nieuw',
  aangemeld: 'Aangemeld',
  intake_afgerond: 'Intake afgerond',
  pip_vastgesteld: 'PIP vastgesteld',
  in_leerroute: 'In leerroute',
  voldaan: 'Voldaan',
  ontheven: 'Ontheven',
  beeindigd: 'Beëindigd',
};

export const LEERROUTE: Record<Leerroute, string> = {
  b1: 'B1-route',
  onderwijs: 'Onderwijsroute',
  z: 'Z-route',
};

export const DOELGROEP: Record<Doelgroep, string> = {
  asielstatushouder: 'Asielstatushouder',
  gezinsmigrant: 'Gezinsmigrant',
  overige_migrant: 'Overige migrant',
};

export const ACTIE: Record<Actie, string> = {
  taak: 'Taak',
  waarschuwing: 'Waarschuwing',
  escalatie: 'Escalatie',
};

export const DEADLINE: Record<DeadlineSoort, string> = {
  pip: 'PIP vaststellen',
  'pip-overschreden': 'PIP-termijn verstreken',
  'aanbod-start': 'Start aanbod',
  'ontzorgen-evaluatie': 'Ontzorgen evalueren',
  voortgangsgesprek: 'Voortgangsgesprek',
  'termijn-waarschuwing': 'Termijn loopt af',
  'termijn-overschreden': 'Termijn overschreden',
  bezwaartermijn: 'Bezwaartermijn PIP',
  'achttiende-verjaardag': 'Kind wordt 18',
  'geen-contact': 'Geen contact',
};

export const SIGNAAL: Record<SignaalSoort, string> = {
  ...DEADLINE,
  'afschalen-mogelijk': 'Afschalen mogelijk',
  'pip-aanpassen': 'PIP aanpassen na verhuizing',
  overdrachtsgesprek: 'Overdrachtsgesprek plannen',
};

/** Task kinds of the nightly run and the CBS reminder, beside the traject's own signals. */
export const TAAK_SOORT: Record<string, string> = {
  ...SIGNAAL,
  'taak-te-laat': 'Taak te laat',
  'pip-niet-vastgesteld': 'PIP niet vastgesteld',
  'termijn-loopt-af': 'Termijn loopt af',
  'uit-beeld': 'Uit beeld',
  'ontzorgen-niet-besloten': 'Ontzorgen niet besloten',
  'cbs-swi': 'CBS-levering',
  'warme-overdracht': 'Warme overdracht (verhuizing)',
  'routestap-te-laat': 'Stap van de route te laat',
};

export const EXAMENCOMPONENT: Record<ExamenComponent, string> = {
  lezen: 'Lezen',
  luisteren: 'Luisteren',
  schrijven: 'Schrijven',
  spreken: 'Spreken',
  knm: 'KNM',
};

export const ONDERDEEL: Record<Onderdeel, string> = {
  map: 'MAP (Module Arbeidsmarkt en Participatie)',
  pvt: 'PVT (Participatieverklaringstraject)',
  eindgesprek: 'Eindgesprek Z-route',
  taalschakeltraject: 'Taalschakeltraject',
};

export const URENSOORT: Record<UrenSoort, string> = { taal: 'Taal en KNM', participatie: 'Participatie' };

export const TAALNIVEAU: Record<Taalniveau, string> = { A1: 'A1', A2: 'A2', B1: 'B1', B2: 'B2', C1: 'C1' };

export const PIP_REDEN: Record<'eerste' | PipWijzigingsreden, string> = {
  eerste: 'Eerste PIP',
  schakelen: 'Schakelen (andere leerroute)',
  afschalen: 'Afschalen naar A2',
  verhuizing: 'Verhuizing',
  overig: 'Overig',
};

export const VERLENGINGSGROND: Record<Verlengingsgrond, string> = {
  ziekte: 'Ziekte (langer dan 3 maanden)',
  bevalling: 'Bevalling',
  overige_omstandigheden: 'Overige omstandigheden',
  aanbod_niet_tijdig: 'Aanbod niet tijdig gestart',
};

export const BEEINDIGINGSREDEN: Record<Beeindigingsreden, string> = {
  overleden: 'Overleden',
  vertrokken: 'Vertrokken (emigratie)',
  verblijf_beeindigd: 'Verblijfsrecht beëindigd',
  overig: 'Overig',
};

export const BOETEREDEN: Record<BoeteReden, string> = {
  niet_verschenen_intake: 'Niet verschenen bij de intake',
  niet_verschenen_gesprek: 'Niet verschenen bij een gesprek',
  niet_meegewerkt_pip: 'Niet meegewerkt aan het PIP',
  overig: 'Overig',
};

export const ONTHEFFINGSGROND: Record<Ontheffingsgrond, string> = {
  medisch: 'Medisch',
  aantoonbare_inspanningen: 'Aantoonbare inspanningen',
  overig: 'Overig',
};

export const TOETSRESULTAAT: Record<ToetsResultaat, string> = {
  zelfredzaam: 'Financieel zelfredzaam',
  niet_zelfredzaam: 'Niet financieel zelfredzaam',
};

export const ONTZORGEN_BESLUIT: Record<OntzorgenBesluit, string> = {
  afbouwen: 'Afbouwen',
  verlengen: 'Verlengen (met een half jaar of korter)',
};

export const BESLUIT: Record<BesluitSoort, string> = {
  pip: 'PIP (beschikking)',
  verlenging: 'Verlenging inburgeringstermijn (DUO)',
  ontzorgen: 'Ontzorgen',
  boete: 'Boete (college)',
  'duo-vooraankondiging': 'Vooraankondiging boete (DUO)',
  'duo-boete': 'Boete (DUO)',
  ontheffing: 'Ontheffing (DUO)',
  beeindiging: 'Beëindiging',
  voldaan: 'Inburgeringsplicht voldaan',
};

/** The law's numbers with their unit: the number itself always comes from the API (domain/wet.ts). */
export const WETSREGEL: Record<WetsregelNaam, { naam: string; eenheid: (w: unknown) => string }> = {
  pipTermijnWeken: { naam: 'Termijn voor het PIP', eenheid: (w) => `${w} weken` },
  pipTermijnNaDerdenWeken: { naam: 'PIP-termijn na informatie van derden', eenheid: (w) => `${w} weken` },
  inburgeringstermijnJaren: { naam: 'Inburgeringstermijn', eenheid: (w) => `${w} jaar` },
  aanbodStartMaanden: { naam: 'Start aanbod', eenheid: (w) => `${w} maanden` },
  aanbodStartMaandenOnderwijs: { naam: 'Start aanbod onderwijsroute', eenheid: (w) => `${w} maanden` },
  ontzorgenMaanden: { naam: 'Duur ontzorgen', eenheid: (w) => `${w} maanden` },
  ontzorgenVerlengingMaxMaanden: { naam: 'Verlenging ontzorgen', eenheid: (w) => `ten hoogste ${w} maanden` },
  bezwaartermijnWeken: { naam: 'Bezwaartermijn', eenheid: (w) => `${w} weken` },
  plichtLeeftijd: { naam: 'Leeftijd inburgeringsplicht', eenheid: (w) => `${w} jaar` },
  afschalenMinLesuren: { naam: 'Afschalen', eenheid: (w) => `minstens ${w} lesuren` },
  maxBoeteEuro: { naam: 'Maximale boete', eenheid: (w) => `€ ${w}` },
  zRouteUrenAsielstatushouder: { naam: 'Omvang Z-route', eenheid: zUren },
  zRouteUrenOverig: { naam: 'Omvang Z-route', eenheid: zUren },
  verlengingsgronden: {
    naam: 'Verlengingsgronden',
    eenheid: (w) =>
      Array.isArray(w) ? w.map((g) => VERLENGINGSGROND[g as Verlengingsgrond] ?? g).join(', ') : '',
  },
  ontheffingsgronden: {
    naam: 'Ontheffingsgronden',
    eenheid: (w) =>
      Array.isArray(w) ? w.map((g) => ONTHEFFINGSGROND[g as Ontheffingsgrond] ?? g).join(', ') : '',
  },
};

function zUren(w: unknown): string {
  const u = w as { taal: number; participatie: number; totaal: number };
  return u.taal > 0
    ? `${u.taal} uur taal/KNM + ${u.participatie} uur participatie (${u.totaal} totaal)`
    : `${u.totaal} uur`;
}

export const BELEID: Record<keyof Beleid, { naam: string; eenheid: (w: unknown) => string }> = {
  voortgangsgesprekMaandenEersteJaar: {
    naam: 'Voortgangsgesprek, eerste jaar',
    eenheid: (w) => `elke ${w} maanden`,
  },
  voortgangsgesprekMaandenDaarna: { naam: 'Voortgangsgesprek, daarna', eenheid: (w) => `elke ${w} maanden` },
  termijnWaarschuwingenMaanden: {
    naam: 'Waarschuwingen vóór het einde van de termijn',
    eenheid: (w) => (Array.isArray(w) ? `${w.join(', ')} maanden vooraf` : String(w)),
  },
  achttienSignaalMaandenVooraf: { naam: 'Signaal 18e verjaardag', eenheid: (w) => `${w} maanden vooraf` },
  geenContactMaanden: { naam: 'Uit beeld', eenheid: (w) => `na ${w} maanden zonder contact` },
  onderwijsrouteMaxLeeftijd: { naam: 'Leeftijdsgrens onderwijsroute', eenheid: (w) => `jonger dan ${w}` },
  ontzorgenEvaluatieWekenVooraf: { naam: 'Evaluatie ontzorgen', eenheid: (w) => `${w} weken vóór het einde` },
  meldtijd: { naam: 'Meldtijd', eenheid: (w) => `${w} uur` },
};

/** "Wat ontbreekt nog voor voldaan" (domain/traject/voldaan.ts, Eis). */
export function eis(code: string): string {
  if (code === 'pip') return 'Een vastgesteld PIP';
  if (code === 'knm') return 'KNM-examen behaald';
  if (code === 'pvt') return 'PVT afgerond';
  if (code === 'map') return 'MAP afgerond';
  if (code === 'taalschakeltraject') return 'Taalschakeltraject afgerond';
  if (code === 'eindgesprek') return 'Eindgesprek Z-route gevoerd';
  if (code.startsWith('taal:'))
    return `Examen ${EXAMENCOMPONENT[code.slice(5) as ExamenComponent].toLowerCase()}`;
  if (code === 'uren:taal') return 'Uren taal en KNM';
  if (code === 'uren:participatie') return 'Uren participatie';
  if (code === 'uren:totaal') return 'Uren in totaal';
  return code;
}

export function label<K extends string>(
  tabel: Record<K, string>,
  code: string | null | undefined,
  leeg = '—',
): string {
  if (code === null || code === undefined) return leeg;
  return (tabel as Record<string, string>)[code] ?? code;
}

/** The facts a route step's due date counts from (domain/route.ts). */
export const ROUTE_ANKER: Record<RouteAnker, string> = {
  aanmelding: 'de kennisgeving',
  koppeling: 'de koppeling door het COA',
  huisvesting: 'de huisvesting',
  brp: 'de inschrijving in de BRP',
  intake: 'de brede intake',
  pip: 'het eerste PIP',
  aanbod: 'de start van het aanbod',
  termijnEinde: 'het einde van de inburgeringstermijn',
};

/** Who does a route step. */
export const ROUTE_UITVOERDER: Record<RouteUitvoerder, string> = {
  casemanager: 'Casemanager',
  inburgeraar: 'Inburgeraar',
  taalaanbieder: 'Taalaanbieder',
  coa: 'COA',
  gemeente: 'Gemeente',
};
