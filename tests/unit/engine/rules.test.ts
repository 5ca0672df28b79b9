/**
 * Scoring rules (DESIGN "Scoring rules"; R1, R3, R4): one value -> points in [0, 100], or missing.
 */
import { describe, expect, it } from 'vitest';
import { pointsFor } from '../../../src/engine';
import type { ScoringRule } from '../../../src/engine/model';
import { bool, linear, map, metric, oneCategory, range, steps, type CellValue } from '../../factories';
import { score } from './support';

type Case = [value: number | boolean | string, expected: number | undefined];

function check(rule: ScoringRule, [value, expected]: Case): void {
  const got = pointsFor(rule, value);
  if (expected === undefined) expect(got).toBeUndefined();
  else expect(got).toBeCloseTo(expected, 9);
}

describe('linear', () => {
  // worst 0 -> 0 points, best 20 -> 100 points: points = (v - 0) / 20 * 100 = 5v
  it.each<Case>([
    [-5, 0], // below worst: clamped
    [0, 0], // exactly worst
    [5, 25], // 5 * 5
    [10, 50],
    [19, 95],
    [20, 100], // exactly best
    [25, 100], // beyond best: clamped
    [1e9, 100],
  ])('worst 0, best 20: %s -> %s', (v, e) => check(linear(0, 20), [v, e]));

  // worst 30 > best 0: lower is better. points = (30 - v) / 30 * 100
  it.each<Case>([
    [45, 0], // worse than worst: clamped
    [30, 0], // exactly worst
    [24, 20], // (30 - 24) / 30 * 100 = 20
    [15, 50],
    [6, 80], // 24 / 30 * 100
    [0, 100], // exactly best
    [-3, 100], // better than best: clamped
  ])('worst 30, best 0 (lower is better): %s -> %s', (v, e) => check(linear(30, 0), [v, e]));

  // worst -10, best 10: points = (v + 10) / 20 * 100
  it.each<Case>([
    [-10, 0],
    [-5, 25],
    [0, 50],
    [10, 100],
  ])('worst -10, best 10: %s -> %s', (v, e) => check(linear(-10, 10), [v, e]));
});

describe('range', () => {
  // ideal [2, 5], zeroAt [0, 10]: below 2 -> v / 2 * 100; above 5 -> (10 - v) / 5 * 100
  it.each<Case>([
    [-1, 0], // outside [lo, hi]
    [0, 0], // exactly lo
    [0.5, 25], // 0.5 / 2 * 100
    [1, 50],
    [2, 100], // exactly a (inclusive)
    [3.5, 100],
    [5, 100], // exactly b (inclusive)
    [7.5, 50], // (10 - 7.5) / 5 * 100
    [9, 20], // 1 / 5 * 100
    [10, 0], // exactly hi
    [12, 0], // outside
  ])('ideal [2,5], zeroAt [0,10]: %s -> %s', (v, e) => check(range([2, 5], [0, 10]), [v, e]));

  // lo == a: nothing below a scores anything (R3)
  it.each<Case>([
    [0, 100], // a itself is inside
    [2, 100],
    [-0.5, 0],
    [-100, 0],
    [7.5, 50], // upper slope unaffected
  ])('lo == a (ideal [0,5], zeroAt [0,10]): %s -> %s', (v, e) => check(range([0, 5], [0, 10]), [v, e]));

  // b == hi: nothing above b scores anything (R3)
  it.each<Case>([
    [10, 100],
    [10.5, 0],
    [1, 50], // lower slope unaffected: 1 / 2 * 100
  ])('b == hi (ideal [2,10], zeroAt [0,10]): %s -> %s', (v, e) => check(range([2, 10], [0, 10]), [v, e]));

  // a == b: a single ideal point
  it.each<Case>([
    [5, 100],
    [2.5, 50], // 2.5 / 5 * 100
    [7.5, 50], // (10 - 7.5) / 5 * 100
  ])('a == b (ideal [5,5], zeroAt [0,10]): %s -> %s', (v, e) => check(range([5, 5], [0, 10]), [v, e]));
});

describe('steps', () => {
  const r = steps({ upTo: 0, points: 0 }, { upTo: 5, points: 60 }, { points: 100 });
  it.each<Case>([
    [-3, 0],
    [0, 0], // exactly upTo 0: inclusive, first step
    [0.001, 60], // just above: second step
    [3, 60],
    [5, 60], // exactly upTo 5: inclusive
    [5.5, 100], // catch-all
    [1e9, 100],
  ])('[≤0: 0, ≤5: 60, else 100]: %s -> %s', (v, e) => check(r, [v, e]));

  it('a single catch-all step scores every value', () => {
    check(steps({ points: 42 }), [-1e6, 42]);
    check(steps({ points: 42 }), [1e6, 42]);
  });

  // points need not be monotonic: the *first* step whose upTo >= value wins
  const down = steps({ upTo: 10, points: 100 }, { upTo: 20, points: 30 }, { points: 70 });
  it.each<Case>([
    [10, 100],
    [15, 30],
    [20, 30],
    [21, 70],
  ])('non-monotonic steps: %s -> %s', (v, e) => check(down, [v, e]));
});

