/**
 * One CSV cell (`;`-separated, CBS style). A cell that a spreadsheet would read as a formula
 * (starting with = + - @, or a tab or carriage return) is neutralised with a leading apostrophe
 * (issue 13, OWASP "CSV injection"); quotes, separators and line breaks are quoted.
 */
export function csvCel(waarde: unknown): string {
  let s = waarde === null || waarde === undefined ? '' : String(waarde);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
