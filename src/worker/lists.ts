/**
 * The worker's side of the opportunity and risk lists and of the alerts (issue #6): which columns
 * the lists read (the user's choice, else a guess), the lists themselves (`src/engine/lists.ts`),
 * a list as CSV, and what changed for the worse since the scores last seen. Plain functions over
 * what the service holds; the service reads and writes the two settings.
 */
import { formatIsoDay, isMissing, roundScore, type BandInfo, type EpochDay, type HealthModel, type Portfolio, type Snapshot } from '../engine';
import {
  advocates, collections, guessListColumn, LIST_COLUMN_ROLES, renewalForecast, upsellCandidates,
  type ColumnDescription, type ListBase, type ListColumnRole,
} from '../engine/lists';
import { csvDialect, neutraliseCell } from '../io/export-scores';
import { writeCsv, type CsvCell } from '../io/write-csv';
import { NO_BAND, type Alert, type AlertKind, type AlertsView, type ExportListRequest, type ListColumn, type OpportunityLists } from './api';
import { numbers, texts } from './columns';
import { importMetrics } from './import-session';

/** Where the columns chosen for the lists are kept (role → column). */
export const LIST_COLUMNS_SETTING = 'listColumns';

/** Where the scores last seen are kept, per data source: `{ demo?: SeenMark, local?: SeenMark }`. */
export const ALERTS_SEEN_SETTING = 'alertsSeen';

/** A score fall of this many points or more (rounded scores) is an alert. */
export const ALERT_FALL_POINTS = 10;

/** A customer in the lowest band renewing within this many days is an alert. */
export const ALERT_RENEWAL_DAYS = 90;

/** Alerts listed (the count says how many there are in all). */
export const ALERTS_LISTED = 200;

/** The scores a user last saw: their day and the model revision that scored them. */
export interface SeenMark {
  readonly day: EpochDay;
  readonly revision: string;
}

/** Customer fields: not figures a list reads. */
const CUSTOMER_COLUMNS = new Set(['name', 'segment', 'stage', 'owner', 'mrr', 'renewal_date', 'status', 'customer_since']);

/** The number columns of `current`, the model's metrics first (model order) with their labels. */
export function numberColumns(model: HealthModel, current: Portfolio): ColumnDescription[] {
  const out: ColumnDescription[] = [];
  const seen = new Set<string>();
  for (const metric of importMetrics(model)) {
    if (seen.has(metric.source) || current.columns.get(metric.source)?.kind !== 'number') continue;
    seen.add(metric.source);
    out.push({ column: metric.source, metricId: metric.id, label: metric.label });
  }
  for (const [name, column] of current.columns) {
    if (seen.has(name) || CUSTOMER_COLUMNS.has(name) || column.kind !== 'number') continue;
    seen.add(name);
    out.push({ column: name });
  }
  return out;
}

/** Role → column, as stored: anything but text for a known role is dropped. */
export function cleanChoices(value: unknown): Partial<Record<ListColumnRole, string>> {
  if (typeof value !== 'object' || value === null) return {};
  const out: Partial<Record<ListColumnRole, string>> = {};
  for (const role of LIST_COLUMN_ROLES) {
    const column = (value as Record<string, unknown>)[role];
    if (typeof column === 'string' && column) out[role] = column;
  }
  return out;
}

/** Each role's column: the one chosen if the data still has it as numbers, else the guess. */
export function listColumns(descriptions: readonly ColumnDescription[], chosen: Partial<Record<ListColumnRole, string>>): Record<ListColumnRole, ListColumn> {
  const byName = new Map(descriptions.map((d) => [d.column, d]));
  const entry = (role: ListColumnRole): ListColumn => {
    const wanted = chosen[role];
    const picked = wanted !== undefined && byName.has(wanted) ? wanted : guessListColumn(role, descriptions);
    const description = picked === null ? undefined : byName.get(picked);
    return { role, column: picked, label: description?.label ?? picked ?? '', chosen: picked !== null && picked === wanted };
  };
  return Object.fromEntries(LIST_COLUMN_ROLES.map((role) => [role, entry(role)])) as Record<ListColumnRole, ListColumn>;
}

/** What the lists are built from. */
export interface ListsInput {
  readonly model: HealthModel;
  readonly current: Portfolio;
  readonly history: readonly Snapshot[];
  readonly asOf: EpochDay;
  readonly today: EpochDay;
  /** Bands shown (overrides applied), scores, bands. */
  readonly band: Uint8Array;
  readonly score: Float64Array;
  readonly bands: readonly BandInfo[];
  readonly chosen: Partial<Record<ListColumnRole, string>>;
}

