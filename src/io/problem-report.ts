/**
 * The import's problems for people: grouped for the wizard (`groupProblems`: "column NPS (C),
 * not a number: 1,204 cells, e.g. row 12 "abc"…") and as a downloadable CSV with one line per
 * issue (`problemsCsv`), in the same dialects as the scores export.
 */
import type { CsvIssue } from './csv-types';
import { csvDialect, neutraliseCell } from './export-scores';
import { writeCsv, type CsvCell } from './write-csv';

/** One headline in the wizard: a file-level problem, a column's unreadable cells of one kind, or a kind of bad row. */
export interface ProblemGroup {
  /** `error` if any issue of the group is an error (in practice a group's issues share one severity). */
  readonly severity: 'error' | 'warning';
  readonly code: string;
  /** The file the group's issues are in (an import may report on more than one file). */
  readonly file: string;
  /** The column, for column groups and groups about one column (`header.*`, `column.missing`, `id.*`). */
  readonly column?: string;
  readonly columnLetter?: string;
  /**
   * Number of affected cells or rows, including those the reader only counted (`cell.more-unreadable`),
   * so it may exceed `rows.length`.
   */
  readonly count: number;
  /** Every row named by an issue of the group, ascending, without repeats; empty for file-level groups. */
  readonly rows: readonly number[];
  /** Up to `examples` issues with a row: different values first, listed by row. */
  readonly examples: readonly { readonly row: number; readonly value?: string }[];
  /** The first issue's message, the group's headline. */
  readonly message: string;
}

export interface GroupProblemsOptions {
  /** How many examples per group (default 3; 0 for none). */
  readonly examples?: number;
}

/** The reader's summary of a column's unreadable cells past the 20 it reports one by one. */
const MORE_UNREADABLE = 'cell.more-unreadable';

/** The cell code of each `params.kind` of a `cell.more-unreadable` summary (as `messages.ts` codes them). */
const KIND_CODES: Readonly<Record<string, string>> = {
  number: 'cell.not-a-number', boolean: 'cell.not-a-boolean', date: 'cell.not-a-date', text: 'cell.excel-error',
};

/** Where a group is listed: file-level problems, then columns' cells, then rows. */
type Section = 0 | 1 | 2;

function sectionOf(issue: CsvIssue): Section {
  if (issue.code.startsWith('cell.')) return 1;
  return issue.row === undefined ? 0 : 2;
}

