/**
 * Values and notes typed by hand, black-box: what can be typed, how a value changes the score
 * (checked against the headless scorer on the file with that value in it), which value wins
 * against an import of the same or a later day, deleting an entry, entries on the demo (kept in
 * memory), and entries that are refused with a message saying what to do.
 */
import { describe, expect, it } from 'vitest';
import type { EngineService } from '../../../src/worker/service';
import { HEADER, JUNE, JUNE_ROWS } from './monthly';
import {
  appScores, cliScores, csvText, day, expectedScores, fixtureText, freshService, importText, rowOf, scoreOf,
} from './support';

const PT_BR = 'tests/fixtures/csv/b2b-saas-pt-br.csv';
const JULY = day('2024-07-01');
const AUGUST = day('2024-08-01');

/** The fixture with `customer`'s cell in `column` replaced (the fixture has no quoted `;` in these columns' rows). */
function withCell(text: string, customer: string, column: string, value: string): string {
  const lines = text.split('\r\n');
  const index = lines[0]!.replace(/^\uFEFF/, '').split(';').indexOf(column);
  return lines.map((line) => {
    if (!line.startsWith(`${customer};`)) return line;
    // Split on `;` outside quotes, replace, join back.
    const cells = line.match(/("[^"]*"|[^;]*)(;|$)/g)!.map((cell) => cell.replace(/;$/, ''));
    cells.length = lines[0]!.split(';').length;
    cells[index] = value;
    return cells.join(';');
  }).join('\r\n');
}

async function importFixture(service: EngineService, text = fixtureText(PT_BR), asOf = JULY, name = 'carteira.csv') {
  await service.loadLocal({ asOf });
  return importText(service, name, text, asOf);
}

describe('what can be typed by hand', () => {
  it('offers the model’s indicators with a suggested input, then the other imported columns', async () => {
    const { service } = freshService();
    // The fixture plus two columns the model does not read.
    const text = fixtureText(PT_BR).split('\r\n').map((line, i) => (line === '' ? line : `${line};${i === 0 ? 'region;seats' : 'Sul;12'}`)).join('\r\n');
    await importFixture(service, text);
    const targets = await service.entryTargets();

    expect(targets.map((t) => t.column)).toEqual([
      'logins_30d', 'active_seats_pct', 'last_login', 'features_adopted', 'meetings_90d', 'events_90d', 'nps', 'csat',
      'tickets_30d', 'bug_tickets_30d', 'late_invoices', 'days_overdue', 'milestones_reached', 'onboarding_done', 'csm_sentiment',
      'region', 'seats',
    ]);
    const by = Object.fromEntries(targets.map((t) => [t.column, t]));
    expect(by['nps']).toEqual({ column: 'nps', label: 'NPS answer (0–10)', kind: 'number', input: 'nps' });
    expect(by['csat']).toEqual({ column: 'csat', label: 'CSAT (1–5)', kind: 'number', input: 'csat' });
    expect(by['csm_sentiment']).toMatchObject({ column: 'csm_sentiment', kind: 'text', input: 'sentiment' });
    // The labels the model knows, in the model's order.
    expect(by['csm_sentiment']!.labels).toEqual([
      'very happy', 'happy', 'neutral', 'unhappy', 'very unhappy', 'muito satisfeito', 'satisfeito', 'neutro', 'insatisfeito',
      'muito insatisfeito', 'muy satisfecho', 'satisfecho', 'insatisfecho', 'muy insatisfecho',
    ]);
    expect(by['last_login']).toMatchObject({ label: 'Days since last login', kind: 'date', input: 'date' });
    expect(by['onboarding_done']).toMatchObject({ kind: 'boolean', input: 'boolean' });
    expect(by['logins_30d']).toMatchObject({ kind: 'number', input: 'number' });
    expect(by['region']).toEqual({ column: 'region', label: 'region', kind: 'text', input: 'text' });
    expect(by['seats']).toEqual({ column: 'seats', label: 'seats', kind: 'number', input: 'number' });
    expect(targets.filter((t) => t.labels !== undefined).map((t) => t.column)).toEqual(['csm_sentiment']);
  });
});

describe('values typed by hand', () => {
  it('rescoring with a typed NPS: the customer scores as the model says, and as the file with that answer would', async () => {
    const { service } = freshService();
    await importFixture(service);
    expect(await scoreOf(service, 'C005')).toBe(59);

    const summary = await service.addEntry({ customerId: 'C005', day: JULY, column: 'nps', value: 9 });
    // C005: NPS 7 → 60 points, 9 → 100; satisfaction (NPS, CSAT 70) goes from 65 to 85, weight 15 of 100:
    // 58.59 + 3 = 61.59 → 62.
    expect(await scoreOf(service, 'C005')).toBe(62);
    expect(summary).toMatchObject({ source: 'local', asOf: JULY, snapshots: [JULY], imports: 1, size: 6 });
    expect(await appScores(service)).toEqual(expectedScores(cliScores(withCell(fixtureText(PT_BR), 'C005', 'nps', '9'), JULY)));
    // The list's change column: the typed value moved it from the file's score, on the same day.
    const entries = await service.listEntries('C005');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ customerId: 'C005', day: JULY, column: 'nps', value: 9, superseded: false });
    expect(entries[0]!.note).toBeUndefined();
    expect(entries[0]!.createdAt).toBeLessThanOrEqual(Date.now());
  });

  it('a value typed on a later day adds that day’s snapshot and scores as of it', async () => {
    const { service } = freshService();
    await importFixture(service);
    const later = day('2024-07-10');
    const summary = await service.addEntry({ customerId: 'C002', day: later, column: 'csm_sentiment', value: '  Happy ' });
    expect(summary).toMatchObject({ asOf: later, snapshots: [JULY, later] });
    expect((await service.listEntries('C002'))[0]!.value).toBe('Happy');
    // Every other value is still the file's (observed July 1); days since the last login now count to July 10.
    expect(await appScores(service)).toEqual(expectedScores(cliScores(withCell(fixtureText(PT_BR), 'C002', 'csm_sentiment', 'Happy'), later)));
    const trend = await service.trend();
    expect(trend.map((p) => p.day)).toEqual([JULY, later]);
    expect(trend.map((p) => p.bandCounts.reduce((a, b) => a + b, 0))).toEqual([6, 6]);
    // C002's history: the file's score on July 1, the typed sentiment's on July 10.
    const history = await service.customerHistory(await rowOf(service, 'C002'));
    expect(history.map((p) => p.day)).toEqual([JULY, later]);
    expect(history[0]!.score).toBe(Number(cliScores(fixtureText(PT_BR), JULY).get('C002')!['score']));
    expect((await service.scores()).previousScore[await rowOf(service, 'C002')]).toBe(history[0]!.score);
  });

  it('takes a value for an indicator of the model that no file had', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: JUNE });
    await importText(service, 'junho.csv', csvText(HEADER, JUNE_ROWS), JUNE);
    expect((await service.entryTargets()).map((t) => t.column)).toContain('meetings_90d');
    await service.addEntry({ customerId: 'A', day: JUNE, column: 'meetings_90d', value: 3 });
    // As if the file had a meetings column with A's 3 in it and nothing for the others.
    const withMeetings = csvText([...HEADER, 'meetings_90d'], JUNE_ROWS.map((row) => (row['id'] === 'A' ? { ...row, meetings_90d: '3' } : row)));
    expect(await appScores(service)).toEqual(expectedScores(cliScores(withMeetings, JUNE)));
    expect(await scoreOf(service, 'A')).not.toBe(Number(cliScores(csvText(HEADER, JUNE_ROWS), JUNE).get('A')!['score']));
  });

  it('lists a customer’s entries newest first (by day, then the latest typed), notes included', async () => {
    const { service } = freshService();
    await importFixture(service);
    await service.addEntry({ customerId: 'C001', day: day('2024-06-15'), column: 'csat', value: 4 });
    await service.addEntry({ customerId: 'C001', day: JULY, note: 'QBR went well' });
    await service.addEntry({ customerId: 'C001', day: day('2024-06-15'), column: 'nps', value: 10, note: '  Survey  ' });
    await service.addEntry({ customerId: 'C002', day: JULY, note: 'Other customer' });
    const entries = await service.listEntries('C001');
    expect(entries.map((e) => [e.day, e.column ?? null, e.value ?? null, e.note ?? null])).toEqual([
      [JULY, null, null, 'QBR went well'],
      [day('2024-06-15'), 'nps', 10, 'Survey'],
      [day('2024-06-15'), 'csat', 4, null],
    ]);
    expect(new Set(entries.map((e) => e.id)).size).toBe(3);
    // Values typed for a day before the file's are superseded by the file's (later) values.
    expect(entries.map((e) => e.superseded)).toEqual([false, true, true]);
    expect(await service.listEntries('nobody')).toEqual([]);
    // A note alone does not change a score.
    expect(await scoreOf(service, 'C002')).toBe(Number(cliScores(fixtureText(PT_BR), JULY).get('C002')!['score']));
  });

  it('weighs typed values against imports: the same day the typed value wins, a later import supersedes it; deleting restores', async () => {
    const { service } = freshService();
    await importFixture(service);
    // Same day as the July import: C005's typed 9 wins over the file's 7.
    await service.addEntry({ customerId: 'C005', day: JULY, column: 'nps', value: 9 });
    expect(await scoreOf(service, 'C005')).toBe(62);
    // C001 answers 3 on August 1, before August's file (also dated August 1) is imported.
    await service.addEntry({ customerId: 'C001', day: AUGUST, column: 'nps', value: 3 });

    // August's file: C005 now answered 6; C001 still 9.
    const august = withCell(fixtureText(PT_BR), 'C005', 'nps', '6');
    const inspection = await service.openImport({ name: 'agosto.csv', data: new TextEncoder().encode(august).buffer as ArrayBuffer });
    expect(inspection.remembered).toBe(true);
    const plan = { mapping: inspection.mapping, asOf: { day: AUGUST }, skipBadRows: false };
    // Only C005's July value is older than the file's: C001's August 1 value is not replaced by a file of the same day.
    expect((await service.checkImport(plan)).supersedesManual).toBe(1);
    const outcome = await service.commitImport(plan);
    expect(outcome.summary).toEqual({ new: 0, updated: 1, unchanged: 5, skipped: 0 });
    expect(outcome.portfolio.snapshots).toEqual([JULY, AUGUST]);

    const [c005] = await service.listEntries('C005');
    const [c001] = await service.listEntries('C001');
    expect(c005!.superseded).toBe(true);
    expect(c001!.superseded).toBe(false);
    expect(await appScores(service)).toEqual(expectedScores(cliScores(withCell(august, 'C001', 'nps', '3'), AUGUST)));

    // Deleting C001's value gives back the file's answer (9); deleting C005's superseded one changes nothing.
    await service.deleteEntry(c001!.id);
    expect(await appScores(service)).toEqual(expectedScores(cliScores(august, AUGUST)));
    const summary = await service.deleteEntry(c005!.id);
    expect(await appScores(service)).toEqual(expectedScores(cliScores(august, AUGUST)));
    expect(summary).toMatchObject({ snapshots: [JULY, AUGUST], imports: 2 });
    // July's snapshot lost C005's typed 9 too: back to the file's score.
    const history = await service.customerHistory(await rowOf(service, 'C005'));
    expect(history.map((p) => p.score)).toEqual([59, Number(cliScores(august, AUGUST).get('C005')!['score'])]);
    expect(await service.listEntries('C005')).toEqual([]);
  });

  it('refuses entries that cannot be stored, saying what is wrong, and stores nothing', async () => {
    const { service } = freshService();
    await importFixture(service);
    await expect(service.addEntry({ customerId: 'C999', day: JULY, column: 'nps', value: 9 })).rejects.toThrow(/no customer with id “C999”/);
    await expect(service.addEntry({ customerId: 'C001', day: JULY, column: 'mood', value: 9 })).rejects.toThrow(/“mood” is not an indicator/);
    await expect(service.addEntry({ customerId: 'C001', day: JULY, column: 'nps', value: 'nine' })).rejects.toThrow(/must be a number, got "nine"/);
    await expect(service.addEntry({ customerId: 'C001', day: JULY, column: 'nps', value: Number.NaN })).rejects.toThrow(/must be a number/);
    await expect(service.addEntry({ customerId: 'C001', day: JULY, column: 'onboarding_done', value: 'yes' })).rejects.toThrow(/yes or no/);
    await expect(service.addEntry({ customerId: 'C001', day: JULY, column: 'csm_sentiment', value: '   ' })).rejects.toThrow(/non-empty text/);
    await expect(service.addEntry({ customerId: 'C001', day: JULY, column: 'nps' })).rejects.toThrow(/Enter a value for “NPS answer \(0–10\)”/);
    await expect(service.addEntry({ customerId: 'C001', day: JULY })).rejects.toThrow(/Enter a value or a note/);
    await expect(service.addEntry({ customerId: 'C001', day: JULY, note: '   ' })).rejects.toThrow(/Enter a value or a note/);
    await expect(service.addEntry({ customerId: 'C001', day: 19905.5, note: 'x' })).rejects.toThrow(/day/);
    // A value with no indicator named.
    await expect(service.addEntry({ customerId: 'C001', day: JULY, value: 9 })).rejects.toThrow(/Choose the indicator the value is for/);
    expect(await service.listEntries('C001')).toEqual([]);
    expect((await service.summary()).snapshots).toEqual([JULY]);
  });

  it('counts in checkImport the typed values a file would supersede, per customer and indicator', async () => {
    const { service } = freshService();
    await importFixture(service);
    await service.addEntry({ customerId: 'C003', day: JULY, column: 'nps', value: 8 });
    await service.addEntry({ customerId: 'C003', day: JULY, column: 'csat', value: 4 });
    await service.addEntry({ customerId: 'C002', day: JULY, column: 'nps', value: 5 });
    const check = async (text: string) => {
      const inspection = await service.openImport({ name: 'agosto.csv', data: new TextEncoder().encode(text).buffer as ArrayBuffer });
      return (await service.checkImport({ mapping: inspection.mapping, asOf: { day: AUGUST }, skipBadRows: false })).supersedesManual;
    };
    // C003's NPS and CSAT are empty in the fixture: a file without them replaces only C002's NPS.
    expect(await check(fixtureText(PT_BR))).toBe(1);
    // With C003's NPS answered, that value is replaced too.
    expect(await check(withCell(fixtureText(PT_BR), 'C003', 'nps', '10'))).toBe(2);
    // A file of the same day replaces none.
    const inspection = await service.openImport({ name: 'julho.csv', data: new TextEncoder().encode(fixtureText(PT_BR)).buffer as ArrayBuffer });
    expect((await service.checkImport({ mapping: inspection.mapping, asOf: { day: JULY }, skipBadRows: false })).supersedesManual).toBe(0);
  });

  it('counts a customer’s indicator once, and only typed values still in force', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: JULY });
    await importText(service, 'julho.csv', 'id,name,nps\nA1,Alpha,9\nA2,Beta,5\n', JULY);
    // Two answers typed for A1's NPS: the later one (July 10) is in force, July 5's is already replaced by it.
    await service.addEntry({ customerId: 'A1', day: day('2024-07-05'), column: 'nps', value: 3 });
    await service.addEntry({ customerId: 'A1', day: day('2024-07-10'), column: 'nps', value: 4 });
    expect((await service.listEntries('A1')).map((e) => [e.value, e.superseded])).toEqual([[4, false], [3, true]]);
    const supersedes = async (name: string, text: string, asOf: number) => {
      const inspection = await service.openImport({ name, data: new TextEncoder().encode(text).buffer as ArrayBuffer });
      const plan = { mapping: inspection.mapping, asOf: { day: asOf }, skipBadRows: false };
      return { count: (await service.checkImport(plan)).supersedesManual, commit: () => service.commitImport(plan) };
    };
    // August's file replaces one value in force: A1's NPS (customers × indicators = 1).
    const august = await supersedes('agosto.csv', 'id,name,nps\nA1,Alpha,8\nA2,Beta,5\n', AUGUST);
    expect(august.count).toBe(1);
    await august.commit();
    expect((await service.listEntries('A1')).map((e) => e.superseded)).toEqual([true, true]);
    // September's file finds no typed value in force any more.
    expect((await supersedes('setembro.csv', 'id,name,nps\nA1,Alpha,7\nA2,Beta,5\n', day('2024-09-01'))).count).toBe(0);
  });
});

