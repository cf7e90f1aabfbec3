import type { Actie, Regel, SignaalSoort } from './codes';
import type { SignaalGegeven, TrajectEvent } from './events';

/** An open task or escalation for the casemanager, as the workflow keeps and shows it. */
export interface OpenTaak {
  /** Stable key: the deadline id, or `soort@datum` for a signal that follows from a fact. */
  sleutel: string;
  soort: SignaalSoort;
  actie: Actie;
  regel: Regel;
  niveau: number | null;
  /** The day the task is due (the deadline's date or the day of the fact). */
  vervaldatum: string;
  omschrijving: string;
}

export interface TakenWijziging {
  taken: OpenTaak[];
  nieuw: OpenTaak[];
  /** Done because the fact they asked for was recorded. */
  afgerond: OpenTaak[];
  /** Moot: the traject closed, or a later step of the same ladder replaced them. */
  vervallen: OpenTaak[];
}

const CONTACT: ReadonlySet<TrajectEvent['type']> = new Set([
  'intakeGeregistreerd',
  'pipVastgesteld',
  'pipGewijzigd',
  'voortgangsgesprekGevoerd',
  'ontzorgenGeevalueerd',
]);

/** The route step (domain/route.ts) that settles the koppeling's overdrachtsgesprek task. */
export const OVERDRACHTSGESPREK_STAP = 'overdrachtsgesprek';

/** Which recorded fact settles which kind of task (the casemanager closes the rest by hand). */
function lostOp(soort: SignaalSoort, event: TrajectEvent): boolean {
  switch (soort) {
    case 'pip':
    case 'pip-overschreden':
      return event.type === 'pipVastgesteld';
    case 'aanbod-start':
      return event.type === 'aanbodGestart';
    case 'ontzorgen-evaluatie':
      return event.type === 'ontzorgenGeevalueerd';
    case 'voortgangsgesprek':
      return event.type === 'voortgangsgesprekGevoerd';
    case 'termijn-waarschuwing':
    case 'termijn-overschreden':
      return event.type === 'inburgeringsplichtVoldaan' || event.type === 'termijnVerlengd';
    case 'geen-contact':
      return (
        CONTACT.has(event.type) || (event.type === 'onderdeelAfgerond' && event.onderdeel === 'eindgesprek')
      );
    case 'pip-aanpassen':
    case 'afschalen-mogelijk':
      return event.type === 'pipGewijzigd';
    case 'overdrachtsgesprek':
      // The gemeente's route step of the same name (domain/route.ts) records that it was held.
      return event.type === 'routestapAfgerond' && event.stapId === OVERDRACHTSGESPREK_STAP;
    case 'bezwaartermijn':
    case 'achttiende-verjaardag':
      return false;
    default:
      return onbekend(soort);
  }
}

function onbekend(_soort: never): false {
  return false;
}

export function taakVanSignaal(s: SignaalGegeven): OpenTaak {
  return {
    sleutel: s.deadlineId ?? `${s.soort}@${s.datum}`,
    soort: s.soort,
    actie: s.actie,
    regel: s.regel,
    niveau: s.niveau,
    vervaldatum: s.datum,
    omschrijving: s.omschrijving,
  };
}

const AFSLUITEND: ReadonlySet<TrajectEvent['type']> = new Set([
  'inburgeringsplichtVoldaan',
  'ontheffingVerleend',
  'beeindigd',
]);

/**
 * Keeps the list of open tasks in step with the events: a signal opens a task, the fact it asked
 * for closes it, a newer step of the same warning ladder replaces the older one, and closing the
 * traject makes every open task moot.
 */
export function werkTakenBij(taken: readonly OpenTaak[], events: readonly TrajectEvent[]): TakenWijziging {
  let open = [...taken];
  const nieuw: OpenTaak[] = [];
  const afgerond: OpenTaak[] = [];
  const vervallen: OpenTaak[] = [];
  for (const event of events) {
    if (event.type === 'signaalGegeven') {
      const taak = taakVanSignaal(event);
      if (open.some((t) => t.sleutel === taak.sleutel && t.vervaldatum === taak.vervaldatum)) continue;
      if (taak.soort === 'termijn-waarschuwing' || taak.soort === 'termijn-overschreden') {
        const oud = open.filter((t) => t.soort === 'termijn-waarschuwing');
        vervallen.push(...oud);
        open = open.filter((t) => !oud.includes(t));
      }
      open.push(taak);
      nieuw.push(taak);
      continue;
    }
    if (AFSLUITEND.has(event.type)) {
      const [klaar, moot] = partition(open, (t) => lostOp(t.soort, event));
      afgerond.push(...klaar);
      vervallen.push(...moot);
      open = [];
      continue;
    }
    const [klaar, blijft] = partition(open, (t) => lostOp(t.soort, event));
    afgerond.push(...klaar);
    open = blijft;
  }
  return { taken: open, nieuw, afgerond, vervallen };
}

function partition<T>(items: readonly T[], predicate: (item: T) => boolean): [T[], T[]] {
  const ja: T[] = [];
  const nee: T[] = [];
  for (const item of items) (predicate(item) ? ja : nee).push(item);
  return [ja, nee];
}
