/**
 * Bands: from integer scores to red / yellow / green (or the model's own cuts), and `insufficient`.
 */
import { DEFAULT_FIXED_BANDS, INSUFFICIENT, MODEL_DEFAULTS, QUANTILE_BANDS, type BandCut, type HealthModel } from './model';
import type { BandInfo } from './results';

/** Colours for bands that name none, from worst to best, by how many bands there are. */
const PALETTES: Readonly<Record<number, readonly string[]>> = {
  2: ['#c62828', '#2e7d32'],
  3: ['#c62828', '#f9a825', '#2e7d32'],
  4: ['#c62828', '#ef6c00', '#f9a825', '#2e7d32'],
  5: ['#c62828', '#ef6c00', '#f9a825', '#7cb342', '#2e7d32'],
};

export const INSUFFICIENT_BAND: BandInfo = { id: INSUFFICIENT, label: 'Insufficient data', color: '#757575' };

function defaultLabel(id: string): string {
  const known = DEFAULT_FIXED_BANDS.cuts.find((c) => c.id === id);
  return known?.label ?? id;
}

/** The model's bands, worst first, as results name them, with `insufficient` last. */
export function bandInfos(model: HealthModel): readonly BandInfo[] {
  const bands = model.bands ?? MODEL_DEFAULTS.bands;
  const cuts: readonly BandCut[] = bands.mode === 'fixed' ? bands.cuts : QUANTILE_BANDS;
  const palette = PALETTES[cuts.length] ?? PALETTES[3]!;
  return [
    ...cuts.map((cut, k) => ({ id: cut.id, label: cut.label ?? defaultLabel(cut.id), color: cut.color ?? palette[k] ?? '#757575' })),
    INSUFFICIENT_BAND,
  ];
}

/** For fixed bands: the band index of every integer score 0–100. */
export function fixedBandTable(cuts: readonly BandCut[]): Uint8Array {
  const table = new Uint8Array(101);
  let k = 0;
  for (let s = 0; s <= 100; s++) {
    while (k < cuts.length - 1 && s > cuts[k]!.max) k++;
    table[s] = k;
  }
  return table;
}

/**
 * p25 and p75 of integer scores 0–100 by the nearest-rank method: the values at ranks ⌈0.25·N⌉
 * and ⌈0.75·N⌉ of the ascending scores. `counts[s]` is how many customers scored `s`.
 * Both are `NaN` when there are no scores.
 */
export function nearestRankQuartiles(counts: Uint32Array): { p25: number; p75: number } {
  let n = 0;
  for (const c of counts) n += c;
  if (n === 0) return { p25: Number.NaN, p75: Number.NaN };
  return { p25: valueAtRank(counts, Math.ceil(0.25 * n)), p75: valueAtRank(counts, Math.ceil(0.75 * n)) };
}

function valueAtRank(counts: Uint32Array, rank: number): number {
  let seen = 0;
  for (let s = 0; s < counts.length; s++) {
    seen += counts[s]!;
    if (seen >= rank) return s;
  }
  return counts.length - 1;
}

/** Quantile band index of a score: 0 (red) at or below p25, 2 (green) at or above p75, else 1 (yellow). */
export function quantileBand(score: number, p25: number, p75: number): number {
  if (score <= p25) return 0;
  if (score >= p75) return 2;
  return 1;
}
