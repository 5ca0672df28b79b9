/**
 * Tests added from a mutation-testing run (Stryker) over src/engine: each pins a behaviour of the
 * scoring semantics (DESIGN "Scoring semantics", readings R1–R12) that a surviving mutant showed
 * the rest of the suite did not check. Expected values are worked out by hand from the spec.
 */
import { describe, expect, it } from 'vitest';
import { apportion, bandInfos, columnNeeds, describeChange, explainChange, explainCustomer, pointsFor, scorePortfolio } from '../../../src/engine';
import { DEFAULT_FIXED_BANDS, type ComparisonOp, type HealthModel, type Metric, type ScoringRule } from '../../../src/engine/model';
import { bool, category, day, identity, linear, makeModel, makePortfolio, map, metric, range, steps, type Row } from '../../factories';
import { AS_OF } from './support';

describe('portfolios larger than one scoring block', () => {
  // The portfolio pass works in blocks of rows; a customer far down the file must score exactly
  // like one near the top. 5000 customers, each scored by hand:
  //   c1 (W 1): m linear 0..100 (points = value) w 1, s map {happy: 100, sad: 0} w 1
  //   c2 (W 1): b boolean {true: 100, false: 0}
  //   segment "onboarding" (every 5th customer): s weighs 0
  //   adjustment: overdue > 30 -> −10 points (every 7th customer has overdue 45, the rest 0)
  // For customer i: m = i mod 101, s = happy when i is odd, b = true when i mod 3 == 0.
  //   c1 = (m + s) / 2, or m alone in onboarding; c2 = b; weighted = (c1 + c2) / 2;
  //   raw = clamp(weighted − 10 when overdue); all values are multiples of 0.25, so the integer
  //   score is floor(raw + 0.5) with no float noise.
  const N = 5000;
  const model = makeModel({
    categories: [
      category('c1', 1, [metric('m', identity()), metric('s', map({ happy: 100, sad: 0 }))]),
      category('c2', 1, [metric('b', bool(100, 0))]),
    ],
    segments: { field: 'stage', overrides: { onboarding: { s: { weight: 0 } } } },
    adjustments: [{ id: 'late', source: 'overdue', when: { op: '>', value: 30 }, points: -10 }],
  });
  const rows: Row[] = Array.from({ length: N }, (_, i) => ({
    m: i % 101,
    s: i % 2 === 1 ? 'happy' : 'sad',
    b: i % 3 === 0,
    stage: i % 5 === 0 ? 'onboarding' : 'active',
    overdue: i % 7 === 0 ? 45 : 0,
  }));
  function expected(i: number): number {
    const m = i % 101;
    const s = i % 2 === 1 ? 100 : 0;
    const c1 = i % 5 === 0 ? m : (m + s) / 2;
    const c2 = i % 3 === 0 ? 100 : 0;
    const raw = Math.min(100, Math.max(0, (c1 + c2) / 2 - (i % 7 === 0 ? 10 : 0)));
    return Math.floor(raw + 0.5);
  }

  it('every customer, in every block, scores as computed by hand', () => {
    const portfolio = makePortfolio(rows);
    const s = scorePortfolio(model, portfolio, { asOf: AS_OF });
    const want = Array.from({ length: N }, (_, i) => expected(i));
    expect(Array.from(s.score)).toEqual(want);
    // e.g. customer 4099: m = 4099 − 40·101 = 59, odd -> happy 100, 4099 mod 3 = 1 -> false,
    // not onboarding, 4099 mod 7 = 4 -> not late: ((59 + 100) / 2 + 0) / 2 = 39.75 -> 40
    expect(s.score[4099]).toBe(40);
    // customer 4200: m = 4200 − 41·101 = 59, even -> sad, 4200 mod 3 = 0 -> true, onboarding
    // (s weighs 0), 4200 mod 7 = 0 -> late: (59 + 100) / 2 − 10 = 69.5 -> 70
    expect(s.score[4200]).toBe(70);
    expect(s.raw[4200]).toBeCloseTo(69.5, 9);
    // category scores are copied out per block too: 4200 -> c1 = 59, c2 = 100
    expect(s.categoryScores[0]?.[4200]).toBeCloseTo(59, 9);
    expect(s.categoryScores[1]?.[4200]).toBeCloseTo(100, 9);
    expect(Array.from(s.coverage).every((c) => c === 1)).toBe(true);
    // and the explanation of a customer in the second block agrees
    const e = explainCustomer(model, portfolio, 4200, { asOf: AS_OF });
    expect(e.score).toBe(70);
    expect(e.segment).toBe('onboarding');
  });
});

