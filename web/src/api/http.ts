import { sessie } from '../auth/sessie';
import type { Probleem } from './typen';

/** An answer that is not 2xx, with the API's problem+json (or a made-up one for network failures). */
export class ApiFout extends Error {
  constructor(
    readonly status: number,
    readonly probleem: Probleem,
  ) {
    super(probleem.detail ?? probleem.title);
    this.name = 'ApiFout';
  }

  /** Field errors by field path, as the API's zod validation or the rulebook named them. */
  get veldFouten(): { veld: string; melding: string }[] {
    return this.probleem.fouten ?? [];
  }
}

/**
 * The Dutch part of a rulebook message: domain messages carry an English gloss in parentheses and the
 * field name ("… maximum (fine above the legal maximum) [veld: bedrag]") for API users.
 */
export function nederlands(detail: string | undefined): string {
  if (!detail) return '';
  return detail
    .replace(/\s*\[veld: [^\]]*\]\s*$/, '')
    .replace(/\s*\([^()]*\)\s*$/, '')
    .trim();
}

export function foutmelding(fout: unknown): string {
  if (fout instanceof ApiFout) {
    if (fout.status === 0) return fout.probleem.detail ?? 'Geen verbinding met de server.';
    const domein = fout.status === 409 || fout.status === 422;
    const tekst = (domein ? nederlands(fout.probleem.detail) : fout.probleem.detail) || fout.probleem.title;
    if (domein || fout.veldFouten.length === 0) return tekst;
    return `${tekst} ${fout.veldFouten.map((f) => `${f.veld}: ${f.melding}`).join('; ')}.`;
  }
  return 'Er ging iets mis. Probeer het opnieuw.';
}

type Methode = 'GET' | 'POST' | 'PATCH';

interface Opties {
  methode?: Methode;
  body?: unknown;
  signal?: AbortSignal;
}

let naarInloggen: (() => void) | null = null;
/** The router registers how to go to the login page when the API says 401. */
export function bijNietAangemeld(f: () => void): void {
  naarInloggen = f;
}

async function verzoek(pad: string, opties: Opties): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const token = sessie.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (opties.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(pad, {
      method: opties.methode ?? 'GET',
      headers,
      body: opties.body === undefined ? undefined : JSON.stringify(opties.body),
      signal: opties.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiFout(0, {
      type: 'about:blank',
      title: 'Geen verbinding',
      status: 0,
      detail: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
    });
  }
  if (res.ok) return res;
  let probleem: Probleem;
  try {
    probleem = (await res.json()) as Probleem;
  } catch {
    probleem = { type: 'about:blank', title: res.statusText || 'Fout', status: res.status };
  }
  if (res.status === 401 && token) {
    // The token expired or is no longer accepted: sign in again.
    sessie.wis();
    naarInloggen?.();
  }
  throw new ApiFout(res.status, probleem);
}

export async function api<T>(pad: string, opties: Opties = {}): Promise<T> {
  const res = await verzoek(pad, opties);
  // 204 No Content (e.g. the codec session): nothing to read.
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A file from the API (the CBS CSV), with its name from Content-Disposition. */
export async function apiBestand(pad: string): Promise<{ blob: Blob; naam: string }> {
  const res = await verzoek(pad, {});
  const naam = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'download.csv';
  return { blob: await res.blob(), naam };
}

/** Query string from an object; empty values are left out. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
