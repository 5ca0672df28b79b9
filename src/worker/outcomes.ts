/**
 * An outcomes file being imported (who churned or renewed, and when): read once when opened,
 * kept while the user maps its columns and values, checked against a plan, and turned into the
 * records `putOutcomes` stores. Semantics: docs/scoring.md C1.
 */
import type { EpochDay } from '../engine';
import { columnDateOrder, detectColumnKind, groupProblems, readCsv, type CsvIssue, type CsvTable } from '../io';
import { parseDateCell } from '../io/cells';
import { asOfUnreadable, columnLetter, idEmpty, idNotMapped, noUsableRows } from '../io/messages';
import type { OutcomeRecord } from '../data/db';
import { OUTCOME_VALUES_LISTED, type OutcomeCheck, type OutcomeFileInspection, type OutcomeMapping, type OutcomePlan, type OutcomeStatus, type OutcomeValue } from './api';

const PREVIEW_ROWS = 10;
const KIND_SAMPLE_ROWS = 5_000;

const CHURNED_WORDS = new Set(['yes', 'y', 'sim', 's', 'si', 'sí', 'true', 'verdadeiro', 'verdadero', '1', 'churn', 'churned', 'cancelled', 'canceled', 'cancelado', 'cancelada', 'lost', 'perdido', 'perdida', 'left', 'inactive', 'inativo', 'inactivo', 'closed', 'cancelou', 'canceló']);
const RENEWED_WORDS = new Set(['no', 'n', 'não', 'nao', 'false', 'falso', '0', 'renewed', 'retained', 'active', 'stayed', 'renovado', 'renovada', 'renovou', 'renovó', 'ativo', 'ativa', 'activo', 'activa', 'retido', 'retenido', 'customer', 'cliente']);

/** What a status cell reads as by default (C1): yes/1/churned… → churned, no/0/renewed/active… → renewed, anything else left out. */
export function readsAs(value: string): OutcomeStatus | null {
  const v = value.trim().toLowerCase();
  if (CHURNED_WORDS.has(v)) return 'churned';
  if (RENEWED_WORDS.has(v)) return 'renewed';
  return null;
}

const ID_NAMES = /^(customer_?id|customerid|client_?id|id_?cliente|id_?customer|account_?id|id|cliente|customer|account|conta|cuenta)$/;
/** Outcome column names, most telling first: a `Churn` column wins over a `Status` one. */
const STATUS_NAMES = [/churn/, /cancel|outcome|resultado/, /renew|renov/, /status|situa|estado/];
/** A date's name: one of these words in the (normalised) header, e.g. `churn_date`, `data_cancelamento`. */
const DATE_NAMES = /(^|_)(date|data|fecha|day|dia|when|quando|cuando|on|em|en)(_|$)|^(churned|renewed|cancelled|canceled)_?(on|at)$/;

