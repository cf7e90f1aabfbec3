import { beleidVoor } from '../beleid';
import { DomainError } from '../shared/fouten';
import {
  addDays,
  addMonths,
  addWeeks,
  addYears,
  isGeldigeDatum,
  isNa,
  isVoor,
  leeftijdOp,
  type PlainDate,
  vereisDatum,
} from '../shared/kalender';
import { geldend, WET } from '../wet';
import { deadlines, isOvertroffen } from './deadlines';
import { evolve } from './evolve';
import {
  type Aanmelden,
  BEEINDIGINGSREDENEN,
  BOETEREDENEN,
  type Cadans,
  type Deadline,
  type DeadlineBereikt,
  DOELGROEPEN,
  EXAMENCOMPONENTEN,
  type Kind,
  LEERROUTES,
  type Leerroute,
  ONDERDELEN,
  ONTHEFFINGSGRONDEN,
  ONTZORGEN_BESLUITEN,
  type Onderdeel,
  PIP_WIJZIGINGSREDENEN,
  type RegistreerVerlenging,
  type SignaalGegeven,
  type StelPipVast,
  TAALCOMPONENTEN,
  TAALNIVEAUS,
  type TaalComponent,
  type Taaldoelen,
  TOETSRESULTATEN,
  type TrajectCommand,
  type TrajectEvent,
  type TrajectState,
  URENSOORTEN,
  VERLENGINGSGRONDEN,
  type WijzigPip,
} from './types';
import {
  optioneelEen,
  optioneleDatum,
  tekstLijst,
  vereisBoolean,
  vereisEen,
  vereisGeheel,
  vereisGemeente,
  vereisId,
  vereisVerleden,
} from './validatie';
import { isVoldaan } from './voldaan';

interface Basis {
  commandId: string;
  door: string | null;
}

/**
 * Decides which facts a command adds to the traject, or rejects it with a DomainError. A rejected command
 * changes nothing; a command whose commandId was already applied yields no events.
 */
export function decide(state: TrajectState, command: TrajectCommand, today: PlainDate): TrajectEvent[] {
  const vandaag = vereisDatum(today, 'today');
  if (typeof command !== 'object' || command === null) throw new DomainError('VELD_ONTBREEKT', 'command');
  if (typeof command.commandId !== 'string' || command.commandId.trim() === '') {
    throw new DomainError('VELD_ONTBREEKT', 'commandId');
  }
  if (state.verwerkteCommandIds.includes(command.commandId)) return [];
  if (state.fase === 'nieuw' && command.type !== 'aanmelden') throw new DomainError('NIET_AANGEMELD');
  const basis: Basis = {
    commandId: command.commandId,
    door: command.door === undefined || command.door === null ? null : vereisId(command.door, 'door'),
  };
  // Timers race with messages: a timer for a deadline that is no longer pending is simply ignored.
  if (command.type === 'deadlineBereikt') return deadlineBereikt(state, command, vandaag, basis);
  if (state.afgesloten) throw new DomainError('AFGESLOTEN');
  const events = beslis(state, command, vandaag, basis);
  return [...events, ...gevolgen(state, events, command, vandaag, basis)];
}

