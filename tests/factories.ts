/**
 * Builders for engine tests: short models and portfolios from plain JS values.
 *
 * Only the final types (`src/engine/model.ts`, `src/engine/portfolio.ts`) are used here, so the
 * factories do not depend on how the engine is implemented.
 */
import {
  BOOLEAN_MISSING,
  TEXT_MISSING,
  parseIsoDay,
  type Column,
  type ColumnKind,
  type EpochDay,
  type Portfolio,
} from '../src/engine/portfolio';
import {
  MODEL_FORMAT,
  type BooleanRule,
  type Category,
  type HealthModel,
  type LinearRule,
  type MapRule,
  type Metric,
  type RangeRule,
  type ScoringRule,
  type Step,
  type StepsRule,
} from '../src/engine/model';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// ---------------------------------------------------------------------------------------------
// Dates

/** `day('2024-05-01')` -> the epoch day of that UTC date; throws on anything that is not a real date. */
export function day(iso: string): EpochDay {
  const d = parseIsoDay(iso);
  if (d === undefined) throw new Error(`day(): not an ISO date: ${iso}`);
  return d;
}

// ---------------------------------------------------------------------------------------------
// Rules

export const linear = (worst: number, best: number): LinearRule => ({ type: 'linear', worst, best });
export const range = (ideal: [number, number], zeroAt: [number, number]): RangeRule => ({ type: 'range', ideal, zeroAt });
export const steps = (...s: Step[]): StepsRule => ({ type: 'steps', steps: s });
export const bool = (t: number, f: number): BooleanRule => ({ type: 'boolean', true: t, false: f });
export const map = (points: Record<string, number>): MapRule => ({ type: 'map', points });

/** linear 0 -> 0 points, 100 -> 100 points: the value *is* the points. */
export const identity = (): LinearRule => linear(0, 100);

// ---------------------------------------------------------------------------------------------
// Models

/** A metric of weight 1 (unless `extra` says otherwise). */
export function metric(id: string, scoring: ScoringRule, extra: Partial<Omit<Metric, 'id' | 'scoring'>> = {}): Metric {
  return { id, weight: 1, scoring, ...extra };
}

export function category(id: string, weight: number, metrics: Metric[], label?: string): Category {
  return label === undefined ? { id, weight, metrics } : { id, label, weight, metrics };
}

/** A valid model: defaults to one category `c` (weight 1) with one metric `m` (linear 0..100). */
export function makeModel(partial: Partial<Mutable<HealthModel>> = {}): HealthModel {
  return {
    format: MODEL_FORMAT,
    name: 'test model',
    categories: [category('c', 1, [metric('m', identity())])],
    ...partial,
  };
}

/** One category `c` of weight 1 holding the given metrics, plus any other model fields. */
export function oneCategory(metrics: Metric[], partial: Partial<Mutable<HealthModel>> = {}): HealthModel {
  return makeModel({ categories: [category('c', 1, metrics)], ...partial });
}

// ---------------------------------------------------------------------------------------------
// Portfolios

export type CellValue = number | boolean | string | null | { date: string };
export type Row = Record<string, CellValue>;

export interface PortfolioOptions {
  /** Day each value of a column was observed (ISO dates; null = unknown), one per row. */
  observedOn?: Record<string, (string | null)[]>;
  /** Force a column's kind (e.g. an all-empty column, which would otherwise be a number column). */
  kinds?: Record<string, ColumnKind>;
}

function kindOf(v: Exclude<CellValue, null>): ColumnKind {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'text';
  return 'date';
}

/**
 * Builds a portfolio from rows of plain values. The kind of each column is inferred from its
 * values (number, boolean, string -> text, `{date: 'yyyy-mm-dd'}` -> date); `null` or an absent key
 * is missing. A key `id` (string) gives the customer's id and is not a column; otherwise ids are
 * `c1`, `c2`, …
 */
export function makePortfolio(rows: Row[], options: PortfolioOptions = {}): Portfolio {
  const size = rows.length;
  const names: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (k !== 'id' && !names.includes(k)) names.push(k);
  for (const k of Object.keys(options.observedOn ?? {})) if (!names.includes(k)) names.push(k);

  const ids = rows.map((r, i) => (typeof r.id === 'string' ? r.id : `c${i + 1}`));
  const columns = new Map<string, Column>();

  for (const name of names) {
    const cells = rows.map((r) => (name in r ? (r[name] ?? null) : null));
    let kind: ColumnKind | undefined = options.kinds?.[name];
    for (const c of cells) {
      if (c === null) continue;
      const k = kindOf(c);
      if (kind === undefined) kind = k;
      else if (kind !== k) throw new Error(`makePortfolio(): column ${name} mixes ${kind} and ${k}`);
    }
    kind ??= 'number';

    const obs = options.observedOn?.[name];
    let observedOn: Float64Array | undefined;
    if (obs !== undefined) {
      if (obs.length !== size) throw new Error(`makePortfolio(): observedOn.${name} has ${obs.length} entries for ${size} rows`);
      observedOn = Float64Array.from(obs, (o) => (o === null ? NaN : day(o)));
    }
    const withObs = <T extends object>(c: T): T => (observedOn ? { ...c, observedOn } : c);

    switch (kind) {
      case 'number':
        columns.set(name, withObs({ kind, values: Float64Array.from(cells, (c) => (c === null ? NaN : (c as number))) }));
        break;
      case 'boolean':
        columns.set(name, withObs({ kind, values: Uint8Array.from(cells, (c) => (c === null ? BOOLEAN_MISSING : c ? 1 : 0)) }));
        break;
      case 'date':
        columns.set(name, withObs({ kind, values: Float64Array.from(cells, (c) => (c === null ? NaN : day((c as { date: string }).date))) }));
        break;
      case 'text': {
        const labels: string[] = [];
        const codes = Int32Array.from(cells, (c) => {
          if (c === null) return TEXT_MISSING;
          const s = c as string;
          let i = labels.indexOf(s);
          if (i < 0) i = labels.push(s) - 1;
          return i;
        });
        columns.set(name, withObs({ kind, codes, labels }));
        break;
      }
    }
  }
  return { size, ids, columns };
}