function normalize(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Rows looked at to find the column holding the data's customer ids. */
const ID_SAMPLE_ROWS = 200;

/**
 * Guesses the mapping (C1): the id is the column whose first cells are most often ids of the
 * data's customers (at least half), else one named like an id; the outcome a column named like
 * churn/status/outcome; the date a date column, one named like a date first.
 */
export function guessOutcomeMapping(table: CsvTable, dateColumns: readonly number[], isCustomer: (id: string) => boolean): OutcomeMapping {
  const header = table.header;
  const names = header.map(normalize);
  const sample = Math.min(ID_SAMPLE_ROWS, table.rowCount);
  let byContent = -1;
  let best = sample / 2;
  table.columns.forEach((cells, i) => {
    let hits = 0;
    for (let r = 0; r < sample; r++) if (isCustomer((cells[r] ?? '').trim())) hits++;
    if (hits > best) {
      best = hits;
      byContent = i;
    }
  });
  const id = byContent >= 0 ? byContent : names.findIndex((n) => ID_NAMES.test(n));
  const status = STATUS_NAMES.reduce((found, pattern) => (found >= 0 ? found : names.findIndex((n, i) => i !== id && pattern.test(n))), -1);
  // A column named like a date counts even when some of its cells do not read (they are reported when checked).
  const named = names.findIndex((n, i) => i !== id && i !== status && DATE_NAMES.test(n));
  const date = dateColumns.find((i) => DATE_NAMES.test(names[i]!) && i !== id) ?? dateColumns.find((i) => i !== id) ?? (named >= 0 ? named : null);
  return { id: id >= 0 ? id : null, status: status >= 0 ? status : null, date };
}

export interface PreparedOutcomes {
  readonly check: OutcomeCheck;
  readonly records: readonly OutcomeRecord[];
}

export class OutcomeFileSession {
  readonly fileName: string;
  readonly #table: CsvTable | null;
  readonly #issues: readonly CsvIssue[];

  constructor(file: { readonly name: string; readonly data: ArrayBuffer }) {
    this.fileName = file.name;
    const { table, issues } = readCsv({ name: file.name, data: new Uint8Array(file.data) });
    this.#table = table;
    this.#issues = issues;
  }

  describe(isCustomer: (id: string) => boolean): OutcomeFileInspection {
    const table = this.#table;
    const problems = groupProblems(this.#issues.filter((issue) => issue.row === undefined || table === null));
    if (!table) {
      return { fileName: this.fileName, format: null, header: [], kinds: [], preview: [], previewRows: [], rowCount: 0, problems, mapping: { id: null, status: null, date: null }, dateColumns: [] };
    }
    const sample: CsvTable = table.rowCount <= KIND_SAMPLE_ROWS ? table : { ...table, columns: table.columns.map((c) => c.slice(0, KIND_SAMPLE_ROWS)), rowCount: KIND_SAMPLE_ROWS, rowNumbers: table.rowNumbers.subarray(0, KIND_SAMPLE_ROWS), badRows: [] };
    const kinds = table.header.map((_, index) => detectColumnKind(sample, index));
    const dateColumns = kinds.flatMap((kind, index) => (kind === 'date' ? [index] : []));
    const rows = Math.min(PREVIEW_ROWS, table.rowCount);
    return {
      fileName: this.fileName,
      format: table.format,
      header: table.header,
      kinds,
      preview: Array.from({ length: rows }, (_, r) => table.columns.map((cells) => cells[r] ?? '')),
      previewRows: Array.from(table.rowNumbers.subarray(0, rows)),
      rowCount: table.rowCount,
      problems,
      mapping: guessOutcomeMapping(table, dateColumns, isCustomer),
      dateColumns,
    };
  }

  /**
   * The distinct values of a column, most frequent first (ties: as first written), trimmed. In a
   * column of dates (a cancellation date) a date reads as churned and a blank as renewed (C1).
   */
  values(column: number): OutcomeValue[] {
    const table = this.#table;
    const cells = table?.columns[column];
    if (!table || !cells) throw new Error(`${this.fileName} has no column ${column + 1}.`);
    const counts = new Map<string, number>();
    for (const cell of cells) {
      const v = cell.trim();
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const sample: CsvTable = table.rowCount <= KIND_SAMPLE_ROWS ? table : { ...table, columns: table.columns.map((c) => c.slice(0, KIND_SAMPLE_ROWS)), rowCount: KIND_SAMPLE_ROWS, rowNumbers: table.rowNumbers.subarray(0, KIND_SAMPLE_ROWS), badRows: [] };
    const dates = detectColumnKind(sample, column) === 'date';
    const reads = (value: string): OutcomeStatus | null => (dates ? (value === '' ? 'renewed' : 'churned') : value === '' ? null : readsAs(value));
    return [...counts]
      .map(([value, count]) => ({ value, count, reads: reads(value) }))
      .sort((a, b) => b.count - a.count)
      .slice(0, OUTCOME_VALUES_LISTED);
  }

  /**
   * Checks the plan against every row and builds the records (C1): a row with an empty id, or a
   * date that does not read, is left out with a warning; a status in neither list is left out
   * and counted; an id on several rows keeps its latest day's outcome, and two rows of the same
   * id and day that disagree are refused (the user says which is right).
   */
  prepare(plan: OutcomePlan, isCustomer: (id: string) => boolean, now: number): PreparedOutcomes {
    const table = this.#table;
    if (!table) throw new Error(`${this.fileName} could not be read: choose another file.`);
    const issues: CsvIssue[] = [...this.#issues];
    const file = this.fileName;
    const { id, status, date } = plan.mapping;
    const valid = (i: number | null): i is number => i !== null && Number.isInteger(i) && i >= 0 && i < table.header.length;
    const blocked = (extra: CsvIssue[]): PreparedOutcomes => ({
      check: { rows: table.rowCount, churned: 0, renewed: 0, leftOut: 0, unknownIds: 0, problems: groupProblems([...issues, ...extra]), verdict: 'blocked' },
      records: [],
    });
    if (!valid(id)) return blocked([idNotMapped(file, table.header)]);
    if (!valid(status)) return blocked([statusNotMapped(file, table.header)]);
    if (date !== null && !valid(date)) return blocked([statusNotMapped(file, table.header)]);
    const churnedValues = new Set(plan.churned.map((v) => v.trim()));
    const renewedValues = new Set(plan.renewed.map((v) => v.trim()));
    const idColumn = { name: table.header[id]!, index: id };
    const dateColumn = date === null ? null : { name: table.header[date]!, index: date };
    const dateOrder = date === null ? 'dmy' : columnDateOrder(table, date);
    const byId = new Map<string, { record: OutcomeRecord; row: number }>();
    let leftOut = 0;
    for (let r = 0; r < table.rowCount; r++) {
      const row = table.rowNumbers[r]!;
      const cell = (table.columns[status]![r] ?? '').trim();
      const outcome: OutcomeStatus | null = churnedValues.has(cell) ? 'churned' : renewedValues.has(cell) ? 'renewed' : cell !== '' ? (plan.others ?? null) : null;
      if (outcome === null) {
        leftOut++;
        continue;
      }
      const customerId = (table.columns[id]![r] ?? '').trim();
      if (customerId === '') {
        issues.push(idEmpty(file, { row, column: idColumn, skipped: true }));
        leftOut++;
        continue;
      }
      let day: EpochDay = plan.day;
      if (dateColumn) {
        const written = table.columns[date!]![r] ?? '';
        if (written.trim() !== '') {
          const read = parseDateCell(written, dateOrder);
          if (!read.ok || read.value === undefined) {
            issues.push(asOfUnreadable(file, { row, column: dateColumn, value: written, reason: 'is not a date', skipped: true }));
            leftOut++;
            continue;
          }
          day = read.value;
        }
      }
      const record: OutcomeRecord = { customerId, status: outcome, day, source: 'import', fileName: file, recordedAt: now };
      const before = byId.get(customerId);
      if (!before || day > before.record.day) byId.set(customerId, { record, row });
      else if (day === before.record.day && outcome !== before.record.status) issues.push(outcomeConflict(file, { row, column: idColumn, id: customerId, firstRow: before.row }));
    }
    const records = [...byId.values()].map((v) => v.record);
    if (records.length === 0) issues.push(noUsableRows(file));
    const problems = groupProblems(issues);
    const churned = records.filter((r) => r.status === 'churned').length;
    return {
      check: {
        rows: table.rowCount,
        churned,
        renewed: records.length - churned,
        leftOut,
        unknownIds: records.filter((r) => !isCustomer(r.customerId)).length,
        problems,
        verdict: problems.some((p) => p.severity === 'error') ? 'blocked' : 'ok',
      },
      records,
    };
  }
}

/** The plan names no column saying what became of each customer. */
function statusNotMapped(file: string, header: readonly string[]): CsvIssue {
  const found = header.map((name) => `"${name}"`).join(', ');
  return {
    severity: 'error', code: 'outcome.status-not-mapped', file, params: { found: header.join(', ') },
    message: `${file}: no column is chosen for the outcome (churned or not). Choose it among the columns in row 1: ${found}.`,
  };
}

/** Two rows of the same customer and day with different outcomes. */
function outcomeConflict(file: string, place: { row: number; column: { name: string; index: number }; id: string; firstRow: number }): CsvIssue {
  const quoted = `"${place.id.length > 40 ? `${place.id.slice(0, 39)}…` : place.id}"`;
  return {
    severity: 'error', code: 'outcome.conflict', file, row: place.row, column: place.column.name, columnLetter: columnLetter(place.column.index), value: place.id, params: { firstRow: place.firstRow },
    message: `${file}, row ${place.row}: the customer ${quoted} has another outcome on the same day on row ${place.firstRow}. Keep one of the two rows.`,
  };
}
