import { z } from 'zod';
import { bsnSchema } from '../../domain/persoon';
import { bevatBsnVorm } from '../../domain/shared/bsn-vorm';
import { COMMANDO_VELDEN } from '../../domain/traject';
import { GEEN_BSN } from '../common/beveiliging';

export const MAX_ITEMS = 1000;

const trajectId = z.uuid({ message: 'trajectId is een uuid' }).optional();
/** DUO knows the person by BSN: resolved through the blind index to their open traject in the gemeente. */
const bsn = bsnSchema.optional();
/** DUO's own id of the message, when it has one; it makes the commandId stable even if content is corrected. */
const referentie = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'referentie: letters, cijfers, punt, streepje of dubbele punt')
  .refine((s) => !bevatBsnVorm(s), `referentie ${GEEN_BSN}`)
  .optional();
/** Each item is the rulebook's command (domain/traject/commando-schemas.ts) plus the traject and DUO's reference. */
const bron = { referentie, trajectId, bsn };
const eenVanBeide = {
  check: (i: { trajectId?: string; bsn?: string }) => (i.trajectId === undefined) !== (i.bsn === undefined),
  melding: { message: 'geef trajectId of bsn (precies één van beide)', path: ['trajectId'] },
};

export const examenresultaatItem = COMMANDO_VELDEN.registreerExamenresultaat
  .extend(bron)
  .refine(eenVanBeide.check, eenVanBeide.melding);

export const besluitItem = z
  .discriminatedUnion(
    'soort',
    [
      COMMANDO_VELDEN.registreerVerlenging.extend({ soort: z.literal('verlenging'), ...bron }),
      COMMANDO_VELDEN.registreerOntheffing.extend({ soort: z.literal('ontheffing'), ...bron }),
      COMMANDO_VELDEN.registreerVooraankondiging.extend({ soort: z.literal('vooraankondiging'), ...bron }),
      COMMANDO_VELDEN.registreerDuoBoete.extend({ soort: z.literal('boete'), ...bron }),
    ],
    { message: 'soort is een van: verlenging, ontheffing, vooraankondiging, boete' },
  )
  .refine(eenVanBeide.check, eenVanBeide.melding);

/** The envelope: checked as a whole (400 when wrong); the items one by one (a result each). */
export const batchSchema = z.strictObject({
  items: z
    .array(z.unknown(), { message: 'items is een lijst' })
    .min(1, 'items bevat minstens één item')
    .max(MAX_ITEMS, `items bevat hoogstens ${MAX_ITEMS} items; splits de levering`),
});
export type Batch = z.infer<typeof batchSchema>;
