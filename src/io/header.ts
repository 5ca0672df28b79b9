/**
 * The header row (reading C2): names as written, made unique, and looked up forgivingly.
 */
import type { CsvIssue, CsvTable } from './csv-types';
import { columnLetter, headerDuplicateName, headerEmptyName } from './messages';

/** A header name as it is looked up (C2): trimmed, case-insensitive, runs of whitespace as one space. */
function normalizedName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Index of the column called `name`, or -1. The exact name first, then the normalized one
 * (C2), so "Call Failure" finds "Call  Failure".
 */
export function findColumn(table: CsvTable, name: string): number {
  const exact = table.header.indexOf(name);
  if (exact >= 0) return exact;
  const wanted = normalizedName(name);
  return table.header.findIndex((written) => normalizedName(written) === wanted);
}

/** A record with no cell that holds anything: a blank line, or Excel's ";;;" for an emptied row. */
export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

/** Names empty header cells after their letter and makes repeated names unique with " (2)" (C2). */
export function readHeader(file: string, record: readonly string[], issues: CsvIssue[]): string[] {
  const taken = new Map<string, number>();
  return record.map((written, index) => {
    let name = written;
    if (written.trim() === '') {
      name = `column ${columnLetter(index)}`;
      issues.push(headerEmptyName(file, index, name));
    }
    const firstIndex = taken.get(normalizedName(name));
    if (firstIndex !== undefined) {
      let n = 2;
      while (taken.has(normalizedName(`${name} (${n})`))) n++;
      name = `${name} (${n})`;
      issues.push(headerDuplicateName(file, { name, index, written, firstIndex }));
    }
    taken.set(normalizedName(name), index);
    return name;
  });
}
