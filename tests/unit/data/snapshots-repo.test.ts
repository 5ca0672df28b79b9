import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BAND_COLUMN, CHUNK_ROWS, ID_COLUMN, SCORE_FIRST_CATEGORY } from '../../../src/data/db';
import {
  deleteScoreSnapshots, listScoreSnapshots, loadScoreSnapshot, saveScoreSnapshot, type ScoreSnapshotInput,
} from '../../../src/data/snapshots-repo';
import type { PulsoDb } from '../../../src/data/db';
import { day } from '../../factories';
import { freshDb } from './support';

const JAN = day('2024-01-31');
const FEB = day('2024-02-29');
const MAR = day('2024-03-31');

const BANDS = [
  { id: 'critical', label: 'Critical', color: '#c00' },
  { id: 'healthy', label: 'Healthy', color: '#0a0' },
  { id: 'insufficient', label: 'Insufficient data', color: '#999' },
];

/** A snapshot of `size` customers with two categories; `seed` varies the values. */
function snapshot(asOf: number, revision: string, size: number, seed = 0): ScoreSnapshotInput {
  return {
    asOf,
    revision,
    modelName: 'Saúde padrão',
    dataStamp: `i${seed}`,
    ids: Array.from({ length: size }, (_, i) => `cliente-${i}-ñ`),
    score: Float64Array.from({ length: size }, (_, i) => (i % 11 === 0 ? Number.NaN : (i * 7 + seed) % 101)),
    coverage: Float64Array.from({ length: size }, (_, i) => (i % 5) / 4),
    band: Uint8Array.from({ length: size }, (_, i) => (i + seed) % 3),
    bands: BANDS,
    categories: [
      { id: 'usage', values: Float64Array.from({ length: size }, (_, i) => (i % 13 === 0 ? Number.NaN : i / 3 + seed)) },
      { id: 'sentiment', values: Float64Array.from({ length: size }, (_, i) => -i - seed) },
    ],
  };
}

/** The snapshot's data as plain values (NaN compares equal under toEqual). */
function plain(s: ScoreSnapshotInput) {
  return {
    asOf: s.asOf,
    revision: s.revision,
    modelName: s.modelName,
    dataStamp: s.dataStamp,
    ids: [...s.ids],
    score: Array.from(s.score),
    coverage: Array.from(s.coverage),
    band: Array.from(s.band),
    bands: s.bands,
    categories: s.categories.map((c) => ({ id: c.id, values: Array.from(c.values) })),
  };
}

async function chunkCount(db: PulsoDb): Promise<number> {
  return db.scoreChunks.count();
}

