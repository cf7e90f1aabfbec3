import type { PlainDate } from '../shared/kalender';
import { isNa } from '../shared/kalender';
import { beschrijf } from './beschrijf';
import { deadlines } from './deadlines';
import { decide } from './decide';
import { evolve } from './evolve';
import { type DeadlineMetGrondslag, grondslagVanDeadline } from './grondslag';
import { type OpenTaak, werkTakenBij } from './taken';
import type { Fase, TrajectCommand, TrajectEvent, TrajectState } from './types';
import { type Eis, ontbrekendVoorVoldaan } from './voldaan';

/** What a command would do to a traject, computed and thrown away: nothing is applied. */
export interface Proefberekening {
  /** The events the decider would record (the same Dutch lines as the tijdlijn). */
  events: { type: TrajectEvent['type']; beschrijving: string }[];
  fase: { voor: Fase; na: Fase };
  termijnEinde: { voor: PlainDate | null; na: PlainDate | null };
  deadlines: { voor: DeadlineMetGrondslag[]; na: DeadlineMetGrondslag[] };
  /** Tasks the command (and the timers it makes due at once) would open, settle or make moot. */
  taken: { nieuw: OpenTaak[]; afgerond: OpenTaak[]; vervallen: OpenTaak[]; open: OpenTaak[] };
  ontbrekend: { voor: Eis[]; na: Eis[] };
}

const MAX_DIRECT_VERLOPEN = 100;

function metGrondslag(state: TrajectState): DeadlineMetGrondslag[] {
  return deadlines(state).map((d) => ({ ...d, grondslag: grondslagVanDeadline(state, d) }));
}

/**
 * A dry run of `command` through the same rulebook the workflow runs: decide, evolve, the deadlines and
 * the task rules. Timers the new facts make due on `vandaag` or earlier fire at once in the workflow, so
 * they fire here too (e.g. a PIP dated more than six weeks ago: the bezwaartermijn has passed). Throws the
 * decider's DomainError when the command would be refused.
 */
export function proefberekening(
  state: TrajectState,
  openTaken: readonly OpenTaak[],
  command: TrajectCommand,
  vandaag: PlainDate,
): Proefberekening {
  const events: TrajectEvent[] = [...decide(state, command, vandaag)];
  let na = events.reduce(evolve, state);
  const afgevuurd = new Set<string>();
  for (let i = 0; i < MAX_DIRECT_VERLOPEN && !na.afgesloten; i++) {
    const d = deadlines(na).find((x) => !afgevuurd.has(`${x.id}@${x.datum}`));
    if (!d || isNa(d.datum, vandaag)) break;
    afgevuurd.add(`${d.id}@${d.datum}`);
    const gevolg = decide(
      na,
      {
        type: 'deadlineBereikt',
        commandId: `proef:deadline:${d.id}@${d.datum}`,
        deadlineId: d.id,
        datum: d.datum,
      },
      vandaag,
    );
    events.push(...gevolg);
    na = gevolg.reduce(evolve, na);
  }
  const taken = werkTakenBij(openTaken, events);
  const ontbreekt = (s: TrajectState) => (s.fase === 'nieuw' || s.afgesloten ? [] : ontbrekendVoorVoldaan(s));
  return {
    events: events
      .filter((e) => e.type !== 'deadlineVervallen')
      .map((e) => ({ type: e.type, beschrijving: beschrijf(e) })),
    fase: { voor: state.fase, na: na.fase },
    termijnEinde: { voor: state.termijnEinde, na: na.termijnEinde },
    deadlines: { voor: metGrondslag(state), na: metGrondslag(na) },
    taken: { nieuw: taken.nieuw, afgerond: taken.afgerond, vervallen: taken.vervallen, open: taken.taken },
    ontbrekend: { voor: ontbreekt(state), na: ontbreekt(na) },
  };
}
