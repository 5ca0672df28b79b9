/**
 * Backup and restore: every table of the database in one file, checked in full before anything
 * is written, restored in one transaction (all or nothing).
 *
 * File format (`pulso-backup/v1`): one UTF-8 JSON document,
 *
 *     { "format": "pulso-backup/v1", "schemaVersion": 5, "createdAt": "2024-…Z",
 *       "tables": { "imports": 2, "chunks": 10, "entries": 3, "scoreSnapshots": 1,
 *                   "scoreChunks": 5, "overrides": 1, "playbooks": 4, "tasks": 9, "outcomes": 7,
 *                   "settings": 1 },
 *       "rows": { "imports": [...], "chunks": [...], "entries": [...], "scoreSnapshots": [...],
 *                 "scoreChunks": [...], "overrides": [...], "playbooks": [...], "tasks": [...],
 *                 "outcomes": [...], "settings": [...] } }
 *
 * The header fields come first; `tables` counts the rows, which also catches a file that lost
 * rows. Rows are stored as they are in IndexedDB (`db.ts` describes each table), except the
 * `values` and `observedOn` of chunks and the `values` of score chunks (`ArrayBuffer`s), which
 * are base64 strings of their exact bytes (little-endian, as every browser Pulso runs on stores
 * them). JSON with base64 rather than a binary container: one parser, readable and diffable by
 * hand when support needs to look at a file, and ~33% larger, which column chunks (already
 * compact) can afford. Setting values must be JSON values (strings, numbers, booleans, arrays,
 * plain objects).
 *
 * `format` names the container and stays `pulso-backup/v1` while it is this JSON document;
 * `schemaVersion` is the database schema (`SCHEMA_VERSIONS`) the rows are in. Schema 1 files
 * have only `imports`, `chunks` and `settings`; schema 2 files have no `overrides`; schema 3 files
 * have no `playbooks` and `tasks`; schema 4 files have no `outcomes`.
 *
 * A backup from an older schema is upgraded by `BACKUP_UPGRADES` (row by row, in memory) before
 * it is checked against today's shape; a backup from a newer schema is refused.
 */
import { entryProblem } from './entries-repo';
import { overrideProblem } from './overrides-repo';
import { taskCause, type PlaybookRecord, type TaskRecord } from './db';
import { taskProblem } from './tasks-repo';
import { outcomeFieldProblem } from './outcomes-repo';
import { storageError } from './storage-error';
import {
  BAND_COLUMN, ID_COLUMN, SCHEMA_VERSIONS, SCORE_FIRST_CATEGORY, type ChunkKind, type ChunkRecord,
  type EntryRecord, type ImportRecord, type OutcomeRecord, type OverrideRecord, type PulsoDb, type ScoreChunkRecord, type ScoreSnapshotRecord,
  type SettingRecord, type StoredColumn,
} from './db';

export const BACKUP_FORMAT = 'pulso-backup/v1';

/** The schema version a backup made now carries. */
export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS.at(-1)!.version;

/** The tables a backup holds: every table of the current schema, in restore order. */
export const BACKUP_TABLES = ['imports', 'chunks', 'entries', 'scoreSnapshots', 'scoreChunks', 'overrides', 'playbooks', 'tasks', 'outcomes', 'settings'] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

/** A backup file, checked and in today's shape, ready to restore. */
export interface Backup {
  /** The schema version the file was made with (rows have been upgraded to the current one). */
  readonly schemaVersion: number;
  readonly createdAt: string;
  readonly imports: readonly ImportRecord[];
  readonly chunks: readonly ChunkRecord[];
  readonly entries: readonly EntryRecord[];
  readonly scoreSnapshots: readonly ScoreSnapshotRecord[];
  readonly scoreChunks: readonly ScoreChunkRecord[];
  readonly overrides: readonly OverrideRecord[];
  readonly playbooks: readonly PlaybookRecord[];
  readonly tasks: readonly TaskRecord[];
  readonly outcomes: readonly OutcomeRecord[];
  readonly settings: readonly SettingRecord[];
}

export type ReadBackupResult = { ok: true; backup: Backup } | { ok: false; problems: string[] };

/** Rows written, per table. */
export type RestoreCounts = Readonly<Record<BackupTable, number>>;

/** A backup's rows as parsed from JSON, table by table, before they are checked. */
export type RawTables = Record<string, unknown[]>;

/**
 * Upgrades of a backup's rows: `BACKUP_UPGRADES[n]` turns the tables of schema `n` into the
 * tables of schema `n + 1` (buffers still base64 strings). Every schema version after the first
 * needs its entry here, keyed by the version before it — even one that only adds tables, whose
 * upgrade adds them empty. Entries that shipped are never edited.
 */
export const BACKUP_UPGRADES: Readonly<Record<number, (tables: RawTables) => RawTables>> = {
  /** Schema 2 added entries and score snapshots: a schema 1 device had none. */
  1: (tables) => ({ ...tables, entries: [], scoreSnapshots: [], scoreChunks: [] }),
  /** Schema 3 added overrides (bands set by hand): a schema 2 device had none. */
  2: (tables) => ({ ...tables, overrides: [] }),
  /** Schema 4 added playbooks and tasks: a schema 3 device had none (its defaults are stored on first use). */
  3: (tables) => ({ ...tables, playbooks: [], tasks: [] }),
  /** Schema 5 added outcomes (churned or renewed): a schema 4 device had none. */
  4: (tables) => ({ ...tables, outcomes: [] }),
};

const COLUMN_KINDS: readonly string[] = ['number', 'date', 'boolean', 'text'];
/** Bytes per row of a chunk's `values`, by kind (`ids` have none). */
const BYTES_PER_ROW: Readonly<Record<string, number>> = { number: 8, date: 8, boolean: 1, text: 4 };
/** Problems listed at most; a badly damaged file would otherwise give one per row. */
const MAX_PROBLEMS = 50;

