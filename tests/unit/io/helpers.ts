/** Shared by the CSV reader's tests: fixture bytes, and reading a CSV written in the test. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { readCsv, toColumn } from '../../../src/io';
import type { CsvOverrides, CsvTable } from '../../../src/io';
import { BOOLEAN_MISSING, TEXT_MISSING } from '../../../src/engine/portfolio';
import type { Column } from '../../../src/engine/portfolio';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** The bytes of a file under tests/fixtures. */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, FIXTURES)));
}

/** Reads CSV text that must give a table; returns the table and the reader's issues. */
export function table(text: string, overrides?: CsvOverrides, name = 'customers.csv'): CsvTable {
  const read = readCsv({ name, data: text }, overrides);
  expect(read.table, JSON.stringify(read.issues)).not.toBeNull();
  return read.table as CsvTable;
}

/** A column's values as plain data: numbers/dates as numbers (NaN missing), booleans, labels (null missing). */
export function values(column: Column): (number | boolean | string | null)[] {
  switch (column.kind) {
    case 'number':
    case 'date':
      return Array.from(column.values);
    case 'boolean':
      return Array.from(column.values, (v) => (v === BOOLEAN_MISSING ? null : v === 1));
    case 'text':
      return Array.from(column.codes, (code) => (code === TEXT_MISSING ? null : (column.labels[code] ?? null)));
  }
}

/** Reads one column of a table by name as `kind`, returning its plain values and issues. */
export function read(t: CsvTable, name: string, kind: Column['kind']): { values: ReturnType<typeof values>; messages: string[] } {
  const index = t.header.indexOf(name);
  expect(index, `column ${name}`).toBeGreaterThanOrEqual(0);
  const { column, issues } = toColumn(t, index, kind);
  return { values: values(column), messages: issues.map((issue) => issue.message) };
}
