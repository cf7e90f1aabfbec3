export { beschrijf } from './beschrijf';
export * from './codes';
export {
  COMMANDO_VELDEN,
  datum as datumSchema,
  gemeentecode as gemeentecodeSchema,
  leesCommando,
  MAX_UREN_PER_REGISTRATIE,
} from './commando-schemas';
export * from './commands';
export {
  aanbodUiterlijk,
  deadlines,
  ontzorgenEvaluatieDatum,
  pipKlokStart,
  pipUiterlijk,
  termijnWaarschuwingen,
  volgendeDeadline,
  volgendVoortgangsgesprek,
} from './deadlines';
export { decide } from './decide';
export * from './events';
export { deadlineSleutel, evolve, evolveAlle, initialState } from './evolve';
export {
  type Besluit,
  type BesluitSoort,
  besluitenVan,
  type DeadlineMetGrondslag,
  type Grondslag,
  grondslagVanDeadline,
  type OntbrekendeEis,
  ontbrekendMetUitleg,
  type Uitleg,
  uitleg,
} from './grondslag';
export { openOnderdelen, openRoutestappen, toegestaneCommandos } from './mogelijk';
export {
  type AfgewezenCommando,
  beginToestand,
  geplandeTijdlijn,
  pasToe,
  type TijdlijnRegel,
  type Toepassing,
  type TrajectStatus,
  type TrajectToestand,
  trajectDecider,
  trajectStatus,
} from './pas-toe';
export { type Proefberekening, proefberekening } from './proef';
export {
  feitDatum,
  type OpenRoutestap,
  openRoutestappenMetTermijn,
  type RouteOverzicht,
  type RoutestapAfronding,
  type RoutestapStatus,
  routeOverzicht,
  routestapUiterlijk,
} from './route';
export * from './state';
export { type OpenTaak, type TakenWijziging, taakVanSignaal, werkTakenBij } from './taken';
export { type Eis, geldendResultaat, isVoldaan, ontbrekendVoorVoldaan } from './voldaan';