/** A number column's values at the previous snapshot, for the current customers (`NaN` where unknown). */
function valuesBefore(current: Portfolio, before: Snapshot | undefined, column: string): Float64Array {
  const out = new Float64Array(current.size).fill(Number.NaN);
  const values = before?.portfolio.columns.get(column);
  if (!before || values?.kind !== 'number') return out;
  const rowOf = new Map(before.portfolio.ids.map((id, row) => [id, row]));
  current.ids.forEach((id, row) => {
    const earlier = rowOf.get(id);
    if (earlier !== undefined && !isMissing(values, earlier)) out[row] = values.values[earlier]!;
  });
  return out;
}

export function buildLists(input: ListsInput): OpportunityLists {
  const { current, history, asOf, today } = input;
  const descriptions = numberColumns(input.model, current);
  const columns = listColumns(descriptions, input.chosen);
  const column = (role: ListColumnRole) => {
    const name = columns[role].column;
    return name === null ? null : numbers(current.columns.get(name), current.size);
  };
  const base: ListBase = { band: input.band, bands: input.bands, score: input.score, mrr: numbers(current.columns.get('mrr'), current.size) };
  const before = history.at(-2);
  const usage = column('usage');
  const nps = column('nps');
  const renewal = current.columns.get('renewal_date');
  return {
    asOf,
    today,
    since: before?.day ?? null,
    columns,
    options: descriptions.map((d) => ({ column: d.column, label: d.label ?? d.column })),
    hasRenewals: renewal?.kind === 'date',
    upsell: usage && before ? upsellCandidates(base, usage, valuesBefore(current, before, columns.usage.column!)) : [],
    advocates: nps ? advocates(base, nps) : [],
    collections: collections(base, column('lateInvoices'), column('daysOverdue')),
    renewals: renewalForecast(base, numbers(renewal, current.size), today),
  };
}

/** The rows of list `id`, in list order. */
function listRows(lists: OpportunityLists, id: ExportListRequest['list']): readonly number[] {
  switch (id) {
    case 'upsell': return lists.upsell.map((e) => e.row);
    case 'advocates': return lists.advocates.map((e) => e.row);
    case 'collections': return lists.collections.map((e) => e.row);
    case 'renewals': return lists.renewals.total.rows;
  }
}

/**
 * A list as a CSV file's text: id, name, band (shown), score, owner, MRR, then the figures that put
 * each customer on it; `request.owner` keeps one owner's customers. `standard`: `,`, dot decimals,
 * band ids, ISO days; `locale`: the locale's Excel conventions (see `csvDialect`), translated band
 * labels. Text cells are formula-neutralised.
 */
export function listCsv(lists: OpportunityLists, input: Pick<ListsInput, 'current' | 'band' | 'score' | 'bands'>, request: ExportListRequest): string {
  const { current } = input;
  const locale = request.dialect === 'locale';
  const dialect = csvDialect(request.dialect, request.locale);
  const { header } = request;
  const names = texts(current.columns.get('name'), current.size);
  const owners = texts(current.columns.get('owner'), current.size);
  const mrr = numbers(current.columns.get('mrr'), current.size);
  const renewal = numbers(current.columns.get('renewal_date'), current.size);
  const number = (x: number | undefined): CsvCell => {
    if (x === undefined || Number.isNaN(x)) return null;
    const text = String(Math.round(x * 100) / 100);
    return dialect.decimalComma ? text.replace('.', ',') : text;
  };
  const text = (x: string): CsvCell => neutraliseCell(x);
  const c = lists.columns;
  let titles: string[];
  let figures: (row: number) => CsvCell[];
  switch (request.list) {
    case 'upsell': {
      const by = new Map(lists.upsell.map((e) => [e.row, e]));
      titles = [c.usage.label, `${c.usage.label} (${header.before})`, header.change];
      figures = (row) => [number(by.get(row)?.now), number(by.get(row)?.before), number(by.get(row)?.change)];
      break;
    }
    case 'advocates': {
      const by = new Map(lists.advocates.map((e) => [e.row, e]));
      titles = [c.nps.label];
      figures = (row) => [number(by.get(row)?.nps)];
      break;
    }
    case 'collections': {
      const by = new Map(lists.collections.map((e) => [e.row, e]));
      titles = [c.lateInvoices.label || 'late_invoices', c.daysOverdue.label || 'days_overdue'];
      figures = (row) => [number(by.get(row)?.lateInvoices), number(by.get(row)?.daysOverdue)];
      break;
    }
    case 'renewals':
      titles = [header.renewal, header.daysToRenewal];
      figures = (row) => [Number.isNaN(renewal[row]!) ? null : formatIsoDay(renewal[row]!), number(renewal[row]! - lists.today)];
      break;
  }
  const bandCell = (index: number): CsvCell => {
    const band = input.bands[index];
    const label = locale ? (request.bandLabels[index] ?? band?.label) : band?.id;
    return label === undefined ? null : text(label);
  };
  const rows = listRows(lists, request.list)
    .filter((row) => request.owner === undefined || owners[row] === request.owner)
    .map((row): CsvCell[] => [
      text(current.ids[row]!), text(names[row] || current.ids[row]!), bandCell(input.band[row]!),
      Number.isNaN(input.score[row]!) ? null : String(roundScore(input.score[row]!) || 0),
      text(owners[row]!), number(mrr[row]), ...figures(row),
    ]);
  const all = [header.id, header.name, header.band, header.score, header.owner, header.mrr, ...titles].map(neutraliseCell);
  return dialect.bom + writeCsv(all, rows, { delimiter: dialect.delimiter, newline: dialect.newline });
}

