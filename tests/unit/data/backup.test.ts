import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT, BACKUP_TABLES, BACKUP_UPGRADES, CURRENT_SCHEMA_VERSION, createBackup, readBackup, restoreBackup,
  type Backup, type RawTables,
} from '../../../src/data/backup';
import { clearData } from '../../../src/data/dataset';
import { SCHEMA_VERSIONS, taskCause, type PulsoDb } from '../../../src/data/db';
import { addTasks, putPlaybook, updateTask } from '../../../src/data/tasks-repo';
import { addEntry, allEntries } from '../../../src/data/entries-repo';
import { deleteImport, listImports, loadHistory, saveImport } from '../../../src/data/imports-repo';
import { addOverride, endOverride } from '../../../src/data/overrides-repo';
import { getOutcome, listOutcomes, putOutcomes } from '../../../src/data/outcomes-repo';
import { listScoreSnapshots, loadScoreSnapshot, saveScoreSnapshot, type ScoreSnapshotInput } from '../../../src/data/snapshots-repo';
import { day, makePortfolio } from '../../factories';
import { byCustomer, freshDb } from './support';

const JAN = day('2024-01-31');
const FEB = day('2024-02-29');
const MAR = day('2024-03-31');

const janPortfolio = () => makePortfolio(
  [
    { id: 'açaí-1', nps: 9.5, paid: true, renewal: { date: '2025-03-01' }, city: 'São Paulo' },
    { id: 'Zoë', nps: null, paid: false, renewal: null, city: 'Zürich' },
    { id: 'ñ', nps: -0.25, paid: null, renewal: { date: '1969-12-31' }, city: null },
  ],
  { observedOn: { nps: ['2024-01-02', null, '2023-12-31'] } },
);
const febPortfolio = () => makePortfolio([
  { id: 'Zoë', nps: 7, city: 'Genève' },
  { id: 'new', nps: NaN, paid: true },
]);

async function saveJan(db: PulsoDb): Promise<void> {
  await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: janPortfolio(), skipped: 2, problemCount: 1 });
}
async function saveFeb(db: PulsoDb): Promise<void> {
  await saveImport(db, { fileName: 'feb.csv', asOf: FEB, portfolio: febPortfolio() });
}

const BANDS = [
  { id: 'at-risk', label: 'At risk', color: '#c00' },
  { id: 'healthy', label: 'Healthy', color: '#0a0' },
  { id: 'insufficient', label: 'Insufficient data', color: '#999' },
];

/** Scores of `ids` on `asOf` under `revision`, with two categories; `seed` varies the values. */
function scores(asOf: number, revision: string, ids: readonly string[], seed = 0): ScoreSnapshotInput {
  const n = ids.length;
  return {
    asOf,
    revision,
    modelName: 'Saúde',
    dataStamp: `stamp-${seed}`,
    ids,
    score: Float64Array.from({ length: n }, (_, i) => (i === 1 ? Number.NaN : 40 + i + seed)),
    coverage: Float64Array.from({ length: n }, (_, i) => (i === 1 ? 0 : 0.75)),
    band: Uint8Array.from({ length: n }, (_, i) => (i === 1 ? 2 : (i + seed) % 2)),
    bands: BANDS,
    categories: [
      { id: 'usage', values: Float64Array.from({ length: n }, (_, i) => (i === 1 ? Number.NaN : -0.5 * i + seed)) },
      { id: 'sentiment', values: Float64Array.from({ length: n }, (_, i) => i * 1e-9 + seed) },
    ],
  };
}

async function addEntries(db: PulsoDb): Promise<void> {
  await addEntry(db, { customerId: 'Zoë', day: FEB, column: 'nps', kind: 'number', value: 8, createdAt: 1_000 });
  await addEntry(db, { customerId: 'açaí-1', day: JAN, note: 'Ligou: “renovação” ok', createdAt: 2_000 });
  await addEntry(db, { customerId: 'ñ', day: FEB, column: 'renewal', kind: 'date', value: day('2025-06-30'), note: 'moved', createdAt: 3_000 });
  await addEntry(db, { customerId: 'ñ', day: FEB, column: 'paid', kind: 'boolean', value: false, createdAt: 4_000 });
}

async function addOverrides(db: PulsoDb): Promise<void> {
  await addOverride(db, { customerId: 'Zoë', band: 'at-risk', reason: 'Patrocinador saiu; “renovação” em risco', startsOn: FEB, expiresOn: MAR, createdAt: 5_000 });
  const ended = await addOverride(db, { customerId: 'ñ', band: 'healthy', reason: 'Pago', startsOn: JAN, expiresOn: FEB, createdAt: 6_000 });
  await endOverride(db, ended, 7_000);
}

/** A playbook task (open) and a task added by hand (dismissed). */
async function addPlaybooksAndTasks(db: PulsoDb): Promise<void> {
  await putPlaybook(db, { id: 'red', name: 'Vermelho: contatar já', enabled: true, match: 'all', triggers: [{ kind: 'in-band', band: 'red' }], actions: [] } as { id: string });
  await putPlaybook(db, { id: 'mine', name: 'Mine' } as { id: string });
  await addTasks(db, [
    { customerId: 'Zoë', title: 'Ligar já', description: '', priority: 'high', owner: 'Ana', playbookId: 'red', playbookName: 'Vermelho', actionIndex: 0, since: JAN, cause: taskCause('red', 0, 'Zoë', JAN), createdOn: FEB, dueOn: FEB + 2, createdAt: 8_000, status: 'open' },
  ]);
  const manual = (await addTasks(db, [{ customerId: 'ñ', title: 'Send “contract”', description: 'by mail', priority: 'low', owner: '', createdOn: FEB, dueOn: MAR, createdAt: 9_000, status: 'open' }]))[0]!.id;
  await updateTask(db, manual, { status: 'dismissed', note: 'Not needed', closedAt: 9_500 });
}

