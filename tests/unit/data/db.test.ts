import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { PulsoDb, SCHEMA_VERSIONS, declareVersions } from '../../../src/data/db';
import { addEntry, allEntries } from '../../../src/data/entries-repo';
import { loadHistory, saveImport } from '../../../src/data/imports-repo';
import { addOverride, listOverrides } from '../../../src/data/overrides-repo';
import { addTasks, listPlaybooks, listTasks, seedPlaybooks } from '../../../src/data/tasks-repo';
import { getOutcome, listOutcomes, putOutcomes } from '../../../src/data/outcomes-repo';
import { taskCause } from '../../../src/data/db';
import { listScoreSnapshots, loadScoreSnapshot, saveScoreSnapshot } from '../../../src/data/snapshots-repo';
import { day, makePortfolio } from '../../factories';
import { seedAtVersion } from './migration-harness';
import { byCustomer, freshDb, freshName } from './support';

const JAN = day('2024-01-31');

describe('schema', () => {
  it('opens an empty database at version 5 with every table, empty', async () => {
    const db = freshDb();
    await db.open();
    expect(db.verno).toBe(5);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['chunks', 'entries', 'imports', 'outcomes', 'overrides', 'playbooks', 'scoreChunks', 'scoreSnapshots', 'settings', 'tasks']);
    expect(db.outcomes.schema.primKey.keyPath).toBe('customerId');
    expect(Object.keys(db.outcomes.schema.idxByName).sort()).toEqual(['day', 'status']);
    expect(db.tasks.schema.idxByName['cause']?.unique).toBe(true);
    expect(db.overrides.schema.idxByName['customerId']).toBeDefined();
    expect(db.chunks.schema.primKey.keyPath).toEqual(['importId', 'column', 'chunk']);
    expect(db.scoreChunks.schema.primKey.keyPath).toEqual(['snapshotId', 'column', 'chunk']);
    expect(db.scoreSnapshots.schema.idxByName['[asOf+revision]']?.unique).toBe(true);
    for (const table of db.tables) expect(await table.count()).toBe(0);
  });

  it('keeps versions append-only: numbered 1, 2, 3… in order', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
  });
});

