import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from '../../platform/logger';
import { authenticeer, CODEC_PREFIX, TOKEN_VERIFIER } from '../auth/auth.guard';
import { zetGebruiker } from '../auth/decorators';
import type { TokenVerifier } from '../auth/token-verifier';
import { Metrieken } from '../metrics/metrieken';
import { ProblemException, problem } from './problem';
import { sendProblem } from './problem.filter';
import { padPatroon, type Route, routesVan } from './routes';

const log = new Logger('api.http');
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
export const MAX_BODY = '1mb';
/** A DUO batch of 1,000 items is about 250 kB; leave room. */
export const MAX_FEED_BODY = '4mb';

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * Express-level concerns Nest filters cannot see: request ids, one log line per request
 * (method, route, status, duration; no bodies, so no personal data), and body parsing whose
 * failures must also be Dutch problem+json instead of express's HTML page.
 */
/**
 * Headers for every response (issue 13): no X-Powered-By, nosniff, no framing by other sites, and a
 * CSP that fits the UI and the OpenAPI page (scripts from this origin only; Swagger UI needs inline
 * styles and data: images).
 */
export const HELMET_OPTIES: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/** Routes that need a token: checked before the body is read. Health, docs and metrics check themselves. */
const MET_TOKEN = /^\/api\/v1\//i;
/**
 * The @Publiek routes under /api/v1 (api/ui: the UI's sign-in configuration and the development
 * login, which checks loopback itself): no token before the body. The guard still runs for them.
 */
const ZONDER_TOKEN = /^\/api\/v1\/(ui\/config|dev\/token)\/?$/i;

/**
 * `metrieken`: the app's metrics (a bare test app without the infrastructure module gets an unexposed set).
 * `verifier`: the app's token verifier (default: the one AuthModule provides), so a request without a
 * valid token is refused before its body is parsed (issue 13).
 * `codecOrigin`: the Temporal Web UI's origin, the only one that gets CORS (for the codec endpoint).
 * `routes`: the routes the app serves (default: read from its controllers), for 405 and Allow.
 */
