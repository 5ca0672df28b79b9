/**
 * The opportunity and risk lists (src/engine/lists.ts) on hand-made portfolios: who is on each
 * list and in what order, the renewal forecast's windows and sums, and the columns guessed.
 */
import { describe, expect, it } from 'vitest';
import {
  ADVOCATE_MIN_NPS, advocates, collections, guessListColumn, renewalForecast, upsellCandidates, type ListBase,
} from '../../../src/engine/lists';

const BANDS = [
  { id: 'red', label: 'At risk', color: '#c62828' },
  { id: 'yellow', label: 'Watch', color: '#f9a825' },
  { id: 'green', label: 'Healthy', color: '#2e7d32' },
  { id: 'insufficient', label: 'Insufficient data', color: '#757575' },
];
const [RED, YELLOW, GREEN, INSUFFICIENT] = [0, 1, 2, 3];
const N = Number.NaN;

function base(band: number[], mrr: number[], score: number[] = band.map((b) => 20 + b * 30)): ListBase {
  return { band: Uint8Array.from(band), bands: BANDS, score: Float64Array.from(score), mrr: Float64Array.from(mrr) };
}

describe('upsell candidates', () => {
  it('are healthy customers whose usage grew since the previous snapshot, biggest growth first, MRR breaking ties', () => {
    const b = base([GREEN, GREEN, YELLOW, GREEN, GREEN, GREEN, INSUFFICIENT], [100, 500, 900, 200, 300, N, 50]);
    const now = [20, 15, 50, 10, N, 30, 99];
    const before = [10, 5, 10, 12, 1, N, 1];
    expect(upsellCandidates(b, now, before)).toEqual([
      // 10 up, MRR 500 before MRR 100.
      { row: 1, now: 15, before: 5, change: 10 },
      { row: 0, now: 20, before: 10, change: 10 },
    ]);
  });

  it('needs growth: the same value is not growing', () => {
    expect(upsellCandidates(base([GREEN], [1]), [10], [10])).toEqual([]);
  });
});

describe('advocates', () => {
  it(`are healthy customers answering ${ADVOCATE_MIN_NPS} or 10, highest answer first, then score`, () => {
    const b = base([GREEN, GREEN, GREEN, YELLOW, GREEN, GREEN], [1, 1, 1, 1, 1, 1], [80, 95, 70, 60, 90, 99]);
    expect(advocates(b, [9, 9, 10, 10, 8, N])).toEqual([
      { row: 2, nps: 10 },
      { row: 1, nps: 9 },
      { row: 0, nps: 9 },
    ]);
  });
});

describe('collections', () => {
  it('are customers in any band with late invoices or days overdue, most days overdue first, then late invoices, then MRR', () => {
    const b = base([GREEN, RED, YELLOW, RED, GREEN, INSUFFICIENT], [100, 200, 300, 400, 500, 600]);
    const late = [0, 2, 1, 0, N, 3];
    const overdue = [0, 0, 30, 30, 0, N];
    expect(collections(b, late, overdue)).toEqual([
      // Same days overdue: more late invoices first.
      { row: 2, lateInvoices: 1, daysOverdue: 30 },
      { row: 3, lateInvoices: 0, daysOverdue: 30 },
      { row: 5, lateInvoices: 3, daysOverdue: N },
      { row: 1, lateInvoices: 2, daysOverdue: 0 },
    ]);
  });

  it('work with one of the two columns only', () => {
    const b = base([GREEN, RED], [1, 2]);
    expect(collections(b, null, [0, 5]).map((e) => e.row)).toEqual([1]);
    expect(collections(b, [1, 0], null).map((e) => e.row)).toEqual([0]);
    expect(collections(b, null, null)).toEqual([]);
  });
});

