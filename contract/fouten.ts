import { ApplicationFailure } from '@temporalio/common';
import { DomainError, type FoutCategorie, type FoutCode, foutCodes } from '../domain/shared/fouten';

/**
 * A rulebook rejection as it crosses the workflow boundary: an ApplicationFailure whose type is the
 * domain code and whose single detail is this object. One shape both ways, so the API rebuilds the
 * same DomainError the workflow threw (and answers 409 or 422 with its code and field).
 */
export interface DomeinFoutDetails {
  code: FoutCode;
  categorie: FoutCategorie;
  veld: string | null;
}

export function alsApplicationFailure(err: DomainError): ApplicationFailure {
  const details: DomeinFoutDetails = { code: err.code, categorie: err.categorie, veld: err.veld };
  return ApplicationFailure.create({
    type: err.code,
    message: err.detail,
    nonRetryable: true,
    details: [details],
  });
}

/**
 * The Update validator's answer to a caller outside the traject's gemeente (issue 14): not a rule of
 * the law, so not a DomainError; the API answers it exactly like an unknown traject (404).
 */
export const BUITEN_BEREIK = 'BUITEN_BEREIK';

export function buitenBereik(): ApplicationFailure {
  return ApplicationFailure.create({
    type: BUITEN_BEREIK,
    message: 'Het traject valt buiten het bereik van de aanroeper.',
    nonRetryable: true,
  });
}

/** The first ApplicationFailure in an error chain (a failed Update carries the workflow's as its cause). */
function applicationFailureIn(err: unknown): ApplicationFailure | null {
  for (let e: unknown = err; e instanceof Error; e = (e as Error & { cause?: unknown }).cause) {
    if (e instanceof ApplicationFailure) return e;
  }
  return null;
}

/** Was the Update refused because the traject is outside the caller's scope? */
export function isBuitenBereik(err: unknown): boolean {
  return applicationFailureIn(err)?.type === BUITEN_BEREIK;
}

/** The DomainError inside a failed Update (or any error chain), or null when it is not a rule's rejection. */
export function domeinFoutUit(err: unknown): DomainError | null {
  const e = applicationFailureIn(err);
  if (!e) return null;
  const details = e.details?.[0] as Partial<DomeinFoutDetails> | undefined;
  const code = details?.code ?? e.type;
  if (typeof code !== 'string' || !(foutCodes as readonly string[]).includes(code)) return null;
  return new DomainError(code as FoutCode, details?.veld ?? undefined);
}
