/** Small helpers for fast-check's `fc.gen()` generators, shared by the differential tests. */
import fc from 'fast-check';
import type { Bands } from '../../../src/engine';

export type G = fc.GeneratorValue;

/** One of `values`, chosen by the generator (so it shrinks). */
export function pick<T>(g: G, values: readonly T[]): T {
  return g(() => fc.constantFrom(...values));
}

/** True with probability `p` (0–1). */
export function chance(g: G, p: number): boolean {
  return g(() => fc.noBias(fc.integer({ min: 0, max: 999 }))) < p * 1000;
}

/**
 * Bands for a generated model: the default (undefined), fixed with 2–5 cuts (ascending, the last
 * 100) named from `ids` (5 of them, worst first) and labelled `${label} k`, or quantile.
 */
export function genBands(g: G, ids: readonly [string, string, string, string, string], label: string): Bands | undefined {
  const choice = pick(g, ['default', 'fixed', 'fixed', 'quantile'] as const);
  if (choice === 'quantile') return { mode: 'quantile' };
  if (choice === 'default') return undefined;
  const n = g(fc.integer, { min: 2, max: 5 });
  const maxes = g(() => fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: n - 1, maxLength: n - 1 })).sort((x, y) => x - y);
  maxes.push(100);
  const named = ids.slice(5 - n);
  return { mode: 'fixed', cuts: maxes.map((max, i) => ({ id: named[i]!, label: `${label} ${i}`, max })) };
}
