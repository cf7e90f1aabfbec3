import type { CommandoRoute } from '../../../api/trajecten/commandos.dto';
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
} from '../../../domain/traject/codes';
import { BIJZONDERE_BELEMMERINGEN, geldend, TOESTEMMING_BIJZONDERE_GEGEVENS } from '../../../domain/wet';
import { vandaag } from '../opmaak/datum';
import {
  BEEINDIGINGSREDEN,
  BOETEREDEN,
  EXAMENCOMPONENT,
  LEERROUTE,
  ONDERDEEL,
  ONTHEFFINGSGROND,
  ONTZORGEN_BESLUIT,
  PIP_REDEN,
  TOETSRESULTAAT,
  URENSOORT,
  VERLENGINGSGROND,
} from '../opmaak/labels';

export type VeldSoort =
  | 'datum'
  | 'tekst'
  | 'getal'
  | 'keuze'
  | 'ja-nee'
  | 'lijst'
  | 'meerkeuze'
  | 'lang'
  | 'vinkje';

export interface VeldSpec {
  /** The field's path in the API's command schema (api/trajecten/commandos.dto.ts), dotted when nested. */
  naam: string;
  label: string;
  soort: VeldSoort;
  verplicht?: boolean;
  hint?: string;
  opties?: readonly (readonly [string, string])[];
  /** Pre-filled value (e.g. the signed-in casemanager). */
  standaard?: 'ik';
  /** Only on the form (and sent) when the form's other values ask for it. */
  toonAls?: (waarden: Record<string, unknown>) => boolean;
  /** The message when a required field is left empty (default: "Vul in: <label>"). */
  verplichtMelding?: string;
  /** Options from the dossier (the open steps of the gemeente's route) instead of a fixed list. */
  optiesUit?: 'open-routestappen';
  /** Pre-filled from this query parameter (e.g. `?stap=brugklas` from the Route tab). */
  uitZoekparameter?: string;
}

export interface FormulierSpec {
  uitleg?: string;
  velden: VeldSpec[];
}

/**
 * Does this intake record health data, which needs the person's consent (AVG art. 9)? The codes and the
 * date from which the rulebook asks for it are the rulebook's own (domain/wet.ts).
 */
export function vraagtToestemming(belemmeringen: unknown): boolean {
  const codes = String(belemmeringen ?? '')
    .split('\n')
    .map((r) => r.trim());
  return (
    codes.some((c) => (BIJZONDERE_BELEMMERINGEN as readonly string[]).includes(c)) &&
    geldend(TOESTEMMING_BIJZONDERE_GEGEVENS, vandaag())
  );
}

const opties = <T extends string>(codes: readonly T[], labels: Record<T, string>) =>
  codes.map((c) => [c, labels[c]] as const);

const datumVeld = (naam: string, label: string, hint?: string): VeldSpec => ({
  naam,
  label,
  soort: 'datum',
  verplicht: true,
  hint,
});

const afspraken: VeldSpec = {
  naam: 'afspraken',
  label: 'Afspraken',
  soort: 'lijst',
  hint: 'Eén afspraak per regel. Geen bijzondere persoonsgegevens (gezondheid, gezinshereniging).',
};

const cadans: VeldSpec[] = [
  {
    naam: 'voortgangsgesprekCadans.eersteJaarMaanden',
    label: 'Voortgangsgesprek in het eerste jaar: elke … maanden',
    soort: 'getal',
    hint: 'Leeg: het beleid van de gemeente. Vul beide cadansvelden in of geen van beide.',
  },
  {
    naam: 'voortgangsgesprekCadans.daarnaMaanden',
    label: 'Voortgangsgesprek daarna: elke … maanden',
    soort: 'getal',
  },
];

/**
 * One form per command route: Dutch labels and hints. The rules a value must meet are not here: the
 * form validates with the API's own zod schema (COMMANDO_ROUTES[route].schema), and the rulebook judges
 * the rest on the server.
 */
