/**
 * Score snapshots: the scores of a whole portfolio on one day under one model revision, kept so
 * that trends and a customer's score history need no rescoring. Stored like imports, column-wise
 * in chunks of `CHUNK_ROWS` rows (100k customers × 6 categories is ~100 records, not 100k):
 *
 * - column `ID_COLUMN`: the customer ids (`labels`);
 * - `SCORE_COLUMN`: integer score, Float64Array (`NaN` no score);
 * - `COVERAGE_COLUMN`: coverage 0–1, Float64Array;
 * - `BAND_COLUMN`: index into `bands`, Uint8Array;
 * - `SCORE_FIRST_CATEGORY + i`: category `categories[i]`'s score, Float64Array (`NaN` left out).
 *
 * One snapshot per `asOf` + `revision`: saving again replaces it.
 */
import type { EpochDay } from '../engine/portfolio';
import type { BandInfo } from '../engine/results';
import { storageError } from './storage-error';
import {
  BAND_COLUMN, CHUNK_ROWS, COVERAGE_COLUMN, ID_COLUMN, SCORE_COLUMN, SCORE_FIRST_CATEGORY,
  type PulsoDb, type ScoreChunkRecord, type ScoreSnapshotRecord,
} from './db';

/** A snapshot to save, or as loaded: every array has one entry per customer, in the same row order. */
export interface ScoreSnapshotInput {
  readonly asOf: EpochDay;
  /** The model revision (content hash of the model file). */
  readonly revision: string;
  readonly modelName: string;
  /** `dataStamp()` of the data the scores were computed from. */
  readonly dataStamp: string;
  readonly ids: readonly string[];
  /** Integer score; `NaN` with no score. */
  readonly score: Float64Array;
  readonly coverage: Float64Array;
  /** Index into `bands`. */
  readonly band: Uint8Array;
  /** The model's bands in ascending order, then `insufficient`. */
  readonly bands: readonly BandInfo[];
  /** Per category (model order), its unrounded score; `NaN` where left out. */
  readonly categories: readonly { readonly id: string; readonly values: Float64Array }[];
}

/** A stored snapshot read back: the saved data (each array its own buffer), with its id and save time. */
export interface ScoreSnapshot extends ScoreSnapshotInput {
  readonly id: number;
  readonly createdAt: number;
}

/** Which snapshots `deleteScoreSnapshots` deletes: those that match every condition given. */
export interface ScoreSnapshotSelection {
  /** Those of this model revision. */
  readonly revision?: string;
  /** Those whose `asOf` is not one of these days (the days the data no longer has). */
  readonly notIn?: readonly EpochDay[];
}

/** Throws a plain `Error` if the arrays of `input` do not all have one entry per id. */
function checkInput(input: ScoreSnapshotInput): void {
  const size = input.ids.length;
  const wrong = (what: string, length: number): never => {
    throw new Error(`saveScoreSnapshot(): ${what} has ${length} entries for ${size} customers`);
  };
  if (!Number.isSafeInteger(input.asOf)) throw new Error(`saveScoreSnapshot(): asOf ${input.asOf} is not a day`);
  if (!input.revision) throw new Error('saveScoreSnapshot(): no revision');
  if (input.score.length !== size) wrong('score', input.score.length);
  if (input.coverage.length !== size) wrong('coverage', input.coverage.length);
  if (input.band.length !== size) wrong('band', input.band.length);
  for (const { id, values } of input.categories) if (values.length !== size) wrong(`category ${id}`, values.length);
  if (new Set(input.categories.map((c) => c.id)).size !== input.categories.length) throw new Error('saveScoreSnapshot(): a category id appears twice');
}

/** The chunks of `input`'s columns (copies), before the snapshot has an id. */
function encodeSnapshot(input: ScoreSnapshotInput): Omit<ScoreChunkRecord, 'snapshotId'>[] {
  const size = input.ids.length;
  const columns: [number, Float64Array | Uint8Array][] = [
    [SCORE_COLUMN, input.score],
    [COVERAGE_COLUMN, input.coverage],
    [BAND_COLUMN, input.band],
    ...input.categories.map(({ values }, i): [number, Float64Array] => [SCORE_FIRST_CATEGORY + i, values]),
  ];
  const chunks: Omit<ScoreChunkRecord, 'snapshotId'>[] = [];
  for (let start = 0, chunk = 0; start < size; start += CHUNK_ROWS, chunk++) {
    const end = Math.min(size, start + CHUNK_ROWS);
    chunks.push({ column: ID_COLUMN, chunk, rows: end - start, labels: input.ids.slice(start, end) });
  }
  for (const [column, values] of columns) {
    for (let start = 0, chunk = 0; start < size; start += CHUNK_ROWS, chunk++) {
      const end = Math.min(size, start + CHUNK_ROWS);
      // slice: an exact copy, whatever view (offset, longer buffer) the caller passed.
      chunks.push({ column, chunk, rows: end - start, values: values.slice(start, end).buffer });
    }
  }
  return chunks;
}

/** Deletes snapshot `id`'s chunks (inside the caller's transaction). */
function deleteChunks(db: PulsoDb, id: number): Promise<number> {
  return db.scoreChunks.where('[snapshotId+column+chunk]').between([id, -Infinity, -Infinity], [id, Infinity, Infinity]).delete();
}

/**
 * Stores a snapshot in one transaction, replacing the one stored for the same `asOf` and
 * `revision` (its meta row and chunks); resolves to the new snapshot's id.
 *
 * Throws a plain `Error` if the arrays do not all have one entry per id (nothing written);
 * rejects with an `Error` named after the cause when the write fails (then the old snapshot is
 * still there).
 */
