/**
 * A problem group in the user's language: a headline chosen by the group's `code` (the reader's
 * English `message` when the code is unknown), where it is (column and letter), how many cells or
 * rows, and up to three examples with their row.
 */
import type { CountKey, MessageKey } from '../../i18n';
import type { EngineApi, ProblemGroup } from '../../worker/api';
import { formatInteger } from '../format';
import { shortValue } from './import-text';

/** What the wizard's `i18n` offers (a parameter, so this stays a plain function). */
export interface Translator {
  readonly locale: string;
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string;
  count(key: CountKey, n: number, params?: Readonly<Record<string, string | number>>): string;
}

/** Headline per code. Codes whose rows may be refused (error) or left out (warning) have one of each. */
const HEADLINES: Readonly<Record<string, MessageKey>> = {
  'file.empty': 'import.problem.file.empty',
  'file.not-text': 'import.problem.file.not-text',
  'file.utf-16': 'import.problem.file.utf-16',
  'file.no-rows': 'import.problem.file.no-rows',
  'file.unclosed-quote': 'import.problem.file.unclosed-quote',
  'file.no-usable-rows': 'import.problem.file.no-usable-rows',
  'header.empty-name': 'import.problem.header.empty-name',
  'header.duplicate-name': 'import.problem.header.duplicate-name',
  'row.too-few-fields': 'import.problem.row.too-few-fields',
  'row.too-many-fields': 'import.problem.row.too-many-fields',
  'row.duplicate': 'import.problem.row.duplicate',
  'id.column-missing': 'import.problem.id.column-missing',
  'id.empty': 'import.problem.id.empty',
  'id.duplicate': 'import.problem.id.duplicate',
  'column.missing': 'import.problem.column.missing',
  'cell.not-a-number': 'import.problem.cell.not-a-number',
  'cell.not-a-boolean': 'import.problem.cell.not-a-boolean',
  'cell.not-a-date': 'import.problem.cell.not-a-date',
  'cell.excel-error': 'import.problem.cell.excel-error',
  'cell.more-unreadable': 'import.problem.cell.more-unreadable',
  'asof.empty': 'import.problem.asof.empty',
  'asof.unreadable': 'import.problem.asof.unreadable',
  // Outcome files (issue #7): codes only the outcomes import gives.
  'outcome.status-not-mapped': 'outcomes.problem.status-not-mapped',
  'outcome.conflict': 'outcomes.problem.conflict',
};

/** The same codes as warnings: the rows were left out rather than refused. */
const LEFT_OUT: Readonly<Record<string, MessageKey>> = {
  'row.too-many-fields': 'import.problem.row.too-many-fields.left-out',
  'id.empty': 'import.problem.id.empty.left-out',
  'asof.empty': 'import.problem.asof.empty.left-out',
  'asof.unreadable': 'import.problem.asof.unreadable.left-out',
};

/** What a group's `count` counts: cells of a column, rows, or nothing worth a number (file-level, header). */
function unitOf(code: string): 'cells' | 'rows' | null {
  if (code.startsWith('cell.')) return 'cells';
  if (code.startsWith('row.') || code.startsWith('asof.') || code === 'id.empty' || code === 'id.duplicate' || code === 'outcome.conflict') return 'rows';
  return null;
}

export interface ProblemText {
  readonly headline: string;
  /** `Column “NPS” (E)`, or `null` for problems not about one column. */
  readonly where: string | null;
  /** `1,204 cells`, `3 rows`, or `null`. */
  readonly count: string | null;
  /** `e.g. row 12: “abc”, row 15: “n/a”`, or `null` without examples. */
  readonly examples: string | null;
}

/** The group in words, in the translator's language. */
export function describeProblem(group: ProblemGroup, tr: Translator): ProblemText {
  const key = (group.severity === 'warning' ? LEFT_OUT[group.code] : undefined) ?? HEADLINES[group.code];
  const firstRow = group.examples[0]?.row ?? group.rows[0];
  const params = {
    column: group.column ?? '',
    letter: group.columnLetter ?? '',
    row: firstRow === undefined ? '' : formatInteger(firstRow, tr.locale),
  };
  const headline = key === undefined ? group.message : tr.t(key, params);

  const where = group.column === undefined ? null
    : group.columnLetter === undefined ? tr.t('import.problem.column', { column: group.column })
      : tr.t('import.problem.columnLetter', { column: group.column, letter: group.columnLetter });

  const unit = unitOf(group.code);
  const count = unit === null ? null : tr.count(unit === 'cells' ? 'import.problem.cells' : 'import.problem.rows', group.count);

  const shown = group.examples.slice(0, 3).map((example) => {
    const row = formatInteger(example.row, tr.locale);
    return example.value === undefined || example.value === ''
      ? tr.t('import.problem.exampleRow', { row })
      : tr.t('import.problem.example', { row, value: shortValue(example.value) });
  });
  const examples = shown.length === 0 ? null : tr.t('import.problem.examples', { examples: shown.join(', ') });

  return { headline, where, count, examples };
}

/** What `problemsCsv` needs for a file in the user's language: their spreadsheet dialect and translated titles. */
export function problemsCsvRequest(tr: Translator): Parameters<EngineApi['problemsCsv']>[0] {
  return {
    dialect: 'locale',
    locale: tr.locale,
    header: {
      file: tr.t('import.csv.file'),
      severity: tr.t('import.csv.severity'),
      row: tr.t('import.csv.row'),
      column: tr.t('import.csv.column'),
      value: tr.t('import.csv.value'),
      problem: tr.t('import.csv.problem'),
    },
    severities: { error: tr.t('import.csv.error'), warning: tr.t('import.csv.warning') },
  };
}
