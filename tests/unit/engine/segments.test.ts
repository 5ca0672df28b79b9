/**
 * Segments (DESIGN "Segments"; R4, R5): per-segment metric weight and rule overrides, matched like
 * `map` labels.
 *
 * Model: one category, usage (w 2, linear 0..100) and tickets (w 1, range ideal [1,5], zeroAt [0,20]).
 */
import { describe, expect, it } from 'vitest';
import type { HealthModel, Segments } from '../../../src/engine/model';
import { category, identity, linear, makeModel, metric, oneCategory, range } from '../../factories';
import { at, expectClose, explain, score } from './support';

const usage = metric('usage', identity(), { weight: 2 });
const tickets = metric('tickets', range([1, 5], [0, 20]));
const withSegments = (segments: Segments): HealthModel => oneCategory([usage, tickets], { segments });

describe('weight override', () => {
  const model = withSegments({ field: 'stage', overrides: { Onboarding: { tickets: { weight: 0 } } } });

  it('onboarding: tickets weigh 0; other customers are unaffected', () => {
    const s = score(model, [
      { stage: 'Onboarding', usage: 60, tickets: 0 },
      { stage: 'onboarding', usage: 60, tickets: 0 }, // case-insensitive
      { stage: '  ONBOARDING ', usage: 60, tickets: 0 }, // trimmed
      { stage: 'Adoption', usage: 60, tickets: 0 },
      { stage: null, usage: 60, tickets: 0 },
      { stage: 'Onboarding-2', usage: 60, tickets: 0 },
    ]);
    // onboarding: raw = usage = 60; others: tickets 0 -> 0 points: (2·60 + 0) / 3 = 40
    expectClose(s.raw, [60, 60, 60, 40, 40, 40]);
  });

  it('a weight-0 override takes the metric out of coverage too', () => {
    const s = score(model, [
      { stage: 'onboarding', usage: 60, tickets: null },
      { stage: 'adoption', usage: 60, tickets: null },
    ]);
    // onboarding: tickets takes no part -> coverage 1; others: 2/3
    expect(s.coverage[0]).toBe(1);
    expect(s.coverage[1]).toBeCloseTo(2 / 3, 12);
    expectClose(s.raw, [60, 60]);
  });

  it('a non-zero weight override re-weights the metric', () => {
    const m = withSegments({ field: 'stage', overrides: { scale: { usage: { weight: 1 } } } });
    const s = score(m, [
      { stage: 'Scale', usage: 60, tickets: 0 },
      { stage: 'other', usage: 60, tickets: 0 },
    ]);
    // scale: (1·60 + 1·0) / 2 = 30; other: (2·60 + 0) / 3 = 40
    expectClose(s.raw, [30, 40]);
  });

  it('overriding every metric of a category to weight 0 leaves the category out (R5)', () => {
    const m = makeModel({
      segments: { field: 'stage', overrides: { onboarding: { tickets: { weight: 0 } } } },
      categories: [category('use', 1, [usage]), category('support', 1, [tickets])],
    });
    const s = score(m, [
      { stage: 'onboarding', usage: 60, tickets: 0 },
      { stage: 'adoption', usage: 60, tickets: 0 },
    ]);
    // onboarding: raw = use = 60, coverage 1, support left out; adoption: (60 + 0) / 2 = 30
    expectClose(s.raw, [60, 30]);
    expect(Array.from(s.coverage)).toEqual([1, 1]);
    expect(s.categoryScores[1]?.[0]).toBeNaN();
    expect(s.categoryScores[1]?.[1]).toBe(0);
  });
});

describe('scoring override', () => {
  const model = withSegments({ field: 'plan', overrides: { Enterprise: { usage: { scoring: linear(50, 100) } } } });

  it('the segment uses its own rule; others keep the model rule', () => {
    const s = score(model, [
      { plan: 'enterprise', usage: 75, tickets: 3 },
      { plan: 'starter', usage: 75, tickets: 3 },
    ]);
    // enterprise: usage 75 on 50..100 -> 50 points; tickets 3 -> 100: (2·50 + 100) / 3 = 66.67 -> 67
    // starter:    usage 75 -> 75 points:                                 (2·75 + 100) / 3 = 83.33 -> 83
    expect(s.raw[0]).toBeCloseTo(200 / 3, 9);
    expect(s.raw[1]).toBeCloseTo(250 / 3, 9);
    expect(Array.from(s.score)).toEqual([67, 83]);
  });

  it('weight and scoring together', () => {
    const m = withSegments({ field: 'plan', overrides: { enterprise: { usage: { weight: 1, scoring: linear(50, 100) } } } });
    // (1·50 + 1·100) / 2 = 75
    expect(at(score(m, [{ plan: 'Enterprise', usage: 75, tickets: 3 }]), 0).raw).toBe(75);
  });
});

describe('segment field kinds', () => {
  it('a number column matches numeric keys numerically (R4)', () => {
    const m = withSegments({ field: 'tier', overrides: { '1': { tickets: { weight: 0 } } } });
    const s = score(m, [
      { tier: 1, usage: 60, tickets: 0 },
      { tier: 2, usage: 60, tickets: 0 },
    ]);
    expectClose(s.raw, [60, 40]);
  });
});

describe('explanation', () => {
  const model = withSegments({ field: 'stage', overrides: { onboarding: { tickets: { weight: 0 } } } });

  it('names the override on the metric it changed, and only there', () => {
    const e = explain(model, [{ stage: 'Onboarding', usage: 60, tickets: 0 }], 0);
    const t = e.metrics.find((m) => m.metricId === 'tickets');
    const u = e.metrics.find((m) => m.metricId === 'usage');
    expect(t?.segmentOverride).toBeTruthy();
    expect(t?.weight).toBe(0);
    expect(t?.status).toBe('unweighted');
    expect(t?.contribution).toBe(0);
    expect(u?.segmentOverride).toBeUndefined();
    expect(u?.effectiveWeight).toBe(1);
    expect(e.segment).not.toBeNull();
  });

  it('a customer outside the segment has no override', () => {
    const e = explain(model, [{ stage: 'adoption', usage: 60, tickets: 0 }], 0);
    expect(e.metrics.every((m) => m.segmentOverride === undefined)).toBe(true);
    expect(e.metrics.find((m) => m.metricId === 'tickets')?.weight).toBe(1);
  });
});