describe('entries on the demo', () => {
  it('live in memory: they rescore the demo, never reach the database, and go when the demo is loaded again', async () => {
    const { service, reopen } = freshService();
    const asOf = day('2024-06-30');
    const demo = await service.loadDemo({ asOf });
    expect(demo).toMatchObject({ source: 'demo', imports: 0, asOf });
    const { ids } = await service.customers();
    const id = ids[0]!;
    const original = await appScores(service);
    const nps = (await service.entryTargets()).find((t) => t.input === 'nps')!;

    // The lowest NPS answer on the customer's day: its score cannot go up.
    await service.addEntry({ customerId: id, day: asOf, column: nps.column, value: 0 });
    await service.addEntry({ customerId: id, day: asOf, note: 'Demo note' });
    const entries = await service.listEntries(id);
    expect(entries.map((e) => [e.note ?? null, e.value ?? null])).toEqual([['Demo note', null], [null, 0]]);
    expect(await service.summary()).toMatchObject({ source: 'demo', imports: 0 });
    const after = await appScores(service);
    expect(Number(after.get(id)!.score)).toBeLessThanOrEqual(Number(original.get(id)!.score));

    // Deleting on the demo works in memory too.
    await service.deleteEntry(entries[0]!.id);
    expect(await service.listEntries(id)).toHaveLength(1);

    // Nothing was stored: the device has no entries, and the demo loads again without them.
    const device = reopen();
    await device.loadLocal({ asOf });
    expect(await device.listEntries(id)).toEqual([]);
    expect(await service.loadDemo({ asOf })).toEqual(demo);
    expect(await service.listEntries(id)).toEqual([]);
    expect(await appScores(service)).toEqual(original);
  });
});