describe('portfolios larger than one scoring block: the other reading paths', () => {
  // 5000 customers, neutral policy. c1 (W 1): flag = boolean rule {true: 100, false: 0} over a
  // number column (1 / 0), mood = map {happy: 100, sad: 0} with maxAgeDays 30 (observed 2024-05-21,
  // or 2024-01-01 = stale, for every 4th customer), n = linear 0..100 but scored with
  // linear 0..50 (twice the value) in segment "vip" (every 6th customer).
  // Customers i ≡ 0 (mod 9) have no value at all: no score, no category score (R7), even under neutral.
  const N = 5000;
  const model = makeModel({
    missing: 'neutral',
    categories: [
      category('c1', 1, [metric('flag', bool(100, 0)), metric('mood', map({ happy: 100, sad: 0 }), { maxAgeDays: 30 }), metric('n', identity())]),
    ],
    segments: { field: 'tier', overrides: { vip: { n: { scoring: linear(0, 50) } } } },
  });
  const empty = (i: number) => i % 9 === 0;
  const rows: Row[] = Array.from({ length: N }, (_, i): Row =>
    empty(i)
      ? { tier: i % 6 === 0 ? 'vip' : 'std' }
      : { flag: i % 2, mood: i % 3 === 0 ? 'happy' : 'sad', n: i % 41, tier: i % 6 === 0 ? 'vip' : 'std' },
  );
  const observed = Array.from({ length: N }, (_, i) => (i % 4 === 0 ? '2024-01-01' : '2024-05-21'));
  function expected(i: number): number {
    if (empty(i)) return Number.NaN;
    const flag = i % 2 === 1 ? 100 : 0;
    const mood = i % 4 === 0 ? 50 : i % 3 === 0 ? 100 : 0; // stale -> neutral 50
    const n = i % 6 === 0 ? Math.min(100, 2 * (i % 41)) : i % 41;
    return (flag + mood + n) / 3;
  }

  it('every customer scores as computed by hand, in the second block too', () => {
    const s = scorePortfolio(model, makePortfolio(rows, { observedOn: { mood: observed } }), { asOf: AS_OF });
    for (let i = 0; i < N; i++) {
      const want = expected(i);
      if (Number.isNaN(want)) {
        expect(s.score[i], `customer ${i}`).toBeNaN();
        expect(s.categoryScores[0]?.[i], `customer ${i}`).toBeNaN();
      } else {
        expect(s.raw[i], `customer ${i}`).toBeCloseTo(want, 9);
        expect(s.categoryScores[0]?.[i], `customer ${i}`).toBeCloseTo(want, 9);
      }
    }
    // e.g. customer 4104 (second block): 4104 = 9·456 -> no data; 4110: flag 0 (even),
    // 4110 mod 4 = 2 -> fresh, mod 3 = 0 -> happy 100; vip (mod 6 = 0): n = 4110 mod 41 = 10 -> 20:
    // (0 + 100 + 20) / 3 = 40
    expect(s.score[4104]).toBeNaN();
    expect(s.raw[4110]).toBeCloseTo(40, 9);
  });
});

// ---------------------------------------------------------------------------------------------
// Adjustment conditions read across column kinds (R9). One metric m (linear 0..100), so the
// weighted score is m itself; with m = 80 and −15 points, raw is 65 when the condition is met.

function adjusted(when: { op: ComparisonOp; value: number | string | boolean }, rows: Row[]): number[] {
  const model = makeModel({
    categories: [category('c', 1, [metric('m', identity())])],
    adjustments: [{ id: 'a', source: 'x', when, points: -15 }],
    minCoverage: 0,
  });
  return Array.from(scorePortfolio(model, makePortfolio(rows), { asOf: AS_OF }).raw);
}

describe('a number threshold on a column that is not a number column (R4, R9)', () => {
  // text cells that are plain dot-decimal numbers are read as numbers; other text is missing
  const text = (cells: (string | null)[]): Row[] => cells.map((x) => ({ m: 80, x }));
  const cells = ['29', '30', '31', 'abc', null];
  const cases: [ComparisonOp, number[]][] = [
    // x: 29, 30, 31, abc (missing), empty (missing)
    ['>', [80, 80, 65, 80, 80]],
    ['>=', [80, 65, 65, 80, 80]],
    ['<', [65, 80, 80, 80, 80]],
    ['<=', [65, 65, 80, 80, 80]],
    ['==', [80, 65, 80, 80, 80]],
    ['!=', [65, 80, 65, 80, 80]], // a missing value never meets != either
  ];
  it.each(cases)('text column, x %s 30', (op, want) => {
    expect(adjusted({ op, value: 30 }, text(cells))).toEqual(want);
  });

  it('a boolean column reads 1 / 0 against a number threshold', () => {
    // true -> 1, false -> 0: "x >= 1" is met by true only; "x == 0" by false only; empty by neither
    const rows: Row[] = [{ m: 80, x: true }, { m: 80, x: false }, { m: 80, x: null }];
    expect(adjusted({ op: '>=', value: 1 }, rows)).toEqual([65, 80, 80]);
    expect(adjusted({ op: '==', value: 0 }, rows)).toEqual([80, 65, 80]);
  });
});

describe('an ISO date threshold (R9)', () => {
  // renewal vs 2024-06-30, on a date column
  const rows: Row[] = ['2024-06-29', '2024-06-30', '2024-07-01'].map((date) => ({ m: 80, x: { date } }));
  const cases: [ComparisonOp, number[]][] = [
    ['<', [65, 80, 80]],
    ['<=', [65, 65, 80]],
    ['>', [80, 80, 65]],
    ['>=', [80, 65, 65]],
    ['==', [80, 65, 80]], // == on a date column compares the day
    ['!=', [65, 80, 65]],
  ];
  it.each(cases)('date column, x %s 2024-06-30', (op, want) => {
    expect(adjusted({ op, value: '2024-06-30' }, rows)).toEqual(want);
  });

  it('an ordering op reads ISO labels of a text column as dates; other text is missing', () => {
    const text: Row[] = ['2024-06-29', '2024-07-01', 'soon'].map((x) => ({ m: 80, x }));
    expect(adjusted({ op: '<', value: '2024-06-30' }, text)).toEqual([65, 80, 80]);
    expect(adjusted({ op: '>', value: '2024-06-30' }, text)).toEqual([80, 65, 80]);
  });
});

