import { zonderScheidingstekens } from '../componenten/BsnZoeken';

/** The select's value for "another language": its code is typed in a field of its own. */
export const ANDERE_TAAL = 'anders';

type Waarden = Record<string, unknown>;

const tekst = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The person part of the aanmelding form, as strings from the inputs. */
export interface PersoonInvoer {
  bsn: string;
  vnummer: string;
  voornamen: string;
  voorvoegsel: string;
  achternaam: string;
  geboortedatum: string;
  taal: string;
  taalAnders: string;
  tolkNodig: '' | 'ja' | 'nee';
  telefoon: string;
  email: string;
  kinderen: { voornamen: string; geboortedatum: string }[];
}

export const LEGE_PERSOON: PersoonInvoer = {
  bsn: '',
  vnummer: '',
  voornamen: '',
  voorvoegsel: '',
  achternaam: '',
  geboortedatum: '',
  taal: '',
  taalAnders: '',
  tolkNodig: '',
  telefoon: '',
  email: '',
  kinderen: [],
};

/**
 * The form's person as the API's `inburgeraar` (inburgeraarSchema in domain/persoon judges it): empty
 * optional fields are "not given"; required ones stay (empty) so the schema names what is missing;
 * spaces and dots in a BSN or V-nummer are dropped, as people write them.
 */
export function alsInburgeraar(invoer: unknown, huishoudenMet: string | null): Waarden {
  const p = (invoer ?? {}) as Waarden;
  const uit: Waarden = {
    voornamen: tekst(p.voornamen),
    achternaam: tekst(p.achternaam),
    geboortedatum: tekst(p.geboortedatum),
  };
  const bsn = zonderScheidingstekens(tekst(p.bsn));
  if (bsn) uit.bsn = bsn;
  const vnummer = zonderScheidingstekens(tekst(p.vnummer));
  if (vnummer) uit.vnummer = vnummer;
  for (const veld of ['voorvoegsel', 'telefoon', 'email'] as const) {
    const w = tekst(p[veld]);
    if (w) uit[veld] = w;
  }
  const taal = p.taal === ANDERE_TAAL ? tekst(p.taalAnders).toLowerCase() : tekst(p.taal);
  if (taal) uit.taal = taal;
  if (p.tolkNodig === 'ja') uit.tolkNodig = true;
  if (p.tolkNodig === 'nee') uit.tolkNodig = false;
  const kinderen = Array.isArray(p.kinderen) ? (p.kinderen as Waarden[]) : [];
  if (kinderen.length > 0) {
    uit.kinderen = kinderen.map((k) => {
      const voornamen = tekst(k.voornamen);
      return { ...(voornamen ? { voornamen } : {}), geboortedatum: tekst(k.geboortedatum) };
    });
  }
  if (huishoudenMet) uit.huishoudenMet = huishoudenMet;
  return uit;
}

/**
 * A correction (PATCH /inburgeraars/:id, persoonCorrectieSchema): only the fields that changed; an
 * emptied optional field is sent as null (cleared).
 */
export function alsCorrectie(
  invoer: Waarden,
  huidig: {
    voornamen: string;
    voorvoegsel: string | null;
    achternaam: string;
    taal: string | null;
    tolkNodig: boolean;
    telefoon: string | null;
    email: string | null;
  },
): Waarden {
  const uit: Waarden = {};
  for (const veld of ['voornamen', 'achternaam'] as const) {
    const w = tekst(invoer[veld]);
    if (w !== huidig[veld]) uit[veld] = w;
  }
  const taal = invoer.taal === ANDERE_TAAL ? tekst(invoer.taalAnders).toLowerCase() : tekst(invoer.taal);
  const optioneel = {
    voorvoegsel: tekst(invoer.voorvoegsel),
    telefoon: tekst(invoer.telefoon),
    email: tekst(invoer.email),
    taal,
  };
  for (const [veld, w] of Object.entries(optioneel) as [keyof typeof optioneel, string][]) {
    const nieuw = w === '' ? null : w;
    if (nieuw !== (huidig[veld] ?? null)) uit[veld] = nieuw;
  }
  const tolk = invoer.tolkNodig === 'ja';
  if (tolk !== huidig.tolkNodig) uit.tolkNodig = tolk;
  return uit;
}
