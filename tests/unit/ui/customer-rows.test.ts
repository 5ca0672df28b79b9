import { describe, expect, it } from 'vitest';
import { DEFAULT_FIXED_BANDS } from '../../../src/engine';
import { bandInfos } from '../../../src/engine';
import { choicesOf, listRows } from '../../../src/ui/customers/customer-rows';
import type { CustomerTable, ScoresView } from '../../../src/worker/api';

const N = Number.NaN;
const bands = bandInfos({ format: 'health-model/v1', name: 'm', categories: [], bands: DEFAULT_FIXED_BANDS });

// rows:        0 Ana   1 bruno  2 Carla  3 Dora   4 Édson
const scores: ScoresView = {
  asOf: 0,
  score: Float64Array.from([40, 80, N, 60, 40]),
  previousScore: Float64Array.from([50, 70, 30, N, 45]),
  coverage: Float64Array.from([1, 0.9, 0, 0.6, 1]),
  band: Uint8Array.from([0, 2, 3, 1, 0]),
  computedBand: Uint8Array.from([0, 2, 3, 1, 0]),
  overridden: new Uint8Array(5),
  previousBand: Uint8Array.from([1, 2, 3, 255, 0]),
  bands,
};
const table: CustomerTable = {
  ids: ['a', 'b', 'c', 'd', 'e'],
  names: ['Ana', 'bruno', 'Carla', 'Dora', 'Édson'],
  segments: ['SMB', 'Enterprise', 'SMB', 'Mid-Market', 'SMB'],
  stages: ['adoption', 'renewal', 'onboarding', 'adoption', 'expansion'],
  owners: ['Rita', 'Leo', 'Rita', 'Leo', 'Zé'],
  mrr: Float64Array.from([100, 5000, N, 900, 100]),
  renewal: Float64Array.from([20000, 19900, 19950, N, 20100]),
};

const rows = (key: Parameters<typeof listRows>[2]['order']['key'], direction: 'ascending' | 'descending' = 'ascending', bandIndex: number | null = null) =>
  [...listRows(scores, table, { order: { key, direction }, bandIndex, locale: 'pt-BR' })].map((r) => table.names[r]);

describe('listRows', () => {
  it('puts the lowest scores first, ties by name, and customers without a score last', () => {
    expect(rows('score')).toEqual(['Ana', 'Édson', 'Dora', 'bruno', 'Carla']);
    expect(rows('score', 'descending')).toEqual(['bruno', 'Dora', 'Ana', 'Édson', 'Carla']);
  });

  it('sorts by change, biggest drop first, with no earlier score last', () => {
    // changes: Ana −10, bruno +10, Carla none (no score), Dora none (no earlier score), Édson −5
    expect(rows('change')).toEqual(['Ana', 'Édson', 'bruno', 'Carla', 'Dora']);
  });

  it('sorts names the way people read them: ignoring case and accents', () => {
    expect(rows('name')).toEqual(['Ana', 'bruno', 'Carla', 'Dora', 'Édson']);
    expect(rows('name', 'descending')).toEqual(['Édson', 'Dora', 'Carla', 'bruno', 'Ana']);
  });

  it('sorts by text columns with names breaking ties, and by money with unknowns last', () => {
    expect(rows('owner')).toEqual(['bruno', 'Dora', 'Ana', 'Carla', 'Édson']);
    expect(rows('mrr', 'descending')).toEqual(['bruno', 'Dora', 'Ana', 'Édson', 'Carla']);
  });

  it('keeps only the band asked for', () => {
    expect(rows('score', 'ascending', 0)).toEqual(['Ana', 'Édson']);
    expect(rows('score', 'ascending', 3)).toEqual(['Carla']);
  });
});

