import {
  type FeedLeveringRepository,
  feedLeveringVeld,
  type PersoonssleutelRepository,
} from '../persistence/repositories';
import type { Sleutelkluis } from './sleutelkluis';

/** What one rotation run did, and what is still under another master key than the active one. */
export interface RotatieVerslag {
  actief: string;
  persoonssleutels: number;
  leveringen: number;
  over: { persoonssleutels: number; leveringen: number };
}

const GEEN_ID = '00000000-0000-0000-0000-000000000000';
const PAGINA = 500;

/**
 * Everything stored under a master key is brought under the active one: every person's data key is
 * re-wrapped (the data key itself stays, so rows and Temporal histories need no rewrite), and every
 * feed batch still waiting for delivery (`feed_levering.items`, issue 14) is encrypted again. Each row
 * is replaced only if it is still what was read, so a concurrent delivery, destruction or second
 * rotation wins; safe to run twice or to interrupt. Once `over` is 0 for both, an old master key can
 * go (after system payloads under it have left the Temporal namespace's retention).
 */
export async function roteerSleutels(
  kluis: Sleutelkluis,
  opslag: { persoonssleutels: PersoonssleutelRepository; leveringen: FeedLeveringRepository },
): Promise<RotatieVerslag> {
  const actief = kluis.ring.actief;
  let persoonssleutels = 0;
  for (;;) {
    const rijen = await opslag.persoonssleutels.nietOnder(actief, PAGINA);
    if (rijen.length === 0) break;
    for (const r of rijen) {
      const nieuw = kluis.herverpak(r.inburgeraarId, r.masterSleutelId, r.versleuteld);
      if (await opslag.persoonssleutels.herverpak(r.inburgeraarId, r.masterSleutelId, actief, nieuw))
        persoonssleutels += 1;
    }
  }
  let leveringen = 0;
  for (let na = GEEN_ID; ; ) {
    const rijen = await opslag.leveringen.nietOnderSleutel(actief, na, PAGINA);
    if (rijen.length === 0) break;
    for (const r of rijen) {
      na = r.id;
      const nieuw = await kluis.herversleutelTekst(feedLeveringVeld(r.id), r.items);
      if (nieuw && (await opslag.leveringen.herversleutel(r.id, r.items, nieuw))) leveringen += 1;
    }
  }
  return {
    actief,
    persoonssleutels,
    leveringen,
    over: {
      persoonssleutels: (await opslag.persoonssleutels.nietOnder(actief, 1)).length,
      leveringen: (await opslag.leveringen.nietOnderSleutel(actief, GEEN_ID, PAGINA)).length,
    },
  };
}
