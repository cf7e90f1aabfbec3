import { z } from 'zod';

export const datum = (veld: string) =>
  z.iso.date({ message: `${veld} moet een bestaande datum zijn in de vorm JJJJ-MM-DD` });

export const commandIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9._:-]{8,100}$/,
    'commandId is 8 tot 100 tekens: letters, cijfers, punt, liggend streepje, dubbele punt of streepje',
  );

export const aanmeldingSchema = z.strictObject({
  commandId: commandIdSchema.optional(),
  gemeente: z
    .string()
    .regex(/^GM\d{4}$/, 'gemeente is een CBS-gemeentecode: GM gevolgd door vier cijfers, bijv. GM0518'),
  doelgroep: z.enum(['asielstatushouder', 'gezinsmigrant', 'overige_migrant'], {
    message: 'doelgroep is asielstatushouder, gezinsmigrant of overige_migrant',
  }),
  kennisgevingsdatum: datum('kennisgevingsdatum'),
  koppelingsdatum: datum('koppelingsdatum').optional(),
  brpDatum: datum('brpDatum').optional(),
  huisvestingsdatum: datum('huisvestingsdatum').optional(),
});

export type AanmeldingBody = z.infer<typeof aanmeldingSchema>;
