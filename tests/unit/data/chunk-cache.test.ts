/**
 * The connection's memory of import chunks (`ChunkCache`): loading the history on the connection
 * that wrote or read the imports gives exactly what a fresh connection reads from IndexedDB, also
 * after deletions and after a backup restored by replacing, which reuses import ids for other content.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PulsoDb } from '../../../src/data/db';
import { ChunkCache } from '../../../src/data/chunk-cache';
import { createBackup, readBackup, restoreBackup } from '../../../src/data/backup';
import { clearData } from '../../../src/data/dataset';
import { deleteImport, listImports, loadHistory, saveImports } from '../../../src/data/imports-repo';
import type { Snapshot } from '../../../src/engine/history';
import { day, makePortfolio } from '../../factories';
import { byCustomer, freshDb } from './support';

const JAN = day('2024-01-31');
const FEB = day('2024-02-29');

const january = makePortfolio([{ id: 'a', nps: 9, city: 'Recife' }, { id: 'b', nps: 3, city: 'Lima' }]);
const february = makePortfolio([{ id: 'b', nps: 7 }, { id: 'c', nps: 10, city: 'Porto' }]);

/** Each day of a history as plain values, to compare two reads. */
function plain(history: readonly Snapshot[]) {
  return history.map((s) => ({ day: s.day, ids: s.portfolio.ids, values: byCustomer(s.portfolio) }));
}

/** The history as a new connection to the same database reads it (nothing in memory). */
async function fromDisk(db: PulsoDb): Promise<ReturnType<typeof plain>> {
  const other = new PulsoDb({ name: db.name });
  try {
    return plain(await loadHistory(other));
  } finally {
    other.close();
  }
}

describe('the chunks a connection keeps', () => {
  it('loads the history from memory after an import, the same as a fresh connection reads it', async () => {
    const db = freshDb();
    await saveImports(db, [{ fileName: 'jan.csv', asOf: JAN, portfolio: january }]);
    expect(db.chunkCache.size).toBe(1);
    await saveImports(db, [{ fileName: 'feb.csv', asOf: FEB, portfolio: february }]);
    expect(db.chunkCache.size).toBe(2);
    const history = plain(await loadHistory(db));
    expect(history.map((s) => s.day)).toEqual([JAN, FEB]);
    expect(history[1]!.values['c']).toEqual({ nps: 10, city: 'Porto' });
    expect(history).toEqual(await fromDisk(db));
  });

  it('keeps what it read: a second load on the same connection equals the first', async () => {
    const db = freshDb();
    await saveImports(db, [{ fileName: 'jan.csv', asOf: JAN, portfolio: january }, { fileName: 'feb.csv', asOf: FEB, portfolio: february }]);
    const reader = new PulsoDb({ name: db.name });
    try {
      const first = plain(await loadHistory(reader));
      expect(reader.chunkCache.size).toBe(2);
      expect(plain(await loadHistory(reader))).toEqual(first);
    } finally {
      reader.close();
    }
  });

  it('forgets a deleted import and nothing else', async () => {
    const db = freshDb();
    await saveImports(db, [{ fileName: 'jan.csv', asOf: JAN, portfolio: january }, { fileName: 'feb.csv', asOf: FEB, portfolio: february }]);
    await loadHistory(db);
    await deleteImport(db, (await listImports(db)).find((i) => i.asOf === FEB)!.id);
    const history = plain(await loadHistory(db));
    expect(db.chunkCache.size).toBe(1);
    expect(history.map((s) => s.day)).toEqual([JAN]);
    expect(history).toEqual(await fromDisk(db));
  });

  it('never serves another content under a reused import id (a backup restored by replacing)', async () => {
    // A backup holding February's file as import 1.
    const source = freshDb();
    await saveImports(source, [{ fileName: 'feb.csv', asOf: FEB, portfolio: february }]);
    const read = readBackup(await createBackup(source));
    if (!read.ok) throw new Error('the backup did not read');

    // This device has January's file as import 1, in memory too.
    const db = freshDb();
    await clearData(db);
    await saveImports(db, [{ fileName: 'jan.csv', asOf: JAN, portfolio: january }]);
    expect((await listImports(db)).map((i) => i.id)).toEqual((await listImports(source)).map((i) => i.id));
    await restoreBackup(db, read.backup, 'replace');

    const history = plain(await loadHistory(db));
    expect(history.map((s) => s.day)).toEqual([FEB]);
    expect(history[0]!.values).toEqual({ b: { nps: 7 }, c: { nps: 10, city: 'Porto' } });
    expect(history).toEqual(await fromDisk(db));
  });

  it('keeps nothing past its budget, and reads such imports from IndexedDB', async () => {
    const cache = new ChunkCache(1);
    cache.put({ id: 1, contentHash: 'x' }, [{ importId: 1, column: 0, chunk: 0, kind: 'number', rows: 1, values: new Float64Array(1).buffer }]);
    expect(cache.size).toBe(0);
    expect(cache.get({ id: 1, contentHash: 'x' })).toBeUndefined();
  });
});