/** Two outcomes: one from an imported file, one set by hand with a note. */
async function addOutcomes(db: PulsoDb): Promise<void> {
  await putOutcomes(db, [
    { customerId: 'Zoë', status: 'churned', day: MAR, source: 'import', fileName: 'churn “março”.csv', recordedAt: 10_000 },
    { customerId: 'ñ', status: 'renewed', day: FEB, source: 'manual', note: 'Renovou por 2 anos', recordedAt: 11_000 },
  ]);
}

/** A database with two imports, four entries, two score snapshots, two overrides (one ended), two playbooks, two tasks, two outcomes and two settings. */
async function seeded(): Promise<PulsoDb> {
  const db = freshDb();
  await saveJan(db);
  await saveFeb(db);
  await addEntries(db);
  await addOverrides(db);
  await addPlaybooksAndTasks(db);
  await addOutcomes(db);
  await saveScoreSnapshot(db, scores(JAN, 'rev-1', ['açaí-1', 'Zoë', 'ñ'], 1));
  await saveScoreSnapshot(db, scores(FEB, 'rev-1', ['açaí-1', 'Zoë', 'ñ', 'new'], 2));
  await db.settings.bulkAdd([{ key: 'locale', value: 'pt-BR' }, { key: 'wizard', value: { step: 2, chosen: ['nps', 'city'] } }]);
  return db;
}

const bytesOf = (buffer: ArrayBuffer | undefined): number[] | undefined => buffer && Array.from(new Uint8Array(buffer));

/** Everything the database holds, as plain values (buffers as byte arrays). */
async function contents(db: PulsoDb) {
  const history = await loadHistory(db);
  return {
    imports: await listImports(db),
    history: history.map((s) => ({ day: s.day, customers: byCustomer(s.portfolio) })),
    chunks: (await db.chunks.toArray()).map((c) => ({ ...c, values: bytesOf(c.values), observedOn: bytesOf(c.observedOn) })),
    entries: await db.entries.toArray(),
    scoreSnapshots: await db.scoreSnapshots.toArray(),
    scoreChunks: (await db.scoreChunks.toArray()).map((c) => ({ ...c, values: bytesOf(c.values) })),
    overrides: await db.overrides.toArray(),
    playbooks: await db.playbooks.toArray(),
    tasks: await db.tasks.toArray(),
    outcomes: await db.outcomes.toArray(),
    settings: await db.settings.toArray(),
  };
}

/** The score snapshots as loaded, without ids (which a merge changes), in `asOf` order. */
async function snapshotData(db: PulsoDb) {
  const out = [];
  for (const { id } of await listScoreSnapshots(db)) {
    const loaded = (await loadScoreSnapshot(db, id))!;
    out.push({
      asOf: loaded.asOf,
      revision: loaded.revision,
      modelName: loaded.modelName,
      dataStamp: loaded.dataStamp,
      ids: loaded.ids,
      bands: loaded.bands,
      score: Array.from(loaded.score),
      coverage: Array.from(loaded.coverage),
      band: Array.from(loaded.band),
      categories: loaded.categories.map((c) => ({ id: c.id, values: Array.from(c.values) })),
    });
  }
  return out;
}

/** The backup file as JSON, to damage it. */
type File = { format: string; schemaVersion: number; createdAt: string; tables: Record<string, number>; rows: RawTables };
function parse(bytes: Uint8Array): File {
  return JSON.parse(new TextDecoder().decode(bytes)) as File;
}
function serialize(file: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(file));
}
function read(bytes: Uint8Array, ...rest: Parameters<typeof readBackup> extends [unknown, ...infer R] ? R : never): Backup {
  const result = readBackup(bytes, ...rest);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.backup;
}
function problemsOf(bytes: Uint8Array, ...rest: Parameters<typeof readBackup> extends [unknown, ...infer R] ? R : never): string[] {
  const result = readBackup(bytes, ...rest);
  if (result.ok) throw new Error('the backup was accepted');
  return result.problems;
}

