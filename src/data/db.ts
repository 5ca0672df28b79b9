/**
 * Pulso's IndexedDB database (Dexie): the schema, its versions, and what happens when another
 * tab opens a newer one. `src/data` is the only code in the app that touches IndexedDB.
 *
 * Bulk data (what an import brings, score snapshots) is stored column-wise in chunks of
 * `CHUNK_ROWS` rows: one IndexedDB row per customer per value is ~50× slower
 * (docs/ARCHITECTURE.md, "Storage"). What people type by hand (entries) is one row each.
 *
 * Tables (schema 5):
 * - `imports` + `chunks` (since 1): each imported file's audit row, and its values.
 * - `settings` (since 1): key → JSON value.
 * - `entries` (since 2): hand-typed values and notes, one row each.
 * - `scoreSnapshots` + `scoreChunks` (since 2): a portfolio's scores on one day under one model
 *   revision, the meta row and its columns in chunks.
 * - `overrides` (since 3): bands set by hand on a customer (with a reason and an expiry), one row each.
 * - `playbooks` + `tasks` (since 4): the playbooks (rules that create tasks) and the tasks, one row each.
 * - `outcomes` (since 5): what became of a customer (churned or renewed, and when), one row per customer.
 */
import { ChunkCache } from './chunk-cache';
import { packedLabels } from './packed-labels';
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { ColumnKind, EpochDay } from '../engine/portfolio';
import type { TaskPriority } from '../engine/playbooks';
import type { BandInfo } from '../engine/results';

/**
 * Rows per stored chunk. Chromium reads and writes IndexedDB values over 64 KiB as separate
 * files, at ~5 ms a record: measured on a persistent profile, 22 columns × 100k rows cold-read in
 * 1.3 s as 10k-row chunks (220 records) and in 0.43 s as 100k-row chunks (22 records). Readers
 * take chunks of any size (a chunk's `rows` says how many), so the size can change without a
 * migration.
 */
export const CHUNK_ROWS = 100_000;

/** The `column` of the chunks that hold an import's customer ids (real columns are numbered from 0). */
export const ID_COLUMN = -1;

/** How an import changed what was known, counted in customers. */
export interface ImportSummary {
  /** Ids in no earlier import. */
  readonly new: number;
  /** Ids seen before, with at least one value that differs from their latest value at the import's `asOf`. */
  readonly updated: number;
  /** Ids seen before whose values all equal their latest values at the import's `asOf`. */
  readonly unchanged: number;
  /** Rows of the file that the reader left out (bad rows, empty ids); reported by the caller. */
  readonly skipped: number;
}

/** A column of an import as stored: its name in the file and the kind it was read as. */
export interface StoredColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Its chunks carry `observedOn` (the day of each value); without, values date from the import's `asOf`. */
  readonly observedOn: boolean;
}

/** One imported file (the audit of the import); its values are in `chunks`. */
export interface ImportRecord {
  /** Auto-incremented: also the order imports were saved in. */
  readonly id: number;
  readonly fileName: string;
  /** When it was saved, ms since the epoch (the device's clock). */
  readonly importedAt: number;
  /** The day the file's values are as of. */
  readonly asOf: EpochDay;
  /** Data rows in the file, skipped ones included. */
  readonly rowCount: number;
  /** Customers stored (rows kept). */
  readonly customerCount: number;
  /** In file order; a chunk's `column` indexes this array. */
  readonly columns: readonly StoredColumn[];
  /** Computed when saved, against the imports stored then (deleting an earlier import does not change it). */
  readonly summary: ImportSummary;
  /** Warnings the reader reported for the file. */
  readonly problemCount: number;
  /** Hash of the ids and columns as stored (see `content-hash.ts`); with `asOf`, detects the same file imported twice. */
  readonly contentHash: string;
}

/** What a chunk holds: a column kind, or the customer ids. */
export type ChunkKind = ColumnKind | 'ids';