// ---------------------------------------------------------------------------------------------
// Alerts

/** Scores to compare with: the customers known then, with the band shown then. */
export interface Baseline {
  readonly day: EpochDay;
  readonly ids: readonly string[];
  readonly score: Float64Array;
  /** Index into `bands`. */
  readonly band: Uint8Array;
  readonly bands: readonly BandInfo[];
}

/** The stored mark of `source`, if it reads. */
export function seenMark(value: unknown, source: string): SeenMark | null {
  if (typeof value !== 'object' || value === null) return null;
  const mark = (value as Record<string, unknown>)[source];
  if (typeof mark !== 'object' || mark === null) return null;
  const { day, revision } = mark as Partial<SeenMark>;
  return Number.isInteger(day) && typeof revision === 'string' ? { day: day!, revision } : null;
}

/**
 * What changed for the worse between `baseline` and now, per current customer: a band drop (from
 * one band to a worse one, "insufficient data" neither better nor worse), a score fall of
 * `ALERT_FALL_POINTS` or more (rounded scores), or newly in the lowest band (not in it then, or new to the data) with
 * a renewal from today to `ALERT_RENEWAL_DAYS` days ahead. Worst first: the lowest band now, then
 * the biggest fall, then row order.
 */
export function findAlerts(
  now: { readonly ids: readonly string[]; readonly band: Uint8Array; readonly score: Float64Array; readonly bands: readonly BandInfo[]; readonly renewal: Float64Array },
  baseline: Baseline | null,
  today: EpochDay,
): Alert[] {
  if (!baseline) return [];
  const insufficient = now.bands.length - 1;
  // The baseline's bands as bands of now (by id): a model with other bands maps what it can.
  const bandNow = baseline.bands.map((b) => {
    const index = now.bands.findIndex((x) => x.id === b.id);
    return index < 0 ? NO_BAND : index;
  });
  const rowThen = new Map(baseline.ids.map((id, row) => [id, row]));
  const alerts: Alert[] = [];
  for (let row = 0; row < now.ids.length; row++) {
    const then = rowThen.get(now.ids[row]!);
    const fromBand = then === undefined ? NO_BAND : (bandNow[baseline.band[then]!] ?? NO_BAND);
    const before = then === undefined ? Number.NaN : baseline.score[then]!;
    const toBand = now.band[row]!;
    const score = now.score[row]!;
    const renewal = now.renewal[row]!;
    const kinds: AlertKind[] = [];
    if (fromBand !== NO_BAND && fromBand !== insufficient && toBand !== insufficient && toBand < fromBand) kinds.push('band-drop');
    if (!Number.isNaN(before) && !Number.isNaN(score) && roundScore(score) - roundScore(before) <= -ALERT_FALL_POINTS) kinds.push('score-fall');
    if (toBand === 0 && fromBand !== 0 && renewal >= today && renewal <= today + ALERT_RENEWAL_DAYS) kinds.push('at-risk-renewal');
    if (kinds.length > 0) alerts.push({ row, customerId: now.ids[row]!, kinds, fromBand, toBand, before, score, renewal });
  }
  const fall = (a: Alert) => (Number.isNaN(a.score - a.before) ? 0 : a.score - a.before);
  return alerts.sort((a, b) => a.toBand - b.toBand || fall(a) - fall(b) || a.row - b.row);
}

export function alertsView(alerts: readonly Alert[], since: EpochDay | null, firstVisit: boolean, asOf: EpochDay): AlertsView {
  return {
    since, firstVisit, asOf, count: alerts.length, alerts: alerts.slice(0, ALERTS_LISTED),
    fallThreshold: ALERT_FALL_POINTS, renewalDays: ALERT_RENEWAL_DAYS,
  };
}