export const FORMULIEREN: Record<CommandoRoute, FormulierSpec> = {
  routestappen: {
    uitleg:
      'Een stap van de route van de gemeente (bijv. de brugklas of het eindgesprek) is gedaan. Wie de stap vastlegt, wordt bewaard.',
    velden: [
      {
        naam: 'stapId',
        label: 'Stap van de route',
        soort: 'keuze',
        verplicht: true,
        optiesUit: 'open-routestappen',
        uitZoekparameter: 'stap',
        hint: 'De stappen van de route die nog open zijn (tabblad Route).',
      },
      datumVeld('datum', 'Datum waarop de stap is gedaan'),
      {
        naam: 'toelichting',
        label: 'Toelichting',
        soort: 'lang',
        hint: 'Kort, hoogstens 500 tekens. Geen bijzondere persoonsgegevens.',
      },
    ],
  },
  brp: { velden: [datumVeld('datum', 'Datum van inschrijving in de BRP')] },
  huisvesting: { velden: [datumVeld('datum', 'Datum van huisvesting in de gemeente')] },
  ontzorgen: {
    uitleg:
      'Ontzorgen loopt zes maanden vanaf het begin van het recht op bijstand (Participatiewet art. 56a).',
    velden: [
      datumVeld('startdatum', 'Begin van het recht op bijstand', 'In de praktijk: de dag van huisvesting.'),
    ],
  },
  intake: {
    velden: [
      datumVeld('datum', 'Datum van de brede intake'),
      { naam: 'leerbaarheidstoetsScore', label: 'Score leerbaarheidstoets', soort: 'getal' },
      {
        naam: 'geadviseerdeRoute',
        label: 'Geadviseerde leerroute',
        soort: 'keuze',
        opties: opties(LEERROUTES, LEERROUTE),
      },
      { naam: 'tolkNodig', label: 'Tolk nodig', soort: 'ja-nee' },
      {
        naam: 'belemmeringen',
        label: 'Belemmeringen',
        soort: 'lijst',
        hint: `Codes, één per regel (kleine letters, cijfers, _ of -), bijv. kinderopvang. Geen vrije tekst. Gezondheidscodes (${BIJZONDERE_BELEMMERINGEN.join(', ')}) vragen om toestemming van de inburgeraar: die vraag verschijnt dan hieronder.`,
      },
      {
        naam: 'toestemmingBijzondereGegevens',
        label:
          'De inburgeraar geeft uitdrukkelijk toestemming om deze gegevens over de gezondheid vast te leggen',
        soort: 'vinkje',
        verplicht: true,
        toonAls: (w) => vraagtToestemming(w.belemmeringen),
        hint: 'Gegevens over gezondheid (ook psychische klachten, trauma en verslaving) zijn bijzondere persoonsgegevens. De wet (AVG artikel 9) staat vastleggen alleen toe als de inburgeraar daar zelf uitdrukkelijk mee instemt. Vertel waarom u het vraagt: om het traject af te stemmen op wat iemand aankan. Alleen de eigen casemanager ziet deze gegevens. Geen toestemming? Haal de gezondheidscode dan weg.',
        verplichtMelding:
          'Zonder uitdrukkelijke toestemming van de inburgeraar legt u geen gegevens over de gezondheid vast. Vink de toestemming aan, of haal de gezondheidscode weg.',
      },
    ],
  },
  'wacht-op-derden': {
    uitleg: 'Zolang informatie van derden ontbreekt, is de PIP-termijn opgeschort.',
    velden: [datumVeld('datum', 'Wacht sinds')],
  },
  'derden-informatie': { velden: [datumVeld('datum', 'Informatie ontvangen op')] },
  pip: {
    uitleg: 'De inburgeringstermijn begint de dag na de dagtekening van het eerste PIP.',
    velden: [
      datumVeld('dagtekening', 'Dagtekening van het PIP'),
      {
        naam: 'leerroute',
        label: 'Leerroute',
        soort: 'keuze',
        verplicht: true,
        opties: opties(LEERROUTES, LEERROUTE),
      },
      {
        naam: 'taalniveau',
        label: 'Taalniveau (alleen onderwijsroute)',
        soort: 'keuze',
        opties: [
          ['B1', 'B1'],
          ['B2', 'B2'],
        ],
      },
      ...cadans,
      afspraken,
    ],
  },
  'pip-wijzigingen': {
    uitleg: 'Een nieuwe PIP-versie; de inburgeringstermijn loopt door.',
    velden: [
      datumVeld('dagtekening', 'Dagtekening van de nieuwe versie'),
      {
        naam: 'reden',
        label: 'Reden',
        soort: 'keuze',
        verplicht: true,
        opties: opties(PIP_WIJZIGINGSREDENEN, PIP_REDEN),
      },
      {
        naam: 'leerroute',
        label: 'Nieuwe leerroute (bij schakelen)',
        soort: 'keuze',
        opties: opties(LEERROUTES, LEERROUTE),
      },
      {
        naam: 'taalniveau',
        label: 'Taalniveau (alleen onderwijsroute)',
        soort: 'keuze',
        opties: [
          ['B1', 'B1'],
          ['B2', 'B2'],
        ],
      },
      {
        naam: 'afschalenComponenten',
        label: 'Af te schalen onderdelen (bij afschalen)',
        soort: 'meerkeuze',
        hint: 'Niets aangevinkt: alle vier naar A2.',
        opties: opties(TAALCOMPONENTEN, EXAMENCOMPONENT),
      },
      ...cadans,
      afspraken,
    ],
  },
  aanbod: {
    velden: [
      datumVeld('datum', 'Startdatum van het aanbod (de leerroute)'),
      {
        naam: 'aanbieder',
        label: 'Taalaanbieder (organisatie-id)',
        soort: 'tekst',
        hint: 'De organisatie-id van de taalaanbieder die lesgeeft, bijv. taalschool-noord. Alleen die aanbieder ziet en meldt de voortgang van dit traject.',
      },
    ],
  },
  examenresultaten: {
    velden: [
      {
        naam: 'component',
        label: 'Examenonderdeel',
        soort: 'keuze',
        verplicht: true,
        opties: opties(EXAMENCOMPONENTEN, EXAMENCOMPONENT),
      },
      {
        naam: 'niveau',
        label: 'Niveau',
        soort: 'keuze',
        hint: 'Verplicht bij de taalonderdelen, niet bij KNM.',
        opties: TAALNIVEAUS.map((n) => [n, n] as const),
      },
      { naam: 'behaald', label: 'Behaald', soort: 'ja-nee', verplicht: true },
      datumVeld('datum', 'Datum van het examen'),
    ],
  },
  uren: {
    velden: [
      {
        naam: 'soort',
        label: 'Soort uren',
        soort: 'keuze',
        verplicht: true,
        opties: opties(URENSOORTEN, URENSOORT),
      },
      { naam: 'uren', label: 'Aantal uren', soort: 'getal', verplicht: true },
      datumVeld('datum', 'Datum'),
    ],
  },
  onderdelen: {
    velden: [
      {
        naam: 'onderdeel',
        label: 'Onderdeel',
        soort: 'keuze',
        verplicht: true,
        opties: opties(ONDERDELEN, ONDERDEEL),
      },
      datumVeld('datum', 'Afgerond op'),
    ],
  },
  voortgangsgesprekken: {
    velden: [
      datumVeld('datum', 'Datum van het gesprek'),
      {
        naam: 'samenvatting',
        label: 'Samenvatting',
        soort: 'lang',
        hint: 'Kort en zakelijk. Geen bijzondere persoonsgegevens.',
      },
      afspraken,
    ],
  },
  'ontzorgen-evaluaties': {
    uitleg:
      'Vóór het einde: de toets financiële zelfredzaamheid en het besluit (Participatiewet art. 56a/57).',
    velden: [
      datumVeld('datum', 'Datum van de evaluatie'),
      {
        naam: 'toetsResultaat',
        label: 'Uitkomst toets financiële zelfredzaamheid',
        soort: 'keuze',
        verplicht: true,
        opties: opties(TOETSRESULTATEN, TOETSRESULTAAT),
      },
      {
        naam: 'besluit',
        label: 'Besluit',
        soort: 'keuze',
        verplicht: true,
        opties: opties(ONTZORGEN_BESLUITEN, ONTZORGEN_BESLUIT),
      },
      { naam: 'maanden', label: 'Verlengen met … maanden', soort: 'getal', hint: 'Leeg: een half jaar.' },
    ],
  },
  verlengingen: {
    uitleg:
      'DUO verlengt de inburgeringstermijn (Wi2021 art. 12). Vul één van de drie in: einddatum, maanden of weken.',
    velden: [
      {
        naam: 'grond',
        label: 'Grond',
        soort: 'keuze',
        verplicht: true,
        opties: opties(VERLENGINGSGRONDEN, VERLENGINGSGROND),
      },
      datumVeld('besluitdatum', 'Datum van het besluit van DUO'),
      { naam: 'nieuweEinddatum', label: 'Nieuwe einddatum', soort: 'datum' },
      { naam: 'maanden', label: 'Of: verlengen met … maanden', soort: 'getal' },
      { naam: 'weken', label: 'Of: verlengen met … weken', soort: 'getal' },
    ],
  },
  ontheffing: {
    uitleg: 'DUO verleent de ontheffing; het traject sluit als ontheven.',
    velden: [
      datumVeld('datum', 'Datum van de ontheffing'),
      { naam: 'grond', label: 'Grond', soort: 'keuze', opties: opties(ONTHEFFINGSGRONDEN, ONTHEFFINGSGROND) },
    ],
  },
  boetes: {
    uitleg: 'Een besluit van de casemanager, nooit automatisch; het wettelijk maximum geldt.',
    velden: [
      { naam: 'bedrag', label: 'Bedrag in euro', soort: 'getal', verplicht: true },
      {
        naam: 'reden',
        label: 'Reden',
        soort: 'keuze',
        verplicht: true,
        opties: opties(BOETEREDENEN, BOETEREDEN),
      },
      datumVeld('datum', 'Datum van het besluit'),
    ],
  },
  verhuizing: {
    uitleg:
      'Warme overdracht: de nieuwe gemeente moet het PIP aanpassen. Daarna ziet u het traject niet meer.',
    velden: [
      datumVeld('datum', 'Datum van de verhuizing'),
      {
        naam: 'naarGemeente',
        label: 'Naar gemeente (CBS-code)',
        soort: 'tekst',
        verplicht: true,
        hint: 'GM gevolgd door vier cijfers, bijv. GM0363 (Amsterdam).',
      },
    ],
  },
  beeindiging: {
    uitleg: 'Sluit het traject af; er kan daarna niets meer worden vastgelegd.',
    velden: [
      datumVeld('datum', 'Datum van beëindiging'),
      {
        naam: 'reden',
        label: 'Reden',
        soort: 'keuze',
        verplicht: true,
        opties: opties(BEEINDIGINGSREDENEN, BEEINDIGINGSREDEN),
      },
    ],
  },
  casemanager: {
    velden: [
      {
        naam: 'casemanager',
        label: 'Medewerker-id van de casemanager',
        soort: 'tekst',
        verplicht: true,
        standaard: 'ik',
        hint: 'Een medewerker-id, geen naam.',
      },
    ],
  },
};

/** The form with the options that come from the dossier (the open steps of the traject's route). */
export function metDossierOpties(
  spec: FormulierSpec,
  route: { stappen: { id: string; naam: string; status: string }[] } | null | undefined,
): FormulierSpec {
  if (!spec.velden.some((v) => v.optiesUit)) return spec;
  const open = (route?.stappen ?? []).filter((s) => s.status !== 'afgerond');
  return {
    ...spec,
    velden: spec.velden.map((v) =>
      v.optiesUit === 'open-routestappen' ? { ...v, opties: open.map((s) => [s.id, s.naam] as const) } : v,
    ),
  };
}
