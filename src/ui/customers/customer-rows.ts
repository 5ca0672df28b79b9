/**
 * Which customers the list shows, in what order: plain functions over the typed arrays, so that
 * sorting 100k customers never builds 100k objects.
 */
import type { CustomerTable, ScoresView } from '../../worker/api';

export type SortKey = 'name' | 'score' | 'change' | 'band' | 'coverage' | 'segment' | 'owner' | 'mrr' | 'renewal';
export type SortDirection = 'ascending' | 'descending';

export interface ListOrder {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

/** Worst first: the customers who need attention lead. */
export const DEFAULT_ORDER: ListOrder = { key: 'score', direction: 'ascending' };

function numericKey(key: SortKey, scores: ScoresView, table: CustomerTable): ((row: number) => number) | null {
  switch (key) {
    case 'score':
      return (r) => scores.score[r]!;
    case 'change':
      return (r) => scores.score[r]! - scores.previousScore[r]!;
    case 'band':
      return (r) => scores.band[r]!;
    case 'coverage':
      return (r) => scores.coverage[r]!;
    case 'mrr':
      return (r) => table.mrr[r]!;
    case 'renewal':
      return (r) => table.renewal[r]!;
    default:
      return null;
  }
}

function textKey(key: SortKey, table: CustomerTable): readonly string[] {
  return key === 'segment' ? table.segments : key === 'owner' ? table.owners : table.names;
}

/**
 * Rows to show (indexes into the table), filtered to `bandIndex` and to `stage` (trimmed; `''` is
 * "no stage") when given, sorted by `order`.
 * Missing values (no score, no earlier score) always go last, whatever the direction; ties keep
 * name order so the list does not jump.
 */
export function listRows(
  scores: ScoresView,
  table: CustomerTable,
  options: { order: ListOrder; bandIndex: number | null; stage?: string | null; locale: string },
): Int32Array {
  const rows: number[] = [];
  const stage = options.stage ?? null;
  for (let r = 0; r < scores.band.length; r++) {
    if (options.bandIndex !== null && scores.band[r] !== options.bandIndex) continue;
    if (stage !== null && (table.stages[r] ?? '').trim() !== stage) continue;
    rows.push(r);
  }
  const sign = options.order.direction === 'ascending' ? 1 : -1;
  const collator = new Intl.Collator(options.locale, { sensitivity: 'base', numeric: true });
  const names = table.names;
  const byName = (a: number, b: number) => collator.compare(names[a]!, names[b]!);
  const numeric = numericKey(options.order.key, scores, table);
  if (numeric) {
    rows.sort((a, b) => {
      const x = numeric(a);
      const y = numeric(b);
      const xm = Number.isNaN(x);
      const ym = Number.isNaN(y);
      if (xm || ym) return xm === ym ? byName(a, b) : xm ? 1 : -1;
      return x === y ? byName(a, b) : sign * (x - y);
    });
  } else {
    const texts = textKey(options.order.key, table);
    rows.sort((a, b) => sign * collator.compare(texts[a]!, texts[b]!) || byName(a, b));
  }
  return Int32Array.from(rows);
}
