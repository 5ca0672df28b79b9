/**
 * From a table to the engine's `Portfolio`: one row per customer id (C10), one typed column per
 * source the model reads.
 */
import type { Column, ColumnKind, Portfolio } from '../engine/portfolio';
import type { CsvIssue, CsvTable } from './csv-types';
import { toColumn } from './columns';
import { findColumn } from './header';
import {
  columnMissing, idColumnMissing, idDuplicate, idEmpty, noUsableRows, rowDuplicate, rowTooManyFields,
} from './messages';

export interface ReadPortfolioOptions {
  /** Header name of the column with the customers' ids, looked up like any column (C2). */
  readonly idColumn: string;
  /** Source column name as the model spells it -> the kind the model reads it as. */
  readonly needs: ReadonlyMap<string, ColumnKind>;
  /**
   * Leave out rows that cannot be used (too many cells, empty id), reported as warnings,
   * instead of refusing the file. Duplicate ids with different values are refused either way:
   * which of the two rows is right is for the user to say.
   */
  readonly skipBadRows?: boolean;
}

/** Two data rows hold the same values, ignoring spaces around them (which a spreadsheet hides). */
function sameCells(table: CsvTable, a: number, b: number): boolean {
  return table.columns.every((cells) => (cells[a] ?? '').trim() === (cells[b] ?? '').trim());
}

/**
 * The as-of day of each data row, for a file that holds several days (one snapshot per date in a
 * column, see `import-table.ts`). Rows with the same day are one portfolio: an id may appear once
 * per day.
 */
export interface RowDays {
  /** Per data row, its as-of day; `NaN` where it has none (the row cannot be used). */
  readonly dayOf: Float64Array;
  /** The issue for data row `index` whose day is `NaN`; `skipped`: left out (warning) rather than refused (error). */
  readonly issue: (index: number, skipped: boolean) => CsvIssue;
}

export interface SelectCustomerRowsOptions {
  /** Index of the id column. */
  readonly idIndex: number;
  readonly skipBadRows: boolean;
  /** Without: the whole file is one day. */
  readonly days?: RowDays;
  /** Called with the number of data rows looked at, every `PROGRESS_ROWS` rows. */
  readonly onProgress?: (rowsDone: number) => void;
}

/** What `selectCustomerRows` keeps and leaves out. */
export interface RowSelection {
  /** Data rows kept, in file order. */
  readonly kept: number[];
  /** The id of each kept row, trimmed. */
  readonly ids: string[];
  /**
   * Data rows that cannot be used, in file order: too many cells, an empty id, no as-of day, or
   * an id already on another row (of the same day) with different values. Exact copies of an
   * earlier row are left out too, but are not bad: nothing of them is lost.
   */
  readonly bad: number[];
  /** How many of `bad` repeat an id with different values: skipping rows cannot settle which is right. */
  readonly conflicts: number;
  readonly issues: CsvIssue[];
}

/** How often `selectCustomerRows` reports progress, in rows. */
const PROGRESS_ROWS = 10_000;

/**
 * Picks the rows that become customers (C9, C10), for `readPortfolio` and the import alike: rows
 * with too many cells, an empty id or (with `days`) no as-of day are bad rows — errors, or
 * warnings when `skipBadRows`; a row identical to an earlier one of its day is left out with a
 * warning; the same id twice on one day with different values is an error either way.
 */
export function selectCustomerRows(table: CsvTable, options: SelectCustomerRowsOptions): RowSelection {
  const { file } = table;
  const { idIndex, skipBadRows, days, onProgress } = options;
  const badRows = new Map(table.badRows.map((bad) => [bad.index, bad]));
  const idCells = table.columns[idIndex] ?? [];
  const column = { name: table.header[idIndex] ?? '', index: idIndex };
  // First row of each id, per as-of day (one day, 0, without `days`).
  const firstWithId = new Map<number, Map<string, number>>();
  const kept: number[] = [];
  const ids: string[] = [];
  const bad: number[] = [];
  const issues: CsvIssue[] = [];
  let conflicts = 0;
  for (let r = 0; r < table.rowCount; r++) {
    if (onProgress !== undefined && r > 0 && r % PROGRESS_ROWS === 0) onProgress(r);
    const row = table.rowNumbers[r] ?? 0;
    const tooMany = badRows.get(r);
    const id = (idCells[r] ?? '').trim();
    const day = days === undefined ? 0 : (days.dayOf[r] ?? NaN);
    let ofDay = firstWithId.get(day);
    const first = ofDay?.get(id);
    if (tooMany !== undefined) {
      const { delimiter } = table.format;
      const cells = { row, cells: tooMany.cellCount, headerCells: table.header.length, delimiter, skipped: skipBadRows };
      issues.push(rowTooManyFields(file, cells));
      bad.push(r);
    } else if (id === '') {
      issues.push(idEmpty(file, { row, column, skipped: skipBadRows }));
      bad.push(r);
    } else if (days !== undefined && Number.isNaN(day)) {
      issues.push(days.issue(r, skipBadRows));
      bad.push(r);
    } else if (first !== undefined) {
      const firstRow = table.rowNumbers[first] ?? 0;
      if (sameCells(table, first, r)) {
        issues.push(rowDuplicate(file, row, firstRow));
      } else {
        issues.push(idDuplicate(file, { row, column, id, firstRow }));
        bad.push(r);
        conflicts++;
      }
    } else {
      if (ofDay === undefined) {
        ofDay = new Map();
        firstWithId.set(day, ofDay);
      }
      ofDay.set(id, r);
      kept.push(r);
      ids.push(id);
    }
  }
  return { kept, ids, bad, conflicts, issues };
}

/**
 * Builds the portfolio the engine scores. The id column is required; rows with too many cells
 * or an empty id are errors (or, with `skipBadRows`, left out with a warning); a row identical
 * to an earlier one is left out with a warning; the same id with different values is an error.
 * With any error, `portfolio` is `null`. Each needed source is read with `toColumn` as its kind
 * and keyed by the name the model uses; a source not in the file gives a warning and no column
 * (every customer counts as missing for it).
 */
export function readPortfolio(
  table: CsvTable,
  options: ReadPortfolioOptions,
): { portfolio: Portfolio | null; issues: CsvIssue[] } {
  const { file } = table;
  const idIndex = findColumn(table, options.idColumn);
  if (idIndex < 0) return { portfolio: null, issues: [idColumnMissing(file, options.idColumn, table.header)] };
  const { kept, ids, issues } = selectCustomerRows(table, { idIndex, skipBadRows: options.skipBadRows ?? false });
  if (issues.some((issue) => issue.severity === 'error')) return { portfolio: null, issues };
  if (kept.length === 0) return { portfolio: null, issues: [...issues, noUsableRows(file)] };

  const rows = Int32Array.from(kept);
  const columns = new Map<string, Column>();
  for (const [source, kind] of options.needs) {
    const index = findColumn(table, source);
    if (index < 0) {
      issues.push(columnMissing(file, source));
      continue;
    }
    const read = toColumn(table, index, kind, rows);
    columns.set(source, read.column);
    issues.push(...read.issues);
  }
  return { portfolio: { size: rows.length, ids, columns }, issues };
}