describe('the renewal forecast', () => {
  const TODAY = 20_000;
  it('puts each renewal 0–30, 31–60 or 61–90 days ahead in one window, with customers and MRR per band and in all', () => {
    const b = base([RED, GREEN, YELLOW, RED, GREEN, GREEN, RED, YELLOW], [1000, 200, 300, N, 50, 70, 999, 10]);
    const renewal = [TODAY + 30, TODAY, TODAY + 31, TODAY + 60, TODAY + 61, TODAY + 90, TODAY - 1, TODAY + 91];
    const forecast = renewalForecast(b, renewal, TODAY);
    expect(forecast.windows.map((w) => [w.from, w.to, w.rows])).toEqual([
      [0, 30, [1, 0]],
      [31, 60, [2, 3]],
      [61, 90, [4, 5]],
    ]);
    const [first, second, third] = forecast.windows;
    expect(first!.sum).toEqual({ customers: 2, mrr: 1200, unknownMrr: 0 });
    expect(first!.byBand).toEqual([
      { customers: 1, mrr: 1000, unknownMrr: 0 }, { customers: 0, mrr: 0, unknownMrr: 0 },
      { customers: 1, mrr: 200, unknownMrr: 0 }, { customers: 0, mrr: 0, unknownMrr: 0 },
    ]);
    // Unknown MRR counts the customer and adds nothing.
    expect(second!.sum).toEqual({ customers: 2, mrr: 300, unknownMrr: 1 });
    expect(second!.byBand[RED]).toEqual({ customers: 1, mrr: 0, unknownMrr: 1 });
    expect(third!.byBand[GREEN]).toEqual({ customers: 2, mrr: 120, unknownMrr: 0 });
    // The total is the windows added up; a renewal past or beyond 90 days is in none.
    expect(forecast.total.sum).toEqual({ customers: 6, mrr: 1620, unknownMrr: 1 });
    expect(forecast.total.rows).toEqual([1, 0, 2, 3, 4, 5]);
    for (let band = 0; band < BANDS.length; band++) {
      expect(forecast.total.byBand[band]!.mrr).toBe(forecast.windows.reduce((sum, w) => sum + w.byBand[band]!.mrr, 0));
    }
  });

  it('orders a window soonest first, then by MRR', () => {
    const b = base([GREEN, GREEN, GREEN], [10, 30, 20]);
    expect(renewalForecast(b, [TODAY + 5, TODAY + 5, TODAY + 2], TODAY).windows[0]!.rows).toEqual([2, 1, 0]);
  });
});

describe('the column a list reads', () => {
  const b2b = [
    { column: 'logins_30d', metricId: 'logins_30d', label: 'Logins in the last 30 days' },
    { column: 'active_seats_pct', metricId: 'active_seats_pct', label: 'Active seats (%)' },
    { column: 'nps', metricId: 'nps', label: 'NPS answer (0–10)' },
    { column: 'late_invoices', metricId: 'late_invoices', label: 'Invoices paid late (last 12 months)' },
    { column: 'days_overdue', metricId: 'days_overdue', label: 'Days the oldest open invoice is overdue' },
  ];
  it('is guessed from the model’s metrics', () => {
    expect(guessListColumn('usage', b2b)).toBe('logins_30d');
    expect(guessListColumn('nps', b2b)).toBe('nps');
    expect(guessListColumn('lateInvoices', b2b)).toBe('late_invoices');
    expect(guessListColumn('daysOverdue', b2b)).toBe('days_overdue');
  });

  it('is guessed from other columns’ names (Portuguese too), a model metric first; none when nothing fits', () => {
    const own = [{ column: 'Receita' }, { column: 'Faturas atrasadas' }, { column: 'Dias vencidos' }, { column: 'NPS' }];
    expect(guessListColumn('lateInvoices', own)).toBe('Faturas atrasadas');
    expect(guessListColumn('daysOverdue', own)).toBe('Dias vencidos');
    expect(guessListColumn('nps', [{ column: 'nps_raw' }, { column: 'score', metricId: 'nps_answer' }])).toBe('score');
    expect(guessListColumn('usage', own)).toBeNull();
  });
});