export async function saveScoreSnapshot(db: PulsoDb, input: ScoreSnapshotInput): Promise<number> {
  checkInput(input);
  const chunks = encodeSnapshot(input);
  const meta: Omit<ScoreSnapshotRecord, 'id'> = {
    asOf: input.asOf,
    revision: input.revision,
    modelName: input.modelName,
    dataStamp: input.dataStamp,
    size: input.ids.length,
    createdAt: Date.now(),
    bands: input.bands.map(({ id, label, color }) => ({ id, label, color })),
    categories: input.categories.map((c) => c.id),
  };
  try {
    return await db.transaction('rw', db.scoreSnapshots, db.scoreChunks, async () => {
      const old = await db.scoreSnapshots.where('[asOf+revision]').equals([input.asOf, input.revision]).first();
      if (old) {
        await deleteChunks(db, old.id);
        await db.scoreSnapshots.delete(old.id);
      }
      const snapshotId = await db.scoreSnapshots.add(meta);
      await db.scoreChunks.bulkAdd(chunks.map((chunk) => ({ ...chunk, snapshotId })));
      return snapshotId;
    });
  } catch (error) {
    throw storageError(error);
  }
}

/** The stored snapshots' meta rows (of `revision`, if given), oldest `asOf` first (same day: by revision, then id). */
export async function listScoreSnapshots(db: PulsoDb, revision?: string): Promise<ScoreSnapshotRecord[]> {
  try {
    const all = await db.scoreSnapshots.toArray();
    return all
      .filter((s) => revision === undefined || s.revision === revision)
      .sort((a, b) => a.asOf - b.asOf || (a.revision < b.revision ? -1 : a.revision > b.revision ? 1 : 0) || a.id - b.id);
  } catch (error) {
    throw storageError(error);
  }
}

/**
 * Snapshot `id` with all its columns (fresh buffers, transferable), or `null` if there is none.
 * With `categories: false`, only ids, scores, coverage and bands are read (`categories` is
 * empty): what a start-up needs, at a fraction of the reading.
 */
export async function loadScoreSnapshot(db: PulsoDb, id: number, options: { readonly categories?: boolean } = {}): Promise<ScoreSnapshot | null> {
  const lastColumn = options.categories === false ? BAND_COLUMN : Infinity;
  let meta: ScoreSnapshotRecord | undefined;
  let chunks: ScoreChunkRecord[];
  try {
    [meta, chunks] = await db.transaction('r', db.scoreSnapshots, db.scoreChunks, () => Promise.all([
      db.scoreSnapshots.get(id),
      db.scoreChunks.where('[snapshotId+column+chunk]').between([id, -Infinity, -Infinity], [id, lastColumn, Infinity]).toArray(),
    ]));
  } catch (error) {
    throw storageError(error);
  }
  if (!meta) return null;
  const { size } = meta;
  const ids: string[] = [];
  const score = new Float64Array(size).fill(Number.NaN);
  const coverage = new Float64Array(size);
  const band = new Uint8Array(size);
  const categories = lastColumn === Infinity ? meta.categories.map((category) => ({ id: category, values: new Float64Array(size).fill(Number.NaN) })) : [];
  const targets = new Map<number, Float64Array | Uint8Array>([[SCORE_COLUMN, score], [COVERAGE_COLUMN, coverage], [BAND_COLUMN, band]]);
  categories.forEach(({ values }, i) => targets.set(SCORE_FIRST_CATEGORY + i, values));
  // Chunks come in key order (column, then chunk): each column's offset is the rows before it.
  const offsets = new Map<number, number>();
  for (const chunk of chunks) {
    const offset = offsets.get(chunk.column) ?? 0;
    offsets.set(chunk.column, offset + chunk.rows);
    if (chunk.column === ID_COLUMN) {
      for (const label of chunk.labels ?? []) ids.push(label);
      continue;
    }
    const target = targets.get(chunk.column);
    if (!target || !chunk.values) continue;
    if (target instanceof Uint8Array) target.set(new Uint8Array(chunk.values), offset);
    else target.set(new Float64Array(chunk.values), offset);
  }
  return {
    id: meta.id,
    createdAt: meta.createdAt,
    asOf: meta.asOf,
    revision: meta.revision,
    modelName: meta.modelName,
    dataStamp: meta.dataStamp,
    ids,
    score,
    coverage,
    band,
    bands: meta.bands,
    categories,
  };
}

/**
 * Deletes, in one transaction, the snapshots that match every condition of `which` (with none,
 * every snapshot), with their chunks. Resolves to the number of snapshots deleted.
 *
 * `{ revision }` drops a model revision's history; `{ notIn: days }` drops snapshots of days the
 * data no longer has (after an import was deleted); both: those of the revision not on those days.
 */
export async function deleteScoreSnapshots(db: PulsoDb, which: ScoreSnapshotSelection): Promise<number> {
  const keep = which.notIn ? new Set(which.notIn) : undefined;
  try {
    return await db.transaction('rw', db.scoreSnapshots, db.scoreChunks, async () => {
      const doomed = (await db.scoreSnapshots.toArray()).filter(
        (s) => (which.revision === undefined || s.revision === which.revision) && (!keep || !keep.has(s.asOf)),
      );
      for (const { id } of doomed) await deleteChunks(db, id);
      await db.scoreSnapshots.bulkDelete(doomed.map((s) => s.id));
      return doomed.length;
    });
  } catch (error) {
    throw storageError(error);
  }
}
