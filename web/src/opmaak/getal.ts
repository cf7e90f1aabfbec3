const GETAL = new Intl.NumberFormat('nl-NL');
const EURO = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const PROCENT = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 });

export const getal = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : GETAL.format(n);
export const euro = (n: number): string => EURO.format(n);
/** A share 0..1 (or null when there is nothing to divide). */
export const procent = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : PROCENT.format(n);
