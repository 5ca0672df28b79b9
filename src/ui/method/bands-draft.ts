/**
 * Editing a draft model's bands, as plain functions the bands editor calls: fixed cuts (2–5
 * bands, each with a label, a colour and its highest score) or quartiles. Every function gives a
 * new model; the worker's `checkModel` has the last word on validity, these only keep the cuts in
 * a shape the user can always fix (ascending, whole numbers, the last one 100).
 */
import { DEFAULT_FIXED_BANDS, type BandCut, type Bands, type FixedBands, type HealthModel } from '../../engine/model';

export const MIN_BANDS = 2;
export const MAX_BANDS = 5;

/** The fixed bands a model starts from (the defaults of DESIGN.md: ≤50 red, ≤70 yellow, the rest green). */
export const DEFAULT_CUTS: readonly BandCut[] = DEFAULT_FIXED_BANDS.cuts;

/** Colours offered to a new band, from worst to best. */
const NEW_COLOURS = ['#c62828', '#ef6c00', '#f9a825', '#7cb342', '#2e7d32'];

export function bandsOf(model: HealthModel): Bands {
  return model.bands ?? { mode: 'fixed', cuts: DEFAULT_CUTS };
}

/** The cuts the editor shows: the model's own in fixed mode, the defaults otherwise (kept for a switch back). */
export function cutsOf(model: HealthModel): readonly BandCut[] {
  const bands = bandsOf(model);
  return bands.mode === 'fixed' ? bands.cuts : DEFAULT_CUTS;
}

export function withBands(model: HealthModel, bands: Bands): HealthModel {
  return { ...model, bands };
}

export function withMode(model: HealthModel, mode: Bands['mode']): HealthModel {
  return withBands(model, mode === 'quantile' ? { mode: 'quantile' } : { mode: 'fixed', cuts: cutsOf(model) });
}

function fixed(model: HealthModel, cuts: readonly BandCut[]): HealthModel {
  return withBands(model, { mode: 'fixed', cuts } satisfies FixedBands);
}

/** Band `index`'s label or colour changed. */
export function withCut(model: HealthModel, index: number, change: Partial<Pick<BandCut, 'label' | 'color'>>): HealthModel {
  return fixed(model, cutsOf(model).map((cut, i) => (i === index ? { ...cut, ...change } : cut)));
}

/**
 * Band `index`'s highest score moved to `max` (a whole number; the last band's stays 100). The
 * others move as little as possible to stay ascending with at least one score each.
 */
export function withMax(model: HealthModel, index: number, max: number): HealthModel {
  const cuts = cutsOf(model);
  if (index >= cuts.length - 1 || !Number.isFinite(max)) return model;
  // Band i needs room for itself and one score per band below it, and one per band above.
  const value = Math.min(Math.max(Math.round(max), index), 100 - (cuts.length - 1 - index));
  const next = cuts.map((cut) => cut.max);
  next[index] = value;
  for (let i = index - 1; i >= 0; i--) next[i] = Math.min(next[i]!, next[i + 1]! - 1);
  for (let i = index + 1; i < cuts.length - 1; i++) next[i] = Math.max(next[i]!, next[i - 1]! + 1);
  return fixed(model, cuts.map((cut, i) => ({ ...cut, max: i === cuts.length - 1 ? 100 : next[i]! })));
}

/** A new band above band `index` (it takes the upper half of its range); at most `MAX_BANDS`. */
export function addBand(model: HealthModel, index: number, label: string): HealthModel {
  const cuts = cutsOf(model);
  if (cuts.length >= MAX_BANDS) return model;
  const low = index === 0 ? -1 : cuts[index - 1]!.max;
  const high = cuts[index]!.max;
  if (high - low < 2) return model;
  const split = Math.floor((low + high) / 2);
  const ids = new Set(cuts.map((c) => c.id));
  let n = cuts.length + 1;
  while (ids.has(`band-${n}`)) n++;
  const added: BandCut = { id: `band-${n}`, label, color: NEW_COLOURS[Math.min(index + 1, NEW_COLOURS.length - 1)]!, max: high };
  return fixed(model, [...cuts.slice(0, index), { ...cuts[index]!, max: split }, added, ...cuts.slice(index + 1)]);
}

/** Band `index` removed (its scores go to the band above, or below for the last); at least `MIN_BANDS` stay. */
export function removeBand(model: HealthModel, index: number): HealthModel {
  const cuts = cutsOf(model);
  if (cuts.length <= MIN_BANDS) return model;
  const kept = cuts.filter((_, i) => i !== index);
  return fixed(model, kept.map((cut, i) => (i === kept.length - 1 ? { ...cut, max: 100 } : cut)));
}

/** Each band's lowest and highest integer score. */
export function ranges(cuts: readonly BandCut[]): { from: number; to: number }[] {
  return cuts.map((cut, i) => ({ from: i === 0 ? 0 : cuts[i - 1]!.max + 1, to: cut.max }));
}
