/**
 * Gathers what calibration needs from the worker's portfolio: for each customer with an outcome,
 * the snapshot it is judged at (C2), its score, band and every metric's points there, and its band
 * 60–90 days before it left; then lets the engine (`calibrate`, `backtestReport`) do the rest.
 */
import { preparePoints, reweighPortfolio, scorePortfolio, type BandInfo, type EpochDay, type HealthModel, type PreparedPoints, type Snapshot } from '../engine';
import { backtestReport, calibrate } from '../engine/calibration/report';
import type { BacktestReport, CalibrationReport } from '../engine/calibration/types';
import type { OutcomeRecord, OverrideRecord } from '../data/db';
import { knownPortfolio, type DayScores } from './scored-history';

/** The window before a churn its band is read in (C10). */
export const BEFORE_FROM = 60;
export const BEFORE_TO = 90;

export interface CalibrationSource {
  readonly model: HealthModel;
  readonly revision: string;
  /** Snapshots, oldest first, and their scores under `model` (same days, same order). */
  readonly history: readonly Snapshot[];
  readonly days: readonly DayScores[];
  readonly bands: readonly BandInfo[];
  readonly outcomes: readonly OutcomeRecord[];
  readonly overrides: readonly OverrideRecord[];
  /** Customers per band as of the latest data (computed bands). */
  readonly portfolioBands: readonly number[];
}

function indexOf(ids: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  ids.forEach((id, row) => index.set(id, row));
  return index;
}

/**
 * The calibration report of `source.model` against the outcomes. With outcomes but no customer
 * scored (ids not in the data, or insufficient data everywhere) the report says so: 0 churned, 0
 * retained, and how many were unmatched or unscored.
 */
export function calibrationReport(source: CalibrationSource): CalibrationReport {
  const { days, model } = source;
  const insufficient = source.bands.length - 1;
  const indexes = days.map((d) => indexOf(d.ids));
  // Per outcome: the day it is judged at, and the customer's row there (C2).
  const picked: { outcome: OutcomeRecord; k: number; row: number }[] = [];
  let unmatched = 0;
  let unscored = 0;
  for (const outcome of source.outcomes) {
    let found = false;
    let k = days.length - 1;
    while (k >= 0 && days[k]!.day > outcome.day) {
      found ||= indexes[k]!.has(outcome.customerId);
      k--;
    }
    let row = -1;
    for (; k >= 0; k--) {
      const r = indexes[k]!.get(outcome.customerId);
      if (r === undefined) continue;
      found = true;
      if (days[k]!.band[r] !== insufficient) {
        row = r;
        break;
      }
    }
    if (row >= 0) picked.push({ outcome, k, row });
    else if (found || indexes.some((index) => index.has(outcome.customerId))) unscored++;
    else unmatched++;
  }

  const metricCount = model.categories.reduce((a, c) => a + c.metrics.length, 0);
  const n = picked.length;
  const churned = new Uint8Array(n);
  const score = new Float64Array(n);
  const band = new Uint8Array(n);
  const overridden = new Uint8Array(n);
  const points = new Float64Array(n * metricCount);
  const bandBefore = new Int16Array(n).fill(-1);
  const prepared = new Map<number, PreparedPoints>();
  const groups = new Map<number, number[]>();
  let fill = new Float64Array(metricCount).fill(Number.NaN);
  picked.forEach(({ outcome, k, row }, i) => {
    const day = days[k]!;
    churned[i] = outcome.status === 'churned' ? 1 : 0;
    score[i] = day.score[row]!;
    band[i] = day.band[row]!;
    overridden[i] = source.overrides.some((o) => o.customerId === outcome.customerId && o.endedAt === undefined && o.startsOn <= day.day && day.day <= o.expiresOn) ? 1 : 0;
    let p = prepared.get(k);
    if (!p) {
      p = preparePoints(model, knownPortfolio(source.history[k]!.portfolio), { asOf: day.day });
      prepared.set(k, p);
      fill = Float64Array.from(p.fill);
    }
    points.set(p.points.subarray(row * metricCount, (row + 1) * metricCount), i * metricCount);
    const group = groups.get(k);
    if (group) group.push(i);
    else groups.set(k, [i]);
    if (churned[i]) {
      for (let b = days.length - 1; b >= 0; b--) {
        const d = days[b]!.day;
        if (d > outcome.day - BEFORE_FROM) continue;
        if (d < outcome.day - BEFORE_TO) break;
        const r = indexes[b]!.get(outcome.customerId);
        if (r === undefined) continue;
        bandBefore[i] = days[b]!.band[r]!;
        break;
      }
    }
  });

  const scoreWith = (candidate: HealthModel): Float64Array => {
    const out = new Float64Array(n);
    for (const [k, rows] of groups) {
      const scores = reweighPortfolio(prepared.get(k)!, candidate).score;
      for (const i of rows) out[i] = scores[picked[i]!.row]!;
    }
    return out;
  };

  return calibrate({
    model,
    revision: source.revision,
    bands: source.bands,
    churned,
    score,
    band,
    overridden,
    points,
    fill,
    bandBefore,
    scoreWith,
    unmatched,
    unscored,
    portfolioBands: source.portfolioBands,
  });
}

export interface BacktestSource {
  readonly model: HealthModel;
  readonly revision: string;
  readonly snapshot: Snapshot;
  readonly outcomes: readonly OutcomeRecord[];
  /** A customer's name (its id when the data has none). */
  readonly nameOf: (portfolio: { readonly ids: readonly string[] }, row: number) => string;
}

/** Scores an earlier snapshot with a revision and says how its customers ended after that day (C11). */
export function backtest(source: BacktestSource): BacktestReport {
  const portfolio = knownPortfolio(source.snapshot.portfolio);
  const day: EpochDay = source.snapshot.day;
  const scores = scorePortfolio(source.model, portfolio, { asOf: day });
  const byId = new Map(source.outcomes.map((o) => [o.customerId, o]));
  const status = new Int8Array(portfolio.size).fill(-1);
  const outcomeDay = new Float64Array(portfolio.size).fill(Number.NaN);
  for (let row = 0; row < portfolio.size; row++) {
    const o = byId.get(portfolio.ids[row]!);
    if (!o || o.day <= day) continue;
    status[row] = o.status === 'churned' ? 1 : 0;
    outcomeDay[row] = o.day;
  }
  return backtestReport({
    revision: source.revision,
    modelName: source.model.name,
    day,
    bands: scores.bands,
    ids: portfolio.ids,
    names: portfolio.ids.map((_, row) => source.nameOf(portfolio, row)),
    score: scores.score,
    band: scores.band,
    status,
    outcomeDay,
  });
}
