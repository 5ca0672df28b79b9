/**
 * Outcomes through EngineApi: an outcomes file's problems and readings, outcomes recorded by
 * hand (kept after a reload), the demo's outcomes, and backtests of an earlier snapshot.
 */
import { describe, expect, it } from 'vitest';
import { generateDemoPortfolio } from '../../../src/engine/demo';
import { formatIsoDay } from '../../../src/engine';
import type { OutcomePlan } from '../../../src/worker/api';
import { bytesOf, csvText, day, freshService, importText } from './support';

const AS_OF = day('2024-07-01');
const today = () => new Date('2024-07-01T12:00:00Z');

const CUSTOMERS = csvText(['customer_id', 'name', 'logins_30d'], [
  { customer_id: 'A', name: 'Alfa', logins_30d: '40' },
  { customer_id: 'B', name: 'Beta', logins_30d: '3' },
  { customer_id: 'C', name: 'Gama', logins_30d: '12' },
]);

async function withCustomers() {
  const fresh = freshService({ today });
  await fresh.service.loadLocal({ asOf: AS_OF });
  await importText(fresh.service, 'clientes.csv', CUSTOMERS, AS_OF);
  return fresh;
}

describe('an outcomes file', () => {
  const FILE = [
    'conta;situação;data',
    'A;Cancelou;2024-05-03', // row 2
    ';Cancelou;2024-05-03', // row 3: no id, left out with a warning
    'B;Renovou;03/05/2024', // row 4
    'B;Cancelou;2024-06-20', // row 5: a later day: wins over row 4
    'C;Renovou;ontem', // row 6: the date does not read: left out with a warning
    'Z;Cancelou;', // row 7: not a customer of the data (kept); no date: the plan's day
    'C;talvez;2024-05-03', // row 8: neither value: left out, counted
  ].join('\n');

  it('guesses the mapping, reads the values, checks every row, and records the latest outcome of each customer', async () => {
    const { service } = await withCustomers();
    const inspection = await service.openOutcomeFile({ name: 'resultados.csv', data: bytesOf(FILE) });
    expect(inspection).toMatchObject({ header: ['conta', 'situação', 'data'], rowCount: 7, mapping: { id: 0, status: 1, date: 2 } });
    expect(await service.outcomeValues(1)).toEqual([
      { value: 'Cancelou', count: 4, reads: 'churned' },
      { value: 'Renovou', count: 2, reads: 'renewed' },
      { value: 'talvez', count: 1, reads: null },
    ]);
    const plan: OutcomePlan = { mapping: inspection.mapping, churned: ['Cancelou'], renewed: ['Renovou'], day: day('2024-06-30') };
    const check = await service.checkOutcomes(plan);
    expect(check).toMatchObject({ rows: 7, churned: 3, renewed: 0, leftOut: 3, unknownIds: 1, verdict: 'ok' });
    expect(check.problems.map((p) => [p.code, p.severity, p.rows])).toEqual([
      ['id.empty', 'warning', [3]],
      ['asof.unreadable', 'warning', [6]],
    ]);
    const result = await service.commitOutcomes(plan);
    expect(result).toMatchObject({ recorded: 3, churned: 3, renewed: 0, replaced: 0, counts: { churned: 2, renewed: 0, unknown: 1 } });
    const listed = await service.outcomes();
    expect(listed.map((o) => [o.customerId, o.name, o.status, formatIsoDay(o.day), o.source, o.fileName, o.known]).sort()).toEqual([
      ['A', 'Alfa', 'churned', '2024-05-03', 'import', 'resultados.csv', true],
      ['B', 'Beta', 'churned', '2024-06-20', 'import', 'resultados.csv', true],
      ['Z', 'Z', 'churned', '2024-06-30', 'import', 'resultados.csv', false],
    ]);
    // The file is closed once recorded.
    await expect(service.checkOutcomes(plan)).rejects.toThrow(/choose the file again/);
  });

  it('refuses two outcomes of one customer on the same day, and a plan without an outcome column, recording nothing', async () => {
    const { service } = await withCustomers();
    const text = ['id,churn,date', 'A,yes,2024-05-03', 'B,no,2024-05-03', 'A,no,2024-05-03'].join('\n');
    const inspection = await service.openOutcomeFile({ name: 'out.csv', data: bytesOf(text) });
    const plan: OutcomePlan = { mapping: inspection.mapping, churned: ['yes'], renewed: ['no'], day: AS_OF };
    const check = await service.checkOutcomes(plan);
    expect(check.verdict).toBe('blocked');
    expect(check.problems[0]).toMatchObject({ code: 'outcome.conflict', severity: 'error', rows: [4], column: 'id', columnLetter: 'A' });
    expect(check.problems[0]!.message).toContain('row 2');
    await expect(service.commitOutcomes(plan)).rejects.toThrow(/another outcome on the same day on row 2/);

    const unmapped = await service.checkOutcomes({ ...plan, mapping: { ...plan.mapping, status: null } });
    expect(unmapped).toMatchObject({ verdict: 'blocked', churned: 0 });
    expect(unmapped.problems[0]).toMatchObject({ code: 'outcome.status-not-mapped' });
    expect(await service.outcomeCounts()).toEqual({ churned: 0, renewed: 0, unknown: 0 });
  });

  it('says what is wrong with a file that is not a CSV', async () => {
    const { service } = await withCustomers();
    const inspection = await service.openOutcomeFile({ name: 'book.xlsx', data: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]).buffer });
    expect(inspection.format).toBeNull();
    expect(inspection.problems[0]).toMatchObject({ severity: 'error', code: 'file.not-text' });
  });
});

