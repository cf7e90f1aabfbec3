import { z } from 'zod';
import { COMMANDO_VELDEN } from '../../domain/traject';
import { UUID } from '../trajecten/traject-id';

/**
 * A taalaanbieder's report of one traject and one ISO week (issue 15): the rulebook's field schema
 * of `registreerVoortgang` without the organisation (that comes from the token) plus the traject.
 */
export const voortgangSchema = COMMANDO_VELDEN.registreerVoortgang.omit({ aanbieder: true }).extend({
  trajectId: z
    .string({ message: 'trajectId is de id van het traject (uuid)' })
    .regex(UUID, 'trajectId is de id van het traject (uuid)'),
});
export type VoortgangBody = z.infer<typeof voortgangSchema>;

export const AANBIEDER_LIJST_MAX = 200;

export const aanbiederLijstSchema = z.strictObject({
  limiet: z.coerce
    .number({ message: `limiet is een getal van 1 tot ${AANBIEDER_LIJST_MAX}` })
    .int(`limiet is een getal van 1 tot ${AANBIEDER_LIJST_MAX}`)
    .min(1, `limiet is een getal van 1 tot ${AANBIEDER_LIJST_MAX}`)
    .max(AANBIEDER_LIJST_MAX, `limiet is een getal van 1 tot ${AANBIEDER_LIJST_MAX}`)
    .optional(),
  cursor: z.string().max(500).optional(),
});
export type AanbiederLijstQuery = z.infer<typeof aanbiederLijstSchema>;