function beslis(state: TrajectState, c: TrajectCommand, vandaag: PlainDate, basis: Basis): TrajectEvent[] {
  switch (c.type) {
    case 'aanmelden':
      return [aanmelden(state, c, vandaag, basis)];
    case 'registreerBrp':
      return [{ type: 'brpGeregistreerd', ...basis, datum: vereisVerleden(c.datum, vandaag, 'datum') }];
    case 'registreerHuisvesting':
      return [
        { type: 'huisvestingGeregistreerd', ...basis, datum: vereisVerleden(c.datum, vandaag, 'datum') },
      ];
    case 'startOntzorgen': {
      // Participatiewet art. 56a: ontzorgen is for asielstatushouders on bijstand.
      if (state.doelgroep !== 'asielstatushouder')
        throw new DomainError('ONTZORGEN_ALLEEN_ASIELSTATUSHOUDER');
      if (state.ontzorgen?.status === 'actief') throw new DomainError('ONTZORGEN_AL_ACTIEF');
      const startdatum = vereisVerleden(c.startdatum, vandaag, 'startdatum');
      const einddatum = addMonths(startdatum, geldend(WET.ontzorgenMaanden, startdatum));
      return [{ type: 'ontzorgenGestart', ...basis, startdatum, einddatum }];
    }
    case 'registreerIntake': {
      if (state.intake) throw new DomainError('INTAKE_AL_GEREGISTREERD');
      const score = c.leerbaarheidstoetsScore ?? null;
      if (score !== null && (typeof score !== 'number' || !Number.isFinite(score) || score < 0)) {
        throw new DomainError('WAARDE_ONGELDIG', 'leerbaarheidstoetsScore');
      }
      return [
        {
          type: 'intakeGeregistreerd',
          ...basis,
          intake: {
            datum: vereisVerleden(c.datum, vandaag, 'datum'),
            leerbaarheidstoetsScore: score,
            geadviseerdeRoute: optioneelEen(c.geadviseerdeRoute, LEERROUTES, 'geadviseerdeRoute'),
            belemmeringen: tekstLijst(c.belemmeringen, 'belemmeringen'),
            tolkNodig: c.tolkNodig === undefined ? false : vereisBoolean(c.tolkNodig, 'tolkNodig'),
          },
        },
      ];
    }
    case 'wachtOpDerden': {
      if (state.pipVersies.length > 0) throw new DomainError('PIP_AL_VASTGESTELD');
      if (state.derdenWachtSinds) throw new DomainError('WACHT_AL_OP_DERDEN');
      return [{ type: 'wachtOpDerdenGestart', ...basis, datum: vereisVerleden(c.datum, vandaag, 'datum') }];
    }
    case 'derdenInformatieOntvangen': {
      if (state.pipVersies.length > 0) throw new DomainError('PIP_AL_VASTGESTELD');
      if (!state.derdenWachtSinds) throw new DomainError('WACHT_NIET_OP_DERDEN');
      const datum = vereisVerleden(c.datum, vandaag, 'datum');
      if (isVoor(datum, state.derdenWachtSinds)) throw new DomainError('WAARDE_ONGELDIG', 'datum');
      return [{ type: 'derdenInformatieBinnen', ...basis, datum }];
    }
    case 'stelPipVast':
      return [stelPipVast(state, c, vandaag, basis)];
    case 'wijzigPip':
      return [wijzigPip(state, c, vandaag, basis)];
    case 'startAanbod': {
      if (state.pipVersies.length === 0) throw new DomainError('PIP_NIET_VASTGESTELD');
      if (state.aanbodGestartOp) throw new DomainError('AANBOD_AL_GESTART');
      return [{ type: 'aanbodGestart', ...basis, datum: vereisVerleden(c.datum, vandaag, 'datum') }];
    }
    case 'registreerExamenresultaat': {
      if (!state.leerroute) throw new DomainError('EXAMEN_ZONDER_ROUTE');
      const component = vereisEen(c.component, EXAMENCOMPONENTEN, 'component');
      const niveau = component === 'knm' ? null : vereisEen(c.niveau, TAALNIVEAUS, 'niveau');
      return [
        {
          type: 'examenresultaatGeregistreerd',
          ...basis,
          resultaat: {
            component,
            niveau,
            behaald: vereisBoolean(c.behaald, 'behaald'),
            datum: vereisVerleden(c.datum, vandaag, 'datum'),
          },
        },
      ];
    }
    case 'registreerUren': {
      const soort = vereisEen(c.soort, URENSOORTEN, 'soort');
      if (typeof c.uren !== 'number' || !Number.isFinite(c.uren) || c.uren <= 0 || c.uren > 2000) {
        throw new DomainError('UREN_ONGELDIG', 'uren');
      }
      return [
        {
          type: 'urenGeregistreerd',
          ...basis,
          soort,
          uren: c.uren,
          datum: vereisVerleden(c.datum, vandaag, 'datum'),
        },
      ];
    }
    case 'registreerOnderdeel': {
      if (!state.leerroute) throw new DomainError('PIP_NIET_VASTGESTELD');
      const onderdeel = vereisEen(c.onderdeel, ONDERDELEN, 'onderdeel');
      if (!hoortBijRoute(onderdeel, state.leerroute))
        throw new DomainError('ONDERDEEL_NIET_IN_ROUTE', 'onderdeel');
      if (state.onderdelen[onderdeel]) throw new DomainError('ONDERDEEL_AL_AFGEROND', 'onderdeel');
      return [
        { type: 'onderdeelAfgerond', ...basis, onderdeel, datum: vereisVerleden(c.datum, vandaag, 'datum') },
      ];
    }
    case 'registreerVoortgangsgesprek': {
      const eerste = state.pipVersies[0];
      if (!eerste) throw new DomainError('VOORTGANGSGESPREK_VOOR_PIP');
      const datum = vereisVerleden(c.datum, vandaag, 'datum');
      if (isVoor(datum, eerste.dagtekening)) throw new DomainError('VOORTGANGSGESPREK_VOOR_PIP', 'datum');
      if (c.samenvatting !== undefined && c.samenvatting !== null && typeof c.samenvatting !== 'string') {
        throw new DomainError('WAARDE_ONGELDIG', 'samenvatting');
      }
      return [
        {
          type: 'voortgangsgesprekGevoerd',
          ...basis,
          datum,
          samenvatting: c.samenvatting ?? null,
          afspraken: tekstLijst(c.afspraken, 'afspraken'),
        },
      ];
    }
    case 'evalueerOntzorgen': {
      const ontzorgen = state.ontzorgen;
      if (ontzorgen?.status !== 'actief') throw new DomainError('ONTZORGEN_NIET_ACTIEF');
      const datum = vereisVerleden(c.datum, vandaag, 'datum');
      const toetsResultaat = vereisEen(c.toetsResultaat, TOETSRESULTATEN, 'toetsResultaat');
      const besluit = vereisEen(c.besluit, ONTZORGEN_BESLUITEN, 'besluit');
      let einddatum = ontzorgen.einddatum;
      if (besluit === 'verlengen') {
        // Participatiewet art. 56a: extended by at most half a year at a time; extensions may follow each other.
        const max = geldend(WET.ontzorgenVerlengingMaxMaanden, datum);
        const maanden = c.maanden ?? max;
        if (typeof maanden !== 'number' || !Number.isInteger(maanden) || maanden < 1 || maanden > max) {
          throw new DomainError('ONTZORGEN_VERLENGING_ONGELDIG', 'maanden');
        }
        einddatum = addMonths(ontzorgen.einddatum, maanden);
      }
      return [{ type: 'ontzorgenGeevalueerd', ...basis, datum, toetsResultaat, besluit, einddatum }];
    }
    case 'registreerVerlenging':
      return [registreerVerlenging(state, c, vandaag, basis)];
    case 'registreerOntheffing':
      return [
        {
          type: 'ontheffingVerleend',
          ...basis,
          datum: vereisVerleden(c.datum, vandaag, 'datum'),
          grond: optioneelEen(c.grond, ONTHEFFINGSGRONDEN, 'grond'),
        },
      ];
    case 'legBoeteOp': {
      const datum = vereisVerleden(c.datum, vandaag, 'datum');
      const reden = vereisEen(c.reden, BOETEREDENEN, 'reden');
      if (typeof c.bedrag !== 'number' || !Number.isFinite(c.bedrag) || c.bedrag <= 0) {
        throw new DomainError('BOETE_ONGELDIG', 'bedrag');
      }
      if (c.bedrag > geldend(WET.maxBoeteEuro, datum)) throw new DomainError('BOETE_TE_HOOG', 'bedrag');
      return [{ type: 'boeteOpgelegd', ...basis, boete: { bedrag: c.bedrag, reden, datum } }];
    }
    case 'registreerVooraankondiging': {
      const einde = state.termijnEinde;
      if (!einde || (!state.termijnOverschreden && !isNa(vandaag, einde))) {
        throw new DomainError('TERMIJN_NIET_OVERSCHREDEN');
      }
      const datum = vereisVerleden(c.datum, vandaag, 'datum');
      // DUO's notice proves the end has passed; if the timer has not fired yet, escalate now.
      const overschreden = deadlines(state).find((d) => d.soort === 'termijn-overschreden');
      return [
        ...(overschreden ? [signaalVoorDeadline(overschreden, basis)] : []),
        { type: 'vooraankondigingOntvangen', ...basis, datum },
      ];
    }
    case 'registreerDuoBoete': {
      if (!state.vooraankondigingOp) throw new DomainError('GEEN_VOORAANKONDIGING');
      const datum = vereisVerleden(c.datum, vandaag, 'datum');
      if (typeof c.bedrag !== 'number' || !Number.isFinite(c.bedrag) || c.bedrag <= 0) {
        throw new DomainError('BOETE_ONGELDIG', 'bedrag');
      }
      return [{ type: 'duoBoeteOntvangen', ...basis, datum, bedrag: c.bedrag }];
    }
    case 'registreerVerhuizing': {
      const datum = vereisVerleden(c.datum, vandaag, 'datum');
      const naar = vereisGemeente(c.naarGemeente, 'naarGemeente');
      if (naar === state.gemeente) throw new DomainError('VERHUIZING_ZELFDE_GEMEENTE', 'naarGemeente');
      const events: TrajectEvent[] = [
        {
          type: 'verhuisd',
          ...basis,
          verhuizing: { datum, van: state.gemeente as string, naar },
          beleid: beleidVoor(c.beleid ?? {}),
        },
      ];
      // The new gemeente must amend the PIP (warm handover); the termijn runs on.
      if (state.pipVersies.length > 0) {
        events.push(
          signaal(
            basis,
            'pip-aanpassen',
            'verhuizing',
            datum,
            'Verhuisd: nieuwe gemeente moet het PIP aanpassen',
          ),
        );
      }
      return events;
    }
    case 'beeindig':
      return [
        {
          type: 'beeindigd',
          ...basis,
          datum: vereisVerleden(c.datum, vandaag, 'datum'),
          reden: vereisEen(c.reden, BEEINDIGINGSREDENEN, 'reden'),
        },
      ];
    case 'wijsCasemanagerToe': {
      const casemanager = vereisId(c.casemanager, 'casemanager');
      if (casemanager === state.casemanager) return [];
      return [{ type: 'casemanagerToegewezen', ...basis, casemanager }];
    }
    case 'registreerKind':
      return [{ type: 'kindGeregistreerd', ...basis, kind: kind(state.kinderen, c, vandaag) }];
    case 'deadlineBereikt':
      return deadlineBereikt(state, c, vandaag, basis);
    default:
      return onbekendCommand(c);
  }
}

