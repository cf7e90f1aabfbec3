import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '../../platform/config';
import { Logger } from '../../platform/logger';
import { APP_CONFIG } from '../infrastructure/infrastructure.module';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard';
import { maakTokenVerifier, type TokenVerifier } from './token-verifier';

/**
 * Bearer JWT on every route (global guard). Needs APP_CONFIG from the global InfrastructureModule.
 * The embedded default reads (or creates) the local key here, once, at startup.
 */
@Module({
  providers: [
    {
      provide: TOKEN_VERIFIER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): TokenVerifier => {
        const verifier = maakTokenVerifier(config.auth);
        if (config.auth.modus === 'lokaal') {
          new Logger('api.toegang', config.logLevel).info(
            'lokale ondertekensleutel: alleen voor ontwikkeling; zet AUTH_ISSUER voor productie',
          );
        }
        return verifier;
      },
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TOKEN_VERIFIER],
})
export class AuthModule {}