describe('boolean', () => {
  const r = bool(90, 20);
  it.each<Case>([
    [true, 90],
    [false, 20],
    // a number reads 1 -> true, 0 -> false, any other number missing (R4)
    [1, 90],
    [0, 20],
    [2, undefined],
    [0.5, undefined],
    // text: boolean tokens, any case, trimmed (R4)
    ['Sim', 90],
    ['não', 20],
    ['nao', 20],
    ['yes', 90],
    ['NO', 20],
    [' True ', 90],
    ['FALSE', 20],
    ['sí', 90],
    ['verdadeiro', 90],
    ['falso', 20],
    ['1', 90],
    ['0', 20],
    ['maybe', undefined],
    ['', undefined],
  ])('{true: 90, false: 20}: %j -> %s', (v, e) => check(r, [v, e]));
});

describe('map', () => {
  const r = map({ Happy: 100, neutral: 50, UNHAPPY: 0 });
  it.each<Case>([
    ['Happy', 100],
    ['happy', 100], // case-insensitive
    ['HAPPY', 100],
    ['  Happy  ', 100], // trimmed
    ['Neutral', 50],
    ['unhappy', 0], // a label worth 0 is not missing
    ['\tunhappy\n', 0],
    ['angry', undefined], // unknown label = missing
    ['hap py', undefined],
    ['', undefined],
  ])('{Happy, neutral, UNHAPPY}: %j -> %s', (v, e) => check(r, [v, e]));
});

/**
 * The same rules on portfolio columns of each kind (R4). A single metric of weight 1, so the raw
 * score is the metric's points, and a missing value leaves the customer with no score.
 */
describe('reading columns of each kind', () => {
  function raws(rule: ScoringRule, cells: CellValue[]): number[] {
    const s = score(oneCategory([metric('m', rule)], { minCoverage: 0 }), cells.map((m) => ({ m })));
    return Array.from(s.raw);
  }
  function expectRaws(got: number[], want: number[]): void {
    expect(got).toHaveLength(want.length);
    got.forEach((g, i) => {
      const w = want[i] ?? NaN;
      if (Number.isNaN(w)) expect(g, `row ${i}`).toBeNaN();
      else expect(g, `row ${i}`).toBeCloseTo(w, 9);
    });
  }

  it('linear on a number column; empty cell is missing', () => {
    // linear 0..20: 5v
    expectRaws(raws(linear(0, 20), [0, 10, 20, 30, null]), [0, 50, 100, 100, NaN]);
  });

  it('linear on a boolean column reads 1/0', () => {
    expectRaws(raws(linear(0, 1), [true, false, null]), [100, 0, NaN]);
  });

  it('linear on a text column: a plain dot-decimal number is read, other text is missing', () => {
    // linear 0..50: 2v; '12.5' -> 25, '-3' -> clamped 0
    expectRaws(raws(linear(0, 50), ['12.5', '-3', 'abc', null]), [25, 0, NaN, NaN]);
  });

  it('linear on a date column gives missing', () => {
    expectRaws(raws(linear(0, 50), [{ date: '2024-01-31' }, null]), [NaN, NaN]);
  });

  it('range and steps on a number column', () => {
    expectRaws(raws(range([2, 5], [0, 10]), [1, 3, 7.5, 11]), [50, 100, 50, 0]);
    expectRaws(raws(steps({ upTo: 0, points: 0 }, { upTo: 5, points: 60 }, { points: 100 }), [0, 5, 6]), [0, 60, 100]);
  });

  it('boolean on a boolean column', () => {
    expectRaws(raws(bool(90, 20), [true, false, null]), [90, 20, NaN]);
  });

  it('boolean on a number column: 1 true, 0 false, other numbers missing', () => {
    expectRaws(raws(bool(90, 20), [1, 0, 2, -1, null]), [90, 20, NaN, NaN, NaN]);
  });

  it('boolean on a text column: Sim/não/yes/NO tokens, other text missing', () => {
    expectRaws(raws(bool(90, 20), ['Sim', 'não', 'yes', 'NO', ' true ', 'maybe']), [90, 20, 90, 20, 90, NaN]);
  });

  it('map on a text column: case-insensitive, trimmed, unknown label missing', () => {
    const r = map({ Happy: 100, neutral: 50, UNHAPPY: 0 });
    expectRaws(raws(r, ['happy', ' NEUTRAL ', 'Unhappy', 'angry', null]), [100, 50, 0, NaN, NaN]);
  });

  it('map on a number column compares numeric keys numerically', () => {
    // key "3.0" matches the number 3
    const r = map({ '1': 0, '2': 50, '3.0': 100 });
    expectRaws(raws(r, [1, 2, 3, 4]), [0, 50, 100, NaN]);
  });

  it('map on a boolean column reads keys as boolean tokens', () => {
    const r = map({ Yes: 80, no: 10 });
    expectRaws(raws(r, [true, false, null]), [80, 10, NaN]);
  });

  it('the source defaults to the metric id, and `source` names another column', () => {
    const model = oneCategory([metric('usage', linear(0, 20), { source: 'Logins per week' })]);
    const s = score(model, [{ usage: 0, 'Logins per week': 10 }]);
    // reads "Logins per week" (10 -> 50), not the "usage" column (0 -> 0)
    expect(s.raw[0]).toBeCloseTo(50, 9);
  });
});
