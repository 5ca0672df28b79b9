import { describe, expect, it } from 'vitest';
import { bandInfos, DEFAULT_FIXED_BANDS } from '../../../src/engine';
import { movers, renewalsAtRisk } from '../../../src/ui/overview/attention';
import type { CustomerTable, ScoresView } from '../../../src/worker/api';

const N = Number.NaN;
const bands = bandInfos({ format: 'health-model/v1', name: 'm', categories: [], bands: DEFAULT_FIXED_BANDS });
const TODAY = 20_000;

// rows:       0 red, renews in 10 days   1 red, in 90   2 red, in 91   3 yellow, in 5   4 red, yesterday   5 red, in 10, no MRR
const scores: ScoresView = {
  asOf: TODAY,
  score: Float64Array.from([30, 40, 20, 60, 10, 45]),
  previousScore: Float64Array.from([55, 40, 45, 30, N, 80]),
  coverage: new Float64Array(6).fill(1),
  band: Uint8Array.from([0, 0, 0, 1, 0, 0]),
  computedBand: Uint8Array.from([0, 0, 0, 1, 0, 0]),
  overridden: new Uint8Array(6),
  previousBand: Uint8Array.from([1, 0, 3, 0, 255, 2]),
  bands,
};
const table: CustomerTable = {
  ids: ['a', 'b', 'c', 'd', 'e', 'f'], names: ['A', 'B', 'C', 'D', 'E', 'F'], segments: [], stages: [], owners: [],
  mrr: Float64Array.from([100, 2000, 50, 300, 70, N]),
  renewal: Float64Array.from([TODAY + 10, TODAY + 90, TODAY + 91, TODAY + 5, TODAY - 1, TODAY + 10]),
};

describe('renewalsAtRisk', () => {
  it('takes the red customers renewing within 90 days, soonest first, and adds up their MRR', () => {
    expect(renewalsAtRisk(scores, table, TODAY)).toEqual({ rows: [0, 5, 1], mrr: 2100 });
  });
  it('counts the renewal day itself and nothing before today', () => {
    expect(renewalsAtRisk(scores, table, TODAY + 10).rows).toEqual([0, 5, 1, 2]);
    expect(renewalsAtRisk(scores, table, TODAY + 11).rows).toEqual([1, 2]);
  });
});

describe('movers', () => {
  it('splits band changes into down (biggest fall first), up, and in or out of insufficient data', () => {
    expect(movers(scores)).toEqual({ down: [5, 0], up: [3], other: [2] });
  });
});
