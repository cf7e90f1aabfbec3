import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Gebruiker, Rol } from '../../platform/auth';
import { Logger } from '../../platform/logger';
import { ProblemException, problem } from '../common/problem';
import { aangemeldeGebruiker, PUBLIEK, ROLLEN_METADATA, zetGebruiker } from './decorators';
import { TokenFout, type TokenVerifier } from './token-verifier';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const STANDAARD_ROLLEN: readonly Rol[] = ['casemanager', 'teamleider', 'admin'];
export const FEEDS_PREFIX = '/api/v1/feeds/';
export const AANBIEDERS_PREFIX = '/api/v1/aanbieders/';
/** The Temporal Web UI's codec endpoint (api/codec): the only route that also takes the session cookie. */
export const CODEC_PREFIX = '/api/v1/codec/';
export const CODEC_COOKIE = 'inburgering_codec';

const REALM = 'Bearer realm="inburgering"';
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;
const log = new Logger('api.toegang');

function geweigerd(detail: string, code: string, fout?: string): ProblemException {
  // RFC 6750 §3: no error attribute when the request carried no token at all.
  const header = fout ? `${REALM}, error="${fout}"` : REALM;
  return new ProblemException(problem(401, detail, { code }), { 'WWW-Authenticate': header });
}

/**
 * The bearer token of a request → the verified user, or the ProblemException to answer (401, or
 * 503 when the identity provider is down). Used by the HTTP middleware before any body is read
 * (issue 13) and by the guard for anything the middleware did not see. Never logs the token.
 */
export async function authenticeer(req: Request, res: Response, verifier: TokenVerifier): Promise<Gebruiker> {
  const route = (req.route?.path as string | undefined) ?? req.path;
  const weiger = (reden: string) =>
    log.info('toegang geweigerd', { requestId: String(res.getHeader('x-request-id') ?? ''), route, reden });
  // The Temporal Web UI cannot send a bearer token: on the codec endpoint only, the session cookie
  // that POST /api/v1/codec/sessie set for an operations user carries the same token.
  const header =
    req.headers.authorization ??
    (req.path.startsWith(CODEC_PREFIX) ? bearerUitCookie(req.headers.cookie) : undefined);
  if (!header) {
    weiger('TOKEN_ONTBREEKT');
    throw geweigerd('Meld u aan: stuur een Bearer-token in de Authorization-header.', 'TOKEN_ONTBREEKT');
  }
  const match = BEARER.exec(header);
  if (!match) {
    weiger('TOKEN_ONGELDIG');
    throw geweigerd(
      'De Authorization-header moet de vorm "Bearer <token>" hebben.',
      'TOKEN_ONGELDIG',
      'invalid_request',
    );
  }
  try {
    return await verifier.verifieer(match[1]);
  } catch (err) {
    if (!(err instanceof TokenFout)) throw err;
    if (err.reden === 'idp_onbereikbaar') {
      weiger('IDP_ONBEREIKBAAR');
      throw new ProblemException(
        problem(503, `${err.detail} Probeer het over enkele seconden opnieuw.`, {
          code: 'IDP_ONBEREIKBAAR',
        }),
        { 'Retry-After': '5' },
      );
    }
    const code = err.reden === 'verlopen' ? 'TOKEN_VERLOPEN' : 'TOKEN_ONGELDIG';
    weiger(code);
    throw geweigerd(err.detail, code, 'invalid_token');
  }
}

/**
 * Global guard (APP_GUARD): bearer JWT on every route that is not @Publiek, then the route's
 * roles, and `feed` only under /api/v1/feeds/. The token is never logged or echoed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIEK, targets)) return true;

    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    // The matched route pattern, not the raw URL: express matches case-insensitively.
    const route = (req.route?.path as string | undefined) ?? req.path;
    const weiger = (reden: string) =>
      log.info('toegang geweigerd', {
        requestId: String(res.getHeader('x-request-id') ?? ''),
        route,
        reden,
      });

    const gebruiker = aangemeldeGebruiker(req) ?? (await authenticeer(req, res, this.verifier));
    zetGebruiker(req, gebruiker);

    if (gebruiker.rol === 'feed' && !route.startsWith(FEEDS_PREFIX)) {
      weiger('FEED_ALLEEN_FEEDS');
      throw verboden('Een feed-client mag alleen /api/v1/feeds/ aanroepen.', 'FEED_ALLEEN_FEEDS');
    }
    // Issue 15: a feed client speaks for one source and calls only that source's routes.
    if (gebruiker.rol === 'feed' && !route.startsWith(`${FEEDS_PREFIX}${gebruiker.bron}/`)) {
      weiger('FEED_ANDERE_BRON');
      throw verboden(
        `Deze feed-client levert namens ${gebruiker.bron ?? 'geen bron'} en mag alleen /api/v1/feeds/${gebruiker.bron ?? '…'}/ aanroepen.`,
        'FEED_ANDERE_BRON',
      );
    }
    if (gebruiker.rol === 'taalaanbieder' && !route.startsWith(AANBIEDERS_PREFIX)) {
      weiger('AANBIEDER_ALLEEN_AANBIEDERS');
      throw verboden(
        'Een taalaanbieder mag alleen /api/v1/aanbieders/ aanroepen.',
        'AANBIEDER_ALLEEN_AANBIEDERS',
      );
    }
    const rollen = this.reflector.getAllAndOverride<Rol[] | undefined>(ROLLEN_METADATA, targets);
    if (!(rollen ?? STANDAARD_ROLLEN).includes(gebruiker.rol)) {
      weiger('ROL_NIET_TOEGESTAAN');
      throw verboden(`De rol ${gebruiker.rol} mag dit niet.`, 'ROL_NIET_TOEGESTAAN');
    }
    return true;
  }
}

function bearerUitCookie(cookie: string | undefined): string | undefined {
  for (const deel of cookie?.split(';') ?? []) {
    const [naam, ...waarde] = deel.trim().split('=');
    if (naam === CODEC_COOKIE && waarde.length > 0) return `Bearer ${waarde.join('=')}`;
  }
  return undefined;
}

function verboden(detail: string, code: string): ProblemException {
  return new ProblemException(problem(403, detail, { code }), {
    'WWW-Authenticate': `${REALM}, error="insufficient_scope"`,
  });
}
