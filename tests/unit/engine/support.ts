/**
 * Shared helpers for the engine's black-box tests: run the public API on factory-built inputs.
 */
import { expect } from 'vitest';
import { explainCustomer, scorePortfolio } from '../../../src/engine';
import type { HealthModel } from '../../../src/engine/model';
import type { CustomerExplanation, PortfolioScores } from '../../../src/engine/results';
import { day, makePortfolio, type PortfolioOptions, type Row } from '../../factories';

/** The as-of date used unless a test says otherwise. */
export const AS_OF = day('2024-05-31');

export interface RunOptions extends PortfolioOptions {
  asOf?: number;
}

export function score(model: HealthModel, rows: Row[], opts: RunOptions = {}): PortfolioScores {
  return scorePortfolio(model, makePortfolio(rows, opts), { asOf: opts.asOf ?? AS_OF });
}

export function explain(
  model: HealthModel,
  rows: Row[],
  row: number,
  opts: RunOptions & { quantiles?: { p25: number; p75: number } } = {},
): CustomerExplanation {
  const base = { asOf: opts.asOf ?? AS_OF };
  return explainCustomer(model, makePortfolio(rows, opts), row, opts.quantiles ? { ...base, quantiles: opts.quantiles } : base);
}

/** Band id per customer. */
export function bandIds(s: PortfolioScores): string[] {
  return Array.from(s.band, (b) => s.bands[b]?.id ?? `?${b}`);
}

/** Score per customer as a plain array (NaN where none). */
export function scores(s: PortfolioScores): number[] {
  return Array.from(s.score);
}

/** One row's summary: score, band id and coverage. */
export function at(s: PortfolioScores, i: number): { score: number; band: string; coverage: number; raw: number } {
  return {
    score: s.score[i] ?? NaN,
    band: s.bands[s.band[i] ?? 255]?.id ?? '?',
    coverage: s.coverage[i] ?? NaN,
    raw: s.raw[i] ?? NaN,
  };
}

/** Element-wise closeness (NaN must match NaN). */
export function expectClose(got: ArrayLike<number>, want: readonly number[], digits = 9): void {
  expect(Array.from(got)).toHaveLength(want.length);
  want.forEach((w, i) => {
    const g = got[i] ?? NaN;
    if (Number.isNaN(w)) expect(g, `[${i}]`).toBeNaN();
    else expect(g, `[${i}]`).toBeCloseTo(w, digits);
  });
}
