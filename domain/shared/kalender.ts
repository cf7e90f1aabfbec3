import { TZDate } from '@date-fns/tz';
import { DomainError } from './fouten';

/**
 * A calendar date in Europe/Amsterdam, `YYYY-MM-DD`. Deadlines of the Wi2021 are calendar days, so all
 * arithmetic is done on the civil calendar (proleptic Gregorian), never by adding milliseconds.
 */
export type PlainDate = string;

/** Wall-clock time `HH:MM` in Europe/Amsterdam. */
export type Tijd = string;

export const TIJDZONE = 'Europe/Amsterdam';

const DATUM_PATROON = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIJD_PATROON = /^([01]\d|2[0-3]):([0-5]\d)$/;

interface Delen {
  jaar: number;
  maand: number;
  dag: number;
}

export function isSchrikkeljaar(jaar: number): boolean {
  return (jaar % 4 === 0 && jaar % 100 !== 0) || jaar % 400 === 0;
}

export function dagenInMaand(jaar: number, maand: number): number {
  if (maand === 2) return isSchrikkeljaar(jaar) ? 29 : 28;
  return [4, 6, 9, 11].includes(maand) ? 30 : 31;
}

function ontleed(waarde: unknown): Delen | null {
  if (typeof waarde !== 'string') return null;
  const m = DATUM_PATROON.exec(waarde);
  if (!m) return null;
  const jaar = Number(m[1]);
  const maand = Number(m[2]);
  const dag = Number(m[3]);
  if (jaar < 1 || maand < 1 || maand > 12 || dag < 1 || dag > dagenInMaand(jaar, maand)) return null;
  return { jaar, maand, dag };
}

/** True for an existing calendar date in `YYYY-MM-DD` form (so `2025-02-30` is false). */
export function isGeldigeDatum(waarde: unknown): waarde is PlainDate {
  return ontleed(waarde) !== null;
}

export function isGeldigeTijd(waarde: unknown): waarde is Tijd {
  return typeof waarde === 'string' && TIJD_PATROON.test(waarde);
}

function delen(datum: PlainDate, veld = 'datum'): Delen {
  const d = ontleed(datum);
  if (!d) throw new DomainError('DATUM_ONGELDIG', veld);
  return d;
}

/** Validates a date and returns it; throws DATUM_ONGELDIG naming the field. */
export function vereisDatum(waarde: unknown, veld: string): PlainDate {
  if (!isGeldigeDatum(waarde)) throw new DomainError('DATUM_ONGELDIG', veld);
  return waarde;
}

