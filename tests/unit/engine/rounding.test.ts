/**
 * Rounding (DESIGN "The reported score …"): round to 6 decimals first, then to an integer with
 * halves away from zero, so that floating-point noise never decides a score or a band.
 */
import { describe, expect, it } from 'vitest';
import { roundScore } from '../../../src/engine';
import { category, identity, makeModel, metric, oneCategory } from '../../factories';
import { at, score } from './support';

describe('roundScore', () => {
  it.each<[number, number]>([
    [0, 0],
    [100, 100],
    [0.5, 1], // half away from zero
    [1.5, 2],
    [2.5, 3], // not banker's rounding (which gives 2)
    [31.5, 32],
    [50.5, 51],
    [99.5, 100],
    [49.4999, 49], // 49.4999 is below half at 6 decimals
    [49.49, 49],
    [57.51, 58],
    [31.499999999999996, 32], // 6 decimals: 31.500000 -> 32 (Math.round and a spreadsheet ROUND give 31)
    [31.4999996, 32], // 6 decimals: 31.4999996 -> 31.500000 -> 32
    [70.4999994, 70], // 6 decimals: 70.4999994 -> 70.499999 -> 70
    [70.499999, 70],
    [-0.5, -1], // halves away from zero on the negative side too
    [-2.5, -3],
    [-31.499999999999996, -32],
  ])('roundScore(%s) = %s', (x, want) => {
    expect(roundScore(x)).toBe(want);
  });

  it('the values above really are float noise', () => {
    expect(Math.round(31.499999999999996)).toBe(31);
    expect(0.7 * 45).toBe(31.499999999999996);
  });
});

describe('the score of a portfolio is rounded the same way', () => {
  it('a weighted mean stored as 31.499999999999996 scores 32', () => {
    // weights 0.7 and 0.3 (sum exactly 1), points 45 and 0:
    // 0.7·45 + 0.3·0 = 31.499999999999996 in floating point (31.5 exactly on paper)
    expect(0.7 * 45 + 0.3 * 0).toBe(31.499999999999996);
    expect((0.7 * 45 + 0.3 * 0) / (0.7 + 0.3)).toBe(31.499999999999996);
    expect((0.7 / (0.7 + 0.3)) * 45 + (0.3 / (0.7 + 0.3)) * 0).toBe(31.499999999999996);
    const model = oneCategory([metric('a', identity(), { weight: 0.7 }), metric('b', identity(), { weight: 0.3 })]);
    const r = at(score(model, [{ a: 45, b: 0 }]), 0);
    expect(r.raw).toBeCloseTo(31.5, 9);
    expect(r.score).toBe(32);
  });

  it('the same noise at the category level', () => {
    const model = makeModel({
      categories: [category('p', 0.7, [metric('a', identity())]), category('q', 0.3, [metric('b', identity())])],
    });
    expect(at(score(model, [{ a: 45, b: 0 }]), 0).score).toBe(32);
  });

  it('noise does not decide a band: 50.5 on paper is yellow, 70.5 is green', () => {
    // 0.1·1 + 0.3·67 = 20.2 over 0.4 -> 50.5 on paper; 50.49999999999999 in floating point
    expect((0.1 * 1 + 0.3 * 67) / (0.1 + 0.3)).toBeLessThan(50.5);
    const low = oneCategory([metric('a', identity(), { weight: 0.1 }), metric('b', identity(), { weight: 0.3 })]);
    expect(at(score(low, [{ a: 1, b: 67 }]), 0)).toMatchObject({ score: 51, band: 'yellow' });
    // 0.7·96 + 0.3·11 = 70.5 on paper; 70.49999999999999 in floating point
    expect(0.7 * 96 + 0.3 * 11).toBeLessThan(70.5);
    const high = oneCategory([metric('a', identity(), { weight: 0.7 }), metric('b', identity(), { weight: 0.3 })]);
    expect(at(score(high, [{ a: 96, b: 11 }]), 0)).toMatchObject({ score: 71, band: 'green' });
  });

  it('raw keeps the unrounded value; score is the integer', () => {
    // (40 + 3·80) / 4 = 70 and 20 -> (3·70 + 20) / 4 = 57.5 -> 58
    const model = makeModel({
      categories: [category('A', 3, [metric('m1', identity()), metric('m2', identity(), { weight: 3 })]), category('B', 1, [metric('m3', identity())])],
    });
    const r = at(score(model, [{ m1: 40, m2: 80, m3: 20 }]), 0);
    expect(r.raw).toBe(57.5);
    expect(r.score).toBe(58);
  });

  it('halves in the data round up: 12.5 -> 13 and 0.5 -> 1', () => {
    const model = oneCategory([metric('m', identity())], { minCoverage: 0 });
    const s = score(model, [{ m: 12.5 }, { m: 0.5 }, { m: 0.4999 }]);
    expect(Array.from(s.score)).toEqual([13, 1, 0]);
  });
});
