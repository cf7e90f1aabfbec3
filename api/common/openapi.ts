import { z } from 'zod';

/**
 * OpenAPI 3.0 allows null for a `nullable` schema only when its `enum` (if any) lists null too
 * (the 3.0.3 clarification, as validators read it): zod leaves null out of the enum of
 * `z.enum(…).nullable()`, so the document said no to the null the API accepts.
 */
function nullInEnum(knoop: unknown): void {
  if (Array.isArray(knoop)) {
    for (const k of knoop) nullInEnum(k);
    return;
  }
  if (!knoop || typeof knoop !== 'object') return;
  const schema = knoop as Record<string, unknown>;
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) {
    schema.enum = [...schema.enum, null];
  }
  for (const waarde of Object.values(schema)) nullInEnum(waarde);
}

/** A zod schema as an OpenAPI schema object for @ApiBody (one definition for validation and docs). */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  // The document is OpenAPI 3.0: `nullable`, boolean `exclusiveMinimum`, `enum` for a literal.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'openapi-3.0',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  nullInEnum(rest);
  return rest;
}
