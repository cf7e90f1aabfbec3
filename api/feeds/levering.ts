import type { Db } from '../../platform/persistence/repositories';
import { databaseOnbereikbaar, isDatabaseOnbereikbaar } from '../common/afhankelijkheden';
import { ProblemException, problem } from '../common/problem';

/** What every feed answers: how many items came, how many reached a traject, and a result per item. */
export interface LeveringAntwoord<R extends { uitkomst: string } = { uitkomst: string }> {
  ontvangen: number;
  afgeleverd: number;
  resultaten: R[];
}

/**
 * A feed batch handled, before anything of it is recorded: the answer, whether Temporal (or Postgres)
 * left items undelivered, and what the batch still has to record: the audit rows of the items no
 * rulebook saw and the processing log. The synchronous path records it at once; the deliverer of
 * asynchronous batches (`FeedLeveringService`) records it in one transaction with the batch's end,
 * so a batch taken over after a crash is not audited twice.
 */
export interface VerwerkteLevering<A extends LeveringAntwoord = LeveringAntwoord> {
  antwoord: A;
  nietAfgeleverd: boolean;
  vastleggen(db?: Db): Promise<void>;
}

export const NIET_AFGELEVERD_MELDING =
  'Een deel van de levering kon nu niet worden afgeleverd. Stuur de hele levering opnieuw: wat al is afgeleverd telt één keer.';

/** The synchronous answer: recorded first (503 when Postgres is down), 503 when items were not delivered. */
export async function beantwoord<A extends LeveringAntwoord>(v: VerwerkteLevering<A>): Promise<A> {
  const { resultaten } = v.antwoord;
  try {
    await v.vastleggen();
  } catch (err) {
    if (!isDatabaseOnbereikbaar(err)) throw err;
    const p = databaseOnbereikbaar('De levering is niet volledig vastgelegd');
    throw new ProblemException({ ...p.problem, resultaten }, p.headers);
  }
  if (v.nietAfgeleverd) {
    throw new ProblemException(
      problem(503, NIET_AFGELEVERD_MELDING, { code: 'TEMPORAL_ONBEREIKBAAR', resultaten }),
      { 'Retry-After': '10' },
    );
  }
  return v.antwoord;
}