function onbekendCommand(_command: never): never {
  throw new DomainError('WAARDE_ONGELDIG', 'type');
}

function aanmelden(state: TrajectState, c: Aanmelden, vandaag: PlainDate, basis: Basis): TrajectEvent {
  if (state.fase !== 'nieuw') throw new DomainError('AL_AANGEMELD');
  const kinderen: Kind[] = [];
  if (c.kinderen !== undefined && !Array.isArray(c.kinderen))
    throw new DomainError('WAARDE_ONGELDIG', 'kinderen');
  for (const k of c.kinderen ?? []) kinderen.push(kind(kinderen, k, vandaag));
  return {
    type: 'aangemeld',
    ...basis,
    trajectId: state.trajectId,
    gemeente: vereisGemeente(c.gemeente, 'gemeente'),
    doelgroep: vereisEen(c.doelgroep, DOELGROEPEN, 'doelgroep'),
    kennisgevingsdatum: vereisVerleden(c.kennisgevingsdatum, vandaag, 'kennisgevingsdatum'),
    koppelingsdatum: optioneleDatum(c.koppelingsdatum, vandaag, 'koppelingsdatum'),
    brpDatum: optioneleDatum(c.brpDatum, vandaag, 'brpDatum'),
    huisvestingsdatum: optioneleDatum(c.huisvestingsdatum, vandaag, 'huisvestingsdatum'),
    geboortedatum: optioneleDatum(c.geboortedatum, vandaag, 'geboortedatum'),
    kinderen,
    beleid: beleidVoor(c.beleid ?? {}),
  };
}

