import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { installHttp } from './common/http';
import { documenteerCommandos } from './common/openapi-commandos';
import { documenteerContract } from './common/openapi-contract';
import { routesVan } from './common/routes';
import type { ApiDeps } from './infrastructure/infrastructure.module';
import { Metrieken } from './metrics/metrieken';

export const OPENAPI_PATH = 'api/docs';

/** Builds the Nest app around dependencies the caller owns (main.ts, or an e2e test). */
export async function createApiApp(deps: ApiDeps): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(deps), {
    bodyParser: false,
    logger: ['error', 'warn'],
    // A configuration error (e.g. no auth chosen) is thrown to the caller, who says it in Dutch.
    abortOnError: false,
  });
  const routes = routesVan(app);
  installHttp(app, app.get(Metrieken), { codecOrigin: deps.config.privacy?.codecCorsOrigin, routes });
  const document = documenteerContract(
    documenteerCommandos(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('Inburgering API')
          .setDescription(
            'Regie op inburgering (Wi2021): trajecten, commando’s en overzichten. Fouten zijn application/problem+json.',
          )
          .setVersion('1')
          .addBearerAuth()
          .build(),
      ),
    ),
    routes,
  );
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: `${OPENAPI_PATH}/openapi.json` });
  return app;
}
