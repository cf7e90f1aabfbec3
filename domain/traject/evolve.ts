import { isVoor, laatste, type PlainDate } from '../shared/kalender';
import type { TrajectEvent } from './events';
import type { TrajectState } from './state';

/** An empty traject: nothing is known until `aanmelden`. */
export function initialState(trajectId: string): TrajectState {
  return {
    trajectId,
    fase: 'nieuw',
    afgesloten: false,
    afsluiting: null,
    gemeente: null,
    doelgroep: null,
    beleid: null,
    casemanager: null,
    geboortedatum: null,
    kennisgevingsdatum: null,
    koppelingsdatum: null,
    brpDatum: null,
    huisvestingsdatum: null,
    intake: null,
    derdenWachtSinds: null,
    derdenOntvangenOp: null,
    pipVersies: [],
    leerroute: null,
    taaldoelen: null,
    cadans: null,
    termijnStart: null,
    termijnEinde: null,
    termijnOverschreden: false,
    termijnOverschredenOp: null,
    verlengingen: [],
    aanbodGestartOp: null,
    examenresultaten: [],
    uren: { taal: 0, participatie: 0 },
    onderdelen: {},
    voortgangsgesprekken: [],
    laatsteContact: null,
    ontzorgen: null,
    boetes: [],
    vooraankondigingOp: null,
    duoBoetes: [],
    verhuizingen: [],
    pipAanpassenNodig: false,
    afschalenGesignaleerd: false,
    kinderen: [],
    afgehandeldeDeadlines: [],
    verwerkteCommandIds: [],
  };
}

/** Key under which a handled timer is remembered: a deadline whose date moves becomes pending again. */
export function deadlineSleutel(id: string, datum: PlainDate): string {
  return `${id}@${datum}`;
}

function contact(state: TrajectState, datum: PlainDate): PlainDate {
  return state.laatsteContact ? laatste(state.laatsteContact, datum) : datum;
}

function metCommand(state: TrajectState, commandId: string): TrajectState {
  if (state.verwerkteCommandIds.includes(commandId)) return state;
  return { ...state, verwerkteCommandIds: [...state.verwerkteCommandIds, commandId] };
}

function afgehandeld(state: TrajectState, id: string, datum: PlainDate): TrajectState {
  const sleutel = deadlineSleutel(id, datum);
  if (state.afgehandeldeDeadlines.includes(sleutel)) return state;
  return { ...state, afgehandeldeDeadlines: [...state.afgehandeldeDeadlines, sleutel] };
}

// An event type from a newer code version (replayed history) must not break an older evolve.
function ongewijzigd(_onbekend: never, state: TrajectState): TrajectState {
  return state;
}

