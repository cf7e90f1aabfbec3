import { DomainError } from './shared/fouten';
import { isGeldigeDatum, isVoor, type PlainDate } from './shared/kalender';
import { DOELGROEPEN, type Doelgroep } from './traject/codes';

/**
 * The gemeente's own route (issue 15 point 7): the steps a municipality takes beyond the law, per
 * gemeente and doelgroep, as configuration versioned like the policy (domain/beleid.ts) and the law
 * (domain/wet.ts): a version is never changed once in force; a change is a new version with a later
 * `geldigVanaf`. A traject pins the version in force on its start day (the `aangemeld` event carries a
 * copy, like the policy snapshot), so a later version never rewrites a running traject's checklist.
 * Gemeenten without a template have no route steps.
 */

/** Who does the step (not who records it: a casemanager records every step). */
export const ROUTE_UITVOERDERS = ['casemanager', 'inburgeraar', 'taalaanbieder', 'coa', 'gemeente'] as const;
export type RouteUitvoerder = (typeof ROUTE_UITVOERDERS)[number];

/**
 * The rulebook facts a due date can count from: the kennisgeving (`aanmelding`), COA's koppeling, the
 * housing, the BRP registration, the brede intake, the first PIP's dagtekening, the start of the offer,
 * or the last day of the inburgeringstermijn (with negative days: before it ends).
 */
export const ROUTE_ANKERS = [
  'aanmelding',
  'koppeling',
  'huisvesting',
  'brp',
  'intake',
  'pip',
  'aanbod',
  'termijnEinde',
] as const;
export type RouteAnker = (typeof ROUTE_ANKERS)[number];

/**
 * A step the law's rulebook already records: it is checked by that fact (one rule in one place: the
 * intake's date is the intake's, not a second registration). `examen`: every exam (or the Z-route's
 * eindgesprek, or the taalschakeltraject) the leerroute requires is done.
 */
export const ROUTE_FEITEN = [
  'brp',
  'huisvesting',
  'intake',
  'leerbaarheidstoets',
  'pip',
  'aanbod',
  'pvt',
  'map',
  'examen',
] as const;
export type RouteFeit = (typeof ROUTE_FEITEN)[number];

export interface RouteTermijn {
  anker: RouteAnker;
  /** Days after the anker (negative: before it). The step is due on that day and late the day after. */
  dagen: number;
}

export interface RouteStap {
  /** Stable id within the template (lower case, digits, dashes): the command and the task name it. */
  id: string;
  naam: string;
  wie: RouteUitvoerder;
  /** Optional due date; only for the gemeente's own steps (a law step has the law's deadline). */
  termijn?: RouteTermijn;
  /** Set: the step is checked by this rulebook fact (and may also be checked by hand). */
  feit?: RouteFeit;
}

export interface RouteSjabloon {
  /** Stable id of the route, e.g. `denhaag-asielstatushouder`. */
  id: string;
  versie: number;
  /** First day this version applies to a traject that starts. */
  geldigVanaf: PlainDate;
  gemeente: string;
  doelgroepen: Doelgroep[];
  /** Where the steps come from. */
  bron: string;
  stappen: RouteStap[];
}

const DEN_HAAG_BRON =
  "Gemeente Den Haag, magazine 'Wij zijn SamenHaags' over de nieuwe inburgering (2022): 'Inburgering asielstatushouders in 11 stappen' en 'Inburgering gezinsmigranten in 10 stappen' (shared/seeds/denhaag-magazine-inburgering-2022.txt). De termijnen zijn een voorbeeldinstelling; het magazine noemt geen dagen.";

/** Den Haag's steps both of its routes share (in this order), each written once. */
const DEN_HAAG = {
  bredeIntake: { id: 'brede-intake', naam: 'Brede intakegesprek', wie: 'casemanager', feit: 'intake' },
  vanToetsTotIngeburgerd: [
    { id: 'leerbaarheidstoets', naam: 'Leerbaarheidstoets', wie: 'inburgeraar', feit: 'leerbaarheidstoets' },
    { id: 'pip', naam: 'Plan Inburgering en Participatie', wie: 'casemanager', feit: 'pip' },
    { id: 'leerroute', naam: 'Leerroute gestart', wie: 'taalaanbieder', feit: 'aanbod' },
    { id: 'pvt', naam: 'Participatieverklaringstraject (12 uur)', wie: 'inburgeraar', feit: 'pvt' },
    { id: 'map', naam: 'Module Arbeidsmarkt en Participatie (ca. 64 uur)', wie: 'inburgeraar', feit: 'map' },
    { id: 'examen', naam: 'Inburgeringsexamen (of eindgesprek Z-route)', wie: 'inburgeraar', feit: 'examen' },
    {
      id: 'ingeburgerd',
      naam: "Eindgesprek 'Ingeburgerd' met de casemanager",
      wie: 'casemanager',
      termijn: { anker: 'termijnEinde', dagen: 0 },
    },
  ],
} as const satisfies { bredeIntake: RouteStap; vanToetsTotIngeburgerd: readonly RouteStap[] };

