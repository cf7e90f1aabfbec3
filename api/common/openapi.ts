import { z } from 'zod';

/** A zod schema as an OpenAPI schema object for @ApiBody (one definition for validation and docs). */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}
