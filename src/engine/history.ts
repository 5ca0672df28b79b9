/**
 * A portfolio through time. The value of a metric for a customer at day D is the latest
 * observation at or before D (DESIGN "Data model"): a survey answered in March is still the
 * customer's NPS in May, dated March, so that `maxAgeDays` can call it stale.
 */
import { BOOLEAN_MISSING, TEXT_MISSING, type Column, type ColumnKind, type EpochDay, type Portfolio } from './portfolio';

/** The customers as observed on one day. Every snapshot of a history has the same rows. */
export interface Snapshot {
  readonly day: EpochDay;
  readonly portfolio: Portfolio;
}

/** `column` has no value at `row` (NaN, 255 or -1, by kind). */
export function isMissing(column: Column, row: number): boolean {
  switch (column.kind) {
    case 'number':
    case 'date':
      return Number.isNaN(column.values[row]!);
    case 'boolean':
      return column.values[row] === BOOLEAN_MISSING;
    case 'text':
      return column.codes[row] === TEXT_MISSING;
  }
}

/** `column` with every missing cell filled from `earlier` (same kind), each value keeping the day it was observed. */
function carry(column: Column, day: EpochDay, earlier: Column | undefined): Column {
  const n = column.kind === 'text' ? column.codes.length : column.values.length;
  const observedOn = column.observedOn ? column.observedOn.slice() : new Float64Array(n).fill(day);
  if (!earlier || earlier.kind !== column.kind) return { ...column, observedOn };
  const from = earlier.observedOn!;
  switch (column.kind) {
    case 'number':
    case 'date':
    case 'boolean': {
      const values = column.values.slice();
      const old = (earlier as typeof column).values;
      for (let r = 0; r < n; r++) {
        if (isMissing(column, r) && !isMissing(earlier, r)) {
          values[r] = old[r]!;
          observedOn[r] = from[r]!;
        }
      }
      return { kind: column.kind, values, observedOn } as Column;
    }
    case 'text': {
      const old = earlier as typeof column;
      const labels = [...column.labels];
      const codeOf = new Map(labels.map((l, i) => [l, i]));
      const codes = column.codes.slice();
      for (let r = 0; r < n; r++) {
        if (codes[r] !== TEXT_MISSING || old.codes[r] === TEXT_MISSING) continue;
        const label = old.labels[old.codes[r]!]!;
        let code = codeOf.get(label);
        if (code === undefined) {
          code = labels.push(label) - 1;
          codeOf.set(label, code);
        }
        codes[r] = code;
        observedOn[r] = from[r]!;
      }
      return { kind: 'text', codes, labels, observedOn };
    }
  }
}

/**
 * Each snapshot with its missing cells filled by the latest earlier observation of the same
 * customer, and every value dated (`observedOn`: its own day, or the day it carries over from).
 * Oldest first in, oldest first out. Pure: the input is not changed.
 */
export function latestObservations(history: readonly Snapshot[]): Snapshot[] {
  const out: Snapshot[] = [];
  for (const snapshot of history) {
    const previous = out.at(-1)?.portfolio;
    const columns = new Map<string, Column>();
    for (const [name, column] of snapshot.portfolio.columns) columns.set(name, carry(column, snapshot.day, previous?.columns.get(name)));
    out.push({ day: snapshot.day, portfolio: { ...snapshot.portfolio, columns } });
  }
  return out;
}

/**
 * A value typed by hand (a manual entry) for one customer's column, as observed on `day`. For a
 * `date` column the value is an `EpochDay`; for `text`, a label.
 */
export interface Observation {
  readonly customerId: string;
  readonly column: string;
  readonly kind: ColumnKind;
  readonly value: number | boolean | string;
  readonly day: EpochDay;
}

/**
 * Whether an observation can go into a column of `kind`: the same kind with a value of that
 * kind (a finite number, a yes/no, a non-blank label), or a number into a `date` column.
 */
