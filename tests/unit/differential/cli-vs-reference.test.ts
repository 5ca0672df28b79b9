/**
 * Differential test: the headless scorer (`runScore`, in process) against the naive reference
 * scorer (tests/reference/naive-scorer.ts), through real CSV files.
 *
 * fast-check builds a model and a portfolio of typed values; the portfolio is written as CSV in
 * three dialects — Excel pt-BR (BOM, CRLF, `;`, 1.234,56, dd/mm/yyyy, sim/não, labels holding
 * `;`), en-US (`,`, "1,234.56", mm/dd/yyyy, yes/no) and plain (ISO dates, dot decimals,
 * true/false) — and the CLI's output (id,score,band,coverage,<categories>) must be what the
 * reference computes from the typed values: same score, band, coverage to 3 decimals (halves away from
 * zero, float noise aside — no 6-decimal pre-rounding, which is for scores) and
 * category scores rounded like the score (R11).
 *
 * Knobs for a longer hunt (defaults keep the file fast): DIFF_CLI_RUNS=<runs>, DIFF_SHRINK=1 to let
 * fast-check shrink a failure instead of stopping at the first one, DIFF_SEED / DIFF_PATH to replay one.
 */
import fc from 'fast-check';
import { chance, genBands, pick, type G } from './gen';
import { describe, expect, it } from 'vitest';
import { runScore } from '../../../src/cli/run-score';
import type { Adjustment, Category, ComparisonOp, HealthModel, Metric, MetricOverride, ScoringRule } from '../../../src/engine/model';
import { captureEnvironment, memoryFiles } from '../cli/capture';
import { naiveScore, roundHalfAwayExact, roundLikeTheSpec, type RefCustomer, type RefResult, type RefValue } from '../../reference/naive-scorer';

const RUNS = Number(process.env.DIFF_CLI_RUNS ?? 60);

const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (d: number): string => new Date(d * DAY_MS).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Cells: a typed value and how it is written (the same cell is written in every dialect)

type Cell =
  | { readonly t: 'num'; readonly v: number; readonly style: number }
  | { readonly t: 'bool'; readonly v: boolean; readonly style: number }
  | { readonly t: 'date'; readonly iso: string; readonly style: number }
  | { readonly t: 'text'; readonly s: string }
  /** A cell that reads as missing without a warning (C3): empty, NA, -, … */
  | { readonly t: 'missing'; readonly style: number }
  /** A cell that cannot be read as its column's kind: missing, with a warning (C3). */
  | { readonly t: 'bad'; readonly style: number };

/** What the reference sees for a cell. */
function valueOf(cell: Cell): RefValue {
  switch (cell.t) {
    case 'num':
      return cell.v;
    case 'bool':
      return cell.v;
    case 'date':
      return { date: cell.iso };
    case 'text':
      return cell.s;
    default:
      return null;
  }
}

/**
 * How a file is written: its cell format, plus pt-BR-1252 (Excel's legacy "CSV" encoding instead
 * of UTF-8 with a BOM) and es-tab (TAB-separated, Spanish words, decimal comma given by --decimal).
 */
type Dialect = 'pt-BR' | 'pt-BR-1252' | 'en-US' | 'plain' | 'es-tab';
/** How cells are written. */
type Format = 'pt-BR' | 'en-US' | 'plain' | 'es';
const DIALECTS: readonly Dialect[] = ['pt-BR', 'pt-BR-1252', 'en-US', 'plain', 'es-tab'];
const formatOf = (d: Dialect): Format => (d === 'pt-BR-1252' ? 'pt-BR' : d === 'es-tab' ? 'es' : d);
/** Formats whose decimal separator is the comma and whose dates are day-first. */
const commaDecimal = (f: Format): boolean => f === 'pt-BR' || f === 'es';

const MISSING_TOKENS = ['', '', 'NA', '-', 'n/a', 'null', 'N/A'];
const BAD_NUMBER: Record<Format, readonly string[]> = { 'pt-BR': ['#N/D', 'abc', '#DIV/0!'], 'en-US': ['#N/A', 'abc', '#VALUE!'], plain: ['abc', '#N/A'], es: ['#N/A', 'abc', '#¡VALOR!'] };
const BAD_BOOL = ['talvez', 'maybe'];
const BAD_DATE: Record<Format, string> = { 'pt-BR': '31/02/2024', 'en-US': '02/31/2024', plain: '2024-02-31', es: '31/02/2024' };

