/**
 * Reweighing from prepared points gives exactly what scoring from scratch gives: over generated
 * models (every missing policy, zero weights, segments with weight and rule overrides, adjustments
 * and caps, stale values, fixed and quantile bands) and portfolios (a few rows, and several
 * blocks' worth), with new weights, coverage thresholds and bands.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newCategoryCache, pointsKey, preparePoints, reweighPortfolio, scorePortfolio, seededRandom, type Bands, type HealthModel, type MissingPolicy, type PortfolioScores, type ScoringRule } from '../../../src/engine';
import { bool, category, identity, linear, makeModel, makePortfolio, map, metric, range, steps, type Row } from '../../factories';
import { AS_OF } from './support';

const numericRules: ScoringRule[] = [identity(), linear(100, 0), linear(20, 80.5), range([40, 60], [20, 90]), steps({ upTo: 30, points: 10 }, { upTo: 70, points: 60.25 }, { points: 100 })];
const MOODS = ['happy', 'neutral', 'unhappy', 'ghost'];
const mood = map({ happy: 100, neutral: 55, unhappy: 10 });
const policy = fc.constantFrom<MissingPolicy>('renormalize', 'neutral', 'zero');
const weight = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6 }), fc.double({ min: 0, max: 7, noNaN: true }));
const bandsArb: fc.Arbitrary<Bands | undefined> = fc.constantFrom<Bands | undefined>(
  undefined,
  { mode: 'quantile' },
  { mode: 'fixed', cuts: [{ id: 'low', max: 40 }, { id: 'high', max: 100 }] },
  { mode: 'fixed', cuts: [{ id: 'a', max: 20 }, { id: 'b', max: 45 }, { id: 'c', max: 60 }, { id: 'd', max: 85 }, { id: 'e', max: 100 }] },
);

interface Case {
  model: HealthModel;
  rows: Row[];
  observed: (string | null)[];
  reweighed: HealthModel;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    cats: fc.array(fc.record({ weight, newWeight: weight, metrics: fc.array(fc.record({ rule: fc.nat(numericRules.length - 1), own: fc.option(policy, { nil: undefined }), weight, newWeight: weight, stale: fc.boolean() }), { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 3 }),
    missing: policy,
    minCoverage: fc.constantFrom(0, 0.5, 0.75, 1),
    newMinCoverage: fc.constantFrom(0, 0.3, 0.5, 1),
    bands: bandsArb,
    newBands: bandsArb,
    withMood: fc.boolean(),
    segments: fc.boolean(),
    segmentWeight: weight,
    newSegmentWeight: weight,
    segmentRule: fc.boolean(),
    adjustments: fc.boolean(),
    rows: fc.constantFrom(1, 3, 8, 40, 4097, 9000),
    seed: fc.integer(),
    holes: fc.constantFrom(0, 0.1, 0.5),
  })
  .map((g) => {
    const random = seededRandom(g.seed);
    const ids: string[] = [];
    const build = (newWeights: boolean) =>
      g.cats.map((c, ci) =>
        category(
          `k${ci}`,
          ci === 0 ? Math.max(1, newWeights ? c.newWeight : c.weight) : newWeights ? c.newWeight : c.weight,
          [
            ...c.metrics.map((m, mi) => {
              const id = `m${ci}_${mi}`;
              if (!newWeights) ids.push(id);
              return metric(id, numericRules[m.rule]!, { weight: newWeights ? m.newWeight : m.weight, ...(m.own ? { missing: m.own } : {}), ...(m.stale ? { maxAgeDays: 30 } : {}) });
            }),
            ...(ci === 0 && g.withMood ? [metric('mood', mood, { weight: newWeights ? 2 : 1 })] : []),
            ...(ci === 0 ? [metric('paid', bool(100, 0), { weight: newWeights ? 0 : 1 })] : []),
          ],
        ),
      );
    const segments = (w: number) => ({ field: 'stage', overrides: { onboarding: { m0_0: { weight: w, ...(g.segmentRule ? { scoring: linear(50, 100) } : {}) } }, renewal: { paid: { weight: w + 1 } } } });
    const common = {
      missing: g.missing,
      ...(g.adjustments ? { adjustments: [{ id: 'late', source: 'late', when: { op: '>' as const, value: 30 }, points: -15 }, { id: 'very', source: 'late', when: { op: '>' as const, value: 60 }, cap: 40 }, { id: 'bonus', source: 'paid', when: { op: '==' as const, value: true }, points: 7.5 }] } : {}),
    };
    const model = makeModel({ ...common, minCoverage: g.minCoverage, categories: build(false), ...(g.bands ? { bands: g.bands } : {}), ...(g.segments ? { segments: segments(g.segmentWeight) } : {}) });
    const reweighed = makeModel({ ...common, name: 'Reweighed', minCoverage: g.newMinCoverage, categories: build(true), ...(g.newBands ? { bands: g.newBands } : {}), ...(g.segments ? { segments: segments(g.newSegmentWeight) } : {}) });
    const value = () => (random() < g.holes ? null : Math.round(random() * 1000) / 10);
    const rows: Row[] = Array.from({ length: g.rows }, () => ({
      ...Object.fromEntries(ids.map((id) => [id, value()])),
      mood: random() < g.holes ? null : MOODS[Math.floor(random() * MOODS.length)]!,
      paid: random() < g.holes ? null : random() < 0.7,
      stage: ['onboarding', 'adoption', 'renewal', null][Math.floor(random() * 4)]!,
      late: random() < 0.5 ? null : Math.floor(random() * 90),
    }));
    const observed = rows.map(() => (random() < 0.3 ? '2024-01-01' : '2024-05-20'));
    return { model, rows, observed, reweighed };
  });

function plain(s: PortfolioScores) {
  return {
    size: s.size,
    score: Array.from(s.score),
    raw: Array.from(s.raw),
    coverage: Array.from(s.coverage),
    band: Array.from(s.band),
    bands: s.bands,
    categoryIds: s.categoryIds,
    categoryScores: s.categoryScores.map((c) => Array.from(c)),
    quantiles: s.quantiles,
  };
}

describe('reweighing from prepared points', () => {
  it('gives exactly the scores, raw scores, coverage, category scores and bands of scoring from scratch', () => {
    fc.assert(
      fc.property(caseArb, ({ model, rows, observed, reweighed }) => {
        const observedOn = Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, observed]));
        const portfolio = makePortfolio(rows, { observedOn, kinds: { mood: 'text', paid: 'boolean', stage: 'text', late: 'number' } });
        const prepared = preparePoints(model, portfolio, { asOf: AS_OF });
        expect(plain(reweighPortfolio(prepared, model))).toEqual(plain(scorePortfolio(model, portfolio, { asOf: AS_OF })));
        const expected = plain(scorePortfolio(reweighed, portfolio, { asOf: AS_OF }));
        expect(plain(reweighPortfolio(prepared, reweighed))).toEqual(expected);
        expect(plain(reweighPortfolio(prepared, reweighed, { categories: false }))).toEqual({ ...expected, categoryScores: expected.categoryScores.map(() => []) });
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('with a category cache, a run of weight changes (one category, several, none, back) gives exactly the scores of scoring from scratch each time', () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 6 }), ({ model, rows, observed, reweighed }, moves) => {
        const observedOn = Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, observed]));
        const portfolio = makePortfolio(rows, { observedOn, kinds: { mood: 'text', paid: 'boolean', stage: 'text', late: 'number' } });
        const prepared = preparePoints(model, portfolio, { asOf: AS_OF });
        const cache = newCategoryCache();
        let current = model;
        const drafts: HealthModel[] = [model, reweighed];
        for (const [c, m, w] of moves) {
          const ci = c % current.categories.length;
          const cat = current.categories[ci]!;
          const mi = m % (cat.metrics.length + 1);
          current = {
            ...current,
            categories: current.categories.map((k, i) => (i !== ci ? k : mi === cat.metrics.length ? { ...k, weight: w } : { ...k, metrics: k.metrics.map((x, j) => (j === mi ? { ...x, weight: w } : x)) })),
          };
          drafts.push(current, current);
        }
        drafts.push(model);
        for (const draft of drafts) {
          expect(plain(reweighPortfolio(prepared, draft, { cache }))).toEqual(plain(scorePortfolio(draft, portfolio, { asOf: AS_OF })));
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('refuses a model that differs in more than weights: a rule, a source, a policy, an adjustment', () => {
    const model = makeModel({ categories: [category('a', 1, [metric('x', identity()), metric('y', linear(100, 0))])] });
    const portfolio = makePortfolio([{ x: 10, y: 20 }]);
    const prepared = preparePoints(model, portfolio, { asOf: AS_OF });
    const weightsOnly = makeModel({ name: 'other', minCoverage: 0.9, categories: [category('a', 3, [metric('x', identity(), { weight: 0 }), metric('y', linear(100, 0), { weight: 4 })])] });
    expect(pointsKey(weightsOnly)).toBe(pointsKey(model));
    expect(() => reweighPortfolio(prepared, weightsOnly)).not.toThrow();
    const others: HealthModel[] = [
      makeModel({ categories: [category('a', 1, [metric('x', linear(0, 50)), metric('y', linear(100, 0))])] }),
      makeModel({ categories: [category('a', 1, [metric('x', identity(), { source: 'y' }), metric('y', linear(100, 0))])] }),
      makeModel({ missing: 'zero', categories: model.categories }),
      makeModel({ categories: model.categories, adjustments: [{ id: 'p', source: 'x', when: { op: '>', value: 5 }, points: 3 }] }),
      makeModel({ categories: [category('a', 1, [metric('y', linear(100, 0)), metric('x', identity())])] }),
    ];
    for (const other of others) expect(() => reweighPortfolio(prepared, other)).toThrow(RangeError);
  });
});
