import { z } from 'zod';
import { cursorParameter, limiet, medewerkerFilter } from '../common/query';

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
  casemanager: medewerkerFilter('casemanager is een medewerker-id, of "ik", "geen" of "alle"').optional(),
  trajectId: z.uuid({ message: 'trajectId is een uuid' }).optional(),
  vervaltVoor: z.iso.date({ message: 'vervaltVoor is een datum JJJJ-MM-DD' }).optional(),
  limiet: limiet(200, 50),
  cursor: cursorParameter,
});
export type TakenQuery = z.infer<typeof takenQuerySchema>;
