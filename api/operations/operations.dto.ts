import { z } from 'zod';
import { DOELGROEPEN, FASEN, LEERROUTES } from '../../domain/traject';
import { gemeenteFilter, limiet, medewerkerFilter } from '../common/query';

const STATUSSEN = [
  'Running',
  'Completed',
  'Failed',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
  'Canceled',
] as const;
const TYPES = ['trajectWorkflow', 'escalatieRondeWorkflow'] as const;

/** GET /api/v1/operations/workflows: a visibility query built from checked parts (no free query text). */
export const workflowsQuerySchema = z.strictObject({
  type: z.enum(TYPES, { message: `type is een van: ${TYPES.join(', ')}` }).default('trajectWorkflow'),
  status: z.enum(STATUSSEN, { message: `status is een van: ${STATUSSEN.join(', ')}` }).optional(),
  gemeente: gemeenteFilter,
  fase: z.enum(FASEN, { message: `fase is een van: ${FASEN.join(', ')}` }).optional(),
  leerroute: z.enum(LEERROUTES, { message: `leerroute is een van: ${LEERROUTES.join(', ')}` }).optional(),
  doelgroep: z.enum(DOELGROEPEN, { message: `doelgroep is een van: ${DOELGROEPEN.join(', ')}` }).optional(),
  casemanager: medewerkerFilter('casemanager is een medewerker-id').optional(),
  volgendeDeadlineVoor: z.iso.date({ message: 'volgendeDeadlineVoor is een datum JJJJ-MM-DD' }).optional(),
  limiet: limiet(1000, 100),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,2000}$/, "cursor is 'volgende' uit het vorige antwoord")
    .optional(),
});
export type WorkflowsQuery = z.infer<typeof workflowsQuerySchema>;

export const geschiedenisQuerySchema = z.strictObject({
  runId: z.uuid({ message: 'runId is een uuid' }).optional(),
  /** Also the workflow-task plumbing (scheduled/started/completed). */
  alles: z.enum(['true', 'false'], { message: 'alles is true of false' }).default('false'),
  limiet: limiet(1000, 200),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,8000}$/, "cursor is 'volgende' uit het vorige antwoord")
    .optional(),
});
export type GeschiedenisQuery = z.infer<typeof geschiedenisQuerySchema>;
