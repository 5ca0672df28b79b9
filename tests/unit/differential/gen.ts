/** Small helpers for fast-check's `fc.gen()` generators, shared by the differential tests. */
import fc from 'fast-check';

export type G = fc.GeneratorValue;

/** One of `values`, chosen by the generator (so it shrinks). */
export function pick<T>(g: G, values: readonly T[]): T {
  return g(() => fc.constantFrom(...values));
}

/** True with probability `p` (0–1). */
export function chance(g: G, p: number): boolean {
  return g(() => fc.noBias(fc.integer({ min: 0, max: 999 }))) < p * 1000;
}