describe('createBackup', () => {
  it('writes one JSON file with the header first, row counts and base64 buffers', async () => {
    const db = await seeded();
    const file = parse(await createBackup(db));
    expect(Object.keys(file)).toEqual(['format', 'schemaVersion', 'createdAt', 'tables', 'rows']);
    expect(file.format).toBe(BACKUP_FORMAT);
    expect(file.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(Number.isNaN(Date.parse(file.createdAt))).toBe(false);
    expect(file.tables).toEqual({
      imports: 2, chunks: await db.chunks.count(), entries: 4, scoreSnapshots: 2, scoreChunks: await db.scoreChunks.count(), overrides: 2, playbooks: 2, tasks: 2, outcomes: 2, settings: 3,
    });
    expect(Object.keys(file.rows)).toEqual([...BACKUP_TABLES]);
    const chunk = file.rows.chunks!.find((c) => (c as { kind: string }).kind === 'number') as { values: unknown };
    expect(typeof chunk.values).toBe('string');
    const scoreChunk = file.rows.scoreChunks!.find((c) => (c as { column: number }).column === 0) as { values: unknown };
    expect(typeof scoreChunk.values).toBe('string');
    expect(file.rows.entries![0]).toEqual({ id: 1, customerId: 'Zoë', day: FEB, createdAt: 1_000, column: 'nps', kind: 'number', value: 8 });
    expect(file.rows.overrides).toEqual([
      { id: 1, customerId: 'Zoë', band: 'at-risk', reason: 'Patrocinador saiu; “renovação” em risco', startsOn: FEB, expiresOn: MAR, createdAt: 5_000 },
      { id: 2, customerId: 'ñ', band: 'healthy', reason: 'Pago', startsOn: JAN, expiresOn: FEB, createdAt: 6_000, endedAt: 7_000 },
    ]);
  });

  it('has an upgrade for backups of every earlier schema', () => {
    for (const { version } of SCHEMA_VERSIONS.slice(1)) expect(BACKUP_UPGRADES[version - 1], `schema ${version - 1} → ${version}`).toBeTypeOf('function');
  });

  it('backs up every table of the schema', async () => {
    const db = freshDb();
    await db.open();
    expect([...BACKUP_TABLES].sort()).toEqual(db.tables.map((t) => t.name).sort());
  });
});

describe('backup then restore', () => {
  it('replace: backup → clear → restore gives identical tables, typed-array bytes included', async () => {
    const db = await seeded();
    const before = await contents(db);
    const snapshotsBefore = await snapshotData(db);
    const bytes = await createBackup(db);
    await clearData(db);
    await db.settings.clear();
    await db.overrides.clear();
    await db.playbooks.clear();

    const counts = await restoreBackup(db, read(bytes), 'replace');
    expect(counts).toEqual({
      imports: 2, chunks: before.chunks.length, entries: 4, scoreSnapshots: 2, scoreChunks: before.scoreChunks.length, overrides: 2, playbooks: 2, tasks: 2, outcomes: 2, settings: 3,
    });
    expect(before.overrides).toHaveLength(2);
    expect(await contents(db)).toEqual(before);
    expect(await snapshotData(db)).toEqual(snapshotsBefore);
    // A backup of the restored database is the same file, but for its date.
    const again = parse(await createBackup(db));
    expect({ ...again, createdAt: '' }).toEqual({ ...parse(bytes), createdAt: '' });
    // NaN days and NaN numbers survive byte for byte (checked above), and read back as missing.
    expect(before.history[0]!.customers['Zoë']).toEqual({ paid: false, city: 'Zürich' });
  });

  it('replace: restoring into another database drops what it held', async () => {
    const source = await seeded();
    const target = freshDb();
    await saveFeb(target);
    await target.settings.add({ key: 'other', value: 1 });
    await restoreBackup(target, read(await createBackup(source)), 'replace');
    expect(await contents(target)).toEqual(await contents(source));
  });

  it('restores an empty backup', async () => {
    const db = freshDb();
    const backup = read(await createBackup(db));
    expect(backup.imports).toEqual([]);
    const target = await seeded();
    expect(await restoreBackup(target, backup, 'replace')).toEqual({ imports: 0, chunks: 0, entries: 0, scoreSnapshots: 0, scoreChunks: 0, overrides: 0, playbooks: 0, tasks: 0, outcomes: 0, settings: 0 });
    for (const table of target.tables) expect(await table.count()).toBe(0);
  });

  it('merge: adds only the import not already stored, its chunks under the new id, and absent settings', async () => {
    const source = await seeded();
    const target = freshDb();
    // Ids in the target differ from the source's: the import saved first was deleted.
    await saveFeb(target);
    await deleteImport(target, 1);
    await saveFeb(target); // id 2: same asOf and content as the source's import 2
    await target.settings.add({ key: 'locale', value: 'es' });
    const febChunks = await target.chunks.count();

    const counts = await restoreBackup(target, read(await createBackup(source)), 'merge');
    // settings: the wizard's and that the default playbooks were stored.
    expect(counts).toMatchObject({ imports: 1, chunks: (await source.chunks.count()) - febChunks, settings: 2 });

    const imports = await listImports(target);
    expect(imports.map((r) => [r.fileName, r.id])).toEqual([['jan.csv', 3], ['feb.csv', 2]]);
    expect(await target.chunks.where('[importId+column+chunk]').between([3, -Infinity, -Infinity], [3, Infinity, Infinity]).count()).toBe(counts.chunks);
    // Same history as the source; the stored setting kept its value.
    expect((await contents(target)).history).toEqual((await contents(source)).history);
    expect(await target.settings.get('locale')).toEqual({ key: 'locale', value: 'es' });
    expect(await target.settings.get('wizard')).toEqual({ key: 'wizard', value: { step: 2, chosen: ['nps', 'city'] } });

    // Merging the same backup again adds nothing (its snapshots replace themselves).
    expect(await restoreBackup(target, read(await createBackup(source)), 'merge')).toEqual({
      imports: 0, chunks: 0, entries: 0, scoreSnapshots: 2, scoreChunks: await source.scoreChunks.count(), overrides: 0, playbooks: 0, tasks: 0, outcomes: 0, settings: 0,
    });
  });

  it('merge: adds entries the device lacks (the same entry is one entry whatever its id), under new ids', async () => {
    const source = await seeded();
    const target = freshDb();
    await addEntry(target, { customerId: 'other', day: JAN, note: 'mine', createdAt: 9_000 });
    // The source's third entry, typed on this device too (another id).
    await addEntry(target, { customerId: 'ñ', day: FEB, column: 'renewal', kind: 'date', value: day('2025-06-30'), note: 'moved', createdAt: 3_000 });
    // Same as the source's first but for createdAt: another entry.
    await addEntry(target, { customerId: 'Zoë', day: FEB, column: 'nps', kind: 'number', value: 8, createdAt: 1_001 });

    const counts = await restoreBackup(target, read(await createBackup(source)), 'merge');
    expect(counts.entries).toBe(3);
    const entries = await allEntries(target);
    expect(entries).toHaveLength(6);
    expect(new Set(entries.map((e) => e.id)).size).toBe(6);
    const strip = ({ id: _id, ...rest }: { id: number }) => rest;
    expect(entries.map(strip)).toEqual(expect.arrayContaining((await allEntries(source)).map(strip)));
    expect(await restoreBackup(target, read(await createBackup(source)), 'merge')).toMatchObject({ entries: 0 });
  });

  it('merge: the file’s score snapshot replaces the device’s of the same day and revision, the others stay', async () => {
    const source = await seeded(); // JAN and FEB of rev-1
    const target = freshDb();
    const janOld = await saveScoreSnapshot(target, scores(JAN, 'rev-1', ['x', 'y'], 7)); // replaced by the file's
    await saveScoreSnapshot(target, scores(JAN, 'rev-2', ['x'], 8)); // another revision: kept
    await saveScoreSnapshot(target, scores(MAR, 'rev-1', ['x'], 9)); // another day: kept

    const counts = await restoreBackup(target, read(await createBackup(source)), 'merge');
    expect(counts).toMatchObject({ scoreSnapshots: 2, scoreChunks: await source.scoreChunks.count() });
    expect((await listScoreSnapshots(target)).map((s) => [s.asOf, s.revision, s.dataStamp])).toEqual([
      [JAN, 'rev-1', 'stamp-1'], [JAN, 'rev-2', 'stamp-8'], [FEB, 'rev-1', 'stamp-2'], [MAR, 'rev-1', 'stamp-9'],
    ]);
    expect(await loadScoreSnapshot(target, janOld)).toBeNull();
    const data = await snapshotData(target);
    const sourceData = await snapshotData(source);
    expect(data.filter((s) => s.revision === 'rev-1' && s.asOf !== MAR)).toEqual(sourceData);
    // Chunks of the replaced snapshot are gone: every chunk belongs to a stored snapshot.
    const ids = new Set((await target.scoreSnapshots.toArray()).map((s) => s.id));
    for (const chunk of await target.scoreChunks.toArray()) expect(ids.has(chunk.snapshotId)).toBe(true);
    expect(await target.scoreChunks.count()).toBe((await source.scoreChunks.count()) + 2 * 6);
  });
});

describe('readBackup refuses a bad file with its problem, and nothing changes', () => {
  async function refused(damage: (file: File) => void): Promise<string[]> {
    const db = await seeded();
    const file = parse(await createBackup(db));
    damage(file);
    return problemsOf(serialize(file));
  }

  it('a truncated file', async () => {
    const db = await seeded();
    const before = await contents(db);
    const bytes = await createBackup(db);
    const problems = problemsOf(bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(problems).toEqual([expect.stringMatching(/^file: .*cut short/)]);
    expect(await contents(db)).toEqual(before);
  });

  it('a file that is not JSON, or not UTF-8', () => {
    expect(problemsOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff]))[0]).toMatch(/^file: /);
  });

  it('a file of another format', () => {
    expect(problemsOf(serialize({ format: 'something-else/v3' }))).toEqual([expect.stringMatching(/^format: .*"something-else\/v3".*Back up/)]);
    expect(problemsOf(serialize([1, 2]))[0]).toMatch(/^format: /);
  });

  it('a backup from a newer schema', async () => {
    const problems = await refused((file) => { file.schemaVersion = CURRENT_SCHEMA_VERSION + 1; });
    expect(problems).toEqual([expect.stringMatching(/^schemaVersion: .*newer Pulso.*Update Pulso/)]);
  });

  it('a table that lost rows, or is unknown', async () => {
    expect(await refused((file) => { file.rows.chunks!.pop(); })).toEqual([expect.stringMatching(/^rows\.chunks: has \d+ rows, the header says \d+/)]);
    const unknown = await refused((file) => { file.tables.notes = 0; file.rows.notes = []; });
    expect(unknown).toEqual([expect.stringMatching(/^tables\.notes: is not a table/)]);
  });

  it('an import row without its fields', async () => {
    const problems = await refused((file) => {
      const row = file.rows.imports![1] as Record<string, unknown>;
      delete row.fileName;
      row.columns = [{ name: 'nps', kind: 'money', observedOn: false }];
    });
    expect(problems).toContain('imports[1].fileName: should be a text, is missing. The file is damaged or was edited: use another backup.');
    expect(problems).toContainEqual(expect.stringMatching(/^imports\[1\]\.columns\[0\]: should be/));
  });

  it('a chunk of an import not in the backup, and columns left without rows', async () => {
    const problems = await refused((file) => { (file.rows.chunks![0] as { importId: number }).importId = 99; });
    expect(problems).toEqual([expect.stringMatching(/^chunks\[0\]\.importId: 99 is no import in this backup/)]);
    const short = await refused((file) => {
      file.rows.chunks!.shift(); // import 1's ids
      file.tables.chunks! -= 1;
    });
    expect(short).toEqual([expect.stringMatching(/^chunks \(import 1, column -1\): hold 0 rows, the import has 3 customers: rows are missing/)]);
  });

  it('buffers of the wrong length, or not base64', async () => {
    let index = -1;
    const problems = await refused((file) => {
      index = file.rows.chunks!.findIndex((c) => (c as { kind: string }).kind === 'number');
      const chunk = file.rows.chunks![index] as { values: string; observedOn?: string };
      chunk.values = btoa('1234567'); // 7 bytes for 3 numbers
      chunk.observedOn = '%%%';
    });
    expect(problems).toEqual([
      `chunks[${index}].values: has 7 bytes, 3 rows of number need 24. The file is damaged or was edited: use another backup.`,
      `chunks[${index}].observedOn: should be base64 bytes, is not valid base64. The file is damaged or was edited: use another backup.`,
    ]);
  });

  it('a chunk whose kind is not its column’s, and text codes past its labels', async () => {
    const problems = await refused((file) => {
      const chunks = file.rows.chunks as { kind: string; labels?: string[] }[];
      chunks.find((c) => c.kind === 'boolean')!.kind = 'number';
      chunks.find((c) => c.kind === 'text')!.labels!.pop();
    });
    expect(problems).toContainEqual(expect.stringMatching(/^chunks\[\d+\]\.kind: is "number", but column \d+ of import \d+ is boolean/));
    expect(problems).toContainEqual(expect.stringMatching(/^chunks\[\d+\]\.values: has label codes outside its \d+ labels/));
  });

  it('lists at most 50 problems', async () => {
    const problems = await refused((file) => {
      for (const chunk of file.rows.chunks as { rows: number }[]) chunk.rows = -1;
      for (let i = 0; i < 60; i++) file.rows.chunks!.push({ importId: 1, column: 0, chunk: 100 + i, kind: 'number', rows: -1 });
      file.tables.chunks = file.rows.chunks!.length;
    });
    expect(problems).toHaveLength(51);
    expect(problems.at(-1)).toMatch(/^…and \d+ more problems\.$/);
  });
});

