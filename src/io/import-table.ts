/**
 * From a read table and the user's mapping (the import wizard) to what an import stores: one
 * portfolio per as-of day, customer fields and metrics under the names the app and the models
 * read, and the other headers kept as columns of their own. Rows are picked exactly as
 * `readPortfolio` picks them (`selectCustomerRows`), per day when the dates are in a column.
 */
import type { Column, ColumnKind, EpochDay, Portfolio } from '../engine/portfolio';
import { TEXT_MISSING } from '../engine/portfolio';
import { parseDateCell } from './cells';
import { CUSTOMER_FIELDS, type CustomerField } from './column-mapping';
import { columnDateOrder, detectColumnKind, toColumn } from './columns';
import type { CsvIssue, CsvTable } from './csv-types';
import { asOfEmpty, asOfUnreadable, idNotMapped, noUsableRows } from './messages';
import { selectCustomerRows, type RowDays, type RowSelection } from './read-portfolio';

/**
 * The column each customer field is stored under, and its kind: the names the worker's customer
 * list and the starter models read (`segments.field` is `stage`).
 */
export const CUSTOMER_FIELD_COLUMNS: Readonly<
  Record<Exclude<CustomerField, 'id'>, { readonly name: string; readonly kind: ColumnKind }>
> = {
  name: { name: 'name', kind: 'text' },
  segment: { name: 'segment', kind: 'text' },
  stage: { name: 'stage', kind: 'text' },
  owner: { name: 'owner', kind: 'text' },
  mrr: { name: 'mrr', kind: 'number' },
  renewalDate: { name: 'renewal_date', kind: 'date' },
};

/** What to import from a table, as the user mapped it. Header indexes are 0-based (column A is 0). */
export interface ImportTablePlan {
  /** Header index per customer field; `id` is required. */
  readonly fields: Partial<Record<CustomerField, number>>;
  /** Metric id -> header index. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Metric id -> the column it is stored under (the model's `source`) and the kind the model reads it as. */
  readonly metricColumns: Readonly<Record<string, { readonly source: string; readonly kind: ColumnKind }>>;
  /** One day for the whole file, or the header index of a column of dates (one portfolio per date). */
  readonly asOf: { readonly day: EpochDay } | { readonly column: number };
  /** Leave out the rows that cannot be used (reported as warnings) instead of asking. */
  readonly skipBadRows: boolean;
  /** Store headers nothing is mapped to as their own columns (kind detected), under their header name. Default true. */
  readonly keepOtherColumns?: boolean;
}

/** One as-of day of the import. */
export interface ImportDay {
  readonly day: EpochDay;
  readonly portfolio: Portfolio;
  /**
   * Bad rows of this day left out. Rows with no readable as-of date, and the bad rows of a day
   * with no usable row (which gives no portfolio), belong to no day: they count only in `bad`.
   */
  readonly skipped: number;
}

export interface ImportTableResult {
  /** Ascending by day; empty when `verdict` is `blocked`. */
  readonly days: readonly ImportDay[];
  /** Row problems first (in file order), then unreadable cells by column. */
  readonly issues: readonly CsvIssue[];
  /** Data rows in the file. */
  readonly rows: number;
  /** Rows that can be imported (exact copies of an earlier row of the same day are not counted). */
  readonly usable: number;
  /** Rows that cannot be used: too many cells, empty id, no readable as-of date, or an id repeated with other values. */
  readonly bad: number;
  /**
   * - `ok`: `days` can be stored as they are;
   * - `needs-choice`: some rows are bad and `skipBadRows` is off: `days` are what skipping them gives;
   * - `blocked`: no id column is mapped, an id is on two rows of one day with different values
   *   (which row is right is the user's call), or no usable row is left.
   */
  readonly verdict: 'ok' | 'needs-choice' | 'blocked';
}

