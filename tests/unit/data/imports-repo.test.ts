import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { latestObservations } from '../../../src/engine/history';
import { BOOLEAN_MISSING, TEXT_MISSING, type Column, type Portfolio } from '../../../src/engine/portfolio';
import { CHUNK_ROWS, type ChunkRecord } from '../../../src/data/db';
import { deleteImport, listImports, loadHistory, saveImport, saveImports, type SaveImportInput } from '../../../src/data/imports-repo';
import { day, makePortfolio } from '../../factories';
import { byCustomer, cells, counts, freshDb } from './support';

const JAN = day('2024-01-31');
const FEB = day('2024-02-29');
const MAR = day('2024-03-31');
const DEC = day('2023-12-31');

describe('saveImport then loadHistory: a round trip', () => {
  it('gives back every column kind, missing values, accented labels and observedOn', async () => {
    const db = freshDb();
    const portfolio = makePortfolio(
      [
        { id: 'açaí-1', nps: 9.5, paid: true, renewal: { date: '2025-03-01' }, city: 'São Paulo' },
        { id: 'Zoë', nps: null, paid: false, renewal: null, city: 'Zürich' },
        { id: 'ñ', nps: -0.25, paid: null, renewal: { date: '1969-12-31' }, city: null },
        { id: '4', nps: 1e300, paid: true, renewal: { date: '2024-02-29' }, city: 'ñandú — “quoted”' },
      ],
      { observedOn: { nps: ['2024-01-02', null, '2023-12-31', '2024-01-31'] } },
    );
    await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio });
    const [snapshot, ...rest] = await loadHistory(db);
    expect(rest).toEqual([]);
    expect(snapshot!.day).toBe(JAN);
    const loaded = snapshot!.portfolio;
    expect(loaded.ids).toEqual(['açaí-1', 'Zoë', 'ñ', '4']);
    expect([...loaded.columns.keys()]).toEqual(['nps', 'paid', 'renewal', 'city']);
    for (const [name, column] of portfolio.columns) {
      const back = loaded.columns.get(name)!;
      expect(back.kind).toBe(column.kind);
      expect(cells(back)).toEqual(cells(column));
    }
    // Missing is stored as the engine's sentinels, not as something else that reads as missing.
    expect(Array.from((loaded.columns.get('paid') as Extract<Column, { kind: 'boolean' }>).values)).toEqual([1, 0, BOOLEAN_MISSING, 1]);
    expect((loaded.columns.get('city') as Extract<Column, { kind: 'text' }>).codes[2]).toBe(TEXT_MISSING);
    expect(Array.from(loaded.columns.get('nps')!.observedOn!)).toEqual([day('2024-01-02'), NaN, day('2023-12-31'), JAN]);
    expect(loaded.columns.get('paid')!.observedOn).toBeUndefined();
  });

  it('cuts columns into chunks of CHUNK_ROWS rows and joins them again (2 chunks and 5,001 rows)', async () => {
    const db = freshDb();
    const size = 2 * CHUNK_ROWS + 5_001;
    const ids = Array.from({ length: size }, (_, i) => `id-${i}`);
    const usage = Float64Array.from({ length: size }, (_, i) => (i % 7 === 0 ? NaN : i / 4));
    const active = Uint8Array.from({ length: size }, (_, i) => (i % 5 === 0 ? BOOLEAN_MISSING : i % 2));
    // One label per row: each chunk must carry its own dictionary, not the whole column's.
    const names = Array.from({ length: size }, (_, i) => `Cliente ${i} é`);
    const nameCodes = Int32Array.from({ length: size }, (_, i) => (i % 3 === 0 ? TEXT_MISSING : size - 1 - i));
    const columns = new Map<string, Column>([
      ['usage', { kind: 'number', values: usage }],
      ['active', { kind: 'boolean', values: active }],
      ['name', { kind: 'text', codes: nameCodes, labels: names }],
    ]);
    const portfolio: Portfolio = { size, ids, columns };
    await saveImport(db, { fileName: 'big.csv', asOf: JAN, portfolio });

    const chunks: ChunkRecord[] = await db.chunks.toArray();
    expect(chunks).toHaveLength(4 * 3); // ids + three columns, three chunks each
    expect(chunks.filter((c) => c.column === 0).map((c) => c.rows)).toEqual([CHUNK_ROWS, CHUNK_ROWS, 5_001]);
    expect(Math.max(...chunks.map((c) => c.labels?.length ?? 0))).toBe(CHUNK_ROWS);

    const loaded = (await loadHistory(db))[0]!.portfolio;
    expect(loaded.size).toBe(size);
    expect(loaded.ids).toEqual(ids);
    expect(cells(loaded.columns.get('usage'))).toEqual(cells(columns.get('usage')));
    expect(cells(loaded.columns.get('active'))).toEqual(cells(columns.get('active')));
    expect(cells(loaded.columns.get('name'))).toEqual(cells(columns.get('name')));
    for (const row of [9_999, 10_000, 19_999, 20_000, 25_000]) {
      expect(cells(loaded.columns.get('usage'))[row]).toBe(row % 7 === 0 ? null : row / 4);
    }
  });
});

