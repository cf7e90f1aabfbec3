import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';

/** The request id installHttp put on the response (and in the log line), for audit_event.request_id. */
export function requestIdVan(res: Response): string {
  return String(res.getHeader('x-request-id') ?? '');
}

/** Handler parameter: this request's id. */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string =>
  requestIdVan(ctx.switchToHttp().getResponse<Response>()),
);