export interface BuildImportOptions {
  /** Progress through the table: `done` of `total` rows (the row pass, then each column typed, scaled to the rows). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A column to store: its name in the portfolio, the header it is read from, and as what. */
interface StoredColumn {
  readonly name: string;
  readonly index: number;
  readonly kind: ColumnKind;
}

function checkIndex(table: CsvTable, index: number, what: string): number {
  if (!Number.isInteger(index) || index < 0 || index >= table.header.length) {
    throw new RangeError(`${what} is mapped to header index ${index}, but ${table.file} has ${table.header.length} columns`);
  }
  return index;
}

/**
 * The columns to store, first claim on a name winning: customer fields (in `CUSTOMER_FIELDS`
 * order), metrics (in the plan's order, so metrics sharing a source give one column), then the
 * headers nothing is mapped to, under their own names.
 */
function storedColumns(table: CsvTable, plan: ImportTablePlan): StoredColumn[] {
  const stored: StoredColumn[] = [];
  const names = new Set<string>();
  const mapped = new Set<number>();
  const add = (name: string, index: number, kind: ColumnKind) => {
    mapped.add(index);
    if (names.has(name)) return;
    names.add(name);
    stored.push({ name, index, kind });
  };
  for (const field of CUSTOMER_FIELDS) {
    const index = plan.fields[field];
    if (index === undefined) continue;
    checkIndex(table, index, `field "${field}"`);
    if (field === 'id') mapped.add(index);
    else add(CUSTOMER_FIELD_COLUMNS[field].name, index, CUSTOMER_FIELD_COLUMNS[field].kind);
  }
  for (const [metric, index] of Object.entries(plan.metrics)) {
    const target = plan.metricColumns[metric];
    if (target === undefined) throw new RangeError(`metric "${metric}" is mapped but has no entry in metricColumns`);
    add(target.source, checkIndex(table, index, `metric "${metric}"`), target.kind);
  }
  if ('column' in plan.asOf) mapped.add(plan.asOf.column);
  if (plan.keepOtherColumns ?? true) {
    table.header.forEach((name, index) => {
      if (!mapped.has(index) && !names.has(name)) add(name, index, detectColumnKind(table, index));
    });
  }
  return stored;
}

/**
 * The as-of day of every data row from a column of dates, read like any date column (C7). A
 * file holds few distinct dates, so each distinct cell is parsed once.
 */
function asOfDays(table: CsvTable, index: number): RowDays {
  const cells = table.columns[index] ?? [];
  const order = columnDateOrder(table, index);
  const known = new Map<string, number>();
  const dayOf = new Float64Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    const text = cells[r] ?? '';
    let day = known.get(text);
    if (day === undefined) {
      const read = parseDateCell(text, order);
      day = read.ok ? read.value : NaN;
      known.set(text, day);
    }
    dayOf[r] = day;
  }
  const column = { name: table.header[index] ?? '', index };
  return {
    dayOf,
    issue: (r, skipped) => {
      const value = cells[r] ?? '';
      const row = table.rowNumbers[r] ?? 0;
      const read = parseDateCell(value, order);
      return !read.ok && !read.missing
        ? asOfUnreadable(table.file, { row, column, value, reason: read.reason, skipped })
        : asOfEmpty(table.file, { row, column, skipped });
    },
  };
}

/** The kept rows in the order they are stored (by day, then file order), and where each day's rows start and end. */
interface DayLayout {
  readonly rows: Int32Array;
  readonly ids: string[];
  readonly days: { readonly day: EpochDay; readonly start: number; readonly end: number; readonly skipped: number }[];
}

