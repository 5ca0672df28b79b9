/**
 * The chunks of stored imports kept in memory by the connection that read or wrote them, so that
 * loading the history again (after an import, an entry, a deletion) reads from IndexedDB only
 * what this connection has not seen yet. After an import that is nothing: the file just written
 * is in memory, and the earlier ones were read when the data was loaded.
 *
 * Safe without any invalidation: an import's chunks never change once written, and the key is
 * the import's id AND content hash, so an id reused for other content (a backup restored by
 * replacing, in this tab or another) misses. What a cached import no longer in the database
 * costs is memory only, and `retain` drops it.
 */
import type { ChunkRecord, ImportRecord } from './db';

/** Bytes of chunk values kept at most: beyond it, imports are read from IndexedDB again (~1M rows × 25 columns). */
export const CHUNK_CACHE_BYTES = 256 * 1024 * 1024;

function keyOf(record: Pick<ImportRecord, 'id' | 'contentHash'>): string {
  return `${record.id}\u0000${record.contentHash}`;
}

function bytesOf(chunks: readonly ChunkRecord[]): number {
  let bytes = 0;
  for (const chunk of chunks) bytes += (chunk.values?.byteLength ?? 0) + (chunk.observedOn?.byteLength ?? 0) + (chunk.rows * 16);
  return bytes;
}

export class ChunkCache {
  readonly #entries = new Map<string, { readonly chunks: readonly ChunkRecord[]; readonly bytes: number }>();
  readonly #budget: number;
  #bytes = 0;

  constructor(budget = CHUNK_CACHE_BYTES) {
    this.#budget = budget;
  }

  /** Every chunk of `record` (ids first, then by column and chunk: key order), if kept. */
  get(record: Pick<ImportRecord, 'id' | 'contentHash'>): readonly ChunkRecord[] | undefined {
    return this.#entries.get(keyOf(record))?.chunks;
  }

  /** Keeps every chunk of `record` (in key order), unless that would pass the budget. */
  put(record: Pick<ImportRecord, 'id' | 'contentHash'>, chunks: readonly ChunkRecord[]): void {
    const key = keyOf(record);
    if (this.#entries.has(key)) return;
    const bytes = bytesOf(chunks);
    if (this.#bytes + bytes > this.#budget) return;
    this.#entries.set(key, { chunks, bytes });
    this.#bytes += bytes;
  }

  /** Forgets every import but `records` (the ones in the database now). */
  retain(records: readonly Pick<ImportRecord, 'id' | 'contentHash'>[]): void {
    const keep = new Set(records.map(keyOf));
    for (const [key, entry] of this.#entries) {
      if (keep.has(key)) continue;
      this.#entries.delete(key);
      this.#bytes -= entry.bytes;
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** Imports kept. */
  get size(): number {
    return this.#entries.size;
  }
}
