/**
 * Every issue the CSV reader reports, in one place: its code, where it is, and a plain-English
 * message that says where and what to do. The UI may translate by `code` and `params`.
 */
import type { ColumnKind } from '../engine/portfolio';
import type { CsvFormat, CsvIssue } from './csv-types';

/** Spreadsheet letter of a 0-based column index: 0 -> 'A', 25 -> 'Z', 26 -> 'AA'. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Where an issue is: a file, optionally a spreadsheet row and a column. */
export interface Place {
  readonly file: string;
  readonly row?: number;
  /** Header name and 0-based index of the column. */
  readonly column?: { readonly name: string; readonly index: number };
}

function where(place: Place): string {
  const parts = [place.file];
  if (place.row !== undefined) parts.push(`row ${place.row}`);
  if (place.column !== undefined) parts.push(`column "${place.column.name}" (${columnLetter(place.column.index)})`);
  return parts.join(', ');
}

function issueAt(
  place: Place,
  fields: Pick<CsvIssue, 'severity' | 'code' | 'value' | 'params'>,
  text: string,
): CsvIssue {
  return {
    ...fields,
    file: place.file,
    ...(place.row !== undefined ? { row: place.row } : {}),
    ...(place.column !== undefined
      ? { column: place.column.name, columnLetter: columnLetter(place.column.index) }
      : {}),
    message: `${where(place)}: ${text}`,
  };
}

/** A cell shown in a message: quoted, on one line, cut at 40 characters. */
function quoted(value: string): string {
  const oneLine = value.replace(/\r\n|\r|\n/g, ' ');
  return `"${oneLine.length > 40 ? `${oneLine.slice(0, 39).trimEnd()}…` : oneLine}"`;
}

