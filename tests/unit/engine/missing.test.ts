/**
 * Missing values and the `missing` policy (DESIGN "Missing values"; R7, R10): renormalize, neutral,
 * zero — model-wide and per metric — and `maxAgeDays` staleness.
 */
import { describe, expect, it } from 'vitest';
import type { HealthModel, Metric, MissingPolicy } from '../../../src/engine/model';
import { category, identity, makeModel, map, metric, type Row } from '../../factories';
import { at, expectClose, explain, score } from './support';

/**
 * A (weight 3): m1 (w 1), m2 (w 3); B (weight 1): m3 (w 1). Every rule is linear 0..100, so a
 * value is its points.
 */
function abModel(missing?: MissingPolicy, own: Partial<Record<'m1' | 'm2' | 'm3', MissingPolicy>> = {}): HealthModel {
  const m = (id: 'm1' | 'm2' | 'm3', weight: number): Metric =>
    metric(id, identity(), own[id] ? { weight, missing: own[id] } : { weight });
  return makeModel({
    ...(missing ? { missing } : {}),
    categories: [category('A', 3, [m('m1', 1), m('m2', 3)]), category('B', 1, [m('m3', 1)])],
  });
}

interface Expect {
  raw: number;
  score: number;
  coverage: number;
  band: string;
  cats: [number, number];
}

function expectRow(model: HealthModel, row: Row, e: Expect): void {
  const s = score(model, [row]);
  const r = at(s, 0);
  expect(r.raw).toBeCloseTo(e.raw, 9);
  expect(r.score).toBe(e.score);
  expect(r.coverage).toBeCloseTo(e.coverage, 12);
  expect(r.band).toBe(e.band);
  expect(s.categoryIds).toEqual(['A', 'B']);
  e.cats.forEach((c, i) => {
    const got = s.categoryScores[i]?.[0];
    if (Number.isNaN(c)) expect(got, `category ${i}`).toBeNaN();
    else expect(got, `category ${i}`).toBeCloseTo(c, 9);
  });
}

describe('nothing missing', () => {
  it('weighted means of metrics, then of categories', () => {
    // A = (1*40 + 3*80) / 4 = 70; B = 20; raw = (3*70 + 1*20) / 4 = 57.5 -> 58
    expectRow(abModel(), { m1: 40, m2: 80, m3: 20 }, { raw: 57.5, score: 58, coverage: 1, band: 'yellow', cats: [70, 20] });
  });
});

describe('renormalize (the default)', () => {
  it('a missing metric is left out and the rest of its category rescaled', () => {
    // A = 40 (m1 alone); raw = (3*40 + 20) / 4 = 35; coverage = 3/4 * 1/4 + 1/4 * 1 = 7/16
    expectRow(abModel(), { m1: 40, m2: null, m3: 20 }, { raw: 35, score: 35, coverage: 7 / 16, band: 'insufficient', cats: [40, 20] });
  });

  it('a category with nothing left is left out at the next level too', () => {
    // B has no data: raw = A = 70; coverage = 3/4
    expectRow(abModel(), { m1: 40, m2: 80, m3: null }, { raw: 70, score: 70, coverage: 0.75, band: 'yellow', cats: [70, NaN] });
    // A has no data: raw = B = 20; coverage = 1/4
    expectRow(abModel(), { m1: null, m2: null, m3: 20 }, { raw: 20, score: 20, coverage: 0.25, band: 'insufficient', cats: [NaN, 20] });
  });

  it('"renormalize" set explicitly behaves as the default', () => {
    expectRow(abModel('renormalize'), { m1: 40, m2: null, m3: 20 }, { raw: 35, score: 35, coverage: 7 / 16, band: 'insufficient', cats: [40, 20] });
  });

  it('an unknown map label counts as missing', () => {
    const model = makeModel({
      categories: [category('c', 1, [metric('base', identity()), metric('mood', map({ happy: 100, sad: 0 }))])],
    });
    // mood "furious" is unknown -> left out: raw = 80; coverage 1/2
    const r = at(score(model, [{ base: 80, mood: 'furious' }]), 0);
    expect(r.raw).toBeCloseTo(80, 9);
    expect(r.coverage).toBeCloseTo(0.5, 12);
  });
});

