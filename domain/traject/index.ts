export { beschrijf } from './beschrijf';
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
export { openOnderdelen, toegestaneCommandos } from './mogelijk';
export { type Proefberekening, proefberekening } from './proef';
export { type OpenTaak, type TakenWijziging, taakVanSignaal, werkTakenBij } from './taken';
export * from './types';
export { type Eis, geldendResultaat, isVoldaan, ontbrekendVoorVoldaan } from './voldaan';
