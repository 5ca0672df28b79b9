/**
 * One file being imported: read once when opened, kept in the worker while the user sets the
 * format and the mapping, checked against a plan, and turned into what `saveImports` stores.
 */
import { columnNeeds, metricSource, type ColumnKind, type EpochDay, type HealthModel, type Portfolio } from '../engine';
import {
  buildImport,
  detectColumnKind,
  groupProblems,
  layoutKey,
  problemsCsv,
  readCsv,
  suggestMapping,
  type CsvIssue,
  type CsvOverrides,
  type CsvTable,
  type ImportTableResult,
} from '../io';
import type { EngineApi, ImportCheck, ImportInspection, ImportMapping, ImportMetric, ImportPlan } from './api';

const PREVIEW_ROWS = 10;

/**
 * Rows the wizard looks at to say what each column holds (and which are dates). The import
 * itself types every row; this only labels the preview and offers date columns, and reading
 * 100k rows × 20 columns for that cost over a second.
 */
const KIND_SAMPLE_ROWS = 5_000;

/** The first `rows` rows of `table` (the same table when it has no more). */
function head(table: CsvTable, rows: number): CsvTable {
  if (table.rowCount <= rows) return table;
  return {
    ...table,
    columns: table.columns.map((cells) => cells.slice(0, rows)),
    rowCount: rows,
    rowNumbers: table.rowNumbers.subarray(0, rows),
    badRows: table.badRows.filter((bad) => bad.index < rows),
  };
}

/** The model's metrics as the wizard maps them: label, the column they read, and its kind. */
export function importMetrics(model: HealthModel): ImportMetric[] {
  const needs = columnNeeds(model);
  return model.categories.flatMap((category) =>
    category.metrics.map((metric) => {
      const source = metricSource(metric);
      return { id: metric.id, label: metric.label ?? metric.id, source, kind: needs.get(source) ?? 'number' };
    }),
  );
}

/** What `buildImport` needs besides the mapping: each metric's stored column and kind. */
function metricColumns(metrics: readonly ImportMetric[]): Record<string, { source: string; kind: ColumnKind }> {
  return Object.fromEntries(metrics.map((m) => [m.id, { source: m.source, kind: m.kind }]));
}

/** A mapping that only names headers the file has (a remembered one may come from a file with more). */
function validMapping(mapping: ImportMapping, headers: number, metrics: readonly ImportMetric[]): ImportMapping {
  const ok = (i: unknown): i is number => typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < headers;
  const fields = Object.fromEntries(Object.entries(mapping.fields ?? {}).filter(([, i]) => ok(i)));
  const known = new Set(metrics.map((m) => m.id));
  const metricMap = Object.fromEntries(Object.entries(mapping.metrics ?? {}).filter(([id, i]) => known.has(id) && ok(i)));
  return { fields, metrics: metricMap };
}

export interface PreparedImport {
  readonly plan: ImportPlan;
  readonly result: ImportTableResult;
  readonly check: ImportCheck;
}

export class ImportSession {
  readonly fileName: string;
  readonly #data: Uint8Array;
  readonly #metrics: readonly ImportMetric[];
  #table: CsvTable | null = null;
  #readIssues: CsvIssue[] = [];
  #prepared: PreparedImport | null = null;

  constructor(file: { readonly name: string; readonly data: ArrayBuffer }, model: HealthModel) {
    this.fileName = file.name;
    this.#data = new Uint8Array(file.data);
    this.#metrics = importMetrics(model);
  }

  get table(): CsvTable | null {
    return this.#table;
  }

  /** Warnings and errors from reading the file (before any mapping). */
  get readIssueCount(): number {
    return this.#readIssues.length;
  }

  /** The layout key of the file's header, to remember its mapping. */
  get layout(): string | null {
    return this.#table ? layoutKey(this.#table.header) : null;
  }