function groupThousands(digits: string, sep: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

/**
 * A number as the format writes it. `style` (0–59) picks: grouping (style % 2); a decoration
 * (⌊style/2⌋ % 5: 2 currency, 3 percent, 4 accounting parentheses when negative); and (⌊style/10⌋:
 * 1 a leading + on positives, 2 / 3 space / no-break-space thousands in pt-BR).
 */
function writeNumber(v: number, style: number, format: Format): string {
  const decimals = Number(v.toFixed(0)) === v ? 0 : Number(v.toFixed(1)) === v ? 1 : 2;
  const [whole = '0', frac] = Math.abs(v).toFixed(decimals).split('.');
  if (format === 'plain') return (v < 0 ? '-' : '') + whole + (frac ? `.${frac}` : '');
  const extra = Math.floor(style / 10);
  let thousands = commaDecimal(format) ? '.' : ',';
  if (commaDecimal(format) && extra === 2) thousands = ' ';
  if (commaDecimal(format) && extra === 3) thousands = '\u00a0';
  const decimal = commaDecimal(format) ? ',' : '.';
  const group = style % 2 === 1;
  let body = (group ? groupThousands(whole, thousands) : whole) + (frac ? `${decimal}${frac}` : '');
  const decoration = Math.floor(style / 2) % 5; // 0, 1: none
  if (decoration === 2) body = format === 'pt-BR' ? `R$ ${body}` : format === 'es' ? `${body} €` : `$${body}`;
  if (decoration === 3) body = `${body}%`;
  if (v < 0) return decoration === 4 ? `(${body})` : `-${body}`;
  if (extra === 1 && decoration < 2) return `+${body}`;
  return body;
}

/** Yes/no words per format: Excel pt-BR writes VERDADEIRO/FALSO, en-US TRUE/FALSE; 1/0 everywhere (C8). */
const BOOL_WORDS: Record<Format, readonly [readonly string[], readonly string[]]> = {
  'pt-BR': [
    ['sim', 'Sim', 'SIM', 'VERDADEIRO', '1'],
    ['não', 'Não', 'NÃO', 'nao', 'FALSO', '0'],
  ],
  'en-US': [
    ['yes', 'Yes', 'YES', 'TRUE', '1'],
    ['no', 'No', 'NO', 'FALSE', '0'],
  ],
  plain: [
    ['true', 'TRUE', 'True', '1'],
    ['false', 'FALSE', 'False', '0'],
  ],
  es: [
    ['sí', 'Sí', 'SÍ', 'si', 'VERDADERO', '1'],
    ['no', 'No', 'NO', 'FALSO', '0'],
  ],
};

/**
 * A date as the format writes it. pt-BR dd/mm/yyyy, en-US mm/dd/yyyy; `style` picks unpadded
 * day and month (style % 3 == 2), the separator (⌊style/3⌋ % 5: 2 '-', 3 '.' in pt-BR) or a time
 * after the date (4, as Excel writes a date-time); plain ISO, sometimes with a time.
 */
function writeDate(iso: string, style: number, format: Format): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  if (format === 'plain') return style % 4 === 1 ? `${iso}T23:30:00` : style % 4 === 3 ? `${iso} 08:15` : iso;
  const unpadded = style % 3 === 2;
  const dd = unpadded ? String(Number(d)) : d;
  const mm = unpadded ? String(Number(m)) : m;
  const variant = Math.floor(style / 3) % 5;
  const sep = variant === 2 ? '-' : variant === 3 && commaDecimal(format) ? '.' : '/';
  const time = variant === 4 ? ' 10:30' : '';
  return (commaDecimal(format) ? `${dd}${sep}${mm}${sep}${y}` : `${mm}${sep}${dd}${sep}${y}`) + time;
}

function writeCell(cell: Cell, format: Format): string {
  switch (cell.t) {
    case 'num':
      return writeNumber(cell.v, cell.style, format);
    case 'bool': {
      const words = BOOL_WORDS[format][cell.v ? 0 : 1];
      return words[cell.style % words.length] as string;
    }
    case 'date':
      return writeDate(cell.iso, cell.style, format);
    case 'text':
      return cell.s;
    case 'missing':
      return MISSING_TOKENS[cell.style % MISSING_TOKENS.length] as string;
    case 'bad':
      return '';
  }
}

