/**
 * Transforms (DESIGN "Transforms"): `daysSince` scores the whole days from a date to the as-of date
 * (both UTC midnights; a future date gives a negative number).
 */
import { describe, expect, it } from 'vitest';
import { linear, metric, oneCategory, steps, day } from '../../factories';
import { explain, expectClose, score } from './support';

// lastLogin: 0 days ago -> 100 points, 30 or more -> 0 (lower is better)
const model = oneCategory([metric('lastLogin', linear(30, 0), { transform: 'daysSince' })], { minCoverage: 0 });
const asOf = day('2024-05-31');

describe('daysSince with a lower-is-better linear rule', () => {
  it.each<[string, number, number]>([
    ['2024-05-31', 0, 100], // same day
    ['2024-05-30', 1, (29 / 30) * 100],
    ['2024-05-16', 15, 50], // (30 − 15) / 30 · 100
    ['2024-05-07', 24, 20],
    ['2024-05-01', 30, 0], // exactly worst
    ['2024-04-01', 60, 0], // clamped
    ['2023-05-31', 366, 0], // across a leap day
    ['2024-06-10', -10, 100], // future: −10 days, better than best, clamped
  ])('%s is %s days before 2024-05-31 -> %s points', (date, days, points) => {
    const rows = [{ lastLogin: { date } }];
    expectClose(score(model, rows, { asOf }).raw, [points]);
    const m = explain(model, rows, 0, { asOf }).metrics[0];
    expect(m?.value).toBe(days);
    expect(m?.status).toBe('scored');
  });

  it('whole days across February of a leap year', () => {
    const e = explain(model, [{ lastLogin: { date: '2024-02-28' } }], 0, { asOf: day('2024-03-01') });
    expect(e.metrics[0]?.value).toBe(2);
  });

  it('counts to the as-of date of the run, not to today', () => {
    const rows = [{ lastLogin: { date: '2024-05-16' } }];
    expectClose(score(model, rows, { asOf: day('2024-05-16') }).raw, [100]);
    expectClose(score(model, rows, { asOf: day('2024-05-31') }).raw, [50]);
    expectClose(score(model, rows, { asOf: day('2024-06-15') }).raw, [0]);
  });

  it('a missing date is missing', () => {
    const s = score(model, [{ lastLogin: null }, { lastLogin: { date: '2024-05-31' } }], { asOf });
    expect(s.score[0]).toBeNaN();
    expect(s.score[1]).toBe(100);
  });

  it('a future date gives a negative number of days, which steps can tell apart', () => {
    const m = oneCategory(
      [metric('lastLogin', steps({ upTo: -1, points: 10 }, { upTo: 0, points: 100 }, { upTo: 30, points: 50 }, { points: 0 }), { transform: 'daysSince' })],
      { minCoverage: 0 },
    );
    const s = score(
      m,
      ['2024-06-01', '2024-05-31', '2024-05-30', '2024-05-01', '2024-04-30'].map((date) => ({ lastLogin: { date } })),
      { asOf },
    );
    // −1 -> 10; 0 -> 100; 1 -> 50; 30 -> 50 (inclusive); 31 -> 0
    expect(Array.from(s.score)).toEqual([10, 100, 50, 50, 0]);
  });

  it('the source column of a daysSince metric can be named by `source`', () => {
    const m = oneCategory([metric('recency', linear(30, 0), { transform: 'daysSince', source: 'Last login' })], { minCoverage: 0 });
    expectClose(score(m, [{ 'Last login': { date: '2024-05-16' } }], { asOf }).raw, [50]);
  });
});