/**
 * Rows `[offset, offset + rows)` of one column of one import, `offset` being the sum of `rows`
 * of the chunks before it. Buffers hold exactly `rows` elements.
 */
export interface ChunkRecord {
  readonly importId: number;
  /** Index into the import's `columns`, or `ID_COLUMN`. */
  readonly column: number;
  /** 0, 1, 2…: the chunk's position in the column. */
  readonly chunk: number;
  readonly kind: ChunkKind;
  readonly rows: number;
  /**
   * number/date: Float64Array bytes (NaN missing; dates as EpochDay); boolean: Uint8Array bytes
   * (255 missing); text: Int32Array bytes of codes into `labels` (-1 missing). Absent for ids.
   */
  readonly values?: ArrayBuffer;
  /** text: this chunk's own dictionary, in order of first use; ids: the customer ids, one per row. */
  readonly labels?: readonly string[];
  /** Float64Array bytes: the day each value was observed (NaN unknown), where the column had it. */
  readonly observedOn?: ArrayBuffer;
}

/** The primary key of `chunks`: `[importId, column, chunk]`. */
export type ChunkKey = [number, number, number];

/** A setting the app keeps (language, choices made in the wizard…). */
export interface SettingRecord {
  readonly key: string;
  readonly value: unknown;
}

/**
 * A value typed in by hand, a note, or both, on one customer and day.
 * - A value has `column`, `kind` and `value` (all three), the value of `kind`: a finite number,
 *   a boolean, a non-empty text, or for `date` an `EpochDay` (a whole number).
 * - A note alone has only `note` (non-blank).
 */
export interface EntryRecord {
  /** Auto-incremented: also the order entries were typed in. */
  readonly id: number;
  /** The customer's own id, as in the imported files. */
  readonly customerId: string;
  /** The day the value was observed (or the note is about). */
  readonly day: EpochDay;
  /** When it was typed, ms since the epoch (the device's clock). */
  readonly createdAt: number;
  /** The column (indicator) the value is a value of. */
  readonly column?: string;
  readonly kind?: ColumnKind;
  readonly value?: number | boolean | string;
  readonly note?: string;
}

/**
 * A band set by hand on a customer by a CSM (DESIGN "Overrides"): it replaces the computed band
 * where the band shows, from `startsOn` to `expiresOn` (both days included), unless ended early.
 * The computed score and band are kept (snapshots store computed bands only).
 */
export interface OverrideRecord {
  /** Auto-incremented: also the order overrides were set in. */
  readonly id: number;
  /** The customer's own id, as in the imported files. */
  readonly customerId: string;
  /** A band id of the model in use when it was set (never `insufficient`). */
  readonly band: string;
  /** Why (mandatory, non-blank). */
  readonly reason: string;
  /** The first day it applies. */
  readonly startsOn: EpochDay;
  /** The last day it applies (`>= startsOn`). */
  readonly expiresOn: EpochDay;
  /** When it was set, ms since the epoch (the device's clock). */
  readonly createdAt: number;
  /** When it was ended early by hand, ms since the epoch; absent while it runs to its expiry. */
  readonly endedAt?: number;
}

/** A playbook as stored: its id, its place in the list, and the playbook itself (a `Playbook`, checked when read). */
export interface PlaybookRecord {
  readonly id: string;
  /** 0, 1, 2…: the order the list shows. */
  readonly order: number;
  readonly playbook: unknown;
}

/** Where a task is in its life. */
export type TaskRecordStatus = 'open' | 'done' | 'dismissed';

/**
 * A task: created by a playbook for a customer and cause, or added by hand (then without
 * `playbookId`, `actionIndex`, `since` and `cause`).
 */
