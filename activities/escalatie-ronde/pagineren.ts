import { Context } from '@temporalio/activity';
import type { TrajectRepository, TrajectRij } from '../../platform/persistence/repositories';

/** Rows per query inside a page: a heartbeat (with the cursor) follows each block. */
const BLOK = 500;

interface Voortgang {
  naId: string | null;
  bekeken: number;
}

/** Heartbeat when running as an activity (also callable directly, e.g. by an operations script). */
export function hartslag(details: unknown): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    // not inside an activity
  }
}

/** Heartbeat details of the previous attempt of this activity (a retry resumes there). */
export function hervatVan<T>(): Partial<T> {
  try {
    return (Context.current().info.heartbeatDetails as Partial<T> | undefined) ?? {};
  } catch {
    return {};
  }
}

/**
 * Walks up to `grootte` open read-model rows from the cursor in blocks, heartbeating the cursor (and
 * `extra`) after every block, so a retried attempt resumes where the last one got to.
 */
export async function perBlok(
  trajecten: TrajectRepository,
  o: { naId: string | null; grootte: number },
  verwerk: (rijen: TrajectRij[]) => Promise<void>,
  extra: () => object = () => ({}),
): Promise<{ laatsteId: string | null; bekeken: number; klaar: boolean }> {
  const hervat = hervatVan<Voortgang>();
  let naId = hervat.naId ?? o.naId;
  let bekeken = hervat.bekeken ?? 0;
  let klaar = false;
  while (bekeken < o.grootte) {
    const n = Math.min(BLOK, o.grootte - bekeken);
    const rijen = await trajecten.openNa(naId, n);
    if (rijen.length > 0) {
      await verwerk(rijen);
      naId = rijen[rijen.length - 1].id;
      bekeken += rijen.length;
    }
    hartslag({ naId, bekeken, ...extra() });
    if (rijen.length < n) {
      klaar = true;
      break;
    }
  }
  return { laatsteId: naId, bekeken, klaar };
}

/** Runs `fn` over `items` with at most `n` at a time. */
export async function metGrens<T, R>(
  items: readonly T[],
  n: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const uit: R[] = new Array(items.length);
  let volgende = 0;
  const werker = async () => {
    while (volgende < items.length) {
      const i = volgende++;
      uit[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, werker));
  return uit;
}
