/**
 * Coverage (DESIGN "Coverage"; R5, R6): the share of total weight that had data, minCoverage, and
 * weight-0 metrics and categories taking no part anywhere.
 */
import { describe, expect, it } from 'vitest';
import type { Category, HealthModel } from '../../../src/engine/model';
import { category, identity, makeModel, metric, type Row } from '../../factories';
import { at, expectClose, explain, score } from './support';

describe('coverage formula', () => {
  // c1 (W 2): a (1), b (1)        c2 (W 3): d (1), e (2), f (3)        c3 (W 5): g (4), h (1)
  const model = makeModel({
    categories: [
      category('c1', 2, [metric('a', identity()), metric('b', identity())]),
      category('c2', 3, [metric('d', identity()), metric('e', identity(), { weight: 2 }), metric('f', identity(), { weight: 3 })]),
      category('c3', 5, [metric('g', identity(), { weight: 4 }), metric('h', identity())]),
    ],
  });

  it('unequal weights: sum over c of (W_c / ΣW) · (available w in c / Σw in c)', () => {
    // b, e, h missing:
    // coverage = 2/10 · 1/2 + 3/10 · (1+3)/6 + 5/10 · 4/5 = 0.1 + 0.2 + 0.4 = 0.7
    // c1 = 10; c2 = (40 + 3·70) / 4 = 62.5; c3 = 90
    // raw = (2·10 + 3·62.5 + 5·90) / 10 = (20 + 187.5 + 450) / 10 = 65.75 -> 66
    const r = at(score(model, [{ a: 10, b: null, d: 40, e: null, f: 70, g: 90, h: null }]), 0);
    expect(r.coverage).toBeCloseTo(0.7, 12);
    expect(r.raw).toBeCloseTo(65.75, 9);
    expect(r.score).toBe(66);
    expect(r.band).toBe('yellow');
  });

  it('a metric whose value is present but scores 0 points still counts as data', () => {
    const r = at(score(model, [{ a: 0, b: 0, d: 0, e: 0, f: 0, g: 0, h: 0 }]), 0);
    expect(r.coverage).toBe(1);
    expect(r.score).toBe(0);
  });
});

describe('minCoverage', () => {
  // two metrics of equal weight: one missing -> coverage exactly 0.5
  const two = (minCoverage?: number): HealthModel =>
    makeModel({
      ...(minCoverage === undefined ? {} : { minCoverage }),
      categories: [category('c', 1, [metric('x', identity()), metric('y', identity(), { weight: 3 })])],
    });

  it('defaults to 0.5: coverage 0.5 is enough, 0.25 is not', () => {
    // x (w 1) missing: coverage 3/4 -> banded; y (w 3) missing: coverage 1/4 -> insufficient
    const s = score(two(), [
      { x: null, y: 90 },
      { x: 90, y: null },
    ]);
    expect(at(s, 0)).toMatchObject({ score: 90, band: 'green', coverage: 0.75 });
    expect(at(s, 1)).toMatchObject({ score: 90, band: 'insufficient', coverage: 0.25 });
  });

  it('coverage exactly at the default 0.5 is sufficient', () => {
    const model = makeModel({ categories: [category('c', 1, [metric('x', identity()), metric('y', identity())])] });
    expect(at(score(model, [{ x: 90, y: null }]), 0)).toMatchObject({ score: 90, band: 'green', coverage: 0.5 });
  });

  it('below minCoverage the band is insufficient but the score is still there — even a green score', () => {
    const r = at(score(two(0.8), [{ x: null, y: 95 }]), 0);
    // coverage 0.75 < 0.8
    expect(r.band).toBe('insufficient');
    expect(r.score).toBe(95);
    expect(r.raw).toBe(95);
    expect(r.coverage).toBe(0.75);
  });

  it('coverage equal to a custom minCoverage is sufficient', () => {
    expect(at(score(two(0.75), [{ x: null, y: 95 }]), 0).band).toBe('green');
  });

  it('minCoverage 0: any customer with a score is banded', () => {
    expect(at(score(two(0), [{ x: 10, y: null }]), 0)).toMatchObject({ band: 'red', coverage: 0.25 });
  });

  it('coverage is compared after rounding to 6 decimals (R6): float noise below 0.5 still counts as 0.5', () => {
    // categories of weight 0.1, 0.7, 0.8 with one metric each; the third is missing.
    // coverage = (0.1 + 0.7) / 1.6 = 0.5 exactly, but in floating point 0.1/1.6 + 0.7/1.6 and
    // (0.1 + 0.7)/1.6 both give 0.49999999999999994 — under the default minCoverage 0.5.
    expect(0.1 / 1.6 + 0.7 / 1.6).toBeLessThan(0.5);
    expect((0.1 + 0.7) / (0.1 + 0.7 + 0.8)).toBeLessThan(0.5);
    const model = makeModel({
      categories: [
        category('p', 0.1, [metric('p1', identity())]),
        category('q', 0.7, [metric('q1', identity())]),
        category('r', 0.8, [metric('r1', identity())]),
      ],
    });
    const r = at(score(model, [{ p1: 80, q1: 80, r1: null }]), 0);
    expect(r.coverage).toBeCloseTo(0.5, 12);
    expect(r.band).toBe('green');
  });
});

