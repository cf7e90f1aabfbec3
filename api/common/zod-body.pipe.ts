import { type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { ProblemException, problem } from './problem';

// Zod's own messages in Dutch; the schemas add clearer ones where it matters.
z.config(z.locales.nl());

export function veldFouten(error: z.ZodError): { veld: string; melding: string }[] {
  return error.issues.flatMap((issue) => {
    const pad = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      // Name the field, never echo its value (it may be a BSN someone sent by mistake).
      return issue.keys.map((key) => ({
        veld: [...pad, key].join('.'),
        melding: 'onbekend veld; laat het weg',
      }));
    }
    return [{ veld: pad.length > 0 ? pad.join('.') : '(body)', melding: issue.message }];
  });
}

/** Validates a request body against a strict zod schema; failure is a 400 problem with field errors. */
export class ZodBody<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ProblemException(
        problem(400, 'De body moet een JSON-object zijn.', { code: 'BODY_ONGELDIG' }),
      );
    }
    const result = this.schema.safeParse(value);
    if (!result.success) {
      throw new ProblemException(
        problem(400, 'Een of meer velden zijn ongeldig.', {
          code: 'VALIDATIE',
          fouten: veldFouten(result.error),
        }),
      );
    }
    return result.data;
  }
}

/** Validates query parameters against a strict zod schema (unknown parameters are refused too). */
export class ZodQuery<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  /** Public: the OpenAPI document describes the query parameters with it (api/common/routes.ts). */
  constructor(readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) {
      throw new ProblemException(
        problem(400, 'Een of meer zoekparameters zijn ongeldig.', {
          code: 'VALIDATIE',
          fouten: veldFouten(result.error),
        }),
      );
    }
    return result.data;
  }
}
