/**
 * The Categorize step's two worker calls, black-box through the service: a column's spread over
 * the current customers (numbers, dates through daysSince, yes/no, labels, absent columns), and a
 * model file read and checked without being put in use.
 */
import { describe, expect, it } from 'vitest';
import { APRIL, APRIL_ROWS, HEADER } from './monthly';
import { B2B_MODEL_PATH, bytesOf, csvText, fixtureBytes, freshService, importText } from './support';

async function ownData() {
  const { service } = freshService();
  await service.loadLocal({ asOf: APRIL });
  await importText(service, 'abril.csv', csvText(HEADER, APRIL_ROWS), APRIL);
  return service;
}

describe('indicatorDistribution', () => {
  it('gives one bar per whole number for a small count, with min, max, median and the middle 80%', async () => {
    const service = await ownData();
    // Logins of A–E: 18, 4, 10, 15, 0.
    const d = await service.indicatorDistribution('logins_30d');
    if (d.kind !== 'number') throw new Error(`expected numbers, got ${d.kind}`);
    expect(d).toMatchObject({ customers: 5, missing: 0, min: 0, max: 18, median: 10, p10: 0, p90: 18 });
    expect(d.bins).toHaveLength(19);
    expect(d.bins[0]).toEqual({ from: 0, to: 1, count: 1 });
    expect(d.bins.filter((b) => b.count > 0).map((b) => b.from)).toEqual([0, 4, 10, 15, 18]);
  });

  it('bins fractional values in round widths and counts empty cells as missing', async () => {
    const service = await ownData();
    // CSAT: 4.5, 2.5, 4, 3.5, and E has none.
    const d = await service.indicatorDistribution('csat');
    if (d.kind !== 'number') throw new Error(`expected numbers, got ${d.kind}`);
    expect(d).toMatchObject({ customers: 5, missing: 1, min: 2.5, max: 4.5, median: 3.75 });
    expect(d.bins.reduce((sum, b) => sum + b.count, 0)).toBe(4);
    expect(d.bins[0]!.from).toBe(2.5);
    expect(d.bins.at(-1)!.to).toBeGreaterThan(4.5);
    expect(d.bins.length).toBeGreaterThanOrEqual(10);
    expect(d.bins.length).toBeLessThanOrEqual(25);
  });

  it('reads a date column as days to the as-of day through daysSince, and not at all without it', async () => {
    const service = await ownData();
    // Last logins 2024-04-28, 03-20, 04-25, 04-29, 01-15 as of 2024-04-30: 2, 41, 5, 1, 106 days.
    const d = await service.indicatorDistribution('last_login', 'daysSince');
    if (d.kind !== 'number') throw new Error(`expected numbers, got ${d.kind}`);
    expect(d).toMatchObject({ min: 1, max: 106, median: 5, missing: 0 });
    expect(d.bins.filter((b) => b.count > 0).map((b) => [b.from, b.to, b.count])).toEqual([[0, 10, 3], [40, 50, 1], [100, 110, 1]]);
    expect(await service.indicatorDistribution('last_login')).toEqual({ kind: 'absent', customers: 5 });
    expect(await service.indicatorDistribution('logins_30d', 'daysSince')).toEqual({ kind: 'absent', customers: 5 });
    expect(await service.indicatorDistribution('no_such_column')).toEqual({ kind: 'absent', customers: 5 });
  });

  it('counts labels, most frequent first', async () => {
    const service = await ownData();
    expect(await service.indicatorDistribution('csm_sentiment')).toEqual({
      kind: 'text', customers: 5, missing: 0,
      labels: [{ label: 'happy', count: 2 }, { label: 'neutral', count: 1 }, { label: 'unhappy', count: 1 }, { label: 'very unhappy', count: 1 }],
    });
  });

  it('counts yes, no and missing on the demo, over the customers still in the portfolio', async () => {
    const { service } = freshService();
    const summary = await service.loadDemo({ asOf: APRIL });
    const d = await service.indicatorDistribution('onboarding_done');
    if (d.kind !== 'boolean') throw new Error(`expected yes/no, got ${d.kind}`);
    expect(d.customers).toBe(summary.size);
    expect(d.yes + d.no + d.missing).toBe(summary.size);
    expect(d.yes).toBeGreaterThan(0);
    expect(d.no).toBeGreaterThan(0);
  });
});

describe('dataColumns', () => {
  it('lists the imported columns an indicator could read, with how many customers have a value', async () => {
    const service = await ownData();
    const columns = await service.dataColumns();
    // Name and owner say who a customer is, not how healthy.
    expect(columns.map((c) => c.column)).not.toContain('name');
    expect(columns.map((c) => c.column)).not.toContain('owner');
    expect(columns).toContainEqual({ column: 'logins_30d', kind: 'number', customers: 5 });
    expect(columns).toContainEqual({ column: 'csat', kind: 'number', customers: 4 });
    expect(columns).toContainEqual({ column: 'last_login', kind: 'date', customers: 5 });
    expect(columns).toContainEqual({ column: 'csm_sentiment', kind: 'text', customers: 5 });
  });
});

describe('readModelFile', () => {
  it('reads a good file, with its warnings, and leaves the model in use alone', async () => {
    const { service } = freshService();
    const before = await service.loadDemo({ asOf: APRIL });
    const file = JSON.parse(new TextDecoder().decode(fixtureBytes(B2B_MODEL_PATH))) as Record<string, unknown>;
    const text = JSON.stringify({ ...file, name: 'Handed out', colour: 'blue' });
    const read = await service.readModelFile({ name: 'handed-out.json', data: bytesOf(text) });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.model.name).toBe('Handed out');
    expect(read.model.categories.map((c) => c.id)).toContain('usage');
    expect(read.warnings.map((w) => w.path)).toEqual(['colour']);
    expect(await service.summary()).toEqual(before);
    expect((await service.model()).name).toBe('B2B SaaS');
  });

  it('refuses a wrong file with every problem by JSON path, and a file that is not UTF-8 text', async () => {
    const { service } = freshService();
    await service.loadDemo({ asOf: APRIL });
    const wrong = JSON.stringify({ format: 'health-model/v1', name: 'x', categories: [{ id: 'a', weight: 1, metrics: [{ id: 'm', weight: 1, scoring: { type: 'linear', worst: 5, best: 5 } }, { id: 'm', weight: 1, scoring: { type: 'boolean', true: 120, false: 0 } }] }] });
    const read = await service.readModelFile({ name: 'wrong.json', data: bytesOf(wrong) });
    expect(read.ok ? [] : read.problems.map((p) => p.path)).toEqual(['categories[0].metrics[0].scoring.worst', 'categories[0].metrics[1].id', 'categories[0].metrics[1].scoring.true']);
    const binary = new Uint8Array([0xff, 0xfe, 0x00, 0x81]).buffer;
    const notText = await service.readModelFile({ name: 'photo.png', data: binary });
    expect(notText.ok ? [] : notText.problems.map((p) => [p.path, p.message])).toEqual([['$', 'photo.png is not a text file in UTF-8: choose the .json model file']]);
    expect((await service.model()).name).toBe('B2B SaaS');
  });
});
