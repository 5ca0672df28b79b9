import Papa from 'papaparse';

/** A cell to write: text as it is, numbers as already formatted by the caller, `null` empty. */
export type CsvCell = string | null;

/**
 * Writes a header and rows as CSV (RFC 4180 quoting: fields holding the delimiter, quotes or line
 * breaks are quoted). Numbers are the caller's to format, so that locale and rounding stay explicit.
 */
export function writeCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  options: { readonly delimiter?: ',' | ';' | '\t'; readonly newline?: '\n' | '\r\n' } = {},
): string {
  const body = Papa.unparse(
    { fields: [...header], data: rows.map((r) => r.map((c) => c ?? '')) },
    { delimiter: options.delimiter ?? ',', newline: options.newline ?? '\n', quotes: false },
  );
  // papaparse ends a header-only file with a line break already; every file ends with exactly one.
  const newline = options.newline ?? '\n';
  return body.endsWith(newline) ? body : `${body}${newline}`;
}
