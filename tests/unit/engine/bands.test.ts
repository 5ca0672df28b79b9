/**
 * Bands (DESIGN "Bands"; R8): fixed cuts on the integer score, quantile bands by nearest rank, and
 * `insufficient` last.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIXED_BANDS, type BandCut, type HealthModel } from '../../../src/engine/model';
import { category, identity, makeModel, metric, oneCategory, type Row } from '../../factories';
import { bandIds, explain, score } from './support';

const single = (extra: Partial<HealthModel> = {}): HealthModel => oneCategory([metric('m', identity())], extra);
const rowsOf = (values: (number | null)[]): Row[] => values.map((m) => ({ m }));

describe('fixed bands, default cuts (red ≤ 50, yellow ≤ 70, green ≤ 100)', () => {
  it.each<[number, number, string]>([
    [0, 0, 'red'],
    [50, 50, 'red'],
    [50.4, 50, 'red'], // the band applies to the integer score
    [50.5, 51, 'yellow'],
    [51, 51, 'yellow'],
    [70, 70, 'yellow'],
    [70.4, 70, 'yellow'],
    [70.5, 71, 'green'],
    [71, 71, 'green'],
    [100, 100, 'green'],
  ])('value %s -> score %s -> %s', (value, expectedScore, band) => {
    const s = score(single(), rowsOf([value]));
    expect(s.score[0]).toBe(expectedScore);
    expect(bandIds(s)).toEqual([band]);
  });

  it('bands info: the default cuts with their labels and colours, then insufficient', () => {
    const s = score(single(), rowsOf([50]));
    expect(s.bands.map((b) => b.id)).toEqual(['red', 'yellow', 'green', 'insufficient']);
    expect(s.bands.slice(0, 3)).toEqual(DEFAULT_FIXED_BANDS.cuts.map(({ id, label, color }) => ({ id, label, color })));
    expect(s.bands[3]?.label).toBeTruthy();
    expect(s.bands[3]?.color).toBeTruthy();
  });

  it('an explicit fixed default behaves like the default', () => {
    const s = score(single({ bands: DEFAULT_FIXED_BANDS }), rowsOf([50, 51, 70, 71]));
    expect(bandIds(s)).toEqual(['red', 'yellow', 'yellow', 'green']);
  });

  it('a customer with no score, or with too little coverage, is insufficient — the last band', () => {
    const model = oneCategory([metric('x', identity()), metric('y', identity(), { weight: 3 })]);
    const s = score(model, [
      { x: null, y: null },
      { x: 100, y: null }, // coverage 1/4, score 100: still insufficient, never healthy
      { x: 100, y: 100 },
    ]);
    expect(bandIds(s)).toEqual(['insufficient', 'insufficient', 'green']);
    expect(s.band[0]).toBe(s.bands.length - 1);
    expect(s.band[1]).toBe(s.bands.length - 1);
  });
});

describe('fixed bands, custom cuts', () => {
  it('two bands with labels and colours', () => {
    const cuts: BandCut[] = [
      { id: 'risk', label: 'At risk', color: '#b00020', max: 59 },
      { id: 'ok', label: 'Healthy', color: '#1b5e20', max: 100 },
    ];
    const s = score(single({ bands: { mode: 'fixed', cuts } }), rowsOf([0, 59, 59.4, 59.5, 60, 100, null]));
    expect(bandIds(s)).toEqual(['risk', 'risk', 'risk', 'ok', 'ok', 'ok', 'insufficient']);
    expect(s.bands.slice(0, 2)).toEqual([
      { id: 'risk', label: 'At risk', color: '#b00020' },
      { id: 'ok', label: 'Healthy', color: '#1b5e20' },
    ]);
    expect(s.bands).toHaveLength(3);
    expect(s.bands[2]?.id).toBe('insufficient');
  });

  it('five bands: each max is inclusive', () => {
    const cuts: BandCut[] = [20, 40, 60, 80, 100].map((max, i) => ({ id: `b${i + 1}`, label: `Band ${i + 1}`, color: `#00000${i}`, max }));
    const s = score(single({ bands: { mode: 'fixed', cuts } }), rowsOf([0, 20, 21, 40, 41, 60, 61, 80, 81, 100]));
    expect(bandIds(s)).toEqual(['b1', 'b1', 'b2', 'b2', 'b3', 'b3', 'b4', 'b4', 'b5', 'b5']);
    expect(s.bands.map((b) => b.id)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'insufficient']);
    expect(s.bands.map((b) => b.label).slice(0, 5)).toEqual(['Band 1', 'Band 2', 'Band 3', 'Band 4', 'Band 5']);
    expect(s.bands.map((b) => b.color).slice(0, 5)).toEqual(['#000000', '#000001', '#000002', '#000003', '#000004']);
  });
});

describe('quantile bands (nearest rank, R8)', () => {
  // x and y of equal weight, minCoverage 0.6: a customer with only x has coverage 0.5 -> insufficient
  const model = makeModel({
    minCoverage: 0.6,
    bands: { mode: 'quantile' },
    categories: [category('c', 1, [metric('x', identity()), metric('y', identity())])],
  });
  const full = (v: number): Row => ({ x: v, y: v });
  const half = (v: number): Row => ({ x: v, y: null });

  it('eight sufficient customers; insufficient ones and customers with no score are not counted', () => {
    const rows = [full(60), full(10), half(0), full(80), full(30), half(99), full(50), { x: null, y: null }, full(20), half(5), full(70), full(40), half(95)];
    // sufficient scores sorted: 10 20 30 40 50 60 70 80, N = 8
    // p25 = rank ceil(0.25·8) = 2 -> 20;  p75 = rank ceil(0.75·8) = 6 -> 60
    // (counting the insufficient 0, 5, 95, 99 too, N = 12: p25 = rank 3 -> 10, p75 = rank 9 -> 70)
    const s = score(model, rows);
    expect(s.quantiles).toEqual({ p25: 20, p75: 60 });
    expect(bandIds(s)).toEqual([
      'green', // 60 >= p75
      'red', // 10
      'insufficient',
      'green', // 80
      'yellow', // 30
      'insufficient',
      'yellow', // 50
      'insufficient', // no score
      'red', // 20 <= p25
      'insufficient',
      'green', // 70
      'yellow', // 40
      'insufficient',
    ]);
    expect(s.bands.map((b) => b.id)).toEqual(['red', 'yellow', 'green', 'insufficient']);
  });

  it('five customers', () => {
    // sorted 5 15 25 35 45: p25 = rank ceil(1.25) = 2 -> 15; p75 = rank ceil(3.75) = 4 -> 35
    const s = score(model, [45, 5, 35, 15, 25].map(full));
    expect(s.quantiles).toEqual({ p25: 15, p75: 35 });
    expect(bandIds(s)).toEqual(['green', 'red', 'green', 'red', 'yellow']);
  });

  it('p25 == p75: a customer exactly there is red (checked first)', () => {
    // sorted 40 50 50 50 60: p25 = rank 2 -> 50; p75 = rank 4 -> 50
    const s = score(model, [40, 50, 50, 50, 60].map(full));
    expect(s.quantiles).toEqual({ p25: 50, p75: 50 });
    expect(bandIds(s)).toEqual(['red', 'red', 'red', 'red', 'green']);
  });

  it('a single customer is red (p25 = p75 = its own score)', () => {
    const s = score(model, [full(90)]);
    expect(s.quantiles).toEqual({ p25: 90, p75: 90 });
    expect(bandIds(s)).toEqual(['red']);
  });

  it('no customer with sufficient coverage: quantiles NaN, everyone insufficient', () => {
    const s = score(model, [half(10), half(90), { x: null, y: null }]);
    expect(s.quantiles?.p25).toBeNaN();
    expect(s.quantiles?.p75).toBeNaN();
    expect(bandIds(s)).toEqual(['insufficient', 'insufficient', 'insufficient']);
  });

  it('explainCustomer bands with the quantiles it is given', () => {
    const rows = [10, 20, 30, 40, 50, 60, 70, 80].map(full);
    // row 5 scores 60
    expect(explain(model, rows, 5, { quantiles: { p25: 20, p75: 60 } }).band.id).toBe('green');
    expect(explain(model, rows, 5, { quantiles: { p25: 60, p75: 80 } }).band.id).toBe('red');
    expect(explain(model, rows, 5, { quantiles: { p25: 50, p75: 70 } }).band.id).toBe('yellow');
  });
});