  /** Reads the file (again, with `overrides`); describe it next. Returns its layout key, `null` if it could not be read. */
  read(overrides: CsvOverrides): string | null {
    const { table, issues } = readCsv({ name: this.fileName, data: this.#data }, overrides);
    this.#table = table;
    this.#readIssues = issues;
    this.#prepared = null;
    return this.layout;
  }

  /** The file as read, with `remembered` (a mapping saved for its layout) or else a mapping suggested by name. */
  describe(remembered: ImportMapping | undefined): ImportInspection {
    const table = this.#table;
    const problems = groupProblems(this.#readIssues.filter((issue) => issue.row === undefined || table === null));
    if (!table) {
      return {
        fileName: this.fileName, format: null, header: [], kinds: [], preview: [], previewRows: [], rowCount: 0,
        problems, metrics: this.#metrics, mapping: { fields: {}, metrics: {} }, remembered: false, dateColumns: [],
      };
    }
    const sample = head(table, KIND_SAMPLE_ROWS);
    const kinds = table.header.map((_, index) => detectColumnKind(sample, index));
    const rows = Math.min(PREVIEW_ROWS, table.rowCount);
    const preview = Array.from({ length: rows }, (_, r) => table.columns.map((cells) => cells[r] ?? ''));
    const suggested = suggestMapping(table.header, { metrics: this.#metrics.map((m) => ({ id: m.id, source: m.source, label: m.label })) });
    return {
      fileName: this.fileName,
      format: table.format,
      header: table.header,
      kinds,
      preview,
      previewRows: Array.from(table.rowNumbers.subarray(0, rows)),
      rowCount: table.rowCount,
      problems,
      metrics: this.#metrics,
      mapping: validMapping(remembered ?? suggested, table.header.length, this.#metrics),
      remembered: remembered !== undefined,
      dateColumns: kinds.flatMap((kind, index) => (kind === 'date' ? [index] : [])),
    };
  }

  /** Builds the import the plan describes (typed columns per as-of day) and checks it; nothing is written. */
  prepare(plan: ImportPlan, options: { onProgress?: (done: number, total: number) => void; supersedes?: (days: ImportTableResult['days']) => number } = {}): PreparedImport {
    const table = this.#table;
    if (!table) throw new Error(`${this.fileName} could not be read: choose another file.`);
    const same = this.#prepared && JSON.stringify(this.#prepared.plan) === JSON.stringify(plan);
    if (same && this.#prepared) return this.#prepared;
    const result = buildImport(
      table,
      {
        fields: plan.mapping.fields,
        metrics: plan.mapping.metrics,
        metricColumns: metricColumns(this.#metrics),
        asOf: plan.asOf,
        skipBadRows: plan.skipBadRows,
      },
      options.onProgress ? { onProgress: options.onProgress } : {},
    );
    const issues = [...this.#readIssues, ...result.issues];
    const check: ImportCheck = {
      rows: result.rows,
      usable: result.usable,
      bad: result.bad,
      days: result.days.map((d) => d.day),
      problems: groupProblems(issues),
      verdict: result.verdict,
      supersedesManual: options.supersedes ? options.supersedes(result.days) : 0,
    };
    this.#prepared = { plan, result, check };
    return this.#prepared;
  }

  /** Every problem of the last prepared plan (or of reading the file) as a CSV file's text. */
  problemsCsv(options: Parameters<EngineApi['problemsCsv']>[0]): string {
    const issues = [...this.#readIssues, ...(this.#prepared?.result.issues ?? [])];
    const header = options.header ?? { file: 'File', severity: 'Severity', row: 'Row', column: 'Column', value: 'Value', problem: 'Problem' };
    return problemsCsv(issues, { dialect: options.dialect, locale: options.locale, header, ...(options.severities ? { severities: options.severities } : {}) });
  }
}

/**
 * The portfolios of a prepared import, one per day, as `saveImports` takes them. A one-day file's
 * record counts every data row of the file; a long file's day counts its own rows and the bad
 * rows of that day. Each record carries the file's problem count (reading and building).
 */
export function importInputs(fileName: string, table: CsvTable, readIssues: number, result: ImportTableResult): { fileName: string; asOf: EpochDay; portfolio: Portfolio; skipped: number; rowCount: number; problemCount: number }[] {
  const single = result.days.length === 1;
  return result.days.map((d) => ({
    fileName,
    asOf: d.day,
    portfolio: d.portfolio,
    skipped: single ? result.bad : d.skipped,
    rowCount: single ? table.rowCount : d.portfolio.size + d.skipped,
    problemCount: readIssues + result.issues.length,
  }));
}
