import { dagenTussen, datumVanInstant, isGeldigeDatum } from '../../../domain/shared/kalender';

const DATUM = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const TIJDSTIP = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** Today in Europe/Amsterdam, as the rulebook counts days. */
export function vandaag(): string {
  return datumVanInstant(Date.now());
}

/** `2026-12-01` → "1 december 2026" (a calendar date: no time zone shifts it). */
export function datum(waarde: string | null | undefined, leeg = '—'): string {
  if (!waarde) return leeg;
  if (!isGeldigeDatum(waarde)) return waarde;
  return DATUM.format(new Date(`${waarde}T00:00:00Z`));
}

/** An instant (ISO timestamp) → "1 december 2026 14:05" in Europe/Amsterdam. */
export function tijdstip(waarde: string | null | undefined, leeg = '—'): string {
  if (!waarde) return leeg;
  const d = new Date(waarde);
  return Number.isNaN(d.getTime()) ? waarde : TIJDSTIP.format(d);
}

const TIJDSTIP_SECONDEN = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** An instant to the second ("1 december 2026 om 14:05:09"): for logs, where the order matters. */
export function tijdstipSeconden(waarde: string | null | undefined, leeg = '—'): string {
  if (!waarde) return leeg;
  const d = new Date(waarde);
  return Number.isNaN(d.getTime()) ? waarde : TIJDSTIP_SECONDEN.format(d);
}

/** Replaces every `JJJJ-MM-DD` in a rulebook sentence ("PIP uiterlijk 2026-12-01 vaststellen"). */
export function metDatums(tekst: string): string {
  return tekst.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => datum(d));
}

/** Days from today to `waarde` (negative: overdue). */
export function dagenTot(waarde: string, peildatum = vandaag()): number {
  return dagenTussen(peildatum, waarde);
}

export function dagenTekst(dagen: number): string {
  if (dagen === 0) return 'vandaag';
  if (dagen === 1) return 'morgen';
  if (dagen > 0) return `nog ${dagen} dagen`;
  return dagen === -1 ? '1 dag te laat' : `${-dagen} dagen te laat`;
}
