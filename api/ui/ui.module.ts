import fs from 'node:fs';
import path from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';
import type { AppConfig } from '../../platform/config';
import { Logger } from '../../platform/logger';
import { projectRoot } from '../../platform/paths';
import { DevLoginController } from './dev-login.controller';
import { leesUiConfig } from './ui-config';
import { UI_CONFIG, UiConfigController } from './ui-config.controller';
import { UiNietGebouwdController } from './ui-niet-gebouwd.controller';

/** Where `npm run build:web` (Vite) puts the casemanager UI; the API serves it from here. */
export function webMap(): string {
  return path.join(projectRoot(), 'dist', 'web');
}

/**
 * The casemanager UI at `/`: the built files (hashed assets cached for a year, index.html never), every
 * client route answered with index.html, and nothing under /api, /health or /metrics shadowed. Also the
 * sign-in settings for the browser and, in local-key mode only, the development login.
 */
@Module({})
export class UiModule {
  static forRoot(config: AppConfig, env: Record<string, string | undefined> = process.env): DynamicModule {
    const uiConfig = leesUiConfig(env, config.auth, config.temporal);
    const devLogin = uiConfig.aanmelding.modus === 'lokaal' && uiConfig.aanmelding.devLogin;
    const map = webMap();
    const gebouwd = fs.existsSync(path.join(map, 'index.html'));
    if (!gebouwd) {
      new Logger('api.ui', config.logLevel).info(
        'webapplicatie niet gebouwd; `npm run build:web` maakt haar',
        {
          map,
        },
      );
    }
    return {
      module: UiModule,
      imports: gebouwd
        ? [
            ServeStaticModule.forRoot({
              rootPath: map,
              exclude: ['/api/{*pad}', '/health', '/metrics', '/assets/{*pad}'],
              serveStaticOptions: {
                index: false,
                setHeaders: (res: Response, bestand: string) => {
                  res.setHeader(
                    'Cache-Control',
                    bestand.includes(`${path.sep}assets${path.sep}`)
                      ? 'public, max-age=31536000, immutable'
                      : 'no-cache',
                  );
                  res.setHeader('X-Content-Type-Options', 'nosniff');
                },
              },
            }),
          ]
        : [],
      controllers: [
        UiConfigController,
        ...(devLogin ? [DevLoginController] : []),
        ...(gebouwd ? [] : [UiNietGebouwdController]),
      ],
      providers: [{ provide: UI_CONFIG, useValue: uiConfig }],
    };
  }
}
