import { z } from 'zod';
import { DomainError, type FoutCode } from '../shared/fouten';
import { GEMEENTECODE, isOrganisatieId, LIJKT_OP_BSN } from '../shared/gemeente';
import { type IsoWeek, isGeldigeDatum, isGeldigeIsoWeek, type PlainDate } from '../shared/kalender';
import {
  BEEINDIGINGSREDENEN,
  BOETEREDENEN,
  DOELGROEPEN,
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
} from './codes';
import type { CommandType, TrajectCommand } from './commands';

/**
 * The shape of every command, once: the API validates a request body with these (400 with Dutch
 * messages per field, and the OpenAPI document shows them), and `decide` reads every command
 * through them before it applies the law (so a Signal from a feed meets the same field rules).
 * The rules of law and policy (a date not in the future, the legal maximum of a boete, …) are the
 * decider's, because they depend on the day and the traject.
 */

/** Hours per registration: a sanity bound (a year of full-time lessons), the same at the edge and in the rulebook. */
export const MAX_UREN_PER_REGISTRATIE = 2000;

const keuze = <T extends readonly [string, ...string[]]>(veld: string, waarden: T) =>
  z.enum(waarden, { message: `${veld} is een van: ${waarden.join(', ')}` });

export const datum = (veld: string) =>
  z
    .string({ message: `${veld} moet een bestaande datum zijn in de vorm JJJJ-MM-DD` })
    .refine((d): d is PlainDate => isGeldigeDatum(d), {
      message: `${veld} moet een bestaande datum zijn in de vorm JJJJ-MM-DD`,
    })
    .meta({ format: 'date' });

export const gemeentecode = (veld: string) =>
  z
    .string({ message: `${veld} is een CBS-gemeentecode: GM gevolgd door vier cijfers, bijv. GM0518` })
    .regex(GEMEENTECODE, `${veld} is een CBS-gemeentecode: GM gevolgd door vier cijfers, bijv. GM0518`);

/** An internal id (staff member, household member): never a BSN or name. */
const id = (veld: string) =>
  z
    .string({ message: `${veld} is verplicht` })
    .refine((s) => s.trim() !== '', { message: `${veld} is verplicht`, params: { code: 'VELD_ONTBREEKT' } })
    .refine((s) => s.length <= 200 && !LIJKT_OP_BSN.test(s.trim()), {
      message: `${veld} is een interne id, nooit een BSN of naam`,
      params: { code: 'ID_ONGELDIG' },
    })
    // The same rules for the OpenAPI document: not blank, not eight or nine digits, at most 200.
    .meta({ pattern: '^(?!\\s*[0-9]{8,9}\\s*$)[\\s\\S]*\\S[\\s\\S]*$', maxLength: 200 });

/** A staff id as in the token's `sub`: letters, digits and a few separators (no name, no e-mail). */
const medewerker = (veld: string) =>
  id(veld)
    .refine((s) => /^[A-Za-z0-9._-]{2,64}$/.test(s), {
      message: `${veld} is een medewerker-id (geen naam)`,
      params: { code: 'ID_ONGELDIG' },
    })
    // The same rule as a pattern, for the OpenAPI document.
    .meta({ pattern: '^(?![0-9]{8,9}$)[A-Za-z0-9._-]{2,64}$' });

/** A taalaanbieder's organisation id (as in the token's `organisatie` claim). */
export const organisatie = (veld: string) =>
  z
    .string({ message: `${veld} is een organisatie-id` })
    .refine(isOrganisatieId, {
      message: `${veld} is een organisatie-id: 2 tot 64 letters, cijfers of . _ - (geen BSN)`,
      params: { code: 'ID_ONGELDIG' },
    })
    // For the OpenAPI document: no part of nine digits at all (the API refuses those passing the elfproef).
    .meta({ pattern: '^(?![0-9]{8,9}$)(?!(?:.*[._-])?[0-9]{9}(?:[._-]|$))[A-Za-z0-9._-]{2,64}$' });

/** An ISO week, `JJJJ-Www`. */
export const isoWeek = (veld: string) =>
  z
    .string({ message: `${veld} moet een bestaande ISO-week zijn in de vorm JJJJ-Www, bijv. 2026-W49` })
    .refine((w): w is IsoWeek => isGeldigeIsoWeek(w), {
      message: `${veld} moet een bestaande ISO-week zijn in de vorm JJJJ-Www, bijv. 2026-W49`,
    })
    // The form for the OpenAPI document; week 53 exists only in a long ISO year (the description says so).
    .meta({
      pattern: '^(?!0000)[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$',
      description: 'ISO-week JJJJ-Www; W53 alleen in een jaar met 53 weken',
    });