describe('neutral', () => {
  it('a missing metric scores 50 and does not count for coverage', () => {
    // A = (40 + 3*50) / 4 = 47.5; raw = (3*47.5 + 20) / 4 = 40.625 -> 41; coverage 7/16 as with renormalize
    expectRow(abModel('neutral'), { m1: 40, m2: null, m3: 20 }, { raw: 40.625, score: 41, coverage: 7 / 16, band: 'insufficient', cats: [47.5, 20] });
  });

  it('a category whose only metric is missing scores 50 and stays in', () => {
    // B = 50; raw = (3*70 + 50) / 4 = 65; coverage 3/4
    expectRow(abModel('neutral'), { m1: 40, m2: 80, m3: null }, { raw: 65, score: 65, coverage: 0.75, band: 'yellow', cats: [70, 50] });
  });

  it('an unknown map label is filled with 50', () => {
    const model = makeModel({
      missing: 'neutral',
      minCoverage: 0,
      categories: [category('c', 1, [metric('base', identity()), metric('mood', map({ happy: 100, sad: 0 }))])],
    });
    // (80 + 50) / 2 = 65
    expect(at(score(model, [{ base: 80, mood: 'furious' }]), 0).raw).toBeCloseTo(65, 9);
  });
});

describe('zero', () => {
  it('a missing metric scores 0 and does not count for coverage', () => {
    // A = (40 + 3*0) / 4 = 10; raw = (3*10 + 20) / 4 = 12.5 -> 13 (half away from zero)
    expectRow(abModel('zero'), { m1: 40, m2: null, m3: 20 }, { raw: 12.5, score: 13, coverage: 7 / 16, band: 'insufficient', cats: [10, 20] });
  });

  it('a category whose only metric is missing scores 0 and stays in', () => {
    // B = 0; raw = (3*70 + 0) / 4 = 52.5 -> 53
    expectRow(abModel('zero'), { m1: 40, m2: 80, m3: null }, { raw: 52.5, score: 53, coverage: 0.75, band: 'yellow', cats: [70, 0] });
  });
});

describe('per-metric policy overrides the model policy', () => {
  it('model renormalize, m2 zero', () => {
    // same as model-wide zero for m2: A = 10; raw = 12.5 -> 13
    expectRow(abModel('renormalize', { m2: 'zero' }), { m1: 40, m2: null, m3: 20 }, { raw: 12.5, score: 13, coverage: 7 / 16, band: 'insufficient', cats: [10, 20] });
  });

  it('model default (renormalize), m2 neutral; m3 missing follows the model', () => {
    // A = (40 + 3*50) / 4 = 47.5; B left out -> raw 47.5 -> 48; coverage = 3/4 * 1/4 = 3/16
    expectRow(abModel(undefined, { m2: 'neutral' }), { m1: 40, m2: null, m3: null }, { raw: 47.5, score: 48, coverage: 3 / 16, band: 'insufficient', cats: [47.5, NaN] });
  });

  it('model zero, m3 renormalize', () => {
    // m3 missing, left out: raw = A = 70 (not (3*70 + 0) / 4 = 52.5)
    expectRow(abModel('zero', { m3: 'renormalize' }), { m1: 40, m2: 80, m3: null }, { raw: 70, score: 70, coverage: 0.75, band: 'yellow', cats: [70, NaN] });
  });

  it('model neutral, m2 renormalize', () => {
    // A = 40; raw = (3*40 + 20) / 4 = 35
    expectRow(abModel('neutral', { m2: 'renormalize' }), { m1: 40, m2: null, m3: 20 }, { raw: 35, score: 35, coverage: 7 / 16, band: 'insufficient', cats: [40, 20] });
  });
});

describe('no metric with data at all', () => {
  const empty = { m1: null, m2: null, m3: null };
  it.each<[string, HealthModel]>([
    ['renormalize', abModel('renormalize')],
    ['neutral', abModel('neutral')],
    ['zero', abModel('zero')],
    ['mixed per-metric policies', abModel('zero', { m1: 'neutral', m3: 'renormalize' })],
  ])('%s: no score (NaN), coverage 0, band insufficient, no category scores', (_name, model) => {
    const s = score(model, [empty, { m1: 40, m2: 80, m3: 20 }]);
    const r = at(s, 0);
    expect(r.score).toBeNaN();
    expect(r.raw).toBeNaN();
    expect(r.coverage).toBe(0);
    expect(r.band).toBe('insufficient');
    expect(s.categoryScores[0]?.[0]).toBeNaN();
    expect(s.categoryScores[1]?.[0]).toBeNaN();
    // the other customer is unaffected
    expect(at(s, 1).score).toBe(58);
  });

  it('the explanation has a null score, null weighted score and raw, coverage 0', () => {
    const e = explain(abModel('neutral'), [empty], 0);
    expect(e.score).toBeNull();
    expect(e.weightedScore).toBeNull();
    expect(e.raw).toBeNull();
    expect(e.coverage).toBe(0);
    expect(e.band.id).toBe('insufficient');
    expect(e.metrics.map((m) => m.status)).toEqual(['missing', 'missing', 'missing']);
  });
});

