import { describe, expect, it } from 'vitest';
import { bandChurnChart, referencePlugin, rocAt, rocChart, type ReferenceContext } from '../../../src/ui/calibration/calibration-charts';
import { formatAuc, formatRate, formatRatio } from '../../../src/ui/calibration/calibration-format';

const roc = { fpr: [0, 0.1, 0.1, 0.5, 1], tpr: [0, 0.3, 0.5, 0.9, 1] };
const share = (x: number) => `${Math.round(x * 100)}%`;
const rocText = { curve: 'Your score', chance: 'Coin toss', fpr: 'Retained flagged', tpr: 'Churned caught', share };

describe('the ROC chart', () => {
  it('draws the curve as given and the diagonal, on 0–1 axes named in words', () => {
    const config = rocChart(roc, rocText);
    expect(config.type).toBe('scatter');
    const [curve, chance] = config.data.datasets;
    expect(curve!.label).toBe('Your score');
    expect(curve!.data).toEqual([{ x: 0, y: 0 }, { x: 0.1, y: 0.3 }, { x: 0.1, y: 0.5 }, { x: 0.5, y: 0.9 }, { x: 1, y: 1 }]);
    expect(curve!.showLine).toBe(true);
    expect(chance!.label).toBe('Coin toss');
    expect(chance!.data).toEqual([{ x: 0, y: 0 }, { x: 1, y: 1 }]);
    expect(chance!.borderDash).toEqual([6, 5]);
    const scales = config.options!.scales!;
    expect(scales['x']).toMatchObject({ min: 0, max: 1, title: { text: 'Retained flagged' } });
    expect(scales['y']).toMatchObject({ min: 0, max: 1, title: { text: 'Churned caught' } });
    expect(config.options!.plugins!.legend!.display).toBe(true);
  });

  it('reads the curve at a share of retained customers flagged: between points, and the top of a vertical step', () => {
    expect(rocAt(roc, 0.1)).toBe(0.5);
    expect(rocAt(roc, 0.3)).toBeCloseTo(0.7);
    expect(rocAt(roc, 1)).toBe(1);
    expect(rocAt({ fpr: [], tpr: [] }, 0.2)).toBeNull();
  });
});

describe('the churn-by-band chart', () => {
  const bands = [
    { label: 'Red', color: '#d1242f', rate: 0.5 },
    { label: 'Yellow', color: '#d4a72c', rate: 0.2 },
    { label: 'Green', color: '#1a7f37', rate: Number.NaN },
  ];

  it('has one bar per band, named, in its colour; a band with no customer has no bar', () => {
    const config = bandChurnChart(bands, 0.2, { axis: 'Churned', base: 'Base rate 20%', share });
    expect(config.type).toBe('bar');
    expect(config.data.labels).toEqual(['Red', 'Yellow', 'Green']);
    const [bars] = config.data.datasets;
    expect(bars!.data).toEqual([0.5, 0.2, null]);
    expect(bars!.backgroundColor).toEqual(['#d1242f', '#d4a72c', '#1a7f37']);
    // Room above the highest bar, in whole 10% steps.
    expect(config.options!.scales!['y']).toMatchObject({ min: 0, max: 0.6 });
    expect(config.plugins).toHaveLength(1);
  });

  it('draws the base rate as a dashed line across the chart, with its words', () => {
    const calls: string[] = [];
    const ctx = {
      save: () => calls.push('save'),
      restore: () => calls.push('restore'),
      beginPath: () => undefined,
      moveTo: (x: number, y: number) => calls.push(`move ${x},${y}`),
      lineTo: (x: number, y: number) => calls.push(`line ${x},${y}`),
      stroke: () => calls.push('stroke'),
      setLineDash: (d: number[]) => calls.push(`dash ${d.join(' ')}`),
      fillText: (t: string, x: number, y: number) => calls.push(`text ${t} ${x},${y}`),
      strokeStyle: '',
      fillStyle: '',
      lineWidth: 1,
      font: '',
      textAlign: 'left',
      textBaseline: 'top',
    } satisfies ReferenceContext;
    const plugin = referencePlugin(0.2, 'Base rate 20%');
    const chart = { ctx, chartArea: { left: 10, right: 210, top: 0, bottom: 100 }, scales: { y: { getPixelForValue: (v: number) => 100 - v * 100 } } };
    (plugin.afterDatasetsDraw as unknown as (c: typeof chart) => void)(chart);
    expect(calls).toEqual(['save', 'dash 6 4', 'move 10,80', 'line 210,80', 'stroke', 'dash ', 'text Base rate 20% 206,77', 'restore']);
  });
});

describe('the figures in the locale', () => {
  it('writes an AUC to two decimals, a rate as a percentage, a ratio to one decimal', () => {
    expect(formatAuc(0.7, 'en')).toBe('0.70');
    expect(formatAuc(0.784, 'pt-BR')).toBe('0,78');
    expect(formatRate(0.125, 'en')).toBe('12.5%');
    expect(formatRate(0.125, 'pt-BR')).toBe('12,5%');
    expect(formatRate(Number.NaN, 'en')).toBe('—');
    expect(formatRatio(3.44, 'es')).toBe('3,4');
  });
});
