/**
 * Imported files: saved all or nothing (one file, or several — one per as-of day of a long file —
 * in one transaction), listed, deleted, and read back as a history of snapshots for the engine.
 * Values are chunked typed-array columns (see `column-chunks.ts`).
 *
 * Semantics: the value of a column for a customer at day D is the latest observation at or
 * before D (DESIGN "Data model"). An empty cell is "not observed", never "erase": a later
 * import with an empty cell leaves the earlier value standing.
 */
import type { Snapshot } from '../engine/history';
import {
  BOOLEAN_MISSING, TEXT_MISSING, type Column, type ColumnKind, type EpochDay, type Portfolio,
} from '../engine/portfolio';
import { ColumnBuilder, encodePortfolio, newDictionary, type LabelDictionary } from './column-chunks';
import { storageError } from './storage-error';
import { ID_COLUMN, type ChunkRecord, type ImportRecord, type ImportSummary, type PulsoDb } from './db';

export interface SaveImportInput {
  readonly fileName: string;
  /** The day the file's values are as of. */
  readonly asOf: EpochDay;
  /** The customers (unique ids) and typed columns read from the file. */
  readonly portfolio: Portfolio;
  /** Rows the reader left out (bad rows, empty ids). Default 0. */
  readonly skipped?: number;
  /** Data rows in the file. Default: customers + skipped. */
  readonly rowCount?: number;
  /** Warnings the reader reported. Default 0. */
  readonly problemCount?: number;
}

export interface SaveImportResult {
  readonly importId: number;
  readonly summary: ImportSummary;
  /**
   * The same content was already stored for the same `asOf`: nothing was written, `importId` is
   * the earlier import's, and the summary counts every customer unchanged.
   */
  readonly duplicate: boolean;
}

/** Oldest `asOf` first; on one day, in the order they were saved. */
function chronological(imports: ImportRecord[]): ImportRecord[] {
  return imports.sort((a, b) => a.asOf - b.asOf || a.importedAt - b.importedAt || a.id - b.id);
}

/** Chunks of columns `from`..`to` (inclusive) of one import, in key order: by column, then chunk. */
function readChunks(db: PulsoDb, importId: number, from: number, to: number): Promise<ChunkRecord[]> {
  return db.chunks.where('[importId+column+chunk]').between([importId, from, 0], [importId, to, Infinity], true, true).toArray();
}

/**
 * Chunks of imports written in the running `saveImports` call, by import id, in key order: read
 * from memory rather than back from IndexedDB when later inputs of the call are summarised.
 *
 * Taken without `await`: inside a Dexie transaction, a chain of awaits that reaches no Dexie
 * promise loses the transaction (Dexie's zone), which then commits early.
 */
type WrittenChunks = ReadonlyMap<number, readonly ChunkRecord[]>;

/**
 * Where each row of an import goes (its ids chunks given): its row in `index`, or -1 if the id
 * is not there. With `ids`, unknown ids are appended (to both) instead.
 */
function rowMapOf(record: ImportRecord, idChunks: readonly ChunkRecord[], index: Map<string, number>, ids?: string[]): Int32Array {
  const map = new Int32Array(record.customerCount);
  let row = 0;
  for (const chunk of idChunks) {
    for (const id of chunk.labels ?? []) {
      let target = index.get(id);
      if (target === undefined && ids) {
        target = ids.push(id) - 1;
        index.set(id, target);
      }
      map[row++] = target ?? -1;
    }
  }
  return map;
}

/** Pours `chunks` (one import's, key order) into the builders of the columns they belong to. */
function pour(record: ImportRecord, chunks: readonly ChunkRecord[], builders: ReadonlyMap<string, ColumnBuilder>, rowMap: Int32Array): void {
  const offsets = new Map<number, number>();
  for (const chunk of chunks) {
    if (chunk.column === ID_COLUMN) continue;
    const stored = record.columns[chunk.column];
    const builder = stored && builders.get(stored.name);
    const offset = offsets.get(chunk.column) ?? 0;
    offsets.set(chunk.column, offset + chunk.rows);
    // A column read as another kind in another file cannot share cells; its values are left out.
    if (builder && builder.kind === stored.kind) builder.write(chunk, rowMap, offset, record.asOf);
  }
}

