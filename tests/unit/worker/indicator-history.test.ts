/**
 * A customer's indicator values through time, black-box through EngineApi: one point per day a
 * value was recorded (imported or typed by hand), oldest first, per model metric in model order;
 * the latest value's day; and "stale" exactly where the engine leaves the value out (older than
 * `maxAgeDays` at the scores' day).
 */
import { describe, expect, it } from 'vitest';
import { APRIL, APRIL_ROWS, HEADER, MAY, MAY_ROWS } from './monthly';
import { csvText, day, freshService, importText, rowOf } from './support';

const AUGUST = day('2024-08-10');

describe('indicatorHistory', () => {
  it('lists each value with its day and origin, oldest first, per model metric in model order', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: MAY });
    await importText(service, 'april.csv', csvText(HEADER, APRIL_ROWS), APRIL);
    await importText(service, 'may.csv', csvText(HEADER, MAY_ROWS), MAY);
    await service.addEntry({ customerId: 'B', day: MAY + 2, column: 'nps', value: 10 });
    const history = await service.indicatorHistory(await rowOf(service, 'B'));
    const model = await service.model();
    expect(history.map((h) => h.metricId)).toEqual(model.categories.flatMap((c) => c.metrics.map((m) => m.id)));

    const nps = history.find((h) => h.metricId === 'nps')!;
    expect(nps).toMatchObject({ source: 'nps', kind: 'number', latestDay: MAY + 2, stale: false });
    expect(nps.points).toEqual([
      { day: APRIL, value: 5, from: 'import' },
      { day: MAY, value: 7, from: 'import' },
      { day: MAY + 2, value: 10, from: 'entry' },
    ]);
    const sentiment = history.find((h) => h.metricId === 'csm_sentiment')!;
    expect(sentiment).toMatchObject({ maxAgeDays: 90, kind: 'text', stale: false });
    expect(sentiment.points.map((p) => p.value)).toEqual(['unhappy', 'unhappy']);
    // A metric the files do not have: no values, no day.
    const seats = history.find((h) => h.metricId === 'events_90d')!;
    expect(seats).toMatchObject({ points: [], latestDay: null, stale: false });
  });

  it('flags a value older than the metric’s maxAgeDays at the scores’ day, as the explanation does', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AUGUST });
    await importText(service, 'april.csv', csvText(HEADER, APRIL_ROWS), APRIL);
    // August's file leaves A's sentiment empty: April's carries over, 102 days old.
    const august = APRIL_ROWS.map((row) => (row['id'] === 'A' ? { ...row, csm_sentiment: '' } : row));
    await importText(service, 'august.csv', csvText(HEADER, august), AUGUST);
    const a = await rowOf(service, 'A');
    const sentiment = (await service.indicatorHistory(a)).find((h) => h.metricId === 'csm_sentiment')!;
    expect(sentiment).toMatchObject({ latestDay: APRIL, stale: true, maxAgeDays: 90 });
    expect(AUGUST - APRIL).toBeGreaterThan(90);
    expect(sentiment.points).toEqual([{ day: APRIL, value: 'happy', from: 'import' }]);
    const explained = (await service.explain(a)).metrics.find((m) => m.metricId === 'csm_sentiment')!;
    expect(explained.status).toBe('stale');
    // B's sentiment was imported again in August: not stale.
    const b = (await service.indicatorHistory(await rowOf(service, 'B'))).find((h) => h.metricId === 'csm_sentiment')!;
    expect(b).toMatchObject({ latestDay: AUGUST, stale: false });
    expect(b.points.map((p) => p.day)).toEqual([APRIL, AUGUST]);
  });

  it('on the demo, shows stale CSM sentiment for some customers, exactly those the explanation calls stale', async () => {
    const TODAY = day('2026-11-23');
    const { service } = freshService();
    await service.loadDemo({ asOf: TODAY });
    const { ids } = await service.customers();
    let stale = 0;
    for (let row = 0; row < Math.min(ids.length, 60); row++) {
      const sentiment = (await service.indicatorHistory(row)).find((h) => h.metricId === 'csm_sentiment')!;
      const explained = (await service.explain(row)).metrics.find((m) => m.metricId === 'csm_sentiment')!;
      expect(sentiment.stale, ids[row]).toBe(explained.status === 'stale');
      if (sentiment.stale) stale++;
    }
    expect(stale).toBeGreaterThan(0);
    await expect(service.indicatorHistory(ids.length)).rejects.toThrow(RangeError);
  });
});
