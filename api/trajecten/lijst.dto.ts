import { z } from 'zod';
import { DOELGROEPEN, FASEN, LEERROUTES } from '../../domain/traject';
import { TRAJECT_SORTEERVELDEN, type TrajectSorteerveld } from '../../platform/persistence/repositories';
import { cursorParameter, limiet, medewerkerFilter } from '../common/query';
import { datum } from './aanmelding.dto';

/** Sort keys of the list: a read-model column, ascending; a leading '-' for descending. */
export const SORTEERVELDEN = Object.keys(TRAJECT_SORTEERVELDEN);
const SORTERINGEN = Object.keys(TRAJECT_SORTEERVELDEN).flatMap((k) => [k, `-${k}`]) as [string, ...string[]];

const waarOfNiet = z.enum(['true', 'false'], { message: 'true of false' }).transform((v) => v === 'true');

/** GET /api/v1/trajecten: filters on the read model, sort, cursor pagination. */
export const lijstQuerySchema = z.strictObject({
  fase: z.enum(FASEN, { message: `fase is een van: ${FASEN.join(', ')}` }).optional(),
  leerroute: z.enum(LEERROUTES, { message: `leerroute is een van: ${LEERROUTES.join(', ')}` }).optional(),
  doelgroep: z.enum(DOELGROEPEN, { message: `doelgroep is een van: ${DOELGROEPEN.join(', ')}` }).optional(),
  casemanager: medewerkerFilter('casemanager is een medewerker-id, of "ik" of "geen"').optional(),
  deadlineVoor: datum('deadlineVoor').optional(),
  termijnOverschreden: waarOfNiet.optional(),
  afgesloten: waarOfNiet.optional(),
  sorteer: z
    .enum(SORTERINGEN, { message: `sorteer is een van: ${SORTERINGEN.join(', ')}` })
    .default('volgendeDeadline'),
  limiet: limiet(200, 50),
  cursor: cursorParameter,
});
export type LijstQuery = z.infer<typeof lijstQuerySchema>;

/** `-veld` sorts descending. */
export function sortering(sorteer: string): { veld: TrajectSorteerveld; aflopend: boolean } {
  const aflopend = sorteer.startsWith('-');
  return { veld: (aflopend ? sorteer.slice(1) : sorteer) as TrajectSorteerveld, aflopend };
}
