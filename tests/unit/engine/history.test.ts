import { describe, expect, it } from 'vitest';
import { latestObservations, scorePortfolio, type Portfolio } from '../../../src/engine';
import { day, makeModel, makePortfolio, metric, category } from '../../factories';

const D1 = day('2024-01-31');
const D2 = day('2024-02-29');
const D3 = day('2024-03-31');

function valuesOf(p: Portfolio, name: string): unknown[] {
  const c = p.columns.get(name)!;
  if (c.kind === 'text') return Array.from(c.codes, (k) => (k < 0 ? null : c.labels[k]));
  return Array.from(c.values, (v) => (Number.isNaN(v) || v === 255 ? null : v));
}

describe('latestObservations: the value at D is the latest observation at or before D', () => {
  const history = [
    { day: D1, portfolio: makePortfolio([{ id: 'a', nps: 9, mood: 'happy' }, { id: 'b', nps: null, mood: null }]) },
    { day: D2, portfolio: makePortfolio([{ id: 'a', nps: null, mood: null }, { id: 'b', nps: 3, mood: 'unhappy' }]) },
    { day: D3, portfolio: makePortfolio([{ id: 'a', nps: 7, mood: null }, { id: 'b', nps: null, mood: 'neutral' }]) },
  ];
  const carried = latestObservations(history);

  it('fills a missing value from the latest earlier one, numbers and labels alike', () => {
    expect(valuesOf(carried[1]!.portfolio, 'nps')).toEqual([9, 3]);
    expect(valuesOf(carried[1]!.portfolio, 'mood')).toEqual(['happy', 'unhappy']);
    expect(valuesOf(carried[2]!.portfolio, 'nps')).toEqual([7, 3]);
    expect(valuesOf(carried[2]!.portfolio, 'mood')).toEqual(['happy', 'neutral']);
  });

  it('dates every value with the day it was observed', () => {
    expect(Array.from(carried[2]!.portfolio.columns.get('nps')!.observedOn!)).toEqual([D3, D2]);
    expect(Array.from(carried[2]!.portfolio.columns.get('mood')!.observedOn!)).toEqual([D1, D3]);
  });

  it('leaves what was never observed missing, and does not change its input', () => {
    expect(valuesOf(carried[0]!.portfolio, 'nps')).toEqual([9, null]);
    expect(valuesOf(history[1]!.portfolio, 'nps')).toEqual([null, 3]);
  });

  it('lets maxAgeDays call a carried value stale', () => {
    const model = makeModel({ categories: [category('sat', 1, [metric('mood', { type: 'map', points: { happy: 100, neutral: 50, unhappy: 0 } }, { maxAgeDays: 45 })])] });
    // At D3 customer a's mood is from D1, 60 days earlier: stale, so a has no data; b's is fresh.
    const scores = scorePortfolio(model, carried[2]!.portfolio, { asOf: D3 });
    expect(Number.isNaN(scores.score[0]!)).toBe(true);
    expect(scores.score[1]).toBe(50);
  });
});