describe('listRows, filtered by stage (the journey map’s links)', () => {
  const byStage = (stage: string | null, bandIndex: number | null = null) =>
    [...listRows(scores, table, { order: { key: 'name', direction: 'ascending' }, bandIndex, stage, locale: 'pt-BR' })].map((r) => table.names[r]);

  it('keeps only the stage asked for, with the band filter too', () => {
    expect(byStage('adoption')).toEqual(['Ana', 'Dora']);
    expect(byStage('adoption', 0)).toEqual(['Ana']);
    expect(byStage('renewal', 0)).toEqual([]);
    expect(byStage(null)).toHaveLength(5);
  });

  it('reads "" as the customers with no stage', () => {
    const unstaged = { ...table, stages: ['', ' adoption ', 'onboarding', '  ', 'expansion'] };
    const names = [...listRows(scores, unstaged, { order: { key: 'name', direction: 'ascending' }, bandIndex: null, stage: '', locale: 'en' })].map((r) => table.names[r]);
    expect(names).toEqual(['Ana', 'Dora']);
    expect([...listRows(scores, unstaged, { order: { key: 'name', direction: 'ascending' }, bandIndex: null, stage: 'adoption', locale: 'en' })]).toEqual([1]);
  });
});

describe('listRows: search and the other filters', () => {
  const names = (filter: Partial<Parameters<typeof listRows>[2]>) =>
    [...listRows(scores, table, { order: { key: 'name', direction: 'ascending' }, bandIndex: null, locale: 'pt-BR', ...filter })].map((r) => table.names[r]);

  it('finds by name or id, ignoring case and accents, every word', () => {
    expect(names({ query: 'edson' })).toEqual(['Édson']);
    expect(names({ query: '  BRU ' })).toEqual(['bruno']);
    expect(names({ query: 'd' })).toEqual(['Dora', 'Édson']);
    expect(names({ query: 'a c' })).toEqual(['Carla']);
    expect(names({ query: '' })).toHaveLength(5);
  });

  it('keeps one segment, one owner, the customers below a coverage, all together', () => {
    expect(names({ segment: 'SMB' })).toEqual(['Ana', 'Carla', 'Édson']);
    expect(names({ owner: 'Leo' })).toEqual(['bruno', 'Dora']);
    expect(names({ coverageBelow: 0.7 })).toEqual(['Carla', 'Dora']);
    expect(names({ segment: 'SMB', owner: 'Rita', coverageBelow: 0.5 })).toEqual(['Carla']);
  });

  it('offers each segment once, in the alphabet of the language', () => {
    expect(choicesOf(['SMB', 'Enterprise', 'SMB', '', 'Mid-Market', 'ágil'], 'pt-BR')).toEqual(['ágil', 'Enterprise', 'Mid-Market', 'SMB']);
  });

  it('sorts 20,000 customers with ties in name order, as the alphabet says', () => {
    const n = 20_000;
    const big: CustomerTable = { ...table, ids: Array.from({ length: n }, (_, i) => `id${i}`), names: Array.from({ length: n }, (_, i) => `Cliente ${(i * 7919) % n}`),
      segments: new Array<string>(n).fill('SMB'), stages: new Array<string>(n).fill(''), owners: new Array<string>(n).fill(''), mrr: new Float64Array(n), renewal: new Float64Array(n) };
    const bigScores: ScoresView = { ...scores, score: Float64Array.from({ length: n }, (_, i) => i % 3), previousScore: new Float64Array(n), coverage: new Float64Array(n).fill(1), band: new Uint8Array(n), previousBand: new Uint8Array(n) };
    const order = [...listRows(bigScores, big, { order: { key: 'score', direction: 'ascending' }, bandIndex: null, locale: 'en' })];
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    for (let k = 1; k < n; k++) {
      const [a, b] = [order[k - 1]!, order[k]!];
      const byScore = bigScores.score[a]! - bigScores.score[b]!;
      expect(byScore < 0 || (byScore === 0 && collator.compare(big.names[a]!, big.names[b]!) <= 0)).toBe(true);
    }
  });
});