/**
 * Every route, every version. Den Haag (GM0518) is the example: its two routes from the seed. The
 * due dates are the example's own settings (the magazine gives the order and the hours, not days).
 */
export const ROUTE_SJABLONEN: readonly RouteSjabloon[] = Object.freeze([
  {
    id: 'denhaag-asielstatushouder',
    versie: 1,
    geldigVanaf: '2022-01-01',
    gemeente: 'GM0518',
    doelgroepen: ['asielstatushouder'],
    bron: DEN_HAAG_BRON,
    stappen: [
      // Its deadline is the rulebook's overdrachtsgesprek task at the koppeling (registreerKoppeling).
      {
        id: 'overdrachtsgesprek',
        naam: 'Overdrachtsgesprek in het azc (met tolk en COA)',
        wie: 'casemanager',
      },
      {
        id: 'regeldag',
        naam: 'Regeldag en verhuizing (start maatschappelijke begeleiding en financieel ontzorgen)',
        wie: 'casemanager',
        termijn: { anker: 'huisvesting', dagen: 7 },
      },
      DEN_HAAG.bredeIntake,
      {
        id: 'brugklas',
        naam: 'Brugklas (start Nederlands, uitleg inburgering, oriëntatie op werk)',
        wie: 'taalaanbieder',
        termijn: { anker: 'intake', dagen: 42 },
      },
      ...DEN_HAAG.vanToetsTotIngeburgerd,
    ],
  },
  {
    id: 'denhaag-gezinsmigrant',
    versie: 1,
    geldigVanaf: '2022-01-01',
    gemeente: 'GM0518',
    doelgroepen: ['gezinsmigrant', 'overige_migrant'],
    bron: DEN_HAAG_BRON,
    stappen: [
      { id: 'inschrijving', naam: 'Inschrijven gemeente Den Haag (BRP)', wie: 'inburgeraar', feit: 'brp' },
      DEN_HAAG.bredeIntake,
      {
        id: 'introductiebijeenkomsten',
        naam: 'Introductiebijeenkomsten (2 × 4 uur)',
        wie: 'gemeente',
        termijn: { anker: 'intake', dagen: 42 },
      },
      ...DEN_HAAG.vanToetsTotIngeburgerd,
    ],
  },
] satisfies RouteSjabloon[]);

const STAP_ID = /^[a-z0-9-]{1,40}$/;

/** Checks one template (at start-up in the tests, and before a traject pins it); throws ROUTE_ONGELDIG. */
export function controleerRoute(r: RouteSjabloon): RouteSjabloon {
  const fout = (veld: string) => new DomainError('ROUTE_ONGELDIG', `${r.id}.${veld}`);
  if (!STAP_ID.test(r.id)) throw fout('id');
  if (!Number.isInteger(r.versie) || r.versie < 1) throw fout('versie');
  if (!isGeldigeDatum(r.geldigVanaf)) throw fout('geldigVanaf');
  if (r.doelgroepen.length === 0 || r.doelgroepen.some((d) => !DOELGROEPEN.includes(d)))
    throw fout('doelgroepen');
  if (r.stappen.length === 0) throw fout('stappen');
  const ids = new Set<string>();
  for (const s of r.stappen) {
    if (!STAP_ID.test(s.id) || ids.has(s.id)) throw fout(`stappen.${s.id}`);
    ids.add(s.id);
    if (s.naam.trim() === '' || s.naam.length > 200) throw fout(`${s.id}.naam`);
    if (!ROUTE_UITVOERDERS.includes(s.wie)) throw fout(`${s.id}.wie`);
    if (s.feit !== undefined && !ROUTE_FEITEN.includes(s.feit)) throw fout(`${s.id}.feit`);
    if (s.termijn) {
      // A law step has the law's deadline (T1, T4, …): the route adds none of its own.
      if (s.feit) throw fout(`${s.id}.termijn`);
      if (!ROUTE_ANKERS.includes(s.termijn.anker)) throw fout(`${s.id}.termijn.anker`);
      if (!Number.isInteger(s.termijn.dagen) || Math.abs(s.termijn.dagen) > 3 * 366)
        throw fout(`${s.id}.termijn.dagen`);
    }
  }
  return r;
}

/**
 * The route a traject of this gemeente and doelgroep that starts on `peildatum` gets: the latest
 * version in force that day, or null when the gemeente has none.
 */
export function routeVoor(
  gemeente: string,
  doelgroep: Doelgroep,
  peildatum: PlainDate,
  sjablonen: readonly RouteSjabloon[] = ROUTE_SJABLONEN,
): RouteSjabloon | null {
  let gekozen: RouteSjabloon | null = null;
  for (const r of sjablonen) {
    if (r.gemeente !== gemeente || !r.doelgroepen.includes(doelgroep)) continue;
    if (isVoor(peildatum, r.geldigVanaf)) continue;
    if (!gekozen || isVoor(gekozen.geldigVanaf, r.geldigVanaf)) gekozen = r;
  }
  return gekozen ? (JSON.parse(JSON.stringify(controleerRoute(gekozen))) as RouteSjabloon) : null;
}
