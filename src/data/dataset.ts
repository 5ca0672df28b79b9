/**
 * The user's data as a whole: a stamp that tells whether it changed, and deleting all of it.
 */
import { ContentHasher } from './content-hash';
import { storageError } from './storage-error';
import type { EntryRecord, ImportRecord, PulsoDb } from './db';

/**
 * A short text naming the data that scores are computed from — the imports (their content, in
 * the order they merge) and the entries — e.g. `"3i-12e-5f0c…"` (counts, then a hash). Adding
 * or deleting an import or an entry changes it; settings and score snapshots do not.
 *
 * A score snapshot stores the stamp of the data it was computed from: a different stamp now
 * means the data changed since. The stamp comes from content, not from ids, so it means the same
 * on every device and after a backup is restored: equal stamps, equal data (up to a 64-bit hash
 * collision). Going back to earlier data (an entry added, then deleted) gives the earlier stamp.
 *
 * Reads every import row (no chunks) and every entry: cheap, as both are small tables.
 */
export async function dataStamp(db: PulsoDb): Promise<string> {
  let imports: ImportRecord[];
  let entries: EntryRecord[];
  try {
    [imports, entries] = await db.transaction('r', db.imports, db.entries, () => Promise.all([db.imports.toArray(), db.entries.toArray()]));
  } catch (error) {
    throw storageError(error);
  }
  // The orders loadHistory merges imports in and the worker applies entries in.
  imports.sort((a, b) => a.asOf - b.asOf || a.importedAt - b.importedAt || a.id - b.id);
  entries.sort((a, b) => a.day - b.day || a.id - b.id);
  const hasher = new ContentHasher().int(imports.length);
  for (const { asOf, contentHash } of imports) hasher.int(asOf).string(contentHash);
  hasher.int(entries.length);
  for (const entry of entries) {
    hasher.string(entry.customerId).int(entry.day).string(String(entry.createdAt));
    hasher.string(entry.column ?? '').string(entry.kind ?? '').string(entry.value === undefined ? '' : `${typeof entry.value}:${String(entry.value)}`);
    hasher.int(entry.note === undefined ? 0 : 1).string(entry.note ?? '');
  }
  return `${imports.length}i-${entries.length}e-${hasher.digest()}`;
}

/**
 * Deletes every import (with its values), entry, band set by hand, task, outcome (churned or renewed) and score
 * snapshot (with its chunks) in one transaction — all or nothing. Settings (language, remembered mappings…) and
 * playbooks are kept.
 */
export async function clearData(db: PulsoDb): Promise<void> {
  try {
    await db.transaction('rw', [db.imports, db.chunks, db.entries, db.scoreSnapshots, db.scoreChunks, db.overrides, db.tasks, db.outcomes], async () => {
      await Promise.all([
        db.imports.clear(), db.chunks.clear(), db.entries.clear(), db.scoreSnapshots.clear(), db.scoreChunks.clear(), db.overrides.clear(), db.tasks.clear(),
        db.outcomes.clear(),
      ]);
    });
  } catch (error) {
    throw storageError(error);
  }
}
