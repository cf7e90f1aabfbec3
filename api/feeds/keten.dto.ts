import { z } from 'zod';
import { bsnSchema, inburgeraarSchema, vnummerSchema } from '../../domain/persoon';
import { bevatBsnVorm } from '../../domain/shared/bsn-vorm';
import { COMMANDO_VELDEN } from '../../domain/traject';
import { GEEN_BSN } from '../common/beveiliging';

/**
 * Issue 15: the chain's feeds (DUO kennisgevingen, COA koppelingen, BRP mutaties). Each item carries
 * the source's own reference (its commandId: the same item sent again counts once), the person by BSN
 * (or V-nummer, COA) and the gemeente it is for; the fields are the rulebook's (commando-schemas.ts).
 */

/** The source's own id of the message: required here, it is what makes a resend count once. */
const referentie = z
  .string({ message: 'referentie is verplicht: de eigen id van het bericht bij de bron' })
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'referentie: letters, cijfers, punt, streepje of dubbele punt')
  .refine((s) => !bevatBsnVorm(s), `referentie ${GEEN_BSN}`);

const aanmelding = COMMANDO_VELDEN.aanmelden.shape;
const persoon = inburgeraarSchema.pick({
  voornamen: true,
  voorvoegsel: true,
  achternaam: true,
  geboortedatum: true,
});

/** DUO's kennisgeving: the person is inburgeringsplichtig; starts the PIP clock. */
export const kennisgevingItem = z.strictObject({
  referentie,
  bsn: bsnSchema,
  vnummer: vnummerSchema.optional(),
  ...persoon.shape,
  doelgroep: aanmelding.doelgroep,
  kennisgevingsdatum: aanmelding.kennisgevingsdatum,
  gemeente: aanmelding.gemeente,
});
export type KennisgevingItem = z.infer<typeof kennisgevingItem>;

const koppeling = COMMANDO_VELDEN.registreerKoppeling.shape;

/**
 * COA's koppeling of an asielstatushouder in an azc to a gemeente. The person by BSN or V-nummer;
 * when they have no open traject in the gemeente yet, `persoon` and `kennisgevingsdatum` (and the BSN)
 * let the koppeling start it.
 */
export const koppelingItem = z
  .strictObject({
    referentie,
    bsn: bsnSchema.optional(),
    vnummer: vnummerSchema.optional(),
    gemeente: aanmelding.gemeente,
    koppelingsdatum: koppeling.datum,
    azc: koppeling.azc,
    voorinburgeringGevolgd: koppeling.voorinburgeringGevolgd,
    verwachteHuisvestingsdatum: koppeling.verwachteHuisvestingsdatum.unwrap().unwrap(),
    persoon: persoon.optional(),
    kennisgevingsdatum: aanmelding.kennisgevingsdatum.optional(),
  })
  .refine((i) => i.bsn !== undefined || i.vnummer !== undefined, {
    message: 'geef bsn of vnummer',
    path: ['bsn'],
  })
  .refine((i) => (i.persoon === undefined) === (i.kennisgevingsdatum === undefined), {
    message: 'persoon en kennisgevingsdatum horen bij elkaar (om een traject te starten)',
    path: ['kennisgevingsdatum'],
  })
  .refine((i) => i.persoon === undefined || i.bsn !== undefined, {
    message: 'een nieuw traject vraagt het bsn',
    path: ['bsn'],
  });
export type KoppelingItem = z.infer<typeof koppelingItem>;

const mutatie = { referentie, bsn: bsnSchema, gemeente: aanmelding.gemeente };
const verhuizing = COMMANDO_VELDEN.registreerVerhuizing.shape;

/** A BRP mutation of a person with a traject in `gemeente` (for a verhuizing: the gemeente they leave). */
export const mutatieItem = z
  .discriminatedUnion(
    'soort',
    [
      COMMANDO_VELDEN.registreerBrp.extend({ soort: z.literal('inschrijving'), ...mutatie }),
      z.strictObject({
        soort: z.literal('verhuizing'),
        ...mutatie,
        datum: verhuizing.datum,
        naarGemeente: verhuizing.naarGemeente,
      }),
      COMMANDO_VELDEN.registreerBrp.extend({ soort: z.literal('overlijden'), ...mutatie }),
      COMMANDO_VELDEN.registreerBrp.extend({ soort: z.literal('emigratie'), ...mutatie }),
    ],
    { message: 'soort is een van: inschrijving, verhuizing, overlijden, emigratie' },
  )
  .refine((m) => m.soort !== 'verhuizing' || m.naarGemeente !== m.gemeente, {
    message: 'naarGemeente is een andere gemeente dan gemeente',
    path: ['naarGemeente'],
  });
export type MutatieItem = z.infer<typeof mutatieItem>;
