import { z } from 'zod';
import { EXAMENCOMPONENTEN, ONTHEFFINGSGRONDEN, TAALNIVEAUS, VERLENGINGSGRONDEN } from '../../domain/traject';
import { datum } from '../trajecten/aanmelding.dto';

export const MAX_ITEMS = 1000;

const trajectId = z.uuid({ message: 'trajectId is een uuid' });
/** DUO's own id of the message, when it has one; it makes the commandId stable even if content is corrected. */
const referentie = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'referentie: letters, cijfers, punt, streepje of dubbele punt')
  .optional();
const keuze = <T extends readonly [string, ...string[]]>(veld: string, waarden: T) =>
  z.enum(waarden, { message: `${veld} is een van: ${waarden.join(', ')}` });

export const examenresultaatItem = z.strictObject({
  referentie,
  trajectId,
  component: keuze('component', EXAMENCOMPONENTEN),
  niveau: keuze('niveau', TAALNIVEAUS).nullable().optional(),
  behaald: z.boolean({ message: 'behaald is true of false' }),
  datum: datum('datum'),
});

export const besluitItem = z.discriminatedUnion(
  'soort',
  [
    z.strictObject({
      soort: z.literal('verlenging'),
      referentie,
      trajectId,
      grond: keuze('grond', VERLENGINGSGRONDEN),
      besluitdatum: datum('besluitdatum'),
      nieuweEinddatum: datum('nieuweEinddatum').optional(),
      maanden: z.number().int().optional(),
      weken: z.number().int().optional(),
    }),
    z.strictObject({
      soort: z.literal('ontheffing'),
      referentie,
      trajectId,
      datum: datum('datum'),
      grond: keuze('grond', ONTHEFFINGSGRONDEN).optional(),
    }),
    z.strictObject({ soort: z.literal('vooraankondiging'), referentie, trajectId, datum: datum('datum') }),
    z.strictObject({
      soort: z.literal('boete'),
      referentie,
      trajectId,
      datum: datum('datum'),
      bedrag: z.number({ message: 'bedrag is een getal (euro)' }),
    }),
  ],
  { message: 'soort is een van: verlenging, ontheffing, vooraankondiging, boete' },
);

/** The envelope: checked as a whole (400 when wrong); the items one by one (a result each). */
export const batchSchema = z.strictObject({
  items: z
    .array(z.unknown(), { message: 'items is een lijst' })
    .min(1, 'items bevat minstens één item')
    .max(MAX_ITEMS, `items bevat hoogstens ${MAX_ITEMS} items; splits de levering`),
});
export type Batch = z.infer<typeof batchSchema>;
