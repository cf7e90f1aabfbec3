import { z } from 'zod';
import { bevatBsnVorm } from '../../domain/shared/bsn-vorm';
import { gemeentecodeSchema } from '../../domain/traject';

/** Query parameters shared by the list endpoints (one message for each, in Dutch). */
export const limiet = (max: number, standaard: number) =>
  z.coerce
    .number({ message: 'limiet is een getal' })
    .int('limiet is een geheel getal')
    .min(1, 'limiet is minstens 1')
    .max(max, `limiet is hoogstens ${max}`)
    .default(standaard);

/** A staff id as in the token's `sub` (never a name), or a keyword the caller's message names. */
export const medewerkerFilter = (melding: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9._:|-]{1,64}$/, melding)
    .refine((s) => !bevatBsnVorm(s), 'een medewerker-id is nooit een BSN');

/** `gemeente` as a filter (operations without a gemeente in the token). */
export const gemeenteFilter = gemeentecodeSchema('gemeente').optional();

/** Opaque (base64url): only 'volgende' from a previous answer is valid. */
export const cursorParameter = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,500}$/, "cursor is 'volgende' uit het vorige antwoord")
  .optional();