function tweeCijfers(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatteer({ jaar, maand, dag }: Delen): PlainDate {
  return `${String(jaar).padStart(4, '0')}-${tweeCijfers(maand)}-${tweeCijfers(dag)}`;
}

// Days since 1970-01-01 (H. Hinnant, "chrono-compatible low-level date algorithms"): exact integer
// arithmetic, independent of any time zone or the host's Date implementation.
function naarDagnummer({ jaar, maand, dag }: Delen): number {
  const j = maand <= 2 ? jaar - 1 : jaar;
  const era = Math.floor(j / 400);
  const jvE = j - era * 400;
  const dvJ = Math.floor((153 * (maand + (maand > 2 ? -3 : 9)) + 2) / 5) + dag - 1;
  const dvE = jvE * 365 + Math.floor(jvE / 4) - Math.floor(jvE / 100) + dvJ;
  return era * 146097 + dvE - 719468;
}

function vanDagnummer(n: number): Delen {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dvE = z - era * 146097;
  const jvE = Math.floor(
    (dvE - Math.floor(dvE / 1460) + Math.floor(dvE / 36524) - Math.floor(dvE / 146096)) / 365,
  );
  const dvJ = dvE - (365 * jvE + Math.floor(jvE / 4) - Math.floor(jvE / 100));
  const mp = Math.floor((5 * dvJ + 2) / 153);
  const dag = dvJ - Math.floor((153 * mp + 2) / 5) + 1;
  const maand = mp < 10 ? mp + 3 : mp - 9;
  const jaar = jvE + era * 400 + (maand <= 2 ? 1 : 0);
  return { jaar, maand, dag };
}

export function dagnummer(datum: PlainDate): number {
  return naarDagnummer(delen(datum));
}

export function addDays(datum: PlainDate, dagen: number): PlainDate {
  return formatteer(vanDagnummer(dagnummer(datum) + dagen));
}

export function addWeeks(datum: PlainDate, weken: number): PlainDate {
  return addDays(datum, weken * 7);
}

/**
 * Adds calendar months. When the day does not exist in the target month the result is clamped to
 * that month's last day (31 January + 1 month = 28/29 February). This follows Verordening (EEG)
 * 1182/71 art. 3 lid 2 sub c, which Dutch administrative practice uses for periods in months and
 * years: a period that would end on a day missing from the last month ends on that month's last day.
 */
export function addMonths(datum: PlainDate, maanden: number): PlainDate {
  const { jaar, maand, dag } = delen(datum);
  const totaal = jaar * 12 + (maand - 1) + maanden;
  const nieuwJaar = Math.floor(totaal / 12);
  const nieuweMaand = totaal - nieuwJaar * 12 + 1;
  return formatteer({
    jaar: nieuwJaar,
    maand: nieuweMaand,
    dag: Math.min(dag, dagenInMaand(nieuwJaar, nieuweMaand)),
  });
}

/** Adds calendar years with the same clamping: 29 February + 3 years = 28 February. */
export function addYears(datum: PlainDate, jaren: number): PlainDate {
  return addMonths(datum, jaren * 12);
}

/** -1, 0 or 1; valid `YYYY-MM-DD` strings order lexically like the dates they denote. */
export function vergelijk(a: PlainDate, b: PlainDate): -1 | 0 | 1 {
  delen(a);
  delen(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isVoor(a: PlainDate, b: PlainDate): boolean {
  return vergelijk(a, b) < 0;
}

export function isNa(a: PlainDate, b: PlainDate): boolean {
  return vergelijk(a, b) > 0;
}

export function laatste(...datums: PlainDate[]): PlainDate {
  return datums.reduce((a, b) => (isNa(b, a) ? b : a));
}

export function vroegste(...datums: PlainDate[]): PlainDate {
  return datums.reduce((a, b) => (isVoor(b, a) ? b : a));
}

/** Number of days from `van` to `tot` (positive when `tot` is later). */
export function dagenTussen(van: PlainDate, tot: PlainDate): number {
  return dagnummer(tot) - dagnummer(van);
}

/** Age in whole years on `peildatum`; someone born on 29 February turns a year older on 28 February. */
export function leeftijdOp(geboortedatum: PlainDate, peildatum: PlainDate): number {
  const g = delen(geboortedatum);
  const p = delen(peildatum);
  let leeftijd = p.jaar - g.jaar;
  if (isNa(addYears(geboortedatum, leeftijd), peildatum)) leeftijd -= 1;
  return leeftijd;
}

/**
 * Epoch milliseconds of wall-clock `tijd` on `datum` in Europe/Amsterdam, DST-correct. Used by the workflow
 * to arm timers. A time inside the spring-forward gap (02:00–03:00 on the last Sunday of March) moves one
 * hour forward; a time in the repeated October hour resolves to its second (winter time) occurrence.
 */
export function instantVanDatum(datum: PlainDate, tijd: Tijd = '00:00'): number {
  const { jaar, maand, dag } = delen(datum);
  if (!isGeldigeTijd(tijd)) throw new DomainError('WAARDE_ONGELDIG', 'tijd');
  const [uur, minuut] = tijd.split(':').map(Number);
  return new TZDate(jaar, maand - 1, dag, uur, minuut, 0, 0, TIJDZONE).getTime();
}

const DATUM_IN_ZONE = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIJDZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in Europe/Amsterdam at an instant (epoch milliseconds). Plain Intl, no Date
 * subclass: inside the Temporal workflow sandbox `Date` is replaced, and a subclass of it (TZDate)
 * read the UTC date instead, so a timer at 00:00 was judged to fire on the day before.
 */
export function datumVanInstant(epochMs: number): PlainDate {
  if (!Number.isFinite(epochMs)) throw new DomainError('WAARDE_ONGELDIG', 'epochMs');
  const delen = Object.fromEntries(
    DATUM_IN_ZONE.formatToParts(new Date(epochMs)).map((deel) => [deel.type, deel.value]),
  );
  return `${delen.year}-${delen.month}-${delen.day}`;
}

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export function weekdag(datum: PlainDate): number {
  // Day 0 (1970-01-01) was a Thursday.
  return ((((dagnummer(datum) + 3) % 7) + 7) % 7) + 1;
}

/** Monday to Friday. Public holidays are not excluded: no rule in the spec asks for it. */
export function isWerkdag(datum: PlainDate): boolean {
  return weekdag(datum) <= 5;
}

/** Working days after `van` up to and including `tot` (0 when `tot` is not later than `van`). */
export function werkdagenTussen(van: PlainDate, tot: PlainDate): number {
  const dagen = dagenTussen(van, tot);
  if (dagen <= 0) return 0;
  let werkdagen = Math.floor(dagen / 7) * 5;
  for (let i = dagen - (dagen % 7) + 1; i <= dagen; i += 1) {
    if (isWerkdag(addDays(van, i))) werkdagen += 1;
  }
  return werkdagen;
}

/** The `n`-th working day after `datum` (n >= 1); `datum` itself never counts. */
export function addWerkdagen(datum: PlainDate, n: number): PlainDate {
  let dag = datum;
  for (let geteld = 0; geteld < n; ) {
    dag = addDays(dag, 1);
    if (isWerkdag(dag)) geteld += 1;
  }
  return dag;
}

/** An ISO 8601 week, `JJJJ-Www` (e.g. `2026-W49`): Monday to Sunday, week 1 holds the year's first Thursday. */
export type IsoWeek = string;

const ISO_WEEK_PATROON = /^(\d{4})-W(\d{2})$/;

/** The Monday of ISO week 1 of `jaar` (the week with 4 January in it). */
function maandagWeekEen(jaar: number): PlainDate {
  const vierJanuari = formatteer({ jaar, maand: 1, dag: 4 });
  return addDays(vierJanuari, 1 - weekdag(vierJanuari));
}

/** The ISO week a day falls in (around New Year it may belong to the other year). */
export function isoWeek(datum: PlainDate): IsoWeek {
  const donderdag = addDays(datum, 4 - weekdag(datum));
  const jaar = delen(donderdag).jaar;
  const week = Math.floor(dagenTussen(maandagWeekEen(jaar), donderdag) / 7) + 1;
  return `${String(jaar).padStart(4, '0')}-W${tweeCijfers(week)}`;
}

/** Is this a week that exists (`2026-W53` does not; `2026-W01` … `2026-W53` where the year has 53)? */
export function isGeldigeIsoWeek(waarde: unknown): waarde is IsoWeek {
  if (typeof waarde !== 'string') return false;
  const m = ISO_WEEK_PATROON.exec(waarde);
  if (!m) return false;
  // Year 0000 is no calendar year here (as for a date): not a week, rather than an error.
  const jaar = Number(m[1]);
  const week = Number(m[2]);
  return jaar >= 1 && week >= 1 && week <= 53 && isoWeek(addWeeks(maandagWeekEen(jaar), week - 1)) === waarde;
}

/** The Monday of an ISO week. */
export function maandagVan(week: IsoWeek): PlainDate {
  const m = ISO_WEEK_PATROON.exec(week);
  if (!m || !isGeldigeIsoWeek(week)) throw new DomainError('WAARDE_ONGELDIG', 'week');
  return addWeeks(maandagWeekEen(Number(m[1])), Number(m[2]) - 1);
}

/** The ISO week `n` weeks after (negative: before) `week`. */
export function addIsoWeken(week: IsoWeek, n: number): IsoWeek {
  return isoWeek(addWeeks(maandagVan(week), n));
}