describe('outcomes recorded by hand', () => {
  it('records, replaces and forgets one customer’s outcome, kept after a reload', async () => {
    const { service, reopen } = await withCustomers();
    const first = await service.setOutcome({ customerId: 'B', status: 'churned', day: day('2024-06-01'), note: '  Moved to a competitor ' });
    expect(first).toMatchObject({ customerId: 'B', name: 'Beta', status: 'churned', source: 'manual', note: 'Moved to a competitor', known: true });
    await service.setOutcome({ customerId: 'B', status: 'renewed', day: day('2024-06-15') });
    await expect(service.setOutcome({ customerId: 'Q', status: 'churned', day: AS_OF })).rejects.toThrow(/no customer “Q”/);
    await expect(service.setOutcome({ customerId: 'A', status: 'lost' as never, day: AS_OF })).rejects.toThrow(/churned or renewed/);
    await expect(service.setOutcome({ customerId: 'A', status: 'churned', day: Number.NaN })).rejects.toThrow(/not a date/);

    const again = reopen();
    await again.loadLocal({ asOf: AS_OF });
    expect((await again.outcomes('B')).map((o) => [o.status, formatIsoDay(o.day), o.note])).toEqual([['renewed', '2024-06-15', '']]);
    expect(await again.clearOutcome('B')).toEqual({ churned: 0, renewed: 0, unknown: 0 });
    expect(await again.outcomes('B')).toEqual([]);
  });

  it('are cleared with every outcome, and with all the data', async () => {
    const { service } = await withCustomers();
    await service.setOutcome({ customerId: 'A', status: 'churned', day: AS_OF });
    await service.setOutcome({ customerId: 'C', status: 'renewed', day: AS_OF });
    expect(await service.clearOutcomes()).toEqual({ churned: 0, renewed: 0, unknown: 0 });
    await service.setOutcome({ customerId: 'A', status: 'churned', day: AS_OF });
    await service.deleteAllData();
    expect(await service.outcomes()).toEqual([]);
  });
});

