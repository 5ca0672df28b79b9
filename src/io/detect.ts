/**
 * Guessing how a file was written from its content (readings C5, C6, C7). Each guess is a vote
 * over the evidence; where there is none, the locale's usual choice.
 */
import Papa from 'papaparse';
import { dateOrderEvidence, decimalEvidence } from './cells';
import type { CsvFormat, CsvOverrides } from './csv-types';
import { isBlankRecord } from './header';

const DELIMITERS: readonly CsvFormat['delimiter'][] = [',', ';', '\t', '|'];
/** Rows looked at to pick the delimiter: the header and a screenful of data. */
const DELIMITER_SAMPLE_ROWS = 50;

/** Excel's "sep=;" first line: it names the delimiter, and Excel hides it (the header stays row 1). */
const SEPARATOR_LINE = /^sep=(.)(?:\r\n|\n|\r)/;

/** Takes off Excel's "sep=" line, returning the delimiter it declares. */
export function withoutSeparatorLine(text: string): { text: string; declared?: CsvFormat['delimiter'] } {
  const line = SEPARATOR_LINE.exec(text);
  const declared = DELIMITERS.find((delimiter) => delimiter === line?.[1]);
  return line === null || declared === undefined ? { text } : { text: text.slice(line[0].length), declared };
}

interface DelimiterFit {
  readonly delimiter: CsvFormat['delimiter'];
  /** Cells in the header row. */
  readonly headerCells: number;
  /** Share of sampled rows with as many cells as the header. */
  readonly consistency: number;
}

function fit(text: string, delimiter: CsvFormat['delimiter']): DelimiterFit {
  const { data } = Papa.parse<string[]>(text, { delimiter, preview: DELIMITER_SAMPLE_ROWS, skipEmptyLines: false });
  // Blank lines say nothing; Excel's ";;;" rows do: they count.
  const rows = data.filter((record) => record.length > 1 || !isBlankRecord(record));
  const headerCells = rows[0]?.length ?? 0;
  const consistent = rows.filter((record) => record.length === headerCells).length;
  return { delimiter, headerCells, consistency: rows.length === 0 ? 0 : consistent / rows.length };
}

/**
 * The delimiter that splits the first rows into the same number of cells as the header (C5);
 * on a tie, the one that gives more columns. A file with one column reads as comma-separated.
 */
export function detectDelimiter(text: string): CsvFormat['delimiter'] {
  let best: DelimiterFit = { delimiter: ',', headerCells: 1, consistency: 0 };
  for (const delimiter of DELIMITERS) {
    const candidate = fit(text, delimiter);
    if (candidate.headerCells < 2) continue;
    const better = candidate.consistency > best.consistency ||
      (candidate.consistency === best.consistency && candidate.headerCells > best.headerCells);
    if (better) best = candidate;
  }
  return best.delimiter;
}

/** The winner of a two-way vote, or `fallback` on a tie (including no votes). */
function majority<T>(votes: ReadonlyMap<T, number>, [a, b]: readonly [T, T], fallback: T): T {
  const [va, vb] = [votes.get(a) ?? 0, votes.get(b) ?? 0];
  if (va === vb) return fallback;
  return va > vb ? a : b;
}

/**
 * Counts every cell's vote. Row by row, not column by column: the parser makes a row's cells
 * one after another in memory, so this order reads them about sequentially, which on a large
 * file is several times faster than striding across the rows once per column (the count is
 * the same in any order).
 */
function countVotes<T>(columns: readonly (readonly string[])[], evidence: (cell: string) => T | null): Map<T, number> {
  const votes = new Map<T, number>();
  const rows = rowCount(columns);
  for (let r = 0; r < rows; r++) {
    for (const cells of columns) {
      if (r >= cells.length) continue;
      addVote(votes, evidence(cells[r] ?? ''));
    }
  }
  return votes;
}

function rowCount(columns: readonly (readonly string[])[]): number {
  return columns.reduce((most, cells) => Math.max(most, cells.length), 0);
}

function addVote<T>(votes: Map<T, number>, vote: T | null): void {
  if (vote !== null) votes.set(vote, (votes.get(vote) ?? 0) + 1);
}

