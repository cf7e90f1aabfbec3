import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Gebruiker as AangemeldeGebruiker, Rol } from '../../platform/auth';

export const PUBLIEK = 'inburgering:publiek';
export const ROLLEN_METADATA = 'inburgering:rollen';

/** Reachable without a token (health); everything else needs a bearer JWT. */
export const Publiek = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIEK, true);

/**
 * Roles that may call this route (method overrides class). Without it a route is for the
 * gemeente's staff: casemanager, teamleider, admin. `operations` and `feed` need it explicitly,
 * and `feed` is moreover confined to /api/v1/feeds/ by the guard.
 */
export const Rollen = (...rollen: [Rol, ...Rol[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLLEN_METADATA, rollen);

const GEBRUIKER = Symbol('inburgering.gebruiker');
type MetGebruiker = Request & { [GEBRUIKER]?: AangemeldeGebruiker };

export function zetGebruiker(req: Request, gebruiker: AangemeldeGebruiker): void {
  (req as MetGebruiker)[GEBRUIKER] = gebruiker;
}

/** The caller verified so far (by the HTTP middleware, before the body was read), if any. */
export function aangemeldeGebruiker(req: Request): AangemeldeGebruiker | undefined {
  return (req as MetGebruiker)[GEBRUIKER];
}

/** The caller the guard verified; throws on a @Publiek route, where nobody is signed in. */
export function gebruikerVan(req: Request): AangemeldeGebruiker {
  const gebruiker = (req as MetGebruiker)[GEBRUIKER];
  if (!gebruiker) throw new Error('Geen aangemelde gebruiker: @Gebruiker() op een @Publiek() route?');
  return gebruiker;
}

/**
 * Handler parameter: the verified `{ sub, rol, gemeente }` of the caller. Type it as
 * `AangemeldeGebruiker` (a type named like this decorator would make swc emit the decorator
 * function as the parameter's design type).
 */
export const Gebruiker = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AangemeldeGebruiker =>
    gebruikerVan(ctx.switchToHttp().getRequest<Request>()),
);