/**
 * fixtures/pulso-backup-v1.json is the file `createBackup` of schema 1 (commit 394175c) wrote,
 * byte for byte, for `saveJan` and `saveFeb` below and two settings. Never regenerate it.
 */
describe('a backup file made by schema 1 (pulso-backup/v1 as version 1 wrote it)', () => {
  const v1File = (): Uint8Array => new Uint8Array(readFileSync(new URL('./fixtures/pulso-backup-v1.json', import.meta.url)));

  it('is upgraded to schema 2: its rows kept, entries and score snapshots empty', () => {
    expect(parse(v1File())).toMatchObject({ schemaVersion: 1, tables: { imports: 2, chunks: 9, settings: 2 } });
    const backup = read(v1File());
    expect(backup.schemaVersion).toBe(1);
    expect(backup.imports.map((r) => [r.id, r.fileName, r.asOf])).toEqual([[1, 'jan.csv', JAN], [2, 'feb.csv', FEB]]);
    expect(backup.chunks).toHaveLength(9);
    expect(backup.entries).toEqual([]);
    expect(backup.scoreSnapshots).toEqual([]);
    expect(backup.scoreChunks).toEqual([]);
    expect(backup.settings.map((r) => r.key)).toEqual(['locale', 'mapping:id|nps']);
  });

  it('BACKUP_UPGRADES[1] adds the new tables, empty, and keeps the others as they are', () => {
    const tables = { imports: [{ id: 1 }], chunks: [], settings: [{ key: 'k', value: 1 }] };
    expect(BACKUP_UPGRADES[1]!(tables)).toEqual({ ...tables, entries: [], scoreSnapshots: [], scoreChunks: [] });
  });

  it('restores (replace) into a schema 2 database with the values it held', async () => {
    const db = await seeded();
    const counts = await restoreBackup(db, read(v1File()), 'replace');
    expect(counts).toEqual({ imports: 2, chunks: 9, entries: 0, scoreSnapshots: 0, scoreChunks: 0, overrides: 0, playbooks: 0, tasks: 0, outcomes: 0, settings: 2 });
    expect(await db.entries.count()).toBe(0);
    expect(await db.scoreSnapshots.count()).toBe(0);
    // The same portfolios this file's version saved (see the fixture: janPortfolio and febPortfolio).
    const fresh = freshDb();
    await saveJan(fresh);
    await saveFeb(fresh);
    expect((await contents(db)).history).toEqual((await contents(fresh)).history);
    expect((await listImports(db)).map((r) => r.contentHash)).toEqual((await listImports(fresh)).map((r) => r.contentHash));
    expect(await db.settings.get('mapping:id|nps')).toEqual({ key: 'mapping:id|nps', value: { fields: { id: 0 }, metrics: { nps: 1 } } });
  });

  it('merges into a schema 2 database, keeping its entries and snapshots', async () => {
    const db = freshDb();
    await addEntries(db);
    await saveScoreSnapshot(db, scores(JAN, 'rev-1', ['a'], 1));
    const counts = await restoreBackup(db, read(v1File()), 'merge');
    expect(counts).toEqual({ imports: 2, chunks: 9, entries: 0, scoreSnapshots: 0, scoreChunks: 0, overrides: 0, playbooks: 0, tasks: 0, outcomes: 0, settings: 2 });
    expect(await db.entries.count()).toBe(4);
    expect(await db.scoreSnapshots.count()).toBe(1);
  });
});

