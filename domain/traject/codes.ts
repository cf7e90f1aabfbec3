/** The code lists of the rulebook (one place: the API, the UI and the reports use these). */
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
export type Regel =
  | 'T1'
  | 'T4'
  | 'T5'
  | 'T6'
  | 'T7'
  | 'T8'
  | 'T9'
  | 'T10'
  | 'T11'
  | 'verhuizing'
  | 'koppeling';

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
export type SignaalSoort = DeadlineSoort | 'afschalen-mogelijk' | 'pip-aanpassen' | 'overdrachtsgesprek';