function kind(bestaand: readonly Kind[], k: Partial<Kind>, vandaag: PlainDate): Kind {
  if (typeof k !== 'object' || k === null) throw new DomainError('WAARDE_ONGELDIG', 'kinderen');
  const kindId = vereisId(k.kindId, 'kindId');
  if (bestaand.some((b) => b.kindId === kindId)) throw new DomainError('KIND_AL_GEREGISTREERD', 'kindId');
  return { kindId, geboortedatum: vereisVerleden(k.geboortedatum, vandaag, 'geboortedatum') };
}

function cadans(state: TrajectState, gegeven: Cadans | undefined, standaard: Cadans | null): Cadans {
  if (gegeven === undefined || gegeven === null) {
    if (standaard) return standaard;
    const beleid = state.beleid ?? beleidVoor();
    return {
      eersteJaarMaanden: beleid.voortgangsgesprekMaandenEersteJaar,
      daarnaMaanden: beleid.voortgangsgesprekMaandenDaarna,
    };
  }
  if (typeof gegeven !== 'object') throw new DomainError('WAARDE_ONGELDIG', 'voortgangsgesprekCadans');
  return {
    eersteJaarMaanden: vereisGeheel(
      gegeven.eersteJaarMaanden,
      1,
      24,
      'voortgangsgesprekCadans.eersteJaarMaanden',
    ),
    daarnaMaanden: vereisGeheel(gegeven.daarnaMaanden, 1, 24, 'voortgangsgesprekCadans.daarnaMaanden'),
  };
}