/** Hours in a week's report: 0 to 168, in quarter hours (sums stay exact). */
const weekUren = (veld: string) =>
  z
    .number({ message: `${veld} is een getal (uren)` })
    .min(0, `${veld} is 0 of meer`)
    .max(UREN_PER_WEEK, `${veld} is hoogstens ${UREN_PER_WEEK} (de uren van een week)`)
    .refine((u) => Number.isInteger(u * 4), {
      message: `${veld} is in hele of kwartieren (bijv. 2.25)`,
      params: { code: 'UREN_ONGELDIG' },
    })
    .meta({ multipleOf: 0.25 });

/** Hours in a week: the bound of one week's report (lesuren and verzuim together). */
export const UREN_PER_WEEK = 168;

const code = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'een code: kleine letters, cijfers, _ of -');
const afspraken = z.array(z.string().min(1).max(500)).max(50);
const cadans = z.strictObject({
  eersteJaarMaanden: z.number().int().min(1).max(24),
  daarnaMaanden: z.number().int().min(1).max(24),
});
const kind = z.strictObject({ kindId: id('kindId'), geboortedatum: datum('geboortedatum') });
/** Policy overrides: checked against the policy's own rules by `beleidVoor` (BELEID_ONGELDIG). */
const beleid = z.record(z.string(), z.unknown());

