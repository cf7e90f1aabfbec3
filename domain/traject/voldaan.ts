import { isNa } from '../shared/kalender';
import { geldend, WET, type ZrouteUren } from '../wet';
import { type Doelgroep, type ExamenComponent, TAALCOMPONENTEN, TAALNIVEAUS, type Taalniveau } from './codes';
import { type Examenresultaat, type TrajectState } from './state';

/** What is still missing before the inburgeringsplicht is met, as stable codes for UI and reports. */
export type Eis =
  | 'pip'
  | `taal:${(typeof TAALCOMPONENTEN)[number]}`
  | 'knm'
  | 'pvt'
  | 'map'
  | 'taalschakeltraject'
  | 'eindgesprek'
  | 'uren:taal'
  | 'uren:participatie'
  | 'uren:totaal';

export function niveauMinstens(niveau: Taalniveau, minimum: Taalniveau): boolean {
  return TAALNIVEAUS.indexOf(niveau) >= TAALNIVEAUS.indexOf(minimum);
}

/**
 * The pass that counts for a component: the latest passed result by exam date (a later registration wins a
 * tie). Failed attempts never undo a pass.
 */
export function geldendResultaat(
  resultaten: readonly Examenresultaat[],
  component: ExamenComponent,
): Examenresultaat | null {
  let gekozen: Examenresultaat | null = null;
  for (const r of resultaten) {
    if (r.component !== component || !r.behaald) continue;
    if (!gekozen || !isNa(gekozen.datum, r.datum)) gekozen = r;
  }
  return gekozen;
}

export function zRouteNorm(doelgroep: Doelgroep, peildatum: string): ZrouteUren {
  return doelgroep === 'asielstatushouder'
    ? geldend(WET.zRouteUrenAsielstatushouder, peildatum)
    : geldend(WET.zRouteUrenOverig, peildatum);
}

export function ontbrekendVoorVoldaan(state: TrajectState): Eis[] {
  const eerstePip = state.pipVersies[0];
  if (!state.leerroute || !eerstePip) return ['pip'];
  const ontbreekt: Eis[] = [];
  const gedaan = (onderdeel: keyof TrajectState['onderdelen']) => state.onderdelen[onderdeel] !== undefined;
  const knmBehaald = geldendResultaat(state.examenresultaten, 'knm') !== null;

  switch (state.leerroute) {
    case 'b1': {
      for (const component of TAALCOMPONENTEN) {
        const r = geldendResultaat(state.examenresultaten, component);
        const doel = state.taaldoelen?.[component] ?? 'B1';
        if (!r?.niveau || !niveauMinstens(r.niveau, doel)) ontbreekt.push(`taal:${component}`);
      }
      if (!knmBehaald) ontbreekt.push('knm');
      if (!gedaan('pvt')) ontbreekt.push('pvt');
      if (!gedaan('map')) ontbreekt.push('map');
      break;
    }
    case 'onderwijs': {
      // The taalschakeltraject ends at B1/B2; its completion is the language requirement. No MAP.
      if (!gedaan('taalschakeltraject')) ontbreekt.push('taalschakeltraject');
      if (!knmBehaald) ontbreekt.push('knm');
      if (!gedaan('pvt')) ontbreekt.push('pvt');
      break;
    }
    case 'z': {
      const norm = zRouteNorm(state.doelgroep ?? 'overige_migrant', eerstePip.dagtekening);
      if (state.uren.taal < norm.taal) ontbreekt.push('uren:taal');
      if (state.uren.participatie < norm.participatie) ontbreekt.push('uren:participatie');
      if (state.uren.taal + state.uren.participatie < norm.totaal) ontbreekt.push('uren:totaal');
      if (!gedaan('eindgesprek')) ontbreekt.push('eindgesprek');
      if (!gedaan('pvt')) ontbreekt.push('pvt');
      if (!gedaan('map')) ontbreekt.push('map');
      break;
    }
    default:
      return onbekendeRoute(state.leerroute);
  }
  return ontbreekt;
}

function onbekendeRoute(_route: never): Eis[] {
  return ['pip'];
}

export function isVoldaan(state: TrajectState): boolean {
  return ontbrekendVoorVoldaan(state).length === 0;
}