/** Pure and total: applies a recorded fact. Validation is `decide`'s job, so this never throws. */
export function evolve(vorige: TrajectState, event: TrajectEvent): TrajectState {
  const state = metCommand(vorige, event.commandId);
  switch (event.type) {
    case 'aangemeld':
      return {
        ...state,
        fase: 'aangemeld',
        gemeente: event.gemeente,
        doelgroep: event.doelgroep,
        kennisgevingsdatum: event.kennisgevingsdatum,
        koppelingsdatum: event.koppelingsdatum,
        brpDatum: event.brpDatum,
        huisvestingsdatum: event.huisvestingsdatum,
        geboortedatum: event.geboortedatum,
        kinderen: [...event.kinderen],
        beleid: event.beleid,
        ...(event.route ? { route: event.route, routestappen: [] } : {}),
      };
    case 'brpGeregistreerd':
      return { ...state, brpDatum: event.datum };
    case 'koppelingGeregistreerd':
      return { ...state, koppelingsdatum: event.datum };
    case 'huisvestingGeregistreerd':
      return { ...state, huisvestingsdatum: event.datum };
    case 'ontzorgenGestart':
      return {
        ...state,
        ontzorgen: {
          startdatum: event.startdatum,
          einddatum: event.einddatum,
          status: 'actief',
          verlengingen: 0,
        },
      };
    case 'intakeGeregistreerd':
      return {
        ...state,
        fase: state.fase === 'aangemeld' ? 'intake_afgerond' : state.fase,
        intake: event.intake,
        laatsteContact: contact(state, event.intake.datum),
      };
    case 'wachtOpDerdenGestart':
      return { ...state, derdenWachtSinds: event.datum };
    case 'derdenInformatieBinnen':
      return { ...state, derdenWachtSinds: null, derdenOntvangenOp: event.datum };
    case 'pipVastgesteld':
      return {
        ...state,
        fase: state.aanbodGestartOp ? 'in_leerroute' : 'pip_vastgesteld',
        pipVersies: [
          { versie: 1, dagtekening: event.dagtekening, reden: 'eerste', leerroute: event.leerroute },
        ],
        leerroute: event.leerroute,
        taaldoelen: event.taaldoelen,
        cadans: event.cadans,
        termijnStart: event.termijnStart,
        termijnEinde: event.termijnEinde,
        derdenWachtSinds: null,
        laatsteContact: contact(state, event.dagtekening),
      };
    case 'pipGewijzigd':
      return {
        ...state,
        pipVersies: [
          ...state.pipVersies,
          {
            versie: event.versie,
            dagtekening: event.dagtekening,
            reden: event.reden,
            leerroute: event.leerroute,
          },
        ],
        leerroute: event.leerroute,
        taaldoelen: event.taaldoelen,
        cadans: event.cadans,
        pipAanpassenNodig: false,
        laatsteContact: contact(state, event.dagtekening),
      };
    case 'aanbodGestart':
      return {
        ...state,
        aanbodGestartOp: event.datum,
        ...(event.aanbieder ? { aanbieder: event.aanbieder } : {}),
        fase: state.fase === 'pip_vastgesteld' ? 'in_leerroute' : state.fase,
      };
    case 'examenresultaatGeregistreerd':
      return { ...state, examenresultaten: [...state.examenresultaten, event.resultaat] };
    case 'urenGeregistreerd':
      return { ...state, uren: { ...state.uren, [event.soort]: state.uren[event.soort] + event.uren } };
    case 'voortgangGeregistreerd': {
      // A correction of a week replaces it: its lesuren count once, the latest figure.
      const weken = state.voortgang ?? [];
      const vorige = weken.find((w) => w.week === event.voortgang.week);
      const verschil = event.voortgang.lesuren - (vorige?.lesuren ?? 0);
      return {
        ...state,
        voortgang: [...weken.filter((w) => w !== vorige), event.voortgang].sort((a, b) =>
          a.week < b.week ? -1 : a.week > b.week ? 1 : 0,
        ),
        uren: { ...state.uren, taal: state.uren.taal + verschil },
      };
    }
    case 'onderdeelAfgerond':
      return {
        ...state,
        onderdelen: { ...state.onderdelen, [event.onderdeel]: event.datum },
        laatsteContact:
          event.onderdeel === 'eindgesprek' ? contact(state, event.datum) : state.laatsteContact,
      };
    case 'voortgangsgesprekGevoerd':
      return {
        ...state,
        voortgangsgesprekken: [...state.voortgangsgesprekken, event.datum],
        laatsteContact: contact(state, event.datum),
      };
    case 'ontzorgenGeevalueerd': {
      if (!state.ontzorgen) return state;
      const verlengd = event.besluit === 'verlengen';
      return {
        ...state,
        ontzorgen: {
          ...state.ontzorgen,
          einddatum: event.einddatum,
          status: verlengd ? 'actief' : 'afgebouwd',
          verlengingen: state.ontzorgen.verlengingen + (verlengd ? 1 : 0),
        },
        laatsteContact: contact(state, event.datum),
      };
    }
    case 'termijnVerlengd': {
      const opgeheven =
        state.termijnOverschreden && !isVoor(event.verlenging.nieuweEinddatum, event.geregistreerdOp);
      return {
        ...state,
        termijnEinde: event.verlenging.nieuweEinddatum,
        verlengingen: [...state.verlengingen, event.verlenging],
        termijnOverschreden: opgeheven ? false : state.termijnOverschreden,
      };
    }
    case 'ontheffingVerleend':
      return {
        ...state,
        fase: 'ontheven',
        afgesloten: true,
        afsluiting: { uitkomst: 'ontheven', datum: event.datum, reden: null },
      };
    case 'boeteOpgelegd':
      return { ...state, boetes: [...state.boetes, event.boete] };
    case 'vooraankondigingOntvangen':
      return { ...state, vooraankondigingOp: event.datum };
    case 'duoBoeteOntvangen':
      return { ...state, duoBoetes: [...state.duoBoetes, { datum: event.datum, bedrag: event.bedrag }] };
    case 'verhuisd':
      return {
        ...state,
        gemeente: event.verhuizing.naar,
        beleid: event.beleid,
        casemanager: null,
        verhuizingen: [...state.verhuizingen, event.verhuizing],
        pipAanpassenNodig: state.pipVersies.length > 0,
      };
    case 'beeindigd':
      return {
        ...state,
        fase: 'beeindigd',
        afgesloten: true,
        afsluiting: { uitkomst: 'beeindigd', datum: event.datum, reden: event.reden },
      };
    case 'casemanagerToegewezen':
      return { ...state, casemanager: event.casemanager };
    case 'kindGeregistreerd':
      return { ...state, kinderen: [...state.kinderen, event.kind] };
    case 'signaalGegeven': {
      const na = event.deadlineId ? afgehandeld(state, event.deadlineId, event.datum) : state;
      switch (event.soort) {
        case 'termijn-overschreden':
          return { ...na, termijnOverschreden: true, termijnOverschredenOp: event.datum };
        case 'afschalen-mogelijk':
          return { ...na, afschalenGesignaleerd: true };
        default:
          return na;
      }
    }
    case 'deadlineVervallen':
      return afgehandeld(state, event.deadlineId, event.datum);
    case 'routestapAfgerond':
      return {
        ...state,
        routestappen: [
          ...(state.routestappen ?? []),
          { stapId: event.stapId, datum: event.datum, door: event.door },
        ],
      };
    case 'inburgeringsplichtVoldaan':
      return {
        ...state,
        fase: 'voldaan',
        afgesloten: true,
        termijnOverschreden: false,
        afsluiting: { uitkomst: 'voldaan', datum: event.datum, reden: null },
      };
    default:
      return ongewijzigd(event, state);
  }
}

/** Applies events in order (the workflow's `events.reduce(evolve, state)`). */
export function evolveAlle(state: TrajectState, events: readonly TrajectEvent[]): TrajectState {
  return events.reduce(evolve, state);
}