export function installHttp(
  app: INestApplication,
  metrieken: Metrieken = new Metrieken(),
  opties: { codecOrigin?: string; verifier?: TokenVerifier; routes?: Route[] } = {},
): void {
  const verifier = opties.verifier ?? zoekVerifier(app);
  const methodenVan = methodenPerPad(opties.routes ?? routesVan(app));
  const json = express.json({ limit: MAX_BODY, type: () => true });
  const feedJson = express.json({ limit: MAX_FEED_BODY, type: () => true });
  (app.getHttpAdapter().getInstance() as express.Express).disable('x-powered-by');
  app.use(helmet(HELMET_OPTIES));

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The route pattern (never the path itself: ids would explode the label set).
      const patroon = req.route?.path as string | undefined;
      metrieken.verzoekDuur.observe(
        { method: req.method, route: patroon ?? 'onbekend', status: String(res.statusCode) },
        ms / 1000,
      );
      log.info('verzoek', {
        requestId,
        method: req.method,
        route: (req.route?.path as string | undefined) ?? req.path.replace(/[0-9a-f-]{36}/g, ':id'),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      });
    });
    next();
  });

  // The Temporal Web UI (another origin) calls the codec endpoint from the browser: CORS for that one
  // origin only, with credentials (the operations session cookie), and nothing for any other path.
  // Before the token check: a preflight carries no token.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const origin = req.header('origin');
    if (!req.path.startsWith(CODEC_PREFIX) || !origin || origin !== opties.codecOrigin) {
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, x-namespace');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  });

  // A known path with a method it does not serve: 405 with Allow (RFC 9110 §15.5.6), and OPTIONS
  // answers with Allow. Before the token check: the methods of a path are what the public OpenAPI
  // document says anyway, nothing about any resource, and the answer is the same for everyone.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const methoden = methodenVan(req.path);
    if (!methoden || methoden.includes(req.method)) {
      next();
      return;
    }
    const allow = methoden.join(', ');
    res.setHeader('Allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    res.setHeader('Connection', 'close');
    sendProblem(
      res,
      // Not the path itself: whatever someone put in a URL is not echoed.
      problem(405, `De methode ${req.method} kan niet op dit pad; wel: ${allow}.`, {
        code: 'METHODE_NIET_TOEGESTAAN',
      }),
    );
  });

  if (verifier) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (!MET_TOKEN.test(req.path) || ZONDER_TOKEN.test(req.path)) {
        next();
        return;
      }
      authenticeer(req, res, verifier).then(
        (gebruiker) => {
          zetGebruiker(req, gebruiker);
          next();
        },
        (err: unknown) => {
          if (err instanceof ProblemException) {
            // The body is never read: close the connection after the answer instead of draining it.
            res.setHeader('Connection', 'close');
            sendProblem(res, err.problem, err.headers);
          } else next(err);
        },
      );
    });
  }

  app.use((req: Request, res: Response, next: NextFunction) => {
    const hasBody =
      Number(req.header('content-length') ?? 0) > 0 || req.header('transfer-encoding') !== undefined;
    if (!['POST', 'PUT', 'PATCH'].includes(req.method) || !hasBody) {
      next();
      return;
    }
    if (!req.is('application/json') && !req.is('application/*+json')) {
      sendProblem(
        res,
        problem(
          415,
          `Gebruik Content-Type application/json (ontvangen: ${req.header('content-type') ?? 'geen'}).`,
          {
            code: 'MEDIATYPE',
          },
        ),
      );
      return;
    }
    // Feed batches and the payloads of a whole history may be larger than a command.
    const isFeed = req.path.startsWith('/api/v1/feeds/') || req.path.startsWith(CODEC_PREFIX);
    const limiet = isFeed ? MAX_FEED_BODY : MAX_BODY;
    (isFeed ? feedJson : json)(req, res, (err?: unknown) => {
      if (!err) {
        next();
        return;
      }
      const e = err as BodyParserError;
      if (e.type === 'entity.too.large') {
        sendProblem(res, problem(413, `De body is groter dan ${limiet}.`, { code: 'BODY_TE_GROOT' }));
      } else if (e.type === 'entity.parse.failed') {
        sendProblem(res, problem(400, 'De body is geen geldige JSON.', { code: 'JSON_ONGELDIG' }));
      } else {
        sendProblem(
          res,
          problem(e.status && e.status < 500 ? e.status : 400, 'De body kon niet worden gelezen.'),
        );
      }
    });
  });
}

/** The API's own surface: the UI (served at /) answers its client routes itself. */
const API_PADEN = /^\/(api|health|metrics)(\/|$)/i;

/**
 * Request path → the methods its routes serve (HEAD with GET, as express does), or undefined for
 * a path no route knows (404 stays 404) or a route for every method. A route with a literal segment
 * where another has a parameter names its own resource: `/trajecten/{id}/tijdlijn` (GET) is not one
 * of the commands of `/trajecten/{id}/{commando}` (POST), so POST there is 405, not "unknown command".
 */
export function methodenPerPad(routes: Route[]): (pad: string) => string[] | undefined {
  const patronen = routes
    .filter((r) => API_PADEN.test(r.pad))
    .map((r) => ({
      methode: r.methode,
      patroon: padPatroon(r.pad),
      letterlijk: r.pad.split('/').filter((deel) => deel !== '' && !deel.startsWith('{')).length,
    }));
  return (pad) => {
    if (!API_PADEN.test(pad)) return undefined;
    const passend = patronen.filter((r) => r.patroon.test(pad));
    if (passend.some((r) => r.methode === 'ALL')) return undefined;
    const meest = Math.max(...passend.map((r) => r.letterlijk));
    const methoden = new Set<string>();
    for (const r of passend) {
      if (r.letterlijk !== meest) continue;
      methoden.add(r.methode);
      if (r.methode === 'GET') methoden.add('HEAD');
    }
    if (methoden.size === 0) return undefined;
    return [...methoden].sort();
  };
}

function zoekVerifier(app: INestApplication): TokenVerifier | undefined {
  try {
    return app.get<TokenVerifier>(TOKEN_VERIFIER, { strict: false });
  } catch {
    return undefined;
  }
}
