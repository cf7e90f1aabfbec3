import type { PlainDate } from '../shared/kalender';
import type { ExamenComponent } from '../traject/codes';
import type { Examenresultaat } from '../traject/state';

export interface ExamenStand {
  pogingen: number;
  behaald: boolean;
  /** Date of the first pass (a later failure never undoes it). */
  behaaldOp: PlainDate | null;
}

/** Per exam component: attempts and whether (and when first) it was passed. For the read model and reports. */
export function examenOverzicht(
  resultaten: readonly Examenresultaat[],
): Partial<Record<ExamenComponent, ExamenStand>> {
  const uit: Partial<Record<ExamenComponent, ExamenStand>> = {};
  for (const r of resultaten) {
    const stand = uit[r.component] ?? { pogingen: 0, behaald: false, behaaldOp: null };
    stand.pogingen += 1;
    if (r.behaald && (stand.behaaldOp === null || r.datum < stand.behaaldOp)) {
      stand.behaald = true;
      stand.behaaldOp = r.datum;
    }
    uit[r.component] = stand;
  }
  return uit;
}
