/**
 * From a table's string cells to the engine's typed columns: guessing a column's kind, and
 * reading it as a kind, with a warning for every cell that cannot be read (C3).
 */
import { BOOLEAN_MISSING, TEXT_MISSING } from '../engine/portfolio';
import type { Column, ColumnKind } from '../engine/portfolio';
import {
  isExcelError, isPlainText, isSilentMissing, isWordBoolean, parseBooleanCell, parseDateCell, parseNumberCell, plainDate, plainNumber,
} from './cells';
import type { CellResult, CsvIssue, CsvTable } from './csv-types';
import { detectDateOrder } from './detect';
import { cellUnreadable, cellsMoreUnreadable } from './messages';

/** Share of a column's values that must read as numbers (or dates) for it to count as one. */
const KIND_THRESHOLD = 0.95;
/**
 * Unreadable cells reported one by one per column; the rest are counted in one warning, so
 * that a text column read as numbers gives a readable list, not 100,000 lines.
 */
const MAX_CELL_ISSUES_PER_COLUMN = 20;

/**
 * The order of day and month for a column (C7): the override if the user set one, else the
 * column's own evidence (a first part over 12 is a day), else the file's order.
 */
export function columnDateOrder(table: CsvTable, columnIndex: number): 'dmy' | 'mdy' {
  if (!table.format.detected.dateOrder) return table.format.dateOrder;
  return detectDateOrder([table.columns[columnIndex] ?? []], table.format.dateOrder);
}

/**
 * The kind a column most likely holds. Boolean when every value is a yes/no token and not all
 * are 1/0 (a 0/1 column is a number); number when at least 95% of the values read as numbers;
 * date likewise; else text. Missing cells and Excel errors do not count; a column with no
 * value at all is text.
 */
export function detectColumnKind(table: CsvTable, columnIndex: number): ColumnKind {
  const cells = table.columns[columnIndex] ?? [];
  const dateOrder = columnDateOrder(table, columnIndex);
  // More misses than this and the column cannot reach the threshold, whatever the rest holds.
  const missesAllowed = (1 - KIND_THRESHOLD) * cells.length;
  let values = 0, booleans = 0, words = 0, numbers = 0, dates = 0;
  for (const cell of cells) {
    if (isSilentMissing(cell) || isExcelError(cell)) continue;
    values++;
    if (booleans === values - 1 && parseBooleanCell(cell).ok) booleans++;
    if (isWordBoolean(cell)) words++;
    if (plainNumber(cell, table.format) !== undefined || parseNumberCell(cell, table.format).ok) numbers++;
    else if (plainDate(cell, dateOrder) !== undefined || parseDateCell(cell, dateOrder).ok) dates++;
    const decided = booleans < values && values - numbers > missesAllowed && values - dates > missesAllowed;
    if (decided) return 'text';
  }
  if (values === 0) return 'text';
  if (booleans === values && words > 0) return 'boolean';
  if (numbers >= KIND_THRESHOLD * values) return 'number';
  if (dates >= KIND_THRESHOLD * values) return 'date';
  return 'text';
}

interface Target {
  readonly table: CsvTable;
  readonly columnIndex: number;
  readonly kind: ColumnKind;
  /** Data rows to read, in order; output position `at` holds row `rows[at]`. */
  readonly rows: Int32Array;
  /** Only these output positions (ascending), when given: the cells a fast path left. */
  readonly positions?: Int32Array;
}

/**
 * Runs `fast` on every cell of the target rows, storing what it reads; the positions it could
 * not read (it gave `undefined`) are returned for the full reader, which also says what is wrong.
 */
function readPlain<T>(target: Target, fast: (text: string) => T | undefined, store: (at: number, value: T) => void): Int32Array {
  const cells = target.table.columns[target.columnIndex] ?? [];
  const { rows } = target;
  const rest = new Int32Array(rows.length);
  let left = 0;
  for (let at = 0; at < rows.length; at++) {
    const value = fast(cells[rows[at]!] ?? '');
    if (value === undefined) rest[left++] = at;
    else store(at, value);
  }
  return rest.subarray(0, left);
}

/**
 * Reads each cell of the target rows and hands the readable ones to `store`; cells left
 * unstored stay missing. Returns the warnings for the unreadable ones.
 */