/** Sets `changed[r]` where `incoming` has a value that `known` (built for the same kind) does not have. */
function markChanged(changed: Uint8Array, incoming: Column, known: Column): void {
  switch (incoming.kind) {
    case 'number':
    case 'date': {
      if (known.kind !== 'number' && known.kind !== 'date') return;
      const old = known.values;
      incoming.values.forEach((v, r) => {
        if (!Number.isNaN(v) && v !== old[r]) changed[r] = 1;
      });
      return;
    }
    case 'boolean': {
      if (known.kind !== 'boolean') return;
      const old = known.values;
      incoming.values.forEach((v, r) => {
        if (v !== BOOLEAN_MISSING && v !== old[r]) changed[r] = 1;
      });
      return;
    }
    case 'text': {
      if (known.kind !== 'text') return;
      const old = known;
      const codeOf = new Map(old.labels.map((label, code) => [label, code]));
      // -2: a label never seen before, equal to no known code (missing included).
      const asKnown = Int32Array.from(incoming.labels, (label) => codeOf.get(label) ?? -2);
      incoming.codes.forEach((c, r) => {
        if (c !== TEXT_MISSING && asKnown[c] !== old.codes[r]) changed[r] = 1;
      });
      return;
    }
  }
}

/**
 * Counts new, updated and unchanged customers of `portfolio` against the stored imports
 * (`imports`, chronological): values known at `asOf` come from imports as of that day or before.
 */
async function summarize(
  db: PulsoDb,
  { imports, portfolio, asOf, skipped, written }: { imports: readonly ImportRecord[]; portfolio: Portfolio; asOf: EpochDay; skipped: number; written: WrittenChunks },
): Promise<ImportSummary> {
  // Nothing stored yet (a first import): every customer is new, and there is nothing to compare.
  if (imports.length === 0) return { new: portfolio.size, updated: 0, unchanged: 0, skipped };
  const index = new Map(portfolio.ids.map((id, row) => [id, row]));
  const seen = new Uint8Array(portfolio.size);
  const builders = new Map([...portfolio.columns].map(([name, column]) => [name, new ColumnBuilder(column.kind, portfolio.size, false)]));
  for (const record of imports) {
    const chunks: readonly ChunkRecord[] = written.get(record.id) ?? db.chunkCache.get(record) ?? await readChunks(db, record.id, ID_COLUMN, Infinity);
    const rowMap = rowMapOf(record, chunks.filter((chunk) => chunk.column === ID_COLUMN), index);
    for (const row of rowMap) if (row >= 0) seen[row] = 1;
    if (record.asOf > asOf) continue;
    const comparable = new Set(record.columns.flatMap((stored, column) => (builders.get(stored.name)?.kind === stored.kind ? [column] : [])));
    pour(record, chunks.filter((chunk) => comparable.has(chunk.column)), builders, rowMap);
  }
  const changed = new Uint8Array(portfolio.size);
  for (const [name, column] of portfolio.columns) markChanged(changed, column, builders.get(name)!.build());
  const summary = { new: 0, updated: 0, unchanged: 0, skipped };
  for (let r = 0; r < portfolio.size; r++) {
    if (!seen[r]) summary.new++;
    else if (changed[r]) summary.updated++;
    else summary.unchanged++;
  }
  return summary;
}

