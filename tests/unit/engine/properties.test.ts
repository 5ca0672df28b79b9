/**
 * Properties of the scoring engine (fast-check), checked over generated models and portfolios.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainChange, pointsFor } from '../../../src/engine';
import type { Category, HealthModel, Metric, MissingPolicy, ScoringRule } from '../../../src/engine/model';
import type { PortfolioScores } from '../../../src/engine/results';
import { bool, category, identity, linear, makeModel, map, metric, range, steps, type Row } from '../../factories';
import { explain, score } from './support';

const RUNS = { numRuns: 200 };

// ---------------------------------------------------------------------------------------------
// Arbitrary valid rules (R2)

const param = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const pts = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }));

const linearArb: fc.Arbitrary<ScoringRule> = fc
  .tuple(param, param)
  .filter(([w, b]) => w !== b)
  .map(([w, b]) => linear(w, b));

const rangeArb: fc.Arbitrary<ScoringRule> = fc
  .array(param, { minLength: 4, maxLength: 4 })
  .map((xs) => [...xs].sort((x, y) => x - y))
  .filter((xs) => (xs[0] ?? 0) < (xs[3] ?? 0))
  .map(([lo = 0, a = 0, b = 0, hi = 0]) => range([a, b], [lo, hi]));

const stepsArb: fc.Arbitrary<ScoringRule> = fc
  .tuple(fc.uniqueArray(param, { maxLength: 4 }), fc.array(pts, { minLength: 5, maxLength: 5 }))
  .map(([uptos, p]) => {
    const sorted = [...uptos].sort((x, y) => x - y).filter((x, i, a) => i === 0 || x !== a[i - 1]);
    return steps(...sorted.map((upTo, i) => ({ upTo, points: p[i] ?? 0 })), { points: p[4] ?? 0 });
  });

const boolArb: fc.Arbitrary<ScoringRule> = fc.tuple(pts, pts).map(([t, f]) => bool(t, f));

const mapArb: fc.Arbitrary<ScoringRule> = fc
  .uniqueArray(fc.tuple(fc.constantFrom('happy', 'neutral', 'unhappy', 'ghost', '1', '2', 'yes'), pts), {
    minLength: 1,
    maxLength: 4,
    selector: ([k]) => k,
  })
  .map((entries) => map(Object.fromEntries(entries)));

const anyRule = fc.oneof(linearArb, rangeArb, stepsArb, boolArb, mapArb);
const anyValue = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -5, max: 5 }),
  fc.boolean(),
  fc.constantFrom('happy', ' HAPPY ', 'Sim', 'não', 'yes', 'NO', 'x', '', '1', '2'),
);

describe('pointsFor', () => {
  it('is always in [0, 100] (or undefined = missing) for every rule and any finite value', () => {
    fc.assert(
      fc.property(anyRule, anyValue, (rule, value) => {
        const p = pointsFor(rule, value);
        if (p === undefined) return true;
        return Number.isFinite(p) && p >= 0 && p <= 100;
      }),
      RUNS,
    );
  });

  it('numeric rules give points for every finite number', () => {
    fc.assert(
      fc.property(fc.oneof(linearArb, rangeArb, stepsArb), fc.double({ noNaN: true, noDefaultInfinity: true }), (rule, v) => {
        const p = pointsFor(rule, v);
        return p !== undefined && Number.isFinite(p) && p >= 0 && p <= 100;
      }),
      RUNS,
    );
  });

  it('a linear rule is monotonic: non-decreasing when best > worst, non-increasing when best < worst', () => {
    const finite = fc.double({ min: -1e7, max: 1e7, noNaN: true });
    fc.assert(
      fc.property(param, param, finite, finite, (w, b, x, y) => {
        fc.pre(w !== b);
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const pLo = pointsFor(linear(w, b), lo) ?? NaN;
        const pHi = pointsFor(linear(w, b), hi) ?? NaN;
        return b > w ? pLo <= pHi : pLo >= pHi;
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Arbitrary models and portfolios. Weights are small integers and values integers 0–100 scored by
// rules with integer slopes, so every exact score is a rational with a small denominator: it never
// sits on a 6-decimal rounding boundary, and float noise cannot flip an integer score or a band.

const numericRules: ScoringRule[] = [identity(), linear(100, 0), linear(20, 80), range([40, 60], [20, 90]), steps({ upTo: 30, points: 10 }, { upTo: 70, points: 60 }, { points: 100 })];

interface Gen {
  model: HealthModel;
  rows: Row[];
  metricIds: string[];
}

const policyArb = fc.constantFrom<MissingPolicy>('renormalize', 'neutral', 'zero');

function modelArb(opts: { full?: boolean; policy?: MissingPolicy } = {}): fc.Arbitrary<Gen> {
  const metricSpec = fc.record({
    weight: fc.integer({ min: 0, max: 5 }),
    rule: fc.constantFrom(...numericRules),
    own: opts.policy ? fc.constant(undefined) : fc.option(policyArb, { nil: undefined }),
  });
  const categorySpec = fc.record({ weight: fc.integer({ min: 0, max: 5 }), metrics: fc.array(metricSpec, { minLength: 1, maxLength: 3 }) });
  return fc
    .record({
      cats: fc.array(categorySpec, { minLength: 1, maxLength: 3 }),
      missing: opts.policy ? fc.constant(opts.policy) : policyArb,
      minCoverage: fc.constantFrom(0, 0.5, 0.75, 1),
      quantile: fc.boolean(),
      nRows: fc.integer({ min: 1, max: 6 }),
      seedValues: fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: opts.full ? 1_000_000 : 3 }), {
        minLength: 6 * 9,
        maxLength: 6 * 9,
      }),
    })
    .map(({ cats, missing, minCoverage, quantile, nRows, seedValues }) => {
      const metricIds: string[] = [];
      const categories: Category[] = cats.map((c, ci) =>
        category(
          `k${ci}`,
          ci === 0 ? Math.max(1, c.weight) : c.weight,
          c.metrics.map((m, mi) => {
            const id = `m${ci}_${mi}`;
            metricIds.push(id);
            // the first metric of the first category always takes part
            const weight = ci === 0 && mi === 0 ? Math.max(1, m.weight) : m.weight;
            return metric(id, m.rule, m.own ? { weight, missing: m.own } : { weight });
          }),
        ),
      );
      const model = makeModel({ missing, minCoverage, categories, ...(quantile ? { bands: { mode: 'quantile' as const } } : {}) });
      const rows: Row[] = Array.from({ length: nRows }, (_r, ri) =>
        Object.fromEntries(metricIds.map((id, k) => [id, opts.full ? (seedValues[ri * 9 + k] ?? 50) : (seedValues[ri * 9 + k] ?? null)])),
      );
      return { model, rows, metricIds };
    });
}

function scale(model: HealthModel, k: number): HealthModel {
  return {
    ...model,
    categories: model.categories.map((c) => ({ ...c, weight: c.weight * k, metrics: c.metrics.map((m): Metric => ({ ...m, weight: m.weight * k })) })),
  };
}

function bandIdsOf(s: PortfolioScores): string[] {
  return Array.from(s.band, (b) => s.bands[b]?.id ?? '?');
}

describe('portfolio properties', () => {
  it('scaling every category and metric weight by a positive constant changes no score, coverage or band', () => {
    fc.assert(
      fc.property(modelArb(), fc.double({ min: 0.001, max: 1000, noNaN: true }), ({ model, rows }, k) => {
        const a = score(model, rows);
        const b = score(scale(model, k), rows);
        expect(Array.from(b.score)).toEqual(Array.from(a.score));
        expect(bandIdsOf(b)).toEqual(bandIdsOf(a));
        Array.from(b.coverage).forEach((c, i) => expect(c).toBeCloseTo(a.coverage[i] ?? NaN, 9));
      }),
      RUNS,
    );
  });

  it('coverage is in [0, 1]; score is an integer in [0, 100], or NaN exactly when coverage is 0', () => {
    fc.assert(
      fc.property(modelArb(), ({ model, rows }) => {
        const s = score(model, rows);
        for (let i = 0; i < s.size; i++) {
          const c = s.coverage[i] ?? NaN;
          const sc = s.score[i] ?? NaN;
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(1);
          if (Number.isNaN(sc)) {
            expect(c).toBe(0);
            expect(s.bands[s.band[i] ?? 255]?.id).toBe('insufficient');
          } else {
            expect(Number.isInteger(sc)).toBe(true);
            expect(sc).toBeGreaterThanOrEqual(0);
            expect(sc).toBeLessThanOrEqual(100);
            expect(c).toBeGreaterThan(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('coverage is exactly 1 when nothing is missing', () => {
    fc.assert(
      fc.property(modelArb({ full: true }), ({ model, rows }) => {
        const s = score(model, rows);
        expect(Array.from(s.coverage)).toEqual(rows.map(() => 1));
        expect(Array.from(s.score).every((x) => Number.isInteger(x))).toBe(true);
      }),
      RUNS,
    );
  });

  it('under renormalize, adding a metric with no data changes no score', () => {
    fc.assert(
      fc.property(
        modelArb({ policy: 'renormalize' }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 5 }),
        ({ model, rows }, where, weight) => {
          const extra = metric('extra', identity(), { weight });
          const categories =
            where < model.categories.length
              ? model.categories.map((c, i) => (i === where ? { ...c, metrics: [...c.metrics, extra] } : c))
              : [...model.categories, category('extraCat', weight, [extra])];
          const withExtra = { ...model, categories };
          const a = score(model, rows);
          const b = score(withExtra, rows.map((r) => ({ ...r, extra: null })));
          expect(Array.from(b.score)).toEqual(Array.from(a.score));
          Array.from(b.raw).forEach((r, i) => {
            const want = a.raw[i] ?? NaN;
            if (Number.isNaN(want)) expect(r).toBeNaN();
            else expect(r).toBeCloseTo(want, 9);
          });
        },
      ),
      RUNS,
    );
  });

  it('a linear metric pushes the score the same way as its value, everything else equal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        fc.integer({ min: 1, max: 5 }),
        (x, y, other, w) => {
          const model = makeModel({
            categories: [category('c', 1, [metric('t', linear(10, 90), { weight: w }), metric('o', identity())])],
          });
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const s = score(model, [
            { t: lo, o: other },
            { t: hi, o: other },
          ]);
          expect(s.score[0] ?? NaN).toBeLessThanOrEqual(s.score[1] ?? NaN);
          expect(s.raw[0] ?? NaN).toBeLessThanOrEqual((s.raw[1] ?? NaN) + 1e-9);
        },
      ),
      RUNS,
    );
  });

  it('explanations agree with the portfolio, and their contributions add up to the weighted score', () => {
    fc.assert(
      fc.property(modelArb(), ({ model, rows }) => {
        const s = score(model, rows);
        const q = s.quantiles;
        for (let i = 0; i < rows.length; i++) {
          const e = explain(model, rows, i, q ? { quantiles: q } : {});
          const sc = s.score[i] ?? NaN;
          if (Number.isNaN(sc)) expect(e.score).toBeNull();
          else expect(e.score).toBe(sc);
          expect(e.band.id).toBe(s.bands[s.band[i] ?? 255]?.id);
          expect(e.coverage).toBeCloseTo(s.coverage[i] ?? NaN, 12);
          if (e.weightedScore !== null) {
            const contributions = e.metrics.reduce((acc, m) => acc + m.contribution, 0);
            const weights = e.metrics.reduce((acc, m) => acc + m.effectiveWeight, 0);
            expect(contributions).toBeCloseTo(e.weightedScore, 9);
            expect(weights).toBeCloseTo(1, 9);
            for (const m of e.metrics) expect(m.contribution).toBeCloseTo(m.effectiveWeight * (m.points ?? 0), 9);
          }
        }
      }),
      RUNS,
    );
  });

  it('explainChange: whole-point parts add up exactly to the delta, exact parts to the exact change', () => {
    fc.assert(
      fc.property(modelArb(), fc.nat(), fc.nat(), ({ model, rows }, i, j) => {
        const a = explain(model, rows, i % rows.length);
        const b = explain(model, rows, j % rows.length);
        const change = explainChange(a, b);
        if (a.score === null || b.score === null) {
          expect(change.delta).toBeNull();
          return;
        }
        expect(change.delta).toBe(b.score - a.score);
        expect(change.parts.reduce((acc, p) => acc + p.points, 0)).toBe(change.delta);
        expect(change.parts.reduce((acc, p) => acc + p.exact, 0)).toBeCloseTo(b.score - a.score, 9);
        for (const p of change.parts) {
          expect(Number.isInteger(p.points)).toBe(true);
          expect(Math.abs(p.points - p.exact)).toBeLessThan(1);
        }
      }),
      RUNS,
    );
  });
});