describe('saveScoreSnapshot then loadScoreSnapshot', () => {
  it('gives back every column over chunk boundaries (2 chunks and 5,001 rows), each array in its own buffer', async () => {
    const db = freshDb();
    const size = 2 * CHUNK_ROWS + 5_001;
    const input = snapshot(JAN, 'rev-1', size);
    const before = Date.now();
    const id = await saveScoreSnapshot(db, input);

    // ids, score, coverage, band and two categories: 6 columns of 3 chunks, no row per customer.
    const chunks = await db.scoreChunks.toArray();
    expect(chunks).toHaveLength(6 * 3);
    expect(chunks.filter((c) => c.column === ID_COLUMN).map((c) => c.rows)).toEqual([CHUNK_ROWS, CHUNK_ROWS, 5_001]);
    expect(new Set(chunks.map((c) => c.column))).toEqual(new Set([ID_COLUMN, 0, 1, BAND_COLUMN, SCORE_FIRST_CATEGORY, SCORE_FIRST_CATEGORY + 1]));

    const loaded = await loadScoreSnapshot(db, id);
    expect(loaded).not.toBeNull();
    expect(plain(loaded!)).toEqual(plain(input));
    expect(loaded!.id).toBe(id);
    expect(loaded!.createdAt).toBeGreaterThanOrEqual(before);
    const arrays = [loaded!.score, loaded!.coverage, loaded!.band, ...loaded!.categories.map((c) => c.values)];
    expect(new Set(arrays.map((a) => a.buffer)).size).toBe(arrays.length);
    for (const a of arrays) expect(a.byteLength).toBe(a.buffer.byteLength);
  });

  it('stores only what a view shows, not the rest of its buffer', async () => {
    const db = freshDb();
    const full = snapshot(JAN, 'rev-1', 6);
    const view = (a: Float64Array): Float64Array => a.subarray(2, 5);
    const input: ScoreSnapshotInput = {
      ...full,
      ids: full.ids.slice(2, 5),
      score: view(full.score),
      coverage: view(full.coverage),
      band: full.band.subarray(2, 5),
      categories: full.categories.map((c) => ({ id: c.id, values: view(c.values) })),
    };
    const loaded = await loadScoreSnapshot(db, await saveScoreSnapshot(db, input));
    expect(plain(loaded!)).toEqual(plain(input));
    expect(loaded!.score.length).toBe(3);
  });

  it('stores an empty portfolio’s snapshot', async () => {
    const db = freshDb();
    const loaded = await loadScoreSnapshot(db, await saveScoreSnapshot(db, snapshot(JAN, 'rev-1', 0)));
    expect(plain(loaded!)).toEqual(plain(snapshot(JAN, 'rev-1', 0)));
  });

  it('gives null for a snapshot that is not there', async () => {
    expect(await loadScoreSnapshot(freshDb(), 42)).toBeNull();
  });

  it('refuses arrays whose lengths differ from the ids, writing nothing', async () => {
    const db = freshDb();
    const good = snapshot(JAN, 'rev-1', 4);
    await expect(saveScoreSnapshot(db, { ...good, score: new Float64Array(3) })).rejects.toThrow(/score has 3 entries for 4 customers/);
    await expect(saveScoreSnapshot(db, { ...good, band: new Uint8Array(5) })).rejects.toThrow(/band has 5/);
    await expect(saveScoreSnapshot(db, { ...good, categories: [{ id: 'usage', values: new Float64Array(1) }] })).rejects.toThrow(/category usage has 1/);
    await expect(saveScoreSnapshot(db, { ...good, categories: [good.categories[0]!, good.categories[0]!] })).rejects.toThrow(/appears twice/);
    await expect(saveScoreSnapshot(db, { ...good, revision: '' })).rejects.toThrow(/revision/);
    expect(await db.scoreSnapshots.count()).toBe(0);
    expect(await chunkCount(db)).toBe(0);
  });
});

