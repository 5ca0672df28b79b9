/**
 * Opportunity and risk lists (issue #6): who to offer more, who to ask for a referral, who owes
 * money, and what renews soon. Pure selections over per-customer arrays in portfolio row order
 * (the band shown, the score, the MRR and the columns each list reads); nothing is scored here.
 * The readings are documented in docs/scoring.md ("Opportunity and risk lists").
 */
import type { EpochDay } from './portfolio';
import type { BandInfo } from './results';

/** What every list reads, one entry per customer in row order. */
export interface ListBase {
  /** The band shown (index into `bands`; the last band is `insufficient`). */
  readonly band: ArrayLike<number>;
  readonly bands: readonly BandInfo[];
  /** Integer score, `NaN` with none. */
  readonly score: ArrayLike<number>;
  /** Monthly recurring revenue, `NaN` if unknown. */
  readonly mrr: ArrayLike<number>;
}

/** The lowest NPS answer (0–10) that makes a healthy customer an advocate: the NPS "promoters". */
export const ADVOCATE_MIN_NPS = 9;

/** The renewal windows, in days from today: 0–30, 31–60, 61–90. */
export const RENEWAL_WINDOWS: readonly number[] = [30, 60, 90];

/** The best band: the last before `insufficient` (green in the default bands). */
export function bestBand(bands: readonly BandInfo[]): number {
  return bands.length - 2;
}

const known = (x: number | undefined): x is number => x !== undefined && !Number.isNaN(x);
const money = (x: number | undefined): number => (known(x) ? x : 0);

export interface UpsellEntry {
  readonly row: number;
  /** The usage column's value now. */
  readonly now: number;
  /** Its value at the previous snapshot. */
  readonly before: number;
  /** `now - before` (> 0). */
  readonly change: number;
}

/**
 * Upsell / cross-sell candidates: customers in the best band whose usage grew since the previous
 * snapshot (the usage column's value now above its value then; both known). Biggest growth first,
 * then the larger MRR, then row order.
 */
export function upsellCandidates(base: ListBase, usageNow: ArrayLike<number>, usageBefore: ArrayLike<number>): UpsellEntry[] {
  const best = bestBand(base.bands);
  const out: UpsellEntry[] = [];
  for (let row = 0; row < base.band.length; row++) {
    if (base.band[row] !== best) continue;
    const now = usageNow[row];
    const before = usageBefore[row];
    if (!known(now) || !known(before) || !(now > before)) continue;
    out.push({ row, now, before, change: now - before });
  }
  return out.sort((a, b) => b.change - a.change || money(base.mrr[b.row]) - money(base.mrr[a.row]) || a.row - b.row);
}

export interface AdvocateEntry {
  readonly row: number;
  readonly nps: number;
}

/** Advocates: customers in the best band whose NPS answer is `min` (9) or more. Highest NPS first, then score, then row. */
export function advocates(base: ListBase, nps: ArrayLike<number>, min = ADVOCATE_MIN_NPS): AdvocateEntry[] {
  const best = bestBand(base.bands);
  const out: AdvocateEntry[] = [];
  for (let row = 0; row < base.band.length; row++) {
    const answer = nps[row];
    if (base.band[row] === best && known(answer) && answer >= min) out.push({ row, nps: answer });
  }
  const score = (row: number) => (known(base.score[row]) ? base.score[row]! : -1);
  return out.sort((a, b) => b.nps - a.nps || score(b.row) - score(a.row) || a.row - b.row);
}

export interface CollectionEntry {
  readonly row: number;
  /** Invoices paid late (`NaN` when unknown or no such column). */
  readonly lateInvoices: number;
  /** Days the oldest open invoice is overdue (`NaN` when unknown or no such column). */
  readonly daysOverdue: number;
}

/**
 * Collections: customers with late invoices (more than 0) or an invoice overdue (more than 0
 * days), in any band. Worst first: most days overdue, then most late invoices, then the larger
 * MRR, then row order. Either column may be absent (`null`).
 */
export function collections(base: ListBase, lateInvoices: ArrayLike<number> | null, daysOverdue: ArrayLike<number> | null): CollectionEntry[] {
  const out: CollectionEntry[] = [];
  for (let row = 0; row < base.band.length; row++) {
    const late = lateInvoices?.[row] ?? Number.NaN;
    const overdue = daysOverdue?.[row] ?? Number.NaN;
    if (late > 0 || overdue > 0) out.push({ row, lateInvoices: late, daysOverdue: overdue });
  }
  return out.sort((a, b) => money(b.daysOverdue) - money(a.daysOverdue) || money(b.lateInvoices) - money(a.lateInvoices)
    || money(base.mrr[b.row]) - money(base.mrr[a.row]) || a.row - b.row);
}

