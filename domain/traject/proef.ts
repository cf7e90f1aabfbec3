import type { PlainDate } from '../shared/kalender';
import { isNa } from '../shared/kalender';
import type { Fase } from './codes';
import type { TrajectCommand } from './commands';
import { deadlines } from './deadlines';
import type { TrajectEvent } from './events';
import { type DeadlineMetGrondslag, grondslagVanDeadline } from './grondslag';
import { pasToe, type TrajectToestand } from './pas-toe';
import type { TrajectState } from './state';
import type { OpenTaak } from './taken';
import { type Eis, ontbrekendVoorVoldaan } from './voldaan';

/** What a command would do to a traject, computed and thrown away: nothing is applied. */
export interface Proefberekening {
  /** The events the decider would record, as the tijdlijn would tell them. */
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
 * A dry run of `command` through the one door into the rulebook (`pasToe`: decide, evolve, the task
 * rules, the timeline), as the workflow would apply it. Timers the new facts make due on `vandaag` or
 * earlier fire at once in the workflow, so they fire here too (e.g. a PIP dated more than six weeks ago:
 * the bezwaartermijn has passed). Throws the decider's DomainError when the command would be refused.
 */
export function proefberekening(
  voor: TrajectToestand,
  command: TrajectCommand,
  vandaag: PlainDate,
): Proefberekening {
  const toepassingen = [pasToe(voor, command, vandaag)];
  let toestand = toepassingen[0].toestand;
  const afgevuurd = new Set<string>();
  for (let i = 0; i < MAX_DIRECT_VERLOPEN && !toestand.state.afgesloten; i++) {
    const d = deadlines(toestand.state).find((x) => !afgevuurd.has(`${x.id}@${x.datum}`));
    if (!d || isNa(d.datum, vandaag)) break;
    afgevuurd.add(`${d.id}@${d.datum}`);
    const timer = pasToe(
      toestand,
      {
        type: 'deadlineBereikt',
        commandId: `proef:deadline:${d.id}@${d.datum}`,
        deadlineId: d.id,
        datum: d.datum,
      },
      vandaag,
    );
    toepassingen.push(timer);
    toestand = timer.toestand;
  }
  const na = toestand.state;
  const ontbreekt = (s: TrajectState) => (s.fase === 'nieuw' || s.afgesloten ? [] : ontbrekendVoorVoldaan(s));
  const beschreven = toepassingen.flatMap((t) => {
    const zichtbaar = t.events.filter((e) => e.type !== 'deadlineVervallen');
    return zichtbaar.map((e, i) => ({ type: e.type, beschrijving: t.tijdlijn[i]?.beschrijving ?? e.type }));
  });
  return {
    events: beschreven,
    fase: { voor: voor.state.fase, na: na.fase },
    termijnEinde: { voor: voor.state.termijnEinde, na: na.termijnEinde },
    deadlines: { voor: metGrondslag(voor.state), na: metGrondslag(na) },
    taken: {
      nieuw: toepassingen.flatMap((t) => t.taken.nieuw),
      afgerond: toepassingen.flatMap((t) => t.taken.afgerond),
      vervallen: toepassingen.flatMap((t) => t.taken.vervallen),
      open: toestand.openTaken,
    },
    ontbrekend: { voor: ontbreekt(voor.state), na: ontbreekt(na) },
  };
}