describe('migrations (harness: seed version n−1, open the current schema)', () => {
  it('finds rows written by version 1 intact when opened with version 2, and the new tables empty and usable', async () => {
    const name = freshName();
    const v1Import = {
      id: 7,
      fileName: 'jan.csv',
      importedAt: 1_706_000_000_000,
      asOf: JAN,
      rowCount: 2,
      customerCount: 2,
      columns: [{ name: 'nps', kind: 'number', observedOn: false }, { name: 'mood', kind: 'text', observedOn: false }],
      summary: { new: 2, updated: 0, unchanged: 0, skipped: 0 },
      problemCount: 0,
      contentHash: '0123456789abcdef',
    };
    // Rows as version 1 writes them, literally: the stored format is the contract.
    await seedAtVersion(name, 1, async (v1) => {
      expect(v1.tables.map((t) => t.name).sort()).toEqual(['chunks', 'imports', 'settings']);
      await v1.table('imports').add(v1Import);
      await v1.table('chunks').bulkAdd([
        { importId: 7, column: -1, chunk: 0, kind: 'ids', rows: 2, labels: ['a', 'b'] },
        { importId: 7, column: 0, chunk: 0, kind: 'number', rows: 2, values: Float64Array.from([9, NaN]).buffer },
        { importId: 7, column: 1, chunk: 0, kind: 'text', rows: 2, values: Int32Array.from([-1, 0]).buffer, labels: ['triste'] },
      ]);
      await v1.table('settings').bulkPut([{ key: 'locale', value: 'pt-BR' }, { key: 'mapping:abc', value: { fields: { id: 0 }, metrics: {} } }]);
    });

    const db = new PulsoDb({ name });
    try {
      await db.open();
      expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
      expect(await db.settings.toArray()).toEqual([
        { key: 'locale', value: 'pt-BR' },
        { key: 'mapping:abc', value: { fields: { id: 0 }, metrics: {} } },
      ]);
      expect(await db.imports.toArray()).toEqual([v1Import]);
      expect(await db.chunks.count()).toBe(3);
      const history = await loadHistory(db);
      expect(history.map((s) => [s.day, byCustomer(s.portfolio)])).toEqual([[JAN, { a: { nps: 9 }, b: { mood: 'triste' } }]]);
      expect(await db.entries.count()).toBe(0);
      expect(await db.scoreSnapshots.count()).toBe(0);
      expect(await db.scoreChunks.count()).toBe(0);

      // …and the database goes on working: the next import is compared with the seeded one…
      const next = await saveImport(db, { fileName: 'feb.csv', asOf: JAN + 29, portfolio: makePortfolio([{ id: 'a', nps: 9 }, { id: 'c', nps: 1 }]) });
      expect(next.summary).toMatchObject({ new: 1, unchanged: 1 });
      expect(next.importId).toBeGreaterThan(7);
      // …and the new tables take rows.
      await addEntry(db, { customerId: 'a', day: JAN, column: 'nps', kind: 'number', value: 10 });
      expect((await allEntries(db)).map((e) => e.value)).toEqual([10]);
      const id = await saveScoreSnapshot(db, {
        asOf: JAN, revision: 'r1', modelName: 'M', dataStamp: 's', ids: ['a'], score: Float64Array.of(80),
        coverage: Float64Array.of(1), band: Uint8Array.of(0), bands: [{ id: 'healthy', label: 'Healthy', color: '#0a0' }], categories: [],
      });
      expect((await listScoreSnapshots(db)).map((s) => s.id)).toEqual([id]);
      expect(Array.from((await loadScoreSnapshot(db, id))!.score)).toEqual([80]);
    } finally {
      await db.delete();
    }
  });

  it('finds rows written by version 2 intact when opened with version 3, and overrides empty and usable', async () => {
    const name = freshName();
    const entry = { id: 4, customerId: 'a', day: JAN, createdAt: 1_000, column: 'nps', kind: 'number', value: 7, note: 'ligou' };
    const snapshot = {
      id: 2, asOf: JAN, revision: 'r1', modelName: 'M', dataStamp: 's', size: 1, createdAt: 2_000,
      bands: [{ id: 'red', label: 'Red', color: '#c00' }, { id: 'insufficient', label: 'Insufficient data', color: '#999' }], categories: [],
    };
    await seedAtVersion(name, 2, async (v2) => {
      expect(v2.tables.map((t) => t.name).sort()).toEqual(['chunks', 'entries', 'imports', 'scoreChunks', 'scoreSnapshots', 'settings']);
      await v2.table('entries').add(entry);
      await v2.table('scoreSnapshots').add(snapshot);
      await v2.table('scoreChunks').bulkAdd([
        { snapshotId: 2, column: -1, chunk: 0, rows: 1, labels: ['a'] },
        { snapshotId: 2, column: 0, chunk: 0, rows: 1, values: Float64Array.of(42).buffer },
        { snapshotId: 2, column: 1, chunk: 0, rows: 1, values: Float64Array.of(1).buffer },
        { snapshotId: 2, column: 2, chunk: 0, rows: 1, values: Uint8Array.of(0).buffer },
      ]);
      await v2.table('settings').put({ key: 'model', value: '{"format":"health-model/v1"}' });
    });

    const db = new PulsoDb({ name });
    try {
      await db.open();
      expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
      expect(await db.entries.toArray()).toEqual([entry]);
      expect(await db.scoreSnapshots.toArray()).toEqual([snapshot]);
      const loaded = (await loadScoreSnapshot(db, 2))!;
      expect([loaded.ids, Array.from(loaded.score), Array.from(loaded.band)]).toEqual([['a'], [42], [0]]);
      expect(await db.settings.get('model')).toEqual({ key: 'model', value: '{"format":"health-model/v1"}' });
      expect(await db.overrides.count()).toBe(0);
      const id = await addOverride(db, { customerId: 'a', band: 'red', reason: 'Sponsor left', startsOn: JAN, expiresOn: JAN + 30 });
      expect((await listOverrides(db, 'a')).map((o) => [o.id, o.band, o.reason])).toEqual([[id, 'red', 'Sponsor left']]);
    } finally {
      await db.delete();
    }
  });

  it('finds rows written by version 3 intact when opened with version 4, and playbooks and tasks empty and usable', async () => {
    const name = freshName();
    const override = { id: 3, customerId: 'a', band: 'green', reason: 'Renewed early', startsOn: JAN, expiresOn: JAN + 30, createdAt: 5_000 };
    const entry = { id: 1, customerId: 'a', day: JAN, createdAt: 1_000, note: 'called' };
    await seedAtVersion(name, 3, async (v3) => {
      expect(v3.tables.map((t) => t.name).sort()).toEqual(['chunks', 'entries', 'imports', 'overrides', 'scoreChunks', 'scoreSnapshots', 'settings']);
      await v3.table('overrides').add(override);
      await v3.table('entries').add(entry);
      await v3.table('settings').put({ key: 'bandActions', value: { red: 'Call' } });
    });
    const db = new PulsoDb({ name });
    try {
      await db.open();
      expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
      expect(await db.overrides.toArray()).toEqual([override]);
      expect(await db.entries.toArray()).toEqual([entry]);
      expect(await db.settings.get('bandActions')).toEqual({ key: 'bandActions', value: { red: 'Call' } });
      expect([await db.playbooks.count(), await db.tasks.count()]).toEqual([0, 0]);
      expect(await seedPlaybooks(db, [{ id: 'p1' }])).toBe(true);
      expect((await listPlaybooks(db)).map((p) => p.id)).toEqual(['p1']);
      const task = {
        customerId: 'a', title: 'Call', description: '', priority: 'high' as const, owner: 'Ana', playbookId: 'p1', actionIndex: 0, since: JAN,
        cause: taskCause('p1', 0, 'a', JAN), createdOn: JAN, dueOn: JAN + 2, createdAt: 9_000, status: 'open' as const,
      };
      expect(await addTasks(db, [task])).toHaveLength(1);
      expect((await listTasks(db, { customerId: 'a' })).map((t) => t.title)).toEqual(['Call']);
    } finally {
      await db.delete();
    }
  });

  it('finds rows written by version 4 (in every table) intact when opened with version 5, and outcomes empty and usable', async () => {
    const name = freshName();
    // Rows as version 4 writes them, literally, one or more in each of its tables.
    const v4 = {
      imports: [{
        id: 2, fileName: 'jan.csv', importedAt: 1_706_000_000_000, asOf: JAN, rowCount: 2, customerCount: 2,
        columns: [{ name: 'nps', kind: 'number', observedOn: false }], summary: { new: 2, updated: 0, unchanged: 0, skipped: 0 }, problemCount: 0,
        contentHash: 'fedcba9876543210',
      }],
      chunks: [
        { importId: 2, column: -1, chunk: 0, kind: 'ids', rows: 2, labels: ['a', 'b'] },
        { importId: 2, column: 0, chunk: 0, kind: 'number', rows: 2, values: Float64Array.from([9, 3]).buffer },
      ],
      settings: [{ key: 'locale', value: 'es' }, { key: 'playbooksSeeded', value: true }],
      entries: [{ id: 1, customerId: 'a', day: JAN, createdAt: 1_000, column: 'nps', kind: 'number', value: 7, note: 'ligou' }],
      scoreSnapshots: [{
        id: 1, asOf: JAN, revision: 'r1', modelName: 'M', dataStamp: 's', size: 1, createdAt: 2_000,
        bands: [{ id: 'red', label: 'Red', color: '#c00' }, { id: 'insufficient', label: 'Insufficient data', color: '#999' }], categories: [],
      }],
      scoreChunks: [
        { snapshotId: 1, column: -1, chunk: 0, rows: 1, labels: ['a'] },
        { snapshotId: 1, column: 0, chunk: 0, rows: 1, values: Float64Array.of(42).buffer },
        { snapshotId: 1, column: 1, chunk: 0, rows: 1, values: Float64Array.of(1).buffer },
        { snapshotId: 1, column: 2, chunk: 0, rows: 1, values: Uint8Array.of(0).buffer },
      ],
      overrides: [{ id: 3, customerId: 'a', band: 'red', reason: 'Sponsor left', startsOn: JAN, expiresOn: JAN + 30, createdAt: 5_000, endedAt: 6_000 }],
      playbooks: [{ id: 'p1', order: 0, playbook: { id: 'p1', name: 'Red' } }],
      tasks: [
        {
          id: 1, customerId: 'a', title: 'Call', description: '', priority: 'high', owner: 'Ana', playbookId: 'p1', playbookName: 'Red', actionIndex: 0,
          since: JAN, cause: taskCause('p1', 0, 'a', JAN), createdOn: JAN, dueOn: JAN + 2, createdAt: 9_000, status: 'open',
        },
        { id: 2, customerId: 'b', title: 'Mail', description: 'x', priority: 'low', owner: '', createdOn: JAN, dueOn: JAN, createdAt: 9_500, status: 'dismissed', note: 'No', closedAt: 9_600 },
      ],
    };
    await seedAtVersion(name, 4, async (old) => {
      expect(old.tables.map((t) => t.name).sort()).toEqual(['chunks', 'entries', 'imports', 'overrides', 'playbooks', 'scoreChunks', 'scoreSnapshots', 'settings', 'tasks']);
      for (const [table, rows] of Object.entries(v4)) await old.table(table).bulkAdd(rows);
    });
    const db = new PulsoDb({ name });
    try {
      await db.open();
      expect(db.verno).toBe(5);
      const bytes = (b: unknown) => (b instanceof ArrayBuffer ? Array.from(new Uint8Array(b)) : b);
      const plain = (rows: Record<string, unknown>[]) => rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, bytes(v)])));
      for (const [table, rows] of Object.entries(v4)) {
        expect(plain(await db.table(table).toArray()), table).toEqual(plain(rows));
      }
      expect(Array.from((await loadScoreSnapshot(db, 1))!.score)).toEqual([42]);
      expect((await loadHistory(db)).map((s) => byCustomer(s.portfolio))).toEqual([{ a: { nps: 9 }, b: { nps: 3 } }]);
      expect(await db.outcomes.count()).toBe(0);
      expect(await putOutcomes(db, [{ customerId: 'a', status: 'churned', day: JAN + 40, source: 'manual', recordedAt: 10_000 }])).toEqual({ replaced: 0 });
      expect((await getOutcome(db, 'a'))?.status).toBe('churned');
      expect(await listOutcomes(db)).toHaveLength(1);
      // The older tables go on working next to it.
      expect(await addTasks(db, [{ customerId: 'b', title: 'Call b', description: '', priority: 'normal', owner: '', createdOn: JAN, dueOn: JAN, createdAt: 11_000, status: 'open' }])).toHaveLength(1);
    } finally {
      await db.delete();
    }
  });

  it('refuses to seed a version that never shipped', async () => {
    await expect(seedAtVersion(freshName(), SCHEMA_VERSIONS.length + 1, async () => {})).rejects.toThrow(/never shipped/);
  });
});

