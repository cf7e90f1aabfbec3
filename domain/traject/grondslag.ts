import { type Beleid, standaardBeleid } from '../beleid';
import type { PlainDate } from '../shared/kalender';
import { geldendeVersie, WET, type Wetsregel, type WetsregelNaam } from '../wet';
import type { CommandType } from './commands';
import { deadlines } from './deadlines';
import { toegestaneCommandos } from './mogelijk';
import type { Deadline, TrajectState } from './state';
import { type Eis, ontbrekendVoorVoldaan, zRouteNorm } from './voldaan';

/**
 * Why a date or a decision is what it is: a rule of law (its article and the version in force on the
 * date that counts), the gemeente's policy (domain/beleid.ts) or an agreement in the PIP. Built from the
 * rulebook's own constants, so a screen that shows it never retypes an article or a number.
 */
export type Grondslag = WetGrondslag | BeleidGrondslag | PipGrondslag;

export interface WetGrondslag {
  soort: 'wet';
  /** Key in WET (domain/wet.ts). */
  regel: WetsregelNaam;
  /** Article and regulation. */
  bron: string;
  /** First day of the version that applied. */
  geldigVanaf: PlainDate;
  /** The date by which that version was chosen (e.g. the kennisgeving, the PIP's dagtekening). */
  peildatum: PlainDate;
  waarde: unknown;
}

export interface BeleidGrondslag {
  soort: 'beleid';
  instelling: keyof Beleid;
  waarde: unknown;
  /** False when the gemeente overrides the default of domain/beleid.ts. */
  standaard: boolean;
}

export interface PipGrondslag {
  soort: 'pip';
  /** The agreement recorded in the PIP, e.g. the voortgangsgesprek cadence. */
  afspraak: 'voortgangsgesprekCadans';
  versie: number;
  waarde: unknown;
}

export interface DeadlineMetGrondslag extends Deadline {
  grondslag: Grondslag[];
}

export type BesluitSoort =
  | 'pip'
  | 'verlenging'
  | 'ontzorgen'
  | 'boete'
  | 'duo-vooraankondiging'
  | 'duo-boete'
  | 'ontheffing'
  | 'beeindiging'
  | 'voldaan';

export interface Besluit {
  soort: BesluitSoort;
  datum: PlainDate;
  /** The decision's facts (codes, dates, amounts; never personal data). */
  gegevens: Record<string, unknown>;
  grondslag: Grondslag[];
}

export interface OntbrekendeEis {
  eis: Eis;
  /** Target language level of a `taal:` requirement (B1, or A2 after afschalen). */
  doel?: string;
  /** Z-route hours: done so far and the norm. */
  stand?: { huidig: number; norm: number };
  grondslag: Grondslag[];
}

/** Everything a dossier shows to explain the traject: pending deadlines, decisions, what is missing. */
export interface Uitleg {
  deadlines: DeadlineMetGrondslag[];
  besluiten: Besluit[];
  ontbrekend: OntbrekendeEis[];
  toegestaneCommandos: CommandType[];
}

function wet(regel: WetsregelNaam, peildatum: PlainDate): WetGrondslag {
  const r = WET[regel] as Wetsregel<unknown>;
  const versie = geldendeVersie(r, peildatum);
  return {
    soort: 'wet',
    regel,
    bron: r.bron,
    geldigVanaf: versie.geldigVanaf,
    peildatum,
    waarde: versie.waarde,
  };
}

function beleid(state: TrajectState, instelling: keyof Beleid): BeleidGrondslag {
  const waarde = (state.beleid ?? standaardBeleid)[instelling];
  const standaard = JSON.stringify(waarde) === JSON.stringify(standaardBeleid[instelling]);
  return { soort: 'beleid', instelling, waarde, standaard };
}

/** The termijn's end: three years from the first PIP (art. 11), moved by verlengingen (art. 12). */
function termijnGrondslag(state: TrajectState): Grondslag[] {
  const eerste = state.pipVersies[0];
  if (!eerste) return [];
  const laatste = state.verlengingen[state.verlengingen.length - 1];
  return [
    wet('inburgeringstermijnJaren', eerste.dagtekening),
    ...(laatste ? [wet('verlengingsgronden', laatste.besluitdatum)] : []),
  ];
}

