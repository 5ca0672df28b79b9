/**
 * Small conversions the import wizard shows or reads: spreadsheet column letters, the date
 * input's `YYYY-MM-DD` and epoch days, a file's name without its extension. Plain functions,
 * so the UI needs nothing but types from the engine and the reader.
 */
import type { EpochDay } from '../../engine';

const DAY_MS = 86_400_000;

/** Spreadsheet letter of a 0-based column index, as the reader's messages name columns: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** An epoch day as a date input's value (`2026-11-23`). */
export function isoDay(day: EpochDay): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A date input's value as an epoch day; `null` when empty or not a real calendar date. */
export function dayFromIso(text: string): EpochDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** `clientes-junho.csv` → `clientes-junho`: the start of file names made from it. */
export function fileStem(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base || 'import';
}

/** A cell as a one-line example in a sentence: line breaks folded, cut at 40 characters. */
export function shortValue(value: string): string {
  const oneLine = value.replace(/\r\n|\r|\n/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 39).trimEnd()}…` : oneLine;
}
