/**
 * Seeded randomness for deterministic data (the demo portfolio, benchmarks): the engine never
 * reads a clock or `Math.random`.
 */

/** mulberry32: a small, fast PRNG; the same seed always gives the same floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
