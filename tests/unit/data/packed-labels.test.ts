import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Column, Portfolio } from '../../../src/engine/portfolio';
import { loadHistory, saveImport } from '../../../src/data/imports-repo';
import { day } from '../../factories';
import { cells, freshDb } from './support';

const JAN = day('2024-01-31');

/** The chunks exactly as IndexedDB holds them, read beside Dexie. */
async function rawChunks(name: string): Promise<Record<string, unknown>[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    return await new Promise((resolve, reject) => {
      const request = db.transaction('chunks').objectStore('chunks').getAll();
      request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

function portfolio(): Portfolio {
  const columns = new Map<string, Column>([['owner', { kind: 'text', codes: Int32Array.from([0, 1, -1]), labels: ['Ana "A"', 'João\u0000Silva'] }]]);
  return { size: 3, ids: ['c1', 'c,2', 'c\n3'], columns };
}

describe('labels stored packed', () => {
  it('keeps ids and text dictionaries as one JSON string per chunk, and gives them back as arrays', async () => {
    const db = freshDb();
    await saveImport(db, { fileName: 'a.csv', asOf: JAN, portfolio: portfolio() });
    const name = db.name;
    db.close();

    const raw = await rawChunks(name);
    expect(raw.every((chunk) => !('labels' in chunk))).toBe(true);
    expect(raw.map((chunk) => chunk['labelsJson'])).toEqual(expect.arrayContaining([JSON.stringify(['c1', 'c,2', 'c\n3']), JSON.stringify(['Ana "A"', 'João\u0000Silva'])]));

    await db.open();
    const [snapshot] = await loadHistory(db);
    expect(snapshot!.portfolio.ids).toEqual(['c1', 'c,2', 'c\n3']);
    expect(cells(snapshot!.portfolio.columns.get('owner'))).toEqual(['Ana "A"', 'João\u0000Silva', null]);
  });

  it('still reads chunks stored with labels as arrays (as the first versions stored them)', async () => {
    const db = freshDb();
    await saveImport(db, { fileName: 'a.csv', asOf: JAN, portfolio: portfolio() });
    const name = db.name;
    db.close();
    // Rewrite every chunk the old way, beside Dexie.
    const raw = await rawChunks(name);
    const idb = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction('chunks', 'readwrite');
      for (const { labelsJson, ...chunk } of raw) tx.objectStore('chunks').put(labelsJson === undefined ? chunk : { ...chunk, labels: JSON.parse(labelsJson as string) as unknown });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    idb.close();

    await db.open();
    const [snapshot] = await loadHistory(db);
    expect(snapshot!.portfolio.ids).toEqual(['c1', 'c,2', 'c\n3']);
    expect(cells(snapshot!.portfolio.columns.get('owner'))).toEqual(['Ana "A"', 'João\u0000Silva', null]);
  });
});
