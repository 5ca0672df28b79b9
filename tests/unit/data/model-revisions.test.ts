/**
 * The revision history in settings (fake-indexeddb): newest first, each revision once, bounded,
 * tolerant of what a hand-edited backup may hold, and restored with the other settings.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createBackup, putSetting, readBackup, restoreBackup } from '../../../src/data';
import { MODEL_REVISIONS_SETTING, recallRevisions, recordRevisions, REVISIONS_KEPT, type ModelRevisionRecord } from '../../../src/data/settings';
import { freshDb } from './support';

const record = (revision: string, savedAt: number): ModelRevisionRecord => ({ revision, name: `Model ${revision}`, savedAt, model: { format: 'health-model/v1', name: revision, categories: [] } });

describe('the model revision history', () => {
  it('keeps revisions newest first, each once, and at most REVISIONS_KEPT', async () => {
    const db = freshDb();
    expect(await recallRevisions(db)).toEqual([]);
    await recordRevisions(db, [record('a', 1)]);
    await recordRevisions(db, [record('b', 2), record('c', 0)]);
    await recordRevisions(db, [record('a', 3)]);
    expect((await recallRevisions(db)).map((r) => [r.revision, r.savedAt])).toEqual([['a', 3], ['b', 2], ['c', 0]]);
    for (let k = 0; k < REVISIONS_KEPT + 5; k++) await recordRevisions(db, [record(`r${k}`, 10 + k)]);
    const kept = await recallRevisions(db);
    expect(kept).toHaveLength(REVISIONS_KEPT);
    expect(kept[0]!.revision).toBe(`r${REVISIONS_KEPT + 4}`);
  });

  it('skips entries that are not revision records, and travels in backups', async () => {
    const db = freshDb();
    await putSetting(db, MODEL_REVISIONS_SETTING, [record('a', 1), { revision: 3 }, 'x', null, record('b', 2)]);
    expect((await recallRevisions(db)).map((r) => r.revision)).toEqual(['a', 'b']);
    const read = readBackup(await createBackup(db));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const other = freshDb();
    await restoreBackup(other, read.backup, 'replace');
    expect((await recallRevisions(other)).map((r) => r.revision)).toEqual(['a', 'b']);
  });
});
