/**
 * How one column's values are spread over the current customers, for the chart beside a rule
 * being drafted: a histogram of numbers (dates through `daysSince`), yes/no counts, or label counts.
 */
import { TEXT_MISSING, type Column, type EpochDay } from '../engine';
import type { DistributionBin, IndicatorDistribution } from './api';

/** Bars the histogram aims at. */
const TARGET_BINS = 20;

/**
 * The distribution of `column` over its `size` rows, read as a rule reads it: with `daysSince`, a
 * date column gives whole days from each date to `asOf`; without it, a date column is `absent`
 * (a rule never scores a raw date).
 */
export function columnDistribution(column: Column | undefined, size: number, asOf: EpochDay, transform?: 'daysSince'): IndicatorDistribution {
  if (!column) return { kind: 'absent', customers: size };
  if (transform === 'daysSince') {
    if (column.kind !== 'date') return { kind: 'absent', customers: size };
    return numberDistribution(sortedValues(column.values, asOf), size);
  }
  switch (column.kind) {
    case 'number':
      return numberDistribution(sortedValues(column.values), size);
    case 'date':
      return { kind: 'absent', customers: size };
    case 'boolean': {
      let yes = 0;
      let no = 0;
      for (const v of column.values) {
        if (v === 1) yes++;
        else if (v === 0) no++;
      }
      return { kind: 'boolean', customers: size, missing: size - yes - no, yes, no };
    }
    case 'text': {
      const counts = new Array<number>(column.labels.length).fill(0);
      let missing = 0;
      for (const code of column.codes) {
        if (code === TEXT_MISSING || code >= counts.length) missing++;
        else counts[code]!++;
      }
      // The same label written twice in a dictionary (case, spaces) is one label to a rule.
      const byLabel = new Map<string, { label: string; count: number }>();
      column.labels.forEach((label, code) => {
        const key = label.trim().toLowerCase();
        const known = byLabel.get(key);
        if (known) known.count += counts[code]!;
        else if (counts[code]! > 0) byLabel.set(key, { label: label.trim(), count: counts[code]! });
      });
      const labels = [...byLabel.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
      return { kind: 'text', customers: size, missing, labels };
    }
  }
}

/** A round bin width near `span / TARGET_BINS`: 1, 2, 2.5 or 5 times a power of ten. */
function niceWidth(span: number): number {
  const raw = span / TARGET_BINS;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10;
  return step * power;
}

/** The values present (not `NaN`), or with `asOf` the days from each to it, ascending: one pass and one sort (100k in a few ms). */
function sortedValues(values: Float64Array, asOf?: EpochDay): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) out[n++] = asOf === undefined ? v : asOf - v;
  }
  return out.subarray(0, n).sort();
}

function numberDistribution(present: Float64Array, size: number): IndicatorDistribution {
  const missing = size - present.length;
  if (present.length === 0) {
    return { kind: 'number', customers: size, missing, bins: [], min: Number.NaN, max: Number.NaN, median: Number.NaN, p10: Number.NaN, p90: Number.NaN };
  }
  const min = present[0]!;
  const max = present[present.length - 1]!;
  const rank = (q: number) => present[Math.max(0, Math.ceil(q * present.length) - 1)]!;
  const middle = present.length >> 1;
  const median = present.length % 2 === 1 ? present[middle]! : (present[middle - 1]! + present[middle]!) / 2;
  return { kind: 'number', customers: size, missing, bins: histogram(present, min, max), min, max, median, p10: rank(0.1), p90: rank(0.9) };
}

/** Bins over sorted `present` values. */
function histogram(present: Float64Array, min: number, max: number): DistributionBin[] {
  const whole = present.every(Number.isInteger);
  let start: number;
  let width: number;
  let count: number;
  if (whole && max - min + 1 <= TARGET_BINS + 5) {
    // A few whole numbers (NPS 0–10, tickets): one bar per value reads best.
    start = min;
    width = 1;
    count = max - min + 1;
  } else if (max === min) {
    start = min;
    width = 1;
    count = 1;
  } else {
    width = niceWidth(max - min);
    start = Math.floor(min / width) * width;
    count = Math.max(1, Math.ceil((max - start) / width - 1e-9));
    if (start + count * width <= max) count++;
  }
  const counts = new Array<number>(count).fill(0);
  for (const v of present) counts[Math.min(count - 1, Math.floor((v - start) / width + 1e-9))]!++;
  return counts.map((n, k) => ({ from: round(start + k * width), to: round(start + (k + 1) * width), count: n }));
}

/** Bin edges without floating-point dust (0.30000000000000004). */
function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