/** The rules that produced one pending deadline (the same choices as domain/traject/deadlines.ts). */
export function grondslagVanDeadline(state: TrajectState, deadline: Deadline): Grondslag[] {
  const eerste = state.pipVersies[0];
  switch (deadline.soort) {
    case 'pip':
    case 'pip-overschreden': {
      const k = state.kennisgevingsdatum;
      if (!k) return [];
      return [
        wet('pipTermijnWeken', k),
        ...(state.derdenOntvangenOp ? [wet('pipTermijnNaDerdenWeken', k)] : []),
      ];
    }
    case 'aanbod-start':
      if (!eerste) return [];
      return [
        wet(
          state.leerroute === 'onderwijs' ? 'aanbodStartMaandenOnderwijs' : 'aanbodStartMaanden',
          eerste.dagtekening,
        ),
      ];
    case 'ontzorgen-evaluatie': {
      const o = state.ontzorgen;
      if (!o) return [];
      return [
        wet('ontzorgenMaanden', o.startdatum),
        ...(o.verlengingen > 0 ? [wet('ontzorgenVerlengingMaxMaanden', o.startdatum)] : []),
        beleid(state, 'ontzorgenEvaluatieWekenVooraf'),
      ];
    }
    case 'voortgangsgesprek': {
      const laatste = state.pipVersies[state.pipVersies.length - 1];
      return [
        beleid(state, 'voortgangsgesprekMaandenEersteJaar'),
        beleid(state, 'voortgangsgesprekMaandenDaarna'),
        ...(laatste
          ? [
              {
                soort: 'pip',
                afspraak: 'voortgangsgesprekCadans',
                versie: laatste.versie,
                waarde: state.cadans,
              } satisfies PipGrondslag,
            ]
          : []),
      ];
    }
    case 'termijn-waarschuwing':
      return [...termijnGrondslag(state), beleid(state, 'termijnWaarschuwingenMaanden')];
    case 'termijn-overschreden':
      return termijnGrondslag(state);
    case 'bezwaartermijn': {
      const versie = state.pipVersies.find((v) => `bezwaartermijn:${v.versie}` === deadline.id);
      return versie ? [wet('bezwaartermijnWeken', versie.dagtekening)] : [];
    }
    case 'achttiende-verjaardag': {
      const kind = state.kinderen.find((k) => `achttiende-verjaardag:${k.kindId}` === deadline.id);
      return [
        ...(kind ? [wet('plichtLeeftijd', kind.geboortedatum)] : []),
        beleid(state, 'achttienSignaalMaandenVooraf'),
      ];
    }
    case 'geen-contact':
      return [beleid(state, 'geenContactMaanden')];
    default:
      return onbekend(deadline.soort);
  }
}

function onbekend(_soort: never): Grondslag[] {
  return [];
}