describe('saveImport: what an import changed', () => {
  it('counts new, updated and unchanged customers over three monthly imports', async () => {
    const db = freshDb();
    const jan = await saveImport(db, {
      fileName: 'jan.csv',
      asOf: JAN,
      portfolio: makePortfolio([
        { id: 'a', nps: 9, mood: 'happy', paid: true },
        { id: 'b', nps: 5, mood: 'neutral', paid: true },
        { id: 'c', nps: 7, mood: null, paid: false },
      ]),
    });
    expect(jan).toMatchObject({ duplicate: false, summary: { new: 3, updated: 0, unchanged: 0, skipped: 0 } });

    const feb = await saveImport(db, {
      fileName: 'feb.csv',
      asOf: FEB,
      skipped: 2,
      portfolio: makePortfolio([
        { id: 'a', nps: 9, mood: 'happy', paid: true }, // same
        { id: 'b', nps: 4, mood: 'neutral', paid: true }, // nps changed
        { id: 'c', nps: null, mood: null, paid: false }, // an empty cell is not a change
        { id: 'd', nps: 8, mood: 'happy', paid: true }, // new
      ]),
    });
    expect(feb.summary).toEqual({ new: 1, updated: 1, unchanged: 2, skipped: 2 });

    const mar = await saveImport(db, {
      fileName: 'mar.csv',
      asOf: MAR,
      portfolio: makePortfolio([
        { id: 'c', nps: 7, mood: 'unhappy' }, // label appears where none was: updated
        { id: 'b', nps: 4, mood: 'neutral', paid: true }, // as in February
        { id: 'a', nps: 9, mood: 'Happy', paid: true }, // labels compare exactly, as stored
        { id: 'e', nps: 1 },
      ]),
    });
    expect(mar.summary).toEqual({ new: 1, updated: 2, unchanged: 1, skipped: 0 });

    const imports = await listImports(db);
    expect(imports.map((i) => [i.fileName, i.summary.new, i.summary.updated, i.summary.unchanged])).toEqual([
      ['jan.csv', 3, 0, 0],
      ['feb.csv', 1, 1, 2],
      ['mar.csv', 1, 2, 1],
    ]);
    expect(imports[1]).toMatchObject({ rowCount: 6, customerCount: 4, problemCount: 0, asOf: FEB });
    expect(imports[2]!.columns).toEqual([
      { name: 'nps', kind: 'number', observedOn: false },
      { name: 'mood', kind: 'text', observedOn: false },
      { name: 'paid', kind: 'boolean', observedOn: false },
    ]);
  });

  it('compares a late file with what was known on its own day, not with later imports', async () => {
    const db = freshDb();
    await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 9 }]) });
    await saveImport(db, { fileName: 'mar.csv', asOf: MAR, portfolio: makePortfolio([{ id: 'a', nps: 2 }, { id: 'b', nps: 2 }]) });
    const feb = await saveImport(db, { fileName: 'feb.csv', asOf: FEB, portfolio: makePortfolio([{ id: 'a', nps: 9 }, { id: 'b', nps: 2 }]) });
    // b was first seen in March: not new, but it had no value in February.
    expect(feb.summary).toEqual({ new: 0, updated: 1, unchanged: 1, skipped: 0 });
  });

  it('stores the same content for the same day once: duplicate, nothing written', async () => {
    const db = freshDb();
    const portfolio = makePortfolio([{ id: 'a', nps: 9, mood: 'happy' }, { id: 'b', nps: null, mood: 'sad' }]);
    const first = await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio });
    const before = await counts(db);
    const again = await saveImport(db, { fileName: 'jan (1).csv', asOf: JAN, portfolio });
    expect(again).toEqual({ importId: first.importId, duplicate: true, summary: { new: 0, updated: 0, unchanged: 2, skipped: 0 } });
    expect(await counts(db)).toEqual(before);

    // Columns in another order and labels in another dictionary order are the same content.
    const reordered: Portfolio = {
      ...portfolio,
      columns: new Map<string, Column>([
        ['mood', { kind: 'text', codes: Int32Array.from([1, 0]), labels: ['sad', 'happy', 'unused'] }],
        ['nps', portfolio.columns.get('nps')!],
      ]),
    };
    expect((await saveImport(db, { fileName: 'copy.csv', asOf: JAN, portfolio: reordered })).duplicate).toBe(true);
    expect(await counts(db)).toEqual(before);
  });

  it('stores the same content again for another day, and different content for the same day', async () => {
    const db = freshDb();
    const portfolio = makePortfolio([{ id: 'a', nps: 9 }]);
    await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio });
    const feb = await saveImport(db, { fileName: 'feb.csv', asOf: FEB, portfolio });
    expect(feb).toMatchObject({ duplicate: false, summary: { new: 0, updated: 0, unchanged: 1 } });
    const fixed = await saveImport(db, { fileName: 'jan-fixed.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 8 }]) });
    expect(fixed.duplicate).toBe(false);
    expect((await listImports(db)).map((i) => i.fileName)).toEqual(['jan.csv', 'jan-fixed.csv', 'feb.csv']);
  });

  it('refuses a column whose length is not the portfolio size, writing nothing', async () => {
    const db = freshDb();
    const portfolio: Portfolio = { size: 2, ids: ['a', 'b'], columns: new Map([['nps', { kind: 'number', values: new Float64Array(3) }]]) };
    await expect(saveImport(db, { fileName: 'bad.csv', asOf: JAN, portfolio })).rejects.toThrow(/nps has 3 rows for 2/);
    expect(await counts(db)).toEqual({ imports: 0, chunks: 0 });
  });
});