describe('another tab opens a newer version', () => {
  it('closes this tab’s database for good and tells the app', async () => {
    const name = freshName();
    let told = 0;
    const tab = new PulsoDb({ name, onVersionChange: () => (told += 1) });
    const otherTab = new PulsoDb({ name });
    await tab.open();
    await otherTab.open();

    // A version 2 that exists only in this test, opened as a newer app would.
    const newer = new Dexie(name);
    declareVersions(newer, [...SCHEMA_VERSIONS, { version: SCHEMA_VERSIONS.length + 1, stores: { notes: '++id' } }]);
    await newer.open();

    expect(told).toBe(1);
    expect(tab.isOpen()).toBe(false);
    expect(otherTab.isOpen()).toBe(false);
    // No silent reopen with the old schema: every later call fails.
    await expect(saveImport(tab, { fileName: 'x.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 1 }]) })).rejects.toMatchObject({
      name: 'DatabaseClosedError',
    });
    await expect(loadHistory(tab)).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    expect(await newer.table('imports').count()).toBe(0);
    await newer.delete();
  });

  it('says when opening is blocked by an old connection, and opens once that one closes', async () => {
    const name = freshName();
    // An old connection that ignores versionchange (an old app version in another tab).
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    let blocked = 0;
    const db = new PulsoDb({
      name,
      onBlocked: () => {
        blocked += 1;
        old.close();
      },
    });
    await db.open();
    expect(blocked).toBe(1);
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    await db.delete();
  });
});

describe('freshDb', () => {
  it('gives each test its own database', async () => {
    const a = freshDb();
    const b = freshDb();
    await saveImport(a, { fileName: 'a.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 1 }]) });
    expect(await b.imports.count()).toBe(0);
  });
});