describe('playbooks and tasks in backups', () => {
  it('a schema 3 file (no playbooks or tasks) is upgraded by BACKUP_UPGRADES[3] with none', async () => {
    const file = parse(await createBackup(await seeded()));
    file.schemaVersion = 3;
    delete file.rows.playbooks;
    delete file.tables.playbooks;
    delete file.rows.tasks;
    delete file.tables.tasks;
    const backup = read(serialize(file));
    expect([backup.schemaVersion, backup.playbooks, backup.tasks, backup.overrides.length]).toEqual([3, [], [], 2]);
    expect(BACKUP_UPGRADES[3]!({ imports: [] })).toEqual({ imports: [], playbooks: [], tasks: [] });
  });

  it('refuses a task row the app could not have written, and a cause that does not match its task, by row and field', async () => {
    const file = parse(await createBackup(await seeded()));
    (file.rows.tasks![0] as Record<string, unknown>).cause = 'forged';
    (file.rows.tasks![1] as Record<string, unknown>).priority = 'urgent';
    const result = readBackup(serialize(file));
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.some((p) => p.startsWith('tasks[0].cause: does not match'))).toBe(true);
    expect(problems.some((p) => p.startsWith('tasks[1].priority: should be high, normal or low'))).toBe(true);
  });

  it('merge: adds the playbooks and tasks the device lacks; a task the file closed is closed here too; again adds nothing', async () => {
    const source = await seeded();
    const target = freshDb();
    await putPlaybook(target, { id: 'red', name: 'Mine, edited' } as { id: string });
    await addTasks(target, [
      { customerId: 'Zoë', title: 'Ligar já', description: '', priority: 'high', owner: 'Ana', playbookId: 'red', playbookName: 'Vermelho', actionIndex: 0, since: JAN, cause: taskCause('red', 0, 'Zoë', JAN), createdOn: FEB, dueOn: FEB + 2, createdAt: 8_000, status: 'open' },
    ]);
    const done = (await addTasks(source, [{ customerId: 'x', title: 'Done there', description: '', priority: 'normal', owner: '', createdOn: FEB, dueOn: FEB, createdAt: 9_900, status: 'open' }]))[0]!.id;
    await updateTask(source, 1, { status: 'done', note: 'Called', closedAt: 9_990 });
    await updateTask(source, done, { status: 'done', closedAt: 9_991 });
    const counts = await restoreBackup(target, read(await createBackup(source)), 'merge');
    // playbooks: `mine` (the device's `red` stays as edited); tasks: two added, one closed.
    expect([counts.playbooks, counts.tasks]).toEqual([1, 3]);
    expect((await target.playbooks.orderBy('order').toArray()).map((p) => [p.id, (p.playbook as { name: string }).name])).toEqual([['red', 'Mine, edited'], ['mine', 'Mine']]);
    expect((await target.tasks.toArray()).map((t) => [t.customerId, t.status, t.note ?? ''])).toEqual([['Zoë', 'done', 'Called'], ['ñ', 'dismissed', 'Not needed'], ['x', 'done', '']]);
    const again = await restoreBackup(target, read(await createBackup(source)), 'merge');
    expect([again.playbooks, again.tasks]).toEqual([0, 0]);
  });
});

