import { describe, expect, it } from 'vitest';
import type { CustomerExplanation, MetricExplanation } from '../../../src/engine';
import { checkEntry, commonTargets, isoDay, otherTargets, parseDay, parseDecimal, sentimentLabels } from '../../../src/ui/customer/entry-form';
import { indicatorsByDrag } from '../../../src/ui/customer/explanation';
import { historyRows } from '../../../src/ui/customer/history';
import { TARGETS, TODAY } from './support';

describe('parseDecimal: numbers as people type them', () => {
  it.each([
    ['3,5', 'pt-BR', 3.5],
    ['1.234,5', 'pt-BR', 1234.5],
    ['1.234', 'pt-BR', 1234],
    ['1.5', 'pt-BR', 1.5],
    ['−2,25', 'es', -2.25],
    [' 12 ', 'es', 12],
    ['3.5', 'en', 3.5],
    ['1,234.5', 'en', 1234.5],
    ['1,234', 'en', 1234],
    ['3,5', 'en', 3.5],
    ['+7', 'en', 7],
  ] as const)('%s in %s is %d', (text, locale, expected) => {
    expect(parseDecimal(text, locale)).toBe(expected);
  });

  it.each(['', 'lots', '1.234.5', '1,2,3', '12a', '--1'])('"%s" is not a number', (text) => {
    expect(parseDecimal(text, 'pt-BR')).toBeUndefined();
  });
});

describe('days of a date input', () => {
  it('round-trips and refuses dates that do not exist', () => {
    expect(parseDay(isoDay(TODAY))).toBe(TODAY);
    expect(isoDay(TODAY)).toBe('2026-11-23');
    expect(parseDay('2026-02-30')).toBeUndefined();
    expect(parseDay('23/11/2026')).toBeUndefined();
  });
});

describe('checkEntry', () => {
  const target = (column: string) => TARGETS.find((t) => t.column === column)!;
  const base = { customerId: 'C1', value: null, note: '', day: '2026-11-23' };
  const context = { today: TODAY, locale: 'en' } as const;

  it('makes an entry of a value, with the note trimmed and only when there is one', () => {
    expect(checkEntry({ ...base, what: target('nps'), value: 9 }, context)).toEqual({ ok: true, entry: { customerId: 'C1', day: TODAY, column: 'nps', value: 9 } });
    expect(checkEntry({ ...base, what: target('onboarding_done'), value: false, note: ' ok ' }, context)).toEqual({
      ok: true,
      entry: { customerId: 'C1', day: TODAY, column: 'onboarding_done', value: false, note: 'ok' },
    });
    expect(checkEntry({ ...base, what: target('last_login'), value: '2026-11-01' }, context)).toMatchObject({ ok: true, entry: { value: TODAY - 22 } });
  });

  it('allows a note alone, but not an empty one', () => {
    expect(checkEntry({ ...base, what: 'note', note: 'Renewal call booked' }, context)).toEqual({ ok: true, entry: { customerId: 'C1', day: TODAY, note: 'Renewal call booked' } });
    expect(checkEntry({ ...base, what: 'note', note: '  ' }, context)).toEqual({ ok: false, errors: { note: 'customer.entry.error.note' } });
  });

  it('names each field that is wrong', () => {
    expect(checkEntry({ ...base, what: null, day: '' }, context)).toEqual({ ok: false, errors: { what: 'customer.entry.error.choose', day: 'customer.entry.error.day' } });
    expect(checkEntry({ ...base, what: target('nps'), value: 11 }, context)).toEqual({ ok: false, errors: { value: 'customer.entry.error.nps' } });
    expect(checkEntry({ ...base, what: target('csat'), value: 0 }, context)).toEqual({ ok: false, errors: { value: 'customer.entry.error.csat' } });
    expect(checkEntry({ ...base, what: target('logins_30d'), value: 'x' }, context)).toEqual({ ok: false, errors: { value: 'customer.entry.error.number' } });
    expect(checkEntry({ ...base, what: target('plan'), value: ' ' }, context)).toEqual({ ok: false, errors: { value: 'customer.entry.error.text' } });
    expect(checkEntry({ ...base, what: target('csm_sentiment'), value: null, day: '2026-11-24' }, context)).toEqual({
      ok: false,
      errors: { value: 'customer.entry.error.sentiment', day: 'customer.entry.error.future' },
    });
  });
});

describe('which indicators get big buttons', () => {
  it('puts sentiment, NPS and CSAT first as buttons, the rest in the list in the worker’s order', () => {
    expect(commonTargets(TARGETS).map((t) => t.column)).toEqual(['csm_sentiment', 'nps', 'csat']);
    expect(otherTargets(TARGETS).map((t) => t.column)).toEqual(['logins_30d', 'last_login', 'onboarding_done', 'plan']);
  });

  it('offers the sentiment labels of the user’s language when the model knows them all, else every label', () => {
    const labels = TARGETS.find((t) => t.input === 'sentiment')!.labels!;
    expect(sentimentLabels(labels, 'es')).toEqual({
      shown: ['muy satisfecho', 'satisfecho', 'neutral', 'insatisfecho', 'muy insatisfecho'],
      more: ['very happy', 'happy', 'unhappy', 'very unhappy', 'muito satisfeito', 'satisfeito', 'neutro', 'insatisfeito', 'muito insatisfeito'],
    });
    expect(sentimentLabels(['Great', 'OK', 'Bad'], 'pt-BR')).toEqual({ shown: ['Great', 'OK', 'Bad'], more: [] });
  });
});

describe('indicatorsByDrag', () => {
  const metric = (metricId: string, points: number | null, effectiveWeight: number, status: MetricExplanation['status'] = 'scored'): MetricExplanation => ({
    metricId, categoryId: 'c', label: metricId, source: metricId, value: points, status, missingPolicy: 'renormalize', points, weight: 1, effectiveWeight,
    contribution: (points ?? 0) * effectiveWeight,
  });
  const explanation = (metrics: MetricExplanation[]): CustomerExplanation => ({
    row: 0, customerId: 'C1', score: 50, band: { id: 'red', label: 'Red', color: '#c00' }, coverage: 1, weightedScore: 50, adjustmentPoints: 0, cap: null,
    raw: 50, segment: null, categories: [{ categoryId: 'c', label: 'Usage', weight: 1, score: 50, effectiveWeight: 1, contribution: 50 }], metrics, adjustments: [],
  });

  it('orders counted indicators by the points they cost, then those without a value, then those that take no part', () => {
    const lines = indicatorsByDrag(
      explanation([metric('off', null, 0, 'unweighted'), metric('small', 90, 0.5), metric('gone', null, 0, 'missing'), metric('big', 20, 0.25), metric('full', 100, 0.25)]),
    );
    expect(lines.map((l) => [l.metric.metricId, l.cost, l.category])).toEqual([
      ['big', 20, 'Usage'],
      ['small', 5, 'Usage'],
      ['full', 0, 'Usage'],
      ['gone', 0, 'Usage'],
      ['off', 0, 'Usage'],
    ]);
  });
});

describe('history', () => {
  const points = [
    { day: 100, score: 70, band: 1, coverage: 1 },
    { day: 110, score: Number.NaN, band: 3, coverage: 0 },
    { day: 120, score: 40, band: 0, coverage: 1 },
    { day: 130, score: 55, band: 1, coverage: 1 },
  ];

  it('gives table rows newest first, each with its change (none across a snapshot without a score)', () => {
    expect(historyRows(points).map((r) => [r.day, r.change])).toEqual([[130, 15], [120, null], [110, null], [100, null]]);
  });

});
