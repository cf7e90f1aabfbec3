export {
  escalaties,
  ontzorgenNietBesloten,
  pipNietVastgesteld,
  takenTeLaat,
  termijnLooptAf,
  uitBeeld,
} from './ladder';
export * from './types';