describe('overrides in backups', () => {
  it('a schema 2 file (no overrides table) is upgraded by BACKUP_UPGRADES[2] with none', async () => {
    const file = parse(await createBackup(await seeded()));
    file.schemaVersion = 2;
    delete file.rows.overrides;
    delete file.tables.overrides;
    const backup = read(serialize(file));
    expect(backup.schemaVersion).toBe(2);
    expect(backup.overrides).toEqual([]);
    expect(backup.entries).toHaveLength(4);
    expect(BACKUP_UPGRADES[2]!({ imports: [] })).toEqual({ imports: [], overrides: [] });
  });

  it('merge: adds the overrides the device lacks, under new ids; one the file says ended is ended here too', async () => {
    const source = await seeded();
    const target = freshDb();
    // The device has the second override, not yet ended, and one of its own.
    await addOverride(target, { customerId: 'ñ', band: 'healthy', reason: 'Pago', startsOn: JAN, expiresOn: FEB, createdAt: 6_000 });
    await addOverride(target, { customerId: 'x', band: 'healthy', reason: 'Mine', startsOn: JAN, expiresOn: MAR, createdAt: 8_000 });
    const counts = await restoreBackup(target, read(await createBackup(source)), 'merge');
    expect(counts.overrides).toBe(2);
    const rows = (await target.overrides.toArray()).map(({ id, customerId, endedAt }) => ({ id, customerId, endedAt }));
    expect(rows).toEqual([
      { id: 1, customerId: 'ñ', endedAt: 7_000 },
      { id: 2, customerId: 'x', endedAt: undefined },
      { id: 3, customerId: 'Zoë', endedAt: undefined },
    ]);
    // Merging again changes nothing.
    expect((await restoreBackup(target, read(await createBackup(source)), 'merge')).overrides).toBe(0);
    expect(await target.overrides.count()).toBe(3);
  });

  it('refuses an override with a blank reason, an expiry before its start, or an id used twice', async () => {
    const file = parse(await createBackup(await seeded()));
    const rows = file.rows.overrides as Record<string, unknown>[];
    rows[0]!.reason = ' ';
    rows.push({ ...rows[1]! }, { ...rows[1]!, id: 9, expiresOn: JAN - 1 });
    file.tables.overrides = 4;
    const problems = problemsOf(serialize(file));
    expect(problems).toEqual([
      expect.stringMatching(/^overrides\[0\]\.reason: is missing: say why/),
      expect.stringMatching(/^overrides\[2\]\.id: 2 is used by another override too/),
      expect.stringMatching(/^overrides\[3\]\.expiresOn: should be on or after the day the override starts/),
    ]);
  });
});

