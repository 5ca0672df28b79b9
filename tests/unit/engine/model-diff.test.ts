/**
 * What differs between two models, by category and metric, in model order.
 */
import { describe, expect, it } from 'vitest';
import { describeBands, describeRule, modelDifferences } from '../../../src/engine';
import { bool, category, identity, linear, makeModel, map, metric, range, steps } from '../../factories';

describe('model differences', () => {
  it('lists nothing for the same model, whatever its name', () => {
    const model = makeModel();
    expect(modelDifferences(model, { ...model, name: 'renamed' })).toEqual([]);
  });

  it('names weights, rules, settings, added and removed parts, policies, coverage, bands, adjustments and segments', () => {
    const a = makeModel({
      categories: [
        category('use', 2, [metric('logins', identity(), { label: 'Logins', weight: 3 }), metric('seats', linear(0, 10))], 'Usage'),
        category('voice', 1, [metric('nps', linear(-100, 100), { label: 'NPS' })]),
        category('old', 1, [metric('x', identity())]),
      ],
      adjustments: [{ id: 'late', label: 'Late invoice', source: 'late', when: { op: '>', value: 30 }, points: -10 }, { id: 'gone', source: 'g', when: { op: '==', value: true }, cap: 20 }],
    });
    const b = makeModel({
      missing: 'neutral',
      minCoverage: 0.75,
      bands: { mode: 'quantile' },
      categories: [
        category('use', 0, [metric('logins', identity(), { label: 'Logins', weight: 5, maxAgeDays: 30 }), metric('tickets', identity())], 'Usage'),
        category('voice', 1, [metric('nps', linear(0, 100), { label: 'NPS' })]),
        category('new', 1, [metric('y', identity())]),
      ],
      adjustments: [{ id: 'late', label: 'Late invoice', source: 'late', when: { op: '>', value: 60 }, points: -10 }, { id: 'fresh', source: 'f', when: { op: '==', value: true }, points: 5 }],
      segments: { field: 'stage', overrides: { onboarding: { logins: { weight: 0 } } } },
    });
    expect(modelDifferences(a, b)).toEqual([
      { kind: 'category-weight', category: 'Usage', a: 2, b: 0 },
      { kind: 'metric-weight', category: 'Usage', metric: 'Logins', a: 3, b: 5 },
      { kind: 'metric-setting', category: 'Usage', metric: 'Logins', item: 'maxAgeDays', a: '—', b: 30 },
      { kind: 'metric-removed', category: 'Usage', metric: 'seats' },
      { kind: 'metric-added', category: 'Usage', metric: 'tickets' },
      { kind: 'metric-rule', category: 'voice', metric: 'NPS', a: '-100 → 100', b: '0 → 100' },
      { kind: 'category-removed', category: 'old' },
      { kind: 'category-added', category: 'new' },
      { kind: 'missing', a: 'renormalize', b: 'neutral' },
      { kind: 'min-coverage', a: 0.5, b: 0.75 },
      { kind: 'bands', a: 'Red ≤50 · Yellow ≤70 · Green ≤100', b: 'p25/p75' },
      { kind: 'adjustment-changed', item: 'Late invoice' },
      { kind: 'adjustment-removed', item: 'gone' },
      { kind: 'adjustment-added', item: 'fresh' },
      { kind: 'segments' },
    ]);
  });

  it('describes every kind of rule and bands in a short form', () => {
    expect(describeRule(range([40, 60], [20, 90]))).toBe('[40–60] 0 @ 20/90');
    expect(describeRule(steps({ upTo: 30, points: 10 }, { points: 100 }))).toBe('≤30: 10 · 100');
    expect(describeRule(bool(100, 0))).toBe('✓ 100 · ✗ 0');
    expect(describeRule(map({ happy: 100, sad: 0 }))).toBe('happy: 100 · sad: 0');
    expect(describeBands({ mode: 'fixed', cuts: [{ id: 'low', max: 40 }, { id: 'high', label: 'High', max: 100 }] })).toBe('low ≤40 · High ≤100');
  });
});