/** 0-based index of a spreadsheet letter ('A' -> 0, 'AA' -> 26); no letter sorts last. */
function letterIndex(letter: string | undefined): number {
  if (letter === undefined || letter === '') return Number.POSITIVE_INFINITY;
  let n = 0;
  for (const ch of letter) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

interface Draft {
  readonly section: Section;
  readonly order: number;
  readonly file: string;
  readonly code: string;
  readonly column?: string;
  readonly columnLetter?: string;
  readonly message: string;
  severity: 'error' | 'warning';
  count: number;
  readonly issues: CsvIssue[];
}

function keyOf(file: string, code: string, column: string | undefined): string {
  return JSON.stringify([file, code, column ?? null]);
}

/** Up to `n` issues with a row: the first issue of each different value, then the rest, by row. */
function pickExamples(issues: readonly CsvIssue[], n: number): { row: number; value?: string }[] {
  if (n === 0) return [];
  const withRow = issues.filter((issue) => issue.row !== undefined).sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const seen = new Set<string | undefined>();
  const distinct: CsvIssue[] = [];
  const repeats: CsvIssue[] = [];
  for (const issue of withRow) {
    if (seen.has(issue.value)) repeats.push(issue);
    else {
      seen.add(issue.value);
      distinct.push(issue);
    }
  }
  return [...distinct, ...repeats].slice(0, n)
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
    .map((issue) => (issue.value === undefined ? { row: issue.row ?? 0 } : { row: issue.row ?? 0, value: issue.value }));
}

/**
 * Groups issues for the wizard: errors (what blocks the import) before warnings; within each,
 * file-level problems first, then one group per column and code (unreadable cells), then
 * row-level problems (too many cells, duplicate or empty ids…) by code; then by count
 * (descending), column order, and the order the issues came in. A `cell.more-unreadable` summary adds its `params.count` to its column's
 * group for the code of its `params.kind` (else to the column's largest cell group): the reader
 * does not say which rows those cells are on, so they count but are not in `rows`.
 */
export function groupProblems(issues: readonly CsvIssue[], options: GroupProblemsOptions = {}): ProblemGroup[] {
  const examples = options.examples ?? 3;
  if (!Number.isInteger(examples) || examples < 0) throw new RangeError(`examples must be a whole number ≥ 0, got ${examples}`);

  const drafts = new Map<string, Draft>();
  const summaries: CsvIssue[] = [];
  for (const issue of issues) {
    if (issue.code === MORE_UNREADABLE) {
      summaries.push(issue);
      continue;
    }
    const key = keyOf(issue.file, issue.code, issue.column);
    const draft = drafts.get(key);
    if (draft === undefined) {
      drafts.set(key, {
        section: sectionOf(issue), order: drafts.size, file: issue.file, code: issue.code,
        ...(issue.column !== undefined ? { column: issue.column } : {}),
        ...(issue.columnLetter !== undefined ? { columnLetter: issue.columnLetter } : {}),
        message: issue.message, severity: issue.severity, count: 1, issues: [issue],
      });
    } else {
      draft.count++;
      draft.issues.push(issue);
      if (issue.severity === 'error') draft.severity = 'error';
    }
  }

  for (const summary of summaries) {
    const count = Number(summary.params?.['count'] ?? 0);
    const kindCode = KIND_CODES[String(summary.params?.['kind'])];
    const ofColumn = [...drafts.values()]
      .filter((d) => d.section === 1 && d.file === summary.file && d.column === summary.column)
      .sort((a, b) => b.count - a.count || a.order - b.order);
    const target = ofColumn.find((d) => d.code === kindCode) ?? ofColumn[0];
    if (target !== undefined) {
      target.count += count;
      continue;
    }
    // A summary alone (not what the reader emits): its own group, named by the cell code if known.
    const code = kindCode ?? summary.code;
    drafts.set(`${keyOf(summary.file, code, summary.column)}+`, {
      section: 1, order: drafts.size, file: summary.file, code,
      ...(summary.column !== undefined ? { column: summary.column } : {}),
      ...(summary.columnLetter !== undefined ? { columnLetter: summary.columnLetter } : {}),
      message: summary.message, severity: summary.severity, count, issues: [],
    });
  }

  const severityRank = (s: 'error' | 'warning'): number => (s === 'error' ? 0 : 1);
  return [...drafts.values()]
    // What blocks the import comes first, wherever it is; then file, columns, rows.
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity)
      || a.section - b.section
      || b.count - a.count
      || letterIndex(a.columnLetter) - letterIndex(b.columnLetter)
      || a.order - b.order)
    .map((d): ProblemGroup => ({
      severity: d.severity,
      code: d.code,
      file: d.file,
      ...(d.column !== undefined ? { column: d.column } : {}),
      ...(d.columnLetter !== undefined ? { columnLetter: d.columnLetter } : {}),
      count: d.count,
      rows: [...new Set(d.issues.flatMap((issue) => (issue.row === undefined ? [] : [issue.row])))].sort((x, y) => x - y),
      examples: pickExamples(d.issues, examples),
      message: d.message,
    }));
}

/** Translated column titles of the problems file. */
export interface ProblemsCsvHeader {
  /** Title of the file-name column; default `File` (give a translation). */
  readonly file?: string;
  readonly severity: string;
  readonly row: string;
  /** Column name with its letter: `NPS (C)`. */
  readonly column: string;
  readonly value: string;
  readonly problem: string;
}

export interface ProblemsCsvOptions {
  /** As the scores export: `standard` (`,`, LF, no BOM) or `locale` (`;` where the locale writes decimal commas, BOM, CRLF). */
  readonly dialect: 'standard' | 'locale';
  /** BCP 47 tag for the `locale` dialect; default: the runtime's locale. */
  readonly locale?: string;
  readonly header: ProblemsCsvHeader;
  /** Translated severities; default the codes `error` and `warning`. */
  readonly severities?: { readonly error: string; readonly warning: string };
}

/**
 * Every issue as a CSV file's text, one line per issue in the order given: file, severity, row,
 * column (`name (letter)`), the cell as written, the message. Every text cell goes through
 * `neutraliseCell`, so a hostile value such as `=HYPERLINK(…)` stays text in a spreadsheet.
 */
export function problemsCsv(issues: readonly CsvIssue[], options: ProblemsCsvOptions): string {
  const dialect = csvDialect(options.dialect, options.locale);
  const { header } = options;
  const titles = [header.file ?? 'File', header.severity, header.row, header.column, header.value, header.problem];
  const text = (value: string | undefined): CsvCell => (value === undefined || value === '' ? null : neutraliseCell(value));
  const rows = issues.map((issue): CsvCell[] => {
    const column = issue.column === undefined ? undefined
      : issue.columnLetter === undefined ? issue.column : `${issue.column} (${issue.columnLetter})`;
    return [
      text(issue.file),
      text(options.severities?.[issue.severity] ?? issue.severity),
      issue.row === undefined ? null : String(issue.row),
      text(column),
      text(issue.value),
      text(issue.message),
    ];
  });
  return dialect.bom + writeCsv(titles.map(neutraliseCell), rows, { delimiter: dialect.delimiter, newline: dialect.newline });
}
