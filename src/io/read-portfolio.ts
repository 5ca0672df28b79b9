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

interface Selection {
  /** Data rows kept, in file order. */
  readonly kept: number[];
  /** The id of each kept row, trimmed. */
  readonly ids: string[];
  readonly issues: CsvIssue[];
}

/** Picks the rows that become customers: bad rows, empty ids and exact copies are left out. */
function selectRows(table: CsvTable, idIndex: number, skipBadRows: boolean): Selection {
  const { file } = table;
  const badRows = new Map(table.badRows.map((bad) => [bad.index, bad]));
  const idCells = table.columns[idIndex] ?? [];
  const column = { name: table.header[idIndex] ?? '', index: idIndex };
  const firstWithId = new Map<string, number>();
  const selection: Selection = { kept: [], ids: [], issues: [] };
  for (let r = 0; r < table.rowCount; r++) {
    const row = table.rowNumbers[r] ?? 0;
    const bad = badRows.get(r);
    const id = (idCells[r] ?? '').trim();
    const first = firstWithId.get(id);
    if (bad !== undefined) {
      const { delimiter } = table.format;
      const cells = { row, cells: bad.cellCount, headerCells: table.header.length, delimiter, skipped: skipBadRows };
      selection.issues.push(rowTooManyFields(file, cells));
    } else if (id === '') {
      selection.issues.push(idEmpty(file, { row, column, skipped: skipBadRows }));
    } else if (first !== undefined) {
      const firstRow = table.rowNumbers[first] ?? 0;
      selection.issues.push(sameCells(table, first, r)
        ? rowDuplicate(file, row, firstRow)
        : idDuplicate(file, { row, column, id, firstRow }));
    } else {
      firstWithId.set(id, r);
      selection.kept.push(r);
      selection.ids.push(id);
    }
  }
  return selection;
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
  const { kept, ids, issues } = selectRows(table, idIndex, options.skipBadRows ?? false);
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