function fits(observation: Observation, kind: ColumnKind): boolean {
  const { value } = observation;
  switch (kind) {
    case 'number':
      return observation.kind === 'number' && typeof value === 'number' && Number.isFinite(value);
    case 'date':
      return (observation.kind === 'date' || observation.kind === 'number') && typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return observation.kind === 'boolean' && typeof value === 'boolean';
    case 'text':
      return observation.kind === 'text' && typeof value === 'string' && value.trim() !== '';
  }
}

/** An all-missing column of `kind` with `size` rows, dated `day` like a column `latestObservations` dated. */
function emptyColumn(kind: ColumnKind, size: number, day: EpochDay): Column {
  const observedOn = new Float64Array(size).fill(day);
  switch (kind) {
    case 'number':
    case 'date':
      return { kind, values: new Float64Array(size).fill(NaN), observedOn };
    case 'boolean':
      return { kind, values: new Uint8Array(size).fill(BOOLEAN_MISSING), observedOn };
    case 'text':
      return { kind, codes: new Int32Array(size).fill(TEXT_MISSING), labels: [], observedOn };
  }
}

/** `column` with `writes` (row -> observation) applied, on copies of its arrays. */
function written(column: Column, writes: ReadonlyMap<number, Observation>, day: EpochDay): Column {
  const n = column.kind === 'text' ? column.codes.length : column.values.length;
  const observedOn = column.observedOn ? column.observedOn.slice() : new Float64Array(n).fill(day);
  for (const [row, observation] of writes) observedOn[row] = observation.day;
  switch (column.kind) {
    case 'number':
    case 'date': {
      const values = column.values.slice();
      for (const [row, observation] of writes) values[row] = Number(observation.value);
      return { kind: column.kind, values, observedOn };
    }
    case 'boolean': {
      const values = column.values.slice();
      for (const [row, observation] of writes) values[row] = observation.value === true ? 1 : 0;
      return { kind: 'boolean', values, observedOn };
    }
    case 'text': {
      const labels = [...column.labels];
      const codeOf = new Map(labels.map((label, code) => [label, code]));
      const codes = column.codes.slice();
      for (const [row, observation] of writes) {
        const label = String(observation.value).trim();
        let code = codeOf.get(label);
        if (code === undefined) {
          code = labels.push(label) - 1;
          codeOf.set(label, code);
        }
        codes[row] = code;
      }
      return { kind: 'text', codes, labels, observedOn };
    }
  }
}

/** Row of each customer id. */
function rowIndex(ids: readonly string[]): Map<string, number> {
  const rows = new Map<string, number>();
  ids.forEach((id, row) => {
    if (!rows.has(id)) rows.set(id, row);
  });
  return rows;
}

/**
 * Each snapshot with the observations of its day or before applied: an observation wins over a
 * value observed earlier, or on the same day (a hand-typed value is deliberate); a later observed
 * value wins over it. Among observations of one customer's column, the latest-dated wins, and on
 * the same day the later in the list. An applied value is dated with the observation's day
 * (`observedOn`), so `maxAgeDays` ages it like any value.
 *
 * A column an observation names that the portfolio lacks is created (its kind from the first
 * observation naming it). Observations for customers not in the last snapshot, without a
 * finite day, or whose kind
 * cannot go into the column's kind (see `fits`: a number may go into a date column), are not
 * applied: `unapplied`. `superseded`: observations dated on or before the last snapshot that are
 * not in effect there because a later value (imported, or typed later) replaced them.
 * Observations dated after the last snapshot are in neither set (see `extendTo`).
 *
 * `history` is expected as `latestObservations` gives it (every value dated). Pure: snapshots and
 * columns with nothing applied are passed through; the others are copies.
 */
