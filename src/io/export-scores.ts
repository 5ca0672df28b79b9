/**
 * The app's "export current scores" file: one row per customer with id, name, score, band (with,
 * when bands can be set by hand, whether it was and the computed band beside it), coverage, the
 * category scores and the change since the last snapshot. Two dialects:
 * `standard` (machine-friendly, the headless scorer's conventions) and `locale` (what Excel in the
 * user's locale opens correctly by double-click).
 */
import { roundScore, roundTo } from '../engine/rounding';
import type { PortfolioScores } from '../engine/results';
import { writeCsv, type CsvCell } from './write-csv';

/** Translated column titles. */
export interface ScoresExportHeader {
  readonly id: string;
  readonly name: string;
  readonly score: string;
  readonly band: string;
  /** The coverage title; in the `locale` dialect ` (%)` is appended unless it already ends so. */
  readonly coverage: string;
  readonly delta: string;
  /** With `shown` in the input: the title of the column saying the band was set by hand. */
  readonly overridden?: string;
  /** With `shown` in the input: the title of the computed band's column. */
  readonly computedBand?: string;
  /** One title per category, in the order of `scores.categoryIds`. */
  readonly categories: readonly string[];
}

export interface ScoresExportInput {
  /** Customer ids, in portfolio row order (as `scores`). */
  readonly ids: readonly string[];
  /** Customer names, same order; a missing entry is an empty cell. */
  readonly names: readonly string[];
  readonly scores: PortfolioScores;
  /** The score of each customer at the last snapshot (`NaN` where none); absent: no snapshot. */
  readonly previousScore?: Float64Array;
  /** Translated band names, same order as `scores.bands`. */
  readonly bandLabels?: readonly string[];
  /**
   * Bands set by hand: the band shown per customer (index into `scores.bands`) and 1 where it was
   * set by hand. With it, the band column holds the band shown, followed by a "set by hand" column
   * (`true`/`false` in `standard`, `yesNo` in `locale`) and the computed band (`scores.band`).
   */
  readonly shown?: { readonly band: Uint8Array; readonly overridden: Uint8Array };
  /** Translated yes and no for the "set by hand" column in the `locale` dialect (default English). */
  readonly yesNo?: readonly [string, string];
  readonly header: ScoresExportHeader;
}

export interface ScoresExportOptions {
  /**
   * `standard`: `,`, dot decimals, coverage 0–1 to 3 decimals, band ids, no BOM, LF.
   * `locale`: the locale's Excel conventions (`;` and decimal commas where the locale writes
   * decimal commas), coverage in percent to 1 decimal, translated band labels, BOM, CRLF.
   */
  readonly dialect: 'standard' | 'locale';
  /** BCP 47 tag for the `locale` dialect, e.g. `pt-BR`; default: the runtime's locale. */
  readonly locale?: string;
}

/** The first characters a spreadsheet may take as the start of a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made safe for spreadsheets: text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading `'`, so that Excel, LibreOffice and Google Sheets show it as text
 * and never evaluate it. Other text is returned unchanged. Only for text (user data, labels,
 * titles), never for numbers the app formats itself.
 */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Whether the locale writes decimals with a comma (pt-BR, es, de, fr…). Throws `RangeError` on an invalid tag. */
function usesDecimalComma(locale: string | undefined): boolean {
  const parts = new Intl.NumberFormat(locale).formatToParts(1.5);
  return parts.find((part) => part.type === 'decimal')?.value === ',';
}

const BOM = '\uFEFF';

/** How a file in one of the export dialects is written (shared by every CSV the app lets users download). */
export interface CsvDialect {
  /** `;` in the `locale` dialect where the locale writes decimal commas, else `,`. */
  readonly delimiter: ',' | ';';
  /** The locale writes decimal commas (always `false` in the `standard` dialect). */
  readonly decimalComma: boolean;
  readonly newline: '\n' | '\r\n';
  /** Put before the text: a BOM in the `locale` dialect, so Excel reads it as UTF-8; `''` in `standard`. */
  readonly bom: string;
}

/**
 * The `standard` dialect (`,`, LF, no BOM) or the `locale` one (`;` where the locale writes decimal
 * commas, else `,`; CRLF; BOM). Throws `RangeError` on an invalid locale tag.
 */
export function csvDialect(dialect: 'standard' | 'locale', locale?: string): CsvDialect {
  if (dialect === 'standard') return { delimiter: ',', decimalComma: false, newline: '\n', bom: '' };
  const decimalComma = usesDecimalComma(locale);
  return { delimiter: decimalComma ? ';' : ',', decimalComma, newline: '\r\n', bom: BOM };
}

/**
 * The scores as a CSV file's text (with a leading BOM in the `locale` dialect; write it out as
 * UTF-8). Numbers are plain: ASCII digits, an ASCII minus, no thousands separators.
 */
export function exportScoresCsv(input: ScoresExportInput, options: ScoresExportOptions): string {
  const { ids, names, scores, previousScore, bandLabels, header, shown, yesNo = ['Yes', 'No'] } = input;
  const locale = options.dialect === 'locale';
  const dialect = csvDialect(options.dialect, options.locale);
  const comma = dialect.decimalComma;
  const decimal = (fixed: string): string => (comma ? fixed.replace('.', ',') : fixed);
  const integer = (x: number | undefined): CsvCell => (x === undefined || Number.isNaN(x) ? null : String(roundScore(x) || 0));

  const coverageTitle = locale && !header.coverage.endsWith('(%)') ? `${header.coverage} (%)` : header.coverage;
  const overrideTitles = shown ? [header.overridden ?? 'Band set by hand', header.computedBand ?? 'Computed band'] : [];
  const titles = [header.id, header.name, header.score, header.band, ...overrideTitles, coverageTitle,
    ...scores.categoryIds.map((id, c) => header.categories[c] ?? id), header.delta];

  const bandCell = (bandIndex: number): CsvCell => {
    const band = scores.bands[bandIndex];
    const text = locale ? (bandLabels?.[bandIndex] ?? band?.label) : band?.id;
    return text === undefined ? null : neutraliseCell(text);
  };
  const rows = ids.map((id, i): CsvCell[] => {
    const overrideCells: CsvCell[] = shown
      ? [neutraliseCell(shown.overridden[i] === 1 ? (locale ? yesNo[0] : 'true') : (locale ? yesNo[1] : 'false')), bandCell(scores.band[i]!)]
      : [];
    const coverage = scores.coverage[i]!;
    const coverageText = Number.isNaN(coverage) ? null
      : locale ? decimal(roundTo(coverage * 100, 1).toFixed(1)) : roundTo(coverage, 3).toFixed(3);
    const score = scores.score[i]!;
    const before = previousScore?.[i];
    const delta = before === undefined || Number.isNaN(before) || Number.isNaN(score) ? undefined : roundScore(score) - roundScore(before);
    return [
      neutraliseCell(id),
      neutraliseCell(names[i] ?? ''),
      integer(score),
      bandCell(shown ? shown.band[i]! : scores.band[i]!),
      ...overrideCells,
      coverageText,
      ...scores.categoryScores.map((column) => integer(column[i])),
      integer(delta),
    ];
  });

  return dialect.bom + writeCsv(titles.map(neutraliseCell), rows, { delimiter: dialect.delimiter, newline: dialect.newline });
}