type ColumnKind = 'number' | 'boolean' | 'date' | 'text';

function writeBad(kind: ColumnKind, style: number, format: Format): string {
  if (kind === 'number') return BAD_NUMBER[format][style % BAD_NUMBER[format].length] as string;
  if (kind === 'boolean') return BAD_BOOL[style % BAD_BOOL.length] as string;
  if (kind === 'date') return BAD_DATE[format];
  return '';
}

/** Windows-1252 bytes of a text that only holds Latin-1 letters (where the two agree). */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => {
    const code = ch.charCodeAt(0);
    if (code > 0xff || (code >= 0x80 && code < 0xa0)) throw new Error(`not writable in windows-1252 here: ${ch}`);
    return code;
  });
}

function quote(text: string, delimiter: string): string {
  if (text.includes(delimiter) || text.includes('"') || /[\r\n]/.test(text) || text !== text.trim()) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

// ---------------------------------------------------------------------------------------------
// Model and portfolio

/** num: linear/range/steps on numbers; days: daysSince on dates; bool; map: labels; nps: map with whole-number keys. */
type Family = 'num' | 'days' | 'bool' | 'map' | 'nps';

const KIND_OF: Record<Family, ColumnKind> = { num: 'number', days: 'date', bool: 'boolean', map: 'text', nps: 'number' };
const MAP_LABELS = ['Satisfeito', 'neutro', 'Em risco', 'ÓTIMO', 'ruim; crítico', 'bom, mas caro'];
const ADJUSTMENT_LABELS = ['atrasado', 'Em dia', 'risco de churn'];
const SEGMENT_KEYS = ['Onboarding', 'Enterprise', 'PME'];

/** Cents, so that every parameter and every value has at most two decimals and reads back exactly. */
const cents = (): fc.Arbitrary<number> =>
  fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -20, max: 120 }).map((n) => n * 100) }, { weight: 2, arbitrary: fc.integer({ min: -500_000, max: 500_000 }) });
const centsGap = (min: number): fc.Arbitrary<number> => fc.oneof(fc.integer({ min, max: 5000 }), fc.integer({ min: Math.max(min, 1), max: 50 }).map((n) => n * 100));
const pointsArb = (): fc.Arbitrary<number> => fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 100 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100) });
const weightArb = (): fc.Arbitrary<number> => fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.constantFrom(1, 2, 3, 0.5, 0.1, 0.2, 0.3, 1.5) });

function numericRule(g: G, days: boolean): ScoringRule {
  // In days the parameters are whole days; otherwise cents / 100.
  const unit = days ? 1 : 100;
  const num = days ? () => fc.integer({ min: -30, max: 400 }) : cents;
  const type = pick(g, ['linear', 'range', 'steps'] as const);
  if (type === 'linear') {
    const [worst, best] = g(() => fc.tuple(num(), num()).filter(([w, b]) => w !== b));
    return { type, worst: worst / unit, best: best / unit };
  }
  if (type === 'range') {
    const lo = g(num);
    const a = lo + g(centsGap, 0);
    const b = a + g(centsGap, 0);
    let hi = b + g(centsGap, 0);
    if (hi <= lo) hi = lo + unit;
    return { type, ideal: [a / unit, b / unit], zeroAt: [lo / unit, hi / unit] };
  }
  const n = g(fc.integer, { min: 0, max: 4 });
  const steps: { upTo?: number; points: number }[] = [];
  let upTo = g(num);
  for (let i = 0; i < n; i++) {
    steps.push({ upTo: upTo / unit, points: g(pointsArb) });
    upTo += g(centsGap, 1);
  }
  steps.push({ points: g(pointsArb) });
  return { type, steps };
}

function ruleFor(g: G, family: Family): ScoringRule {
  if (family === 'num') return numericRule(g, false);
  if (family === 'days') return numericRule(g, true);
  if (family === 'bool') return { type: 'boolean', true: g(pointsArb), false: g(pointsArb) };
  if (family === 'nps') {
    const keys = g(() => fc.subarray(['0', '3', '6', '7', '8', '9', '10'], { minLength: 1 }));
    return { type: 'map', points: Object.fromEntries(keys.map((k) => [k, g(pointsArb)])) };
  }
  const labels = g(() => fc.subarray(MAP_LABELS, { minLength: 1, maxLength: 4 }));
  return { type: 'map', points: Object.fromEntries(labels.map((l) => [l, g(pointsArb)])) };
}

