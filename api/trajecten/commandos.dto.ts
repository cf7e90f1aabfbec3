import { z } from 'zod';
import type { CommandoType } from '../../contract/traject-workflow';
import {
  BEEINDIGINGSREDENEN,
  BOETEREDENEN,
  EXAMENCOMPONENTEN,
  LEERROUTES,
  ONDERDELEN,
  ONTHEFFINGSGRONDEN,
  ONTZORGEN_BESLUITEN,
  PIP_WIJZIGINGSREDENEN,
  TAALCOMPONENTEN,
  TAALNIVEAUS,
  TOETSRESULTATEN,
  URENSOORTEN,
  VERLENGINGSGRONDEN,
} from '../../domain/traject';
import { commandIdSchema, datum } from './aanmelding.dto';

/**
 * The shape of each command at the edge (types, dates, known codes, no unknown fields). The rules
 * themselves (PIP before intake, boete above the legal maximum, …) are the decider's: one rulebook.
 */
const keuze = <T extends readonly [string, ...string[]]>(veld: string, waarden: T) =>
  z.enum(waarden, { message: `${veld} is een van: ${waarden.join(', ')}` });

const code = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'een code: kleine letters, cijfers, _ of -');
const afspraken = z.array(z.string().min(1).max(500)).max(50);
const cadans = z.strictObject({
  eersteJaarMaanden: z.number().int().min(1).max(12),
  daarnaMaanden: z.number().int().min(1).max(12),
});
const basis = { commandId: commandIdSchema.optional() };

export const COMMANDO_ROUTES = {
  brp: { type: 'registreerBrp', schema: z.strictObject({ ...basis, datum: datum('datum') }) },
  huisvesting: { type: 'registreerHuisvesting', schema: z.strictObject({ ...basis, datum: datum('datum') }) },
  ontzorgen: {
    type: 'startOntzorgen',
    schema: z.strictObject({ ...basis, startdatum: datum('startdatum') }),
  },
  intake: {
    type: 'registreerIntake',
    schema: z.strictObject({
      ...basis,
      datum: datum('datum'),
      leerbaarheidstoetsScore: z.number().min(0).max(1000).nullable().optional(),
      geadviseerdeRoute: keuze('geadviseerdeRoute', LEERROUTES).nullable().optional(),
      belemmeringen: z.array(code).max(20).optional(),
      tolkNodig: z.boolean().optional(),
    }),
  },
  'wacht-op-derden': { type: 'wachtOpDerden', schema: z.strictObject({ ...basis, datum: datum('datum') }) },
  'derden-informatie': {
    type: 'derdenInformatieOntvangen',
    schema: z.strictObject({ ...basis, datum: datum('datum') }),
  },
  pip: {
    type: 'stelPipVast',
    schema: z.strictObject({
      ...basis,
      dagtekening: datum('dagtekening'),
      leerroute: keuze('leerroute', LEERROUTES),
      taalniveau: z.enum(['B1', 'B2']).optional(),
      voortgangsgesprekCadans: cadans.optional(),
      afspraken: afspraken.optional(),
    }),
  },
  'pip-wijzigingen': {
    type: 'wijzigPip',
    schema: z.strictObject({
      ...basis,
      dagtekening: datum('dagtekening'),
      reden: keuze('reden', PIP_WIJZIGINGSREDENEN),
      leerroute: keuze('leerroute', LEERROUTES).optional(),
      taalniveau: z.enum(['B1', 'B2']).optional(),
      afschalenComponenten: z.array(keuze('component', TAALCOMPONENTEN)).max(4).optional(),
      voortgangsgesprekCadans: cadans.optional(),
      afspraken: afspraken.optional(),
    }),
  },
  aanbod: { type: 'startAanbod', schema: z.strictObject({ ...basis, datum: datum('datum') }) },
  examenresultaten: {
    type: 'registreerExamenresultaat',
    schema: z.strictObject({
      ...basis,
      component: keuze('component', EXAMENCOMPONENTEN),
      niveau: keuze('niveau', TAALNIVEAUS).nullable().optional(),
      behaald: z.boolean(),
      datum: datum('datum'),
    }),
  },
  uren: {
    type: 'registreerUren',
    schema: z.strictObject({
      ...basis,
      soort: keuze('soort', URENSOORTEN),
      uren: z.number().max(10_000),
      datum: datum('datum'),
    }),
  },
  onderdelen: {
    type: 'registreerOnderdeel',
    schema: z.strictObject({ ...basis, onderdeel: keuze('onderdeel', ONDERDELEN), datum: datum('datum') }),
  },
  voortgangsgesprekken: {
    type: 'registreerVoortgangsgesprek',
    schema: z.strictObject({
      ...basis,
      datum: datum('datum'),
      samenvatting: z.string().max(2000).optional(),
      afspraken: afspraken.optional(),
    }),
  },
  'ontzorgen-evaluaties': {
    type: 'evalueerOntzorgen',
    schema: z.strictObject({
      ...basis,
      datum: datum('datum'),
      toetsResultaat: keuze('toetsResultaat', TOETSRESULTATEN),
      besluit: keuze('besluit', ONTZORGEN_BESLUITEN),
      maanden: z.number().int().optional(),
    }),
  },
  verlengingen: {
    type: 'registreerVerlenging',
    schema: z.strictObject({
      ...basis,
      grond: keuze('grond', VERLENGINGSGRONDEN),
      besluitdatum: datum('besluitdatum'),
      nieuweEinddatum: datum('nieuweEinddatum').optional(),
      maanden: z.number().int().optional(),
      weken: z.number().int().optional(),
    }),
  },
  ontheffing: {
    type: 'registreerOntheffing',
    schema: z.strictObject({
      ...basis,
      datum: datum('datum'),
      grond: keuze('grond', ONTHEFFINGSGRONDEN).optional(),
    }),
  },
  boetes: {
    type: 'legBoeteOp',
    schema: z.strictObject({
      ...basis,
      bedrag: z.number(),
      reden: keuze('reden', BOETEREDENEN),
      datum: datum('datum'),
    }),
  },
  verhuizing: {
    type: 'registreerVerhuizing',
    schema: z.strictObject({
      ...basis,
      datum: datum('datum'),
      naarGemeente: z.string().regex(/^GM\d{4}$/, 'naarGemeente is een CBS-gemeentecode, bijv. GM0363'),
    }),
  },
  beeindiging: {
    type: 'beeindig',
    schema: z.strictObject({ ...basis, datum: datum('datum'), reden: keuze('reden', BEEINDIGINGSREDENEN) }),
  },
  casemanager: {
    type: 'wijsCasemanagerToe',
    schema: z.strictObject({
      ...basis,
      casemanager: z.string().regex(/^[A-Za-z0-9._-]{2,64}$/, 'casemanager is een medewerker-id (geen naam)'),
    }),
  },
} as const satisfies Record<string, { type: CommandoType; schema: z.ZodType }>;

export type CommandoRoute = keyof typeof COMMANDO_ROUTES;

export function isCommandoRoute(naam: string): naam is CommandoRoute {
  return Object.hasOwn(COMMANDO_ROUTES, naam);
}