function readCells<T>(
  target: Target,
  read: (text: string) => CellResult<T>,
  store: (at: number, value: T) => void,
): CsvIssue[] {
  const { table, columnIndex, kind, rows } = target;
  const cells = table.columns[columnIndex] ?? [];
  const column = { name: table.header[columnIndex] ?? '', index: columnIndex };
  const issues: CsvIssue[] = [];
  let unreported = 0;
  (target.positions ?? rows).forEach((p, k) => {
    const at = target.positions ? p : k;
    const r = rows[at]!;
    const text = cells[r] ?? '';
    const result = read(text);
    if (result.ok) store(at, result.value);
    else if (!result.missing && issues.length >= MAX_CELL_ISSUES_PER_COLUMN) unreported++;
    else if (!result.missing) {
      const place = { file: table.file, row: table.rowNumbers[r] ?? 0, column };
      issues.push(cellUnreadable(place, { value: text, kind, reason: result.reason, excelError: isExcelError(text) }));
    }
  });
  if (unreported > 0) issues.push(cellsMoreUnreadable(table.file, { ...column, kind, count: unreported }));
  return issues;
}

function readTextCell(text: string): CellResult<string> {
  if (isSilentMissing(text)) return { ok: false, missing: true };
  if (isExcelError(text)) return { ok: false, missing: false, reason: 'is an Excel error value' };
  return { ok: true, value: text.trim() };
}

function toTextColumn(target: Target): { column: Column; issues: CsvIssue[] } {
  const codes = new Int32Array(target.rows.length).fill(TEXT_MISSING);
  const labels: string[] = [];
  const codeOf = new Map<string, number>();
  const store = (at: number, label: string): void => {
    let code = codeOf.get(label);
    if (code === undefined) {
      code = labels.push(label) - 1;
      codeOf.set(label, code);
    }
    codes[at] = code;
  };
  const positions = readPlain(target, (text) => (isPlainText(text) ? text : undefined), store);
  const issues = readCells({ ...target, positions }, readTextCell, store);
  if (positions.length === 0) return { column: { kind: 'text', codes, labels }, issues };
  // The cells the fast pass left were coded last: number the labels again in order of first appearance.
  const renumbered = new Int32Array(labels.length).fill(TEXT_MISSING);
  const ordered: string[] = [];
  for (let at = 0; at < codes.length; at++) {
    const code = codes[at]!;
    if (code === TEXT_MISSING) continue;
    if (renumbered[code] === TEXT_MISSING) renumbered[code] = ordered.push(labels[code]!) - 1;
    codes[at] = renumbered[code]!;
  }
  return { column: { kind: 'text', codes, labels: ordered }, issues };
}

function allRows(table: CsvTable): Int32Array {
  return Int32Array.from({ length: table.rowCount }, (_, i) => i);
}

/**
 * Reads a column as `kind`, for the data rows `rows` (indexes into the table; default all, in
 * order). Silent missing cells (C3) become missing; any other cell that cannot be read becomes
 * missing with a warning naming file, row, column and value. Text keeps each label trimmed,
 * dictionary-encoded in order of first appearance. No `observedOn`: a plain CSV says nothing
 * about when values were observed.
 */
export function toColumn(
  table: CsvTable,
  columnIndex: number,
  kind: ColumnKind,
  rows: Int32Array = allRows(table),
): { column: Column; issues: CsvIssue[] } {
  const target: Target = { table, columnIndex, kind, rows };
  switch (kind) {
    case 'number': {
      const values = new Float64Array(rows.length).fill(NaN);
      const store = (at: number, v: number): void => { values[at] = v; };
      const positions = readPlain(target, (text) => plainNumber(text, table.format), store);
      const issues = readCells({ ...target, positions }, (text) => parseNumberCell(text, table.format), store);
      return { column: { kind, values }, issues };
    }
    case 'boolean': {
      const values = new Uint8Array(rows.length).fill(BOOLEAN_MISSING);
      const issues = readCells(target, parseBooleanCell, (at, v) => { values[at] = v ? 1 : 0; });
      return { column: { kind, values }, issues };
    }
    case 'date': {
      const order = columnDateOrder(table, columnIndex);
      const values = new Float64Array(rows.length).fill(NaN);
      const store = (at: number, v: number): void => { values[at] = v; };
      const positions = readPlain(target, (text) => plainDate(text, order), store);
      const issues = readCells({ ...target, positions }, (text) => parseDateCell(text, order), store);
      return { column: { kind, values }, issues };
    }
    case 'text':
      return toTextColumn(target);
  }
}
