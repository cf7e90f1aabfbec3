import { z } from 'zod';

/** A zod schema as an OpenAPI schema object for @ApiBody (one definition for validation and docs). */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  // The document is OpenAPI 3.0: `nullable`, boolean `exclusiveMinimum`, `enum` for a literal.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'openapi-3.0',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}
