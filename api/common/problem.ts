import { HttpException } from '@nestjs/common';

/** RFC 9457 problem details; titles and details in Dutch (the users are Dutch civil servants). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Stable machine code (e.g. a domain code such as PIP_VOOR_INTAKE). */
  code?: string;
  /** Field errors: path and Dutch message. */
  fouten?: { veld: string; melding: string }[];
  requestId?: string;
  /** Per-item results of a batch that was only partly delivered. */
  resultaten?: unknown[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Ongeldig verzoek',
  401: 'Niet aangemeld',
  403: 'Geen toegang',
  404: 'Niet gevonden',
  405: 'Methode niet toegestaan',
  409: 'Conflict met de huidige toestand',
  413: 'Verzoek te groot',
  415: 'Mediatype niet ondersteund',
  422: 'Verzoek in strijd met een regel',
  429: 'Te veel verzoeken',
  500: 'Interne fout',
  503: 'Dienst tijdelijk niet beschikbaar',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Serverfout' : 'Fout in het verzoek');
}

export function problem(status: number, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return {
    type: extra.code ? `urn:inburgering:probleem:${extra.code}` : 'about:blank',
    title: titleFor(status),
    status,
    detail,
    ...extra,
  };
}

export class ProblemException extends HttpException {
  constructor(
    readonly problem: ProblemDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem, problem.status);
  }
}

/** 503 + Retry-After when Temporal does not answer in time; `wat` names what could not be done. */
export function temporalOnbereikbaar(wat = 'Temporal is nu niet bereikbaar'): ProblemException {
  return new ProblemException(
    problem(503, `${wat}; probeer het over enkele seconden opnieuw.`, { code: 'TEMPORAL_ONBEREIKBAAR' }),
    { 'Retry-After': '5' },
  );
}

/** Somewhere in the error chain: the person's data key was destroyed after the retention period. */
export function isVernietigd(err: unknown): boolean {
  for (let e: unknown = err, diepte = 0; e instanceof Error && diepte < 10; diepte++) {
    if (e.name === 'GegevensVernietigd') return true;
    e = (e as Error & { cause?: unknown }).cause;
  }
  return false;
}

/** 410: the data existed, and was destroyed on purpose (crypto-shredding after the retention period). */
export function gegevensVernietigd(): ProblemException {
  return new ProblemException(
    problem(410, 'De persoonsgegevens van dit traject zijn na de bewaartermijn vernietigd.', {
      code: 'GEGEVENS_VERNIETIGD',
    }),
  );
}