describe('one snapshot per day and revision', () => {
  it('replaces the snapshot of the same asOf and revision, chunks included; another revision is kept', async () => {
    const db = freshDb();
    const first = await saveScoreSnapshot(db, snapshot(JAN, 'rev-1', 3, 1));
    const other = await saveScoreSnapshot(db, snapshot(JAN, 'rev-2', 3, 2));
    const chunksOfTwo = await chunkCount(db);
    const replacement = snapshot(JAN, 'rev-1', 2, 3);
    const second = await saveScoreSnapshot(db, replacement);

    expect(second).not.toBe(first);
    expect(await loadScoreSnapshot(db, first)).toBeNull();
    expect(plain((await loadScoreSnapshot(db, second))!)).toEqual(plain(replacement));
    expect(plain((await loadScoreSnapshot(db, other))!)).toEqual(plain(snapshot(JAN, 'rev-2', 3, 2)));
    expect((await listScoreSnapshots(db)).map((s) => [s.revision, s.id, s.size, s.dataStamp])).toEqual([['rev-1', second, 2, 'i3'], ['rev-2', other, 3, 'i2']]);
    expect(await chunkCount(db)).toBe(chunksOfTwo);
  });

  it('keeps the old snapshot when writing its replacement fails', async () => {
    const db = freshDb();
    const old = snapshot(FEB, 'rev-1', 3, 1);
    const id = await saveScoreSnapshot(db, old);
    let created = 0;
    const failThird = (): void => {
      created += 1;
      if (created === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.scoreChunks.hook('creating', failThird);
    await expect(saveScoreSnapshot(db, snapshot(FEB, 'rev-1', 3, 9))).rejects.toMatchObject({ name: 'QuotaExceededError' });
    db.scoreChunks.hook('creating').unsubscribe(failThird);
    expect((await listScoreSnapshots(db)).map((s) => s.id)).toEqual([id]);
    expect(plain((await loadScoreSnapshot(db, id))!)).toEqual(plain(old));
  });
});

describe('listScoreSnapshots', () => {
  it('lists meta rows oldest asOf first, all or one revision’s', async () => {
    const db = freshDb();
    await saveScoreSnapshot(db, snapshot(MAR, 'rev-1', 2));
    await saveScoreSnapshot(db, snapshot(JAN, 'rev-2', 2));
    await saveScoreSnapshot(db, snapshot(JAN, 'rev-1', 2));
    await saveScoreSnapshot(db, snapshot(FEB, 'rev-1', 2));
    expect((await listScoreSnapshots(db)).map((s) => [s.asOf, s.revision])).toEqual([[JAN, 'rev-1'], [JAN, 'rev-2'], [FEB, 'rev-1'], [MAR, 'rev-1']]);
    const rev1 = await listScoreSnapshots(db, 'rev-1');
    expect(rev1.map((s) => s.asOf)).toEqual([JAN, FEB, MAR]);
    expect(rev1[0]).toEqual({
      id: expect.any(Number),
      asOf: JAN,
      revision: 'rev-1',
      modelName: 'Saúde padrão',
      dataStamp: 'i0',
      size: 2,
      createdAt: expect.any(Number),
      bands: BANDS,
      categories: ['usage', 'sentiment'],
    });
    expect(await listScoreSnapshots(db, 'rev-9')).toEqual([]);
  });
});

describe('deleteScoreSnapshots', () => {
  async function seeded(): Promise<PulsoDb> {
    const db = freshDb();
    for (const [asOf, revision] of [[JAN, 'rev-1'], [FEB, 'rev-1'], [MAR, 'rev-1'], [JAN, 'rev-2'], [MAR, 'rev-2']] as const) {
      await saveScoreSnapshot(db, snapshot(asOf, revision, 2));
    }
    return db;
  }
  const left = async (db: PulsoDb): Promise<[number, string][]> => (await listScoreSnapshots(db)).map((s) => [s.asOf, s.revision]);
  /** 6 columns (ids, score, coverage, band, two categories) of one chunk per snapshot. */
  const chunksPerSnapshot = 6;

  it('deletes a revision’s snapshots with their chunks', async () => {
    const db = await seeded();
    expect(await deleteScoreSnapshots(db, { revision: 'rev-2' })).toBe(2);
    expect(await left(db)).toEqual([[JAN, 'rev-1'], [FEB, 'rev-1'], [MAR, 'rev-1']]);
    expect(await chunkCount(db)).toBe(3 * chunksPerSnapshot);
  });

  it('deletes the snapshots of days not in a list (of one revision, if given)', async () => {
    const db = await seeded();
    expect(await deleteScoreSnapshots(db, { notIn: [JAN, MAR], revision: 'rev-1' })).toBe(1);
    expect(await left(db)).toEqual([[JAN, 'rev-1'], [JAN, 'rev-2'], [MAR, 'rev-1'], [MAR, 'rev-2']]);
    expect(await deleteScoreSnapshots(db, { notIn: [MAR] })).toBe(2);
    expect(await left(db)).toEqual([[MAR, 'rev-1'], [MAR, 'rev-2']]);
    expect(await chunkCount(db)).toBe(2 * chunksPerSnapshot);
    expect(await deleteScoreSnapshots(db, { notIn: [MAR] })).toBe(0);
  });

  it('deletes every snapshot when given no condition', async () => {
    const db = await seeded();
    expect(await deleteScoreSnapshots(db, {})).toBe(5);
    expect(await db.scoreSnapshots.count()).toBe(0);
    expect(await chunkCount(db)).toBe(0);
  });
});
