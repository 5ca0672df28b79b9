/**
 * The shapes the CSV reader hands out. Plain data only (no classes), so that tables and issues
 * cross the worker boundary by structured cloning unchanged.
 */

/** How a file was written: detected, or set by the user (see `detected`). */
export interface CsvFormat {
  readonly delimiter: ',' | ';' | '\t' | '|';
  readonly decimal: '.' | ',';
  /** The digit-group separator besides space and NBSP (always accepted); `null`: none. */
  readonly thousands: string | null;
  /** The file's default order for `d/m/y`-like dates; a column with its own evidence follows that. */
  readonly dateOrder: 'dmy' | 'mdy';
  readonly encoding: 'utf-8' | 'windows-1252';
  /** The file started with a UTF-8 byte-order mark (removed from the text). */
  readonly bom: boolean;
  readonly lineEnding: '\r\n' | '\n' | '\r';
  /** Per setting: `true` = detected from the file, `false` = set by an override. */
  readonly detected: {
    readonly delimiter: boolean;
    readonly decimal: boolean;
    readonly dateOrder: boolean;
    readonly encoding: boolean;
  };
}

/** What the user may force instead of detection. */
export interface CsvOverrides {
  readonly delimiter?: CsvFormat['delimiter'];
  readonly decimal?: '.' | ',';
  readonly dateOrder?: 'dmy' | 'mdy';
  readonly encoding?: 'utf-8' | 'windows-1252';
}

/**
 * One thing to tell the user about a file. `message` is complete plain English (where, what,
 * what to do); `code` and `params` are stable, for translations and tests.
 */
export interface CsvIssue {
  readonly severity: 'error' | 'warning';
  /** Stable machine code, e.g. `cell.not-a-number`, `file.empty`, `id.duplicate`. */
  readonly code: string;
  readonly file: string;
  /** Spreadsheet row: the header is row 1; a quoted multi-line field counts as one row. */
  readonly row?: number;
  /**
   * Header name as written (or as renamed, see `header.duplicate-name`); for `column.missing`
   * and `id.column-missing`, the name looked for.
   */
  readonly column?: string;
  /** Spreadsheet column letter: 'A', 'AB'. */
  readonly columnLetter?: string;
  /** The cell as written. */
  readonly value?: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly message: string;
}

/**
 * A data row with more cells than the header, whose extra cells are not all empty (C9).
 * Its first cells are in `CsvTable.columns` like any row's; `readPortfolio` refuses or skips it.
 */
export interface BadRow {
  /** Index of the data row (0 = the first row below the header). */
  readonly index: number;
  /** Spreadsheet row number. */
  readonly row: number;
  /** Number of cells the row has (more than the header's). */
  readonly cellCount: number;
}

/** A CSV file as cells: strings, untyped, one array per column. Blank rows are left out. */
export interface CsvTable {
  readonly file: string;
  /** Header names as written, except that empty and repeated names are made unique (C2). */
  readonly header: readonly string[];
  /** Per column, the cells of every data row as written (not trimmed); `''` where a row is short. */
  readonly columns: readonly (readonly string[])[];
  readonly rowCount: number;
  /** Spreadsheet row number of each data row (header = 1; blank lines count, as a spreadsheet shows them). */
  readonly rowNumbers: Int32Array;
  readonly format: CsvFormat;
  /** Rows with too many cells, in row order. */
  readonly badRows: readonly BadRow[];
}

/** What reading one cell gives: a value, a silent missing value (C3), or a reason it cannot be read. */
export type CellResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly missing: true }
  | { readonly ok: false; readonly missing: false; readonly reason: string };
