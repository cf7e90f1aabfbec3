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
export { type OpenTaak, type TakenWijziging, taakVanSignaal, werkTakenBij } from './taken';
export * from './types';
export { type Eis, geldendResultaat, isVoldaan, ontbrekendVoorVoldaan } from './voldaan';
