/**
 * Explanations (DESIGN "Explanation"; R12): per metric points, effective weight and contribution;
 * adjustments with applied flags and the binding cap; why a score moved between two snapshots.
 */
import { describe, expect, it } from 'vitest';
import { describeChange, explainChange } from '../../../src/engine';
import type { Adjustment, HealthModel, MissingPolicy } from '../../../src/engine/model';
import type { CustomerExplanation, MetricExplanation } from '../../../src/engine/results';
import { category, identity, makeModel, map, metric, oneCategory, type Row } from '../../factories';
import { at, explain, score } from './support';

const MINUS = '\u2212';

/** A (weight 3): m1 "Logins" (w 1), m2 "Usage" (w 3); B (weight 1): m3 "NPS" (w 1); all linear 0..100. */
function abModel(missing?: MissingPolicy, adjustments?: Adjustment[]): HealthModel {
  return makeModel({
    ...(missing ? { missing } : {}),
    ...(adjustments ? { adjustments } : {}),
    categories: [
      category('A', 3, [metric('m1', identity(), { label: 'Logins' }), metric('m2', identity(), { label: 'Usage', weight: 3 })], 'Adoption'),
      category('B', 1, [metric('m3', identity(), { label: 'NPS' })], 'Sentiment'),
    ],
  });
}

