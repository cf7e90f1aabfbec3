import type { DomainError } from '../../domain/shared/fouten';
import { ProblemException, problem } from './problem';

/**
 * A command the rulebook rejected, whether in the API (an aanmelding) or in the workflow (carried back
 * by contract/fouten.ts): a state conflict is 409, a broken rule 422 (architecture.md, API conventions).
 */
export function domeinProbleem(
  err: Pick<DomainError, 'detail' | 'categorie' | 'veld'> & { code: string },
): ProblemException {
  const status = err.categorie === 'conflict' ? 409 : 422;
  return new ProblemException(
    problem(status, err.detail, {
      code: err.code,
      ...(err.veld ? { fouten: [{ veld: err.veld, melding: err.detail }] } : {}),
    }),
  );
}
