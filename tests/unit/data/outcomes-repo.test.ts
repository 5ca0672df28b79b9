import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { OutcomeRecord } from '../../../src/data/db';
import { clearOutcomes, deleteOutcome, getOutcome, listOutcomes, outcomeProblem, putOutcomes } from '../../../src/data/outcomes-repo';
import { clearData } from '../../../src/data/dataset';
import { putPlaybook, listPlaybooks } from '../../../src/data/tasks-repo';
import { day } from '../../factories';
import { freshDb } from './support';

const MAR = day('2024-03-31');

function outcome(customerId: string, extra: Partial<OutcomeRecord> = {}): OutcomeRecord {
  return { customerId, status: 'churned', day: MAR, source: 'import', fileName: 'churn.csv', recordedAt: 1_000, ...extra };
}

const sorted = (rows: OutcomeRecord[]): OutcomeRecord[] => [...rows].sort((a, b) => a.customerId.localeCompare(b.customerId));

describe('outcomes', () => {
  it('stores one per customer: a newer one replaces the older, and replaced counts the customers that had one', async () => {
    const db = freshDb();
    expect(await putOutcomes(db, [outcome('a'), outcome('b')])).toEqual({ replaced: 0 });
    const manual = outcome('b', { status: 'renewed', day: MAR + 10, source: 'manual', fileName: undefined, note: 'Renovou', recordedAt: 2_000 });
    delete (manual as { fileName?: string }).fileName;
    expect(await putOutcomes(db, [manual, outcome('c'), outcome('a', { recordedAt: 3_000 })])).toEqual({ replaced: 2 });
    expect(sorted(await listOutcomes(db))).toEqual([outcome('a', { recordedAt: 3_000 }), manual, outcome('c')]);
    expect(await getOutcome(db, 'b')).toEqual(manual);
    expect(await getOutcome(db, 'nobody')).toBeUndefined();
  });

  it('in one batch, the last for a customer wins and the customer counts once', async () => {
    const db = freshDb();
    await putOutcomes(db, [outcome('a')]);
    expect(await putOutcomes(db, [outcome('a', { day: MAR + 1 }), outcome('a', { day: MAR + 2 }), outcome('z'), outcome('z', { status: 'renewed' })])).toEqual({ replaced: 1 });
    expect(sorted(await listOutcomes(db)).map((o) => [o.customerId, o.day, o.status])).toEqual([['a', MAR + 2, 'churned'], ['z', MAR, 'renewed']]);
    expect(await putOutcomes(db, [])).toEqual({ replaced: 0 });
  });

  it('deletes one, and clears them all; "delete all data" clears them too (playbooks stay)', async () => {
    const db = freshDb();
    await putOutcomes(db, [outcome('a'), outcome('b'), outcome('c')]);
    await deleteOutcome(db, 'b');
    await deleteOutcome(db, 'nobody');
    expect(sorted(await listOutcomes(db)).map((o) => o.customerId)).toEqual(['a', 'c']);
    await clearOutcomes(db);
    expect(await listOutcomes(db)).toEqual([]);

    await putOutcomes(db, [outcome('a')]);
    await putPlaybook(db, { id: 'p' });
    await clearData(db);
    expect(await listOutcomes(db)).toEqual([]);
    expect((await listPlaybooks(db)).map((p) => p.id)).toEqual(['p']);
  });

  it('refuses a batch with an invalid record before writing any of it, naming the record and field', async () => {
    const db = freshDb();
    await putOutcomes(db, [outcome('a')]);
    const bad = { ...outcome('x'), customerId: 42 } as unknown as OutcomeRecord;
    await expect(putOutcomes(db, [outcome('b'), outcome('c'), bad, outcome('d')])).rejects.toThrow('putOutcomes(): records[2]: customerId must be the customer’s id (a non-empty text).');
    await expect(putOutcomes(db, [outcome('b', { status: 'lost' as 'churned' })])).rejects.toThrow(/records\[0\]: status must be churned or renewed/);
    expect(await listOutcomes(db)).toEqual([outcome('a')]);
  });

  it('is all or nothing: a write failing midway (a value IndexedDB cannot store) leaves the table as it was', async () => {
    const db = freshDb();
    await putOutcomes(db, [outcome('a'), outcome('b')]);
    const before = sorted(await listOutcomes(db));
    // Valid fields, but an extra one that cannot be cloned: IndexedDB refuses the third put.
    const uncloneable = { ...outcome('c'), extra: () => 1 } as unknown as OutcomeRecord;
    const batch = [outcome('a', { status: 'renewed' }), outcome('new-1'), uncloneable, outcome('new-2')];
    await expect(putOutcomes(db, batch)).rejects.toMatchObject({ name: 'DataCloneError' });
    expect(sorted(await listOutcomes(db))).toEqual(before);
  });

  it('is all or nothing: a full disk midway leaves the table as it was, and rejects with QuotaExceededError', async () => {
    const db = freshDb();
    await putOutcomes(db, [outcome('a')]);
    let written = 0;
    db.outcomes.hook('creating', () => {
      if (++written === 50) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const batch = Array.from({ length: 100 }, (_, i) => outcome(`c${i}`));
    await expect(putOutcomes(db, [outcome('a', { status: 'renewed' }), ...batch])).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(written).toBe(50);
    expect(await listOutcomes(db)).toEqual([outcome('a')]);
  });
});

describe('outcomeProblem', () => {
  it('is null for a valid outcome, with or without its optional fields', () => {
    expect(outcomeProblem(outcome('a'))).toBeNull();
    expect(outcomeProblem({ customerId: 'a', status: 'renewed', day: -3, source: 'manual', note: '', recordedAt: 0 })).toBeNull();
  });

  it('says what is wrong, field first', () => {
    const base = outcome('a') as unknown as Record<string, unknown>;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, customerId: ' ' }, 'customerId must be the customer’s id (a non-empty text)'],
      [{ ...base, customerId: undefined }, 'customerId must be the customer’s id (a non-empty text)'],
      [{ ...base, status: 'Churned' }, 'status must be churned or renewed'],
      [{ ...base, day: 1.5 }, 'day must be a day (a whole number of days since 1970-01-01)'],
      [{ ...base, day: '2024-03-31' }, 'day must be a day (a whole number of days since 1970-01-01)'],
      [{ ...base, source: 'csv' }, 'source must be import or manual'],
      [{ ...base, fileName: null }, 'fileName must be a text when present'],
      [{ ...base, note: 3 }, 'note must be a text when present'],
      [{ ...base, recordedAt: Number.NaN }, 'recordedAt must be a time (ms since 1970)'],
      [{ ...base, recordedAt: undefined }, 'recordedAt must be a time (ms since 1970)'],
    ];
    for (const [value, problem] of cases) expect(outcomeProblem(value), JSON.stringify(value)).toBe(problem);
  });

  it('refuses what is not an object', () => {
    for (const value of [null, undefined, 'a', 3, [outcome('a')]]) expect(outcomeProblem(value)).toMatch(/^the row is not an outcome/);
  });
});
