/** Shared by the storage tests: a fresh database per test, and portfolios read back as plain values. */
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { BOOLEAN_MISSING, TEXT_MISSING, type Column, type Portfolio } from '../../../src/engine/portfolio';
import { PulsoDb, type PulsoDbOptions } from '../../../src/data/db';

let counter = 0;
const opened: PulsoDb[] = [];

/** A database name no other test uses (fake-indexeddb is one global factory per test file). */
export function freshName(): string {
  counter += 1;
  return `pulso-test-${counter}-${Math.random().toString(36).slice(2)}`;
}

/** A new, empty database, closed and deleted after the test. */
export function freshDb(options: PulsoDbOptions = {}): PulsoDb {
  const db = new PulsoDb({ name: freshName(), ...options });
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** A column's cells as plain values: numbers and dates as numbers, `null` for missing. */
export function cells(column: Column | undefined): (number | boolean | string | null)[] {
  if (!column) throw new Error('no such column');
  switch (column.kind) {
    case 'number':
    case 'date':
      return Array.from(column.values, (v) => (Number.isNaN(v) ? null : v));
    case 'boolean':
      return Array.from(column.values, (v) => (v === BOOLEAN_MISSING ? null : v === 1));
    case 'text':
      return Array.from(column.codes, (c) => (c === TEXT_MISSING ? null : column.labels[c]!));
  }
}

/** Each customer's cells by column name, e.g. `{a: {nps: 9, mood: 'happy'}}` (missing cells left out). */
export function byCustomer(portfolio: Portfolio): Record<string, Record<string, number | boolean | string>> {
  const out: Record<string, Record<string, number | boolean | string>> = {};
  for (const id of portfolio.ids) out[id] = {};
  for (const [name, column] of portfolio.columns) {
    cells(column).forEach((value, row) => {
      if (value !== null) out[portfolio.ids[row]!]![name] = value;
    });
  }
  return out;
}

/** How many import rows and chunk rows the database holds. */
export async function counts(db: PulsoDb): Promise<{ imports: number; chunks: number }> {
  return { imports: await db.imports.count(), chunks: await db.chunks.count() };
}