function layOutDays(selection: RowSelection, dayOf: (r: number) => number): DayLayout {
  const { kept, bad } = selection;
  const counts = new Map<number, number>();
  for (const r of kept) {
    const day = dayOf(r);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const skippedOn = new Map<number, number>();
  for (const r of bad) {
    const day = dayOf(r);
    if (counts.has(day)) skippedOn.set(day, (skippedOn.get(day) ?? 0) + 1);
  }
  const days: DayLayout['days'] = [];
  const next = new Map<number, number>();
  let start = 0;
  for (const day of [...counts.keys()].sort((a, b) => a - b)) {
    const end = start + (counts.get(day) ?? 0);
    days.push({ day, start, end, skipped: skippedOn.get(day) ?? 0 });
    next.set(day, start);
    start = end;
  }
  if (days.length === 1) return { rows: Int32Array.from(kept), ids: selection.ids, days };
  const rows = new Int32Array(kept.length);
  const ids = new Array<string>(kept.length);
  kept.forEach((r, k) => {
    const day = dayOf(r);
    const at = next.get(day) ?? 0;
    next.set(day, at + 1);
    rows[at] = r;
    ids[at] = selection.ids[k] ?? '';
  });
  return { rows, ids, days };
}

/** Rows `[start, end)` of a column; a text column keeps only the labels those rows use, in order of first use. */
function sliceColumn(column: Column, start: number, end: number): Column {
  switch (column.kind) {
    case 'number':
    case 'date':
      return { kind: column.kind, values: column.values.slice(start, end) };
    case 'boolean':
      return { kind: 'boolean', values: column.values.slice(start, end) };
    case 'text': {
      const codes = column.codes.slice(start, end);
      const labels: string[] = [];
      const recoded = new Int32Array(column.labels.length).fill(TEXT_MISSING);
      for (let k = 0; k < codes.length; k++) {
        const code = codes[k] ?? TEXT_MISSING;
        if (code === TEXT_MISSING) continue;
        let now = recoded[code] ?? TEXT_MISSING;
        if (now === TEXT_MISSING) {
          now = labels.push(column.labels[code] ?? '') - 1;
          recoded[code] = now;
        }
        codes[k] = now;
      }
      return { kind: 'text', codes, labels };
    }
  }
}

/**
 * Builds what an import stores from a table and the user's mapping: one portfolio per as-of day
 * (ascending), and every problem. Rows are picked as `readPortfolio` picks them (C9, C10) — per
 * day when `plan.asOf` names a column, so an id may appear once per day; a row whose as-of date
 * is empty or unreadable is a bad row. Cells are read with `toColumn` (same warnings), each
 * header once whatever number of days. Throws a `RangeError` for a header index the table does
 * not have, or a mapped metric missing from `metricColumns` (a caller's mistake, not the file's).
 */
export function buildImport(table: CsvTable, plan: ImportTablePlan, options: BuildImportOptions = {}): ImportTableResult {
  const { file, rowCount } = table;
  const blocked = (issues: CsvIssue[], counts: { usable: number; bad: number }): ImportTableResult => ({
    days: [], issues, rows: rowCount, ...counts, verdict: 'blocked',
  });
  const idIndex = plan.fields.id;
  if (idIndex === undefined) return blocked([idNotMapped(file, table.header)], { usable: 0, bad: 0 });

  const stored = storedColumns(table, plan);
  const days = 'column' in plan.asOf ? asOfDays(table, checkIndex(table, plan.asOf.column, 'the as-of date')) : undefined;
  const { onProgress } = options;
  // Work is the row pass plus one pass per header typed, reported in rows.
  const work = 1 + stored.length;
  const report = onProgress === undefined ? undefined : (passes: number) => onProgress(Math.round((rowCount * passes) / work), rowCount);

  const selection = selectCustomerRows(table, {
    idIndex, skipBadRows: plan.skipBadRows, ...(days ? { days } : {}),
    ...(report ? { onProgress: (done: number) => report(done / rowCount) } : {}),
  });
  const { issues } = selection;
  const counts = { usable: selection.kept.length, bad: selection.bad.length };
  if (selection.conflicts > 0) return blocked(issues, counts);
  if (selection.kept.length === 0) return blocked([...issues, noUsableRows(file)], counts);
  report?.(1);

  const fixed = 'day' in plan.asOf ? plan.asOf.day : NaN;
  const layout = layOutDays(selection, days ? (r) => days.dayOf[r] ?? NaN : () => fixed);
  const typed = new Map<string, Column>();
  const columns = stored.map(({ name, index, kind }, k) => {
    const key = `${index}/${kind}`;
    let column = typed.get(key);
    if (column === undefined) {
      const read = toColumn(table, index, kind, layout.rows);
      column = read.column;
      typed.set(key, column);
      issues.push(...read.issues);
    }
    report?.(2 + k);
    return [name, column] as const;
  });

  const single = layout.days.length === 1;
  const out = layout.days.map(({ day, start, end, skipped }) => ({
    day,
    skipped,
    portfolio: {
      size: end - start,
      ids: single ? layout.ids : layout.ids.slice(start, end),
      columns: new Map(columns.map(([name, column]) => [name, single ? column : sliceColumn(column, start, end)])),
    },
  }));
  const verdict = selection.bad.length > 0 && !plan.skipBadRows ? 'needs-choice' : 'ok';
  return { days: out, issues, rows: rowCount, ...counts, verdict };
}