/** The decisions recorded in the traject, oldest first, each with the rules it applied. */
export function besluitenVan(state: TrajectState): Besluit[] {
  const besluiten: Besluit[] = [];
  for (const v of state.pipVersies) {
    const grondslag: Grondslag[] = [];
    if (v.versie === 1) grondslag.push(wet('inburgeringstermijnJaren', v.dagtekening));
    if (v.reden === 'afschalen') grondslag.push(wet('afschalenMinLesuren', v.dagtekening));
    grondslag.push(wet('bezwaartermijnWeken', v.dagtekening));
    besluiten.push({
      soort: 'pip',
      datum: v.dagtekening,
      gegevens: { versie: v.versie, reden: v.reden, leerroute: v.leerroute },
      grondslag,
    });
  }
  for (const v of state.verlengingen) {
    besluiten.push({
      soort: 'verlenging',
      datum: v.besluitdatum,
      gegevens: { grond: v.grond, oudeEinddatum: v.oudeEinddatum, nieuweEinddatum: v.nieuweEinddatum },
      grondslag: [
        wet('verlengingsgronden', v.besluitdatum),
        ...(v.grond === 'aanbod_niet_tijdig' && state.pipVersies[0]
          ? [
              wet(
                state.leerroute === 'onderwijs' ? 'aanbodStartMaandenOnderwijs' : 'aanbodStartMaanden',
                state.pipVersies[0].dagtekening,
              ),
            ]
          : []),
      ],
    });
  }
  if (state.ontzorgen) {
    const o = state.ontzorgen;
    besluiten.push({
      soort: 'ontzorgen',
      datum: o.startdatum,
      gegevens: { einddatum: o.einddatum, status: o.status, verlengingen: o.verlengingen },
      grondslag: [
        wet('ontzorgenMaanden', o.startdatum),
        ...(o.verlengingen > 0 ? [wet('ontzorgenVerlengingMaxMaanden', o.startdatum)] : []),
      ],
    });
  }
  for (const b of state.boetes) {
    besluiten.push({
      soort: 'boete',
      datum: b.datum,
      gegevens: { bedrag: b.bedrag, reden: b.reden },
      grondslag: [wet('maxBoeteEuro', b.datum)],
    });
  }
  if (state.vooraankondigingOp) {
    besluiten.push({
      soort: 'duo-vooraankondiging',
      datum: state.vooraankondigingOp,
      gegevens: {},
      grondslag: termijnGrondslag(state),
    });
  }
  for (const b of state.duoBoetes) {
    besluiten.push({ soort: 'duo-boete', datum: b.datum, gegevens: { bedrag: b.bedrag }, grondslag: [] });
  }
  const a = state.afsluiting;
  if (a?.uitkomst === 'ontheven') {
    besluiten.push({
      soort: 'ontheffing',
      datum: a.datum,
      gegevens: {},
      grondslag: [wet('ontheffingsgronden', a.datum)],
    });
  } else if (a?.uitkomst === 'beeindigd') {
    besluiten.push({ soort: 'beeindiging', datum: a.datum, gegevens: { reden: a.reden }, grondslag: [] });
  } else if (a?.uitkomst === 'voldaan') {
    besluiten.push({
      soort: 'voldaan',
      datum: a.datum,
      gegevens: { leerroute: state.leerroute },
      grondslag:
        state.leerroute === 'z' && state.pipVersies[0]
          ? [zRouteGrondslag(state, state.pipVersies[0].dagtekening)]
          : [],
    });
  }
  return besluiten.sort((x, y) => (x.datum < y.datum ? -1 : x.datum > y.datum ? 1 : 0));
}

function zRouteGrondslag(state: TrajectState, peildatum: PlainDate): WetGrondslag {
  return wet(
    state.doelgroep === 'asielstatushouder' ? 'zRouteUrenAsielstatushouder' : 'zRouteUrenOverig',
    peildatum,
  );
}

/** `ontbrekendVoorVoldaan` with what the screen needs to explain each requirement. */
export function ontbrekendMetUitleg(state: TrajectState): OntbrekendeEis[] {
  const eerste = state.pipVersies[0];
  return ontbrekendVoorVoldaan(state).map((eis): OntbrekendeEis => {
    if (eis === 'pip') {
      return {
        eis,
        grondslag: state.kennisgevingsdatum ? [wet('pipTermijnWeken', state.kennisgevingsdatum)] : [],
      };
    }
    if (eis.startsWith('taal:')) {
      const component = eis.slice(5) as keyof NonNullable<TrajectState['taaldoelen']>;
      const doel = state.taaldoelen?.[component] ?? 'B1';
      return {
        eis,
        doel,
        grondslag: doel === 'A2' && eerste ? [wet('afschalenMinLesuren', eerste.dagtekening)] : [],
      };
    }
    if (eis.startsWith('uren:') && eerste) {
      const norm = zRouteNorm(state.doelgroep ?? 'overige_migrant', eerste.dagtekening);
      const soort = eis.slice(5) as 'taal' | 'participatie' | 'totaal';
      const huidig = soort === 'totaal' ? state.uren.taal + state.uren.participatie : state.uren[soort];
      return {
        eis,
        stand: { huidig, norm: norm[soort] },
        grondslag: [zRouteGrondslag(state, eerste.dagtekening)],
      };
    }
    return { eis, grondslag: [] };
  });
}

/** Pending deadlines, decisions and what is missing, each with its legal basis; and what may be sent now. */
export function uitleg(state: TrajectState): Uitleg {
  return {
    deadlines: deadlines(state).map((d) => ({ ...d, grondslag: grondslagVanDeadline(state, d) })),
    besluiten: besluitenVan(state),
    ontbrekend: state.fase === 'nieuw' || state.afgesloten ? [] : ontbrekendMetUitleg(state),
    toegestaneCommandos: toegestaneCommandos(state),
  };
}
