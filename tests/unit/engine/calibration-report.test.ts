/**
 * The calibration report (`calibrate`, `modelWithWeights`, `backtestReport`) on hand-made samples
 * whose every figure the test counts itself: band churn, quartiles, the checklist, directions,
 * which indicator the fit drops, and the weights it suggests.
 */
import { describe, expect, it } from 'vitest';
import { MODEL_FORMAT, seededRandom, type BandInfo, type HealthModel } from '../../../src/engine';
import { backtestReport, calibrate, metricShares, modelWithWeights, type CalibrationInput } from '../../../src/engine/calibration/report';

const MODEL: HealthModel = {
  format: MODEL_FORMAT,
  name: 'Test',
  categories: [
    { id: 'usage', label: 'Usage', weight: 60, metrics: [
      { id: 'logins', label: 'Logins', weight: 3, scoring: { type: 'linear', worst: 0, best: 10 } },
      { id: 'seats', label: 'Seats', weight: 1, scoring: { type: 'linear', worst: 0, best: 10 } },
    ] },
    { id: 'support', label: 'Support', weight: 40, metrics: [{ id: 'tickets', label: 'Tickets', weight: 1, scoring: { type: 'linear', worst: 10, best: 0 } }] },
  ],
  bands: { mode: 'fixed', cuts: [{ id: 'red', max: 39 }, { id: 'yellow', max: 69 }, { id: 'green', max: 100 }] },
};
const BANDS: BandInfo[] = [
  { id: 'red', label: 'Red', color: '#c00' },
  { id: 'yellow', label: 'Yellow', color: '#fa0' },
  { id: 'green', label: 'Green', color: '#080' },
  { id: 'insufficient', label: 'Insufficient data', color: '#777' },
];

/** The score the model gives with full data: Σ share × points, rounded (the app's own arithmetic for this model). */
function scoreOf(model: HealthModel, points: Float64Array, row: number): number {
  const shares = metricShares(model);
  return Math.round(shares.reduce((a, s, m) => a + s * points[row * 3 + m]!, 0));
}
const bandOf = (score: number) => (score <= 39 ? 0 : score <= 69 ? 1 : 2);

/**
 * n customers: logins protect strongly, seats a little, and "tickets" (points: fewer tickets =
 * more points) is deliberately reversed: customers with MORE points churn MORE.
 */
function sample(n: number, seed = 7, churnShift = 0): CalibrationInput {
  const rand = seededRandom(seed);
  const points = new Float64Array(n * 3);
  const churned = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const [a, b, c] = [rand() * 100, rand() * 100, rand() * 100];
    points.set([a, b, c], i * 3);
    const logit = 1 + churnShift - 0.05 * a - 0.01 * b + 0.03 * c;
    churned[i] = rand() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  const score = Float64Array.from({ length: n }, (_, i) => scoreOf(MODEL, points, i));
  return {
    model: MODEL,
    revision: 'r1',
    bands: BANDS,
    churned,
    score,
    band: Uint8Array.from(score, bandOf),
    overridden: new Uint8Array(n),
    points,
    fill: new Float64Array(3).fill(Number.NaN),
    bandBefore: new Int16Array(n).fill(-1),
    scoreWith: (candidate) => Float64Array.from({ length: n }, (_, i) => scoreOf(candidate, points, i)),
    unmatched: 0,
    unscored: 0,
    portfolioBands: [10, 20, 70, 5],
  };
}