export function applyObservations(
  history: readonly Snapshot[],
  observations: readonly Observation[],
): { history: Snapshot[]; superseded: ReadonlySet<number>; unapplied: ReadonlySet<number> } {
  const superseded = new Set<number>();
  const unapplied = new Set<number>();
  const last = history.at(-1);
  if (last === undefined) {
    observations.forEach((_, index) => unapplied.add(index));
    return { history: [], superseded, unapplied };
  }
  const createdKind = new Map<string, ColumnKind>();
  for (const { column, kind } of observations) if (!createdKind.has(column)) createdKind.set(column, kind);
  const kindIn = (portfolio: Portfolio, column: string): ColumnKind =>
    portfolio.columns.get(column)?.kind ?? createdKind.get(column)!;

  // Every snapshot of a history has the same rows: index the last one's ids once, and check
  // (cheaper than indexing) that each other snapshot has them too before using that index.
  const lastRows = rowIndex(last.portfolio.ids);
  const lastIds = last.portfolio.ids;
  const sameRows = (ids: readonly string[]) =>
    ids === lastIds || (ids.length === lastIds.length && ids.every((id, row) => id === lastIds[row]));
  const rowsOf = (portfolio: Portfolio): ReadonlyMap<string, number> => (sameRows(portfolio.ids) ? lastRows : rowIndex(portfolio.ids));

  observations.forEach((observation, index) => {
    const known = lastRows.has(observation.customerId) && Number.isFinite(observation.day);
    if (!known || !fits(observation, kindIn(last.portfolio, observation.column))) unapplied.add(index);
  });
  // Oldest first, list order on one day: the last one seen for a cell is the one that wins.
  const order = observations.map((_, index) => index).filter((index) => !unapplied.has(index));
  order.sort((a, b) => observations[a]!.day - observations[b]!.day || a - b);

  const out = history.map((snapshot, s) => {
    const { day, portfolio } = snapshot;
    const rows = rowsOf(portfolio);
    // column -> row -> winning observation index
    const winners = new Map<string, Map<number, number>>();
    for (const index of order) {
      const observation = observations[index]!;
      if (observation.day > day) break;
      const row = rows.get(observation.customerId);
      if (row === undefined || !fits(observation, kindIn(portfolio, observation.column))) continue;
      let ofColumn = winners.get(observation.column);
      if (ofColumn === undefined) {
        ofColumn = new Map();
        winners.set(observation.column, ofColumn);
      }
      ofColumn.set(row, index);
    }
    const isLast = s === history.length - 1;
    if (isLast) {
      for (const index of order) if (observations[index]!.day <= day) superseded.add(index);
    }
    if (winners.size === 0) return snapshot;
    const columns = new Map(portfolio.columns);
    for (const [name, ofColumn] of winners) {
      const column = portfolio.columns.get(name) ?? emptyColumn(kindIn(portfolio, name), portfolio.size, day);
      const writes = new Map<number, Observation>();
      for (const [row, index] of ofColumn) {
        const observation = observations[index]!;
        const observedOn = column.observedOn?.[row] ?? day;
        if (!isMissing(column, row) && observedOn > observation.day) continue;
        writes.set(row, observation);
        if (isLast) superseded.delete(index);
      }
      if (writes.size > 0) columns.set(name, written(column, writes, day));
    }
    return { day, portfolio: { ...portfolio, columns } };
  });
  return { history: out, superseded, unapplied };
}

/**
 * `history` with one more snapshot on `day` (later than its last) carrying the last snapshot's
 * values, each still dated when it was observed — for scoring "now" when a hand-typed value is
 * newer than the last import. An empty history stays empty. Throws a `RangeError` when `day` is
 * not after the last snapshot.
 */
export function extendTo(history: readonly Snapshot[], day: EpochDay): Snapshot[] {
  const last = history.at(-1);
  if (last === undefined) return [];
  if (!(day > last.day)) throw new RangeError(`extendTo: day ${day} is not after the last snapshot (${last.day})`);
  const { portfolio } = last;
  const columns = new Map<string, Column>();
  for (const [name, column] of portfolio.columns) {
    columns.set(name, column.observedOn ? column : { ...column, observedOn: new Float64Array(portfolio.size).fill(last.day) });
  }
  return [...history, { day, portfolio: { ...portfolio, columns } }];
}