const DAMAGED = 'The file is damaged or was edited: use another backup.';

// ---------------------------------------------------------------------------------------------
// base64 (btoa/atob exist in browsers, workers and Node ≥ 16)

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of a base64 string, `undefined` if it is not valid base64. */
function fromBase64(text: string): ArrayBuffer | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

// ---------------------------------------------------------------------------------------------
// createBackup

/**
 * Every row of every table, read in one transaction (a consistent copy), as the bytes of one
 * backup file. The UI wraps them in a `Blob` to download.
 */
export async function createBackup(db: PulsoDb): Promise<Uint8Array> {
  let rows: Omit<Backup, 'schemaVersion' | 'createdAt'>;
  try {
    rows = await db.transaction('r', [db.imports, db.chunks, db.entries, db.scoreSnapshots, db.scoreChunks, db.overrides, db.playbooks, db.tasks, db.outcomes, db.settings], async () => ({
      imports: await db.imports.orderBy(':id').toArray(),
      chunks: await db.chunks.toArray(),
      entries: await db.entries.orderBy(':id').toArray(),
      scoreSnapshots: await db.scoreSnapshots.orderBy(':id').toArray(),
      scoreChunks: await db.scoreChunks.toArray(),
      overrides: await db.overrides.orderBy(':id').toArray(),
      playbooks: await db.playbooks.orderBy('order').toArray(),
      tasks: await db.tasks.orderBy(':id').toArray(),
      outcomes: await db.outcomes.orderBy(':id').toArray(),
      settings: await db.settings.toArray(),
    }));
  } catch (error) {
    throw storageError(error);
  }
  const tables: Record<BackupTable, readonly unknown[]> = {
    imports: rows.imports,
    chunks: rows.chunks.map((chunk) => ({
      ...chunk,
      ...(chunk.values ? { values: toBase64(chunk.values) } : {}),
      ...(chunk.observedOn ? { observedOn: toBase64(chunk.observedOn) } : {}),
    })),
    entries: rows.entries,
    scoreSnapshots: rows.scoreSnapshots,
    scoreChunks: rows.scoreChunks.map((chunk) => (chunk.values ? { ...chunk, values: toBase64(chunk.values) } : chunk)),
    overrides: rows.overrides,
    playbooks: rows.playbooks,
    tasks: rows.tasks,
    outcomes: rows.outcomes,
    settings: rows.settings,
  };
  const file = {
    format: BACKUP_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    tables: Object.fromEntries(BACKUP_TABLES.map((name) => [name, tables[name].length])),
    rows: tables,
  };
  return new TextEncoder().encode(JSON.stringify(file));
}

// ---------------------------------------------------------------------------------------------
// readBackup

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** Collects problems, at most `MAX_PROBLEMS` of them. */
class Problems {
  readonly list: string[] = [];
  private dropped = 0;

