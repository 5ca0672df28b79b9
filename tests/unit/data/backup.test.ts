import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT, BACKUP_TABLES, CURRENT_SCHEMA_VERSION, createBackup, readBackup, restoreBackup,
  type Backup, type RawTables,
} from '../../../src/data/backup';
import type { PulsoDb } from '../../../src/data/db';
import { deleteImport, listImports, loadHistory, saveImport } from '../../../src/data/imports-repo';
import { day, makePortfolio } from '../../factories';
import { byCustomer, freshDb } from './support';

const JAN = day('2024-01-31');
const FEB = day('2024-02-29');

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

/** A database with two imports and two settings. */
async function seeded(): Promise<PulsoDb> {
  const db = freshDb();
  await saveJan(db);
  await saveFeb(db);
  await db.settings.bulkAdd([{ key: 'locale', value: 'pt-BR' }, { key: 'wizard', value: { step: 2, chosen: ['nps', 'city'] } }]);
  return db;
}

/** Everything the database holds, as plain values (buffers as byte arrays). */
async function contents(db: PulsoDb) {
  const history = await loadHistory(db);
  return {
    imports: await listImports(db),
    history: history.map((s) => ({ day: s.day, customers: byCustomer(s.portfolio) })),
    chunks: (await db.chunks.toArray()).map((c) => ({
      ...c,
      values: c.values && Array.from(new Uint8Array(c.values)),
      observedOn: c.observedOn && Array.from(new Uint8Array(c.observedOn)),
    })),
    settings: await db.settings.toArray(),
  };
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
    expect(file.tables).toEqual({ imports: 2, chunks: await db.chunks.count(), settings: 2 });
    const chunk = file.rows.chunks!.find((c) => (c as { kind: string }).kind === 'number') as { values: unknown };
    expect(typeof chunk.values).toBe('string');
  });

  it('backs up every table of the schema', async () => {
    const db = freshDb();
    await db.open();
    expect([...BACKUP_TABLES].sort()).toEqual(db.tables.map((t) => t.name).sort());
  });
});

describe('backup then restore', () => {
  it('replace: backup → clear → restore gives identical imports, history and chunk bytes', async () => {
    const db = await seeded();
    const before = await contents(db);
    const bytes = await createBackup(db);
    await Promise.all([db.imports.clear(), db.chunks.clear(), db.settings.clear()]);

    const counts = await restoreBackup(db, read(bytes), 'replace');
    expect(counts).toEqual({ imports: 2, chunks: before.chunks.length, settings: 2 });
    expect(await contents(db)).toEqual(before);
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
    expect(await restoreBackup(target, backup, 'replace')).toEqual({ imports: 0, chunks: 0, settings: 0 });
    expect(await target.chunks.count()).toBe(0);
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
    expect(counts).toEqual({ imports: 1, chunks: (await source.chunks.count()) - febChunks, settings: 1 });

    const imports = await listImports(target);
    expect(imports.map((r) => [r.fileName, r.id])).toEqual([['jan.csv', 3], ['feb.csv', 2]]);
    expect(await target.chunks.where('[importId+column+chunk]').between([3, -Infinity, -Infinity], [3, Infinity, Infinity]).count()).toBe(counts.chunks);
    // Same history as the source; the stored setting kept its value.
    expect((await contents(target)).history).toEqual((await contents(source)).history);
    expect(await target.settings.get('locale')).toEqual({ key: 'locale', value: 'es' });
    expect(await target.settings.get('wizard')).toEqual({ key: 'wizard', value: { step: 2, chosen: ['nps', 'city'] } });

    // Merging the same backup again adds nothing.
    expect(await restoreBackup(target, read(await createBackup(source)), 'merge')).toEqual({ imports: 0, chunks: 0, settings: 0 });
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

  for (const mode of ['replace', 'merge'] as const) {
    it(`${mode}: a failure mid-way leaves the database exactly as it was`, async () => {
      const backup = read(await createBackup(await seeded()));
      const db = freshDb();
      await saveFeb(db);
      await db.settings.add({ key: 'locale', value: 'es' });
      const before = await contents(db);
      failOnChunk(db, 3);
      await expect(restoreBackup(db, backup, mode)).rejects.toThrow('disk on fire');
      expect(await contents(db)).toEqual(before);
    });
  }
});