function allemaal(niveau: 'A2' | 'B1' | 'B2'): Taaldoelen {
  return { lezen: niveau, luisteren: niveau, schrijven: niveau, spreken: niveau };
}

function taaldoelenVoor(route: Leerroute, taalniveau: unknown): Taaldoelen | null {
  switch (route) {
    case 'b1':
      return allemaal('B1');
    case 'onderwijs':
      return allemaal(
        taalniveau === undefined ? 'B1' : vereisEen(taalniveau, ['B1', 'B2'] as const, 'taalniveau'),
      );
    case 'z':
      return null;
    default:
      return onbekendeRoute(route);
  }
}

function onbekendeRoute(_route: never): never {
  throw new DomainError('WAARDE_ONGELDIG', 'leerroute');
}

function controleerLeeftijd(state: TrajectState, route: Leerroute, dagtekening: PlainDate): void {
  // Policy: the onderwijsroute is for young people; unknown birth dates are not blocked.
  if (route !== 'onderwijs' || !state.geboortedatum || !state.beleid) return;
  if (leeftijdOp(state.geboortedatum, dagtekening) >= state.beleid.onderwijsrouteMaxLeeftijd) {
    throw new DomainError('ONDERWIJSROUTE_LEEFTIJD', 'leerroute');
  }
}

function stelPipVast(state: TrajectState, c: StelPipVast, vandaag: PlainDate, basis: Basis): TrajectEvent {
  if (state.pipVersies.length > 0) throw new DomainError('PIP_AL_VASTGESTELD');
  if (!state.intake) throw new DomainError('PIP_VOOR_INTAKE');
  const dagtekening = vereisVerleden(c.dagtekening, vandaag, 'dagtekening');
  if (isVoor(dagtekening, state.intake.datum)) throw new DomainError('PIP_VOOR_INTAKEDATUM', 'dagtekening');
  if (state.kennisgevingsdatum && isVoor(dagtekening, state.kennisgevingsdatum)) {
    throw new DomainError('DATUM_VOOR_KENNISGEVING', 'dagtekening');
  }
  const leerroute = vereisEen(c.leerroute, LEERROUTES, 'leerroute');
  controleerLeeftijd(state, leerroute, dagtekening);
  return {
    type: 'pipVastgesteld',
    ...basis,
    versie: 1,
    dagtekening,
    leerroute,
    taaldoelen: taaldoelenVoor(leerroute, c.taalniveau),
    cadans: cadans(state, c.voortgangsgesprekCadans, null),
    afspraken: tekstLijst(c.afspraken, 'afspraken'),
    // Wi2021 art. 11: three years from the day after the dagtekening. The last day carries the dagtekening's
    // calendar date (Verordening 1182/71 art. 3 lid 2 sub c), clamped to month end: 29-02 → 28-02.
    termijnStart: addDays(dagtekening, 1),
    termijnEinde: addYears(dagtekening, geldend(WET.inburgeringstermijnJaren, dagtekening)),
  };
}