export interface TaskRecord {
  /** Auto-incremented: also the order tasks were created in. */
  readonly id: number;
  /** The customer's own id, as in the imported files. */
  readonly customerId: string;
  readonly title: string;
  readonly description: string;
  readonly priority: TaskPriority;
  /** The customer's owner when it was created ('' when none). */
  readonly owner: string;
  readonly playbookId?: string;
  /** The playbook's name when it was created. */
  readonly playbookName?: string;
  /** Which of the playbook's actions created it. */
  readonly actionIndex?: number;
  /** The first snapshot day of the run of matches that caused it. */
  readonly since?: EpochDay;
  /** Unique: `taskCause(playbookId, actionIndex, customerId, since)`; a playbook never creates a task twice for it. */
  readonly cause?: string;
  /** The device's day it was created on. */
  readonly createdOn: EpochDay;
  readonly dueOn: EpochDay;
  /** ms since the epoch. */
  readonly createdAt: number;
  readonly status: TaskRecordStatus;
  /** The outcome note written when it was closed. */
  readonly note?: string;
  /** When it was done or dismissed, ms since the epoch. */
  readonly closedAt?: number;
}

/** A task's cause key: the same playbook action, customer and run of matches (see `TaskRecord.cause`). */
export function taskCause(playbookId: string, actionIndex: number, customerId: string, since: EpochDay): string {
  return JSON.stringify([playbookId, actionIndex, customerId, since]);
}

/** What became of a customer, one row per customer (a newer outcome replaces the older). */
export interface OutcomeRecord {
  /** Primary key: the customer's own id, as in the imported files. */
  readonly customerId: string;
  readonly status: 'churned' | 'renewed';
  /** The day it churned or renewed (epoch day). */
  readonly day: EpochDay;
  readonly source: 'import' | 'manual';
  /** The file it came from (imports). */
  readonly fileName?: string;
  readonly note?: string;
  /** ms since the epoch. */
  readonly recordedAt: number;
}

/** The scores of a whole portfolio on one day under one model revision; the columns are in `scoreChunks`. */
export interface ScoreSnapshotRecord {
  /** Auto-incremented; a replaced snapshot gets a new id. */
  readonly id: number;
  /** The day the scores are for. */
  readonly asOf: EpochDay;
  /** The model revision that scored (unique with `asOf`). */
  readonly revision: string;
  readonly modelName: string;
  /** `dataStamp()` of the data that was scored: a different stamp today means the data changed since. */
  readonly dataStamp: string;
  /** Customers (rows) in every column. */
  readonly size: number;
  /** When it was saved, ms since the epoch. */
  readonly createdAt: number;
  /** The bands `band` indexes, the last being `insufficient`. */
  readonly bands: readonly BandInfo[];
  /** Category ids: category `i` is chunk column `SCORE_FIRST_CATEGORY + i`. */
  readonly categories: readonly string[];
}

/** Chunk column of a snapshot's integer scores (Float64Array, `NaN` no score). Ids are `ID_COLUMN`. */
export const SCORE_COLUMN = 0;
/** Chunk column of coverage, 0–1 (Float64Array). */
export const COVERAGE_COLUMN = 1;
/** Chunk column of band indexes into the snapshot's `bands` (Uint8Array). */
export const BAND_COLUMN = 2;
/** Chunk column of the first category's scores (Float64Array, `NaN` left out); the others follow. */
export const SCORE_FIRST_CATEGORY = 3;

/**
 * Rows `[offset, offset + rows)` of one column of one score snapshot (as `ChunkRecord` is of an
 * import). The column says what it holds: `ID_COLUMN` the customer ids in `labels`, the others
 * typed-array bytes in `values` (see `SCORE_COLUMN`…`SCORE_FIRST_CATEGORY`).
 */
export interface ScoreChunkRecord {
  readonly snapshotId: number;
  readonly column: number;
  readonly chunk: number;
  readonly rows: number;
  readonly values?: ArrayBuffer;
  readonly labels?: readonly string[];
}

/** The primary key of `scoreChunks`: `[snapshotId, column, chunk]`. */
export type ScoreChunkKey = [number, number, number];

