import { describe, expect, it } from 'vitest';
import type { ScoringRule } from '../../../../src/engine';
import { curveChart, curveData, curveSummary } from '../../../../src/ui/method/rule-curve';
import type { IndicatorDistribution } from '../../../../src/worker/api';

const logins: IndicatorDistribution = {
  kind: 'number', customers: 10, missing: 1, min: 0, max: 3, median: 2, p10: 1, p90: 3,
  bins: [{ from: 0, to: 1, count: 1 }, { from: 1, to: 2, count: 2 }, { from: 2, to: 3, count: 4 }, { from: 3, to: 4, count: 2 }],
};
const linear: ScoringRule = { type: 'linear', worst: 0, best: 4 };

describe('the rule over the customers’ values', () => {
  it('gives one bar per whole number with the points of that number', () => {
    expect(curveData(logins, linear, 'en')).toEqual({ labels: ['0', '1', '2', '3'], counts: [1, 2, 4, 2], points: [0, 25, 50, 75], continuous: true });
  });

  it('labels wider bins as ranges in the language and scores their middle', () => {
    const wide: IndicatorDistribution = { ...logins, bins: [{ from: 0, to: 2.5, count: 3 }, { from: 2.5, to: 5, count: 6 }] };
    expect(curveData(wide, linear, 'pt-BR')).toEqual({ labels: ['0–2,5', '2,5–5'], counts: [3, 6], points: [31.25, 93.75], continuous: true });
  });

  it('shows the labels customers have, the most points first, those the rule does not know last without points', () => {
    const sentiment: IndicatorDistribution = { kind: 'text', customers: 7, missing: 0, labels: [{ label: 'meh', count: 2 }, { label: 'unhappy', count: 1 }, { label: 'happy', count: 4 }] };
    const rule: ScoringRule = { type: 'map', points: { Happy: 100, Unhappy: 0, Ecstatic: 100 } };
    expect(curveData(sentiment, rule, 'en')).toEqual({ labels: ['happy', 'unhappy', 'meh'], counts: [4, 1, 2], points: [100, 0, null], continuous: false });
    expect(curveData({ ...sentiment, labels: [] }, rule, 'en')).toBeNull();
    const two: IndicatorDistribution = { kind: 'text', customers: 6, missing: 0, labels: [{ label: 'happy', count: 4 }, { label: 'meh', count: 2 }] };
    expect(curveSummary(two, rule, 'en', 'sentiment')).toBe('happy: 4 customers, 100 points; meh: 2 customers, not in the rule (counted as missing).');
  });

  it('shows yes and no in the language', () => {
    const done: IndicatorDistribution = { kind: 'boolean', customers: 10, missing: 2, yes: 5, no: 3 };
    const rule: ScoringRule = { type: 'boolean', true: 100, false: 30 };
    expect(curveData(done, rule, 'es')).toEqual({ labels: ['Sí', 'No'], counts: [5, 3], points: [100, 30], continuous: false });
    expect(curveSummary(done, rule, 'pt-BR', 'done')).toBe('Sim: 5 clientes, 100 pontos. Não: 3 clientes, 30 pontos. 2 clientes não têm valor.');
  });

  it('has nothing to draw for a column the data does not have, and says so', () => {
    expect(curveData({ kind: 'absent', customers: 5 }, linear, 'en')).toBeNull();
    expect(curveSummary({ kind: 'absent', customers: 5 }, linear, 'en', 'usage_trend_pct')).toMatch(/no column “usage_trend_pct” yet/);
  });

  it('sums the middle 80% in words, with the points the rule gives them', () => {
    expect(curveSummary(logins, linear, 'en', 'logins')).toBe(
      'Most customers (8 in 10) have 1 to 3; the rule gives them 25 to 75 points. Lowest 0, middle 2, highest 3. 1 customer has no value.',
    );
    // Steps: the points between the two ends include the step in the middle.
    const steps: ScoringRule = { type: 'steps', steps: [{ upTo: 1, points: 10 }, { upTo: 2, points: 90 }, { points: 40 }] };
    expect(curveSummary(logins, steps, 'en', 'logins')).toMatch(/the rule gives them 10 to 90 points/);
    expect(curveSummary({ ...logins, p10: 2, p90: 2 }, linear, 'es', 'logins')).toMatch(/^La mayoría de los clientes \(8 de cada 10\) tiene 2; la regla les da a todos 50 puntos\./);
  });

  it('draws bars on the customers axis and the points as a line on a 0–100 axis', () => {
    const data = curveData(logins, linear, 'en')!;
    const config = curveChart(data, { value: 'Logins', customers: 'Customers', points: 'Points' });
    const [line, bars] = config.data.datasets;
    expect(line).toMatchObject({ type: 'line', label: 'Points', yAxisID: 'points', data: [0, 25, 50, 75], showLine: true });
    // Yes and no are two values, not a line from one to the other.
    expect(curveChart({ ...data, continuous: false }, { value: 'v', customers: 'c', points: 'p' }).data.datasets[0]).toMatchObject({ showLine: false });
    expect(bars).toMatchObject({ type: 'bar', label: 'Customers', yAxisID: 'customers', data: [1, 2, 4, 2] });
    expect(config.options?.scales?.['points']).toMatchObject({ min: 0, max: 100, position: 'right' });
    expect(config.options?.scales?.['customers']).toMatchObject({ beginAtZero: true, title: { text: 'Customers' } });
    expect(config.options?.scales?.['x']?.title).toMatchObject({ text: 'Logins' });
  });
});