/**
 * maxAgeDays (R10): stale when (asOf − observed day) > maxAgeDays. asOf is 2024-05-31.
 * base (w 1) always has 100; mood (w 1, map) has maxAgeDays 30.
 */
describe('maxAgeDays staleness', () => {
  function moodModel(missing?: MissingPolicy, maxAgeDays = 30): HealthModel {
    return makeModel({
      ...(missing ? { missing } : {}),
      categories: [
        category('c', 1, [metric('base', identity()), metric('mood', map({ happy: 100, unhappy: 0 }), { maxAgeDays })]),
      ],
    });
  }
  const rows = (n: number, mood: string): Row[] => Array.from({ length: n }, () => ({ base: 100, mood }));

  it('exactly maxAgeDays old is fresh, one day more is stale; unknown day and future day are fresh', () => {
    const observed = ['2024-05-01', '2024-04-30', null, '2024-06-10', '2024-05-31'];
    const s = score(moodModel(), rows(5, 'unhappy'), { observedOn: { mood: observed } });
    // fresh: (100 + 0) / 2 = 50, coverage 1; stale: left out -> 100, coverage 1/2
    expectClose(s.raw, [50, 100, 50, 50, 50]);
    expect(Array.from(s.coverage)).toEqual([1, 0.5, 1, 1, 1]);
  });

  it('maxAgeDays 0: observed on the as-of day is fresh, the day before is stale', () => {
    const s = score(moodModel(undefined, 0), rows(2, 'unhappy'), { observedOn: { mood: ['2024-05-31', '2024-05-30'] } });
    expectClose(s.raw, [50, 100]);
  });

  it('a column without observation days is never stale', () => {
    const s = score(moodModel(undefined, 0), rows(1, 'unhappy'));
    expect(s.raw[0]).toBe(50);
    expect(s.coverage[0]).toBe(1);
  });

  it('a stale value follows the missing policy: neutral fills 50, zero fills 0, neither counts as data', () => {
    const opts = { observedOn: { mood: ['2024-01-01'] } };
    // neutral: (100 + 50) / 2 = 75
    const n = at(score(moodModel('neutral'), rows(1, 'happy'), opts), 0);
    expect(n.raw).toBe(75);
    expect(n.coverage).toBe(0.5);
    // zero: (100 + 0) / 2 = 50 — a fresh "happy" would give 100
    const z = at(score(moodModel('zero'), rows(1, 'happy'), opts), 0);
    expect(z.raw).toBe(50);
    expect(z.coverage).toBe(0.5);
  });

  it('only metrics with maxAgeDays go stale', () => {
    // base has no maxAgeDays: a year-old base value still counts
    const s = score(moodModel(), rows(1, 'unhappy'), { observedOn: { base: ['2023-01-01'], mood: ['2024-05-30'] } });
    expect(s.raw[0]).toBe(50);
    expect(s.coverage[0]).toBe(1);
  });

  it('every metric stale: no score', () => {
    const model = makeModel({ categories: [category('c', 1, [metric('mood', map({ happy: 100 }), { maxAgeDays: 30 })])] });
    const r = at(score(model, [{ mood: 'happy' }], { observedOn: { mood: ['2024-01-01'] } }), 0);
    expect(r.score).toBeNaN();
    expect(r.coverage).toBe(0);
    expect(r.band).toBe('insufficient');
  });

  it('the explanation flags the stale metric as "stale" (not "missing"), and a fresh one as "scored"', () => {
    const rowsWithDates = rows(2, 'unhappy');
    const opts = { observedOn: { mood: ['2024-04-30', '2024-05-01'] } };
    const stale = explain(moodModel(), rowsWithDates, 0, opts).metrics.find((m) => m.metricId === 'mood');
    expect(stale?.status).toBe('stale');
    expect(stale?.missingPolicy).toBe('renormalize');
    expect(stale?.points).toBeNull();
    expect(stale?.effectiveWeight).toBe(0);
    expect(stale?.contribution).toBe(0);
    const fresh = explain(moodModel(), rowsWithDates, 1, opts).metrics.find((m) => m.metricId === 'mood');
    expect(fresh?.status).toBe('scored');
    expect(fresh?.points).toBe(0);
  });
});
