import type { DomainError } from '../../domain/shared/fouten';
import { ProblemException, problem } from './problem';

/** A rejection by the rulebook, whether thrown here or carried back from the workflow. */
export type Afwijzing = Pick<DomainError, 'code' | 'detail' | 'categorie' | 'veld'>;

/** A rejected command: a state conflict is 409, a broken rule 422 (architecture.md, API conventions). */
export function domeinProbleem(err: Afwijzing): ProblemException {
  const status = err.categorie === 'conflict' ? 409 : 422;
  return new ProblemException(
    problem(status, err.detail, {
      code: err.code,
      ...(err.veld ? { fouten: [{ veld: err.veld, melding: err.detail }] } : {}),
    }),
  );
}
