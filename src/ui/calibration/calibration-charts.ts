/**
 * The calibration screen's two charts as chart.js data, built as plain data (and a plain plugin)
 * so that a test checks them without a canvas:
 * - the ROC curve of the score against churn, with the diagonal of a coin toss to compare with;
 * - churn per band: one bar per band in the band's colour, labelled with the band's name (colour is
 *   never the only signal), and the portfolio's base rate as a dashed reference line.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { darken } from '../shared/bands';

export interface RocText {
  /** The curve's legend ("Your score"). */
  readonly curve: string;
  /** The diagonal's legend ("Coin toss"). */
  readonly chance: string;
  /** x axis: share of retained customers flagged. */
  readonly fpr: string;
  /** y axis: share of churned customers caught. */
  readonly tpr: string;
  /** A share 0–1 as the locale writes a percentage. */
  readonly share: (x: number) => string;
}

type Point = { x: number; y: number };

/** The ROC curve (false positive rate → true positive rate, both 0–1) and the diagonal. */
export function rocChart(roc: { readonly fpr: readonly number[]; readonly tpr: readonly number[] }, text: RocText): ChartConfiguration<'scatter', Point[]> {
  const curve = roc.fpr.map((x, k) => ({ x, y: roc.tpr[k] ?? 0 }));
  return {
    type: 'scatter',
    data: {
      datasets: [
        { label: text.curve, data: curve, showLine: true, borderColor: '#0b4f8a', backgroundColor: '#0b4f8a', borderWidth: 3, pointRadius: 0, pointHoverRadius: 4, tension: 0 },
        {
          label: text.chance,
          data: [{ x: 0, y: 0 }, { x: 1, y: 1 }],
          showLine: true,
          borderColor: '#6a737d',
          backgroundColor: '#6a737d',
          borderDash: [6, 5],
          borderWidth: 2,
          pointRadius: 0,
          pointHoverRadius: 0,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: true, position: 'bottom', labels: { boxHeight: 3 } },
        tooltip: { enabled: true, callbacks: { label: (item) => `${text.fpr}: ${text.share(item.parsed.x ?? 0)} · ${text.tpr}: ${text.share(item.parsed.y ?? 0)}` } },
      },
      scales: {
        x: { type: 'linear', min: 0, max: 1, title: { display: true, text: text.fpr }, ticks: { stepSize: 0.25, callback: (v) => text.share(Number(v)) } },
        y: { type: 'linear', min: 0, max: 1, title: { display: true, text: text.tpr }, ticks: { stepSize: 0.25, callback: (v) => text.share(Number(v)) } },
      },
    },
  };
}

/**
 * The share of churned customers caught when flagging a share `fpr` of the retained ones: the
 * curve read at `fpr` (linear between its points; the highest where it rises straight up).
 */
export function rocAt(roc: { readonly fpr: readonly number[]; readonly tpr: readonly number[] }, fpr: number): number | null {
  const xs = roc.fpr;
  const ys = roc.tpr;
  if (xs.length === 0) return null;
  let best: number | null = null;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k]!;
    const y = ys[k] ?? 0;
    if (x === fpr) best = Math.max(best ?? 0, y);
    const nx = xs[k + 1];
    const ny = ys[k + 1];
    if (nx !== undefined && ny !== undefined && x < fpr && nx > fpr) best = Math.max(best ?? 0, y + ((ny - y) * (fpr - x)) / (nx - x));
  }
  return best;
}

export interface BandBar {
  readonly label: string;
  readonly color: string;
  /** 0–1; `NaN` with no customer. */
  readonly rate: number;
}

export interface BandChurnText {
  /** y axis ("Churned"). */
  readonly axis: string;
  /** The reference line's words ("Base rate 12%"). */
  readonly base: string;
  readonly share: (x: number) => string;
}

/** A light drawing context the reference plugin draws with (tests pass a recorder). */
export interface ReferenceContext {
  save(): void;
  restore(): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  setLineDash(segments: number[]): void;
  fillText(text: string, x: number, y: number): void;
  strokeStyle: unknown;
  fillStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
}

export interface ReferenceChart {
  readonly ctx: ReferenceContext;
  readonly chartArea: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  readonly scales: { readonly y?: { getPixelForValue(value: number): number } };
}

/** Draws a dashed horizontal line at `value` (on the y scale) over the bars, `label` above its right end. */
export function referencePlugin(value: number, label: string): Plugin<'bar'> {
  const draw = (chart: ReferenceChart): void => {
    const { ctx, chartArea, scales } = chart;
    if (!scales.y || !Number.isFinite(value)) return;
    const y = scales.y.getPixelForValue(value);
    ctx.save();
    ctx.strokeStyle = '#1b1f24';
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(chartArea.left, y);
    ctx.lineTo(chartArea.right, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#1b1f24';
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(label, chartArea.right - 4, y - 3);
    ctx.restore();
  };
  return { id: 'baseRate', afterDatasetsDraw: (chart) => draw(chart as unknown as ReferenceChart) };
}

/** Churn per band as bars (percent of the band's customers who churned), the base rate as a reference line. */
export function bandChurnChart(bands: readonly BandBar[], baseRate: number, text: BandChurnText): ChartConfiguration<'bar', (number | null)[], string> {
  const rates = bands.map((b) => (Number.isNaN(b.rate) ? null : b.rate));
  const highest = Math.max(baseRate, ...rates.map((r) => r ?? 0));
  // Room above the highest bar and the reference line's words; a whole 10% step.
  const max = Math.min(1, Math.max(0.1, Math.ceil(highest * 12 - 1e-9) / 10));
  return {
    type: 'bar',
    data: {
      labels: bands.map((b) => b.label),
      datasets: [
        {
          label: text.axis,
          data: rates,
          backgroundColor: bands.map((b) => b.color),
          borderColor: bands.map((b) => darken(b.color)),
          borderWidth: 2,
          borderRadius: 4,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: false },
        tooltip: { enabled: true, callbacks: { label: (item) => `${text.axis}: ${text.share(item.parsed.y ?? 0)}` } },
      },
      scales: {
        x: { type: 'category', grid: { display: false }, ticks: { font: { weight: 'bold' } } },
        y: { type: 'linear', min: 0, max, title: { display: true, text: text.axis }, ticks: { callback: (v) => text.share(Number(v)) } },
      },
    },
    plugins: [referencePlugin(baseRate, text.base)],
  };
}