function edgesOf(rule: ScoringRule): number[] {
  const out: number[] = [];
  if (rule.type === 'linear') out.push(rule.worst, rule.best, (rule.worst + rule.best) / 2, rule.worst - 1, rule.best + 1);
  if (rule.type === 'range') out.push(...rule.zeroAt, ...rule.ideal, rule.zeroAt[0] - 1, rule.zeroAt[1] + 1, (rule.zeroAt[0] + rule.ideal[0]) / 2);
  if (rule.type === 'steps') for (const s of rule.steps) if (s.upTo !== undefined) out.push(s.upTo, s.upTo + 1, s.upTo - 0.01);
  const exact = out.filter((v) => Number(v.toFixed(2)) === v);
  return exact.length > 0 ? exact : [0];
}

const missingCell = (): fc.Arbitrary<Cell> => fc.integer({ min: 0, max: 20 }).map((style) => ({ t: 'missing' as const, style }));
const badCell = (): fc.Arbitrary<Cell> => fc.integer({ min: 0, max: 20 }).map((style) => ({ t: 'bad' as const, style }));
const style = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 59 });

function cellArb(family: Family, rule: ScoringRule, asOfDay: number): fc.Arbitrary<Cell> {
  if (family === 'num') {
    const v = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...edgesOf(rule)) },
      { weight: 3, arbitrary: cents().map((c) => c / 100) },
      { weight: 1, arbitrary: fc.integer({ min: 1000, max: 2_000_000 }).map((c) => c / 100) },
      { weight: 1, arbitrary: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((c) => c / 100) },
    );
    return fc.oneof(
      { weight: 8, arbitrary: fc.tuple(v, style()).map(([n, s]) => ({ t: 'num' as const, v: n, style: s })) },
      { weight: 2, arbitrary: missingCell() },
      { weight: 1, arbitrary: badCell() },
    );
  }
  if (family === 'days') {
    const ks = edgesOf(rule).map((k) => Math.round(k));
    const k = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ks) }, { weight: 2, arbitrary: fc.integer({ min: -30, max: 400 }) });
    return fc.oneof(
      { weight: 8, arbitrary: fc.tuple(k, style()).map(([n, s]) => ({ t: 'date' as const, iso: isoOf(asOfDay - n), style: s })) },
      { weight: 2, arbitrary: missingCell() },
      { weight: 1, arbitrary: badCell() },
    );
  }
  if (family === 'bool') {
    return fc.oneof(
      { weight: 8, arbitrary: fc.tuple(fc.boolean(), style()).map(([b, s]) => ({ t: 'bool' as const, v: b, style: s })) },
      { weight: 2, arbitrary: missingCell() },
      { weight: 1, arbitrary: badCell() },
    );
  }
  if (family === 'nps') {
    // Whole numbers only: how a map-rule column is typed from a CSV is not for this test to guess (see the report).
    return fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 10 }).map((v) => ({ t: 'num' as const, v, style: 0 })) },
      { weight: 2, arbitrary: missingCell() },
    );
  }
  return labelCell(MAP_LABELS, ['desconhecido']);
}

function labelCell(labels: readonly string[], others: readonly string[]): fc.Arbitrary<Cell> {
  const variants = labels.flatMap((l) => [l, l.toUpperCase(), ` ${l.toLowerCase()} `]);
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...variants, ...others).map((s) => ({ t: 'text' as const, s })) },
    { weight: 2, arbitrary: missingCell() },
  );
}

interface Column {
  readonly name: string;
  readonly header: string;
  readonly kind: ColumnKind;
  readonly cell: fc.Arbitrary<Cell>;
}

interface Scenario {
  readonly model: HealthModel;
  readonly asOf: string;
  readonly columns: readonly Column[];
  readonly ids: readonly string[];
  readonly cells: readonly (readonly Cell[])[]; // [row][column]
  /** File-level artifacts of real exports, the same in every dialect. */
  readonly layout: Layout;
}

interface Layout {
  /** After these data rows (0-based), a blank line; after the others in `delimitersOnly`, a line of delimiters only (C9). */
  readonly blankAfter: readonly number[];
  readonly delimitersOnlyAfter: readonly number[];
  /** This row is written a second time at the end: an exact copy, dropped with a warning (C10). */
  readonly duplicate: number | null;
  /** Rows whose trailing empty cells are left out (too few fields: missing, with a warning, C9). */
  readonly shortRows: readonly number[];
}

