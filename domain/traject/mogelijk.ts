import { ONDERDELEN, type Onderdeel } from './codes';
import type { CommandType } from './commands';
import { hoortBijRoute } from './regels/leerroute';
import { routestapAfronding } from './route';
import type { TrajectState } from './state';

/**
 * The commands a person may send in the traject's current state, for screens that offer only what fits.
 * It mirrors the state checks of `decide` (which stays the judge: a command offered here can still be
 * refused for its content, e.g. a date in the future). Feed-only and clock commands are not listed.
 */
export function toegestaneCommandos(state: TrajectState): CommandType[] {
  if (state.fase === 'nieuw' || state.afgesloten) return [];
  const pip = state.pipVersies.length > 0;
  const mogelijk: [CommandType, boolean][] = [
    ['registreerIntake', !state.intake],
    ['wachtOpDerden', !pip && !state.derdenWachtSinds],
    ['derdenInformatieOntvangen', !pip && state.derdenWachtSinds !== null],
    ['stelPipVast', !pip && state.intake !== null],
    ['wijzigPip', pip],
    ['startAanbod', pip && !state.aanbodGestartOp],
    ['registreerExamenresultaat', state.leerroute !== null],
    ['registreerUren', true],
    ['registreerOnderdeel', openOnderdelen(state).length > 0],
    ['registreerVoortgangsgesprek', pip],
    ['startOntzorgen', state.doelgroep === 'asielstatushouder' && state.ontzorgen?.status !== 'actief'],
    ['evalueerOntzorgen', state.ontzorgen?.status === 'actief'],
    ['registreerVerlenging', state.termijnEinde !== null],
    ['registreerOntheffing', true],
    ['legBoeteOp', true],
    ['registreerVerhuizing', true],
    ['beeindig', true],
    ['wijsCasemanagerToe', true],
    ['registreerBrp', true],
    ['registreerHuisvesting', true],
    ['registreerRoutestap', openRoutestappen(state).length > 0],
  ];
  return mogelijk.filter(([, ja]) => ja).map(([type]) => type);
}

/** The components of the current leerroute that are not completed yet. */
export function openOnderdelen(state: TrajectState): Onderdeel[] {
  const route = state.leerroute;
  if (!route) return [];
  return ONDERDELEN.filter((o) => hoortBijRoute(o, route) && state.onderdelen[o] === undefined);
}

/** The ids of the route's steps that are not done yet (empty without a route). */
export function openRoutestappen(state: TrajectState): string[] {
  return (state.route?.stappen ?? []).filter((s) => !routestapAfronding(state, s)).map((s) => s.id);
}