function byId(e: CustomerExplanation, id: string): MetricExplanation {
  const m = e.metrics.find((x) => x.metricId === id);
  if (!m) throw new Error(`no metric ${id}`);
  return m;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

describe('explainCustomer: metrics and categories', () => {
  it('nothing missing: effective weights, contributions and their sum', () => {
    const rows: Row[] = [{ id: 'ACME', m1: 40, m2: 80, m3: 20 }];
    const e = explain(abModel(), rows, 0);
    // effective weights: m1 = 3/4 · 1/4 = 3/16; m2 = 3/4 · 3/4 = 9/16; m3 = 1/4 · 1 = 1/4
    // contributions:     3/16 · 40 = 7.5;      9/16 · 80 = 45;        1/4 · 20 = 5      -> 57.5
    expect(e.row).toBe(0);
    expect(e.customerId).toBe('ACME');
    expect(e.metrics.map((m) => m.metricId)).toEqual(['m1', 'm2', 'm3']);
    expect(e.metrics.map((m) => m.categoryId)).toEqual(['A', 'A', 'B']);
    expect(e.metrics.map((m) => m.label)).toEqual(['Logins', 'Usage', 'NPS']);
    expect(e.metrics.map((m) => m.source)).toEqual(['m1', 'm2', 'm3']);
    expect(e.metrics.map((m) => m.status)).toEqual(['scored', 'scored', 'scored']);
    expect(e.metrics.map((m) => m.value)).toEqual([40, 80, 20]);
    expect(e.metrics.map((m) => m.weight)).toEqual([1, 3, 1]);
    e.metrics.forEach((m, i) => {
      expect(m.points).toBeCloseTo([40, 80, 20][i] ?? NaN, 9);
      expect(m.effectiveWeight).toBeCloseTo([3 / 16, 9 / 16, 1 / 4][i] ?? NaN, 12);
      expect(m.contribution).toBeCloseTo([7.5, 45, 5][i] ?? NaN, 9);
    });
    expect(e.weightedScore).toBeCloseTo(57.5, 9);
    expect(sum(e.metrics.map((m) => m.contribution))).toBeCloseTo(57.5, 9);
    expect(e.raw).toBeCloseTo(57.5, 9);
    expect(e.score).toBe(58);
    expect(e.band.id).toBe('yellow');
    expect(e.coverage).toBe(1);
    expect(e.adjustmentPoints).toBe(0);
    expect(e.cap).toBeNull();
    expect(e.adjustments).toEqual([]);
    // categories: A = 70 with effective weight 3/4 (contribution 52.5); B = 20 with 1/4 (5)
    expect(e.categories.map((c) => c.categoryId)).toEqual(['A', 'B']);
    expect(e.categories.map((c) => c.label)).toEqual(['Adoption', 'Sentiment']);
    expect(e.categories.map((c) => c.weight)).toEqual([3, 1]);
    expect(e.categories[0]?.score).toBeCloseTo(70, 9);
    expect(e.categories[1]?.score).toBeCloseTo(20, 9);
    expect(e.categories[0]?.effectiveWeight).toBeCloseTo(0.75, 12);
    expect(e.categories[1]?.effectiveWeight).toBeCloseTo(0.25, 12);
    expect(e.categories[0]?.contribution).toBeCloseTo(52.5, 9);
    expect(e.categories[1]?.contribution).toBeCloseTo(5, 9);
  });

  it('renormalize: the missing metric has no points and no weight; the rest are rescaled', () => {
    const e = explain(abModel(), [{ m1: 40, m2: null, m3: 20 }], 0);
    // m1 = 3/4 · 1 = 0.75 -> 30; m3 = 1/4 -> 5; total 35
    const m2 = byId(e, 'm2');
    expect(m2.status).toBe('missing');
    expect(m2.missingPolicy).toBe('renormalize');
    expect(m2.value).toBeNull();
    expect(m2.points).toBeNull();
    expect(m2.effectiveWeight).toBe(0);
    expect(m2.contribution).toBe(0);
    expect(byId(e, 'm1').effectiveWeight).toBeCloseTo(0.75, 12);
    expect(byId(e, 'm1').contribution).toBeCloseTo(30, 9);
    expect(byId(e, 'm3').contribution).toBeCloseTo(5, 9);
    expect(e.weightedScore).toBeCloseTo(35, 9);
    expect(e.coverage).toBeCloseTo(7 / 16, 12);
    expect(e.band.id).toBe('insufficient');
    expect(e.score).toBe(35);
  });

  it('renormalize: a category with nothing left has a null score and no weight', () => {
    const e = explain(abModel(), [{ m1: 40, m2: 80, m3: null }], 0);
    expect(e.categories[1]?.score).toBeNull();
    expect(e.categories[1]?.effectiveWeight).toBe(0);
    expect(e.categories[1]?.contribution).toBe(0);
    expect(e.categories[0]?.effectiveWeight).toBe(1);
    expect(e.weightedScore).toBeCloseTo(70, 9);
  });

  it('neutral: the missing metric counts with 50 points at its full weight', () => {
    const e = explain(abModel('neutral'), [{ m1: 40, m2: null, m3: 20 }], 0);
    const m2 = byId(e, 'm2');
    // 9/16 · 50 = 28.125; total 7.5 + 28.125 + 5 = 40.625
    expect(m2.status).toBe('missing');
    expect(m2.missingPolicy).toBe('neutral');
    expect(m2.points).toBe(50);
    expect(m2.effectiveWeight).toBeCloseTo(9 / 16, 12);
    expect(m2.contribution).toBeCloseTo(28.125, 9);
    expect(e.weightedScore).toBeCloseTo(40.625, 9);
    expect(sum(e.metrics.map((m) => m.contribution))).toBeCloseTo(40.625, 9);
    expect(e.score).toBe(41);
  });

  it('zero: the missing metric counts with 0 points', () => {
    const e = explain(abModel('zero'), [{ m1: 40, m2: null, m3: 20 }], 0);
    const m2 = byId(e, 'm2');
    expect(m2.missingPolicy).toBe('zero');
    expect(m2.points).toBe(0);
    expect(m2.effectiveWeight).toBeCloseTo(9 / 16, 12);
    expect(m2.contribution).toBe(0);
    // 7.5 + 0 + 5 = 12.5
    expect(e.weightedScore).toBeCloseTo(12.5, 9);
  });

  it('a label the map does not know: status missing, the raw label as value', () => {
    const model = oneCategory([metric('base', identity()), metric('mood', map({ happy: 100 }))]);
    const e = explain(model, [{ base: 60, mood: 'Furious' }], 0);
    expect(byId(e, 'mood').status).toBe('missing');
    expect(byId(e, 'mood').value).toBe('Furious');
    expect(byId(e, 'mood').points).toBeNull();
  });

  it('agrees with scorePortfolio on every row', () => {
    const model = abModel();
    const rows: Row[] = [
      { m1: 40, m2: 80, m3: 20 },
      { m1: 40, m2: null, m3: 20 },
      { m1: null, m2: null, m3: null },
      { m1: 100, m2: 95, m3: null },
    ];
    const s = score(model, rows);
    rows.forEach((_r, i) => {
      const e = explain(model, rows, i);
      const p = at(s, i);
      if (Number.isNaN(p.score)) expect(e.score).toBeNull();
      else expect(e.score).toBe(p.score);
      expect(e.band.id).toBe(p.band);
      expect(e.coverage).toBeCloseTo(p.coverage, 12);
    });
  });
});

describe('explainCustomer: adjustments', () => {
  const adjustments: Adjustment[] = [
    { id: 'overdue', label: 'Invoice overdue', source: 'overdue', when: { op: '>', value: 30 }, points: -15 },
    { id: 'upsell', label: 'Enterprise', source: 'plan', when: { op: '==', value: 'enterprise' }, points: 10 },
    { id: 'cap50', label: 'Overdue 60+', source: 'overdue', when: { op: '>', value: 60 }, cap: 50 },
    { id: 'cap40', label: 'Flagged', source: 'flagged', when: { op: '==', value: true }, cap: 40 },
    { id: 'cap30', label: 'Churning', source: 'plan', when: { op: '==', value: 'churning' }, cap: 30 },
  ];
  const model = oneCategory([metric('m', identity())], { adjustments });

  it('lists every adjustment with its applied flag; only the lowest applicable cap binds', () => {
    // 90 − 15 = 75; caps 50 and 40 apply (30 does not) -> 40
    const e = explain(model, [{ m: 90, overdue: 90, plan: 'starter', flagged: true }], 0);
    expect(e.weightedScore).toBeCloseTo(90, 9);
    expect(e.adjustmentPoints).toBe(-15);
    expect(e.cap).toBe(40);
    expect(e.raw).toBe(40);
    expect(e.score).toBe(40);
    expect(e.band.id).toBe('red');
    expect(e.adjustments.map((a) => a.adjustmentId)).toEqual(['overdue', 'upsell', 'cap50', 'cap40', 'cap30']);
    expect(e.adjustments.map((a) => a.applied)).toEqual([true, false, true, true, false]);
    expect(e.adjustments.map((a) => a.capBinding)).toEqual([false, false, false, true, false]);
    expect(e.adjustments.map((a) => a.label)).toEqual(['Invoice overdue', 'Enterprise', 'Overdue 60+', 'Flagged', 'Churning']);
    expect(e.adjustments.map((a) => a.value)).toEqual([90, 'starter', 90, true, 'starter']);
    expect(e.adjustments.map((a) => a.threshold)).toEqual([30, 'enterprise', 60, true, 'churning']);
    expect(e.adjustments.map((a) => a.op)).toEqual(['>', '==', '>', '==', '==']);
    expect(e.adjustments[0]?.points).toBe(-15);
    expect(e.adjustments[2]?.cap).toBe(50);
  });

  it('a missing value is null and never applies', () => {
    const e = explain(model, [{ m: 90, overdue: null, plan: null, flagged: null }], 0);
    expect(e.adjustments.map((a) => a.applied)).toEqual([false, false, false, false, false]);
    expect(e.adjustments.map((a) => a.value)).toEqual([null, null, null, null, null]);
    expect(e.adjustmentPoints).toBe(0);
    expect(e.cap).toBeNull();
    expect(e.raw).toBe(90);
  });

  it('points summed, then clamp: raw shows the clamped value', () => {
    // 10 − 15 = −5 -> 0
    const e = explain(model, [{ m: 10, overdue: 45 }], 0);
    expect(e.adjustmentPoints).toBe(-15);
    expect(e.raw).toBe(0);
    expect(e.score).toBe(0);
  });
});

describe('explainChange and describeChange', () => {
  // one category: Usage (w 3), NPS (w 1)
  const model = oneCategory([metric('usage', identity(), { label: 'Usage', weight: 3 }), metric('nps', identity(), { label: 'NPS' })]);

  it('a clean move: parts per metric, largest first, summing to the delta', () => {
    const rows: Row[] = [
      { usage: 80, nps: 60 }, // (3·80 + 60) / 4 = 75
      { usage: 64, nps: 44 }, // (3·64 + 44) / 4 = 59
    ];
    const change = explainChange(explain(model, rows, 0), explain(model, rows, 1));
    // usage: 3/4 · (64 − 80) = −12; nps: 1/4 · (44 − 60) = −4; delta −16
    expect(change.before).toBe(75);
    expect(change.after).toBe(59);
    expect(change.delta).toBe(-16);
    expect(change.bandBefore).toBe('green');
    expect(change.bandAfter).toBe('yellow');
    expect(change.parts.map((p) => [p.kind, p.metricId, p.points])).toEqual([
      ['metric', 'usage', -12],
      ['metric', 'nps', -4],
    ]);
    expect(change.parts[0]?.exact).toBeCloseTo(-12, 9);
    expect(change.parts[1]?.exact).toBeCloseTo(-4, 9);
    expect(change.parts.map((p) => p.label)).toEqual(['Usage', 'NPS']);
    expect(change.categories).toHaveLength(1);
    expect(change.categories[0]?.categoryId).toBe('c');
    expect(change.categories[0]?.exact).toBeCloseTo(-16, 9);
    expect(change.categories[0]?.points).toBe(-16);
    expect(describeChange(change)).toBe(`${MINUS}16: Usage ${MINUS}12, NPS ${MINUS}4`);
  });

  it('the same move upwards', () => {
    const rows: Row[] = [
      { usage: 64, nps: 44 },
      { usage: 80, nps: 60 },
    ];
    const change = explainChange(explain(model, rows, 0), explain(model, rows, 1));
    expect(change.delta).toBe(16);
    expect(change.parts.map((p) => p.points)).toEqual([12, 4]);
    const text = describeChange(change);
    expect(text).toMatch(/^\+?16: Usage \+?12, NPS \+?4$/);
    expect(text).not.toContain(MINUS);
  });

  it('whole points are apportioned by largest remainder, with a rounding part, summing exactly to the delta (R12)', () => {
    const ab = makeModel({
      categories: [
        category('A', 3, [metric('m1', identity(), { label: 'Logins' }), metric('m2', identity(), { label: 'Usage', weight: 3 })]),
        category('B', 1, [metric('m3', identity(), { label: 'NPS' })]),
      ],
    });
    const rows: Row[] = [
      { m1: 40, m2: 80, m3: 20 }, // raw 57.5 -> 58
      { m1: 40, m2: 60, m3: 0 }, // A = (40 + 180) / 4 = 55; raw = 3/4 · 55 = 41.25 -> 41
    ];
    const change = explainChange(explain(ab, rows, 0), explain(ab, rows, 1));
    // exact parts: Usage 9/16 · (60 − 80) = −11.25; NPS 1/4 · (0 − 20) = −5;
    // rounding (41 − 41.25) − (58 − 57.5) = −0.75; sum −17 = delta.
    // whole points: −11, −5, −1 (the −0.75 has the largest remainder and takes the spare point)
    expect(change.delta).toBe(-17);
    expect(sum(change.parts.map((p) => p.points))).toBe(-17);
    expect(sum(change.parts.map((p) => p.exact))).toBeCloseTo(-17, 9);
    expect(change.parts.map((p) => [p.kind, p.points])).toEqual([
      ['metric', -11],
      ['metric', -5],
      ['rounding', -1],
    ]);
    expect(change.parts.map((p) => p.metricId)).toEqual(['m2', 'm3', undefined]);
    expect(change.parts[0]?.exact).toBeCloseTo(-11.25, 9);
    expect(change.parts[1]?.exact).toBeCloseTo(-5, 9);
    expect(change.parts[2]?.exact).toBeCloseTo(-0.75, 9);
    expect(change.parts[0]?.categoryId).toBe('A');
    // no part for m1, which did not move
    expect(change.parts.some((p) => p.metricId === 'm1')).toBe(false);
    const cats = Object.fromEntries(change.categories.map((c) => [c.categoryId, c.exact]));
    expect(cats.A).toBeCloseTo(-11.25, 9);
    expect(cats.B).toBeCloseTo(-5, 9);
    expect(describeChange(change).startsWith(`${MINUS}17: Usage ${MINUS}11, NPS ${MINUS}5`)).toBe(true);
  });

  it('adjustments, caps and the clamp make one part', () => {
    const capped = oneCategory([metric('usage', identity(), { label: 'Usage' })], {
      adjustments: [{ id: 'cap50', source: 'overdue', when: { op: '>', value: 60 }, cap: 50 }],
    });
    const rows: Row[] = [
      { usage: 90, overdue: 90 }, // 90, capped -> 50
      { usage: 80, overdue: 0 }, // 80
    ];
    const change = explainChange(explain(capped, rows, 0), explain(capped, rows, 1));
    // usage: 80 − 90 = −10; adjustments: 0 − (50 − 90) = +40; delta +30
    expect(change.delta).toBe(30);
    expect(change.parts.map((p) => [p.kind, p.points])).toEqual([
      ['adjustments', 40],
      ['metric', -10],
    ]);
    expect(change.parts[0]?.exact).toBeCloseTo(40, 9);
    expect(change.parts[1]?.metricId).toBe('usage');
  });

  it('no change: delta 0 and no parts', () => {
    const rows: Row[] = [{ usage: 80, nps: 60 }];
    const change = explainChange(explain(model, rows, 0), explain(model, rows, 0));
    expect(change.delta).toBe(0);
    expect(change.parts).toEqual([]);
  });

  it('delta is null unless both snapshots have a score', () => {
    const rows: Row[] = [
      { usage: null, nps: null },
      { usage: 80, nps: 60 },
    ];
    const fromNothing = explainChange(explain(model, rows, 0), explain(model, rows, 1));
    expect(fromNothing.before).toBeNull();
    expect(fromNothing.after).toBe(75);
    expect(fromNothing.delta).toBeNull();
    expect(fromNothing.bandBefore).toBe('insufficient');
    expect(fromNothing.bandAfter).toBe('green');
    const toNothing = explainChange(explain(model, rows, 1), explain(model, rows, 0));
    expect(toNothing.delta).toBeNull();
  });
});
