import { z } from 'zod';

/** GET /api/v1/taken: the open work of a casemanager (or the team), due first. */
export const takenQuerySchema = z.strictObject({
  status: z
    .enum(['open', 'afgerond', 'vervallen'], { message: 'status is open, afgerond of vervallen' })
    .default('open'),
  actie: z
    .enum(['taak', 'waarschuwing', 'escalatie'], { message: 'actie is taak, waarschuwing of escalatie' })
    .optional(),
  ontvanger: z
    .enum(['casemanager', 'teamleider'], { message: 'ontvanger is casemanager of teamleider' })
    .optional(),
  casemanager: z
    .string()
    .regex(/^[A-Za-z0-9._:|-]{1,64}$/, 'casemanager is een medewerker-id, of "ik", "geen" of "alle"')
    .optional(),
  trajectId: z.uuid({ message: 'trajectId is een uuid' }).optional(),
  vervaltVoor: z.iso.date({ message: 'vervaltVoor is een datum JJJJ-MM-DD' }).optional(),
  limiet: z.coerce
    .number({ message: 'limiet is een getal' })
    .int('limiet is een geheel getal')
    .min(1, 'limiet is minstens 1')
    .max(200, 'limiet is hoogstens 200')
    .default(50),
  cursor: z.string().max(500).optional(),
});
export type TakenQuery = z.infer<typeof takenQuerySchema>;
