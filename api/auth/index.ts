export type { Gebruiker as AangemeldeGebruiker, Rol } from '../../platform/auth';
export { ROLLEN } from '../../platform/auth';
export { AuthGuard, FEEDS_PREFIX, STANDAARD_ROLLEN, TOKEN_VERIFIER } from './auth.guard';
export { AuthModule } from './auth.module';
export { Gebruiker, gebruikerVan, Publiek, Rollen } from './decorators';
export { magGemeente, trajectOnbekend, vereisGemeente } from './gemeente';
export { maakTokenVerifier, TokenFout, type TokenVerifier } from './token-verifier';
