/** Reading the portfolio's columns for the UI, and picking rows of scores. */
import { TEXT_MISSING, type Column, type PortfolioScores } from '../engine';

/** A text column as strings (`''` where missing); any other kind or no column: all `''`. */
export function texts(column: Column | undefined, size: number): string[] {
  if (column?.kind !== 'text') return Array.from({ length: size }, () => '');
  return Array.from(column.codes, (code) => (code === TEXT_MISSING ? '' : (column.labels[code] ?? '')));
}

/** A number or date column as a fresh Float64Array (`NaN` where missing); any other kind or no column: all `NaN`. */
export function numbers(column: Column | undefined, size: number): Float64Array {
  return column?.kind === 'number' || column?.kind === 'date' ? column.values.slice() : new Float64Array(size).fill(Number.NaN);
}

function pick<T extends Float64Array | Uint8Array>(values: T, rows: readonly number[], make: (n: number) => T): T {
  const out = make(rows.length);
  rows.forEach((row, k) => (out[k] = values[row]!));
  return out;
}

/** The scores of `rows` only, in that order. */
export function pickScores(scores: PortfolioScores, rows: readonly number[]): PortfolioScores {
  const f64 = (values: Float64Array) => pick(values, rows, (n) => new Float64Array(n));
  return {
    ...scores,
    size: rows.length,
    score: f64(scores.score),
    raw: f64(scores.raw),
    coverage: f64(scores.coverage),
    band: pick(scores.band, rows, (n) => new Uint8Array(n)),
    categoryScores: scores.categoryScores.map(f64),
  };
}
