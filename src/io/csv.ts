/**
 * The one CSV reader of the app and the CLI: bytes -> a table of string cells with the file's
 * format detected (readings C1–C9), then typed columns (`columns.ts`) and a portfolio
 * (`read-portfolio.ts`). No DOM: it runs in Node and in a Web Worker.
 */
import Papa from 'papaparse';
import type { BadRow, CsvFormat, CsvIssue, CsvOverrides, CsvTable } from './csv-types';
import { decodeCsv } from './decode';
import { detectDelimiter, detectNumberFormat, withoutSeparatorLine } from './detect';
import { isBlankRecord, readHeader } from './header';
import { fileEmpty, fileNoRows, fileUnclosedQuote, rowTooFewFields } from './messages';

export type { BadRow, CellResult, CsvFormat, CsvIssue, CsvOverrides, CsvTable } from './csv-types';
export { parseBooleanCell, parseDateCell, parseNumberCell } from './cells';
export { columnDateOrder, detectColumnKind, toColumn } from './columns';
export { readPortfolio, type ReadPortfolioOptions } from './read-portfolio';
export { findColumn } from './header';
export { columnLetter, formatIssue } from './messages';

interface Body {
  readonly columns: string[][];
  readonly rowNumbers: number[];
  readonly badRows: BadRow[];
}

/**
 * Spreads the data records into columns. Short rows are padded with empty cells (warned); long
 * rows whose extra cells hold something are bad rows; blank rows are left out.
 */
function readBody(
  file: string,
  records: readonly (readonly string[])[],
  start: { headerCells: number; firstRecord: number },
  issues: CsvIssue[],
): Body {
  const { headerCells } = start;
  // Columns sized for every record up front and cut to the rows kept at the end: growing 20
  // arrays of 100,000 cells push by push copies each of them many times over.
  const capacity = Math.max(0, records.length - start.firstRecord);
  const columns = Array.from({ length: headerCells }, () => new Array<string>(capacity));
  const body: Body = { columns, rowNumbers: [], badRows: [] };
  for (let r = start.firstRecord; r < records.length; r++) {
    const record = records[r] ?? [];
    if (isBlankRecord(record)) continue;
    // A spreadsheet shows every line, blank or not, so record r is its row r + 1.
    const row = r + 1;
    const index = body.rowNumbers.length;
    body.rowNumbers.push(row);
    if (record.length < headerCells) issues.push(rowTooFewFields(file, row, record.length, headerCells));
    if (record.length > headerCells && !isBlankRecord(record.slice(headerCells))) {
      body.badRows.push({ index, row, cellCount: record.length });
    }
    for (let c = 0; c < headerCells; c++) {
      const cells = columns[c];
      if (cells !== undefined) cells[index] = record[c] ?? '';
    }
  }
  for (const cells of columns) cells.length = body.rowNumbers.length;
  return body;
}

function lineEndingOf(linebreak: string): CsvFormat['lineEnding'] {
  return linebreak === '\r\n' || linebreak === '\r' ? linebreak : '\n';
}

/**
 * Reads a CSV file into a table of cells, detecting its encoding, delimiter, decimal separator
 * and date order unless `overrides` sets them. `table` is `null` only with a file-level error
 * (empty, not text, no data rows, an unclosed quote); `issues` also holds the header and
 * short-row warnings. Rows with too many cells are listed in `table.badRows` and reported by
 * `readPortfolio`, which decides whether they stop the import.
 */
export function readCsv(
  input: { readonly name: string; readonly data: Uint8Array | string },
  overrides: CsvOverrides = {},
): { table: CsvTable | null; issues: CsvIssue[] } {
  const file = input.name;
  const decoded = decodeCsv(input, overrides.encoding);
  if ('issue' in decoded) return { table: null, issues: [decoded.issue] };
  const { text, declared } = withoutSeparatorLine(decoded.text);
  if (!/\S/.test(text)) return { table: null, issues: [fileEmpty(file)] };

  const delimiter = overrides.delimiter ?? declared ?? detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const unclosed = parsed.errors.find((error) => error.code === 'MissingQuotes');
  if (unclosed !== undefined) return { table: null, issues: [fileUnclosedQuote(file, (unclosed.row ?? 0) + 1)] };

  const records = parsed.data;
  const headerRecord = records.findIndex((record) => !isBlankRecord(record));
  if (headerRecord < 0) return { table: null, issues: [fileEmpty(file)] };
  const issues: CsvIssue[] = [];
  const header = readHeader(file, records[headerRecord] ?? [], issues);
  const body = readBody(file, records, { headerCells: header.length, firstRecord: headerRecord + 1 }, issues);
  if (body.rowNumbers.length === 0) return { table: null, issues: [fileNoRows(file)] };

  const { decimal, dateOrder } = detectNumberFormat(body.columns, delimiter, overrides);
  const format: CsvFormat = {
    delimiter,
    decimal,
    thousands: decimal === '.' ? ',' : '.',
    dateOrder,
    encoding: decoded.encoding,
    bom: decoded.bom,
    lineEnding: lineEndingOf(parsed.meta.linebreak),
    detected: {
      delimiter: overrides.delimiter === undefined,
      decimal: overrides.decimal === undefined,
      dateOrder: overrides.dateOrder === undefined,
      encoding: overrides.encoding === undefined || typeof input.data === 'string',
    },
  };
  const table: CsvTable = {
    file,
    header,
    columns: body.columns,
    rowCount: body.rowNumbers.length,
    rowNumbers: Int32Array.from(body.rowNumbers),
    format,
    badRows: body.badRows,
  };
  return { table, issues };
}