const ORDERING: readonly ComparisonOp[] = ['>', '>=', '<', '<='];
const ALL_OPS: readonly ComparisonOp[] = [...ORDERING, '==', '!='];

function scenario(g: G): Scenario {
  const asOf = pick(g, ['2024-05-11', '2024-02-29', '2023-01-01', '2025-12-31']);
  const asOfDay = dayOf(asOf);
  const columns: Column[] = [];
  const bySource = new Map<string, { family: Family }>();
  const families = new Map<string, Family>();

  const categories: Category[] = [];
  let metricNo = 0;
  const categoryCount = g(fc.integer, { min: 1, max: 4 });
  for (let c = 1; c <= categoryCount; c++) {
    const metrics: Metric[] = [];
    const metricCount = g(fc.integer, { min: 1, max: 5 });
    for (let k = 0; k < metricCount; k++) {
      const id = `m${++metricNo}`;
      const family = pick(g, ['num', 'num', 'days', 'bool', 'map', 'nps'] as const);
      const scoring = ruleFor(g, family);
      families.set(id, family);
      const metric: { -readonly [K in keyof Metric]: Metric[K] } = { id, label: `Métrica ${id}`, weight: g(weightArb), scoring };
      if (family === 'days') metric.transform = 'daysSince';
      if (chance(g, 0.25)) metric.missing = pick(g, ['renormalize', 'neutral', 'zero'] as const);
      if (chance(g, 0.15)) metric.maxAgeDays = pick(g, [0, 30]); // a plain CSV has no observation dates: never stale (R10)

      const same = [...bySource.entries()].filter(([, v]) => v.family === family).map(([name]) => name);
      let source = id;
      if (same.length > 0 && chance(g, 0.15)) source = pick(g, same);
      else if (chance(g, 0.4)) source = `Satisfação ${id}`;
      if (source !== id) metric.source = source;
      if (!bySource.has(source)) {
        bySource.set(source, { family });
        // The header may differ from the source in case and spacing (C2 finds it).
        const variant = pick(g, ['same', 'same', 'same', 'upper', 'trailing']);
        const header = variant === 'upper' ? source.toUpperCase().replace(' ', '  ') : variant === 'trailing' ? `${source} ` : source;
        columns.push({ name: source, header, kind: KIND_OF[family], cell: cellArb(family, scoring, asOfDay) });
      }
      metrics.push(metric);
    }
    categories.push({ id: `cat${c}`, label: `Categoria ${c}`, weight: g(weightArb), metrics });
  }
  if (categories.every((c) => c.weight === 0)) categories[0] = { ...(categories[0] as Category), weight: 1 };

  const model: { -readonly [K in keyof HealthModel]: HealthModel[K] } = { format: 'health-model/v1', name: 'Gerado', categories };
  if (chance(g, 0.5)) model.missing = pick(g, ['renormalize', 'neutral', 'zero'] as const);
  if (chance(g, 0.6)) model.minCoverage = pick(g, [0, 0.25, 0.5, 0.6, 0.75, 1]);

  // Adjustments, each on its own column
  const adjustmentCount = g(fc.integer, { min: 0, max: 3 });
  const adjustments: Adjustment[] = [];
  for (let a = 1; a <= adjustmentCount; a++) {
    const id = `a${a}`;
    const source = `ajuste ${a}`;
    const effect: { points?: number; cap?: number } = {};
    const which = pick(g, ['points', 'cap', 'both'] as const);
    if (which !== 'cap') effect.points = g(() => fc.oneof(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -4000, max: 4000 }).map((n) => n / 100)));
    if (which !== 'points') effect.cap = g(fc.integer, { min: 0, max: 100 });
    const family = pick(g, ['num', 'num', 'bool', 'label', 'date'] as const);
    let when: Adjustment['when'];
    let kind: ColumnKind;
    let cell: fc.Arbitrary<Cell>;
    if (family === 'num') {
      const v = g(() => fc.oneof(fc.integer({ min: -5, max: 60 }), fc.integer({ min: -500, max: 6000 }).map((n) => n / 100)));
      when = { op: pick(g, ALL_OPS), value: v };
      kind = 'number';
      const n = fc.oneof(fc.constantFrom(v, v - 1, v + 1, v + 0.5), fc.integer({ min: -10, max: 70 })).filter((x) => Number(x.toFixed(2)) === x);
      cell = fc.oneof({ weight: 5, arbitrary: fc.tuple(n, style()).map(([x, s]) => ({ t: 'num' as const, v: x, style: s })) }, { weight: 1, arbitrary: missingCell() });
    } else if (family === 'bool') {
      when = { op: pick(g, ['==', '!='] as const), value: g(fc.boolean) };
      kind = 'boolean';
      cell = fc.oneof({ weight: 5, arbitrary: fc.tuple(fc.boolean(), style()).map(([b, s]) => ({ t: 'bool' as const, v: b, style: s })) }, { weight: 1, arbitrary: missingCell() });
    } else if (family === 'label') {
      when = { op: pick(g, ['==', '!='] as const), value: pick(g, ADJUSTMENT_LABELS) };
      kind = 'text';
      cell = labelCell(ADJUSTMENT_LABELS, ['outro']);
    } else {
      const k = g(fc.integer, { min: -10, max: 60 });
      when = { op: pick(g, ORDERING), value: isoOf(asOfDay - k) };
      kind = 'date';
      const d = fc.oneof(fc.integer({ min: -3, max: 3 }).map((x) => k + x), fc.integer({ min: -20, max: 90 }));
      cell = fc.oneof({ weight: 5, arbitrary: fc.tuple(d, style()).map(([x, s]) => ({ t: 'date' as const, iso: isoOf(asOfDay - x), style: s })) }, { weight: 1, arbitrary: missingCell() });
    }
    adjustments.push({ id, label: `Ajuste ${a}`, source, when, ...effect });
    columns.push({ name: source, header: source, kind, cell });
  }
  if (adjustments.length > 0) model.adjustments = adjustments;

  // Segments on a text column
  if (chance(g, 0.4)) {
    const keys = g(() => fc.subarray(SEGMENT_KEYS, { minLength: 1 }));
    const allMetrics = categories.flatMap((c) => c.metrics);
    const overrides: Record<string, Record<string, MetricOverride>> = {};
    for (const key of keys) {
      const chosen = g(() => fc.subarray(allMetrics, { minLength: 1, maxLength: Math.min(3, allMetrics.length) }));
      overrides[key] = Object.fromEntries(
        chosen.map((m) => {
          const what = pick(g, ['weight', 'scoring', 'both'] as const);
          const o: { weight?: number; scoring?: ScoringRule } = {};
          if (what !== 'scoring') o.weight = g(weightArb);
          if (what !== 'weight') o.scoring = ruleFor(g, families.get(m.id) as Family);
          return [m.id, o];
        }),
      );
    }
    model.segments = { field: 'segmento', overrides };
    columns.push({ name: 'segmento', header: 'Segmento', kind: 'text', cell: labelCell(SEGMENT_KEYS, ['outro']) });
  }

  const bands = genBands(g, ['baixo', 'vermelho', 'amarelo', 'verde', 'topo'], 'Faixa');
  if (bands) model.bands = bands;

  const size = g(fc.integer, { min: 1, max: 30 });
  const ids = Array.from({ length: size }, (_, i) => `C-${String(i + 1).padStart(3, '0')}`);
  const byColumn = columns.map((col) => g(() => fc.array(col.cell, { minLength: size, maxLength: size })));
  const cells = ids.map((_, r) => byColumn.map((col) => col[r] as Cell));
  const rowIndex = fc.integer({ min: 0, max: size - 1 });
  const layout: Layout = {
    blankAfter: chance(g, 0.3) ? g(() => fc.uniqueArray(rowIndex, { maxLength: 2 })) : [],
    delimitersOnlyAfter: chance(g, 0.3) ? g(() => fc.uniqueArray(rowIndex, { maxLength: 2 })) : [],
    duplicate: chance(g, 0.2) ? g(() => rowIndex) : null,
    shortRows: chance(g, 0.3) ? g(() => fc.uniqueArray(rowIndex, { maxLength: 3 })) : [],
  };
  return { model, asOf, columns, ids, cells, layout };
}

