import type { CommandoRoute } from '../../../api/trajecten/commandos.dto';

/** The action per command route, as a casemanager would say it (the order of the action list). */
export const ACTIE_TITEL: Record<CommandoRoute, string> = {
  intake: 'Brede intake vastleggen',
  'wacht-op-derden': 'Wachten op informatie van derden',
  'derden-informatie': 'Informatie van derden ontvangen',
  pip: 'PIP vaststellen',
  'pip-wijzigingen': 'PIP wijzigen (nieuwe versie)',
  aanbod: 'Start aanbod vastleggen',
  examenresultaten: 'Examenresultaat vastleggen',
  uren: 'Uren vastleggen',
  onderdelen: 'Onderdeel afgerond (MAP, PVT, …)',
  voortgangsgesprekken: 'Voortgangsgesprek vastleggen',
  ontzorgen: 'Ontzorgen starten',
  'ontzorgen-evaluaties': 'Ontzorgen evalueren',
  verlengingen: 'Verlenging termijn vastleggen',
  ontheffing: 'Ontheffing vastleggen',
  boetes: 'Boete opleggen',
  verhuizing: 'Verhuizing vastleggen',
  beeindiging: 'Traject beëindigen',
  casemanager: 'Casemanager toewijzen',
  brp: 'Inschrijving BRP vastleggen',
  huisvesting: 'Huisvesting vastleggen',
  routestappen: 'Stap van de route afvinken',
};

export const ACTIE_VOLGORDE = Object.keys(ACTIE_TITEL) as CommandoRoute[];