/** The fields of each command (without `type`, `commandId` and `door`). */
export const COMMANDO_VELDEN = {
  aanmelden: z.strictObject({
    gemeente: gemeentecode('gemeente'),
    doelgroep: keuze('doelgroep', DOELGROEPEN),
    kennisgevingsdatum: datum('kennisgevingsdatum'),
    koppelingsdatum: datum('koppelingsdatum').nullable().optional(),
    brpDatum: datum('brpDatum').nullable().optional(),
    huisvestingsdatum: datum('huisvestingsdatum').nullable().optional(),
    geboortedatum: datum('geboortedatum').nullable().optional(),
    kinderen: z.array(kind, { message: 'kinderen is een lijst' }).max(20).optional(),
    beleid: beleid.optional(),
    gemeenteRoute: z.boolean().optional(),
  }),
  registreerBrp: z.strictObject({ datum: datum('datum') }),
  registreerKoppeling: z.strictObject({
    datum: datum('datum'),
    azc: z
      .string({ message: 'azc is de COA-code van het azc' })
      .regex(/^[A-Za-z0-9._-]{1,40}$/, 'azc is de COA-code van het azc: letters, cijfers, punt of streepje'),
    voorinburgeringGevolgd: z.boolean({ message: 'voorinburgeringGevolgd is true of false' }),
    verwachteHuisvestingsdatum: datum('verwachteHuisvestingsdatum').nullable().optional(),
  }),
  registreerHuisvesting: z.strictObject({ datum: datum('datum') }),
  startOntzorgen: z.strictObject({ startdatum: datum('startdatum') }),
  registreerIntake: z.strictObject({
    datum: datum('datum'),
    leerbaarheidstoetsScore: z.number().min(0).max(1000).nullable().optional(),
    geadviseerdeRoute: keuze('geadviseerdeRoute', LEERROUTES).nullable().optional(),
    /** Codes, no free text. */
    belemmeringen: z.array(code).max(20).optional(),
    tolkNodig: z.boolean().optional(),
    /** The person's explicit consent to record health-related belemmeringen (AVG art. 9). */
    toestemmingBijzondereGegevens: z.boolean().optional(),
  }),
  wachtOpDerden: z.strictObject({ datum: datum('datum') }),
  derdenInformatieOntvangen: z.strictObject({ datum: datum('datum') }),
  stelPipVast: z.strictObject({
    dagtekening: datum('dagtekening'),
    leerroute: keuze('leerroute', LEERROUTES),
    taalniveau: keuze('taalniveau', ['B1', 'B2']).optional(),
    voortgangsgesprekCadans: cadans.optional(),
    afspraken: afspraken.optional(),
  }),
  wijzigPip: z.strictObject({
    dagtekening: datum('dagtekening'),
    reden: keuze('reden', PIP_WIJZIGINGSREDENEN),
    leerroute: keuze('leerroute', LEERROUTES).optional(),
    taalniveau: keuze('taalniveau', ['B1', 'B2']).optional(),
    afschalenComponenten: z
      .array(keuze('component', TAALCOMPONENTEN))
      .max(4)
      .refine((a) => a.length > 0, {
        message: 'afschalenComponenten noemt minstens één component',
        params: { code: 'VELD_ONTBREEKT' },
      })
      .meta({ minItems: 1 })
      .optional(),
    voortgangsgesprekCadans: cadans.optional(),
    afspraken: afspraken.optional(),
  }),
  startAanbod: z.strictObject({
    datum: datum('datum'),
    /** The taalaanbieder that teaches (organisation id); it alone may see and feed this traject. */
    aanbieder: organisatie('aanbieder').nullable().optional(),
  }),
  registreerVoortgang: z.strictObject({
    aanbieder: organisatie('aanbieder'),
    week: isoWeek('week'),
    lesuren: weekUren('lesuren'),
    verzuimGeoorloofd: weekUren('verzuimGeoorloofd'),
    verzuimOngeoorloofd: weekUren('verzuimOngeoorloofd'),
    toetsen: z
      .array(
        z.strictObject({
          component: keuze('component', TAALCOMPONENTEN),
          niveau: keuze('niveau', TAALNIVEAUS),
        }),
      )
      .max(TAALCOMPONENTEN.length)
      .refine((t) => new Set(t.map((x) => x.component)).size === t.length, {
        message: 'toetsen noemt elke component hoogstens één keer',
      })
      // What a schema can say of it (no two equal toetsen); the rest is in the description.
      .meta({ uniqueItems: true, description: 'Elke component hoogstens één keer' })
      .optional(),
  }),
  registreerExamenresultaat: z.strictObject({
    component: keuze('component', EXAMENCOMPONENTEN),
    /** Required for language components; ignored for KNM. */
    niveau: keuze('niveau', TAALNIVEAUS).nullable().optional(),
    behaald: z.boolean({ message: 'behaald is true of false' }),
    datum: datum('datum'),
  }),
  registreerUren: z.strictObject({
    soort: keuze('soort', URENSOORTEN),
    uren: z
      .number({ message: 'uren is een getal' })
      .positive('uren is meer dan 0')
      .max(MAX_UREN_PER_REGISTRATIE, `uren is hoogstens ${MAX_UREN_PER_REGISTRATIE} per registratie`),
    datum: datum('datum'),
  }),
  registreerOnderdeel: z.strictObject({ onderdeel: keuze('onderdeel', ONDERDELEN), datum: datum('datum') }),
  registreerVoortgangsgesprek: z.strictObject({
    datum: datum('datum'),
    samenvatting: z.string().max(2000).nullable().optional(),
    afspraken: afspraken.optional(),
  }),
  evalueerOntzorgen: z.strictObject({
    datum: datum('datum'),
    toetsResultaat: keuze('toetsResultaat', TOETSRESULTATEN),
    besluit: keuze('besluit', ONTZORGEN_BESLUITEN),
    /** Verlengen: months (default and maximum: the law's half year, checked by the rulebook). */
    maanden: z.number().int().optional(),
  }),
  registreerVerlenging: z.strictObject({
    grond: keuze('grond', VERLENGINGSGRONDEN),
    besluitdatum: datum('besluitdatum'),
    /** Exactly one of nieuweEinddatum, maanden, weken. */
    nieuweEinddatum: datum('nieuweEinddatum').nullable().optional(),
    maanden: z.number().int().min(1).max(120).nullable().optional(),
    weken: z.number().int().min(1).max(520).nullable().optional(),
  }),
  registreerOntheffing: z.strictObject({
    datum: datum('datum'),
    grond: keuze('grond', ONTHEFFINGSGRONDEN).nullable().optional(),
  }),
  legBoeteOp: z.strictObject({
    bedrag: z.number({ message: 'bedrag is een getal (euro)' }).positive('bedrag is meer dan 0'),
    reden: keuze('reden', BOETEREDENEN),
    datum: datum('datum'),
  }),
  registreerVooraankondiging: z.strictObject({ datum: datum('datum') }),
  registreerDuoBoete: z.strictObject({
    datum: datum('datum'),
    bedrag: z.number({ message: 'bedrag is een getal (euro)' }).positive('bedrag is meer dan 0'),
  }),
  registreerVerhuizing: z.strictObject({
    datum: datum('datum'),
    naarGemeente: gemeentecode('naarGemeente'),
    beleid: beleid.optional(),
  }),
  beeindig: z.strictObject({ datum: datum('datum'), reden: keuze('reden', BEEINDIGINGSREDENEN) }),
  wijsCasemanagerToe: z.strictObject({ casemanager: medewerker('casemanager') }),
  registreerKind: z.strictObject({ kindId: id('kindId'), geboortedatum: datum('geboortedatum') }),
  registreerRoutestap: z.strictObject({
    stapId: z
      .string({ message: 'stapId is de id van een stap van de route, bijv. brugklas' })
      .regex(/^[a-z0-9-]{1,40}$/, 'stapId is de id van een stap van de route: kleine letters, cijfers of -'),
    datum: datum('datum'),
    toelichting: z.string().max(500, 'toelichting is hoogstens 500 tekens').nullable().optional(),
  }),
  deadlineBereikt: z.strictObject({
    deadlineId: z
      .string({ message: 'deadlineId is verplicht' })
      .refine((s) => s !== '', {
        message: 'deadlineId is verplicht',
        params: { code: 'VELD_ONTBREEKT' },
      })
      .meta({ minLength: 1 }),
    datum: datum('datum'),
  }),
} as const satisfies Record<CommandType, z.ZodObject>;