function wijzigPip(state: TrajectState, c: WijzigPip, vandaag: PlainDate, basis: Basis): TrajectEvent {
  const vorige = state.pipVersies[state.pipVersies.length - 1];
  if (!vorige || !state.leerroute) throw new DomainError('PIP_NIET_VASTGESTELD');
  const dagtekening = vereisVerleden(c.dagtekening, vandaag, 'dagtekening');
  if (isVoor(dagtekening, vorige.dagtekening))
    throw new DomainError('PIP_DATUM_VOOR_VORIGE_VERSIE', 'dagtekening');
  const reden = vereisEen(c.reden, PIP_WIJZIGINGSREDENEN, 'reden');
  let leerroute = state.leerroute;
  let taaldoelen = state.taaldoelen;
  switch (reden) {
    case 'schakelen': {
      const nieuw = vereisEen(c.leerroute, LEERROUTES, 'leerroute');
      if (nieuw === state.leerroute) throw new DomainError('SCHAKELEN_ZELFDE_ROUTE', 'leerroute');
      controleerLeeftijd(state, nieuw, dagtekening);
      leerroute = nieuw;
      taaldoelen = taaldoelenVoor(nieuw, c.taalniveau);
      break;
    }
    case 'afschalen': {
      if (state.leerroute !== 'b1') throw new DomainError('AFSCHALEN_ALLEEN_B1');
      // Besluit inburgering 2021 art. 5.5: only after the minimum number of lesuren.
      if (state.uren.taal < geldend(WET.afschalenMinLesuren, dagtekening)) {
        throw new DomainError('AFSCHALEN_TE_WEINIG_UREN');
      }
      const componenten: TaalComponent[] =
        c.afschalenComponenten === undefined
          ? [...TAALCOMPONENTEN]
          : tekstLijst(c.afschalenComponenten, 'afschalenComponenten').map((k) =>
              vereisEen(k, TAALCOMPONENTEN, 'afschalenComponenten'),
            );
      if (componenten.length === 0) throw new DomainError('VELD_ONTBREEKT', 'afschalenComponenten');
      taaldoelen = { ...(state.taaldoelen ?? allemaal('B1')) };
      for (const k of componenten) taaldoelen[k] = 'A2';
      break;
    }
    case 'verhuizing':
    case 'overig': {
      if (c.leerroute !== undefined && c.leerroute !== state.leerroute) {
        throw new DomainError('WAARDE_ONGELDIG', 'leerroute');
      }
      if (state.leerroute === 'onderwijs' && c.taalniveau !== undefined) {
        taaldoelen = taaldoelenVoor('onderwijs', c.taalniveau);
      }
      break;
    }
    default:
      onbekendeReden(reden);
  }
  return {
    type: 'pipGewijzigd',
    ...basis,
    versie: vorige.versie + 1,
    dagtekening,
    reden,
    leerroute,
    taaldoelen,
    cadans: cadans(state, c.voortgangsgesprekCadans, state.cadans),
    afspraken: tekstLijst(c.afspraken, 'afspraken'),
  };
}

function onbekendeReden(_reden: never): never {
  throw new DomainError('WAARDE_ONGELDIG', 'reden');
}

function registreerVerlenging(
  state: TrajectState,
  c: RegistreerVerlenging,
  vandaag: PlainDate,
  basis: Basis,
): TrajectEvent {
  const huidig = state.termijnEinde;
  if (!huidig) throw new DomainError('PIP_NIET_VASTGESTELD');
  const grond = vereisEen(c.grond, VERLENGINGSGRONDEN, 'grond');
  // Wi2021 art. 12: a late offer is a ground only for asielstatushouders (the gemeente owes them the offer).
  if (grond === 'aanbod_niet_tijdig' && state.doelgroep !== 'asielstatushouder') {
    throw new DomainError('VERLENGINGSGROND_NIET_TOEGESTAAN', 'grond');
  }
  const besluitdatum = vereisVerleden(c.besluitdatum, vandaag, 'besluitdatum');
  const opgegeven = [c.nieuweEinddatum, c.maanden, c.weken].filter((v) => v !== undefined && v !== null);
  if (opgegeven.length !== 1) throw new DomainError('WAARDE_ONGELDIG', 'nieuweEinddatum');
  let nieuweEinddatum: PlainDate;
  if (c.nieuweEinddatum !== undefined && c.nieuweEinddatum !== null) {
    nieuweEinddatum = vereisDatum(c.nieuweEinddatum, 'nieuweEinddatum');
  } else if (c.maanden !== undefined && c.maanden !== null) {
    nieuweEinddatum = addMonths(huidig, vereisGeheel(c.maanden, 1, 120, 'maanden'));
  } else {
    nieuweEinddatum = addWeeks(huidig, vereisGeheel(c.weken, 1, 520, 'weken'));
  }
  if (!isNa(nieuweEinddatum, huidig)) throw new DomainError('VERLENGING_NIET_LATER', 'nieuweEinddatum');
  return {
    type: 'termijnVerlengd',
    ...basis,
    verlenging: { grond, besluitdatum, oudeEinddatum: huidig, nieuweEinddatum },
    geregistreerdOp: vandaag,
  };
}