/** A metric or category of weight 0 takes no part anywhere (DESIGN; R5). */
describe('weight 0', () => {
  const A = (): Category => category('A', 3, [metric('m1', identity()), metric('m2', identity(), { weight: 3 })]);
  const B = (): Category => category('B', 1, [metric('m3', identity())]);
  const base = makeModel({ categories: [A(), B()] });
  const rows: Row[] = [
    { m1: 40, m2: 80, m3: 20 }, // raw 57.5, coverage 1
    { m1: 40, m2: null, m3: 20 }, // raw 35, coverage 7/16
    { m1: 40, m2: 80, m3: null }, // raw 70, coverage 3/4
  ];
  const withZ = (z: number | null): Row[] => rows.map((r) => ({ ...r, z }));

  function expectSame(model: HealthModel, data: Row[]): void {
    const want = score(base, rows);
    const got = score(model, data);
    expect(Array.from(got.score)).toEqual(Array.from(want.score));
    Array.from(got.raw).forEach((r, i) => expect(r).toBeCloseTo(want.raw[i] ?? NaN, 9));
    Array.from(got.coverage).forEach((c, i) => expect(c).toBeCloseTo(want.coverage[i] ?? NaN, 12));
    expect(Array.from(got.band)).toEqual(Array.from(want.band));
  }

  it('base figures (hand-computed)', () => {
    const s = score(base, rows);
    expectClose(s.raw, [57.5, 35, 70]);
    expect(Array.from(s.coverage)).toEqual([1, 7 / 16, 0.75]);
  });

  it.each<[string, number | null]>([
    ['with a value worth 0 points', 0],
    ['with a value worth 100 points', 100],
    ['with no value', null],
  ])('a category of weight 0 changes no score, coverage or band (%s)', (_n, z) => {
    const model = makeModel({ categories: [A(), B(), category('Z', 0, [metric('z', identity())])] });
    expectSame(model, withZ(z));
  });

  it.each<[string, number | null]>([
    ['with a value worth 0 points', 0],
    ['with no value', null],
  ])('a metric of weight 0 changes no score, coverage or band (%s)', (_n, z) => {
    const model = makeModel({
      categories: [category('A', 3, [metric('m1', identity()), metric('m2', identity(), { weight: 3 }), metric('z', identity(), { weight: 0 })]), B()],
    });
    expectSame(model, withZ(z));
  });

  it('a missing metric of weight 0 is not filled in under neutral or zero', () => {
    for (const missing of ['neutral', 'zero'] as const) {
      const withPolicy = (cats: Category[]): HealthModel => makeModel({ missing, categories: cats });
      const want = score(withPolicy([A(), B()]), rows);
      const got = score(withPolicy([category('A', 3, [...A().metrics, metric('z', identity(), { weight: 0 })]), B()]), withZ(null));
      expectClose(got.raw, Array.from(want.raw));
      expectClose(got.coverage, Array.from(want.coverage), 12);
    }
  });

  it('a category whose metrics all weigh 0 takes no part (R5)', () => {
    // B's only metric weighs 0: raw = A = 70 whatever m3 holds, coverage 1
    const model = makeModel({ categories: [A(), category('B', 1, [metric('m3', identity(), { weight: 0 })])] });
    const s = score(model, [{ m1: 40, m2: 80, m3: 0 }]);
    expect(at(s, 0)).toMatchObject({ raw: 70, score: 70, coverage: 1 });
    expect(s.categoryScores[1]?.[0]).toBeNaN();
  });

  it('the explanation marks a weight-0 metric "unweighted", with no effective weight or contribution', () => {
    const model = makeModel({ categories: [category('A', 1, [metric('m1', identity()), metric('z', identity(), { weight: 0 })])] });
    const z = explain(model, [{ m1: 40, z: 10 }], 0).metrics.find((m) => m.metricId === 'z');
    expect(z?.status).toBe('unweighted');
    expect(z?.weight).toBe(0);
    expect(z?.effectiveWeight).toBe(0);
    expect(z?.contribution).toBe(0);
  });
});
