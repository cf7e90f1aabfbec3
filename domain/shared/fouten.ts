/**
 * Rejections of the rulebook. The API maps `conflict` (the command does not fit the current state of the
 * traject) to HTTP 409 and `regel` (the command itself breaks a rule of law or policy) to HTTP 422.
 * Details never contain personal data: they name the field, never its value.
 */
export type FoutCategorie = 'conflict' | 'regel';

const FOUTEN = {
  // State conflicts (409)
  NIET_AANGEMELD: [
    'conflict',
    'Het traject is nog niet aangemeld; eerst aanmelden (traject not registered yet)',
  ],
  AL_AANGEMELD: ['conflict', 'Het traject is al aangemeld (traject already registered)'],
  AFGESLOTEN: [
    'conflict',
    'Het traject is afgesloten; er kan niets meer worden vastgelegd (traject is closed)',
  ],
  INTAKE_AL_GEREGISTREERD: ['conflict', 'De brede intake is al vastgelegd (intake already registered)'],
  PIP_VOOR_INTAKE: [
    'conflict',
    'Het PIP kan niet worden vastgesteld vóór de brede intake (PIP before intake)',
  ],
  PIP_AL_VASTGESTELD: [
    'conflict',
    'Er is al een PIP vastgesteld; gebruik wijzigPip voor een nieuwe versie (PIP already adopted, use wijzigPip)',
  ],
  PIP_NIET_VASTGESTELD: ['conflict', 'Er is nog geen PIP vastgesteld (no PIP adopted yet)'],
  EXAMEN_ZONDER_ROUTE: [
    'conflict',
    'Een examenresultaat kan pas worden vastgelegd als het PIP een leerroute heeft (exam result before a leerroute)',
  ],
  AANBOD_AL_GESTART: ['conflict', 'Het aanbod (de leerroute) is al gestart (offer already started)'],
  WACHT_AL_OP_DERDEN: [
    'conflict',
    'Er wordt al gewacht op informatie van derden (already waiting for third-party information)',
  ],
  WACHT_NIET_OP_DERDEN: [
    'conflict',
    'Er wordt niet gewacht op informatie van derden (not waiting for third-party information)',
  ],
  ONTZORGEN_AL_ACTIEF: ['conflict', 'Ontzorgen loopt al (ontzorgen already running)'],
  ONTZORGEN_NIET_ACTIEF: ['conflict', 'Ontzorgen loopt niet (ontzorgen is not running)'],
  ONDERDEEL_AL_AFGEROND: ['conflict', 'Dit onderdeel is al afgerond (component already completed)'],
  VOORTGANGSGESPREK_VOOR_PIP: [
    'conflict',
    'Een voortgangsgesprek kan pas na het vaststellen van het PIP (progress meeting before PIP)',
  ],
  TERMIJN_NIET_OVERSCHREDEN: [
    'conflict',
    'De inburgeringstermijn is (nog) niet overschreden (the integration term has not been exceeded)',
  ],
  GEEN_VOORAANKONDIGING: [
    'conflict',
    'Een DUO-boete vereist eerst een vooraankondiging (DUO fine without prior notice)',
  ],
  KIND_AL_GEREGISTREERD: ['conflict', 'Dit kind is al geregistreerd (child already registered)'],
  AANBOD_NIET_GESTART: ['conflict', 'Het aanbod (de leerroute) is nog niet gestart (offer not started yet)'],
  AANBIEDER_ONBEKEND: [
    'conflict',
    'Deze taalaanbieder geeft geen les in dit traject (provider does not teach this traject)',
  ],
  GEEN_ROUTE: ['conflict', 'Dit traject heeft geen route van de gemeente (traject has no municipal route)'],
  ROUTESTAP_AL_AFGEROND: ['conflict', 'Deze stap van de route is al afgerond (route step already completed)'],

  // Rule violations (422)
  VELD_ONTBREEKT: ['regel', 'Een verplicht veld ontbreekt (required field missing)'],
  WAARDE_ONGELDIG: ['regel', 'Een veld heeft een ongeldige waarde (invalid value)'],
  DATUM_ONGELDIG: ['regel', 'Ongeldige datum, verwacht JJJJ-MM-DD (invalid date, expected YYYY-MM-DD)'],
  DATUM_IN_TOEKOMST: ['regel', 'De datum ligt in de toekomst (date in the future)'],
  DATUM_VOOR_KENNISGEVING: [
    'regel',
    'De datum ligt vóór de kennisgeving van DUO (date before the kennisgeving)',
  ],
  ID_ONGELDIG: [
    'regel',
    'Ongeldige id: gebruik een interne id, nooit een BSN of naam (invalid id: use an internal id, never a BSN or name)',
  ],
  GEMEENTE_ONGELDIG: [
    'regel',
    'Ongeldige gemeentecode, verwacht GM + 4 cijfers (invalid CBS municipality code)',
  ],
  BELEID_ONGELDIG: ['regel', 'Ongeldige beleidsinstelling (invalid policy setting)'],
  PIP_VOOR_INTAKEDATUM: [
    'regel',
    'De dagtekening van het PIP ligt vóór de datum van de brede intake (PIP dated before the intake)',
  ],
  PIP_DATUM_VOOR_VORIGE_VERSIE: [
    'regel',
    'De dagtekening ligt vóór die van de vorige PIP-versie (PIP version dated before the previous one)',
  ],
  ONDERWIJSROUTE_LEEFTIJD: [
    'regel',
    'De onderwijsroute is volgens het beleid van de gemeente alleen voor jongeren onder de leeftijdsgrens (onderwijsroute age limit)',
  ],
  SCHAKELEN_ZELFDE_ROUTE: [
    'regel',
    'Schakelen vereist een andere leerroute dan de huidige (route switch to the same route)',
  ],
  AFSCHALEN_ALLEEN_B1: ['regel', 'Afschalen kan alleen in de B1-route (afschalen only in the B1 route)'],
  AFSCHALEN_TE_WEINIG_UREN: [
    'regel',
    'Afschalen kan pas na het wettelijk minimum aantal lesuren (afschalen before the minimum number of lesson hours)',
  ],
  UREN_ONGELDIG: ['regel', 'Het aantal uren moet een positief getal zijn (hours must be a positive number)'],
  WEEK_VOOR_AANBOD: ['regel', 'De week ligt vóór de start van het aanbod (week before the offer started)'],
  UREN_MEER_DAN_WEEK: [
    'regel',
    'Lesuren en verzuim samen zijn meer dan de uren van een week (more hours than a week has)',
  ],
  BOETE_ONGELDIG: ['regel', 'Het boetebedrag moet positief zijn (fine must be positive)'],
  BOETE_TE_HOOG: [
    'regel',
    'Het boetebedrag is hoger dan het wettelijk maximum (fine above the legal maximum)',
  ],
  VERLENGING_NIET_LATER: [
    'regel',
    'De nieuwe einddatum moet na de huidige einddatum van de inburgeringstermijn liggen (extension must move the end date later)',
  ],
  VERLENGINGSGROND_NIET_TOEGESTAAN: [
    'regel',
    'Deze verlengingsgrond geldt alleen voor asielstatushouders (this extension ground applies to asielstatushouders only)',
  ],
  ONTZORGEN_ALLEEN_ASIELSTATUSHOUDER: [
    'regel',
    'Ontzorgen geldt alleen voor asielstatushouders (ontzorgen applies to asielstatushouders only)',
  ],
  KOPPELING_ALLEEN_ASIELSTATUSHOUDER: [
    'regel',
    'Een koppeling door het COA geldt alleen voor asielstatushouders (a COA koppeling applies to asielstatushouders only)',
  ],
  ONTZORGEN_VERLENGING_ONGELDIG: [
    'regel',
    'Ongeldige verlengingsduur voor ontzorgen (invalid ontzorgen extension length)',
  ],
  ONDERDEEL_NIET_IN_ROUTE: [
    'regel',
    'Dit onderdeel hoort niet bij de leerroute van het PIP (component is not part of this leerroute)',
  ],
  TOESTEMMING_ONTBREEKT: [
    'regel',
    'Gezondheidsgegevens worden alleen vastgelegd met uitdrukkelijke toestemming van de inburgeraar (AVG art. 9; consent required)',
  ],
  ROUTESTAP_ONBEKEND: ['regel', 'Deze stap hoort niet bij de route van het traject (unknown route step)'],
  ROUTE_ONGELDIG: ['regel', 'Ongeldige route van de gemeente (invalid municipal route template)'],
  VERHUIZING_ZELFDE_GEMEENTE: [
    'regel',
    'Een verhuizing moet naar een andere gemeente zijn (move to the same municipality)',
  ],
} as const satisfies Record<string, readonly [FoutCategorie, string]>;

