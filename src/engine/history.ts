/**
 * A portfolio through time. The value of a metric for a customer at day D is the latest
 * observation at or before D (DESIGN "Data model"): a survey answered in March is still the
 * customer's NPS in May, dated March, so that `maxAgeDays` can call it stale.
 */
import { BOOLEAN_MISSING, TEXT_MISSING, type Column, type EpochDay, type Portfolio } from './portfolio';

/** The customers as observed on one day. Every snapshot of a history has the same rows. */
export interface Snapshot {
  readonly day: EpochDay;
  readonly portfolio: Portfolio;
}

function isMissing(column: Column, row: number): boolean {
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
