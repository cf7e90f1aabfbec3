import { z } from 'zod';
import { isGeldigeDatum, type PlainDate } from '../shared/kalender';
import { isGeldigBsn, isGeldigVnummer } from './bsn';

/**
 * The person (domain.md, "What is recorded"): who the traject is about. Everything here is personal
 * data: stored encrypted under the person's own key, never in ids, logs, URLs or search attributes.
 * The rulebook receives only the dates it needs (birth date, children's birth dates).
 */

const datum = (veld: string) =>
  z
    .string({ message: `${veld} moet een bestaande datum zijn in de vorm JJJJ-MM-DD` })
    .refine(
      (d): d is PlainDate => isGeldigeDatum(d),
      `${veld} moet een bestaande datum zijn in de vorm JJJJ-MM-DD`,
    )
    .meta({ format: 'date' });

const naam = (veld: string, max: number) =>
  z
    .string({ message: `${veld} is tekst` })
    .trim()
    .min(1, `${veld} is verplicht`)
    .max(max, `${veld} is hoogstens ${max} tekens`)
    .refine((s) => !/[<>{}\\]/.test(s), `${veld} bevat tekens die niet in een naam horen`)
    // For the OpenAPI document: not blank, none of < > { } \\.
    .meta({ pattern: '^[^<>{}\\\\]*[^\\s<>{}\\\\][^<>{}\\\\]*$' });

// Messages never repeat the value: a BSN must not land in a log through a validation error.
// The OpenAPI document gives the form as a pattern (ASCII digits: a pattern's \d is wider in some
// engines); the elfproef is in the description, for a client to compute.
export const bsnSchema = z
  .string({ message: 'bsn is verplicht' })
  .refine(isGeldigBsn, 'bsn is geen geldig burgerservicenummer (negen cijfers, elfproef)')
  .meta({
    pattern: '^[0-9]{9}$',
    description: 'Burgerservicenummer: negen cijfers die de elfproef doorstaan',
  });

export const vnummerSchema = z
  .string()
  .refine(isGeldigVnummer, 'vnummer is een V-nummer van tien cijfers')
  .meta({ pattern: '^[0-9]{10}$' });

/** What may be corrected after registration (name, contact, language); BSN and birth date are facts of the BRP. */
export const persoonCorrectieSchema = z.strictObject({
  voornamen: naam('voornamen', 200).optional(),
  voorvoegsel: z.string().trim().max(20, 'voorvoegsel is hoogstens 20 tekens').nullable().optional(),
  achternaam: naam('achternaam', 200).optional(),
  taal: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'taal is een taalcode (ISO 639), bijv. ar, ti, uk')
    .nullable()
    .optional(),
  tolkNodig: z.boolean({ message: 'tolkNodig is true of false' }).optional(),
  telefoon: z
    .string()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'telefoon is een telefoonnummer, bijv. +31 70 123 4567')
    .nullable()
    .optional(),
  email: z.email({ message: 'email is een e-mailadres' }).max(200).nullable().optional(),
});
export type PersoonCorrectie = z.infer<typeof persoonCorrectieSchema>;

export const kindSchema = z.strictObject({
  voornamen: naam('voornamen', 200).optional(),
  geboortedatum: datum('geboortedatum'),
});

export const inburgeraarSchema = z.strictObject({
  bsn: bsnSchema,
  vnummer: vnummerSchema.optional(),
  voornamen: naam('voornamen', 200),
  voorvoegsel: z.string().trim().max(20, 'voorvoegsel is hoogstens 20 tekens').optional(),
  achternaam: naam('achternaam', 200),
  geboortedatum: datum('geboortedatum'),
  taal: persoonCorrectieSchema.shape.taal,
  tolkNodig: z.boolean({ message: 'tolkNodig is true of false' }).optional(),
  telefoon: persoonCorrectieSchema.shape.telefoon,
  email: persoonCorrectieSchema.shape.email,
  /** Children in the household: their birthdays feed T9 (18th birthday); names stay in the register. */
  kinderen: z.array(kindSchema).max(20, 'hoogstens 20 kinderen').optional(),
  /** Household: the person this one joins (partner, referent of a nareiziger). Each keeps their own traject. */
  huishoudenMet: z.uuid({ message: 'huishoudenMet is de id van een inburgeraar' }).optional(),
});
export type InburgeraarInvoer = z.infer<typeof inburgeraarSchema>;

/** The person's data as kept (encrypted) in the register. */
export interface Persoonsgegevens {
  voornamen: string;
  voorvoegsel: string | null;
  achternaam: string;
  geboortedatum: PlainDate;
  taal: string | null;
  tolkNodig: boolean;
  telefoon: string | null;
  email: string | null;
  kinderen: { kindId: string; voornamen: string | null; geboortedatum: PlainDate }[];
}

/** "Amina van der Berg": how the UI and lists show a person. */
export function volledigeNaam(p: Pick<Persoonsgegevens, 'voornamen' | 'voorvoegsel' | 'achternaam'>): string {
  return [p.voornamen, p.voorvoegsel, p.achternaam].filter((d) => d && d.length > 0).join(' ');
}
