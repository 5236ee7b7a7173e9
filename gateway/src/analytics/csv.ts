export type CsvCell = string | number | null;

const NEEDS_QUOTES = /[",\r\n]/;

/** One field per RFC 4180: quoted (quotes doubled) when it holds a comma, quote or line break; null is empty. */
export function csvField(value: CsvCell): string {
  const text = value === null ? '' : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and the data rows, CRLF after every row (RFC 4180). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
