export { type Beleid, beleidVoor, standaardBeleid } from './beleid';
export {
  controleerRoute,
  ROUTE_ANKERS,
  ROUTE_FEITEN,
  ROUTE_SJABLONEN,
  ROUTE_UITVOERDERS,
  type RouteAnker,
  type RouteFeit,
  type RouteSjabloon,
  type RouteStap,
  type RouteUitvoerder,
  routeVoor,
} from './route';
export type { Decider } from './shared/decider';
export {
  DomainError,
  type FoutCategorie,
  type FoutCode,
  foutCategorie,
  foutCodes,
  isDomainError,
} from './shared/fouten';
export { GEMEENTECODE, isGemeentecode, LIJKT_OP_BSN } from './shared/gemeente';
export * from './shared/kalender';
export * from './traject';
export { geldend, WET, type Wetsregel, type Wetsversie } from './wet';