export type FoutCode = keyof typeof FOUTEN;

export const foutCategorie: Readonly<Record<FoutCode, FoutCategorie>> = Object.fromEntries(
  Object.entries(FOUTEN).map(([code, [categorie]]) => [code, categorie]),
) as Record<FoutCode, FoutCategorie>;

export const foutCodes: readonly FoutCode[] = Object.keys(FOUTEN) as FoutCode[];

export class DomainError extends Error {
  readonly code: FoutCode;
  readonly detail: string;
  readonly categorie: FoutCategorie;
  /** Name of the offending command field, when there is one (never its value). */
  readonly veld: string | null;

  constructor(code: FoutCode, veld?: string) {
    const [categorie, tekst] = FOUTEN[code];
    const detail = veld ? `${tekst} [veld: ${veld}]` : tekst;
    super(`${code}: ${detail}`);
    this.name = 'DomainError';
    this.code = code;
    this.detail = detail;
    this.categorie = categorie;
    this.veld = veld ?? null;
  }
}

/** `instanceof` does not survive every boundary (workflow sandbox, serialisation); check the shape too. */
export function isDomainError(fout: unknown): fout is DomainError {
  return (
    fout instanceof DomainError ||
    (typeof fout === 'object' &&
      fout !== null &&
      (fout as { name?: unknown }).name === 'DomainError' &&
      typeof (fout as { code?: unknown }).code === 'string' &&
      (fout as { code: string }).code in FOUTEN)
  );
}