/** Customers and their MRR together (customers with no MRR count 0). */
export interface RenewalSum {
  readonly customers: number;
  readonly mrr: number;
  /** Customers whose MRR is unknown (counted, adding 0). */
  readonly unknownMrr: number;
}

export interface RenewalWindow {
  /** First day from today (0 = today). */
  readonly from: number;
  /** Last day from today. */
  readonly to: number;
  /** The customers renewing in it, soonest first (then the larger MRR, then row order). */
  readonly rows: readonly number[];
  readonly sum: RenewalSum;
  /** Per band (order of `bands`). */
  readonly byBand: readonly RenewalSum[];
}

export interface RenewalForecast {
  readonly windows: readonly RenewalWindow[];
  /** Every window together. */
  readonly total: RenewalWindow;
}

function sums(rows: readonly number[], base: ListBase): { sum: RenewalSum; byBand: RenewalSum[] } {
  const byBand = base.bands.map(() => ({ customers: 0, mrr: 0, unknownMrr: 0 }));
  const sum = { customers: 0, mrr: 0, unknownMrr: 0 };
  for (const row of rows) {
    const band = byBand[base.band[row]!];
    const value = base.mrr[row];
    for (const s of band ? [sum, band] : [sum]) {
      s.customers++;
      if (known(value)) s.mrr += value;
      else s.unknownMrr++;
    }
  }
  return { sum, byBand };
}

/**
 * Renewal forecast: customers whose renewal day falls 0–30, 31–60 or 61–90 days after `today`
 * (each customer in one window; a renewal day already past is in none), with the customers and
 * the MRR of each window, per band and together.
 */
export function renewalForecast(base: ListBase, renewal: ArrayLike<number>, today: EpochDay, windows: readonly number[] = RENEWAL_WINDOWS): RenewalForecast {
  const last = windows.at(-1) ?? 0;
  const picked: number[][] = windows.map(() => []);
  for (let row = 0; row < base.band.length; row++) {
    const day = renewal[row];
    if (!known(day)) continue;
    const ahead = day - today;
    if (ahead < 0 || ahead > last) continue;
    picked[windows.findIndex((to) => ahead <= to)]!.push(row);
  }
  const order = (a: number, b: number) => renewal[a]! - renewal[b]! || money(base.mrr[b]) - money(base.mrr[a]) || a - b;
  const window = (rows: number[], from: number, to: number): RenewalWindow => ({ from, to, rows: rows.sort(order), ...sums(rows, base) });
  return {
    windows: picked.map((rows, k) => window(rows, k === 0 ? 0 : windows[k - 1]! + 1, windows[k]!)),
    total: window(picked.flat(), 0, last),
  };
}

// ---------------------------------------------------------------------------------------------
// Which column a list reads

/** The figures the lists read from the data, each from a column the user may choose. */
export type ListColumnRole = 'usage' | 'nps' | 'lateInvoices' | 'daysOverdue';

export const LIST_COLUMN_ROLES: readonly ListColumnRole[] = ['usage', 'nps', 'lateInvoices', 'daysOverdue'];

/** A number column of the data, with what the model calls it when it reads it. */
export interface ColumnDescription {
  /** The column's name in the data (a metric's `source`). */
  readonly column: string;
  /** The model metric's id reading it, if any. */
  readonly metricId?: string;
  /** The model metric's label, if any. */
  readonly label?: string;
}

/** What each role's column is usually called (ids, sources, labels; English, Portuguese, Spanish). */
const GUESSES: Readonly<Record<ListColumnRole, RegExp>> = {
  usage: /login|usage|\buso\b|uso_|active|ativ|activ|session|sess[aã]o|acess|acces/i,
  nps: /nps/i,
  lateInvoices: /late|atrasad|retrasad|paid_late|pagas_em_atraso/i,
  daysOverdue: /overdue|vencid|days_late|dias_?atraso|dias de atraso|mora/i,
};

/**
 * The column a role reads when the user chose none: the first model metric (model order) whose
 * id, column or label reads like it, else the first other column whose name does; `null` if none.
 * `columns`: the data's number columns, model metrics first.
 */
export function guessListColumn(role: ListColumnRole, columns: readonly ColumnDescription[]): string | null {
  const pattern = GUESSES[role];
  const named = (c: ColumnDescription) => [c.metricId, c.column, c.label].some((text) => text !== undefined && pattern.test(text));
  // Late invoices and days overdue look alike: a column that reads like the other is not taken.
  const other = role === 'lateInvoices' ? GUESSES.daysOverdue : null;
  const fits = (c: ColumnDescription) => named(c) && !(other && [c.metricId, c.column].some((text) => text !== undefined && other.test(text)));
  return (columns.find((c) => c.metricId !== undefined && fits(c)) ?? columns.find(fits))?.column ?? null;
}
