import 'reflect-metadata';
import {
  Controller,
  type DynamicModule,
  Get,
  Global,
  type INestApplication,
  Module,
  Post,
} from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type AangemeldeGebruiker, AuthModule, Gebruiker, Publiek, Rollen } from '../../../api/auth';
import { installHttp } from '../../../api/common/http';
import { ProblemFilter } from '../../../api/common/problem.filter';
import { APP_CONFIG } from '../../../api/infrastructure/infrastructure.module';
import type { AppConfig } from '../../../platform/config';

// Dummy routes shaped like the real API, so the guard is tested as it will be wired.

@Controller('api/v1/trajecten')
class TrajectenRoutes {
  @Get()
  lijst(@Gebruiker() gebruiker: AangemeldeGebruiker): AangemeldeGebruiker {
    return gebruiker;
  }
}

@Controller('api/v1/teams')
@Rollen('teamleider')
class TeamRoutes {
  @Get()
  team(@Gebruiker() gebruiker: AangemeldeGebruiker): AangemeldeGebruiker {
    return gebruiker;
  }

  @Get('werkvoorraad')
  @Rollen('teamleider', 'operations')
  werkvoorraad(): { ok: true } {
    return { ok: true };
  }
}

@Controller('api/v1/operations')
@Rollen('operations')
class OperationsRoutes {
  @Get('workflows')
  workflows(@Gebruiker() gebruiker: AangemeldeGebruiker): AangemeldeGebruiker {
    return gebruiker;
  }
}

@Controller('api/v1/feeds')
@Rollen('feed')
class FeedRoutes {
  @Post('duo/examenresultaten')
  examenresultaten(@Gebruiker() gebruiker: AangemeldeGebruiker): AangemeldeGebruiker {
    return gebruiker;
  }
}

/** A route that (wrongly) lists feed outside /feeds/: the central rule still refuses it. */
@Controller('api/v1/taken')
@Rollen('casemanager', 'feed')
class TakenRoutes {
  @Get()
  taken(): { ok: true } {
    return { ok: true };
  }
}

@Controller('health')
@Publiek()
class HealthRoutes {
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

@Global()
@Module({})
class ConfigModule {
  static met(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

@Module({})
class TestAppModule {
  static met(config: AppConfig): DynamicModule {
    return {
      module: TestAppModule,
      imports: [ConfigModule.met(config), AuthModule],
      controllers: [TrajectenRoutes, TeamRoutes, OperationsRoutes, FeedRoutes, TakenRoutes, HealthRoutes],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}

export interface TestApp {
  url: string;
  app: INestApplication;
}

/** Guard, filter, request ids and OpenAPI as in api/app.ts, on a free loopback port. */
export async function startTestApp(config: AppConfig): Promise<TestApp> {
  const app = await NestFactory.create(TestAppModule.met(config), { bodyParser: false, logger: false });
  installHttp(app);
  SwaggerModule.setup(
    'api/docs',
    app,
    SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('test').build()),
    { jsonDocumentUrl: 'api/docs/openapi.json' },
  );
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, app };
}
