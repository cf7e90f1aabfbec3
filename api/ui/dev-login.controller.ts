import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { tekenLokaalToken } from '../../platform/auth';
import type { AppConfig } from '../../platform/config';
import { Logger } from '../../platform/logger';
import { Publiek } from '../auth';
import { openApiSchema } from '../common/openapi';
import { ProblemException, problem } from '../common/problem';
import { ZodBody } from '../common/zod-body.pipe';
import { APP_CONFIG } from '../infrastructure/infrastructure.module';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const GELDIG_SECONDEN = 8 * 3600;
const log = new Logger('api.dev-login');

export const devTokenSchema = z
  .strictObject({
    rol: z.enum(['casemanager', 'teamleider', 'operations', 'admin', 'privacy'], {
      message: 'rol is casemanager, teamleider, operations, admin of privacy',
    }),
    gemeente: z
      .string()
      .regex(/^(GM\d{4}|\*)$/, 'gemeente is een CBS-gemeentecode, bijv. GM0518, of * voor landelijk')
      .optional(),
    medewerker: z
      .string()
      .regex(
        /^[A-Za-z0-9._-]{2,64}$/,
        'medewerker is een medewerker-id (letters, cijfers, . _ -), geen naam',
      ),
  })
  .refine((b) => b.rol === 'operations' || b.gemeente !== undefined, {
    message: 'gemeente is verplicht (alleen operations mag zonder)',
    path: ['gemeente'],
  })
  .refine((b) => b.gemeente !== '*' || b.rol === 'operations' || b.rol === 'admin', {
    message: 'landelijk bereik (*) is alleen voor operations en beheer',
    path: ['gemeente'],
  });

/** Only a request from this machine, and not one a local reverse proxy passed on. */
export function isLoopback(req: Request): boolean {
  const adres = req.socket.remoteAddress ?? '';
  return LOOPBACK.has(adres) && !req.headers['x-forwarded-for'] && !req.headers.forwarded;
}

/**
 * Development sign-in of the embedded default: a token signed with the local key for the role and
 * gemeente picked on the UI's login page. Registered only in local-key mode (api/ui/ui.module.ts) and
 * answering only from loopback; with an OIDC issuer configured the API refuses to start with it on.
 */
@ApiTags('ontwikkeling')
@Controller('api/v1/dev')
export class DevLoginController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post('token')
  @HttpCode(200)
  @Publiek()
  @ApiOperation({
    summary:
      'Alleen lokale ontwikkelmodus: een token voor een gekozen rol en gemeente (alleen vanaf 127.0.0.1)',
  })
  @ApiBody({ schema: openApiSchema(devTokenSchema) })
  async token(
    @Body(new ZodBody(devTokenSchema)) body: z.infer<typeof devTokenSchema>,
    @Req() req: Request,
  ): Promise<{ token: string; geldigSeconden: number }> {
    const auth = this.config.auth;
    if (auth.modus !== 'lokaal') {
      throw new ProblemException(problem(404, 'Er is geen ontwikkel-aanmelding.', { code: 'NIET_GEVONDEN' }));
    }
    if (!isLoopback(req)) {
      log.warn('dev-token geweigerd: niet vanaf loopback', { rol: body.rol });
      throw new ProblemException(
        problem(403, 'De ontwikkel-aanmelding werkt alleen vanaf deze computer (127.0.0.1).', {
          code: 'ALLEEN_LOOPBACK',
        }),
      );
    }
    const token = await tekenLokaalToken(
      auth,
      body.gemeente === '*'
        ? { sub: body.medewerker, rol: body.rol, gemeente: null, bereik: '*' }
        : { sub: body.medewerker, rol: body.rol, gemeente: body.gemeente ?? null },
      { geldigSeconden: GELDIG_SECONDEN },
    );
    log.info('dev-token uitgegeven', { rol: body.rol, gemeente: body.gemeente ?? '' });
    return { token, geldigSeconden: GELDIG_SECONDEN };
  }
}
