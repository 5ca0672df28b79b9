/**
 * A rule drawn over the customers' actual values: bars = how many customers have each value, a
 * line = the points the rule gives that value (second axis, 0–100). Built as plain data (and a
 * text summary for screen readers) so it is tested without a canvas.
 */
import type { ChartConfiguration } from 'chart.js';
import { pointsFor, type ScoringRule } from '../../engine';
import { translate, translateCount, type Locale } from '../../i18n';
import type { IndicatorDistribution } from '../../worker/api';
import { formatRuleNumber } from './rule-text';

export interface CurveData {
  /** One label per bar: a value, a range of values, yes/no, or a label. */
  readonly labels: readonly string[];
  /** Customers per bar. */
  readonly counts: readonly number[];
  /** Points the rule gives each bar's value; `null` where it gives none (a label it does not know). */
  readonly points: readonly (number | null)[];
  /** Numbers lie on a line; yes/no and labels are separate values: points without a line between them. */
  readonly continuous: boolean;
}

/** The value a bar stands for: its whole number, or the middle of its range. */
function binValue(bin: { readonly from: number; readonly to: number }, wholeBins: boolean): number {
  return wholeBins ? bin.from : (bin.from + bin.to) / 2;
}

/** The bars and the rule's points over them; `null` when there is nothing to draw (no such column, no value). */
export function curveData(distribution: IndicatorDistribution, rule: ScoringRule, locale: Locale): CurveData | null {
  const n = (x: number) => formatRuleNumber(x, locale);
  switch (distribution.kind) {
    case 'absent':
      return null;
    case 'number': {
      if (distribution.bins.length === 0) return null;
      const wholeBins = distribution.bins.every((b) => b.to - b.from === 1 && Number.isInteger(b.from));
      return {
        labels: distribution.bins.map((b) => (wholeBins ? n(b.from) : `${n(b.from)}–${n(b.to)}`)),
        counts: distribution.bins.map((b) => b.count),
        points: distribution.bins.map((b) => pointsFor(rule, binValue(b, wholeBins)) ?? null),
        continuous: true,
      };
    }
    case 'boolean':
      return {
        labels: [translate(locale, 'categorize.curve.yes'), translate(locale, 'categorize.curve.no')],
        counts: [distribution.yes, distribution.no],
        points: [pointsFor(rule, true) ?? null, pointsFor(rule, false) ?? null],
        continuous: false,
      };
    case 'text': {
      if (distribution.labels.length === 0) return null;
      // The labels customers have, the most points first (the line then reads downhill); those the rule does not know last, without points.
      const rows = distribution.labels.map((l) => ({ label: l.label, count: l.count, points: pointsFor(rule, l.label) ?? null }));
      rows.sort((a, b) => (b.points ?? -1) - (a.points ?? -1));
      return { labels: rows.map((r) => r.label), counts: rows.map((r) => r.count), points: rows.map((r) => r.points), continuous: false };
    }
  }
}

export interface CurveAxes {
  readonly value: string;
  readonly customers: string;
  readonly points: string;
}

export function curveChart(data: CurveData, axes: CurveAxes): ChartConfiguration<'bar' | 'line'> {
  return {
    type: 'bar',
    data: {
      labels: [...data.labels],
      datasets: [
        { type: 'line', label: axes.points, data: [...data.points], yAxisID: 'points', borderColor: '#0b4f8a', backgroundColor: '#0b4f8a', borderWidth: 3, pointRadius: data.continuous ? 3 : 7, pointStyle: 'rectRot', showLine: data.continuous, spanGaps: false, clip: false, order: 0 },
        { type: 'bar', label: axes.customers, data: [...data.counts], yAxisID: 'customers', backgroundColor: '#b9cde0', borderColor: '#6b8bab', borderWidth: 1, order: 1 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // Room for a marker at 100 points, which would otherwise be cut in half by the top edge.
      layout: { padding: { top: 8 } },
      plugins: { legend: { display: true, position: 'bottom' }, tooltip: { enabled: true } },
      scales: {
        x: { title: { display: true, text: axes.value }, ticks: { autoSkip: true, maxRotation: 0 } },
        customers: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: axes.customers }, ticks: { precision: 0 } },
        points: { type: 'linear', position: 'right', min: 0, max: 100, title: { display: true, text: axes.points }, grid: { drawOnChartArea: false } },
      },
    },
  };
}

/** The lowest and highest points the rule gives between `from` and `to` (sampled, with every edge of the rule inside). */
function pointsBetween(rule: ScoringRule, from: number, to: number): [number, number] | null {
  const edges =
    rule.type === 'linear' ? [rule.worst, rule.best]
      : rule.type === 'range' ? [...rule.ideal, ...rule.zeroAt]
        : rule.type === 'steps' ? rule.steps.flatMap((s) => (s.upTo === undefined ? [] : [s.upTo, s.upTo + 1e-9])) : [];
  const xs = [from, to, ...edges.filter((x) => x > from && x < to)];
  for (let k = 1; k < 40; k++) xs.push(from + ((to - from) * k) / 40);
  const ps = xs.map((x) => pointsFor(rule, x)).filter((p): p is number => p !== undefined);
  return ps.length === 0 ? null : [Math.min(...ps), Math.max(...ps)];
}

/** What the chart shows, in words, for screen readers (and for a look without the chart). */
export function curveSummary(distribution: IndicatorDistribution, rule: ScoringRule, locale: Locale, column: string): string {
  const n = (x: number) => formatRuleNumber(Math.round(x * 100) / 100, locale);
  const t = (key: Parameters<typeof translate>[1], params?: Readonly<Record<string, string | number>>) => translate(locale, key, params);
  const parts: string[] = [];
  switch (distribution.kind) {
    case 'absent':
      return t('categorize.curve.absent', { column });
    case 'number': {
      if (!Number.isFinite(distribution.min)) {
        parts.push(t('categorize.curve.noValues'));
        break;
      }
      const range = pointsBetween(rule, distribution.p10, distribution.p90);
      const values = distribution.p10 === distribution.p90 ? n(distribution.p10) : t('categorize.curve.between', { from: n(distribution.p10), to: n(distribution.p90) });
      parts.push(
        range === null ? t('categorize.curve.mostNone', { values })
          : range[0] === range[1] ? t('categorize.curve.mostSame', { values, points: n(range[0]) })
            : t('categorize.curve.most', { values, low: n(range[0]), high: n(range[1]) }),
      );
      parts.push(t('categorize.curve.extremes', { min: n(distribution.min), median: n(distribution.median), max: n(distribution.max) }));
      break;
    }
    case 'boolean': {
      const points = (value: boolean) => {
        const p = pointsFor(rule, value);
        return p === undefined ? t('categorize.curve.noPoints') : t('categorize.curve.points', { points: n(p) });
      };
      parts.push(t('categorize.curve.boolean', { yes: distribution.yes, no: distribution.no, yesPoints: points(true), noPoints: points(false) }));
      break;
    }
    case 'text': {
      if (distribution.labels.length === 0) {
        parts.push(t('categorize.curve.noValues'));
        break;
      }
      const items = distribution.labels.map((l) => {
        const p = pointsFor(rule, l.label);
        return p === undefined ? t('categorize.curve.labelUnknown', { label: l.label, count: l.count }) : t('categorize.curve.label', { label: l.label, count: l.count, points: n(p) });
      });
      parts.push(`${items.join('; ')}.`);
      break;
    }
  }
  if (distribution.missing > 0) parts.push(translateCount(locale, 'categorize.curve.missing', distribution.missing));
  return parts.join(' ');
}