describe('calibrate', () => {
  const input = sample(2000);
  const report = calibrate(input);
  const n = input.churned.length;
  const churned = input.churned.reduce((a, b) => a + b, 0);

  it('counts churn per band and in the top and bottom quarters as counted by hand', () => {
    expect(report).toMatchObject({ churned, retained: n - churned, small: false });
    for (let b = 0; b < 3; b++) {
      const rows = [...input.band.keys()].filter((i) => input.band[i] === b);
      const c = rows.filter((i) => input.churned[i] === 1).length;
      expect(report.score.bands[b]).toMatchObject({ bandId: BANDS[b]!.id, customers: rows.length, churned: c });
      expect(report.score.bands[b]!.rate).toBeCloseTo(c / rows.length, 12);
      expect(report.score.bands[b]!.low).toBeLessThan(report.score.bands[b]!.rate);
    }
    const order = [...input.score.keys()].sort((a, b) => input.score[a]! - input.score[b]! || a - b);
    const q = n / 4;
    const churnOf = (rows: number[]) => rows.filter((i) => input.churned[i] === 1).length;
    expect(report.score.quartiles!.bottom).toMatchObject({ customers: q, churned: churnOf(order.slice(0, q)) });
    expect(report.score.quartiles!.top).toMatchObject({ customers: q, churned: churnOf(order.slice(n - q)) });
  });

  it('says which indicator agrees with its rule and which the outcomes contradict', () => {
    expect(report.indicators.map((i) => [i.metricId, i.direction])).toEqual([['logins', 'agrees'], ['seats', 'unclear'], ['tickets', 'contradicts']]);
    const tickets = report.indicators[2]!;
    expect(tickets.auc!.high).toBeLessThan(0.5);
    // Churn by points: the reversed indicator churns most in its 75–100 points.
    expect(tickets.byPoints[3]!.rate).toBeGreaterThan(tickets.byPoints[0]!.rate);
    expect(tickets.byPoints.reduce((a, b) => a + b.customers, 0)).toBe(n);
    expect(report.indicators[0]!.share).toBeCloseTo(0.45, 12);
    expect(report.checklist.find((c) => c.id === 'directions')).toMatchObject({ status: 'fail', value: 1, basis: 3, names: ['Tickets'] });
  });

  it('holds the checklist to its thresholds with the figures measured', () => {
    const base = churned / n;
    const lowest = report.score.bands[0]!;
    const ratio = report.checklist.find((c) => c.id === 'lowest-band-3x')!;
    expect(ratio.value).toBeCloseTo(lowest.rate / base, 12);
    expect(ratio.status).toBe(ratio.value! >= 3 ? 'pass' : 'fail');
    expect(report.checklist.find((c) => c.id === 'top-band-share')).toMatchObject({ status: 'pass', value: 0.7, basis: 100 });
    expect(calibrate({ ...input, portfolioBands: [5, 10, 85, 0] }).checklist.find((c) => c.id === 'top-band-share')).toMatchObject({ status: 'fail', value: 0.85 });
    expect(report.checklist.find((c) => c.id === 'below-top-before')).toMatchObject({ status: 'unknown', value: null, basis: 0 });
    // 3 churned customers with history: two were below green 60–90 days before (2/3 passes), one was green.
    const churners = [...input.churned.keys()].filter((i) => input.churned[i] === 1).slice(0, 3);
    const bandBefore = new Int16Array(n).fill(-1);
    [0, 1, 2].forEach((band, k) => (bandBefore[churners[k]!] = band));
    expect(calibrate({ ...input, bandBefore }).checklist.find((c) => c.id === 'below-top-before')).toMatchObject({ status: 'pass', basis: 3, value: 2 / 3 });
    bandBefore[churners[0]!] = 2;
    expect(calibrate({ ...input, bandBefore }).checklist.find((c) => c.id === 'below-top-before')).toMatchObject({ status: 'fail', basis: 3, value: 1 / 3 });
  });

  it('fits weights that drop the contradicted indicator, weigh logins most, and beat the current weights out of fold', () => {
    const s = report.suggestion!;
    expect(s.dropped).toEqual(['Tickets']);
    const [logins, seats, tickets] = s.metrics;
    // Its category gets no weight; the metric keeps its weight inside it (a model needs one), so its share is 0.
    expect(tickets!.suggestedShare).toBe(0);
    expect(s.categories.map((c) => [c.id, c.suggested])).toEqual([['usage', 100], ['support', 0]]);
    expect(logins!.suggested).toBeGreaterThan(seats!.suggested);
    expect(logins!.suggested + seats!.suggested).toBe(100);
    expect(s.suggested.auc).toBeGreaterThan(s.current.auc);
    expect(s.current.auc).toBeCloseTo(report.score.auc!.auc, 12);
    expect(s.model.categories[1]!.weight).toBe(0);
    expect(s.model.name).toBe(MODEL.name);
    expect(s.model.bands).toEqual(MODEL.bands);
  });

  it('once its weights are in use, judges them by the out-of-fold AUC, not on the data they were fitted to', () => {
    const suggested = report.suggestion!;
    expect(suggested.inUse).toBe(false);
    const applied = calibrate({ ...input, model: suggested.model, score: input.scoreWith(suggested.model) });
    const again = applied.suggestion!;
    expect(again.inUse).toBe(true);
    expect(again.current).toEqual(again.suggested);
    // In-sample, the fitted weights look better than out of fold.
    expect(applied.score.auc!.auc).toBeGreaterThan(again.suggested.auc);
  });

  it('warns on a small sample, and fits nothing with too few churned customers', () => {
    const small = calibrate(sample(60, 3, -1.5));
    expect(small.churned).toBeLessThan(30);
    expect(small.small).toBe(true);
    expect(small.checklist.find((c) => c.id === 'sample')!.status).toBe('fail');
    const tiny = sample(40, 5, -3);
    const few = calibrate(tiny);
    expect(few.churned).toBeLessThan(10);
    expect(few.suggestion).toBeNull();
    expect(few.noSuggestion).toBe('too-few');
  });
});

