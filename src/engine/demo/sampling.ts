/**
 * Random draws for the demo portfolio, from a seeded uniform source.
 *
 * Only `+ − × ÷` and `Math.sqrt` are used (IEEE-754 makes them exact to the last bit everywhere),
 * never `Math.exp`, `Math.log`, `Math.pow` or `Math.cos`: ECMAScript lets each engine approximate
 * those, and the demo must be the same byte for byte in Chrome, Firefox, Safari and Node.
 */

/** A uniform source of floats in [0, 1), such as `seededRandom(seed)`. */
export type Random = () => number;

/** True with probability `p`. */
export function chance(rand: Random, p: number): boolean {
  return rand() < p;
}

/** A whole number from `lo` to `hi`, both included. */
export function uniformInt(rand: Random, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** A float from `lo` (included) to `hi` (excluded). */
export function uniform(rand: Random, lo: number, hi: number): number {
  return lo + rand() * (hi - lo);
}

/** One of `items`, each equally likely. */
export function pick<T>(rand: Random, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/**
 * Mean 0, standard deviation 1, bell-shaped: the Irwin–Hall sum of four uniforms, rescaled.
 * Bounded at ±3.46, which suits demo noise (no absurd outliers) as well as it avoids `Math.log`.
 */
export function normal(rand: Random): number {
  return (rand() + rand() + rand() + rand() - 2) * Math.sqrt(3);
}

/** `e^(−x)` for `x ≥ 0`, by halving into a short Taylor series and squaring back: arithmetic only. */
export function expNeg(x: number): number {
  let halvings = 0;
  let y = x;
  while (y > 0.0625) {
    y /= 2;
    halvings++;
  }
  // Six terms leave an error below 1e-10 for y ≤ 1/16.
  let e = 1 - y * (1 - (y / 2) * (1 - (y / 3) * (1 - (y / 4) * (1 - (y / 5) * (1 - y / 6)))));
  for (let k = 0; k < halvings; k++) e *= e;
  return e;
}

/** A Poisson count with mean `lambda` (≥ 0), by inversion: one uniform per draw. */
export function poisson(rand: Random, lambda: number): number {
  if (lambda <= 0) return 0;
  const u = rand();
  let k = 0;
  let p = expNeg(lambda);
  let cumulative = p;
  // The cut-off only guards against `u` landing in the last float's rounding gap.
  while (u >= cumulative && k < lambda * 4 + 20) {
    k++;
    p *= lambda / k;
    cumulative += p;
  }
  return k;
}

/** How many of `n` trials succeed, each with probability `p`. */
export function binomial(rand: Random, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rand() < p) k++;
  return k;
}

/** `x` kept within [`lo`, `hi`]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * A steep falling S-curve from `high` (x well below `mid`) to 0, half way at `mid`:
 * `high / (1 + (x / mid)^steepness)`, with a whole-number `steepness`.
 */
export function fallingCurve(x: number, mid: number, high: number, steepness: number): number {
  const r = x / mid;
  let power = 1;
  for (let k = 0; k < steepness; k++) power *= r;
  return high / (1 + power);
}

/** A 32-bit seed for stream `stream` of `seed`: distinct streams give unrelated sequences (murmur3's finaliser). */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