describe('a label threshold on a boolean column reads the label as a yes/no token (R4, R9)', () => {
  const rows: Row[] = [{ m: 80, x: true }, { m: 80, x: false }, { m: 80, x: null }];
  it('== "yes" / != "Sim" / == "não"', () => {
    expect(adjusted({ op: '==', value: 'yes' }, rows)).toEqual([65, 80, 80]);
    expect(adjusted({ op: '!=', value: 'Sim' }, rows)).toEqual([80, 65, 80]);
    expect(adjusted({ op: '==', value: 'não' }, rows)).toEqual([80, 65, 80]);
  });
  it('a label that is no yes/no token equals neither true nor false', () => {
    expect(adjusted({ op: '==', value: 'maybe' }, rows)).toEqual([80, 80, 80]);
  });
});

// ---------------------------------------------------------------------------------------------
// Reading values (R4)

describe('every yes/no token of R4 reads under a boolean rule', () => {
  // {true: 90, false: 20}
  const r = bool(90, 20);
  it.each<[string, number]>([
    ['true', 90],
    ['yes', 90],
    ['sim', 90],
    ['sí', 90],
    ['si', 90],
    ['verdadeiro', 90],
    ['verdadero', 90],
    ['1', 90],
    ['false', 20],
    ['no', 20],
    ['não', 20],
    ['nao', 20],
    ['falso', 20],
    ['0', 20],
    ['VERDADERO', 90], // any case
    [' Si ', 90], // trimmed
  ])('%j -> %s', (token, points) => {
    expect(pointsFor(r, token)).toBe(points);
  });
});