/** Field → the rulebook's code when it is missing or of the wrong shape (otherwise WAARDE_ONGELDIG, or VELD_ONTBREEKT when missing). */
const CODE_PER_VELD: Record<string, FoutCode> = {
  commandId: 'VELD_ONTBREEKT',
  deadlineId: 'VELD_ONTBREEKT',
  gemeente: 'GEMEENTE_ONGELDIG',
  naarGemeente: 'GEMEENTE_ONGELDIG',
  uren: 'UREN_ONGELDIG',
  lesuren: 'UREN_ONGELDIG',
  verzuimGeoorloofd: 'UREN_ONGELDIG',
  verzuimOngeoorloofd: 'UREN_ONGELDIG',
  bedrag: 'BOETE_ONGELDIG',
  beleid: 'BELEID_ONGELDIG',
  'evalueerOntzorgen.maanden': 'ONTZORGEN_VERLENGING_ONGELDIG',
};
/** Internal ids: VELD_ONTBREEKT when missing, ID_ONGELDIG when not an id. */
const ID_VELDEN = new Set(['door', 'kindId', 'casemanager', 'aanbieder']);

const basis = {
  commandId: z.string({ message: 'commandId is verplicht' }).refine((s) => s.trim() !== '', {
    message: 'commandId is verplicht',
    params: { code: 'VELD_ONTBREEKT' },
  }),
  door: id('door').nullable().optional(),
};

const COMMANDO_SCHEMAS = Object.fromEntries(
  Object.entries(COMMANDO_VELDEN).map(([type, velden]) => [
    type,
    velden.extend({ type: z.literal(type), ...basis }),
  ]),
) as unknown as Record<CommandType, z.ZodObject>;

function foutVoor(type: string, issue: z.core.$ZodIssue, invoer: unknown): DomainError {
  const veld = issue.path.filter((p): p is string => typeof p === 'string').at(-1) ?? 'command';
  const eigen = (issue as { params?: { code?: FoutCode } }).params?.code;
  if (eigen) return new DomainError(eigen, veld);
  if (issue.code === 'unrecognized_keys') return new DomainError('WAARDE_ONGELDIG', issue.keys[0] ?? veld);
  let waarde: unknown = invoer;
  for (const p of issue.path) waarde = (waarde as Record<PropertyKey, unknown> | null | undefined)?.[p];
  // A field that is absent (not an element of a list that is null).
  const ontbreekt = (waarde === undefined || waarde === null) && typeof issue.path.at(-1) !== 'number';
  const perVeld = CODE_PER_VELD[`${type}.${veld}`] ?? CODE_PER_VELD[veld];
  if (perVeld) return new DomainError(perVeld, veld);
  if (ID_VELDEN.has(veld)) return new DomainError(ontbreekt ? 'VELD_ONTBREEKT' : 'ID_ONGELDIG', veld);
  if (/datum$/i.test(veld) || veld === 'dagtekening') return new DomainError('DATUM_ONGELDIG', veld);
  return new DomainError(ontbreekt ? 'VELD_ONTBREEKT' : 'WAARDE_ONGELDIG', veld);
}

/**
 * Reads an untyped command (a request body, a Signal's payload) into a typed one, or throws the
 * rulebook's DomainError naming the field (never its value).
 */
export function leesCommando(invoer: unknown): TrajectCommand {
  if (typeof invoer !== 'object' || invoer === null || Array.isArray(invoer)) {
    throw new DomainError('VELD_ONTBREEKT', 'command');
  }
  const type = (invoer as { type?: unknown }).type;
  const schema = typeof type === 'string' ? COMMANDO_SCHEMAS[type as CommandType] : undefined;
  if (!schema || !Object.hasOwn(COMMANDO_SCHEMAS, type as string))
    throw new DomainError('WAARDE_ONGELDIG', 'type');
  const gelezen = schema.safeParse(invoer);
  if (!gelezen.success) throw foutVoor(type as string, gelezen.error.issues[0], invoer);
  return gelezen.data as unknown as TrajectCommand;
}