/** One shipped schema: what `db.version(version).stores(stores)` declares, and its data upgrade. */
export interface SchemaVersion {
  readonly version: number;
  readonly stores: Readonly<Record<string, string | null>>;
  readonly upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * Every schema Pulso has shipped, oldest first. Append-only: an entry that shipped is never
 * edited, a change is a new entry with an `upgrade` where data must move, and a test that seeds
 * the previous version (tests/unit/data/migration-harness.ts).
 *
 * Row tables later issues will add, as new versions (not created before they are needed):
 * dashboard layouts. (Model revisions live in the settings.)
 *
 * Each version declares only the tables it adds or changes (Dexie keeps the others). Every
 * version also needs its entry in `BACKUP_UPGRADES` (backup.ts), so older backups restore.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      imports: '++id, asOf, [asOf+contentHash]',
      chunks: '[importId+column+chunk]',
      settings: 'key',
    },
  },
  {
    // Adds tables only: no data moves.
    version: 2,
    stores: {
      entries: '++id, customerId, day',
      scoreSnapshots: '++id, &[asOf+revision]',
      scoreChunks: '[snapshotId+column+chunk]',
    },
  },
  {
    // Adds a table only: no data moves.
    version: 3,
    stores: {
      overrides: '++id, customerId',
    },
  },
  {
    // Adds tables only: no data moves.
    version: 4,
    stores: {
      playbooks: 'id, order',
      tasks: '++id, customerId, status, &cause',
    },
  },
  {
    // Adds a table only: no data moves.
    version: 5,
    stores: {
      outcomes: 'customerId, status, day',
    },
  },
];

/** Declares `versions` on `db`, as `PulsoDb` does; the migration tests use it to build older schemas. */
export function declareVersions(db: Dexie, versions: readonly SchemaVersion[]): void {
  for (const { version, stores, upgrade } of versions) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
}

export interface PulsoDbOptions {
  /** Database name; tests use a fresh one each. Default `'pulso'`. */
  readonly name?: string;
  /**
   * Another tab (or a new version of the app) opened a newer schema. The database is already
   * closed when this is called, and every later read or write fails: the app should say
   * "Pulso was updated in another tab" and offer to reload.
   */
  readonly onVersionChange?: () => void;
  /**
   * Opening (or upgrading) is waiting for other tabs that keep an older version open. It goes on
   * by itself once they close; the app may say "close Pulso in your other tabs".
   */
  readonly onBlocked?: () => void;
  /** IndexedDB implementation, for tests that want isolation (default: the global one). */
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
}

/** The database. Opens itself on first use. */
export class PulsoDb extends Dexie {
  imports!: EntityTable<ImportRecord, 'id'>;
  chunks!: Table<ChunkRecord, ChunkKey>;
  settings!: EntityTable<SettingRecord, 'key'>;
  entries!: EntityTable<EntryRecord, 'id'>;
  scoreSnapshots!: EntityTable<ScoreSnapshotRecord, 'id'>;
  scoreChunks!: Table<ScoreChunkRecord, ScoreChunkKey>;
  overrides!: EntityTable<OverrideRecord, 'id'>;
  playbooks!: EntityTable<PlaybookRecord, 'id'>;
  tasks!: EntityTable<TaskRecord, 'id'>;
  outcomes!: EntityTable<OutcomeRecord, 'customerId'>;
  /** Chunks of imports this connection read or wrote (see `chunk-cache.ts`). */
  readonly chunkCache = new ChunkCache();

  constructor(options: PulsoDbOptions = {}) {
    super(options.name ?? 'pulso', {
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    declareVersions(this, SCHEMA_VERSIONS);
    this.use(packedLabels);
    this.on('versionchange', () => {
      // Dexie's own handler (which runs after this one unless it returns false) closes too, but
      // lets the next call reopen silently with this tab's old schema; closing for good makes
      // every later call fail instead.
      this.close({ disableAutoOpen: true });
      options.onVersionChange?.();
      return false;
    });
    this.on('blocked', () => {
      options.onBlocked?.();
      // The app tells the user; Dexie's default would only log a warning.
      return false;
    });
  }
}
