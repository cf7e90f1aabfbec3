export { type Beleid, beleidVoor, standaardBeleid } from './beleid';
export {
  DomainError,
  type FoutCategorie,
  type FoutCode,
  foutCategorie,
  foutCodes,
  isDomainError,
} from './shared/fouten';
export * from './shared/kalender';
export * from './traject';
export { geldend, WET, type Wetsregel, type Wetsversie } from './wet';
