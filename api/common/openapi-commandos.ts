import type { OpenAPIObject } from '@nestjs/swagger';
import { COMMAND_ID_PATROON } from '../trajecten/aanmelding.dto';
import { COMMANDO_ROUTES } from '../trajecten/commandos.dto';
import { openApiSchema } from './openapi';

const GENERIEK = '/api/v1/trajecten/{id}/{commando}';

const problem = (beschrijving: string) => ({
  description: beschrijving,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Probleem' } } },
});

/**
 * One documented path per decider command (the API serves them through one route, whose body
 * schema depends on the command): each with its own request schema from the same zod schema that
 * validates it, so the docs cannot drift from the checks.
 */
export function documenteerCommandos(document: OpenAPIObject): OpenAPIObject {
  const generiek = document.paths[GENERIEK]?.post;
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Probleem = {
    type: 'object',
    required: ['type', 'title', 'status'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      code: { type: 'string', description: 'Vaste code, bijv. een domeincode als PIP_VOOR_INTAKE' },
      fouten: {
        type: 'array',
        items: { type: 'object', properties: { veld: { type: 'string' }, melding: { type: 'string' } } },
      },
      requestId: { type: 'string' },
    },
  };
  for (const [route, { type, schema }] of Object.entries(COMMANDO_ROUTES)) {
    document.paths[`/api/v1/trajecten/{id}/${route}`] = {
      post: {
        tags: ['commando’s'],
        summary: `${type}`,
        operationId: `commando_${type}`,
        security: generiek?.security ?? [{ bearer: [] }],
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'De commandId, als die niet in de body staat: één van beide is verplicht (anders 400 COMMAND_ID_ONTBREEKT). 8–100 tekens, nooit een BSN; de server zet er ui: voor.',
            schema: { type: 'string', pattern: COMMAND_ID_PATROON },
          },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: openApiSchema(schema) } } },
        responses: {
          200: { description: 'Verwerkt (of al eerder verwerkt: toegepast=false); de nieuwe status' },
          400: problem('Ongeldige invoer'),
          401: problem('Niet aangemeld'),
          404: problem('Onbekend traject (of van een andere gemeente)'),
          409: problem('Past niet bij de toestand van het traject (domeincode)'),
          413: problem('Body te groot'),
          415: problem('Geen application/json'),
          422: problem('In strijd met een regel (domeincode)'),
          503: problem('Worker niet bereikbaar; niets verwerkt, opnieuw sturen met dezelfde commandId'),
        },
      },
    };
  }
  delete document.paths[GENERIEK];
  return document;
}