describe('modelWithWeights', () => {
  it('turns fitted weights into whole category and metric weights with the same shares', () => {
    const model = modelWithWeights(MODEL, [0.6, 0.2, 0.2])!;
    expect(model.categories.map((c) => c.weight)).toEqual([80, 20]);
    expect(model.categories[0]!.metrics.map((m) => m.weight)).toEqual([75, 25]);
    const shares = metricShares(model);
    [0.6, 0.2, 0.2].forEach((w, m) => expect(shares[m]).toBeCloseTo(w, 12));
    expect(modelWithWeights(MODEL, [0, 0, 0])).toBeNull();
    // Negative fitted weights count as none.
    expect(modelWithWeights(MODEL, [1, -1, 0])!.categories.map((c) => c.weight)).toEqual([100, 0]);
  });
});

describe('backtestReport', () => {
  it('counts how each band of the earlier day ended after it, and lists the flagged worst first', () => {
    const report = backtestReport({
      revision: 'r1', modelName: 'Test', day: 100, bands: BANDS,
      ids: ['a', 'b', 'c', 'd', 'e'], names: ['A', 'B', 'C', 'D', 'E'],
      score: Float64Array.from([30, 10, 50, 90, Number.NaN]),
      band: Uint8Array.from([0, 0, 1, 2, 3]),
      status: Int8Array.from([1, -1, 0, 0, 1]),
      outcomeDay: Float64Array.from([120, Number.NaN, 130, 140, 150]),
    });
    expect(report.bands.map((b) => [b.bandId, b.customers, b.churned, b.renewed, b.unknown])).toEqual([
      ['red', 2, 1, 0, 1], ['yellow', 1, 0, 1, 0], ['green', 1, 0, 1, 0], ['insufficient', 1, 1, 0, 0],
    ]);
    expect(report.flagged.map((f) => [f.customerId, f.score, f.status])).toEqual([['b', 10, null], ['a', 30, 'churned']]);
    expect(report.flaggedTotal).toBe(2);
    // Only 1 churned customer with a score: too few for an AUC.
    expect(report.auc).toBeNull();
  });
});