// ---------------------------------------------------------------------------------------------
// Writing the CSV and running the CLI

const NAMES = ['Acme; Ltda', 'Beta, Inc', 'Padaria "Pão Quente"', 'Zeta', 'Rua A, 12\r\nApto 3'];

interface Written {
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly args: string[];
}

function writeCsvFile(s: Scenario, dialect: Dialect): Written {
  const format = formatOf(dialect);
  const delimiter = format === 'pt-BR' ? ';' : format === 'es' ? '\t' : ',';
  const eol = commaDecimal(format) ? '\r\n' : '\n';
  const idHeader = format === 'pt-BR' ? 'Código' : 'id';
  const header = [idHeader, 'nome', ...s.columns.map((c) => c.header)];
  const lines = [header.map((h) => quote(h, delimiter)).join(delimiter)];
  const rows = s.ids.map((id, r) => {
    const row = s.cells[r] as readonly Cell[];
    const cells = [id, NAMES[r % NAMES.length] as string, ...row.map((cell, k) => (cell.t === 'bad' ? writeBad((s.columns[k] as Column).kind, cell.style, format) : writeCell(cell, format)))];
    if (s.layout.shortRows.includes(r)) while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
    return cells.map((c) => quote(c, delimiter)).join(delimiter);
  });
  rows.forEach((line, r) => {
    lines.push(line);
    if (s.layout.blankAfter.includes(r)) lines.push('');
    else if (s.layout.delimitersOnlyAfter.includes(r)) lines.push(delimiter.repeat(header.length - 1));
  });
  if (s.layout.duplicate !== null) lines.push(rows[s.layout.duplicate] as string);
  const text = lines.join(eol) + eol;
  const bytes = dialect === 'pt-BR-1252' ? windows1252(text) : new TextEncoder().encode(dialect === 'pt-BR' ? `\uFEFF${text}` : text);
  const args = ['--model', 'model.json', '--data', `clientes-${dialect}.csv`, '--as-of', s.asOf];
  if (format === 'pt-BR') args.push('--id', idHeader);
  // With TAB and no evidence (only "1.234"-like cells) the reader may rightly take '.' as the decimal (C6): say it.
  if (format === 'es') args.push('--decimal', ',');
  if (format === 'en-US') {
    // Each date column needs a day > 12 for its order to be detectable; otherwise say it.
    const dateColumns = s.columns.map((c, k) => [c, k] as const).filter(([c]) => c.kind === 'date');
    const detectable = dateColumns.every(([, k]) => s.cells.some((row) => {
      const cell = row[k] as Cell;
      return cell.t === 'date' && Number(cell.iso.slice(8, 10)) > 12;
    }));
    if (!detectable) args.push('--date-order', 'mdy');
  }
  return { text, bytes, args };
}