describe('saveImport: all or nothing', () => {
  it('leaves imports and chunks exactly as they were when a chunk write fails mid-transaction', async () => {
    const db = freshDb();
    await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 9, mood: 'ok' }]) });
    const before = await counts(db);
    const historyBefore = await loadHistory(db);

    let created = 0;
    const failThird = (): void => {
      created += 1;
      if (created === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.chunks.hook('creating', failThird);
    const feb = makePortfolio([{ id: 'a', nps: 1, mood: 'bad' }, { id: 'b', nps: 2, mood: 'ok' }]);
    await expect(saveImport(db, { fileName: 'feb.csv', asOf: FEB, portfolio: feb })).rejects.toMatchObject({
      name: 'QuotaExceededError',
      message: 'The quota has been exceeded.',
    });
    db.chunks.hook('creating').unsubscribe(failThird);

    expect(created).toBeGreaterThanOrEqual(3);
    expect(await counts(db)).toEqual(before);
    expect((await listImports(db)).map((i) => i.fileName)).toEqual(['jan.csv']);
    expect((await loadHistory(db)).map((s) => byCustomer(s.portfolio))).toEqual(historyBefore.map((s) => byCustomer(s.portfolio)));

    // The failed attempt left no trace: the same file now saves, with the summary it should have.
    const retry = await saveImport(db, { fileName: 'feb.csv', asOf: FEB, portfolio: feb });
    expect(retry.summary).toEqual({ new: 1, updated: 1, unchanged: 0, skipped: 0 });
  });

  it('rejects with the original error name when the database is closed', async () => {
    const db = freshDb();
    await db.open();
    db.close();
    await expect(saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 1 }]) })).rejects.toMatchObject({
      name: 'DatabaseClosedError',
    });
    await db.open();
    expect(await counts(db)).toEqual({ imports: 0, chunks: 0 });
  });
});

