/**
 * `npm run bench:data`: times the storage layer (src/data) on fake-indexeddb in Node — saving and
 * loading a seeded 100k × 20 portfolio (numbers, a date, labels, yes/no), and storing 100k
 * outcomes (churned/renewed, one row each) into an empty table and again over them; median of a
 * few runs, each on a fresh database.
 *
 * fake-indexeddb is a JavaScript implementation that structured-clones every record in JS; it is
 * much slower than a browser's IndexedDB (STACK.md: Chromium puts/reads the same chunked columns
 * in ~0.08 s / ~0.04 s). These figures compare versions of this code; they are not what users see.
 */
import 'fake-indexeddb/auto';
import { PulsoDb } from '../../src/data/db';
import { loadHistory, saveImport } from '../../src/data/imports-repo';
import { putOutcomes } from '../../src/data/outcomes-repo';
import type { OutcomeRecord } from '../../src/data/db';
import { latestObservations } from '../../src/engine/history';
import { syntheticPortfolio } from './synthetic';

const CUSTOMERS = 100_000;
const COLUMNS = 20;
const RUNS = 5;
const JAN = 19_753;
const FEB = 19_782;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const result = await work();
  return [performance.now() - t0, result];
}

// syntheticPortfolio(n, m) holds m − 3 numbers, a date, two label columns and a yes/no column.
const jan = syntheticPortfolio(CUSTOMERS, COLUMNS - 1, 1).portfolio;
const feb = syntheticPortfolio(CUSTOMERS, COLUMNS - 1, 2).portfolio;
const kinds = new Map<string, number>();
for (const column of jan.columns.values()) kinds.set(column.kind, (kinds.get(column.kind) ?? 0) + 1);

const timings = new Map<string, number[]>();
const record = (label: string, ms: number): void => {
  timings.set(label, [...(timings.get(label) ?? []), ms]);
};

for (let run = 0; run < RUNS; run++) {
  const db = new PulsoDb({ name: `bench-${run}` });
  await db.open();
  record('save first import (empty database)', (await time(() => saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: jan })))[0]);
  record('load history: 1 import', (await time(() => loadHistory(db)))[0]);
  const [dupMs, dup] = await time(() => saveImport(db, { fileName: 'jan.csv', asOf: JAN, portfolio: jan }));
  if (!dup.duplicate) throw new Error('the same file twice was not detected');
  record('same file again (hash, detected, nothing written)', dupMs);
  const [febMs, saved] = await time(() => saveImport(db, { fileName: 'feb.csv', asOf: FEB, portfolio: feb }));
  if (saved.summary.updated + saved.summary.unchanged !== CUSTOMERS) throw new Error('unexpected summary');
  record('save second import (compared with the first)', febMs);
  const [loadMs, history] = await time(() => loadHistory(db));
  record('load history: 2 imports (2 snapshots)', loadMs);
  record('latestObservations over those 2 snapshots (engine)', (await time(async () => latestObservations(history)))[0]);
  await db.delete();
}

/** 100k outcomes as an outcomes file would bring them (one per customer, ~1 in 7 churned). */
const outcomes = (recordedAt: number): OutcomeRecord[] =>
  Array.from({ length: CUSTOMERS }, (_, i) => ({
    customerId: `C-${String(i).padStart(6, '0')}`, status: i % 7 === 0 ? 'churned' : 'renewed', day: JAN + (i % 300), source: 'import', fileName: 'outcomes.csv', recordedAt,
  }));
for (let run = 0; run < RUNS; run++) {
  const db = new PulsoDb({ name: `bench-outcomes-${run}` });
  await db.open();
  const [firstMs, first] = await time(() => putOutcomes(db, outcomes(1)));
  if (first.replaced !== 0) throw new Error('unexpected replaced count');
  record('putOutcomes: 100k into an empty table', firstMs);
  const [againMs, again] = await time(() => putOutcomes(db, outcomes(2)));
  if (again.replaced !== CUSTOMERS) throw new Error('unexpected replaced count');
  record('putOutcomes: 100k over them (all replaced)', againMs);
  await db.delete();
}

const fmt = new Intl.NumberFormat('en');
console.log(`Pulso storage benchmark — Node ${process.version}, fake-indexeddb (NOT a browser's IndexedDB)`);
console.log(`${fmt.format(CUSTOMERS)} customers × ${jan.columns.size} columns (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}), median of ${RUNS} runs:`);
for (const [label, ms] of timings) {
  console.log(`  ${label.padEnd(52)} ${median(ms).toFixed(0).padStart(6)} ms  (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)})`);
}
console.log('fake-indexeddb clones records in JavaScript and is several times slower than Chromium\'s IndexedDB;');
console.log('STACK.md measured ~0.08 s put / ~0.04 s read for the same chunked layout in headless Chromium.');