/** Which components belong to a leerroute (also used to offer only what fits, domain/traject/mogelijk.ts). */
export function hoortBijRoute(onderdeel: Onderdeel, route: Leerroute): boolean {
  switch (onderdeel) {
    case 'pvt':
      return true;
    case 'map':
      return route !== 'onderwijs';
    case 'eindgesprek':
      return route === 'z';
    case 'taalschakeltraject':
      return route === 'onderwijs';
    default:
      return onbekendOnderdeel(onderdeel);
  }
}

function onbekendOnderdeel(_onderdeel: never): boolean {
  return false;
}

function signaal(
  basis: Basis,
  soort: 'afschalen-mogelijk' | 'pip-aanpassen',
  regel: 'T10' | 'verhuizing',
  datum: PlainDate,
  omschrijving: string,
): SignaalGegeven {
  return {
    type: 'signaalGegeven',
    ...basis,
    soort,
    actie: 'taak',
    regel,
    deadlineId: null,
    datum,
    niveau: null,
    omschrijving,
  };
}

function signaalVoorDeadline(d: Deadline, basis: Basis): SignaalGegeven {
  return {
    type: 'signaalGegeven',
    ...basis,
    soort: d.soort,
    actie: d.actie,
    regel: d.regel,
    deadlineId: d.id,
    datum: d.datum,
    niveau: d.niveau,
    omschrijving: d.omschrijving,
  };
}

function deadlineBereikt(
  state: TrajectState,
  c: DeadlineBereikt,
  vandaag: PlainDate,
  basis: Basis,
): TrajectEvent[] {
  if (typeof c.deadlineId !== 'string' || c.deadlineId === '')
    throw new DomainError('VELD_ONTBREEKT', 'deadlineId');
  const datum = vereisDatum(c.datum, 'datum');
  const deadline = deadlines(state).find((d) => d.id === c.deadlineId);
  // Not pending, moved to another date (a stale timer) or not yet due: nothing to do.
  if (!deadline || deadline.datum !== datum || isNa(deadline.datum, vandaag)) return [];
  if (isOvertroffen(state, deadline, vandaag)) {
    return [
      {
        type: 'deadlineVervallen',
        ...basis,
        deadlineId: deadline.id,
        soort: deadline.soort,
        datum: deadline.datum,
      },
    ];
  }
  return [signaalVoorDeadline(deadline, basis)];
}

function feitdatum(command: TrajectCommand, vandaag: PlainDate): PlainDate {
  const velden = command as { datum?: unknown; dagtekening?: unknown };
  if (isGeldigeDatum(velden.datum)) return velden.datum;
  if (isGeldigeDatum(velden.dagtekening)) return velden.dagtekening;
  return vandaag;
}

/** Consequences that follow from the new facts rather than from the command itself. */
function gevolgen(
  state: TrajectState,
  events: TrajectEvent[],
  command: TrajectCommand,
  vandaag: PlainDate,
  basis: Basis,
): TrajectEvent[] {
  if (events.length === 0) return [];
  const na = events.reduce(evolve, state);
  if (na.afgesloten) return [];
  const extra: TrajectEvent[] = [];
  const datum = feitdatum(command, vandaag);
  // T10 (Besluit art. 5.5): enough lesuren in the B1-route: the casemanager may decide to afschalen.
  if (
    na.leerroute === 'b1' &&
    !na.afschalenGesignaleerd &&
    na.uren.taal >= geldend(WET.afschalenMinLesuren, datum) &&
    Object.values(na.taaldoelen ?? {}).some((n) => n !== 'A2')
  ) {
    extra.push(
      signaal(
        basis,
        'afschalen-mogelijk',
        'T10',
        datum,
        'Minimum aantal lesuren bereikt: afschalen naar A2 is mogelijk',
      ),
    );
  }
  if (isVoldaan(na) && na.leerroute) {
    extra.push({ type: 'inburgeringsplichtVoldaan', ...basis, datum, leerroute: na.leerroute });
  }
  return extra;
}