describe('saveImports: several days in one transaction', () => {
  it('summarises each day against the days before it, those saved earlier in the same call included', async () => {
    const db = freshDb();
    await saveImport(db, { fileName: 'dec.csv', asOf: DEC, portfolio: makePortfolio([{ id: 'a', nps: 5 }]) });
    // Given out of order on purpose: stored oldest first, results in the order given.
    const results = await saveImports(db, [
      { fileName: 'long.csv', asOf: FEB, portfolio: makePortfolio([{ id: 'a', nps: 6 }, { id: 'b', nps: 2 }, { id: 'c', nps: 1 }]) },
      { fileName: 'long.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 5 }, { id: 'b', nps: 2 }]), skipped: 1 },
    ]);
    expect(results).toEqual([
      // February against December and January: a changed, b as in January, c new.
      { importId: 3, duplicate: false, summary: { new: 1, updated: 1, unchanged: 1, skipped: 0 } },
      // January against December only: a unchanged, b new.
      { importId: 2, duplicate: false, summary: { new: 1, updated: 0, unchanged: 1, skipped: 1 } },
    ]);
    const imports = await listImports(db);
    expect(imports.map((i) => [i.asOf, i.id, i.customerCount, i.summary.new])).toEqual([[DEC, 1, 1, 1], [JAN, 2, 2, 1], [FEB, 3, 3, 1]]);
    expect(imports[1]!.importedAt).toBe(imports[2]!.importedAt);
    expect((await loadHistory(db)).map((s) => [s.day, byCustomer(s.portfolio)])).toEqual([
      [DEC, { a: { nps: 5 }, b: {}, c: {} }],
      [JAN, { a: { nps: 5 }, b: { nps: 2 }, c: {} }],
      [FEB, { a: { nps: 6 }, b: { nps: 2 }, c: { nps: 1 } }],
    ]);
  });

  it('saves a long file of 24 months in one call, each month compared with the months before it', async () => {
    const db = freshDb();
    // Customer a's NPS changes every third month; b joins in month 12; c is always the same.
    // Ten columns: many reads per month of the months before it, all inside one transaction.
    const same = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`x${i}`, i]));
    const months = Array.from({ length: 24 }, (_, m): SaveImportInput => ({
      fileName: 'long.csv',
      asOf: JAN + 30 * m,
      portfolio: makePortfolio([
        { id: 'a', nps: Math.floor(m / 3), mood: 'ok', ...same },
        { id: 'c', nps: 5, mood: 'ok', ...same },
        ...(m >= 12 ? [{ id: 'b', nps: 1, ...same }] : []),
      ]),
    }));
    const results = await saveImports(db, months);
    expect(results.map((r) => r.duplicate)).toEqual(months.map(() => false));
    expect(results.map((r) => [r.summary.new, r.summary.updated, r.summary.unchanged])).toEqual(
      months.map((_, m) => {
        if (m === 0) return [2, 0, 0];
        const aChanged = m % 3 === 0 ? 1 : 0;
        return [m === 12 ? 1 : 0, aChanged, (m > 12 ? 3 : 2) - aChanged];
      }),
    );
    expect(await counts(db)).toEqual({ imports: 24, chunks: 24 * 11 });
    expect((await loadHistory(db)).at(-1)!.portfolio.ids).toEqual(['a', 'c', 'b']);
  });

  it('marks duplicates: a day already stored, and the same day and content twice in one call', async () => {
    const db = freshDb();
    const jan = makePortfolio([{ id: 'a', nps: 9 }, { id: 'b', nps: 1 }]);
    const stored = await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: jan });
    const feb = makePortfolio([{ id: 'a', nps: 8 }]);
    const results = await saveImports(db, [
      { fileName: 'long.csv', asOf: JAN, portfolio: jan },
      { fileName: 'long.csv', asOf: FEB, portfolio: feb },
      { fileName: 'again.csv', asOf: FEB, portfolio: feb, skipped: 3 },
    ]);
    expect(results).toEqual([
      { importId: stored.importId, duplicate: true, summary: { new: 0, updated: 0, unchanged: 2, skipped: 0 } },
      { importId: 2, duplicate: false, summary: { new: 0, updated: 1, unchanged: 0, skipped: 0 } },
      { importId: 2, duplicate: true, summary: { new: 0, updated: 0, unchanged: 1, skipped: 3 } },
    ]);
    expect((await listImports(db)).map((i) => i.fileName)).toEqual(['jan.csv', 'long.csv']);
  });

  it('reports progress in chunks written: from 0 to the total, in several steps for a big import', async () => {
    const db = freshDb();
    const size = 3 * CHUNK_ROWS;
    const ids = Array.from({ length: size }, (_, i) => `c${i}`);
    const columns = new Map<string, Column>(
      Array.from({ length: 10 }, (_, m): [string, Column] => [`m${m}`, { kind: 'number', values: Float64Array.from({ length: size }, (_, i) => i + m) }]),
    );
    const big: Portfolio = { size, ids, columns };
    const small = makePortfolio([{ id: 'a', nps: 1 }]);
    await saveImport(db, { fileName: 'small.csv', asOf: JAN, portfolio: small });
    const chunksBefore = await db.chunks.count();

    const calls: [number, number][] = [];
    await saveImports(db, [
      { fileName: 'big.csv', asOf: FEB, portfolio: big },
      { fileName: 'small.csv', asOf: JAN, portfolio: small }, // a duplicate: done without writing
    ], { onProgress: (done, total) => calls.push([done, total]) });

    const total = 11 * 3 + 2;
    expect(await db.chunks.count()).toBe(chunksBefore + 11 * 3);
    expect(calls[0]).toEqual([0, total]);
    expect(calls.at(-1)).toEqual([total, total]);
    expect(calls.every(([, t]) => t === total)).toBe(true);
    const done = calls.map(([d]) => d);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(new Set(done).size).toBe(done.length);
    // Between 0 and the total, progress moves more than once during the big import.
    expect(done.filter((d) => d > 2 && d < total).length).toBeGreaterThan(1);
  });

  it('saves nothing for no inputs, and throws before writing anything when one portfolio is malformed', async () => {
    const db = freshDb();
    expect(await saveImports(db, [])).toEqual([]);
    const bad: Portfolio = { size: 2, ids: ['a', 'b'], columns: new Map([['nps', { kind: 'number', values: new Float64Array(1) }]]) };
    await expect(saveImports(db, [
      { fileName: 'good.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 1 }]) },
      { fileName: 'bad.csv', asOf: FEB, portfolio: bad },
    ])).rejects.toThrow(/nps has 1 rows for 2/);
    expect(await counts(db)).toEqual({ imports: 0, chunks: 0 });
  });
});

