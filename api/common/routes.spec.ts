import 'reflect-metadata';
import { Controller, Get, HttpCode, type INestApplication, Module, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { z } from 'zod';
import { methodenPerPad } from './http';
import { documenteerContract } from './openapi-contract';
import { routesVan } from './routes';
import { ZodQuery } from './zod-body.pipe';

// The routes as the controllers declare them (issue 13): the success status the OpenAPI document
// must name, the query schema it describes, and the methods per path for 405 with Allow.

const lijstQuery = z.strictObject({ limiet: z.coerce.number().int().min(1).max(200).optional() });

@Controller('api/v1/dingen')
class DingenController {
  @Get()
  lijst(@Query(new ZodQuery(lijstQuery)) _q: unknown): string[] {
    return [];
  }

  @Post()
  maak(): string {
    return 'x';
  }

  @Get(':id/tijdlijn')
  tijdlijn(@Param('id') id: string): string {
    return id;
  }

  @Post(':id/:commando')
  @HttpCode(200)
  commando(@Param('id') id: string): string {
    return id;
  }

  @Post('start')
  @HttpCode(202)
  start(): void {}
}

@Controller('metrics')
class MetriekController {
  @Get()
  metrics(): string {
    return '';
  }
}

@Module({ controllers: [DingenController, MetriekController] })
class TestModule {}

let app: INestApplication;
beforeAll(async () => {
  app = await NestFactory.create(TestModule, { logger: false });
});
afterAll(async () => {
  await app?.close();
});

describe('routesVan', () => {
  it('elke route met haar methode, pad in OpenAPI-vorm en de status van een succes', () => {
    const routes = routesVan(app).map(({ methode, pad, status }) => `${methode} ${pad} ${status}`);
    expect(routes.sort()).toEqual(
      [
        'GET /api/v1/dingen 200',
        'POST /api/v1/dingen 201',
        'GET /api/v1/dingen/{id}/tijdlijn 200',
        'POST /api/v1/dingen/{id}/{commando} 200',
        'POST /api/v1/dingen/start 202',
        'GET /metrics 200',
      ].sort(),
    );
    expect(routesVan(app).find((r) => r.methode === 'GET' && r.pad === '/api/v1/dingen')?.query).toBe(
      lijstQuery,
    );
  });
});

describe('documenteerContract', () => {
  it('geeft een operatie die alleen fouten noemde haar succes, en haar zoekparameters uit het zod-schema', () => {
    const document = documenteerContract(
      {
        openapi: '3.0.0',
        info: { title: 't', version: '1' },
        paths: {
          '/api/v1/dingen': {
            get: { responses: { 404: { description: 'weg' } }, security: [{ bearer: [] }] },
          },
          '/api/v1/dingen/{id}/intake': { post: { responses: {} } },
          '/api/v1/dingen/start': { post: { responses: {} } },
        },
      },
      routesVan(app),
    );
    const lijst = document.paths['/api/v1/dingen'].get;
    expect(Object.keys(lijst?.responses ?? {}).sort()).toEqual(
      ['200', '400', '401', '403', '404', '429', '503'].sort(),
    );
    expect(lijst?.responses['404']).toEqual({
      description: 'weg',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Probleem' } } },
    });
    expect(lijst?.parameters).toEqual([
      {
        name: 'limiet',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 200 }),
      },
    ]);
    // A command documented on its own path is served by the route with {commando}.
    expect(Object.keys(document.paths['/api/v1/dingen/{id}/intake'].post?.responses ?? {})).toContain('200');
    expect(Object.keys(document.paths['/api/v1/dingen/start'].post?.responses ?? {})).toContain('202');
  });
});

describe('methodenPerPad', () => {
  const methoden = () => methodenPerPad(routesVan(app));

  it('de methoden van een bekend pad (HEAD bij GET), niets voor een onbekend pad of de UI', () => {
    expect(methoden()('/api/v1/dingen')).toEqual(['GET', 'HEAD', 'POST']);
    expect(methoden()('/API/v1/dingen/')).toEqual(['GET', 'HEAD', 'POST']);
    expect(methoden()('/metrics')).toEqual(['GET', 'HEAD']);
    expect(methoden()('/api/v1/onbekend')).toBeUndefined();
    expect(methoden()('/trajecten/123')).toBeUndefined();
  });

  it('een letterlijk deel gaat voor een parameter: /{id}/tijdlijn is geen commando', () => {
    expect(methoden()('/api/v1/dingen/abc/tijdlijn')).toEqual(['GET', 'HEAD']);
    expect(methoden()('/api/v1/dingen/abc/intake')).toEqual(['POST']);
    expect(methoden()('/api/v1/dingen/start')).toEqual(['POST']);
  });
});
