import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { clearData, dataStamp } from '../../../src/data/dataset';
import { addEntry, deleteEntry } from '../../../src/data/entries-repo';
import { deleteImport, saveImport } from '../../../src/data/imports-repo';
import { putSetting } from '../../../src/data/settings';
import { saveScoreSnapshot } from '../../../src/data/snapshots-repo';
import { day, makePortfolio } from '../../factories';
import { counts, freshDb } from './support';

const JAN = day('2024-01-31');
const FEB = day('2024-02-29');

describe('dataStamp', () => {
  const jan = () => makePortfolio([{ id: 'a', nps: 1 }]);
  const snapshotOf = (stamp: string) => ({
    asOf: JAN, revision: 'r', modelName: 'M', dataStamp: stamp, ids: [], score: new Float64Array(0),
    coverage: new Float64Array(0), band: new Uint8Array(0), bands: [{ id: 'x', label: 'X', color: '#000' }], categories: [],
  });

  it('changes whenever an import or an entry is added or deleted, and not for anything else', async () => {
    const db = freshDb();
    const stamps: string[] = [await dataStamp(db)];
    const next = async (): Promise<string> => {
      const stamp = await dataStamp(db);
      expect(stamp).not.toBe(stamps.at(-1));
      stamps.push(stamp);
      return stamp;
    };
    const janImport = await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: jan() });
    const afterJan = await next();
    // A duplicate import writes nothing; settings and snapshots are not data.
    await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: jan() });
    await putSetting(db, 'locale', 'es');
    await saveScoreSnapshot(db, snapshotOf(afterJan));
    expect(await dataStamp(db)).toBe(afterJan);

    const note = await addEntry(db, { customerId: 'a', day: JAN, note: 'hi', createdAt: 1 });
    await next();
    await addEntry(db, { customerId: 'a', day: JAN, column: 'nps', kind: 'number', value: 3, createdAt: 2 });
    await next();
    await deleteEntry(db, note);
    await next();
    await deleteImport(db, janImport.importId);
    await next();
    await saveImport(db, { fileName: 'feb.csv', asOf: FEB, portfolio: makePortfolio([{ id: 'a', nps: 2 }]) });
    await next();
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('tells entries apart by every field', async () => {
    const stampWith = async (entry: Parameters<typeof addEntry>[1]): Promise<string> => {
      const db = freshDb();
      await addEntry(db, entry);
      return dataStamp(db);
    };
    const base = { customerId: 'a', day: JAN, createdAt: 5 };
    const stamps = await Promise.all([
      stampWith({ ...base, note: 'x' }),
      stampWith({ ...base, note: 'y' }),
      stampWith({ ...base, customerId: 'b', note: 'x' }),
      stampWith({ ...base, day: FEB, note: 'x' }),
      stampWith({ ...base, createdAt: 6, note: 'x' }),
      stampWith({ ...base, column: 'nps', kind: 'number', value: 1 }),
      stampWith({ ...base, column: 'nps', kind: 'number', value: 2 }),
      stampWith({ ...base, column: 'csat', kind: 'number', value: 1 }),
      stampWith({ ...base, column: 'nps', kind: 'text', value: '1' }),
      stampWith({ ...base, column: 'nps', kind: 'number', value: 1, note: 'x' }),
    ]);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('names the data, not the device: the same data gives the same stamp anywhere, going back gives the earlier stamp', async () => {
    const one = freshDb();
    const other = freshDb();
    await saveImport(one, { fileName: 'jan.csv', asOf: JAN, portfolio: jan() });
    await addEntry(one, { customerId: 'a', day: JAN, note: 'hi', createdAt: 7 });
    // Another device: other ids (an import deleted first), the same data in the end.
    const dropped = await saveImport(other, { fileName: 'x.csv', asOf: FEB, portfolio: makePortfolio([{ id: 'z', nps: 0 }]) });
    await deleteImport(other, dropped.importId);
    await saveImport(other, { fileName: 'january.csv', asOf: JAN, portfolio: jan() });
    await addEntry(other, { customerId: 'a', day: JAN, note: 'hi', createdAt: 7 });
    const stamp = await dataStamp(one);
    expect(await dataStamp(other)).toBe(stamp);

    const extra = await addEntry(one, { customerId: 'a', day: JAN, note: 'one more' });
    expect(await dataStamp(one)).not.toBe(stamp);
    await deleteEntry(one, extra);
    expect(await dataStamp(one)).toBe(stamp);
  });

  it('follows the order same-day imports merge in', async () => {
    const a = makePortfolio([{ id: 'a', nps: 1 }]);
    const b = makePortfolio([{ id: 'a', nps: 2 }]);
    const one = freshDb();
    await saveImport(one, { fileName: 'a.csv', asOf: JAN, portfolio: a });
    await saveImport(one, { fileName: 'b.csv', asOf: JAN, portfolio: b });
    const other = freshDb();
    await saveImport(other, { fileName: 'b.csv', asOf: JAN, portfolio: b });
    await saveImport(other, { fileName: 'a.csv', asOf: JAN, portfolio: a });
    expect(await dataStamp(one)).not.toBe(await dataStamp(other));
  });
});

describe('clearData', () => {
  it('deletes imports, chunks, entries and score snapshots with their chunks, and keeps settings', async () => {
    const db = freshDb();
    await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 1 }, { id: 'b', nps: 2 }]) });
    await addEntry(db, { customerId: 'a', day: JAN, note: 'hi' });
    await saveScoreSnapshot(db, {
      asOf: JAN, revision: 'r', modelName: 'M', dataStamp: 's', ids: ['a'], score: Float64Array.of(5),
      coverage: Float64Array.of(1), band: Uint8Array.of(0), bands: [{ id: 'x', label: 'X', color: '#000' }], categories: [],
    });
    await putSetting(db, 'locale', 'pt-BR');
    const before = await dataStamp(db);

    await clearData(db);
    expect(await counts(db)).toEqual({ imports: 0, chunks: 0 });
    expect(await db.entries.count()).toBe(0);
    expect(await db.scoreSnapshots.count()).toBe(0);
    expect(await db.scoreChunks.count()).toBe(0);
    expect(await db.settings.toArray()).toEqual([{ key: 'locale', value: 'pt-BR' }]);
    expect(await dataStamp(db)).toBe(await dataStamp(freshDb()));
    expect(await dataStamp(db)).not.toBe(before);

    // The database goes on working: the same file is new again (nothing to compare it with).
    const next = await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 1 }, { id: 'b', nps: 2 }]) });
    expect(next).toMatchObject({ importId: 2, duplicate: false, summary: { new: 2 } });
  });

  it('deletes nothing when it fails', async () => {
    const db = freshDb();
    await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 1 }]) });
    await db.open();
    db.close();
    await expect(clearData(db)).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    await db.open();
    expect(await counts(db)).toEqual({ imports: 1, chunks: 2 });
  });
});