describe('saveImports: all or nothing', () => {
  const inputs = (): SaveImportInput[] => [
    { fileName: 'long.csv', asOf: FEB, portfolio: makePortfolio([{ id: 'a', nps: 2, mood: 'ok' }, { id: 'b', nps: 3, mood: 'bad' }]) },
    { fileName: 'long.csv', asOf: MAR, portfolio: makePortfolio([{ id: 'a', nps: 4, mood: 'ok' }, { id: 'c', nps: 5, mood: 'good' }]) },
  ];

  it('leaves the database exactly as before when a write of the second day fails for quota', async () => {
    const db = freshDb();
    await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 9, mood: 'ok' }]) });
    const importsBefore = await listImports(db);
    const chunksBefore = await db.chunks.toArray();
    const historyBefore = (await loadHistory(db)).map((s) => byCustomer(s.portfolio));

    // February writes 3 chunks (ids, nps, mood); the 5th chunk written is March's second.
    let created = 0;
    const failFifth = (): void => {
      created += 1;
      if (created === 5) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.chunks.hook('creating', failFifth);
    const progress: number[] = [];
    await expect(saveImports(db, inputs(), { onProgress: (done) => progress.push(done) })).rejects.toMatchObject({
      name: 'QuotaExceededError',
      message: 'The quota has been exceeded.',
    });
    db.chunks.hook('creating').unsubscribe(failFifth);

    // February was fully written inside the transaction before March failed…
    expect(progress).toContain(3);
    // …and rolled back with it.
    expect(await listImports(db)).toEqual(importsBefore);
    expect(await db.chunks.toArray()).toEqual(chunksBefore);
    expect((await loadHistory(db)).map((s) => byCustomer(s.portfolio))).toEqual(historyBefore);

    const retry = await saveImports(db, inputs());
    expect(retry.map((r) => r.summary)).toEqual([
      { new: 1, updated: 1, unchanged: 0, skipped: 0 },
      { new: 1, updated: 1, unchanged: 0, skipped: 0 },
    ]);
  });

  it('writes nothing when the progress callback throws', async () => {
    const db = freshDb();
    const onProgress = (done: number): void => {
      if (done > 0) throw new Error('listener broke');
    };
    await expect(saveImports(db, inputs(), { onProgress })).rejects.toThrow('listener broke');
    expect(await counts(db)).toEqual({ imports: 0, chunks: 0 });
  });
});