  add(where: string, what: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(`${where}: ${what}`);
    else this.dropped++;
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  done(): string[] {
    return this.dropped ? [...this.list, `…and ${this.dropped} more problems.`] : this.list;
  }
}

function checkImport(row: unknown, where: string, problems: Problems): ImportRecord | undefined {
  if (!isObject(row)) {
    problems.add(where, `is not an import row. ${DAMAGED}`);
    return undefined;
  }
  const before = problems.list.length;
  const need = (field: string, ok: boolean, expected: string): void => {
    if (!ok) problems.add(`${where}.${field}`, `should be ${expected}, is ${JSON.stringify(row[field]) ?? 'missing'}. ${DAMAGED}`);
  };
  need('id', Number.isSafeInteger(row.id) && (row.id as number) > 0, 'a positive whole number');
  need('fileName', typeof row.fileName === 'string', 'a text');
  need('importedAt', Number.isFinite(row.importedAt), 'a number (ms since 1970)');
  need('asOf', Number.isSafeInteger(row.asOf), 'a whole number (a day)');
  need('rowCount', isCount(row.rowCount), 'a count');
  need('customerCount', isCount(row.customerCount), 'a count');
  need('problemCount', isCount(row.problemCount), 'a count');
  need('contentHash', typeof row.contentHash === 'string', 'a text');
  const summary = row.summary;
  need('summary', isObject(summary) && ['new', 'updated', 'unchanged', 'skipped'].every((k) => isCount(summary[k])), '{new, updated, unchanged, skipped} counts');
  const columns: StoredColumn[] = [];
  if (!Array.isArray(row.columns)) need('columns', false, 'a list');
  else {
    row.columns.forEach((column: unknown, i) => {
      if (isObject(column) && typeof column.name === 'string' && typeof column.kind === 'string' && COLUMN_KINDS.includes(column.kind) && typeof column.observedOn === 'boolean') {
        columns.push({ name: column.name, kind: column.kind as StoredColumn['kind'], observedOn: column.observedOn });
      } else {
        problems.add(`${where}.columns[${i}]`, `should be {name, kind (number, date, boolean or text), observedOn}. ${DAMAGED}`);
      }
    });
  }
  if (problems.list.length > before) return undefined;
  const s = summary as Obj;
  return {
    id: row.id as number,
    fileName: row.fileName as string,
    importedAt: row.importedAt as number,
    asOf: row.asOf as number,
    rowCount: row.rowCount as number,
    customerCount: row.customerCount as number,
    columns,
    summary: { new: s.new as number, updated: s.updated as number, unchanged: s.unchanged as number, skipped: s.skipped as number },
    problemCount: row.problemCount as number,
    contentHash: row.contentHash as string,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The bytes of base64 text `row[field]`, if they are exactly `rows × bytesPerRow`; else a
 * problem (`what` names a row's content in it) and `undefined`.
 */
function readBuffer(
  { row, field, where, rows, bytesPerRow, what }: { row: Obj; field: string; where: string; rows: number; bytesPerRow: number; what: string },
  problems: Problems,
): ArrayBuffer | undefined {
  const text = row[field];
  const bytes = typeof text === 'string' ? fromBase64(text) : undefined;
  if (!bytes) problems.add(`${where}.${field}`, `should be base64 bytes, is ${typeof text === 'string' ? 'not valid base64' : 'missing'}. ${DAMAGED}`);
  else if (bytes.byteLength !== rows * bytesPerRow) problems.add(`${where}.${field}`, `has ${bytes.byteLength} bytes, ${rows} rows of ${what} need ${rows * bytesPerRow}. ${DAMAGED}`);
  else return bytes;
  return undefined;
}

function isLabels(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((label) => typeof label === 'string');
}

function checkChunk(row: unknown, where: string, imports: ReadonlyMap<number, ImportRecord>, problems: Problems): ChunkRecord | undefined {
  if (!isObject(row)) {
    problems.add(where, `is not a chunk row. ${DAMAGED}`);
    return undefined;
  }
  const { importId, column, chunk, rows, kind } = row;
  if (!Number.isSafeInteger(importId) || !imports.has(importId as number)) {
    problems.add(`${where}.importId`, `${JSON.stringify(importId) ?? 'missing'} is no import in this backup. ${DAMAGED}`);
    return undefined;
  }
  const record = imports.get(importId as number)!;
  if (!Number.isSafeInteger(column) || (column as number) < ID_COLUMN || (column as number) >= record.columns.length) {
    problems.add(`${where}.column`, `${JSON.stringify(column) ?? 'missing'} is no column of import ${record.id} (it has ${record.columns.length}). ${DAMAGED}`);
    return undefined;
  }
  const expectedKind: ChunkKind = column === ID_COLUMN ? 'ids' : record.columns[column as number]!.kind;
  const before = problems.list.length;
  if (!isCount(chunk)) problems.add(`${where}.chunk`, `should be a count, is ${JSON.stringify(chunk) ?? 'missing'}. ${DAMAGED}`);
  if (!isCount(rows)) problems.add(`${where}.rows`, `should be a count, is ${JSON.stringify(rows) ?? 'missing'}. ${DAMAGED}`);
  if (kind !== expectedKind) problems.add(`${where}.kind`, `is ${JSON.stringify(kind) ?? 'missing'}, but column ${column as number} of import ${record.id} is ${expectedKind}. ${DAMAGED}`);
  if (problems.list.length > before) return undefined;
  const n = rows as number;

  const out: Mutable<ChunkRecord> = { importId: record.id, column: column as number, chunk: chunk as number, kind: expectedKind, rows: n };
  const buffer = (field: 'values' | 'observedOn', bytesPerRow: number): ArrayBuffer | undefined =>
    readBuffer({ row, field, where, rows: n, bytesPerRow, what: field === 'values' ? expectedKind : 'days' }, problems);

  if (expectedKind === 'ids') {
    if (row.values !== undefined || row.observedOn !== undefined) problems.add(where, `an ids chunk has no values or observedOn. ${DAMAGED}`);
    if (!isLabels(row.labels) || row.labels.length !== n) problems.add(`${where}.labels`, `should be ${n} customer ids. ${DAMAGED}`);
    else out.labels = row.labels;
  } else {
    const values = buffer('values', BYTES_PER_ROW[expectedKind]!);
    if (values) out.values = values;
    if (row.observedOn !== undefined) {
      const observedOn = buffer('observedOn', 8);
      if (observedOn) out.observedOn = observedOn;
    }
    if (expectedKind === 'text') {
      if (!isLabels(row.labels)) problems.add(`${where}.labels`, `should be a list of texts. ${DAMAGED}`);
      else {
        out.labels = row.labels;
        const size = row.labels.length;
        if (values && new Int32Array(values).some((code) => code < -1 || code >= size)) {
          problems.add(`${where}.values`, `has label codes outside its ${size} labels. ${DAMAGED}`);
        }
      }
    } else if (row.labels !== undefined) problems.add(`${where}.labels`, `only text and ids chunks have labels. ${DAMAGED}`);
  }
  return problems.list.length > before ? undefined : out;
}

function checkSetting(row: unknown, where: string, problems: Problems): SettingRecord | undefined {
  if (!isObject(row) || typeof row.key !== 'string') {
    problems.add(where, `should be {key, value} with a text key. ${DAMAGED}`);
    return undefined;
  }
  return { key: row.key, value: row.value };
}

/** `row[field]` for a message: as JSON, or `missing`. */
function shown(row: Obj, field: string): string {
  return JSON.stringify(row[field]) ?? 'missing';
}

function checkEntry(row: unknown, where: string, problems: Problems): EntryRecord | undefined {
  if (!isObject(row)) {
    problems.add(where, `is not an entry row. ${DAMAGED}`);
    return undefined;
  }
  const before = problems.list.length;
  if (!Number.isSafeInteger(row.id) || (row.id as number) <= 0) problems.add(`${where}.id`, `should be a positive whole number, is ${shown(row, 'id')}. ${DAMAGED}`);
  if (!Number.isFinite(row.createdAt)) problems.add(`${where}.createdAt`, `should be a number (ms since 1970), is ${shown(row, 'createdAt')}. ${DAMAGED}`);
  // The same rules as addEntry: a file cannot bring in an entry the app could not have stored.
  const wrong = entryProblem(row);
  if (wrong) problems.add(`${where}.${wrong.field}`, `${wrong.problem}, is ${shown(row, wrong.field)}. ${DAMAGED}`);
  if (problems.list.length > before) return undefined;
  return {
    id: row.id as number,
    customerId: row.customerId as string,
    day: row.day as number,
    createdAt: row.createdAt as number,
    ...(row.value !== undefined ? { column: row.column as string, kind: row.kind as EntryRecord['kind'], value: row.value as EntryRecord['value'] } : {}),
    ...(row.note !== undefined ? { note: row.note as string } : {}),
  };
}

function checkOverride(row: unknown, where: string, problems: Problems): OverrideRecord | undefined {
  if (!isObject(row)) {
    problems.add(where, `is not an override row. ${DAMAGED}`);
    return undefined;
  }
  const before = problems.list.length;
  if (!Number.isSafeInteger(row.id) || (row.id as number) <= 0) problems.add(`${where}.id`, `should be a positive whole number, is ${shown(row, 'id')}. ${DAMAGED}`);
  if (!Number.isFinite(row.createdAt)) problems.add(`${where}.createdAt`, `should be a number (ms since 1970), is ${shown(row, 'createdAt')}. ${DAMAGED}`);
  // The same rules as addOverride: a file cannot bring in an override the app could not have stored.
  const wrong = overrideProblem(row);
  if (wrong) problems.add(`${where}.${wrong.field}`, `${wrong.problem}, is ${shown(row, wrong.field)}. ${DAMAGED}`);
  if (problems.list.length > before) return undefined;
  return {
    id: row.id as number,
    customerId: row.customerId as string,
    band: row.band as string,
    reason: row.reason as string,
    startsOn: row.startsOn as number,
    expiresOn: row.expiresOn as number,
    createdAt: row.createdAt as number,
    ...(row.endedAt !== undefined ? { endedAt: row.endedAt as number } : {}),
  };
}

function checkPlaybook(row: unknown, where: string, problems: Problems): PlaybookRecord | undefined {
  if (!isObject(row) || typeof row.id !== 'string' || row.id.trim() === '') {
    problems.add(where, `should be {id, order, playbook} with a non-empty text id. ${DAMAGED}`);
    return undefined;
  }
  const before = problems.list.length;
  if (!Number.isSafeInteger(row.order)) problems.add(`${where}.order`, `should be a whole number, is ${shown(row, 'order')}. ${DAMAGED}`);
  const playbook = row.playbook;
  if (!isObject(playbook) || playbook.id !== row.id) problems.add(`${where}.playbook`, `should be a playbook with the id ${JSON.stringify(row.id)}. ${DAMAGED}`);
  if (problems.list.length > before) return undefined;
  return { id: row.id, order: row.order as number, playbook };
}

function checkTask(row: unknown, where: string, problems: Problems): TaskRecord | undefined {
  if (!isObject(row)) {
    problems.add(where, `is not a task row. ${DAMAGED}`);
    return undefined;
  }
  const before = problems.list.length;
  if (!Number.isSafeInteger(row.id) || (row.id as number) <= 0) problems.add(`${where}.id`, `should be a positive whole number, is ${shown(row, 'id')}. ${DAMAGED}`);
  // The same rules as the app's writes: a file cannot bring in a task the app could not have stored.
  const wrong = taskProblem(row);
  if (wrong) problems.add(`${where}.${wrong.field}`, `${wrong.problem}, is ${shown(row, wrong.field)}. ${DAMAGED}`);
  else if (typeof row.cause === 'string' && row.cause !== taskCause(row.playbookId as string, row.actionIndex as number, row.customerId as string, row.since as number)) {
    problems.add(`${where}.cause`, `does not match the task's playbook, action, customer and day. ${DAMAGED}`);
  }
  if (problems.list.length > before) return undefined;
  return row as unknown as TaskRecord;
}

function checkOutcome(row: unknown, where: string, problems: Problems): OutcomeRecord | undefined {
  // The same rules as putOutcomes: a file cannot bring in an outcome the app could not have stored.
  const wrong = outcomeFieldProblem(row);
  if (wrong) {
    if (wrong.field === '') problems.add(where, `${wrong.problem}. ${DAMAGED}`);
    else problems.add(`${where}.${wrong.field}`, `${wrong.problem}, is ${shown(row as Obj, wrong.field)}. ${DAMAGED}`);
    return undefined;
  }
  const r = row as Obj;
  return {
    customerId: r.customerId as string,
    status: r.status as OutcomeRecord['status'],
    day: r.day as number,
    source: r.source as OutcomeRecord['source'],
    ...(r.fileName !== undefined ? { fileName: r.fileName as string } : {}),
    ...(r.note !== undefined ? { note: r.note as string } : {}),
    recordedAt: r.recordedAt as number,
  };
}

function isBand(value: unknown): boolean {
  return isObject(value) && typeof value.id === 'string' && typeof value.label === 'string' && typeof value.color === 'string';
}

function checkScoreSnapshot(row: unknown, where: string, problems: Problems): ScoreSnapshotRecord | undefined {
  if (!isObject(row)) {
    problems.add(where, `is not a score snapshot row. ${DAMAGED}`);
    return undefined;
  }
  const before = problems.list.length;
  const need = (field: string, ok: boolean, expected: string): void => {
    if (!ok) problems.add(`${where}.${field}`, `should be ${expected}, is ${shown(row, field)}. ${DAMAGED}`);
  };
  need('id', Number.isSafeInteger(row.id) && (row.id as number) > 0, 'a positive whole number');
  need('asOf', Number.isSafeInteger(row.asOf), 'a whole number (a day)');
  need('revision', typeof row.revision === 'string' && row.revision !== '', 'a model revision (a non-empty text)');
  need('modelName', typeof row.modelName === 'string', 'a text');
  need('dataStamp', typeof row.dataStamp === 'string', 'a text');
  need('size', isCount(row.size), 'a count');
  need('createdAt', Number.isFinite(row.createdAt), 'a number (ms since 1970)');
  need('bands', Array.isArray(row.bands) && row.bands.length > 0 && row.bands.every(isBand), 'a list of bands {id, label, color}');
  need('categories', isLabels(row.categories) && new Set(row.categories).size === row.categories.length, 'a list of distinct category ids');
  if (problems.list.length > before) return undefined;
  return {
    id: row.id as number,
    asOf: row.asOf as number,
    revision: row.revision as string,
    modelName: row.modelName as string,
    dataStamp: row.dataStamp as string,
    size: row.size as number,
    createdAt: row.createdAt as number,
    bands: (row.bands as Obj[]).map((band) => ({ id: band.id as string, label: band.label as string, color: band.color as string })),
    categories: row.categories as string[],
  };
}

function checkScoreChunk(row: unknown, where: string, snapshots: ReadonlyMap<number, ScoreSnapshotRecord>, problems: Problems): ScoreChunkRecord | undefined {
  if (!isObject(row)) {
    problems.add(where, `is not a score chunk row. ${DAMAGED}`);
    return undefined;
  }
  const { snapshotId, column, chunk, rows } = row;
  if (!Number.isSafeInteger(snapshotId) || !snapshots.has(snapshotId as number)) {
    problems.add(`${where}.snapshotId`, `${shown(row, 'snapshotId')} is no score snapshot in this backup. ${DAMAGED}`);
    return undefined;
  }
  const snapshot = snapshots.get(snapshotId as number)!;
  const columns = SCORE_FIRST_CATEGORY + snapshot.categories.length;
  if (!Number.isSafeInteger(column) || (column as number) < ID_COLUMN || (column as number) >= columns) {
    problems.add(`${where}.column`, `${shown(row, 'column')} is no column of score snapshot ${snapshot.id} (columns ${ID_COLUMN} to ${columns - 1}). ${DAMAGED}`);
    return undefined;
  }
  const before = problems.list.length;
  if (!isCount(chunk)) problems.add(`${where}.chunk`, `should be a count, is ${shown(row, 'chunk')}. ${DAMAGED}`);
  if (!isCount(rows)) problems.add(`${where}.rows`, `should be a count, is ${shown(row, 'rows')}. ${DAMAGED}`);
  if (problems.list.length > before) return undefined;
  const n = rows as number;
  const out: Mutable<ScoreChunkRecord> = { snapshotId: snapshot.id, column: column as number, chunk: chunk as number, rows: n };
  if (column === ID_COLUMN) {
    if (row.values !== undefined) problems.add(`${where}.values`, `an ids chunk has no values. ${DAMAGED}`);
    if (!isLabels(row.labels) || row.labels.length !== n) problems.add(`${where}.labels`, `should be ${n} customer ids. ${DAMAGED}`);
    else out.labels = row.labels;
  } else {
    if (row.labels !== undefined) problems.add(`${where}.labels`, `only the ids chunks of a score snapshot have labels. ${DAMAGED}`);
    const band = column === BAND_COLUMN;
    const values = readBuffer({ row, field: 'values', where, rows: n, bytesPerRow: band ? 1 : 8, what: band ? 'bands' : 'scores' }, problems);
    if (values) out.values = values;
    if (values && band && new Uint8Array(values).some((code) => code >= snapshot.bands.length)) {
      problems.add(`${where}.values`, `has band indexes outside the snapshot's ${snapshot.bands.length} bands. ${DAMAGED}`);
    }
  }
  return problems.list.length > before ? undefined : out;
}

/** Checks every row of `tables` (today's shape); what passes, and problems for the rest. */
function checkRows(tables: RawTables, problems: Problems): Omit<Backup, 'schemaVersion' | 'createdAt'> {
  const imports = new Map<number, ImportRecord>();
  tables.imports!.forEach((row, i) => {
    const record = checkImport(row, `imports[${i}]`, problems);
    if (!record) return;
    if (imports.has(record.id)) problems.add(`imports[${i}].id`, `${record.id} is used by another import too. ${DAMAGED}`);
    else imports.set(record.id, record);
  });

  const chunks: ChunkRecord[] = [];
  const keys = new Set<string>();
  /** Rows per `importId/column`, to check each column holds `customerCount` rows. */
  const rowsPerColumn = new Map<string, number>();
  tables.chunks!.forEach((row, i) => {
    const chunk = checkChunk(row, `chunks[${i}]`, imports, problems);
    if (!chunk) return;
    const key = `${chunk.importId}/${chunk.column}/${chunk.chunk}`;
    if (keys.has(key)) problems.add(`chunks[${i}]`, `chunk ${chunk.chunk} of column ${chunk.column} of import ${chunk.importId} appears twice. ${DAMAGED}`);
    keys.add(key);
    const column = `${chunk.importId}/${chunk.column}`;
    rowsPerColumn.set(column, (rowsPerColumn.get(column) ?? 0) + chunk.rows);
    chunks.push(chunk);
  });
  // A column short of rows is only worth saying when every chunk was readable (else it repeats them).
  const chunkProblems = problems.any;
  for (const record of chunkProblems ? [] : imports.values()) {
    for (let column = ID_COLUMN; column < record.columns.length; column++) {
      const found = rowsPerColumn.get(`${record.id}/${column}`) ?? 0;
      if (found !== record.customerCount) {
        problems.add(`chunks (import ${record.id}, column ${column})`, `hold ${found} rows, the import has ${record.customerCount} customers: rows are missing. ${DAMAGED}`);
      }
    }
  }

  const entries: EntryRecord[] = [];
  const entryIds = new Set<number>();
  tables.entries!.forEach((row, i) => {
    const entry = checkEntry(row, `entries[${i}]`, problems);
    if (!entry) return;
    if (entryIds.has(entry.id)) problems.add(`entries[${i}].id`, `${entry.id} is used by another entry too. ${DAMAGED}`);
    entryIds.add(entry.id);
    entries.push(entry);
  });

  const snapshots = new Map<number, ScoreSnapshotRecord>();
  const snapshotDays = new Set<string>();
  tables.scoreSnapshots!.forEach((row, i) => {
    const snapshot = checkScoreSnapshot(row, `scoreSnapshots[${i}]`, problems);
    if (!snapshot) return;
    const day = JSON.stringify([snapshot.asOf, snapshot.revision]);
    if (snapshots.has(snapshot.id)) {
      problems.add(`scoreSnapshots[${i}].id`, `${snapshot.id} is used by another score snapshot too. ${DAMAGED}`);
      return;
    }
    // Kept all the same, so that its chunks are not reported as chunks of no snapshot.
    if (snapshotDays.has(day)) problems.add(`scoreSnapshots[${i}]`, `a second snapshot of day ${snapshot.asOf} and revision ${JSON.stringify(snapshot.revision)}. ${DAMAGED}`);
    snapshotDays.add(day);
    snapshots.set(snapshot.id, snapshot);
  });

  const scoreChunks: ScoreChunkRecord[] = [];
  const scoreKeys = new Set<string>();
  const scoreRows = new Map<string, number>();
  tables.scoreChunks!.forEach((row, i) => {
    const chunk = checkScoreChunk(row, `scoreChunks[${i}]`, snapshots, problems);
    if (!chunk) return;
    const key = `${chunk.snapshotId}/${chunk.column}/${chunk.chunk}`;
    if (scoreKeys.has(key)) problems.add(`scoreChunks[${i}]`, `chunk ${chunk.chunk} of column ${chunk.column} of score snapshot ${chunk.snapshotId} appears twice. ${DAMAGED}`);
    scoreKeys.add(key);
    const column = `${chunk.snapshotId}/${chunk.column}`;
    scoreRows.set(column, (scoreRows.get(column) ?? 0) + chunk.rows);
    scoreChunks.push(chunk);
  });
  for (const snapshot of problems.any ? [] : snapshots.values()) {
    for (let column = ID_COLUMN; column < SCORE_FIRST_CATEGORY + snapshot.categories.length; column++) {
      const found = scoreRows.get(`${snapshot.id}/${column}`) ?? 0;
      if (found !== snapshot.size) {
        problems.add(`scoreChunks (score snapshot ${snapshot.id}, column ${column})`, `hold ${found} rows, the snapshot has ${snapshot.size} customers: rows are missing. ${DAMAGED}`);
      }
    }
  }

  const overrides: OverrideRecord[] = [];
  const overrideIds = new Set<number>();
  tables.overrides!.forEach((row, i) => {
    const override = checkOverride(row, `overrides[${i}]`, problems);
    if (!override) return;
    if (overrideIds.has(override.id)) problems.add(`overrides[${i}].id`, `${override.id} is used by another override too. ${DAMAGED}`);
    overrideIds.add(override.id);
    overrides.push(override);
  });

  const playbooks: PlaybookRecord[] = [];
  const playbookIds = new Set<string>();
  tables.playbooks!.forEach((row, i) => {
    const playbook = checkPlaybook(row, `playbooks[${i}]`, problems);
    if (!playbook) return;
    if (playbookIds.has(playbook.id)) problems.add(`playbooks[${i}].id`, `${JSON.stringify(playbook.id)} is used by another playbook too. ${DAMAGED}`);
    playbookIds.add(playbook.id);
    playbooks.push(playbook);
  });

  const tasks: TaskRecord[] = [];
  const taskIds = new Set<number>();
  const taskCauses = new Set<string>();
  tables.tasks!.forEach((row, i) => {
    const task = checkTask(row, `tasks[${i}]`, problems);
    if (!task) return;
    if (taskIds.has(task.id)) problems.add(`tasks[${i}].id`, `${task.id} is used by another task too. ${DAMAGED}`);
    if (task.cause !== undefined && taskCauses.has(task.cause)) problems.add(`tasks[${i}].cause`, `another task has the same cause. ${DAMAGED}`);
    taskIds.add(task.id);
    if (task.cause !== undefined) taskCauses.add(task.cause);
    tasks.push(task);
  });

  const outcomes: OutcomeRecord[] = [];
  const outcomeCustomers = new Set<string>();
  tables.outcomes!.forEach((row, i) => {
    const outcome = checkOutcome(row, `outcomes[${i}]`, problems);
    if (!outcome) return;
    // One row per customer, as the table's primary key: a second one would fail the restore.
    if (outcomeCustomers.has(outcome.customerId)) problems.add(`outcomes[${i}].customerId`, `${JSON.stringify(outcome.customerId)} has another outcome too. ${DAMAGED}`);
    outcomeCustomers.add(outcome.customerId);
    outcomes.push(outcome);
  });

  const settings: SettingRecord[] = [];
  const settingKeys = new Set<string>();
  tables.settings!.forEach((row, i) => {
    const setting = checkSetting(row, `settings[${i}]`, problems);
    if (!setting) return;
    if (settingKeys.has(setting.key)) problems.add(`settings[${i}].key`, `${JSON.stringify(setting.key)} appears twice. ${DAMAGED}`);
    settingKeys.add(setting.key);
    settings.push(setting);
  });
  return { imports: [...imports.values()], chunks, entries, scoreSnapshots: [...snapshots.values()], scoreChunks, overrides, playbooks, tasks, outcomes, settings };
}

/**
 * Reads and checks a backup file in full, touching no database. Problems say where (header,
 * table, row index, field), what is wrong and what to do.
 *
 * @param upgrades the row upgrades for older schemas (tests pass their own; default `BACKUP_UPGRADES`)
 * @param currentVersion the schema rows must end up in (tests only; default the current schema)
 */
export function readBackup(
  bytes: Uint8Array,
  upgrades: Readonly<Record<number, (tables: RawTables) => RawTables>> = BACKUP_UPGRADES,
  currentVersion: number = CURRENT_SCHEMA_VERSION,
): ReadBackupResult {
  const problems = new Problems();
  const fail = (): ReadBackupResult => ({ ok: false, problems: problems.done() });

  let file: unknown;
  try {
    file = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    problems.add('file', 'is not a Pulso backup, or it is cut short (an interrupted download or copy). Choose the backup file again, or another backup.');
    return fail();
  }
  if (!isObject(file) || file.format !== BACKUP_FORMAT) {
    const format = isObject(file) && typeof file.format === 'string' ? ` (it says "${file.format}")` : '';
    problems.add('format', `this is not a Pulso backup${format}. Choose a file made by "Back up" in Pulso.`);
    return fail();
  }
  const version = file.schemaVersion;
  if (!Number.isSafeInteger(version)) {
    problems.add('schemaVersion', `is missing or not a whole number. ${DAMAGED}`);
    return fail();
  }
  if ((version as number) > currentVersion) {
    problems.add('schemaVersion', `the backup was made by a newer Pulso (schema ${version as number}, this one knows ${currentVersion}). Update Pulso (reload the page), then restore.`);
    return fail();
  }
  const createdAt = typeof file.createdAt === 'string' ? file.createdAt : '';
  if (!createdAt) problems.add('createdAt', `is missing. ${DAMAGED}`);

  const counts = file.tables;
  const rows = file.rows;
  if (!isObject(counts) || !isObject(rows)) {
    problems.add(isObject(counts) ? 'rows' : 'tables', `is missing. ${DAMAGED}`);
    return fail();
  }
  for (const name of Object.keys(rows)) {
    if (!(name in counts)) problems.add(`rows.${name}`, `is not listed in the header's tables. ${DAMAGED}`);
  }
  let tables: RawTables = {};
  for (const [name, count] of Object.entries(counts)) {
    const list = rows[name];
    if (!Array.isArray(list)) problems.add(`rows.${name}`, `is missing. ${DAMAGED}`);
    else if (list.length !== count) problems.add(`rows.${name}`, `has ${list.length} rows, the header says ${JSON.stringify(count)}: rows are missing. ${DAMAGED}`);
    else tables[name] = list;
  }
  if (problems.any) return fail();

  for (let v = version as number; v < currentVersion; v++) {
    const upgrade = upgrades[v];
    if (!upgrade) {
      problems.add('schemaVersion', `backups of schema ${v} cannot be restored by this Pulso (no upgrade to ${v + 1}). Restore it in the Pulso version that made it and back up again.`);
      return fail();
    }
    try {
      tables = upgrade(tables);
    } catch (error) {
      problems.add('schemaVersion', `upgrading the rows from schema ${v} to ${v + 1} failed (${String(error)}). ${DAMAGED}`);
      return fail();
    }
  }

  for (const name of Object.keys(tables)) {
    if (!(BACKUP_TABLES as readonly string[]).includes(name)) problems.add(`tables.${name}`, `is not a table this Pulso knows. ${DAMAGED}`);
  }
  for (const name of BACKUP_TABLES) if (!tables[name]) problems.add(`tables.${name}`, `is missing. ${DAMAGED}`);
  if (problems.any) return fail();

  const checked = checkRows(tables, problems);
  if (problems.any) return fail();
  return { ok: true, backup: { schemaVersion: version as number, createdAt, ...checked } };
}

// ---------------------------------------------------------------------------------------------
// restoreBackup

/** A copy of `row` without its `id`, to add under a new one. */
function withoutId<T extends { readonly id: number }>(row: T): Omit<T, 'id'> {
  const copy: { id?: number } = { ...row };
  delete copy.id;
  return copy as Omit<T, 'id'>;
}

/** What makes two entries the same entry when merging: everything but the id (and the kind, which the value's column sets). */
function entryKey(entry: EntryRecord): string {
  return JSON.stringify([entry.customerId, entry.day, entry.column ?? null, entry.value ?? null, entry.note ?? null, entry.createdAt]);
}

/** What makes two overrides the same override when merging: everything but the id and the early end. */
function overrideKey(override: OverrideRecord): string {
  return JSON.stringify([override.customerId, override.band, override.reason, override.startsOn, override.expiresOn, override.createdAt]);
}

/** What makes two tasks the same task when merging: a playbook's cause, or (added by hand) the customer, title and creation time. */
function taskKey(task: TaskRecord): string {
  return task.cause ?? JSON.stringify([task.customerId, task.title, task.createdAt]);
}

/**
 * Writes a checked backup in one transaction over every table: all or nothing (on any failure
 * the database is as it was, and this rejects with an `Error` named after the cause).
 *
 * - `replace`: every table is cleared, then holds exactly the backup (ids kept).
 * - `merge`: what the device lacks is added, under new ids:
 *   - imports not already stored (same `asOf` and `contentHash`), with their chunks;
 *   - entries not already stored (same customer, day, column, value, note and `createdAt`);
 *   - overrides not already stored (same customer, band, reason, days and `createdAt`); one
 *     stored that the file says was ended early is ended (at the file's time) — ending is final;
 *   - playbooks whose id is not stored (after the device's);
 *   - tasks not already stored (same cause, or for one added by hand the same customer, title
 *     and `createdAt`); one stored open that the file has done or dismissed is closed as the file says;
 *   - outcomes (one per customer): the file's is added when the device has none for that customer;
 *     when both have one, the one recorded later (`recordedAt`) wins — the file's replaces the
 *     device's only if it was recorded after it (on a tie the device's stays);
 *   - settings only where the key is not stored;
 *   - score snapshots: the file's replaces the device's of the same `asOf` and revision (with
 *     its chunks); the others are added. The device's other rows are not changed.
 *
 * Returns the rows written, per table.
 */
export async function restoreBackup(db: PulsoDb, backup: Backup, mode: 'replace' | 'merge'): Promise<RestoreCounts> {
  const tables = [db.imports, db.chunks, db.entries, db.scoreSnapshots, db.scoreChunks, db.overrides, db.playbooks, db.tasks, db.outcomes, db.settings];
  try {
    return await db.transaction('rw', tables, async (): Promise<RestoreCounts> => {
      if (mode === 'replace') {
        await Promise.all(tables.map((table) => table.clear()));
        await db.imports.bulkAdd([...backup.imports]);
        await db.chunks.bulkAdd([...backup.chunks]);
        await db.entries.bulkAdd([...backup.entries]);
        await db.scoreSnapshots.bulkAdd([...backup.scoreSnapshots]);
        await db.scoreChunks.bulkAdd([...backup.scoreChunks]);
        await db.overrides.bulkAdd([...backup.overrides]);
        await db.playbooks.bulkAdd([...backup.playbooks]);
        await db.tasks.bulkAdd([...backup.tasks]);
        await db.outcomes.bulkAdd([...backup.outcomes]);
        await db.settings.bulkAdd([...backup.settings]);
        return Object.fromEntries(BACKUP_TABLES.map((name) => [name, backup[name].length])) as RestoreCounts;
      }

      const stored = new Set((await db.imports.toArray()).map((record) => `${record.asOf}/${record.contentHash}`));
      const newIds = new Map<number, number>();
      for (const { id, ...record } of [...backup.imports].sort((a, b) => a.id - b.id)) {
        const key = `${record.asOf}/${record.contentHash}`;
        if (stored.has(key)) continue;
        stored.add(key);
        newIds.set(id, await db.imports.add(record));
      }
      const chunks = backup.chunks.flatMap((chunk) => {
        const importId = newIds.get(chunk.importId);
        return importId === undefined ? [] : [{ ...chunk, importId }];
      });
      await db.chunks.bulkAdd(chunks);

      const entryKeys = new Set((await db.entries.toArray()).map(entryKey));
      const entries: Omit<EntryRecord, 'id'>[] = [];
      for (const entry of [...backup.entries].sort((a, b) => a.id - b.id)) {
        const key = entryKey(entry);
        if (entryKeys.has(key)) continue;
        entryKeys.add(key);
        entries.push(withoutId(entry));
      }
      await db.entries.bulkAdd(entries);

      const snapshotIds = new Map<number, number>();
      for (const { id, ...snapshot } of [...backup.scoreSnapshots].sort((a, b) => a.id - b.id)) {
        const old = await db.scoreSnapshots.where('[asOf+revision]').equals([snapshot.asOf, snapshot.revision]).first();
        if (old) {
          await db.scoreChunks.where('[snapshotId+column+chunk]').between([old.id, -Infinity, -Infinity], [old.id, Infinity, Infinity]).delete();
          await db.scoreSnapshots.delete(old.id);
        }
        snapshotIds.set(id, await db.scoreSnapshots.add(snapshot));
      }
      const scoreChunks = backup.scoreChunks.map((chunk) => ({ ...chunk, snapshotId: snapshotIds.get(chunk.snapshotId)! }));
      await db.scoreChunks.bulkAdd(scoreChunks);

      const storedOverrides = new Map((await db.overrides.toArray()).map((o) => [overrideKey(o), o]));
      const overrides: Omit<OverrideRecord, 'id'>[] = [];
      const addedOverrides = new Set<string>();
      let endedOverrides = 0;
      for (const override of [...backup.overrides].sort((a, b) => a.id - b.id)) {
        const key = overrideKey(override);
        if (addedOverrides.has(key)) continue;
        const known = storedOverrides.get(key);
        if (!known) {
          addedOverrides.add(key);
          overrides.push(withoutId(override));
        } else if (known.endedAt === undefined && override.endedAt !== undefined) {
          await db.overrides.update(known.id, { endedAt: override.endedAt });
          storedOverrides.set(key, { ...known, endedAt: override.endedAt });
          endedOverrides++;
        }
      }
      await db.overrides.bulkAdd(overrides);

      const playbookIds = new Set(await db.playbooks.toCollection().primaryKeys());
      let order = ((await db.playbooks.orderBy('order').last())?.order ?? -1) + 1;
      const playbooks = [...backup.playbooks].sort((a, b) => a.order - b.order).filter((p) => !playbookIds.has(p.id)).map((p) => ({ ...p, order: order++ }));
      await db.playbooks.bulkAdd(playbooks);

      const storedTasks = new Map((await db.tasks.toArray()).map((t) => [taskKey(t), t]));
      const tasks: Omit<TaskRecord, 'id'>[] = [];
      const addedTasks = new Set<string>();
      let closedTasks = 0;
      for (const task of [...backup.tasks].sort((a, b) => a.id - b.id)) {
        const key = taskKey(task);
        if (addedTasks.has(key)) continue;
        const known = storedTasks.get(key);
        if (!known) {
          addedTasks.add(key);
          tasks.push(withoutId(task));
        } else if (known.status === 'open' && task.status !== 'open') {
          const closed: TaskRecord = { ...known, status: task.status, ...(task.note !== undefined ? { note: task.note } : {}), ...(task.closedAt !== undefined ? { closedAt: task.closedAt } : {}) };
          await db.tasks.put(closed);
          storedTasks.set(key, closed);
          closedTasks++;
        }
      }
      await db.tasks.bulkAdd(tasks as TaskRecord[]);

      // Outcomes: the later recorded wins (the device's on a tie).
      const storedOutcomes = new Map((await db.outcomes.toArray()).map((o) => [o.customerId, o.recordedAt]));
      const outcomes = backup.outcomes.filter((o) => {
        const known = storedOutcomes.get(o.customerId);
        return known === undefined || o.recordedAt > known;
      });
      await db.outcomes.bulkPut([...outcomes]);

      const keys = new Set(await db.settings.toCollection().primaryKeys());
      const settings = backup.settings.filter((setting) => !keys.has(setting.key));
      await db.settings.bulkAdd(settings);
      return {
        imports: newIds.size,
        chunks: chunks.length,
        entries: entries.length,
        scoreSnapshots: snapshotIds.size,
        scoreChunks: scoreChunks.length,
        overrides: overrides.length + endedOverrides,
        playbooks: playbooks.length,
        tasks: tasks.length + closedTasks,
        outcomes: outcomes.length,
        settings: settings.length,
      };
    });
  } catch (error) {
    throw storageError(error);
  }
}
