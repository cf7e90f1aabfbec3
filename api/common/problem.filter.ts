import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Logger } from '../../platform/logger';
import { databaseOnbereikbaar, isDatabaseOnbereikbaar, isTemporalOnbereikbaar } from './afhankelijkheden';
import {
  gegevensVernietigd,
  isVernietigd,
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  ProblemException,
  problem,
  temporalOnbereikbaar,
} from './problem';

const log = new Logger('api.fouten');

export function sendProblem(res: Response, body: ProblemDetails, headers: Record<string, string> = {}): void {
  const requestId = res.getHeader('x-request-id');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res
    .status(body.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...body, ...(requestId ? { requestId: String(requestId) } : {}) }));
}

/** Every error leaves the API as application/problem+json in Dutch; a 500 never shows internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    if (exception instanceof ProblemException) {
      sendProblem(res, exception.problem, exception.headers);
      return;
    }
    if (isVernietigd(exception)) {
      sendProblem(res, gegevensVernietigd().problem);
      return;
    }
    // A dependency that is down: 503 + Retry-After (issue 13), never a 500.
    const afhankelijkheid = isDatabaseOnbereikbaar(exception)
      ? databaseOnbereikbaar()
      : isTemporalOnbereikbaar(exception)
        ? temporalOnbereikbaar()
        : null;
    if (afhankelijkheid) {
      log.warn('afhankelijkheid onbereikbaar', {
        route: req.path,
        code: afhankelijkheid.problem.code,
        requestId: String(res.getHeader('x-request-id') ?? ''),
      });
      sendProblem(res, afhankelijkheid.problem, afhankelijkheid.headers);
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const detail =
        status === 404
          ? `Er is geen resource op ${req.method} ${req.path}.`
          : 'Het verzoek kon niet worden verwerkt.';
      sendProblem(res, problem(status, detail));
      return;
    }
    log.error('onverwachte fout', {
      route: req.path,
      fout: exception instanceof Error ? exception.name : typeof exception,
      requestId: String(res.getHeader('x-request-id') ?? ''),
    });
    sendProblem(res, problem(500, 'Er ging iets mis aan onze kant. Probeer het later opnieuw.'));
  }
}
