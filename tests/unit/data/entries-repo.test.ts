import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addEntry, allEntries, deleteEntry, entryProblem, listEntries, type NewEntryRecord } from '../../../src/data/entries-repo';
import { day } from '../../factories';
import { freshDb } from './support';

const JAN = day('2024-01-31');
const FEB = day('2024-02-29');
const MAR = day('2024-03-31');

describe('addEntry', () => {
  it('stores a value, a note, or both, and gives each an id', async () => {
    const db = freshDb();
    const value = await addEntry(db, { customerId: 'açaí-1', day: JAN, column: 'nps', kind: 'number', value: 9, createdAt: 1_000 });
    const note = await addEntry(db, { customerId: 'açaí-1', day: JAN, note: 'Renewal call went well — “happy”.', createdAt: 2_000 });
    const both = await addEntry(db, { customerId: 'Zoë', day: FEB, column: 'renewal', kind: 'date', value: day('2025-03-01'), note: 'moved', createdAt: 3_000 });
    expect(await allEntries(db)).toEqual([
      { id: value, customerId: 'açaí-1', day: JAN, createdAt: 1_000, column: 'nps', kind: 'number', value: 9 },
      { id: note, customerId: 'açaí-1', day: JAN, createdAt: 2_000, note: 'Renewal call went well — “happy”.' },
      { id: both, customerId: 'Zoë', day: FEB, createdAt: 3_000, column: 'renewal', kind: 'date', value: day('2025-03-01'), note: 'moved' },
    ]);
  });

  it('keeps every kind of value as typed, stamps createdAt with the clock, and leaves a blank note out', async () => {
    const db = freshDb();
    const before = Date.now();
    await addEntry(db, { customerId: 'a', day: JAN, column: 'paid', kind: 'boolean', value: false, note: '  ' });
    await addEntry(db, { customerId: 'a', day: JAN, column: 'mood', kind: 'text', value: 'feliz' });
    await addEntry(db, { customerId: 'a', day: JAN, column: 'usage', kind: 'number', value: -0.25 });
    const entries = await allEntries(db);
    expect(entries.map((e) => [e.kind, e.value, 'note' in e])).toEqual([['boolean', false, false], ['text', 'feliz', false], ['number', -0.25, false]]);
    for (const e of entries) expect(e.createdAt).toBeGreaterThanOrEqual(before);
  });

  it('refuses what is not a valid entry with a message naming the field, writing nothing', async () => {
    const db = freshDb();
    const base = { customerId: 'a', day: JAN };
    const bad: [NewEntryRecord, RegExp][] = [
      [{ ...base, customerId: ' ', note: 'x' }, /customerId/],
      [{ ...base, day: Number.NaN, note: 'x' }, /day/],
      [{ ...base, day: 1.5, note: 'x' }, /day/],
      [base, /needs a value .* or a note/],
      [{ ...base, note: '' }, /needs a value .* or a note/],
      [{ ...base, kind: 'number', value: 3 }, /column/],
      [{ ...base, column: 'nps', value: 3 }, /kind/],
      [{ ...base, column: 'nps', kind: 'number' }, /value should be a finite number/],
      [{ ...base, column: 'nps', kind: 'number', value: Number.POSITIVE_INFINITY }, /value should be a finite number/],
      [{ ...base, column: 'nps', kind: 'number', value: '9' }, /value should be a finite number/],
      [{ ...base, column: 'renewal', kind: 'date', value: '2024-01-01' }, /value should be a day/],
      [{ ...base, column: 'paid', kind: 'boolean', value: 1 }, /value should be true or false/],
      [{ ...base, column: 'mood', kind: 'text', value: '' }, /value should be a non-empty text/],
      [{ ...base, column: 'nps', kind: 'money' as never, value: 3 }, /kind should be number, date, boolean or text/],
      [{ ...base, note: 42 as never }, /note should be a text/],
      [{ ...base, note: 'x', createdAt: Number.NaN }, /createdAt/],
    ];
    for (const [entry, message] of bad) {
      await expect(addEntry(db, entry), JSON.stringify(entry)).rejects.toThrow(message);
    }
    expect(await db.entries.count()).toBe(0);
  });

  it('entryProblem says which field is wrong, and nothing for a valid entry', () => {
    expect(entryProblem({ customerId: 'a', day: JAN, note: 'ok' })).toBeUndefined();
    expect(entryProblem({ customerId: 'a', day: JAN, column: 'nps', kind: 'number', value: 'x' })).toEqual({
      field: 'value',
      problem: 'should be a finite number for a number column',
    });
  });

  it('rejects with the storage error’s name when the database is closed', async () => {
    const db = freshDb();
    await db.open();
    db.close();
    await expect(addEntry(db, { customerId: 'a', day: JAN, note: 'x' })).rejects.toMatchObject({ name: 'DatabaseClosedError' });
  });
});

describe('listEntries and allEntries', () => {
  it('lists one customer’s entries newest day first, then the latest typed first; all entries oldest day first, then by id', async () => {
    const db = freshDb();
    const id = async (customerId: string, d: number, createdAt: number): Promise<number> => addEntry(db, { customerId, day: d, note: `${customerId}@${createdAt}`, createdAt });
    const a1 = await id('a', FEB, 500);
    const b1 = await id('b', MAR, 100);
    const a2 = await id('a', MAR, 100);
    const a3 = await id('a', FEB, 900);
    const a4 = await id('a', JAN, 999);
    const a5 = await id('a', FEB, 900); // same day and time as a3: the later id first

    expect((await listEntries(db, 'a')).map((e) => e.id)).toEqual([a2, a5, a3, a1, a4]);
    expect((await listEntries(db, 'b')).map((e) => e.id)).toEqual([b1]);
    expect(await listEntries(db, 'nobody')).toEqual([]);
    expect((await allEntries(db)).map((e) => e.id)).toEqual([a4, a1, a3, a5, b1, a2]);
  });
});

describe('deleteEntry', () => {
  it('deletes one entry, and says when there was nothing to delete', async () => {
    const db = freshDb();
    const keep = await addEntry(db, { customerId: 'a', day: JAN, note: 'keep' });
    const drop = await addEntry(db, { customerId: 'a', day: JAN, note: 'drop' });
    expect(await deleteEntry(db, drop)).toBe(true);
    expect(await deleteEntry(db, drop)).toBe(false);
    expect((await allEntries(db)).map((e) => e.id)).toEqual([keep]);
    // Ids are not reused after a delete.
    expect(await addEntry(db, { customerId: 'a', day: JAN, note: 'new' })).toBeGreaterThan(drop);
  });
});
