import { z } from 'zod';
import { COMMANDO_VELDEN, datumSchema, LIJKT_OP_BSN } from '../../domain';
import { inburgeraarSchema } from '../../domain/persoon';
import { bevatBsnVorm } from '../../domain/shared/bsn-vorm';

/** A calendar date field (the rulebook's own date rule, with its Dutch message). */
export const datum = datumSchema;

/**
 * The commandId as the OpenAPI document gives it (body field and Idempotency-Key): 8 to 100 of these
 * characters, not eight or nine digits, and no part (between . _ : -) of nine digits. The API refuses
 * only parts that pass the elfproef; the document asks a client for none at all, which a pattern can say.
 */
export const COMMAND_ID_PATROON =
  '^(?![0-9]{8,9}$)(?!(?:.*[._:-])?[0-9]{9}(?:[._:-]|$))[A-Za-z0-9._:-]{8,100}$';

/** The client's idempotency key: a command sent twice counts once. Never BSN-shaped. */
export const commandIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9._:-]{8,100}$/,
    'commandId is 8 tot 100 tekens: letters, cijfers, punt, liggend streepje, dubbele punt of streepje',
  )
  .refine((s) => !LIJKT_OP_BSN.test(s) && !bevatBsnVorm(s), 'commandId mag geen BSN zijn of bevatten')
  .meta({ pattern: COMMAND_ID_PATROON });

/**
 * The aanmelding as a casemanager sends it: the rulebook's fields (commando-schemas.ts) and the person
 * (domain/persoon), or a reference to a person already in the register. Without the policy overrides
 * (policy is the gemeente's configuration) and without birth dates of its own: the rulebook gets those
 * from the person.
 */
export const aanmeldingSchema = COMMANDO_VELDEN.aanmelden
  .omit({ beleid: true, gemeenteRoute: true, geboortedatum: true, kinderen: true })
  .extend({
    commandId: commandIdSchema.optional(),
    inburgeraar: inburgeraarSchema.optional(),
    inburgeraarId: z.uuid({ message: 'inburgeraarId is de id van een inburgeraar' }).optional(),
  })
  .refine((a) => !(a.inburgeraar && a.inburgeraarId), {
    message: 'geef inburgeraar of inburgeraarId, niet allebei',
    path: ['inburgeraarId'],
  });

export type AanmeldingBody = z.infer<typeof aanmeldingSchema>;