export interface SaveImportsOptions {
  /**
   * Called with the chunks written so far and the chunks of every input (an input found to be a
   * duplicate counts as done without being written): `(0, total)` first, then after each bulk
   * write, `(total, total)` last. Called synchronously inside the transaction; what it returns
   * is ignored, and an exception it throws aborts the save (nothing written).
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Chunks per bulk write: large writes (IndexedDB is fast per request, slow per round trip), yet
 * small enough that `onProgress` moves during one big import (100k × 20 is ~210 chunks).
 */
const WRITE_BATCH = 16;

/**
 * Stores several imported files — e.g. one per as-of day of a long file — in ONE transaction:
 * all or nothing. Each input is handled as `saveImport` would, in order of `asOf` (inputs of the
 * same day in the order given), so that each summary is computed against the imports stored
 * before it, those saved earlier in this call included:
 *
 * - the same content already stored for the same `asOf` (or given twice in this call) is not
 *   stored again (`duplicate: true`, with the earlier import's id);
 * - otherwise the import row and its chunks are written, with a summary against every import
 *   stored so far (values known at its `asOf`).
 *
 * Results are in the order of `inputs` (not the order they were stored in).
 *
 * Throws (before touching the database) if a portfolio is malformed (see `encodePortfolio`).
 * Rejects with an `Error` named after the cause (`QuotaExceededError`, `DatabaseClosedError`,
 * …); then nothing was written.
 */
export async function saveImports(db: PulsoDb, inputs: readonly SaveImportInput[], options: SaveImportsOptions = {}): Promise<SaveImportResult[]> {
  if (inputs.length === 0) return [];
  const { onProgress } = options;
  // Encoding and hashing are CPU work: done before the transaction, which they would only keep open.
  const encoded = inputs.map((input) => encodePortfolio(input.portfolio));
  const total = encoded.reduce((sum, { chunks }) => sum + chunks.length, 0);
  const order = inputs.map((_, i) => i).sort((a, b) => inputs[a]!.asOf - inputs[b]!.asOf || a - b);
  try {
    const written = new Map<number, readonly ChunkRecord[]>();
    const contentHashes = new Map<number, string>();
    const saved = await db.transaction('rw', db.imports, db.chunks, async (): Promise<SaveImportResult[]> => {
      const results: SaveImportResult[] = new Array<SaveImportResult>(inputs.length);
      // Read only once an input needs a summary (a duplicate does not): then kept up to date.
      let stored: ImportRecord[] | undefined;
      // One clock reading: files saved together were imported together (ids order them).
      const importedAt = Date.now();
      let done = 0;
      onProgress?.(done, total);
      for (const i of order) {
        const input = inputs[i]!;
        const { columns, chunks, contentHash } = encoded[i]!;
        const { asOf, portfolio } = input;
        const skipped = input.skipped ?? 0;
        const same = await db.imports.where('[asOf+contentHash]').equals([asOf, contentHash]).first();
        if (same) {
          results[i] = { importId: same.id, duplicate: true, summary: { new: 0, updated: 0, unchanged: portfolio.size, skipped } };
          done += chunks.length;
          onProgress?.(done, total);
          continue;
        }
        stored ??= chronological(await db.imports.toArray());
        const summary = await summarize(db, { imports: stored, portfolio, asOf, skipped, written });
        const record: Omit<ImportRecord, 'id'> = {
          fileName: input.fileName,
          importedAt,
          asOf,
          rowCount: input.rowCount ?? portfolio.size + skipped,
          customerCount: portfolio.size,
          columns,
          summary,
          problemCount: input.problemCount ?? 0,
          contentHash,
        };
        const importId = await db.imports.add(record);
        contentHashes.set(importId, contentHash);
        const records = chunks.map((chunk) => ({ ...chunk, importId }));
        for (let from = 0; from < records.length; from += WRITE_BATCH) {
          const batch = records.slice(from, from + WRITE_BATCH);
          await db.chunks.bulkAdd(batch);
          done += batch.length;
          onProgress?.(done, total);
        }
        written.set(importId, records);
        stored.push({ ...record, id: importId });
        chronological(stored);
        results[i] = { importId, summary, duplicate: false };
      }
      return results;
    });
    // Only once committed: what the next loadHistory reads from memory is what is stored.
    for (const { importId, duplicate } of saved) {
      const chunks = written.get(importId);
      if (!duplicate && chunks) db.chunkCache.put({ id: importId, contentHash: contentHashes.get(importId)! }, chunks);
    }
    return saved;
  } catch (error) {
    throw storageError(error);
  }
}

/**
 * Stores one imported file: `saveImports` with one input (its audit row and all its values, in
 * one transaction — all or nothing). The same content (ids, column names and kinds, values)
 * already stored for the same `asOf` is not stored again (`duplicate: true`).
 *
 * Rejects with an `Error` named after the cause (`QuotaExceededError`, `DatabaseClosedError`,
 * …); then nothing was written.
 */
export async function saveImport(db: PulsoDb, input: SaveImportInput): Promise<SaveImportResult> {
  const [result] = await saveImports(db, [input]);
  return result!;
}

/** Every import, oldest `asOf` first (same day: in the order saved). */
export async function listImports(db: PulsoDb): Promise<ImportRecord[]> {
  try {
    return chronological(await db.imports.toArray());
  } catch (error) {
    throw storageError(error);
  }
}

/** Deletes an import and all its values in one transaction. `false` if there was no such import. */
export async function deleteImport(db: PulsoDb, importId: number): Promise<boolean> {
  try {
    return await db.transaction('rw', db.imports, db.chunks, async () => {
      if (!(await db.imports.get(importId))) return false;
      await db.chunks.where('[importId+column+chunk]').between([importId, -Infinity, -Infinity], [importId, Infinity, Infinity]).delete();
      await db.imports.delete(importId);
      return true;
    });
  } catch (error) {
    throw storageError(error);
  }
}

/**
 * Every stored import as one snapshot per distinct `asOf` day, oldest first, for
 * `latestObservations` to carry values forward.
 *
 * - Rows: every customer id of any import, in order of first appearance (imports in
 *   chronological order); the same rows, and the same `ids` array, in every snapshot.
 * - Columns: every column of any import, in order of first appearance, each of the kind of the
 *   latest import that has it (values stored as another kind are left out). A customer or
 *   column an import lacks is missing.
 * - Several imports of one day merge: a later import's value wins, an empty cell replaces nothing.
 * - `observedOn` where an import stored it (values of other imports dated by their `asOf`).
 * - A text column's snapshots share one `labels` array.
 */
export async function loadHistory(db: PulsoDb): Promise<Snapshot[]> {
  try {
    return await db.transaction('r', db.imports, db.chunks, async () => {
      const imports = chronological(await db.imports.toArray());
      db.chunkCache.retain(imports);
      const chunksOf = new Map<number, readonly ChunkRecord[]>();
      for (const record of imports) {
        let chunks = db.chunkCache.get(record);
        if (!chunks) {
          chunks = await readChunks(db, record.id, ID_COLUMN, Infinity);
          db.chunkCache.put(record, chunks);
        }
        chunksOf.set(record.id, chunks);
      }
      const index = new Map<string, number>();
      const ids: string[] = [];
      const rowMaps = new Map<number, Int32Array>();
      const only = imports.length === 1 ? imports[0]! : undefined;
      if (only) {
        // One import: its rows are the rows (an import's ids are unique), with no index to build.
        for (const chunk of chunksOf.get(only.id)!) if (chunk.column === ID_COLUMN) for (const id of chunk.labels ?? []) ids.push(id);
        rowMaps.set(only.id, Int32Array.from({ length: ids.length }, (_, row) => row));
      } else {
        for (const record of imports) rowMaps.set(record.id, rowMapOf(record, chunksOf.get(record.id)!.filter((c) => c.column === ID_COLUMN), index, ids));
      }

      const kinds = new Map<string, ColumnKind>();
      for (const record of imports) for (const { name, kind } of record.columns) kinds.set(name, kind);
      const dictionaries = new Map<string, LabelDictionary>();
      for (const [name, kind] of kinds) if (kind === 'text') dictionaries.set(name, newDictionary());

      const snapshots: Snapshot[] = [];
      for (let first = 0; first < imports.length; ) {
        const day = imports[first]!.asOf;
        let end = first;
        while (end < imports.length && imports[end]!.asOf === day) end++;
        const group = imports.slice(first, end);
        const builders = new Map<string, ColumnBuilder>();
        for (const [name, kind] of kinds) {
          const dated = group.some((record) => record.columns.some((c) => c.name === name && c.kind === kind && c.observedOn));
          builders.set(name, new ColumnBuilder(kind, ids.length, dated, dictionaries.get(name)));
        }
        for (const record of group) pour(record, chunksOf.get(record.id)!, builders, rowMaps.get(record.id)!);
        const columns = new Map([...builders].map(([name, builder]) => [name, builder.build()]));
        snapshots.push({ day, portfolio: { size: ids.length, ids, columns } });
        first = end;
      }
      return snapshots;
    });
  } catch (error) {
    throw storageError(error);
  }
}