function runCli(s: Scenario, written: Written): { code: number; stdout: string; stderr: string } {
  const files = { 'model.json': JSON.stringify(s.model, null, 2), [written.args[3] as string]: written.bytes };
  // today is never used: --as-of is always given.
  const run = captureEnvironment({ readFile: memoryFiles(files), today: dayOf('2000-01-01') });
  const code = runScore(written.args, run.env);
  return { code, stdout: run.out(), stderr: run.err() };
}

/** The CLI's CSV as the reference would print it (R11). */
function expectedLines(s: Scenario, reference: readonly RefResult[]): string[] {
  const categoryIds = s.model.categories.map((c) => c.id);
  const header = ['id', 'score', 'band', 'coverage', ...categoryIds].join(',');
  const rows = reference.map((r) =>
    [
      r.id,
      r.score === null ? '' : String(r.score),
      r.band,
      roundHalfAwayExact(r.coverage, 3).toFixed(3),
      ...categoryIds.map((id) => {
        const v = r.categories[id] ?? null;
        return v === null ? '' : String(roundLikeTheSpec(v, 0));
      }),
    ].join(','),
  );
  return [header, ...rows];
}

function referenceOf(s: Scenario): RefResult[] {
  const customers: RefCustomer[] = s.ids.map((id, r) => ({
    id,
    values: Object.fromEntries(s.columns.map((c, k) => [c.name, valueOf((s.cells[r] as readonly Cell[])[k] as Cell)])),
  }));
  return naiveScore(s.model, customers, s.asOf);
}

