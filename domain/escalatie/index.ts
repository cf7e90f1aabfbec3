export {
  escalaties,
  ontzorgenNietBesloten,
  pipNietVastgesteld,
  routestappenTeLaat,
  takenTeLaat,
  termijnLooptAf,
  uitBeeld,
} from './ladder';
export * from './types';
export { type VerzuimStand, verzuim, verzuimEpisode, verzuimOver, type WeekAanwezigheid } from './verzuim';
