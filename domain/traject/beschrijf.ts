import type { Leerroute } from './codes';
import type { TrajectEvent } from './events';

const ROUTENAAM: Record<Leerroute, string> = {
  b1: 'B1-route',
  onderwijs: 'onderwijsroute',
  z: 'Z-route',
};

const ONDERDEELNAAM = {
  map: 'MAP',
  pvt: 'PVT',
  eindgesprek: 'Eindgesprek Z-route',
  taalschakeltraject: 'Taalschakeltraject',
} as const;

function onbekend(_event: never): string {
  return 'Onbekende gebeurtenis';
}

/** One Dutch line per event for the tijdlijn. Never contains personal data (no names, BSN or notes). */
export function beschrijf(event: TrajectEvent): string {
  switch (event.type) {
    case 'aangemeld':
      return `Aangemeld bij ${event.gemeente} (${event.doelgroep}), kennisgeving ${event.kennisgevingsdatum}`;
    case 'brpGeregistreerd':
      return `Inschrijving BRP op ${event.datum}`;
    case 'koppelingGeregistreerd':
      return `Koppeling door het COA op ${event.datum}${event.voorinburgeringGevolgd ? ', voorinburgering gevolgd' : ''}${
        event.verwachteHuisvestingsdatum ? `, huisvesting verwacht ${event.verwachteHuisvestingsdatum}` : ''
      }`;
    case 'huisvestingGeregistreerd':
      return `Huisvesting op ${event.datum}`;
    case 'ontzorgenGestart':
      return `Ontzorgen gestart op ${event.startdatum}, loopt tot ${event.einddatum}`;
    case 'intakeGeregistreerd':
      return `Brede intake afgerond op ${event.intake.datum}${
        event.intake.geadviseerdeRoute ? `, advies ${ROUTENAAM[event.intake.geadviseerdeRoute]}` : ''
      }`;
    case 'wachtOpDerdenGestart':
      return `Wachten op informatie van derden sinds ${event.datum} (PIP-termijn opgeschort)`;
    case 'derdenInformatieBinnen':
      return `Informatie van derden ontvangen op ${event.datum}`;
    case 'pipVastgesteld':
      return `PIP vastgesteld (${ROUTENAAM[event.leerroute]}), dagtekening ${event.dagtekening}; inburgeringstermijn tot en met ${event.termijnEinde}`;
    case 'pipGewijzigd':
      return `PIP gewijzigd (versie ${event.versie}, ${event.reden}, ${ROUTENAAM[event.leerroute]}), dagtekening ${event.dagtekening}`;
    case 'aanbodGestart':
      return `Aanbod (leerroute) gestart op ${event.datum}${event.aanbieder ? ` bij taalaanbieder ${event.aanbieder}` : ''}`;
    case 'voortgangGeregistreerd': {
      const v = event.voortgang;
      return `Taalaanbieder: week ${v.week}, ${v.lesuren} lesuren gevolgd, verzuim ${v.verzuimGeoorloofd} uur geoorloofd en ${v.verzuimOngeoorloofd} uur ongeoorloofd`;
    }
    case 'examenresultaatGeregistreerd': {
      const r = event.resultaat;
      const onderdeel = r.component === 'knm' ? 'KNM' : `${r.component}${r.niveau ? ` ${r.niveau}` : ''}`;
      return `Examen ${onderdeel} ${r.behaald ? 'behaald' : 'niet behaald'} op ${r.datum}`;
    }
    case 'urenGeregistreerd':
      return `${event.uren} uur ${event.soort === 'taal' ? 'taal' : 'participatie'} geregistreerd (${event.datum})`;
    case 'onderdeelAfgerond':
      return `${ONDERDEELNAAM[event.onderdeel]} afgerond op ${event.datum}`;
    case 'voortgangsgesprekGevoerd':
      return `Voortgangsgesprek gevoerd op ${event.datum}`;
    case 'ontzorgenGeevalueerd':
      return event.besluit === 'verlengen'
        ? `Ontzorgen geëvalueerd op ${event.datum}: verlengd tot ${event.einddatum}`
        : `Ontzorgen geëvalueerd op ${event.datum}: afbouwen`;
    case 'termijnVerlengd':
      return `Inburgeringstermijn verlengd (${event.verlenging.grond}) van ${event.verlenging.oudeEinddatum} naar ${event.verlenging.nieuweEinddatum}`;
    case 'ontheffingVerleend':
      return `Ontheffing verleend door DUO op ${event.datum}`;
    case 'boeteOpgelegd':
      return `Boete van € ${event.boete.bedrag} opgelegd (${event.boete.reden}) op ${event.boete.datum}`;
    case 'vooraankondigingOntvangen':
      return `Vooraankondiging boete van DUO ontvangen op ${event.datum}`;
    case 'duoBoeteOntvangen':
      return `Boete van DUO (€ ${event.bedrag}) ontvangen op ${event.datum}`;
    case 'verhuisd':
      return `Verhuisd van ${event.verhuizing.van} naar ${event.verhuizing.naar} op ${event.verhuizing.datum}`;
    case 'beeindigd':
      return `Traject beëindigd op ${event.datum} (${event.reden})`;
    case 'casemanagerToegewezen':
      return 'Casemanager toegewezen';
    case 'kindGeregistreerd':
      return 'Kind in het huishouden geregistreerd';
    case 'signaalGegeven':
      return `${event.actie === 'taak' ? 'Taak' : event.actie === 'waarschuwing' ? 'Waarschuwing' : 'Escalatie'}: ${event.omschrijving}`;
    case 'deadlineVervallen':
      return `Signaal ${event.soort} van ${event.datum} vervallen (ingehaald door een later signaal)`;
    case 'routestapAfgerond':
      return `Stap '${event.stapId}' van de route van de gemeente afgerond op ${event.datum}`;
    case 'inburgeringsplichtVoldaan':
      return `Inburgeringsplicht voldaan op ${event.datum} (${ROUTENAAM[event.leerroute]})`;
    default:
      return onbekend(event);
  }
}