function differences(s: Scenario, dialect: Dialect): string | null {
  const written = writeCsvFile(s, dialect);
  const run = runCli(s, written);
  const reference = referenceOf(s);
  const expected = expectedLines(s, reference);
  const actual = run.stdout.split(/\r?\n/).filter((l) => l !== '');
  const problems: string[] = [];
  if (run.code !== 0) problems.push(`exit code ${run.code}`);
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) {
      const r = reference[i - 1];
      const unrounded = r ? ` (ref unrounded: raw ${r.raw}, coverage ${r.coverage}, categories ${JSON.stringify(r.categories)})` : '';
      problems.push(`line ${i + 1}: cli ${JSON.stringify(actual[i])} ref ${JSON.stringify(expected[i])}${unrounded}`);
    }
  }
  if (problems.length === 0) return null;
  return [
    `${dialect}: ${problems.length} difference(s)`,
    ...problems,
    `args: ${written.args.join(' ')}`,
    `stderr:\n${run.stderr}`,
    `model: ${JSON.stringify(s.model)}`,
    `csv:\n${written.text}`,
  ].join('\n');
}

describe('the headless scorer agrees with the naive reference scorer', () => {
  for (const dialect of DIALECTS) {
    it(`on ${RUNS} random models and portfolios written as ${dialect} CSV`, { timeout: Math.max(60_000, RUNS * 100) }, () => {
      fc.assert(
        fc.property(fc.gen(), (g) => {
          const d = differences(scenario(g), dialect);
          if (d !== null) throw new Error(d);
        }),
        { numRuns: RUNS, endOnFailure: process.env.DIFF_SHRINK !== '1', ...(process.env.DIFF_SEED ? { seed: Number(process.env.DIFF_SEED), path: process.env.DIFF_PATH } : {}) },
      );
    });
  }

  it('pinned, hand-computed: the score is rounded after a 6-decimal pre-rounding, coverage is not (R11)', () => {
    const identity = { type: 'linear', worst: 0, best: 100 } as const;
    const run = (metrics: Metric[], csv: string): string[] => {
      const model: HealthModel = { format: 'health-model/v1', name: 'p', categories: [{ id: 'c', weight: 1, metrics }] };
      const written: Written = { text: csv, bytes: new TextEncoder().encode(csv), args: ['--model', 'model.json', '--data', 'p.csv', '--as-of', '2024-05-11'] };
      const out = runCli({ model, asOf: '2024-05-11', columns: [], ids: [], cells: [], layout: { blankAfter: [], delimitersOnlyAfter: [], duplicate: null, shortRows: [] } }, written);
      expect(out.code).toBe(0);
      return out.stdout.trim().split('\n');
    };
    // (0.1 × 0 + 0.1 × 43) / 0.2 is 21.5, which floats may hold as 21.499999999999996: the score is 22, and so is the category.
    expect(run([{ id: 'a', weight: 0.1, scoring: identity }, { id: 'b', weight: 0.1, scoring: identity }], 'id,a,b\nX,0,43\n')).toEqual(['id,score,band,coverage,c', 'X,22,red,1.000,22']);
    // Coverage 51/80 = 0.6375 (held as 0.63749999999999995559…) is a half: 0.638.
    expect(run([{ id: 'a', weight: 51, scoring: identity }, { id: 'b', weight: 29, scoring: identity }], 'id,a,b\nX,60,\n')).toEqual(['id,score,band,coverage,c', 'X,60,yellow,0.638,60']);
    // Coverage 0.7724998 is not a half: 0.772 (rounding it to 6 decimals first would give 0.773).
    expect(run([{ id: 'a', weight: 7_724_998, scoring: identity }, { id: 'b', weight: 2_275_002, scoring: identity }], 'id,a,b\nX,60,\n')).toEqual(['id,score,band,coverage,c', 'X,60,yellow,0.772,60']);
  });

  it('writes the dialects it claims to (sanity check of the test itself)', () => {
    expect(writeNumber(1234.56, 1, 'pt-BR')).toBe('1.234,56');
    expect(writeNumber(-1234.5, 9, 'pt-BR')).toBe('(1.234,5)');
    expect(writeNumber(1234.56, 5, 'en-US')).toBe('$1,234.56');
    expect(writeNumber(45, 6, 'pt-BR')).toBe('45%');
    expect(writeNumber(-0.5, 0, 'plain')).toBe('-0.5');
    expect(writeDate('2024-03-15', 0, 'pt-BR')).toBe('15/03/2024');
    expect(writeDate('2024-03-05', 2, 'en-US')).toBe('3/5/2024');
    expect(quote('Acme; Ltda', ';')).toBe('"Acme; Ltda"');
    expect(quote(' x ', ',')).toBe('" x "');
  });
});
