/**
 * A customer's score over time as chart.js data: a line of the score per snapshot on a 0–100
 * axis, with the bands drawn behind it as horizontal zones (fixed bands only: each cut's `max`
 * closes its zone), each zone's band name written inside it so that colour is never the only
 * signal. Built as plain data and a plain plugin, so that both are tested without a canvas.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { MODEL_DEFAULTS, type BandInfo, type EpochDay, type HealthModel } from '../../engine';
import type { CustomerHistoryPoint } from '../../worker/api';
import { darken } from '../shared/bands';

/** One band's zone: scores from `from` (excluded, but 0) to `to` (included). */
export interface BandZone {
  readonly from: number;
  readonly to: number;
  readonly label: string;
  readonly color: string;
}

/**
 * The zones of the model's bands, lowest first, `label` naming each band (`bandName` translates a
 * band of `bands`, the scores' bands in the model's order); `null` for quantile bands, which
 * compare customers with each other and have no fixed lines.
 */
export function bandZones(model: HealthModel, bands: readonly BandInfo[], bandName: (band: BandInfo) => string): BandZone[] | null {
  const spec = model.bands ?? MODEL_DEFAULTS.bands;
  if (spec.mode !== 'fixed') return null;
  let from = 0;
  return spec.cuts.map((cut, k) => {
    const band = bands.find((b) => b.id === cut.id) ?? bands[k];
    const zone = { from, to: cut.max, label: band ? bandName(band) : cut.id, color: band?.color ?? cut.color ?? '#8c959f' };
    from = cut.max;
    return zone;
  });
}

/** `#rrggbb` (or `#rgb`) with an alpha; other colours as they are. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return color;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** The smallest piece of a canvas context the zones plugin draws with (tests pass a recorder). */
export interface ZoneContext {
  save(): void;
  restore(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  fillStyle: unknown;
  font: string;
  textBaseline: CanvasTextBaseline;
  textAlign: CanvasTextAlign;
}

/** What the plugin reads of a chart. */
export interface ZoneChart {
  readonly ctx: ZoneContext;
  readonly chartArea: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  readonly scales: { readonly y?: { getPixelForValue(value: number): number } };
}

/** Draws `zones` behind the datasets: a light fill per band, its name at the zone's top left. */
export function zonesPlugin(zones: readonly BandZone[]): Plugin<'line'> {
  const draw = (chart: ZoneChart): void => {
    const { ctx, chartArea, scales } = chart;
    const y = scales.y;
    if (!y) return;
    ctx.save();
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    for (const zone of zones) {
      const top = y.getPixelForValue(zone.to);
      const bottom = y.getPixelForValue(zone.from);
      ctx.fillStyle = withAlpha(zone.color, 0.16);
      ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
      if (bottom - top >= 14) {
        ctx.fillStyle = darken(zone.color, 0.45);
        ctx.fillText(zone.label, chartArea.left + 6, top + 3);
      }
    }
    ctx.restore();
  };
  return { id: 'bandZones', beforeDatasetsDraw: (chart) => draw(chart as unknown as ZoneChart) };
}

export interface HistoryChartText {
  readonly axisScore: string;
  /** A day as the user's locale writes it (the tooltip). */
  readonly day: (day: EpochDay) => string;
  /** A day in short (the axis ticks); default `day`. */
  readonly tick?: (day: EpochDay) => string;
}

/**
 * The snapshot days to label on the axis (about `max` of them): the last always, then going back,
 * each at least `span / (1.5 × max)` before the one kept after it, so that labels never run into each other
 * (snapshots a few days apart, as the last import and a later entry are).
 */
export function tickDays(days: readonly EpochDay[], max = 6): EpochDay[] {
  if (days.length <= 1) return [...days];
  const span = days.at(-1)! - days[0]!;
  const gap = span / (max * 1.5);
  const kept = [days.at(-1)!];
  for (let k = days.length - 2; k >= 0; k--) if (kept[0]! - days[k]! >= gap * 0.999) kept.unshift(days[k]!);
  return kept;
}

/** The line chart: the score per snapshot (a snapshot without a score breaks the line), the snapshot days as the x ticks. */
export function historyChart(
  points: readonly CustomerHistoryPoint[],
  bands: readonly BandInfo[],
  zones: readonly BandZone[] | null,
  text: HistoryChartText,
): ChartConfiguration<'line', { x: number; y: number | null }[]> {
  const days = points.map((p) => p.day);
  const first = days[0] ?? 0;
  const last = days.at(-1) ?? first;
  // Room on the left for the zones' names, a little on the right for the last point; a single day still gets room.
  const span = last - first;
  const left = span > 0 ? span * 0.14 : 1;
  const right = span > 0 ? span * 0.03 : 1;
  const ticks = tickDays(days);
  const tick = text.tick ?? text.day;
  const colour = (p: CustomerHistoryPoint) => bands[p.band]?.color ?? '#8c959f';
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: text.axisScore,
          data: points.map((p) => ({ x: p.day, y: Number.isNaN(p.score) ? null : p.score })),
          borderColor: '#0b4f8a',
          borderWidth: 2.5,
          pointRadius: 5,
          pointHoverRadius: 7,
          pointBackgroundColor: points.map(colour),
          pointBorderColor: points.map((p) => darken(colour(p))),
          spanGaps: false,
          tension: 0,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: false },
        tooltip: { enabled: true, callbacks: { title: (items) => (items[0] ? text.day(items[0].parsed.x ?? 0) : '') } },
      },
      scales: {
        x: {
          type: 'linear',
          min: first - left,
          max: last + right,
          afterBuildTicks: (scale) => {
            scale.ticks = ticks.map((value) => ({ value }));
          },
          ticks: { callback: (value) => tick(Number(value)), maxRotation: 0, autoSkip: false },
          grid: { display: false },
        },
        y: { min: 0, max: 100, title: { display: true, text: text.axisScore }, ticks: { stepSize: 25 } },
      },
    },
    plugins: zones ? [zonesPlugin(zones)] : [],
  };
}

/** The chart in words (its `aria-label`): how many snapshots, from when to when, now, lowest and highest. */
export function historySummary(points: readonly CustomerHistoryPoint[]): { count: number; first: EpochDay; last: EpochDay; score: number; min: number; max: number } | null {
  const scored = points.filter((p) => !Number.isNaN(p.score));
  if (points.length === 0 || scored.length === 0) return null;
  const scores = scored.map((p) => p.score);
  return { count: points.length, first: points[0]!.day, last: points.at(-1)!.day, score: scored.at(-1)!.score, min: Math.min(...scores), max: Math.max(...scores) };
}
