/**
 * The score histogram as chart.js data: customers per 10-point bin, each bin coloured by the band
 * its scores fall in. Built as plain data so it is tested without a canvas.
 */
import type { ChartConfiguration } from 'chart.js';
import type { BandInfo } from '../../engine';
import { darken } from '../shared/bands';

export interface Histogram {
  /** Bin labels: "0–9", "10–19", …, "90–100". */
  readonly labels: readonly string[];
  readonly counts: readonly number[];
  /** Band index of each bin's scores (by the bin's lowest score), for its colour. */
  readonly bandOfBin: readonly number[];
}

/** Customers with a score and a band other than `insufficient`, by 10-point bin (100 joins the last bin). */
export function scoreHistogram(score: Float64Array, band: Uint8Array, bandCount: number): Histogram {
  const counts = new Array<number>(10).fill(0);
  const votes = Array.from({ length: 10 }, () => new Array<number>(bandCount).fill(0));
  const insufficient = bandCount - 1;
  for (let i = 0; i < score.length; i++) {
    const s = score[i]!;
    if (Number.isNaN(s) || band[i] === insufficient) continue;
    const bin = Math.min(9, Math.floor(s / 10));
    counts[bin]!++;
    votes[bin]![band[i]!]!++;
  }
  const bandOfBin = votes.map((v) => {
    const best = v.indexOf(Math.max(...v));
    return Math.max(...v) === 0 ? insufficient : best;
  });
  const labels = counts.map((_, k) => (k === 9 ? '90–100' : `${k * 10}–${k * 10 + 9}`));
  return { labels, counts, bandOfBin };
}

export function histogramChart(h: Histogram, bands: readonly BandInfo[], axes: { readonly score: string; readonly customers: string }): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: [...h.labels],
      datasets: [
        {
          label: axes.customers,
          data: [...h.counts],
          backgroundColor: h.bandOfBin.map((b) => bands[b]?.color ?? '#757575'),
          borderColor: h.bandOfBin.map((b) => darken(bands[b]?.color ?? '#757575')),
          borderWidth: 1,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false }, tooltip: { enabled: true } },
      scales: {
        x: { title: { display: true, text: axes.score } },
        y: { title: { display: true, text: axes.customers }, beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  };
}
