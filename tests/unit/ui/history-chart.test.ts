import { describe, expect, it } from 'vitest';
import { bandInfos, DEFAULT_FIXED_BANDS, type HealthModel } from '../../../src/engine';
import { bandZones, historyChart, historySummary, tickDays, withAlpha, zonesPlugin, type ZoneContext } from '../../../src/ui/customer/history-chart';

const fixed: HealthModel = { format: 'health-model/v1', name: 'm', categories: [], bands: DEFAULT_FIXED_BANDS };
const quantile: HealthModel = { format: 'health-model/v1', name: 'm', categories: [], bands: { mode: 'quantile' } };
const bands = bandInfos(fixed);
const names: Record<string, string> = { red: 'Vermelho', yellow: 'Amarelo', green: 'Verde' };
const name = (b: { id: string }) => names[b.id] ?? b.id;

const points = [
  { day: 19_900, score: 62, band: 1, coverage: 1 },
  { day: 19_930, score: Number.NaN, band: 3, coverage: 0 },
  { day: 19_961, score: 38, band: 0, coverage: 1 },
];

describe('band zones', () => {
  it('cuts 0–100 at each fixed band’s max, named in the user’s language', () => {
    expect(bandZones(fixed, bands, name)).toEqual([
      { from: 0, to: 50, label: 'Vermelho', color: bands[0]!.color },
      { from: 50, to: 70, label: 'Amarelo', color: bands[1]!.color },
      { from: 70, to: 100, label: 'Verde', color: bands[2]!.color },
    ]);
    // A model that names no bands has the default fixed ones.
    expect(bandZones({ ...fixed, bands: undefined }, bands, name)).toHaveLength(3);
  });

  it('has none for quantile bands', () => {
    expect(bandZones(quantile, bandInfos(quantile), name)).toBeNull();
  });

  it('are drawn behind the line with each band’s name written inside its zone', () => {
    const calls: unknown[][] = [];
    const ctx = {
      save: () => calls.push(['save']), restore: () => calls.push(['restore']),
      fillRect: (...a: number[]) => calls.push(['rect', ...a]), fillText: (...a: unknown[]) => calls.push(['text', ...a]),
      fillStyle: '', font: '', textBaseline: 'alphabetic', textAlign: 'start',
    } satisfies ZoneContext;
    const plugin = zonesPlugin(bandZones(fixed, bands, name)!);
    // 0–100 maps to 200–0 px.
    const chart = { ctx, chartArea: { left: 10, right: 110, top: 0, bottom: 200 }, scales: { y: { getPixelForValue: (v: number) => 200 - 2 * v } } };
    (plugin.beforeDatasetsDraw as unknown as (c: typeof chart) => void)(chart);
    expect(calls.filter((c) => c[0] === 'rect')).toEqual([['rect', 10, 100, 100, 100], ['rect', 10, 60, 100, 40], ['rect', 10, 0, 100, 60]]);
    expect(calls.filter((c) => c[0] === 'text')).toEqual([['text', 'Vermelho', 16, 103], ['text', 'Amarelo', 16, 63], ['text', 'Verde', 16, 3]]);
    expect(withAlpha('#c62828', 0.5)).toBe('rgba(198, 40, 40, 0.5)');
  });
});

describe('the score chart', () => {
  const config = historyChart(points, bands, bandZones(fixed, bands, name), { axisScore: 'Nota', day: (d) => `dia ${d}` });

  it('plots each snapshot’s score by day, with a gap where there is none, coloured by band', () => {
    const dataset = config.data.datasets[0]!;
    expect(dataset.data).toEqual([{ x: 19_900, y: 62 }, { x: 19_930, y: null }, { x: 19_961, y: 38 }]);
    expect(dataset.spanGaps).toBe(false);
    expect(dataset.pointBackgroundColor).toEqual([bands[1]!.color, bands[3]!.color, bands[0]!.color]);
  });

  it('has a 0–100 score axis, the snapshot days as ticks in the locale, and the zones plugin', () => {
    const { x, y } = config.options!.scales! as Record<string, Record<string, unknown>>;
    expect(y).toMatchObject({ min: 0, max: 100, title: { text: 'Nota' } });
    // Room on the left for the zones' names.
    expect(x).toMatchObject({ type: 'linear', min: 19_900 - 61 * 0.14, max: 19_961 + 61 * 0.03 });
    const scale = { ticks: [] as { value: number }[] };
    (x!.afterBuildTicks as (s: typeof scale) => void)(scale);
    expect(scale.ticks).toEqual([{ value: 19_900 }, { value: 19_930 }, { value: 19_961 }]);
    expect(((x!.ticks as { callback: (v: number) => string }).callback)(19_930)).toBe('dia 19930');
    expect(config.plugins?.map((p) => p.id)).toEqual(['bandZones']);
    expect(historyChart(points, bands, null, { axisScore: 'Nota', day: String }).plugins).toEqual([]);
  });

  it('labels the axis with snapshot days far enough apart, the last always', () => {
    expect(tickDays([0, 30, 61, 91, 122, 152, 155])).toEqual([0, 30, 61, 91, 122, 155]);
    expect(tickDays([0, 31, 61, 92, 122, 153], 6)).toEqual([0, 31, 61, 92, 122, 153]);
    expect(tickDays([5])).toEqual([5]);
    expect(tickDays([])).toEqual([]);
  });

  it('is summed up in words: snapshots, first and last day, now, lowest and highest', () => {
    expect(historySummary(points)).toEqual({ count: 3, first: 19_900, last: 19_961, score: 38, min: 38, max: 62 });
    expect(historySummary([])).toBeNull();
  });
});
