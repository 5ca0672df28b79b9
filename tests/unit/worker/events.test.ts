/**
 * Database events pushed to the UI, black-box: another tab (or a newer Pulso) opening the same
 * database with a higher version closes this service's connection and says so; a newer Pulso
 * waiting for an older tab to close says that too.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { day, freshService, importText, recordEvents } from './support';

const JULY = day('2024-07-01');

describe('database events', () => {
  it('tells the listener the database was closed when another connection opens a newer version', async () => {
    const { service, name } = freshService();
    const events = await recordEvents(service);
    await service.loadLocal({ asOf: JULY });
    await importText(service, 'a.csv', 'id,name,nps\nA1,Alpha,9\n', JULY);
    expect(events).toEqual([]);

    // A newer Pulso in another tab: the same database, schema version 3 (Dexie's version 2 is IndexedDB's 20).
    const newer = new Dexie(name);
    newer.version(3).stores({ imports: '++id, asOf, [asOf+contentHash]', chunks: '[importId+column+chunk]', settings: 'key', entries: '++id, customerId, day', scoreSnapshots: '++id, &[asOf+revision]', scoreChunks: '[snapshotId+column+chunk]', extra: '++id' });
    await newer.open();
    expect(events).toEqual([{ type: 'database-closed' }]);
    // The newer connection opened (it was not left waiting) and still finds this tab's data.
    expect(await newer.table('imports').count()).toBe(1);
    newer.close();

    // This tab's connection is closed for good: what needs the database fails instead of reopening the old schema.
    await expect(service.listImports()).rejects.toThrow();
    // What is already in memory still shows.
    expect((await service.summary()).size).toBe(1);
  });

  it('tells the listener it waits when an older connection does not close', async () => {
    const { service, name } = freshService();
    const blocked = new Promise((resolve) => void service.subscribe(resolve));
    // An older Pulso (schema 1) in another tab keeps the database open and ignores the upgrade request.
    const older = new Dexie(name);
    older.version(1).stores({ imports: '++id, asOf, [asOf+contentHash]', chunks: '[importId+column+chunk]', settings: 'key' });
    older.on('versionchange', () => false);
    await older.open();

    const loading = service.loadLocal({ asOf: JULY });
    expect(await blocked).toEqual({ type: 'database-blocked' });
    // Once the older tab closes, the upgrade goes on by itself.
    older.close();
    expect(await loading).toMatchObject({ source: 'local', size: 0, imports: 0 });
  });
});
