/**
 * Adjustments (DESIGN "Adjustments"; R7, R9): points and caps on the raw score. Order: all points
 * added, then the lowest applicable cap, then the clamp to [0, 100], then the rounding.
 *
 * The model has one metric `m` (linear 0..100), so the weighted score is the value of `m`.
 */
import { describe, expect, it } from 'vitest';
import type { Adjustment, ComparisonOp } from '../../../src/engine/model';
import { identity, metric, oneCategory, type Row } from '../../factories';
import { at, explain, score } from './support';

function adj(id: string, source: string, op: ComparisonOp, value: number | string | boolean, effect: { points?: number; cap?: number }): Adjustment {
  return { id, label: id, source, when: { op, value }, ...effect };
}

const withAdjustments = (...adjustments: Adjustment[]) => oneCategory([metric('m', identity())], { adjustments, minCoverage: 0 });

function raw(adjustments: Adjustment[], row: Row): number {
  return at(score(withAdjustments(...adjustments), [row]), 0).raw;
}

describe('conditions on numbers', () => {
  // −15 when overdue <op> 30; m = 80, so 65 when it applies
  const cases: [ComparisonOp, number, boolean][] = [
    ['>', 29, false],
    ['>', 30, false],
    ['>', 31, true],
    ['>=', 29, false],
    ['>=', 30, true],
    ['>=', 31, true],
    ['<', 29, true],
    ['<', 30, false],
    ['<', 31, false],
    ['<=', 29, true],
    ['<=', 30, true],
    ['<=', 31, false],
    ['==', 29, false],
    ['==', 30, true],
    ['==', 31, false],
    ['!=', 29, true],
    ['!=', 30, false],
    ['!=', 31, true],
  ];
  it.each(cases)('overdue %s 30 with overdue = %s: applies = %s', (op, overdue, applies) => {
    expect(raw([adj('a', 'overdue', op, 30, { points: -15 })], { m: 80, overdue })).toBe(applies ? 65 : 80);
  });

  it.each<ComparisonOp>(['>', '>=', '<', '<=', '==', '!='])('a missing value never meets "%s"', (op) => {
    expect(raw([adj('a', 'overdue', op, 30, { points: -15 })], { m: 80, overdue: null })).toBe(80);
  });

  it('a missing column never meets a condition either', () => {
    expect(raw([adj('a', 'nowhere', '!=', 30, { points: -15 })], { m: 80 })).toBe(80);
  });
});

describe('conditions on labels and booleans', () => {
  it('== on a label is case-insensitive and trimmed', () => {
    const a = adj('ent', 'plan', '==', 'Enterprise', { points: 10 });
    expect(raw([a], { m: 60, plan: 'enterprise' })).toBe(70);
    expect(raw([a], { m: 60, plan: ' ENTERPRISE ' })).toBe(70);
    expect(raw([a], { m: 60, plan: 'Starter' })).toBe(60);
  });

  it('!= on a label is case-insensitive; a missing label never meets it', () => {
    const a = adj('notFree', 'plan', '!=', 'free', { points: -10 });
    expect(raw([a], { m: 60, plan: 'FREE' })).toBe(60);
    expect(raw([a], { m: 60, plan: 'Pro' })).toBe(50);
    expect(raw([a], { m: 60, plan: null })).toBe(60);
  });

  it('== / != on a boolean column', () => {
    const eq = adj('risk', 'flagged', '==', true, { points: -20 });
    const ne = adj('notRisk', 'flagged', '!=', false, { points: -20 });
    for (const a of [eq, ne]) {
      expect(raw([a], { m: 60, flagged: true }), a.id).toBe(40);
      expect(raw([a], { m: 60, flagged: false }), a.id).toBe(60);
      expect(raw([a], { m: 60, flagged: null }), a.id).toBe(60);
    }
  });

  it('a boolean condition reads a text column as boolean tokens (R9)', () => {
    const a = adj('risk', 'flagged', '==', true, { points: -20 });
    expect(raw([a], { m: 60, flagged: 'Sim' })).toBe(40);
    expect(raw([a], { m: 60, flagged: 'não' })).toBe(60);
  });

  it('an ISO date with an ordering op compares dates (R9)', () => {
    const a = adj('soon', 'renewal', '<', '2024-06-30', { points: -10 });
    expect(raw([a], { m: 60, renewal: { date: '2024-06-29' } })).toBe(50);
    expect(raw([a], { m: 60, renewal: { date: '2024-06-30' } })).toBe(60);
    expect(raw([a], { m: 60, renewal: null })).toBe(60);
  });
});

