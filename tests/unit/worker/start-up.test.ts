/**
 * Start-up on own data: when the stored score snapshots are those of the data as it is, the first
 * answers come from them (the history loads behind) and equal what a full load gives; when the
 * data changed since they were stored (another tab, a tab closed before it stored them), the
 * history is loaded and scored instead. Calls made while the history loads wait for it.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addEntry, PulsoDb } from '../../../src/data';
import { APRIL, APRIL_ROWS, HEADER, MAY, MAY_ROWS } from './monthly';
import { csvText, day, freshService, importText, rowOf, scoreOf } from './support';

async function twoMonths() {
  const setup = freshService();
  await setup.service.loadLocal({ asOf: APRIL });
  await importText(setup.service, 'abril.csv', csvText(HEADER, APRIL_ROWS), APRIL);
  await importText(setup.service, 'maio.csv', csvText(HEADER, MAY_ROWS), MAY);
  // Snapshots are stored after the import answers; the trend reads them, so it waits for them.
  await setup.service.trend();
  return setup;
}

describe('starting on own data', () => {
  it('answers from the stored snapshots, the same summary, scores and change as the full load', async () => {
    const { service, reopen } = await twoMonths();
    const summary = await service.summary();
    const scores = await service.scores();
    const customers = await service.customers();

    const later = reopen();
    expect(await later.loadLocal({ asOf: day('2030-01-01') })).toEqual(summary);
    expect(await later.timings()).toHaveProperty('start.read');
    expect(await later.scores()).toEqual(scores);
    // The customer table waits for the history behind the stored scores, in the same row order.
    expect(await later.customers()).toEqual(customers);
    expect(await later.explain(await rowOf(later, 'B'))).toEqual(await service.explain(await rowOf(service, 'B')));
    expect(await later.trend()).toEqual(await service.trend());
  });

  it('loads and scores the history when the data changed after the snapshots were stored', async () => {
    const { service, name, reopen } = await twoMonths();
    const before = await scoreOf(service, 'E');
    // Another tab stores an entry and closes before anything is rescored.
    const other = new PulsoDb({ name });
    await addEntry(other, { customerId: 'E', day: day('2024-06-10'), column: 'nps', kind: 'number', value: 10 });
    other.close();

    const later = reopen();
    const summary = await later.loadLocal({ asOf: MAY });
    expect(await later.timings()).not.toHaveProperty('start.read');
    expect(summary.snapshots).toEqual([APRIL, MAY, day('2024-06-10')]);
    expect(summary.asOf).toBe(day('2024-06-10'));
    expect(await scoreOf(later, 'E')).toBeGreaterThan(before);
    await later.trend();

    // Its snapshots are stored now: the next start answers from them again.
    const third = reopen();
    expect(await third.loadLocal({ asOf: MAY })).toEqual(summary);
    expect(await third.timings()).toHaveProperty('start.read');
    expect(await scoreOf(third, 'E')).toBe(await scoreOf(later, 'E'));
  });

  it('gives no change for a customer who was not in the previous snapshot, on both paths', async () => {
    const { service, reopen } = await twoMonths();
    // F is new in May.
    const row = await rowOf(service, 'F');
    expect((await service.scores()).previousScore[row]).toBeNaN();
    const later = reopen();
    await later.loadLocal({ asOf: MAY });
    expect((await later.scores()).previousScore[await rowOf(later, 'F')]).toBeNaN();
  });
});