describe('readBackup checks the rows of entries and score snapshots', () => {
  async function refused(damage: (file: File) => void): Promise<string[]> {
    const file = parse(await createBackup(await seeded()));
    damage(file);
    return problemsOf(serialize(file));
  }
  type Row = Record<string, unknown>;
  const rows = (file: File, table: string): Row[] => file.rows[table] as Row[];

  it('an entry with a wrong field, or an id used twice', async () => {
    const problems = await refused((file) => {
      const entries = rows(file, 'entries');
      delete entries[0]!.customerId;
      entries[1]!.day = '2024-01-31';
      entries[2]!.value = 'soon'; // a date column's value
      entries[3]!.id = entries[2]!.id;
      delete entries[3]!.createdAt;
    });
    expect(problems).toEqual([
      'entries[0].customerId: should be the customer’s id (a non-empty text), is missing. The file is damaged or was edited: use another backup.',
      'entries[1].day: should be a day (a whole number of days since 1970-01-01), is "2024-01-31". The file is damaged or was edited: use another backup.',
      'entries[2].value: should be a day (a whole number of days since 1970-01-01) for a date column, is "soon". The file is damaged or was edited: use another backup.',
      'entries[3].createdAt: should be a number (ms since 1970), is missing. The file is damaged or was edited: use another backup.',
    ]);
    const twice = await refused((file) => { rows(file, 'entries')[3]!.id = 1; });
    expect(twice).toEqual([expect.stringMatching(/^entries\[3\]\.id: 1 is used by another entry too/)]);
  });

  it('a score snapshot with a wrong field, or two of the same day and revision', async () => {
    const problems = await refused((file) => {
      const snapshots = rows(file, 'scoreSnapshots');
      snapshots[0]!.revision = '';
      snapshots[1]!.bands = [{ id: 'x' }];
    });
    expect(problems).toContainEqual(expect.stringMatching(/^scoreSnapshots\[0\]\.revision: should be a model revision/));
    expect(problems).toContainEqual(expect.stringMatching(/^scoreSnapshots\[1\]\.bands: should be a list of bands/));
    const twice = await refused((file) => { rows(file, 'scoreSnapshots')[1]!.asOf = JAN; });
    expect(twice).toEqual([expect.stringMatching(/^scoreSnapshots\[1\]: a second snapshot of day \d+ and revision "rev-1"/)]);
  });

  it('score chunks of no snapshot, past the columns, of the wrong length, or with bands out of range', async () => {
    const orphan = await refused((file) => { rows(file, 'scoreChunks')[0]!.snapshotId = 99; });
    expect(orphan).toEqual([expect.stringMatching(/^scoreChunks\[0\]\.snapshotId: 99 is no score snapshot in this backup/)]);
    const problems = await refused((file) => {
      const chunks = rows(file, 'scoreChunks');
      chunks.find((c) => c.column === 4)!.column = 5; // two categories: columns -1 to 4
      chunks.find((c) => c.column === 0)!.values = btoa('1234567');
      chunks.find((c) => c.column === 2)!.values = btoa(String.fromCharCode(0, 3, 1));
      chunks.find((c) => c.column === -1)!.labels = ['only one'];
    });
    expect(problems).toContainEqual(expect.stringMatching(/^scoreChunks\[\d+\]\.column: 5 is no column of score snapshot \d+ \(columns -1 to 4\)/));
    expect(problems).toContainEqual(expect.stringMatching(/^scoreChunks\[\d+\]\.values: has 7 bytes, 3 rows of scores need 24/));
    expect(problems).toContainEqual(expect.stringMatching(/^scoreChunks\[\d+\]\.values: has band indexes outside the snapshot's 3 bands/));
    expect(problems).toContainEqual(expect.stringMatching(/^scoreChunks\[\d+\]\.labels: should be 3 customer ids/));
  });

  it('a snapshot column left without its rows', async () => {
    const problems = await refused((file) => {
      const chunks = rows(file, 'scoreChunks');
      chunks.splice(chunks.findIndex((c) => c.column === 3), 1);
      file.tables.scoreChunks! -= 1;
    });
    expect(problems).toEqual([expect.stringMatching(/^scoreChunks \(score snapshot \d+, column 3\): hold 0 rows, the snapshot has \d+ customers: rows are missing/)]);
  });
});

describe('backups from an older schema', () => {
  /** A fake "schema 0" backup: imports had `file` where schema 1 has `fileName`. */
  async function v0Backup(): Promise<Uint8Array> {
    const file = parse(await createBackup(await seeded()));
    file.schemaVersion = 0;
    for (const row of file.rows.imports as Record<string, unknown>[]) {
      row.file = row.fileName;
      delete row.fileName;
    }
    return serialize(file);
  }
  const upgrades = {
    0: (tables: RawTables): RawTables => ({
      ...tables,
      imports: tables.imports!.map((row) => {
        const { file, ...rest } = row as Record<string, unknown>;
        return { ...rest, fileName: file };
      }),
    }),
  };

  it('are upgraded row by row, then restored', async () => {
    const backup = read(await v0Backup(), upgrades, 1);
    expect(backup.schemaVersion).toBe(0);
    expect(backup.imports.map((r) => r.fileName)).toEqual(['jan.csv', 'feb.csv']);
    const db = freshDb();
    await restoreBackup(db, backup, 'replace');
    expect((await contents(db)).history).toEqual((await contents(await seeded())).history);
  });

  it('are refused when no upgrade exists from their version', async () => {
    expect(problemsOf(await v0Backup())).toEqual([expect.stringMatching(/^schemaVersion: backups of schema 0 cannot be restored/)]);
  });

  it('are refused when the upgrade fails', async () => {
    const problems = problemsOf(await v0Backup(), { 0: () => { throw new Error('boom'); } }, 1);
    expect(problems).toEqual([expect.stringMatching(/^schemaVersion: upgrading the rows from schema 0 to 1 failed \(Error: boom\)/)]);
  });
});

describe('restoreBackup is all or nothing', () => {
  /** Makes the `n`th chunk written from now on fail. */
  function failOnChunk(db: PulsoDb, n: number): void {
    let written = 0;
    db.chunks.hook('creating', () => {
      if (++written === n) throw new Error('disk on fire');
    });
  }

  /** Makes the first score chunk written from now on fail for quota. */
  function failOnScoreChunk(db: PulsoDb): void {
    db.scoreChunks.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
  }

  for (const mode of ['replace', 'merge'] as const) {
    it(`${mode}: a failure mid-way leaves the database exactly as it was`, async () => {
      const backup = read(await createBackup(await seeded()));
      const db = freshDb();
      await saveFeb(db);
      await addEntry(db, { customerId: 'x', day: JAN, note: 'mine' });
      await saveScoreSnapshot(db, scores(JAN, 'rev-1', ['x'], 5));
      await db.settings.add({ key: 'locale', value: 'es' });
      const before = await contents(db);
      failOnChunk(db, 3);
      await expect(restoreBackup(db, backup, mode)).rejects.toThrow('disk on fire');
      expect(await contents(db)).toEqual(before);
    });

    it(`${mode}: a quota error on the score chunks, written last but one, leaves the database as it was`, async () => {
      const backup = read(await createBackup(await seeded()));
      const db = freshDb();
      await saveJan(db);
      await addEntry(db, { customerId: 'x', day: JAN, note: 'mine' });
      await saveScoreSnapshot(db, scores(JAN, 'rev-1', ['x'], 5));
      const before = await contents(db);
      failOnScoreChunk(db);
      await expect(restoreBackup(db, backup, mode)).rejects.toMatchObject({ name: 'QuotaExceededError' });
      expect(await contents(db)).toEqual(before);
    });
  }
});

describe('outcomes in backups', () => {
  type Row = Record<string, unknown>;

  it('are in the file as stored, and a replace restores exactly them (the device’s own dropped)', async () => {
    const source = await seeded();
    const file = parse(await createBackup(source));
    expect(file.tables.outcomes).toBe(2);
    expect(file.rows.outcomes).toEqual([
      { customerId: 'Zoë', status: 'churned', day: MAR, source: 'import', fileName: 'churn “março”.csv', recordedAt: 10_000 },
      { customerId: 'ñ', status: 'renewed', day: FEB, source: 'manual', note: 'Renovou por 2 anos', recordedAt: 11_000 },
    ]);
    const target = freshDb();
    await putOutcomes(target, [{ customerId: 'mine', status: 'renewed', day: JAN, source: 'manual', recordedAt: 1 }]);
    expect((await restoreBackup(target, read(await createBackup(source)), 'replace')).outcomes).toBe(2);
    expect(await target.outcomes.toArray()).toEqual(await source.outcomes.toArray());
    expect(await getOutcome(target, 'mine')).toBeUndefined();
  });

  it('a schema 4 file (no outcomes) is upgraded by BACKUP_UPGRADES[4] with none, and restores', async () => {
    const file = parse(await createBackup(await seeded()));
    file.schemaVersion = 4;
    delete file.rows.outcomes;
    delete file.tables.outcomes;
    const backup = read(serialize(file));
    expect([backup.schemaVersion, backup.outcomes, backup.tasks.length, backup.playbooks.length]).toEqual([4, [], 2, 2]);
    expect(BACKUP_UPGRADES[4]!({ imports: [] })).toEqual({ imports: [], outcomes: [] });

    const replaced = await seeded();
    expect((await restoreBackup(replaced, backup, 'replace')).outcomes).toBe(0);
    expect(await replaced.outcomes.count()).toBe(0);
    expect(await replaced.tasks.count()).toBe(2);
    // Merging keeps the device's outcomes.
    const merged = await seeded();
    expect((await restoreBackup(merged, backup, 'merge')).outcomes).toBe(0);
    expect(await merged.outcomes.count()).toBe(2);
  });

  it('merge: the file’s is added where the device has none; where both have one, the later recordedAt wins (the device’s on a tie)', async () => {
    const source = freshDb();
    await putOutcomes(source, [
      { customerId: 'new', status: 'churned', day: MAR, source: 'import', fileName: 'f.csv', recordedAt: 5_000 },
      { customerId: 'older-here', status: 'churned', day: MAR, source: 'import', fileName: 'f.csv', recordedAt: 5_000 },
      { customerId: 'newer-here', status: 'churned', day: MAR, source: 'import', fileName: 'f.csv', recordedAt: 5_000 },
      { customerId: 'tie', status: 'churned', day: MAR, source: 'import', fileName: 'f.csv', recordedAt: 5_000 },
    ]);
    const target = freshDb();
    await putOutcomes(target, [
      { customerId: 'older-here', status: 'renewed', day: FEB, source: 'manual', note: 'old', recordedAt: 4_999 },
      { customerId: 'newer-here', status: 'renewed', day: FEB, source: 'manual', note: 'new', recordedAt: 5_001 },
      { customerId: 'tie', status: 'renewed', day: FEB, source: 'manual', recordedAt: 5_000 },
      { customerId: 'only-here', status: 'renewed', day: JAN, source: 'manual', recordedAt: 1 },
    ]);
    const counts = await restoreBackup(target, read(await createBackup(source)), 'merge');
    expect(counts.outcomes).toBe(2);
    const byId = Object.fromEntries((await listOutcomes(target)).map((o) => [o.customerId, [o.status, o.recordedAt]]));
    expect(byId).toEqual({
      'new': ['churned', 5_000],
      'older-here': ['churned', 5_000],
      'newer-here': ['renewed', 5_001],
      'tie': ['renewed', 5_000],
      'only-here': ['renewed', 1],
    });
    // The file's replaces the device's whole row (no note left from the device's).
    expect(await getOutcome(target, 'older-here')).toEqual({ customerId: 'older-here', status: 'churned', day: MAR, source: 'import', fileName: 'f.csv', recordedAt: 5_000 });
    expect((await restoreBackup(target, read(await createBackup(source)), 'merge')).outcomes).toBe(0);
  });

  it('refuses a damaged outcome row by its JSON path, and a customer with two outcomes', async () => {
    const file = parse(await createBackup(await seeded()));
    const rows = file.rows.outcomes as unknown[];
    rows.push(
      { customerId: 'c', status: 'renewed', day: JAN, source: 'import', recordedAt: 1 },
      { customerId: 'd', status: 'lost', day: JAN, source: 'import', recordedAt: 1 },
      { customerId: 'e', status: 'churned', day: '2024-01-31', source: 'import', recordedAt: 1 },
      { customerId: 'c', status: 'churned', day: JAN, source: 'manual', recordedAt: 2 },
      'not a row',
      { customerId: 'f', status: 'churned', day: JAN, source: 'import', note: 7, recordedAt: 1 },
    );
    file.tables.outcomes = rows.length;
    expect(problemsOf(serialize(file))).toEqual([
      'outcomes[3].status: must be churned or renewed, is "lost". The file is damaged or was edited: use another backup.',
      'outcomes[4].day: must be a day (a whole number of days since 1970-01-01), is "2024-01-31". The file is damaged or was edited: use another backup.',
      'outcomes[5].customerId: "c" has another outcome too. The file is damaged or was edited: use another backup.',
      expect.stringMatching(/^outcomes\[6\]: is not an outcome/),
      expect.stringMatching(/^outcomes\[7\]\.note: must be a text when present, is 7\./),
    ]);
  });

  it('leaves a row’s unknown fields behind', async () => {
    const file = parse(await createBackup(await seeded()));
    (file.rows.outcomes![0] as Row).extra = 'x';
    expect(read(serialize(file)).outcomes[0]).not.toHaveProperty('extra');
  });

  for (const mode of ['replace', 'merge'] as const) {
    it(`${mode}: a quota error on the outcomes leaves the database as it was`, async () => {
      const backup = read(await createBackup(await seeded()));
      const db = freshDb();
      await saveJan(db);
      await putOutcomes(db, [{ customerId: 'x', status: 'renewed', day: JAN, source: 'manual', recordedAt: 1 }]);
      const before = await contents(db);
      db.outcomes.hook('creating', () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      });
      await expect(restoreBackup(db, backup, mode)).rejects.toMatchObject({ name: 'QuotaExceededError' });
      expect(await contents(db)).toEqual(before);
    });
  }
});
