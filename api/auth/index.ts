export type { Gebruiker as AangemeldeGebruiker, Rol } from '../../platform/auth';
export { ROLLEN } from '../../platform/auth';
export { AuthGuard, authenticeer, FEEDS_PREFIX, STANDAARD_ROLLEN, TOKEN_VERIFIER } from './auth.guard';
export { AuthModule } from './auth.module';
export { aangemeldeGebruiker, Gebruiker, gebruikerVan, Publiek, Rollen, zetGebruiker } from './decorators';
export {
  gemeentenFilter,
  isLandelijk,
  landelijkBereikNodig,
  magGemeente,
  trajectOnbekend,
  vereisGemeente,
} from './gemeente';
export { maakTokenVerifier, TokenFout, type TokenVerifier } from './token-verifier';