/** The usual date order where nothing tells: day first in the locales that write decimal commas (C7). */
function defaultDateOrder(format: Pick<CsvFormat, 'decimal' | 'delimiter'>): 'dmy' | 'mdy' {
  return format.decimal === ',' || format.delimiter === ';' ? 'dmy' : 'mdy';
}

/** The order of day and month by majority of evidence in `columns` (13/01 is day-first), else `fallback`. */
export function detectDateOrder(columns: readonly (readonly string[])[], fallback: 'dmy' | 'mdy'): 'dmy' | 'mdy' {
  return majority(countVotes(columns, dateOrderEvidence), ['dmy', 'mdy'], fallback);
}

/**
 * Rows whose cells vote on the decimal and the date order: every row of a file up to this size;
 * of a larger one, this many spread evenly over it (then a vote the sample has no evidence for
 * looks at every row). Tens of thousands of votes decide as every cell would, unless the file is
 * split close to half and half — and then no guess is safe: the format step shows it, to change.
 */
export const FORMAT_SAMPLE_ROWS = 20_000;

/** Votes of the cells of `rows` (ascending row indexes, or every row when `null`). */
function formatVotes(columns: readonly (readonly string[])[], rows: Int32Array | null, want: { decimal: boolean; dateOrder: boolean }) {
  const decimal = new Map<'.' | ',', number>();
  const dateOrder = new Map<'dmy' | 'mdy', number>();
  const count = rows ? rows.length : rowCount(columns);
  for (let k = 0; k < count; k++) {
    const r = rows ? rows[k]! : k;
    for (const cells of columns) {
      if (r >= cells.length) continue;
      const cell = cells[r] ?? '';
      if (want.decimal) addVote(decimal, decimalEvidence(cell));
      if (want.dateOrder) addVote(dateOrder, dateOrderEvidence(cell));
    }
  }
  return { decimal, dateOrder };
}

function evenSample(rows: number, size: number): Int32Array | null {
  if (rows <= size) return null;
  return Int32Array.from({ length: size }, (_, k) => Math.floor((k * rows) / size));
}

/**
 * The file's decimal separator and date order, each from `overrides` or else by majority of the
 * evidence of the cells (every cell, or an even sample of a large file: `FORMAT_SAMPLE_ROWS`).
 * With no evidence, the decimal is ',' when cells are separated by ';' (Excel in Portuguese and
 * Spanish), else '.' (C6); the date order is the locale's usual one (C7). Both votes are taken in
 * one pass: on a large file, going through the cells costs more than what is done with them.
 */
export function detectNumberFormat(
  columns: readonly (readonly string[])[],
  delimiter: CsvFormat['delimiter'],
  overrides: Pick<CsvOverrides, 'decimal' | 'dateOrder'>,
): Pick<CsvFormat, 'decimal' | 'dateOrder'> {
  const want = { decimal: overrides.decimal === undefined, dateOrder: overrides.dateOrder === undefined };
  const sample = want.decimal || want.dateOrder ? evenSample(rowCount(columns), FORMAT_SAMPLE_ROWS) : null;
  let { decimal: decimalVotes, dateOrder: dateVotes } = want.decimal || want.dateOrder ? formatVotes(columns, sample, want) : { decimal: new Map(), dateOrder: new Map() };
  // One cell may be all the evidence a file has (a single 13/01/2024): the sample may miss it.
  const silent = { decimal: want.decimal && decimalVotes.size === 0, dateOrder: want.dateOrder && dateVotes.size === 0 };
  if (sample && (silent.decimal || silent.dateOrder)) {
    const all = formatVotes(columns, null, silent);
    if (silent.decimal) decimalVotes = all.decimal;
    if (silent.dateOrder) dateVotes = all.dateOrder;
  }
  const decimal = overrides.decimal ?? majority(decimalVotes, ['.', ','], delimiter === ';' ? ',' : '.');
  const dateOrder = overrides.dateOrder ?? majority(dateVotes, ['dmy', 'mdy'], defaultDateOrder({ decimal, delimiter }));
  return { decimal, dateOrder };
}
