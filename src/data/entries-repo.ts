/**
 * Entries: values and notes typed in by hand on one customer and day, one row each (a person
 * types a few a day; no chunks needed). The worker merges entry values into the imported history
 * as observations of their day; a note alone only shows on the customer's page.
 */
import type { ColumnKind } from '../engine/portfolio';
import { storageError } from './storage-error';
import type { EntryRecord, PulsoDb } from './db';

/** What `addEntry` takes: an entry without its id; `createdAt` defaults to now. */
export type NewEntryRecord = Omit<EntryRecord, 'id' | 'createdAt'> & { createdAt?: number };

/** A field of an entry that is not right, and what is wrong with it. */
export interface EntryProblem {
  readonly field: string;
  readonly problem: string;
}

const KINDS: readonly string[] = ['number', 'date', 'boolean', 'text'] satisfies readonly ColumnKind[];

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** Why `value` is not a value of `kind`, or `undefined` if it is one. */
function valueProblem(kind: ColumnKind, value: unknown): string | undefined {
  switch (kind) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'should be a finite number for a number column';
    case 'date':
      return Number.isSafeInteger(value) ? undefined : 'should be a day (a whole number of days since 1970-01-01) for a date column';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'should be true or false for a yes/no column';
    case 'text':
      return isBlank(value) ? 'should be a non-empty text for a text column' : undefined;
  }
}

/**
 * The first thing wrong with an entry's fields, or `undefined` if it is a valid entry (`id` and
 * `createdAt` are not checked here). Shared by `addEntry` and the backup's checks, so that both
 * accept exactly the same entries:
 *
 * - `customerId` a non-blank text; `day` a whole number (an `EpochDay`);
 * - a value: `column` (non-blank), `kind` and `value` all three, `value` of that kind;
 * - `note`, if present, a text; a value or a non-blank note, or both.
 */
export function entryProblem(entry: Readonly<Record<string, unknown>>): EntryProblem | undefined {
  const { customerId, day, column, kind, value, note } = entry;
  if (isBlank(customerId)) return { field: 'customerId', problem: 'should be the customer’s id (a non-empty text)' };
  if (!Number.isSafeInteger(day)) return { field: 'day', problem: 'should be a day (a whole number of days since 1970-01-01)' };
  const hasValue = column !== undefined || kind !== undefined || value !== undefined;
  if (hasValue) {
    if (isBlank(column)) return { field: 'column', problem: 'should name the column the value belongs to' };
    if (typeof kind !== 'string' || !KINDS.includes(kind)) return { field: 'kind', problem: 'should be number, date, boolean or text' };
    const wrong = valueProblem(kind as ColumnKind, value);
    if (wrong) return { field: 'value', problem: wrong };
  }
  if (note !== undefined && typeof note !== 'string') return { field: 'note', problem: 'should be a text' };
  if (!hasValue && isBlank(note)) return { field: 'value', problem: 'is missing: an entry needs a value (column, kind and value) or a note' };
  return undefined;
}

/**
 * Stores an entry; resolves to its id. The record holds only the known fields; a blank note
 * next to a value is left out.
 *
 * Throws a plain `Error` saying which field is wrong (see `entryProblem`) before touching the
 * database; rejects with an `Error` named after the cause when the write fails.
 */
export async function addEntry(db: PulsoDb, entry: NewEntryRecord): Promise<number> {
  const wrong = entryProblem(entry);
  if (wrong) throw new Error(`addEntry(): ${wrong.field} ${wrong.problem}.`);
  const createdAt = entry.createdAt ?? Date.now();
  if (!Number.isFinite(createdAt)) throw new Error('addEntry(): createdAt should be a time (ms since 1970).');
  const record: Omit<EntryRecord, 'id'> = {
    customerId: entry.customerId,
    day: entry.day,
    createdAt,
    ...(entry.value !== undefined ? { column: entry.column!, kind: entry.kind!, value: entry.value } : {}),
    ...(isBlank(entry.note) ? {} : { note: entry.note! }),
  };
  try {
    return await db.entries.add(record);
  } catch (error) {
    throw storageError(error);
  }
}

/** A customer's entries, newest day first; on one day the latest typed first (`createdAt`, then id). */
export async function listEntries(db: PulsoDb, customerId: string): Promise<EntryRecord[]> {
  try {
    const entries = await db.entries.where('customerId').equals(customerId).toArray();
    return entries.sort((a, b) => b.day - a.day || b.createdAt - a.createdAt || b.id - a.id);
  } catch (error) {
    throw storageError(error);
  }
}

/** Every entry, oldest day first, on one day in the order typed (id): the order the worker applies them in. */
export async function allEntries(db: PulsoDb): Promise<EntryRecord[]> {
  try {
    const entries = await db.entries.toArray();
    return entries.sort((a, b) => a.day - b.day || a.id - b.id);
  } catch (error) {
    throw storageError(error);
  }
}

/** Deletes an entry. `false` if there was no such entry. */
export async function deleteEntry(db: PulsoDb, id: number): Promise<boolean> {
  try {
    return await db.transaction('rw', db.entries, async () => {
      if (!(await db.entries.get(id))) return false;
      await db.entries.delete(id);
      return true;
    });
  } catch (error) {
    throw storageError(error);
  }
}
