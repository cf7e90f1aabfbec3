import { type ExecutionContext, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  ThrottlerModule,
  type ThrottlerModuleOptions,
} from '@nestjs/throttler';
import type { Request } from 'express';
import type { AppConfig } from '../../platform/config';
import { aangemeldeGebruiker } from '../auth/decorators';
import { APP_CONFIG } from '../infrastructure/infrastructure.module';
import { ProblemException, problem } from './problem';

/**
 * Per-user rate limiting (issue 13): every user (token `sub`) gets `VERZOEKEN_PER_MINUUT` requests
 * a minute over all routes together; then 429 problem+json with Retry-After. Without a verified
 * user (health, docs) the client's address counts.
 */
@Injectable()
export class GebruikerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Request): Promise<string> {
    const gebruiker = aangemeldeGebruiker(req);
    return gebruiker ? `gebruiker:${gebruiker.sub}` : `adres:${req.ip ?? 'onbekend'}`;
  }

  /** One budget per user for the whole API, not one per route. */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconden = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ProblemException(
      problem(
        429,
        `Te veel verzoeken: hoogstens ${detail.limit} per minuut. Probeer het over ${seconden} s opnieuw.`,
        {
          code: 'TE_VEEL_VERZOEKEN',
        },
      ),
      { 'Retry-After': String(seconden) },
    );
  }
}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ThrottlerModuleOptions => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.api.verzoekenPerMinuut }],
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: GebruikerThrottlerGuard }],
})
export class SnelheidslimietModule {}
