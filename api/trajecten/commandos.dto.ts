import type { z } from 'zod';
import type { CommandoType } from '../../contract/traject-workflow';
import { COMMANDO_VELDEN } from '../../domain/traject';
import { geenBsnInIds } from '../common/beveiliging';
import { commandIdSchema } from './aanmelding.dto';

/** The REST name of each command (a Dutch noun) → its message type in the Temporal contract. */
const ROUTES = {
  brp: 'registreerBrp',
  huisvesting: 'registreerHuisvesting',
  ontzorgen: 'startOntzorgen',
  intake: 'registreerIntake',
  'wacht-op-derden': 'wachtOpDerden',
  'derden-informatie': 'derdenInformatieOntvangen',
  pip: 'stelPipVast',
  'pip-wijzigingen': 'wijzigPip',
  aanbod: 'startAanbod',
  examenresultaten: 'registreerExamenresultaat',
  uren: 'registreerUren',
  onderdelen: 'registreerOnderdeel',
  voortgangsgesprekken: 'registreerVoortgangsgesprek',
  'ontzorgen-evaluaties': 'evalueerOntzorgen',
  verlengingen: 'registreerVerlenging',
  ontheffing: 'registreerOntheffing',
  boetes: 'legBoeteOp',
  verhuizing: 'registreerVerhuizing',
  beeindiging: 'beeindig',
  casemanager: 'wijsCasemanagerToe',
  routestappen: 'registreerRoutestap',
} as const satisfies Record<string, CommandoType>;

export type CommandoRoute = keyof typeof ROUTES;

/** Policy is the gemeente's configuration, never a field a person sends with one command. */
const zonderBeleid = (schema: z.ZodObject) =>
  'beleid' in schema.shape ? schema.omit({ beleid: true }) : schema;

/**
 * Each command at the edge: the rulebook's field schema (domain/traject/commando-schemas.ts: types,
 * dates, known codes, no unknown fields) plus the idempotency key. The rules themselves (PIP before
 * intake, boete above the legal maximum, …) are the decider's: one rulebook.
 */
export const COMMANDO_ROUTES = Object.fromEntries(
  Object.entries(ROUTES).map(([route, type]) => [
    route,
    {
      type,
      schema: zonderBeleid(COMMANDO_VELDEN[type])
        .extend({ commandId: commandIdSchema.optional() })
        .superRefine(geenBsnInIds),
    },
  ]),
) as unknown as { [R in CommandoRoute]: { type: (typeof ROUTES)[R]; schema: z.ZodObject } };

export function isCommandoRoute(naam: string): naam is CommandoRoute {
  return Object.hasOwn(COMMANDO_ROUTES, naam);
}