describe('points and caps', () => {
  const overdue = adj('overdue', 'overdue', '>', 30, { points: -15 });
  const upsell = adj('upsell', 'plan', '==', 'enterprise', { points: 10 });
  const cap50 = adj('cap50', 'overdue', '>', 60, { cap: 50 });
  const cap40 = adj('cap40', 'flagged', '==', true, { cap: 40 });

  it('negative points', () => {
    expect(raw([overdue], { m: 80, overdue: 45 })).toBe(65);
  });

  it('positive points', () => {
    expect(raw([upsell], { m: 80, plan: 'enterprise' })).toBe(90);
  });

  it('several points are summed', () => {
    // 80 − 15 + 10 = 75
    expect(raw([overdue, upsell], { m: 80, overdue: 45, plan: 'enterprise' })).toBe(75);
  });

  it('a cap is a ceiling, not a floor', () => {
    expect(raw([cap50], { m: 90, overdue: 90 })).toBe(50);
    expect(raw([cap50], { m: 30, overdue: 90 })).toBe(30);
  });

  it('the lowest applicable cap wins, in either order', () => {
    expect(raw([cap50, cap40], { m: 90, overdue: 90, flagged: true })).toBe(40);
    expect(raw([cap40, cap50], { m: 90, overdue: 90, flagged: true })).toBe(40);
    // cap40 does not apply: only cap50 does
    expect(raw([cap40, cap50], { m: 90, overdue: 90, flagged: false })).toBe(50);
  });

  it('a non-applying cap is ignored even if it is lower', () => {
    expect(raw([cap40], { m: 90, flagged: false })).toBe(90);
  });

  it('points before the cap', () => {
    // 40 + 20 = 60, then cap 50 -> 50. (Cap first would give min(40, 50) + 20 = 60.)
    const plus20 = adj('plus20', 'plan', '==', 'enterprise', { points: 20 });
    expect(raw([cap50, plus20], { m: 40, overdue: 90, plan: 'enterprise' })).toBe(50);
  });

  it('one adjustment with both points and a cap', () => {
    // 90 − 10 = 80, cap 60 -> 60
    expect(raw([adj('both', 'overdue', '>', 30, { points: -10, cap: 60 })], { m: 90, overdue: 45 })).toBe(60);
  });

  it('clamp to [0, 100] after points', () => {
    // 10 − 15 = −5 -> 0;  95 + 10 = 105 -> 100
    expect(raw([overdue], { m: 10, overdue: 45 })).toBe(0);
    expect(raw([upsell], { m: 95, plan: 'enterprise' })).toBe(100);
    const s = score(withAdjustments(overdue, upsell), [
      { m: 10, overdue: 45 },
      { m: 95, plan: 'enterprise' },
    ]);
    expect(Array.from(s.score)).toEqual([0, 100]);
    expect(Array.from(s.band).map((b) => s.bands[b]?.id)).toEqual(['red', 'green']);
  });

  it('clamp after the cap: points far below 0 with a cap still give 0', () => {
    // 10 − 40 = −30, cap 50 -> −30, clamp -> 0
    const minus40 = adj('minus40', 'plan', '==', 'x', { points: -40 });
    expect(raw([minus40, cap50], { m: 10, plan: 'x', overdue: 90 })).toBe(0);
  });

  it('rounding comes last: a fractional cap is applied to the unrounded score', () => {
    // m = 80.3; cap 50.4 -> raw 50.4 -> score 50 (red). Rounding before the cap would give 50.4.
    const s = score(withAdjustments(adj('c', 'overdue', '>', 60, { cap: 50.4 })), [{ m: 80.3, overdue: 90 }]);
    expect(at(s, 0)).toMatchObject({ raw: 50.4, score: 50, band: 'red' });
  });

  it('rounding comes last: fractional points move the weighted score before it is rounded', () => {
    // 50.3 + 0.3 = 50.6 -> 51 (yellow). Rounding first would give 50 + 0.3 -> 50.
    const s = score(withAdjustments(adj('p', 'plan', '==', 'x', { points: 0.3 })), [{ m: 50.3, plan: 'x' }]);
    expect(at(s, 0).raw).toBeCloseTo(50.6, 9);
    expect(at(s, 0)).toMatchObject({ score: 51, band: 'yellow' });
  });

  it('a customer with no score gets no adjustment (R7)', () => {
    const s = score(withAdjustments(upsell, cap40), [{ m: null, plan: 'enterprise', flagged: true }]);
    expect(at(s, 0).score).toBeNaN();
    expect(at(s, 0).raw).toBeNaN();
    expect(at(s, 0).band).toBe('insufficient');
    const e = explain(withAdjustments(upsell, cap40), [{ m: null, plan: 'enterprise', flagged: true }], 0);
    expect(e.score).toBeNull();
    expect(e.adjustments.filter((a) => a.applied)).toEqual([]);
    expect(e.adjustmentPoints).toBe(0);
    expect(e.cap).toBeNull();
  });

  it('adjustments apply to the weighted score of a multi-metric model, and do not change coverage', () => {
    const model = oneCategory([metric('a', identity()), metric('b', identity())], { adjustments: [overdue] });
    // (60 + 80) / 2 = 70; −15 -> 55; b missing: 60 − 15 = 45, coverage 0.5
    const s = score(model, [
      { a: 60, b: 80, overdue: 45 },
      { a: 60, b: null, overdue: 45 },
    ]);
    expect(at(s, 0)).toMatchObject({ raw: 55, score: 55, coverage: 1, band: 'yellow' });
    expect(at(s, 1)).toMatchObject({ raw: 45, score: 45, coverage: 0.5, band: 'red' });
  });
});
