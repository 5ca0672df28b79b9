/**
 * Rounding as the semantics define it, so floating-point noise never decides a band.
 */

/** Rounds to 6 decimals, halves away from zero: 31.499999999999996 → 31.5. */
export function round6(x: number): number {
  return roundHalfAway(x * 1e6) / 1e6;
}

/** Rounds halves away from zero (2.5 → 3, −2.5 → −3); JavaScript's Math.round sends −2.5 to −2. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
}

/**
 * The reported score of a raw value: first rounded to 6 decimals, then to an integer with halves
 * away from zero. A weighted mean stored as 31.499999999999996 scores 32, as the user reads 31.5.
 */
export function roundScore(x: number): number {
  return roundHalfAway(round6(x));
}

/** Rounds to `decimals` places with the same two-step rule (e.g. coverage to 3 decimals). */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return roundScore(x * f) / f;
}
