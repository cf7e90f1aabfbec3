import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { padPatroon, type Route } from './routes';

/**
 * The OpenAPI document says what the API really accepts and answers (issue 13, checked by
 * schemathesis in `npm run api:contract`): every operation its success status (the one Nest answers
 * with, from the controller's decorators), every query parameter with the schema of the zod schema
 * that validates it (types, ranges, patterns, required), and every error answer as
 * application/problem+json.
 */
const PROBLEEM = { $ref: '#/components/schemas/Probleem' };
const probleem = (beschrijving: string) => ({
  description: beschrijving,
  content: { 'application/problem+json': { schema: PROBLEEM } },
});

/** Answers every operation can give besides its own (a token, a role, a limit, a dependency down). */
const ALGEMEEN: Record<string, string> = {
  '400': 'Ongeldige invoer (velden met een Nederlandse melding)',
  '401':
    'Niet aangemeld: geen Authorization-header, of een token dat niet klopt of verlopen is (altijd vóór 403)',
  '403': 'Wel een geldig token, maar deze rol of dit bereik (gemeente, bron, organisatie) mag dit niet',
  '404': 'Onbekend (of van een andere gemeente)',
  '413': 'Body te groot',
  '415': 'Geen application/json',
  '429': 'Te veel verzoeken: probeer het na Retry-After opnieuw',
  '503':
    'Postgres, Temporal of de worker is nu niet bereikbaar: probeer het na Retry-After opnieuw; er is niets gewijzigd',
};

type Operatie = {
  parameters?: { name: string; in: string; [k: string]: unknown }[];
  responses?: Record<string, unknown>;
  description?: string;
  security?: unknown[];
  requestBody?: unknown;
};

/** The route that serves a documented operation: the same path, else the route whose pattern it fits
 * (the commands, documented one path each, are served by `/api/v1/trajecten/{id}/{commando}`). */
function routeVoor(routes: Route[], methode: string, pad: string): Route | undefined {
  const m = methode.toUpperCase();
  return (
    routes.find((r) => r.methode === m && r.pad === pad) ??
    routes.find((r) => r.methode === m && padPatroon(r.pad).test(pad))
  );
}

const SUCCES: Record<number, string> = {
  200: 'Gelukt',
  201: 'Aangemaakt of verwerkt',
  202: 'Aangenomen; het werk loopt',
  204: 'Gelukt (zonder inhoud)',
};

export function documenteerContract(document: OpenAPIObject, routes: Route[] = []): OpenAPIObject {
  for (const [pad, item] of Object.entries(document.paths)) {
    for (const [methode, operatie] of Object.entries(item as Record<string, Operatie>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(methode)) continue;
      const route = routeVoor(routes, methode, pad);
      operatie.responses ??= {};
      // Every operation declares the success its route answers with (also when its decorators
      // only name the errors).
      if (route && !operatie.responses[String(route.status)]) {
        operatie.responses[String(route.status)] = { description: SUCCES[route.status] ?? 'Gelukt' };
      }
      const schema = route?.query;
      if (schema) {
        const anders = (operatie.parameters ?? []).filter((p) => p.in !== 'query');
        const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
          properties?: Record<string, Record<string, unknown>>;
          required?: string[];
        };
        const query = Object.entries(json.properties ?? {}).map(([naam, s]) => {
          const { default: _d, ...velden } = s;
          const bestaand = (operatie.parameters ?? []).find((p) => p.in === 'query' && p.name === naam);
          return {
            name: naam,
            in: 'query',
            required: json.required?.includes(naam) ?? false,
            ...(bestaand?.description ? { description: bestaand.description } : {}),
            schema: velden,
          };
        });
        operatie.parameters = [...anders, ...query];
      }
      // Unknown query parameters are refused (strict schemas): say so.
      if (schema && operatie.description !== undefined) {
        operatie.description += ' Onbekende zoekparameters geven 400.';
      }
      // A cursor is opaque: only 'volgende' from a previous answer is valid (another value is 400).
      const cursor = operatie.parameters?.find((p) => p.in === 'query' && p.name === 'cursor');
      if (cursor)
        cursor.description = "Ondoorzichtig: alleen 'volgende' uit het vorige antwoord (anders 400).";
      for (const [status, beschrijving] of Object.entries(ALGEMEEN)) {
        if (status === '401' || status === '403' || status === '429') {
          if (!operatie.security || (operatie.security as unknown[]).length === 0) continue;
        }
        if ((status === '413' || status === '415') && !operatie.requestBody) continue;
        const bestaand = operatie.responses[status] as { description?: string } | undefined;
        operatie.responses[status] = probleem(bestaand?.description ?? beschrijving);
      }
      // The errors a controller names itself are problem+json too.
      for (const [status, antwoord] of Object.entries(operatie.responses)) {
        const { description, content } = antwoord as { description?: string; content?: unknown };
        if (Number(status) >= 400 && !content) operatie.responses[status] = probleem(description ?? '');
      }
    }
  }
  return document;
}
