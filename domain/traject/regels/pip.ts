import { beleidVoor } from '../../beleid';
import { DomainError } from '../../shared/fouten';
import { addDays, addYears, isVoor, leeftijdOp, type PlainDate } from '../../shared/kalender';
import { geldend, WET } from '../../wet';
import type { Leerroute, TaalComponent } from '../codes';
import { TAALCOMPONENTEN } from '../codes';
import type { Cadans, Taaldoelen, TrajectState } from '../state';
import { nietInToekomst, type Regel } from './basis';

/** The PIP (a beschikking): adopting it starts the inburgeringstermijn; changing it never restarts it. */

function cadans(state: TrajectState, gegeven: Cadans | undefined, standaard: Cadans | null): Cadans {
  if (gegeven) return gegeven;
  if (standaard) return standaard;
  const beleid = state.beleid ?? beleidVoor();
  return {
    eersteJaarMaanden: beleid.voortgangsgesprekMaandenEersteJaar,
    daarnaMaanden: beleid.voortgangsgesprekMaandenDaarna,
  };
}

function allemaal(niveau: 'A2' | 'B1' | 'B2'): Taaldoelen {
  return { lezen: niveau, luisteren: niveau, schrijven: niveau, spreken: niveau };
}

function taaldoelenVoor(route: Leerroute, taalniveau: 'B1' | 'B2' | undefined): Taaldoelen | null {
  switch (route) {
    case 'b1':
      return allemaal('B1');
    case 'onderwijs':
      return allemaal(taalniveau ?? 'B1');
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

export const stelPipVast: Regel<'stelPipVast'> = (state, c, vandaag, basis) => {
  if (state.pipVersies.length > 0) throw new DomainError('PIP_AL_VASTGESTELD');
  if (!state.intake) throw new DomainError('PIP_VOOR_INTAKE');
  const dagtekening = nietInToekomst(c.dagtekening, vandaag, 'dagtekening');
  if (isVoor(dagtekening, state.intake.datum)) throw new DomainError('PIP_VOOR_INTAKEDATUM', 'dagtekening');
  if (state.kennisgevingsdatum && isVoor(dagtekening, state.kennisgevingsdatum)) {
    throw new DomainError('DATUM_VOOR_KENNISGEVING', 'dagtekening');
  }
  controleerLeeftijd(state, c.leerroute, dagtekening);
  return [
    {
      type: 'pipVastgesteld',
      ...basis,
      versie: 1,
      dagtekening,
      leerroute: c.leerroute,
      taaldoelen: taaldoelenVoor(c.leerroute, c.taalniveau),
      cadans: cadans(state, c.voortgangsgesprekCadans, null),
      afspraken: [...(c.afspraken ?? [])],
      // Wi2021 art. 11: three years from the day after the dagtekening. The last day carries the dagtekening's
      // calendar date (Verordening 1182/71 art. 3 lid 2 sub c), clamped to month end: 29-02 → 28-02.
      termijnStart: addDays(dagtekening, 1),
      termijnEinde: addYears(dagtekening, geldend(WET.inburgeringstermijnJaren, dagtekening)),
    },
  ];
};

export const wijzigPip: Regel<'wijzigPip'> = (state, c, vandaag, basis) => {
  const vorige = state.pipVersies[state.pipVersies.length - 1];
  if (!vorige || !state.leerroute) throw new DomainError('PIP_NIET_VASTGESTELD');
  const dagtekening = nietInToekomst(c.dagtekening, vandaag, 'dagtekening');
  if (isVoor(dagtekening, vorige.dagtekening))
    throw new DomainError('PIP_DATUM_VOOR_VORIGE_VERSIE', 'dagtekening');
  let leerroute = state.leerroute;
  let taaldoelen = state.taaldoelen;
  switch (c.reden) {
    case 'schakelen': {
      if (c.leerroute === undefined) throw new DomainError('VELD_ONTBREEKT', 'leerroute');
      if (c.leerroute === state.leerroute) throw new DomainError('SCHAKELEN_ZELFDE_ROUTE', 'leerroute');
      controleerLeeftijd(state, c.leerroute, dagtekening);
      leerroute = c.leerroute;
      taaldoelen = taaldoelenVoor(c.leerroute, c.taalniveau);
      break;
    }
    case 'afschalen': {
      if (state.leerroute !== 'b1') throw new DomainError('AFSCHALEN_ALLEEN_B1');
      // Besluit inburgering 2021 art. 5.5: only after the minimum number of lesuren.
      if (state.uren.taal < geldend(WET.afschalenMinLesuren, dagtekening)) {
        throw new DomainError('AFSCHALEN_TE_WEINIG_UREN');
      }
      const componenten: readonly TaalComponent[] = c.afschalenComponenten ?? TAALCOMPONENTEN;
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
      onbekendeReden(c.reden);
  }
  return [
    {
      type: 'pipGewijzigd',
      ...basis,
      versie: vorige.versie + 1,
      dagtekening,
      reden: c.reden,
      leerroute,
      taaldoelen,
      cadans: cadans(state, c.voortgangsgesprekCadans, state.cadans),
      afspraken: [...(c.afspraken ?? [])],
    },
  ];
};

function onbekendeReden(_reden: never): never {
  throw new DomainError('WAARDE_ONGELDIG', 'reden');
}
