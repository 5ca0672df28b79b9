import { describe, expect, it } from 'vitest';
import { parseModel, type HealthModel } from '../../../src/engine';
import { STARTER_MODELS } from '../../../src/engine/starter-models';
import { addBand, cutsOf, ranges, removeBand, withCut, withMax, withMode } from '../../../src/ui/method/bands-draft';

const B2B: HealthModel = STARTER_MODELS[0]!.model;
const maxes = (m: HealthModel) => cutsOf(m).map((c) => c.max);
const valid = (m: HealthModel) => parseModel(m).problems.filter((p) => p.severity === 'error');

describe('editing the bands of a draft', () => {
  it('moves a cut, pushing its neighbours only as far as needed to stay ascending, the last one always 100', () => {
    expect(maxes(withMax(B2B, 0, 40))).toEqual([40, 70, 100]);
    expect(maxes(withMax(B2B, 0, 85))).toEqual([85, 86, 100]);
    expect(maxes(withMax(B2B, 1, 30))).toEqual([29, 30, 100]);
    expect(maxes(withMax(B2B, 1, 100))).toEqual([50, 99, 100]);
    expect(maxes(withMax(B2B, 0, -5))).toEqual([0, 70, 100]);
    expect(maxes(withMax(B2B, 0, 44.6))).toEqual([45, 70, 100]);
    // The last band's highest score is not editable.
    expect(withMax(B2B, 2, 80)).toBe(B2B);
    for (const m of [withMax(B2B, 0, 85), withMax(B2B, 1, 30), withMax(B2B, 1, 100)]) expect(valid(m)).toEqual([]);
  });

  it('splits a band in two (up to 5) and removes one (down to 2), every result a valid model', () => {
    const four = addBand(B2B, 0, 'Critical');
    expect(cutsOf(four).map((c) => [c.label, c.max])).toEqual([['At risk', 24], ['Critical', 50], ['Watch', 70], ['Healthy', 100]]);
    const five = addBand(four, 3, 'Champion');
    expect(maxes(five)).toEqual([24, 50, 70, 85, 100]);
    expect(addBand(five, 0, 'Too many')).toBe(five);
    expect(valid(five)).toEqual([]);
    expect(new Set(cutsOf(five).map((c) => c.id)).size).toBe(5);

    const two = removeBand(B2B, 2);
    expect(cutsOf(two).map((c) => [c.id, c.max])).toEqual([['red', 50], ['yellow', 100]]);
    expect(removeBand(two, 0)).toBe(two);
    expect(valid(two)).toEqual([]);
  });

  it('switches to quartiles and back to the same cuts, and changes a label or colour', () => {
    const custom = withMax(B2B, 0, 40);
    const quartiles = withMode(custom, 'quantile');
    expect(quartiles.bands).toEqual({ mode: 'quantile' });
    expect(maxes(withMode(quartiles, 'fixed'))).toEqual([50, 70, 100]);
    const renamed = withCut(custom, 1, { label: 'Em observação', color: '#ff9800' });
    expect(cutsOf(renamed)[1]).toEqual({ id: 'yellow', label: 'Em observação', color: '#ff9800', max: 70 });
    expect(valid(renamed)).toEqual([]);
  });

  it('gives each band its range of integer scores', () => {
    expect(ranges(cutsOf(B2B))).toEqual([{ from: 0, to: 50 }, { from: 51, to: 70 }, { from: 71, to: 100 }]);
  });
});
