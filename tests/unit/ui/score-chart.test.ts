import { describe, expect, it } from 'vitest';
import { bandInfos, DEFAULT_FIXED_BANDS } from '../../../src/engine';
import { histogramChart, scoreHistogram } from '../../../src/ui/overview/score-chart';

const bands = bandInfos({ format: 'health-model/v1', name: 'm', categories: [], bands: DEFAULT_FIXED_BANDS });

describe('score histogram', () => {
  it('counts scored customers per 10-point bin, 100 in the last bin, leaving out insufficient ones', () => {
    const score = Float64Array.from([0, 9, 10, 50, 51, 70, 71, 99, 100, Number.NaN, 45]);
    const band = Uint8Array.from([0, 0, 0, 0, 1, 1, 2, 2, 2, 3, 3]);
    const h = scoreHistogram(score, band, bands.length);
    expect(h.labels[0]).toBe('0–9');
    expect(h.labels[9]).toBe('90–100');
    expect(h.counts).toEqual([2, 1, 0, 0, 0, 2, 0, 2, 0, 2]);
    // Bin 50–59 holds a red 50 and a yellow 51: a tie goes to the first band; 70–79 holds yellow 70 and green 71.
    expect(h.bandOfBin.slice(5, 8)).toEqual([0, 3, 1]);
    expect(h.bandOfBin[9]).toBe(2);
  });

  it('colours each bar by its band and labels both axes', () => {
    const h = scoreHistogram(Float64Array.from([5, 95]), Uint8Array.from([0, 2]), bands.length);
    const config = histogramChart(h, bands, { score: 'Nota', customers: 'Clientes' });
    const colours = config.data.datasets[0]!.backgroundColor as string[];
    expect(colours[0]).toBe('#c62828');
    expect(colours[9]).toBe('#2e7d32');
    expect(config.options?.scales?.x?.title).toMatchObject({ text: 'Nota' });
    expect(config.options?.scales?.y?.title).toMatchObject({ text: 'Clientes' });
    expect(config.data.datasets[0]!.data).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});