describe('the demo', () => {
  const demo = generateDemoPortfolio({ asOf: AS_OF });
  const churnedIds = demo.ids.filter((_, row) => !Number.isNaN(demo.churnedOn[row]!));

  it('comes with the outcomes the demo tells: who churned on the day they left, everyone else renewed', async () => {
    const { service } = freshService({ today });
    await service.loadDemo({ asOf: AS_OF });
    const counts = await service.outcomeCounts();
    expect(counts).toEqual({ churned: churnedIds.length, renewed: demo.ids.length - churnedIds.length, unknown: 0 });
    const report = (await service.calibration())!;
    expect(report.churned + report.retained + report.unscored).toBe(demo.ids.length);
    expect(report.churned).toBeGreaterThan(0);
    // Fewer than 30 churned customers: the report says every figure is uncertain.
    expect(report.small).toBe(churnedIds.length < 30 || report.churned < 30);
    expect(report.checklist.find((c) => c.id === 'below-top-before')!.basis).toBeGreaterThan(0);
    // A demo outcome changed by hand lives in memory only.
    await service.setOutcome({ customerId: demo.ids[0]!, status: 'churned', day: AS_OF });
    expect((await service.outcomes(demo.ids[0]!))[0]).toMatchObject({ source: 'manual' });
  });

  it('backtests an earlier month: each band’s customers that day, and how many churned after it', async () => {
    const { service } = freshService({ today });
    await service.loadDemo({ asOf: AS_OF });
    const days = await service.backtestDays();
    expect(days).toEqual([...demo.months].slice(0, -1).reverse());
    const revision = (await service.revisions()).find((r) => r.inUse)!.revision;
    const first = days.at(-1)!;
    const report = await service.backtest({ revision, day: first });
    expect(report.day).toBe(first);
    const churnedAfter = churnedIds.filter((id) => demo.churnedOn[demo.ids.indexOf(id)]! > first).length;
    expect(report.bands.reduce((a, b) => a + b.churned, 0)).toBe(churnedAfter);
    const total = report.bands.reduce((a, b) => a + b.customers, 0);
    expect(report.bands.reduce((a, b) => a + b.churned + b.renewed + b.unknown, 0)).toBe(total);
    expect(report.flaggedTotal).toBe(report.bands[0]!.customers);
    const scores = report.flagged.map((f) => f.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(report.flagged.every((f) => f.bandId === report.bands[0]!.bandId)).toBe(true);
    await expect(service.backtest({ revision: 'nope', day: first })).rejects.toThrow(/no revision/);
    await expect(service.backtest({ revision, day: AS_OF + 1 })).rejects.toThrow(/no snapshot of that day/);
  });

  it('reports customers with a band set by hand apart', async () => {
    const { service } = freshService({ today });
    await service.loadDemo({ asOf: AS_OF });
    const table = await service.customers();
    const scores = await service.scores();
    const row = table.ids.findIndex((_, r) => scores.band[r] === 0);
    await service.setOverride({ customerId: table.ids[row]!, band: scores.bands[1]!.id, reason: 'New sponsor', expiresOn: AS_OF + 30 });
    expect((await service.calibration())!.overridden.customers).toBe(1);
  });
});

describe('outcomes of customers without a score', () => {
  it('give a report that says none could be judged, and why', async () => {
    const { service } = await withCustomers();
    // The starter model reads far more than logins: with one indicator in the data nobody has enough for a score.
    const scores = await service.scores();
    const insufficient = scores.bands.length - 1;
    const unscoredCustomers = [...scores.band].filter((b) => b === insufficient).length;
    await service.setOutcome({ customerId: 'A', status: 'churned', day: AS_OF });
    const text = ['id,churn', 'Q,yes'].join('\n');
    const inspection = await service.openOutcomeFile({ name: 'more.csv', data: bytesOf(text) });
    await service.commitOutcomes({ mapping: { ...inspection.mapping, id: 0, status: 1, date: null }, churned: ['yes'], renewed: [], day: AS_OF });
    const report = (await service.calibration())!;
    expect(report.unmatched).toBe(1);
    expect(unscoredCustomers).toBe(3);
    expect(report).toMatchObject({ churned: 0, retained: 0, unscored: 1, suggestion: null, noSuggestion: 'too-few' });
    expect(report.score.auc).toBeNull();
    expect(report.score.quartiles).toBeNull();
    expect(report.checklist.find((c) => c.id === 'sample')).toMatchObject({ status: 'fail', value: 0 });
  });
});

describe('listing outcomes', () => {
  it('gives the newest first, and only the first `limit`', async () => {
    const { service } = await withCustomers();
    for (const id of ['A', 'B', 'C']) await service.setOutcome({ customerId: id, status: 'renewed', day: AS_OF });
    const all = await service.outcomes();
    expect(all).toHaveLength(3);
    expect(await service.outcomes(undefined, 2)).toEqual(all.slice(0, 2));
  });
});

describe('a cancellation date as the outcome', () => {
  it('reads a date as churned on that day and a blank as renewed, and takes the dates not listed as the plan says', async () => {
    const fresh = freshService({ today });
    await fresh.service.loadLocal({ asOf: AS_OF });
    const rows = Array.from({ length: 80 }, (_, i) => ({ customer_id: `K${i}`, name: `Cliente ${i}`, logins_30d: String(i) }));
    await importText(fresh.service, 'clientes.csv', csvText(['customer_id', 'name', 'logins_30d'], rows), AS_OF);
    // 60 customers left on 60 different days; 20 are still here (blank).
    const first = day('2024-03-01');
    const text = ['customer_id,cancelled_at', ...rows.map((r, i) => `${r.customer_id},${i < 60 ? formatIsoDay(first + i) : ''}`)].join('\n');
    const inspection = await fresh.service.openOutcomeFile({ name: 'cancelamentos.csv', data: bytesOf(text) });
    expect(inspection.mapping).toEqual({ id: 0, status: 1, date: 1 });
    const values = await fresh.service.outcomeValues(1);
    expect(values).toHaveLength(50);
    expect(values[0]).toEqual({ value: '', count: 20, reads: 'renewed' });
    expect(values.slice(1).every((v) => v.count === 1 && v.reads === 'churned')).toBe(true);
    const plan: OutcomePlan = {
      mapping: inspection.mapping,
      churned: values.filter((v) => v.reads === 'churned').map((v) => v.value),
      renewed: [''],
      day: AS_OF,
    };
    // Without `others`, the 11 dates not listed are left out; with it, they count as churned.
    expect(await fresh.service.checkOutcomes(plan)).toMatchObject({ churned: 49, renewed: 20, leftOut: 11 });
    expect(await fresh.service.checkOutcomes({ ...plan, others: 'churned' })).toMatchObject({ churned: 60, renewed: 20, leftOut: 0, verdict: 'ok' });
    await fresh.service.commitOutcomes({ ...plan, others: 'churned' });
    const byId = new Map((await fresh.service.outcomes()).map((o) => [o.customerId, o]));
    expect([byId.get('K7')!.status, formatIsoDay(byId.get('K7')!.day)]).toEqual(['churned', '2024-03-08']);
    expect([byId.get('K70')!.status, byId.get('K70')!.day]).toEqual(['renewed', AS_OF]);
  });
});