describe('loadHistory', () => {
  it('is empty for an empty database', async () => {
    expect(await loadHistory(freshDb())).toEqual([]);
  });

  it('merges two imports of the same day: a later value wins, an empty cell replaces nothing', async () => {
    const db = freshDb();
    await saveImport(db, {
      fileName: 'usage.csv',
      asOf: JAN,
      portfolio: makePortfolio([{ id: 'a', nps: 5, mood: 'ok' }, { id: 'b', nps: 7, mood: 'bad' }]),
    });
    await saveImport(db, {
      fileName: 'crm.csv',
      asOf: JAN,
      portfolio: makePortfolio([{ id: 'c', plan: 'pro' }, { id: 'a', nps: 6, plan: 'basic' }, { id: 'b', nps: null, plan: null }]),
    });
    const history = await loadHistory(db);
    expect(history).toHaveLength(1);
    const { portfolio } = history[0]!;
    expect(portfolio.ids).toEqual(['a', 'b', 'c']);
    expect([...portfolio.columns.keys()]).toEqual(['nps', 'mood', 'plan']);
    expect(byCustomer(portfolio)).toEqual({
      a: { nps: 6, mood: 'ok', plan: 'basic' },
      b: { nps: 7, mood: 'bad' },
      c: { plan: 'pro' },
    });
  });

  it('gives one snapshot per month over every customer and column, which latestObservations carries forward', async () => {
    const db = freshDb();
    // Saved out of order on purpose: snapshots follow asOf, not the order of saving.
    await saveImport(db, { fileName: 'feb.csv', asOf: FEB, portfolio: makePortfolio([{ id: 'b', nps: 3 }, { id: 'a', nps: null }]) });
    await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 9, mood: 'happy' }]) });
    await saveImport(db, { fileName: 'mar.csv', asOf: MAR, portfolio: makePortfolio([{ id: 'c', mood: 'sad' }, { id: 'a', nps: 7 }]) });

    const history = await loadHistory(db);
    expect(history.map((s) => s.day)).toEqual([JAN, FEB, MAR]);
    for (const s of history) {
      expect(s.portfolio.ids).toEqual(['a', 'b', 'c']);
      expect([...s.portfolio.columns.keys()]).toEqual(['nps', 'mood']);
    }
    expect(history.map((s) => byCustomer(s.portfolio))).toEqual([
      { a: { nps: 9, mood: 'happy' }, b: {}, c: {} },
      { a: {}, b: { nps: 3 }, c: {} },
      { a: { nps: 7 }, b: {}, c: { mood: 'sad' } },
    ]);

    const carried = latestObservations(history);
    expect(byCustomer(carried[2]!.portfolio)).toEqual({
      a: { nps: 7, mood: 'happy' },
      b: { nps: 3 },
      c: { mood: 'sad' },
    });
    const dated = (name: string): number[] => Array.from(carried[2]!.portfolio.columns.get(name)!.observedOn!);
    expect([dated('mood')[0], dated('mood')[2]]).toEqual([JAN, MAR]);
    expect([dated('nps')[0], dated('nps')[1]]).toEqual([MAR, FEB]);
  });

  it('keeps a column in the kind of its latest import; values of another kind are left out', async () => {
    const db = freshDb();
    await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', tier: 1 }]) });
    await saveImport(db, { fileName: 'feb.csv', asOf: FEB, portfolio: makePortfolio([{ id: 'a', tier: 'gold' }]) });
    const history = await loadHistory(db);
    expect(history.map((s) => s.portfolio.columns.get('tier')!.kind)).toEqual(['text', 'text']);
    expect(history.map((s) => byCustomer(s.portfolio))).toEqual([{ a: {} }, { a: { tier: 'gold' } }]);
  });
});

describe('listImports and deleteImport', () => {
  it('deletes an import with all its chunks in one go, and says when there was nothing to delete', async () => {
    const db = freshDb();
    const jan = await saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: makePortfolio([{ id: 'a', nps: 9 }, { id: 'b', nps: 1 }]) });
    await saveImport(db, { fileName: 'feb.csv', asOf: FEB, portfolio: makePortfolio([{ id: 'b', nps: 2 }]) });
    const feb = await counts(db);

    expect(await deleteImport(db, jan.importId)).toBe(true);
    expect(await deleteImport(db, jan.importId)).toBe(false);
    expect((await listImports(db)).map((i) => i.fileName)).toEqual(['feb.csv']);
    expect(await counts(db)).toEqual({ imports: 1, chunks: feb.chunks - 2 });
    expect(new Set((await db.chunks.toArray()).map((c) => c.importId))).not.toContain(jan.importId);
    const history = await loadHistory(db);
    expect(history.map((s) => [s.day, byCustomer(s.portfolio)])).toEqual([[FEB, { b: { nps: 2 } }]]);
  });
});