describe('numeric rules read text only when it is a plain dot-decimal number (R4)', () => {
  // linear 0..100: the number is the points (clamped)
  it.each<[string, number | undefined]>([
    ['42', 42],
    ['-3', 0], // clamped
    ['+7', 7],
    ['12.5', 12.5],
    ['0.25', 0.25],
    ['1,5', undefined], // a decimal comma is not a plain dot-decimal number
    ['12abc', undefined],
    ['abc12', undefined],
    ['1.2.3', undefined],
    ['', undefined],
    ['-', undefined],
  ])('%j -> %s', (text, points) => {
    const got = pointsFor(identity(), text);
    if (points === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(points, 9);
  });
});

// ---------------------------------------------------------------------------------------------
// Whole-point figures of a change (R12): largest remainder, summing exactly to the total.

describe('apportion (largest remainder)', () => {
  it('each part gets its floor; the spare points go to the largest fractions', () => {
    // floors 1 + 1 + 1 = 3, one point owed -> the largest fraction (.7) takes it
    expect(apportion([1.7, 1.2, 1.1], 4)).toEqual([2, 1, 1]);
    // floors 0 + 0 + 0, one point owed -> .45 takes it
    expect(apportion([0.45, 0.35, 0.2], 1)).toEqual([1, 0, 0]);
    // two points owed: .9 and .6 take them, .1 does not
    expect(apportion([0.1, 0.9, 0.6, 0.4], 2)).toEqual([0, 1, 1, 0]);
  });

  it('negative parts: floors go down, the largest fractions are rounded back up', () => {
    // −1.3 -> floor −2 (fraction .7), −0.7 -> floor −1 (fraction .3); floors −3, one point owed
    // -> −2 + 1 = −1 for the −1.3 part: [−1, −1]
    expect(apportion([-1.3, -0.7], -2)).toEqual([-1, -1]);
    // 3.2 -> 3 (.2), −0.2 -> −1 (.8); floors 2, one owed -> the −0.2 part: [3, 0]
    expect(apportion([3.2, -0.2], 3)).toEqual([3, 0]);
  });

  it('when the floors already exceed the total, parts give points back so the sum is exact', () => {
    // floors 2 + 2 = 4 for a total of 3: one part loses one point
    const got = apportion([2, 2], 3);
    expect(got[0]! + got[1]!).toBe(3);
    expect([...got].sort()).toEqual([1, 2]);
  });

  it('no parts: nothing to share', () => {
    expect(apportion([], 0)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// What a model reads (columnNeeds): the kind each column is read as, per R4 / R9.

describe('columnNeeds', () => {
  it('one kind per column, from the rule, the transform, the segment field and the adjustment thresholds', () => {
    const model = makeModel({
      categories: [
        category('c', 1, [
          metric('logins', identity()), // linear -> number
          metric('tickets', range([1, 3], [0, 10])), // range -> number
          metric('nps', steps({ upTo: 0, points: 0 }, { points: 100 })), // steps -> number
          metric('active', bool(100, 0)), // boolean -> boolean
          metric('mood', map({ happy: 100 })), // map -> text
          metric('seen', linear(30, 0), { transform: 'daysSince', source: 'last_login' }), // daysSince -> date
        ]),
      ],
      segments: { field: 'stage', overrides: {} }, // segment field -> text
      adjustments: [
        { id: 'a1', source: 'overdue', when: { op: '>', value: 30 }, points: -10 }, // number
        { id: 'a2', source: 'flagged', when: { op: '==', value: true }, cap: 40 }, // boolean
        { id: 'a3', source: 'renewal', when: { op: '<', value: '2024-06-30' }, points: -5 }, // ISO date
        { id: 'a4', source: 'plan', when: { op: '==', value: 'free' }, points: -5 }, // label
      ],
    });
    expect(Object.fromEntries(columnNeeds(model))).toEqual({
      stage: 'text',
      logins: 'number',
      tickets: 'number',
      nps: 'number',
      active: 'boolean',
      mood: 'text',
      last_login: 'date',
      overdue: 'number',
      flagged: 'boolean',
      renewal: 'date',
      plan: 'text',
    });
  });

  it('when two uses of a column disagree, the first wins (segment field, then metrics, then adjustments)', () => {
    const model = makeModel({
      categories: [category('c', 1, [metric('stage', identity()), metric('x', bool(100, 0)), metric('y', identity(), { source: 'x' })])],
      segments: { field: 'stage', overrides: {} },
      adjustments: [{ id: 'a', source: 'x', when: { op: '>', value: 3 }, points: 1 }],
    });
    expect(Object.fromEntries(columnNeeds(model))).toEqual({ stage: 'text', x: 'boolean' });
  });
});

// ---------------------------------------------------------------------------------------------
// Bands: "Colour is never the only signal: every band also has a label" — also when the model's
// cuts name no label or colour.

describe('bands without labels or colours', () => {
  function infos(ids: string[]): readonly { id: string; label: string; color: string }[] {
    const cuts = ids.map((id, k) => ({ id, max: k === ids.length - 1 ? 100 : 10 * (k + 1) }));
    return bandInfos(makeModel({ bands: { mode: 'fixed', cuts } }));
  }

  it.each([2, 3, 4, 5])('%s bands: each gets a label and its own colour, insufficient comes last', (n) => {
    const ids = ['worst', 'low', 'mid', 'high', 'best'].slice(0, n);
    const got = infos(ids);
    expect(got.map((b) => b.id)).toEqual([...ids, 'insufficient']);
    // an id the defaults do not know is its own label
    expect(got.slice(0, n).map((b) => b.label)).toEqual(ids);
    for (const b of got) expect(b.color, b.id).toMatch(/^#[0-9a-f]{6}$/i);
    // every band its own colour, distinct from the others and from insufficient's grey
    expect(new Set(got.map((b) => b.color)).size).toBe(n + 1);
  });

  it('from worst to best: the worst band takes the default red, the best the default green', () => {
    const red = DEFAULT_FIXED_BANDS.cuts[0]!.color;
    const green = DEFAULT_FIXED_BANDS.cuts[2]!.color;
    for (const n of [2, 3, 4, 5]) {
      const got = infos(['worst', 'low', 'mid', 'high', 'best'].slice(0, n));
      expect([got[0]?.color, got[n - 1]?.color], `${n} bands`).toEqual([red, green]);
    }
  });

  it('the default ids red / yellow / green keep their default labels', () => {
    expect(infos(['red', 'yellow', 'green']).map((b) => b.label).slice(0, 3)).toEqual(['Red', 'Yellow', 'Green']);
  });

  it('quantile bands are red, yellow, green, then insufficient, each with a label', () => {
    const got = bandInfos(makeModel({ bands: { mode: 'quantile' } }));
    expect(got.map((b) => b.id)).toEqual(['red', 'yellow', 'green', 'insufficient']);
    expect(got.map((b) => b.label).slice(0, 3)).toEqual(['Red', 'Yellow', 'Green']);
    expect(new Set(got.map((b) => b.color)).size).toBe(4);
  });
});

// ---------------------------------------------------------------------------------------------
// R7: a customer with no available metric has no score, no category scores and no adjustments —
// also under `neutral` / `zero`, whose filled-in values are not data.

describe('the explanation of a customer with no data (R7)', () => {
  const model = makeModel({
    missing: 'neutral',
    categories: [category('A', 1, [metric('m1', identity()), metric('m2', identity())]), category('B', 1, [metric('m3', identity())])],
    adjustments: [
      { id: 'late', source: 'overdue', when: { op: '>', value: 30 }, points: -15 },
      { id: 'cap', source: 'overdue', when: { op: '>', value: 30 }, cap: 20 },
    ],
  });
  // overdue 45 would meet both conditions, were there a score
  const rows: Row[] = [{ m1: null, m2: null, m3: null, overdue: 45 }];

  it('no metric points, no category scores, no adjustment applied, no cap', () => {
    const e = explainCustomer(model, makePortfolio(rows), 0, { asOf: AS_OF });
    expect(e.score).toBeNull();
    expect(e.metrics.map((m) => m.points)).toEqual([null, null, null]);
    expect(e.metrics.map((m) => m.contribution)).toEqual([0, 0, 0]);
    expect(e.metrics.map((m) => m.effectiveWeight)).toEqual([0, 0, 0]);
    expect(e.categories.map((c) => c.score)).toEqual([null, null]);
    expect(e.categories.map((c) => c.effectiveWeight)).toEqual([0, 0]);
    expect(e.adjustments.map((a) => a.applied)).toEqual([false, false]);
    expect(e.adjustments.map((a) => a.capBinding)).toEqual([false, false]);
    expect(e.adjustmentPoints).toBe(0);
    expect(e.cap).toBeNull();
    // the value is still shown
    expect(e.adjustments.map((a) => a.value)).toEqual([45, 45]);
  });

  it('with one metric of data the neutral fill counts again: points 50 for the missing ones', () => {
    // m1 = 80; m2 missing -> 50; A = (80 + 50) / 2 = 65; m3 missing -> 50; B = 50
    // weighted (65 + 50) / 2 = 57.5; −15 -> 42.5; cap 20 -> 20. coverage = 1/2 · 1/2 = 0.25
    const e = explainCustomer(model, makePortfolio([{ ...rows[0]!, m1: 80 }]), 0, { asOf: AS_OF });
    expect(e.metrics.map((m) => m.points)).toEqual([80, 50, 50]);
    expect(e.weightedScore).toBeCloseTo(57.5, 9);
    expect(e.adjustmentPoints).toBe(-15);
    expect(e.cap).toBe(20);
    expect(e.raw).toBe(20);
    expect(e.score).toBe(20);
    expect(e.coverage).toBeCloseTo(0.25, 9);
    expect(e.band.id).toBe('insufficient');
    expect(e.adjustments.map((a) => a.capBinding)).toEqual([false, true]);
  });
});

// ---------------------------------------------------------------------------------------------
// Range and linear rules on portfolio columns (the portfolio pass has its own arithmetic, which
// must agree with the rule). Two metrics of weight 1 in one category, so the category score is the
// mean of both points and a metric's points below 0 or above 100 cannot hide behind the final clamp.

function twoMetricRaw(rule: ScoringRule, values: (number | null)[], extra: Partial<Omit<Metric, 'id' | 'scoring'>> = {}, asOf = AS_OF): number[] {
  // m2 always scores 100 (linear 0..100, value 100)
  const model = makeModel({ categories: [category('c', 1, [metric('m1', rule, extra), metric('m2', identity())])], minCoverage: 0 });
  return Array.from(scorePortfolio(model, makePortfolio(values.map((m1) => ({ m1, m2: 100 }))), { asOf }).raw);
}

describe('range rule over a number column', () => {
  it('0 outside [lo, hi] — not negative points — with lo ≠ 0', () => {
    // ideal [20, 50], zeroAt [10, 100]: below 20: (x − 10) / 10 · 100; above 50: (100 − x) / 50 · 100
    //   5 -> 0 (below lo); 10 -> 0; 15 -> 50; 20, 35, 50 -> 100; 75 -> 50; 100 -> 0; 130 -> 0 (above hi)
    // raw = (points + 100) / 2
    const got = twoMetricRaw(range([20, 50], [10, 100]), [5, 10, 15, 20, 35, 50, 75, 100, 130]);
    const want = [0, 0, 50, 100, 100, 100, 50, 0, 0].map((p) => (p + 100) / 2);
    got.forEach((g, i) => expect(g, `value #${i}`).toBeCloseTo(want[i]!, 9));
  });

  it('lo == a: below a scores 0; b == hi: above b scores 0 (R3)', () => {
    // ideal [0, 5], zeroAt [0, 10]: −0.5 -> 0, 0 -> 100, 7.5 -> 50
    const lower = twoMetricRaw(range([0, 5], [0, 10]), [-0.5, 0, 7.5]);
    [50, 100, 75].forEach((w, i) => expect(lower[i]).toBeCloseTo(w, 9));
    // ideal [2, 10], zeroAt [0, 10]: 10.5 -> 0, 10 -> 100, 1 -> 50
    const upper = twoMetricRaw(range([2, 10], [0, 10]), [10.5, 10, 1]);
    [50, 100, 75].forEach((w, i) => expect(upper[i]).toBeCloseTo(w, 9));
  });

  it('with daysSince, also when lo == a (R3 on the number of days)', () => {
    // ideal [0, 7] days, zeroAt [0, 30]: 10 days -> (30 − 10) / 23 · 100; 40 days -> 0; 3 days -> 100;
    // 1 day in the future (−1) -> 0 (below a == lo)
    const asOf = day('2024-05-31');
    const model = makeModel({
      categories: [category('c', 1, [metric('seen', range([0, 7], [0, 30]), { transform: 'daysSince' }), metric('m2', identity())])],
      minCoverage: 0,
    });
    const rows: Row[] = ['2024-05-21', '2024-04-21', '2024-05-28', '2024-06-01'].map((date) => ({ seen: { date }, m2: 100 }));
    const raw = Array.from(scorePortfolio(model, makePortfolio(rows), { asOf }).raw);
    [((20 / 23) * 100 + 100) / 2, 50, 100, 50].forEach((w, i) => expect(raw[i], `row ${i}`).toBeCloseTo(w, 9));
  });
});

describe('linear rule over a number column: points are clamped per metric', () => {
  it('below worst is 0 and above best is 100 before the category mean', () => {
    // linear 0..100: −50 -> 0 (not −50), 150 -> 100 (not 150); with m2 = 100: raw 50 and 100
    const got = twoMetricRaw(identity(), [-50, 150]);
    expect(got[0]).toBeCloseTo(50, 9);
    expect(got[1]).toBeCloseTo(100, 9);
  });
});

describe('daysSince reads dates only (R4)', () => {
  it('a daysSince metric over a boolean or number column is missing', () => {
    // linear 30 -> 0 days: were true read as 1 day it would score 96.67; it is missing instead, so
    // the customer's score is m2's alone (100), with coverage 1/2
    const model = makeModel({
      categories: [category('c', 1, [metric('seen', linear(30, 0), { transform: 'daysSince' }), metric('m2', identity())])],
      minCoverage: 0,
    });
    for (const seen of [true, 3]) {
      const s = scorePortfolio(model, makePortfolio([{ seen, m2: 100 }]), { asOf: AS_OF });
      expect(s.raw[0], String(seen)).toBe(100);
      expect(s.coverage[0], String(seen)).toBeCloseTo(0.5, 9);
    }
  });

  it('a daysSince metric whose column is absent is missing, in the explanation too', () => {
    const model = makeModel({ categories: [category('c', 1, [metric('seen', linear(30, 0), { transform: 'daysSince' }), metric('m2', identity())])] });
    const e = explainCustomer(model, makePortfolio([{ m2: 80 }]), 0, { asOf: AS_OF });
    expect(e.metrics[0]?.status).toBe('missing');
    expect(e.metrics[0]?.value).toBeNull();
    expect(e.score).toBe(80);
  });
});

describe('maxAgeDays where there is nothing to date (R10)', () => {
  it('a metric with maxAgeDays whose column is absent, or unreadable without observation days, is just missing', () => {
    const model = makeModel({
      categories: [category('c', 1, [metric('mood', map({ happy: 100 }), { maxAgeDays: 30 }), metric('m2', identity())])],
    });
    const absent = explainCustomer(model, makePortfolio([{ m2: 80 }]), 0, { asOf: AS_OF });
    expect(absent.metrics[0]?.status).toBe('missing');
    expect(scorePortfolio(model, makePortfolio([{ m2: 80 }]), { asOf: AS_OF }).score[0]).toBe(80);
    const unknown = explainCustomer(model, makePortfolio([{ mood: 'angry', m2: 80 }]), 0, { asOf: AS_OF });
    expect(unknown.metrics[0]?.status).toBe('missing');
    expect(unknown.score).toBe(80);
  });
});

// ---------------------------------------------------------------------------------------------
// Why a score moved (R12) and its one-line summary.

const MINUS = '\u2212';

describe('explainChange: parts, categories and labels', () => {
  const ab = makeModel({
    categories: [
      category('A', 3, [metric('m1', identity(), { label: 'Logins' }), metric('m2', identity(), { label: 'Usage', weight: 3 })], 'Adoption'),
      category('B', 1, [metric('m3', identity(), { label: 'NPS' })], 'Sentiment'),
    ],
  });
  const ex = (model: HealthModel, row: Row) => explainCustomer(model, makePortfolio([row]), 0, { asOf: AS_OF });

  it('categories list the categories that moved, with their labels — never the adjustments or rounding parts', () => {
    // before: A = (40 + 3·80) / 4 = 70, B = 20 -> 3/4·70 + 1/4·20 = 57.5 -> 58
    // after:  A = (40 + 3·60) / 4 = 55, B = 0  -> 41.25 -> 41; parts: m2 −11.25, m3 −5, rounding −0.75
    const change = explainChange(ex(ab, { m1: 40, m2: 80, m3: 20 }), ex(ab, { m1: 40, m2: 60, m3: 0 }));
    expect(change.categories.map((c) => [c.categoryId, c.label, c.points])).toEqual([
      ['A', 'Adoption', -11],
      ['B', 'Sentiment', -5],
    ]);
    expect(describeChange(change)).toBe(`${MINUS}17: Usage ${MINUS}11, NPS ${MINUS}5, rounding ${MINUS}1`);
  });

  it('the adjustments part is labelled "adjustments"', () => {
    const capped = makeModel({
      categories: [category('c', 1, [metric('usage', identity(), { label: 'Usage' })])],
      adjustments: [{ id: 'cap50', source: 'overdue', when: { op: '>', value: 60 }, cap: 50 }],
    });
    // 90 capped to 50 -> 80 uncapped: usage −10, adjustments +40, delta +30
    const change = explainChange(ex(capped, { usage: 90, overdue: 90 }), ex(capped, { usage: 80, overdue: 0 }));
    expect(describeChange(change)).toBe(`+30: adjustments +40, Usage ${MINUS}10`);
    expect(change.categories.map((c) => c.categoryId)).toEqual(['c']);
  });

  it('a part whose whole points round to 0 is left out of the summary', () => {
    const one = makeModel({ categories: [category('c', 1, [metric('usage', identity(), { label: 'Usage', weight: 3 }), metric('nps', identity(), { label: 'NPS' })])] });
    // before (3·80 + 60) / 4 = 75; after (3·80 + 63) / 4 = 75.75 -> 76: NPS +0.75, rounding +0.25
    // -> whole points NPS +1, rounding 0
    const change = explainChange(ex(one, { usage: 80, nps: 60 }), ex(one, { usage: 80, nps: 63 }));
    expect(change.parts.map((p) => [p.kind, p.points])).toEqual([
      ['metric', 1],
      ['rounding', 0],
    ]);
    expect(describeChange(change)).toBe('+1: NPS +1');
  });

  it('no movement reads "0"', () => {
    const change = explainChange(ex(ab, { m1: 40, m2: 80, m3: 20 }), ex(ab, { m1: 40, m2: 80, m3: 20 }));
    expect(describeChange(change)).toBe('0');
  });

  it('without a score on either side: no delta, no parts, no categories, and a plain summary', () => {
    const none = ex(ab, { m1: null, m2: null, m3: null });
    const some = ex(ab, { m1: 40, m2: 80, m3: 20 });
    const gained = explainChange(none, some);
    expect(gained.parts).toEqual([]);
    expect(gained.categories).toEqual([]);
    expect(describeChange(gained)).toBe('no earlier score');
    const lost = explainChange(some, none);
    expect(lost.parts).toEqual([]);
    expect(lost.categories).toEqual([]);
    expect(describeChange(lost)).toBe('no score now');
  });

  it('between two versions of the model: a metric or category only on one side moves by its whole contribution', () => {
    // before: model ab (57.5 -> 58 for m1 40, m2 80, m3 20)
    // after: category B dropped, and a metric m4 "Seats" (w 1) added to A:
    //   A = (40 + 3·80 + 100) / 5 = 76 = the score
    // parts: m1 3/16·40 = 7.5 -> 1/5·40 = 8 (+0.5); m2 9/16·80 = 45 -> 3/5·80 = 48 (+3);
    //   m3 1/4·20 = 5 -> gone (−5); m4 new: 1/5·100 = +20; rounding (76 − 76) − (58 − 57.5) = −0.5
    //   sum 18 = 76 − 58
    const after = makeModel({
      categories: [
        category('A', 3, [metric('m1', identity(), { label: 'Logins' }), metric('m2', identity(), { label: 'Usage', weight: 3 }), metric('m4', identity(), { label: 'Seats' })], 'Adoption'),
      ],
    });
    const change = explainChange(ex(ab, { m1: 40, m2: 80, m3: 20 }), ex(after, { m1: 40, m2: 80, m3: 20, m4: 100 }));
    expect(change.delta).toBe(18);
    const exact = Object.fromEntries(change.parts.map((p) => [p.metricId ?? p.kind, p.exact]));
    expect(exact.m4).toBeCloseTo(20, 9);
    expect(exact.m3).toBeCloseTo(-5, 9);
    expect(exact.m2).toBeCloseTo(3, 9);
    expect(exact.m1).toBeCloseTo(0.5, 9);
    expect(exact.rounding).toBeCloseTo(-0.5, 9);
    expect(change.parts.reduce((s, p) => s + p.points, 0)).toBe(18);
    // the category that is gone keeps the label it had
    expect(change.categories.find((c) => c.categoryId === 'B')?.label).toBe('Sentiment');
    expect(change.parts.find((p) => p.metricId === 'm4')?.label).toBe('Seats');
  });
});

// ---------------------------------------------------------------------------------------------
// explainCustomer details

describe('explainCustomer details', () => {
  it('a weight-0 metric has no points, even under neutral (it takes no part anywhere)', () => {
    const model = makeModel({ missing: 'neutral', categories: [category('c', 1, [metric('m1', identity(), { weight: 0 }), metric('m2', identity())])] });
    const e = explainCustomer(model, makePortfolio([{ m1: null, m2: 80 }]), 0, { asOf: AS_OF });
    expect(e.metrics[0]?.status).toBe('unweighted');
    expect(e.metrics[0]?.points).toBeNull();
    expect(e.score).toBe(80);
  });

  it('an empty cell is "missing", not "stale", whatever its observation day (R10 applies to values)', () => {
    const model = makeModel({ categories: [category('c', 1, [metric('mood', map({ happy: 100 }), { maxAgeDays: 30 }), metric('m2', identity())])] });
    // observed 2024-01-01, 151 days before the as-of date: the empty cell is still just missing
    const p = makePortfolio([{ mood: null, m2: 80 }], { observedOn: { mood: ['2024-01-01'] } });
    expect(explainCustomer(model, p, 0, { asOf: AS_OF }).metrics[0]?.status).toBe('missing');
  });

  it('a weight-only segment override is named on the metric; a customer outside every segment has segment null', () => {
    const model = makeModel({
      categories: [category('c', 1, [metric('usage', identity()), metric('tickets', identity())])],
      segments: { field: 'stage', overrides: { key: { tickets: { weight: 3 } } } },
    });
    const p = makePortfolio([
      { stage: 'key', usage: 60, tickets: 20 }, // (60 + 3·20) / 4 = 30
      { stage: 'other', usage: 60, tickets: 20 }, // (60 + 20) / 2 = 40
    ]);
    const inside = explainCustomer(model, p, 0, { asOf: AS_OF });
    expect(inside.score).toBe(30);
    expect(inside.metrics.map((m) => m.segmentOverride)).toEqual([undefined, 'key']);
    const outside = explainCustomer(model, p, 1, { asOf: AS_OF });
    expect(outside.score).toBe(40);
    expect(outside.segment).toBeNull();
  });

  it('a scoring-only segment override is named on the metric too', () => {
    const model = makeModel({
      categories: [category('c', 1, [metric('usage', identity()), metric('tickets', identity())])],
      segments: { field: 'stage', overrides: { key: { tickets: { scoring: linear(0, 50) } } } },
    });
    // tickets 20 under linear 0..50 -> 40 points: (60 + 40) / 2 = 50
    const e = explainCustomer(model, makePortfolio([{ stage: 'key', usage: 60, tickets: 20 }]), 0, { asOf: AS_OF });
    expect(e.score).toBe(50);
    expect(e.metrics.map((m) => m.segmentOverride)).toEqual([undefined, 'key']);
  });

  it('cap is null when only points adjustments apply', () => {
    const model = makeModel({ adjustments: [{ id: 'late', source: 'overdue', when: { op: '>', value: 30 }, points: -15 }] });
    const e = explainCustomer(model, makePortfolio([{ m: 80, overdue: 45 }]), 0, { asOf: AS_OF });
    expect(e.adjustmentPoints).toBe(-15);
    expect(e.cap).toBeNull();
    expect(e.score).toBe(65);
  });

  it('insufficient is the band after the model’s own cuts (two cuts here)', () => {
    const model = makeModel({
      minCoverage: 0.9,
      bands: { mode: 'fixed', cuts: [{ id: 'risk', max: 59 }, { id: 'ok', max: 100 }] },
      categories: [category('c', 1, [metric('m1', identity()), metric('m2', identity())])],
    });
    // coverage 1/2 < 0.9
    const e = explainCustomer(model, makePortfolio([{ m1: 80, m2: null }]), 0, { asOf: AS_OF });
    expect(e.band.id).toBe('insufficient');
    expect(scorePortfolio(model, makePortfolio([{ m1: 80, m2: null }]), { asOf: AS_OF }).bands[2]?.id).toBe('insufficient');
  });

  it('a row outside the portfolio is an error', () => {
    const p = makePortfolio([{ m: 1 }, { m: 2 }]);
    for (const row of [-1, 2, 1.5]) expect(() => explainCustomer(makeModel(), p, row, { asOf: AS_OF }), String(row)).toThrow(RangeError);
    expect(explainCustomer(makeModel(), p, 1, { asOf: AS_OF }).score).toBe(2);
  });

  it('shows yes/no values as booleans, and dates as the day they are', () => {
    const model = makeModel({
      categories: [category('c', 1, [metric('active', bool(100, 0))])],
      adjustments: [{ id: 'renew', source: 'renewal', when: { op: '<', value: '2024-06-30' }, points: -10 }],
    });
    const p = makePortfolio([
      { active: true, renewal: { date: '2024-06-29' } },
      { active: false, renewal: null },
      { active: null, renewal: null },
    ]);
    const values = [0, 1, 2].map((i) => explainCustomer(model, p, i, { asOf: AS_OF }));
    expect(values.map((e) => e.metrics[0]?.value)).toEqual([true, false, null]);
    expect(values.map((e) => e.adjustments[0]?.value)).toEqual([day('2024-06-29'), null, null]);
  });
});

describe('a customer whose every metric weighs 0 by segment has no score and coverage 0 (R5, R7)', () => {
  it('no score, coverage 0 (not NaN), insufficient', () => {
    const model = makeModel({
      missing: 'neutral',
      categories: [category('c', 1, [metric('m1', identity()), metric('m2', identity())])],
      segments: { field: 'stage', overrides: { churned: { m1: { weight: 0 }, m2: { weight: 0 } } } },
    });
    const s = scorePortfolio(model, makePortfolio([{ stage: 'churned', m1: 50, m2: 50 }]), { asOf: AS_OF });
    expect(s.score[0]).toBeNaN();
    expect(s.coverage[0]).toBe(0);
    expect(s.bands[s.band[0]!]?.id).toBe('insufficient');
  });
});

// ---------------------------------------------------------------------------------------------
// Matching labels, numbers and yes/no (R4, R9)

describe('matching across column kinds', () => {
  it('a label condition matches whichever row holds the label, not just the first label seen', () => {
    const rows: Row[] = ['Starter', 'Enterprise', 'starter', ' ENTERPRISE '].map((x) => ({ m: 80, x }));
    expect(adjusted({ op: '==', value: 'enterprise' }, rows)).toEqual([80, 65, 80, 65]);
    expect(adjusted({ op: '!=', value: 'enterprise' }, rows)).toEqual([65, 80, 65, 80]);
  });

  it('an ISO date with == on a text column compares labels (R9: any other string is a label)', () => {
    const rows: Row[] = ['2024-06-30', '2024-06-30T10:00'].map((x) => ({ m: 80, x }));
    expect(adjusted({ op: '==', value: '2024-06-30' }, rows)).toEqual([65, 80]);
  });

  it('a yes/no threshold: a missing value meets neither == false nor != true', () => {
    const rows: Row[] = [{ m: 80, x: false }, { m: 80, x: null }];
    expect(adjusted({ op: '==', value: false }, rows)).toEqual([65, 80]);
    expect(adjusted({ op: '!=', value: true }, rows)).toEqual([65, 80]);
  });

  it('a yes/no threshold on a number column reads 1 / 0, other numbers are missing', () => {
    const rows: Row[] = [1, 0, 2, null].map((x) => ({ m: 80, x }));
    expect(adjusted({ op: '==', value: true }, rows)).toEqual([65, 80, 80, 80]);
    expect(adjusted({ op: '!=', value: true }, rows)).toEqual([80, 65, 80, 80]);
  });

  it('a yes/no threshold on a text column: an empty cell is missing', () => {
    const rows: Row[] = ['Sim', null].map((x) => ({ m: 80, x }));
    expect(adjusted({ op: '!=', value: false }, rows)).toEqual([65, 80]);
  });

  it('segments on a number column match keys numerically: "2" and "10.0"', () => {
    const model = makeModel({
      categories: [category('c', 1, [metric('usage', identity()), metric('tickets', identity())])],
      segments: { field: 'tier', overrides: { '2': { tickets: { weight: 0 } }, '10.0': { tickets: { weight: 3 } } } },
    });
    // usage 60, tickets 20: tier 2 -> 60; tier 10 -> (60 + 60) / 4 = 30; tier 3 -> 40
    const s = scorePortfolio(model, makePortfolio([2, 10, 3].map((tier) => ({ tier, usage: 60, tickets: 20 }))), { asOf: AS_OF });
    expect(Array.from(s.score)).toEqual([60, 30, 40]);
  });

  it('segments on a yes/no column read the keys as yes/no tokens', () => {
    const model = makeModel({
      categories: [category('c', 1, [metric('usage', identity()), metric('tickets', identity())])],
      segments: { field: 'trial', overrides: { Sim: { tickets: { weight: 0 } } } },
    });
    const s = scorePortfolio(model, makePortfolio([true, false, null].map((trial) => ({ trial, usage: 60, tickets: 20 }))), { asOf: AS_OF });
    expect(Array.from(s.score)).toEqual([60, 40, 40]);
  });

  it('segments whose field is not in the data: everyone takes the model as it is', () => {
    const model = makeModel({
      categories: [category('c', 1, [metric('usage', identity()), metric('tickets', identity())])],
      segments: { field: 'stage', overrides: { onboarding: { tickets: { weight: 0 } } } },
    });
    const s = scorePortfolio(model, makePortfolio([{ usage: 60, tickets: 20 }]), { asOf: AS_OF });
    expect(Array.from(s.score)).toEqual([40]);
  });

  it('a segment field with 300 override keys: a customer matching the 290th takes its override', () => {
    const overrides: Record<string, Record<string, { weight: number }>> = {};
    for (let k = 1; k <= 300; k++) overrides[`r${k}`] = { tickets: { weight: k === 290 ? 0 : 1 } };
    const model = makeModel({
      categories: [category('c', 1, [metric('usage', identity()), metric('tickets', identity())])],
      segments: { field: 'region', overrides },
    });
    // r290: tickets weigh 0 -> 60; r5: (60 + 20) / 2 = 40
    const s = scorePortfolio(model, makePortfolio(['r290', 'r5'].map((region) => ({ region, usage: 60, tickets: 20 }))), { asOf: AS_OF });
    expect(Array.from(s.score)).toEqual([60, 40]);
  });
});