function delimiterName(delimiter: CsvFormat['delimiter']): string {
  return { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab', '|': 'vertical bar (|)' }[delimiter];
}

// ---------------------------------------------------------------------------------------------
// The file as a whole (errors: no table)

/** The file holds nothing but whitespace. */
export function fileEmpty(file: string): CsvIssue {
  return {
    severity: 'error', code: 'file.empty', file,
    message: `${file} is empty: export it again with a header row and one row per customer.`,
  };
}

/** Binary content; `looksLike`: what the bytes suggest, for a more useful hint. */
export function fileNotText(file: string, looksLike: 'excel-workbook' | 'binary'): CsvIssue {
  const hint = looksLike === 'excel-workbook'
    ? 'it looks like an Excel workbook. In Excel, use File > Save As > "CSV UTF-8 (Comma delimited)" and choose the .csv file.'
    : 'it holds binary data. Export your customers from your spreadsheet or CRM as CSV and choose that file.';
  return {
    severity: 'error', code: 'file.not-text', file, params: { looksLike },
    message: `${file} is not a text (CSV) file: ${hint}`,
  };
}

/** Excel's "Unicode Text" save: UTF-16, which the reader does not decode. */
export function fileUtf16(file: string): CsvIssue {
  return {
    severity: 'error', code: 'file.utf-16', file,
    message: `${file} is saved as UTF-16 ("Unicode Text"), which Pulso cannot read: save it again as "CSV UTF-8 (Comma delimited)" and choose that file.`,
  };
}

/** A header row and nothing below it. */
export function fileNoRows(file: string): CsvIssue {
  return {
    severity: 'error', code: 'file.no-rows', file,
    message: `${file} has a header row but no customer rows: export it again with one row per customer below the header.`,
  };
}

/** A quoted value runs to the end of the file; `row` is where it opens. */
export function fileUnclosedQuote(file: string, row: number): CsvIssue {
  return issueAt({ file, row }, { severity: 'error', code: 'file.unclosed-quote' },
    'a quote (") opens a value that never closes, so the rest of the file cannot be read. ' +
      'Open the file in a text editor, close or remove that quote, and save it again.');
}

// ---------------------------------------------------------------------------------------------
// Header (warnings)

/** An empty header cell, now called `name` ("column C"). */
export function headerEmptyName(file: string, index: number, name: string): CsvIssue {
  return issueAt({ file, column: { name, index } }, { severity: 'warning', code: 'header.empty-name' },
    `the header cell is empty, so the column is called "${name}". Give it a name in row 1 if you need it.`);
}

/** A header name already used (compared as `findColumn` compares), now called `column.name`. */
export function headerDuplicateName(
  file: string,
  column: { name: string; index: number; written: string; firstIndex: number },
): CsvIssue {
  return issueAt({ file, column }, {
    severity: 'warning', code: 'header.duplicate-name', params: { written: column.written, first: columnLetter(column.firstIndex) },
  }, `the name "${column.written}" is already used by column ${columnLetter(column.firstIndex)}, so this column is called ` +
    `"${column.name}". Rename one of them in row 1 to choose which one is read.`);
}

// ---------------------------------------------------------------------------------------------
// Rows

/** A row shorter than the header: its last cells count as missing. */
export function rowTooFewFields(file: string, row: number, cells: number, headerCells: number): CsvIssue {
  const range = cells + 1 === headerCells
    ? `the cell in column ${columnLetter(cells)} counts`
    : `the cells in columns ${columnLetter(cells)} to ${columnLetter(headerCells - 1)} count`;
  return issueAt({ file, row }, { severity: 'warning', code: 'row.too-few-fields', params: { cells, headerCells } },
    `this row has ${cells} cells but the header has ${headerCells}: ${range} as missing.`);
}

/** `skipped`: the row is left out (warning) rather than stopping the import (error). */
export function rowTooManyFields(
  file: string,
  row: { row: number; cells: number; headerCells: number; delimiter: CsvFormat['delimiter']; skipped: boolean },
): CsvIssue {
  const what = `this row has ${row.cells} cells but the header has ${row.headerCells}, so its values cannot be matched to columns`;
  const text = row.skipped
    ? `${what} — the row was left out.`
    : `${what}. Often a value holds a ${delimiterName(row.delimiter)} without quotes around it: fix the row, or skip bad rows to leave it out.`;
  return issueAt({ file, row: row.row }, {
    severity: row.skipped ? 'warning' : 'error', code: 'row.too-many-fields', params: { cells: row.cells, headerCells: row.headerCells },
  }, text);
}

/** A row identical to an earlier one, left out. */
export function rowDuplicate(file: string, row: number, firstRow: number): CsvIssue {
  return issueAt({ file, row }, { severity: 'warning', code: 'row.duplicate', params: { firstRow } },
    `this row is an exact copy of row ${firstRow} — the copy was left out.`);
}

/** Every row was left out. */
export function noUsableRows(file: string): CsvIssue {
  return {
    severity: 'error', code: 'file.no-usable-rows', file,
    message: `${file}: no customer row is left once the bad rows are left out. Fix the rows reported above and import the file again.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Ids

/** The id column is not in the file; lists the headers found. */
export function idColumnMissing(file: string, idColumn: string, header: readonly string[]): CsvIssue {
  const found = header.map((name) => `"${name}"`).join(', ');
  return {
    severity: 'error', code: 'id.column-missing', file, column: idColumn, params: { idColumn, found: header.join(', ') },
    message: `${file} has no column "${idColumn}" for the customer ids. The columns in row 1 are: ${found}. ` +
      `Choose the column that holds your customer ids, or rename it to "${idColumn}".`,
  };
}

/** The import's mapping names no column for the customer ids; lists the headers to choose from. */
export function idNotMapped(file: string, header: readonly string[]): CsvIssue {
  const found = header.map((name) => `"${name}"`).join(', ');
  return {
    severity: 'error', code: 'id.column-missing', file, params: { found: header.join(', ') },
    message: `${file}: no column is chosen for the customer ids. Choose the column that holds your customer ids ` +
      `(the columns in row 1 are: ${found}).`,
  };
}

/** A row without a customer id; `skipped`: left out (warning) rather than refused (error). */
export function idEmpty(file: string, place: { row: number; column: { name: string; index: number }; skipped: boolean }): CsvIssue {
  const text = place.skipped
    ? 'the customer id is empty — the row was left out.'
    : 'the customer id is empty, so the row cannot be used. Fill in the id, delete the row, or skip bad rows to leave it out.';
  return issueAt({ file, ...place }, { severity: place.skipped ? 'warning' : 'error', code: 'id.empty' }, text);
}

/** The same id on two rows that differ: the user must say which is right. */
export function idDuplicate(
  file: string,
  place: { row: number; column: { name: string; index: number }; id: string; firstRow: number },
): CsvIssue {
  return issueAt({ file, ...place }, { severity: 'error', code: 'id.duplicate', value: place.id, params: { firstRow: place.firstRow } },
    `the id ${quoted(place.id)} is also on row ${place.firstRow}, with different values. ` +
      'Each customer must appear once: merge the two rows or correct one of the ids.');
}

// ---------------------------------------------------------------------------------------------
// As-of dates (a file with one snapshot per date in a column)

/** A row whose as-of date is empty; `skipped`: left out (warning) rather than refused (error). */
export function asOfEmpty(file: string, place: { row: number; column: { name: string; index: number }; skipped: boolean }): CsvIssue {
  const text = place.skipped
    ? 'the as-of date is empty, so the row belongs to no day — the row was left out.'
    : 'the as-of date is empty, so the row belongs to no day. Fill in the date, delete the row, or skip bad rows to leave it out.';
  return issueAt({ file, ...place }, { severity: place.skipped ? 'warning' : 'error', code: 'asof.empty' }, text);
}

/**
 * A row whose as-of date cannot be read; `reason` follows the quoted value ("is not a date");
 * `skipped`: left out (warning) rather than refused (error).
 */
export function asOfUnreadable(
  file: string,
  place: { row: number; column: { name: string; index: number }; value: string; reason: string; skipped: boolean },
): CsvIssue {
  const what = `${quoted(place.value)} ${place.reason}, so the row belongs to no day`;
  const text = place.skipped
    ? `${what} — the row was left out.`
    : `${what}. Correct the date (2024-03-31 always reads), delete the row, or skip bad rows to leave it out.`;
  return issueAt({ file, row: place.row, column: place.column }, {
    severity: place.skipped ? 'warning' : 'error', code: 'asof.unreadable', value: place.value,
  }, text);
}

// ---------------------------------------------------------------------------------------------
// Columns and cells (warnings: the cell counts as missing)

/** A source the model reads is not in the file. */
export function columnMissing(file: string, source: string): CsvIssue {
  return {
    severity: 'warning', code: 'column.missing', file, column: source,
    message: `${file}: column "${source}" is not in the file: every customer counts as missing for it.`,
  };
}

/** Text reads any cell, so the only unreadable text cell is an Excel error. */
const CELL_CODES: Readonly<Record<ColumnKind, string>> = {
  number: 'cell.not-a-number', boolean: 'cell.not-a-boolean', date: 'cell.not-a-date', text: 'cell.excel-error',
};

const KIND_NAMES: Readonly<Record<ColumnKind, string>> = {
  number: 'numbers', boolean: 'yes/no values', date: 'dates', text: 'text',
};

/** A cell that cannot be read as `kind`; `reason` follows the quoted value ("is not a number"). */
export function cellUnreadable(
  place: Place & { row: number; column: { name: string; index: number } },
  cell: { value: string; kind: ColumnKind; reason: string; excelError: boolean },
): CsvIssue {
  const code = cell.excelError ? 'cell.excel-error' : CELL_CODES[cell.kind];
  return issueAt(place, { severity: 'warning', code, value: cell.value, params: { kind: cell.kind } },
    `${quoted(cell.value)} ${cell.reason} — the cell counts as missing.`);
}

/** Sums up the unreadable cells of a column past the ones reported one by one. */
export function cellsMoreUnreadable(
  file: string,
  column: { name: string; index: number; kind: ColumnKind; count: number },
): CsvIssue {
  const cells = column.count === 1 ? '1 more cell' : `${column.count.toLocaleString('en-US')} more cells`;
  return issueAt({ file, column }, { severity: 'warning', code: 'cell.more-unreadable', params: { count: column.count, kind: column.kind } },
    `${cells} could not be read as ${KIND_NAMES[column.kind]} and count as missing.`);
}

/** One line for a log or the CLI: the severity, then the message. */
export function formatIssue(issue: CsvIssue): string {
  return `${issue.severity}: ${issue.message}`;
}
