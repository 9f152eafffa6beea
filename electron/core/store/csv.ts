/**
 * RFC 4180 fields: quoted when they hold a quote, comma or line break, quotes doubled. Text that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading apostrophe,
 * because probe reasons can carry text from remote servers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvNumber(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : String(value);
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.join(',')}\r\n`;
}
