/**
 * Playbooks (the method's Execute step): rules that turn bands and changes into work. A playbook's
 * triggers are tested on every customer at each snapshot day; where they hold (all of them, or
 * any, as the playbook says) its actions create tasks.
 *
 * A playbook never creates the same task twice for the same customer and cause. The cause of a
 * match is its *run*: the playbook held for the customer at every snapshot day from `since` to
 * the latest without a break (docs/scoring.md, reading P1). Scoring the same data again, or a new
 * snapshot in which the same customers still match, finds the same `since`: no new task. A
 * customer who stops matching and matches again later starts a new run: one new task.
 *
 * Pure: no DOM, storage or worker code.
 */
import { INSUFFICIENT } from './model';
import { TEXT_MISSING, type Column, type EpochDay, type Portfolio } from './portfolio';
import type { BandInfo } from './results';
import { normalizeLabel } from './values';

/** A customer field a trigger can test (the columns the import maps them to). */
export type PlaybookField = 'segment' | 'stage' | 'owner';

/** The column each `PlaybookField` is stored in. */
export const FIELD_COLUMNS: Readonly<Record<PlaybookField, string>> = { segment: 'segment', stage: 'stage', owner: 'owner' };

/** The column renewal days are stored in. */
export const RENEWAL_COLUMN = 'renewal_date';

/**
 * How an indicator trigger compares the customer's latest value of `column`:
 * - `lt` `le` `gt` `ge`: numbers (a date column with `daysSince`: whole days from the value to the snapshot's day);
 * - `eq` `ne`: a number, a yes/no (`true`/`false`), or a label (case and spaces ignored);
 * - `missing`: no value at all (`value` unused). A missing value fails every other test.
 */
export type IndicatorOp = 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne' | 'missing';

/**
 * One condition of a playbook, tested on a customer at a snapshot day against the one before it.
 * Band ids are the model's (`BandInfo.id`); a band the model does not have never matches.
 * - `in-band`: the customer's band is `band`;
 * - `enters-band`: in `band` now, and was not at the previous snapshot (or was not in it, or there is none);
 * - `band-drop`: moved to a worse band since the previous snapshot (`insufficient` counts as no band);
 *   `from`/`to` restrict the bands left and reached;
 * - `score-fall`: the score fell by `points` or more since the previous snapshot;
 * - `indicator`: a value test (see `IndicatorOp`), e.g. NPS ≤ 6, late invoices > 0, 30 days or more since the last login;
 * - `renewal-within`: the renewal day is from the snapshot's day to `days` days after it (both included);
 * - `field`: the customer's segment, stage or owner is one of `values` (case and spaces ignored).
 * Bands are the ones shown (a band set by hand counts).
 */
export type PlaybookTrigger =
  | { readonly kind: 'in-band'; readonly band: string }
  | { readonly kind: 'enters-band'; readonly band: string }
  | { readonly kind: 'band-drop'; readonly from?: string; readonly to?: string }
  | { readonly kind: 'score-fall'; readonly points: number }
  | { readonly kind: 'indicator'; readonly column: string; readonly op: IndicatorOp; readonly value?: number | boolean | string; readonly daysSince?: boolean }
  | { readonly kind: 'renewal-within'; readonly days: number }
  | { readonly kind: 'field'; readonly field: PlaybookField; readonly values: readonly string[] };

export type PlaybookTriggerKind = PlaybookTrigger['kind'];

export const TRIGGER_KINDS: readonly PlaybookTriggerKind[] = ['in-band', 'enters-band', 'band-drop', 'score-fall', 'indicator', 'renewal-within', 'field'];

export type TaskPriority = 'high' | 'normal' | 'low';

export const TASK_PRIORITIES: readonly TaskPriority[] = ['high', 'normal', 'low'];

/** Creates a task for the matched customer, assigned to the customer's owner, due `dueInDays` after it is created. */
export interface TaskAction {
  readonly kind: 'task';
  readonly title: string;
  readonly description: string;
  readonly dueInDays: number;
  readonly priority: TaskPriority;
}

export type PlaybookAction = TaskAction;

export interface Playbook {
  /** Stable id (kept by tasks as their cause); the default playbooks' are `default-…`. */
  readonly id: string;
  readonly name: string;
  /** A disabled playbook creates nothing. */
  readonly enabled: boolean;
  /** `all`: every trigger must hold (AND); `any`: one is enough (OR). */
  readonly match: 'all' | 'any';
  readonly triggers: readonly PlaybookTrigger[];
  readonly actions: readonly PlaybookAction[];
}

/** One snapshot day as playbooks read it: the customers known that day, their values, score and band shown (rows aligned). */
export interface PlaybookDay {
  readonly day: EpochDay;
  readonly portfolio: Portfolio;
  /** Integer score per row, `NaN` with none. */
  readonly score: Float64Array;
  /** Band index per row into the `bands` given (the last is `insufficient`). */
  readonly band: Uint8Array;
  /** 1 where the customer was known that day; absent: every row was. A customer not known matches nothing. */
  readonly known?: Uint8Array;
}

/** A customer a playbook matches at the latest day, and the first day of the run that match belongs to. */
export interface PlaybookMatch {
  /** Row in the latest day's portfolio. */
  readonly row: number;
  readonly since: EpochDay;
}

/** What is wrong with a playbook as typed (empty when it can be saved), English, one line each, by field. */
export function playbookProblems(playbook: Playbook): string[] {
  const problems: string[] = [];
  const count = (value: number, path: string, min: number): void => {
    if (!Number.isFinite(value) || value < min || !Number.isInteger(value)) problems.push(`${path} must be a whole number of ${min} or more, found ${String(value)}`);
  };
  if (!playbook.id.trim()) problems.push('id must not be blank');
  if (!playbook.name.trim()) problems.push('name must not be blank');
  if (playbook.match !== 'all' && playbook.match !== 'any') problems.push(`match must be "all" or "any", found ${String(playbook.match)}`);
  if (playbook.triggers.length === 0) problems.push('triggers must have at least one trigger');
  playbook.triggers.forEach((trigger, k) => {
    const path = `triggers[${k}]`;
    switch (trigger.kind) {
      case 'in-band':
      case 'enters-band':
        if (!trigger.band.trim()) problems.push(`${path}.band must not be blank`);
        break;
      case 'band-drop':
        break;
      case 'score-fall':
        count(trigger.points, `${path}.points`, 1);
        break;
      case 'renewal-within':
        count(trigger.days, `${path}.days`, 0);
        break;
      case 'field':
        if (trigger.values.filter((v) => v.trim()).length === 0) problems.push(`${path}.values must have at least one value`);
        break;
      case 'indicator':
        if (!trigger.column.trim()) problems.push(`${path}.column must not be blank`);
        if (trigger.op !== 'missing') {
          const numeric = trigger.op === 'lt' || trigger.op === 'le' || trigger.op === 'gt' || trigger.op === 'ge';
          if (numeric && (typeof trigger.value !== 'number' || !Number.isFinite(trigger.value))) problems.push(`${path}.value must be a number`);
          if (!numeric && (trigger.value === undefined || (typeof trigger.value === 'string' && !trigger.value.trim()) || (typeof trigger.value === 'number' && !Number.isFinite(trigger.value)))) problems.push(`${path}.value must be given`);
        }
        break;
      default:
        problems.push(`${path}.kind is not a trigger kind`);
    }
  });
  if (playbook.actions.length === 0) problems.push('actions must have at least one action');
  playbook.actions.forEach((action, k) => {
    if (!action.title.trim()) problems.push(`actions[${k}].title must not be blank`);
    count(action.dueInDays, `actions[${k}].dueInDays`, 0);
    if (!['high', 'normal', 'low'].includes(action.priority)) problems.push(`actions[${k}].priority must be high, normal or low`);
  });
  return problems;
}

/** Rows of `after` → rows of `before` with the same id (`-1` where the customer was not in it). */
export function previousRows(before: Portfolio, after: Portfolio): Int32Array {
  if (before.ids === after.ids || sameIds(before.ids, after.ids)) return Int32Array.from({ length: after.size }, (_, row) => row);
  const rowOf = new Map<string, number>();
  before.ids.forEach((id, row) => rowOf.set(id, row));
  return Int32Array.from(after.ids, (id) => rowOf.get(id) ?? -1);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** For each of `days`, its rows → the rows of the day before (`null` for the first): what `playbookMatches` walks. */
export type DayLinks = readonly (Int32Array | null)[];

/** The links between consecutive `days` (compute once for several playbooks over the same days). */
export function linkDays(days: readonly PlaybookDay[]): DayLinks {
  return days.map((day, k) => (k > 0 ? previousRows(days[k - 1]!.portfolio, day.portfolio) : null));
}

type Test = (row: number, previous: number) => boolean;

/** A trigger as a test of (row at this day, row at the day before or -1). */
function compile(trigger: PlaybookTrigger, day: PlaybookDay, before: PlaybookDay | undefined, bands: readonly BandInfo[]): Test {
  const never: Test = () => false;
  const indexOf = (id: string | undefined): number => (id === undefined ? -2 : bands.findIndex((b) => b.id === id));
  const insufficient = bands.findIndex((b) => b.id === INSUFFICIENT);
  switch (trigger.kind) {
    case 'in-band': {
      const b = indexOf(trigger.band);
      return b < 0 ? never : (row) => day.band[row] === b;
    }
    case 'enters-band': {
      const b = indexOf(trigger.band);
      if (b < 0) return never;
      return (row, previous) => day.band[row] === b && (previous < 0 || !before || before.band[previous] !== b);
    }
    case 'band-drop': {
      if (!before) return never;
      const from = indexOf(trigger.from);
      const to = indexOf(trigger.to);
      if (from === -1 || to === -1) return never;
      return (row, previous) => {
        if (previous < 0) return false;
        const now = day.band[row]!;
        const then = before.band[previous]!;
        if (now === insufficient || then === insufficient || now >= then) return false;
        return (from === -2 || then === from) && (to === -2 || now === to);
      };
    }
    case 'score-fall': {
      if (!before) return never;
      const points = trigger.points;
      return (row, previous) => previous >= 0 && before.score[previous]! - day.score[row]! >= points;
    }
    case 'renewal-within': {
      const column = day.portfolio.columns.get(RENEWAL_COLUMN);
      if (column?.kind !== 'date') return never;
      const { values } = column;
      return (row) => {
        const until = values[row]! - day.day;
        return until >= 0 && until <= trigger.days;
      };
    }
    case 'field': {
      const column = day.portfolio.columns.get(FIELD_COLUMNS[trigger.field]);
      if (column?.kind !== 'text') return never;
      return labelTest(column, (label) => trigger.values.some((v) => normalizeLabel(v) === label));
    }
    case 'indicator': {
      const column = day.portfolio.columns.get(trigger.column);
      if (!column) return trigger.op === 'missing' ? () => true : never;
      return indicatorTest(column, trigger, day.day);
    }
  }
}

function labelTest(column: Extract<Column, { kind: 'text' }>, accepts: (normalized: string) => boolean, missing = false): Test {
  const accepted = column.labels.map((label) => accepts(normalizeLabel(label)));
  const { codes } = column;
  return (row) => {
    const code = codes[row]!;
    return code === TEXT_MISSING ? missing : accepted[code] === true;
  };
}

function indicatorTest(column: Column, trigger: Extract<PlaybookTrigger, { kind: 'indicator' }>, day: EpochDay): Test {
  const { op, value } = trigger;
  switch (column.kind) {
    case 'number':
    case 'date': {
      const { values } = column;
      const since = column.kind === 'date' && trigger.daysSince === true;
      const read = since ? (row: number) => day - values[row]! : (row: number) => values[row]!;
      if (op === 'missing') return (row) => Number.isNaN(values[row]!);
      const target = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
      if (!Number.isFinite(target)) return () => false;
      const compare = COMPARE[op];
      return (row) => {
        const v = read(row);
        return v === v && compare(v, target);
      };
    }
    case 'boolean': {
      const { values } = column;
      if (op === 'missing') return (row) => values[row]! > 1;
      const target = value === true || value === 'true' ? 1 : value === false || value === 'false' ? 0 : -1;
      if (target < 0 || (op !== 'eq' && op !== 'ne')) return () => false;
      return op === 'eq' ? (row) => values[row] === target : (row) => values[row]! <= 1 && values[row] !== target;
    }
    case 'text': {
      if (op === 'missing') return labelTest(column, () => false, true);
      if (op !== 'eq' && op !== 'ne') return () => false;
      const target = normalizeLabel(String(value ?? ''));
      return labelTest(column, (label) => (label === target) === (op === 'eq'));
    }
  }
}

const COMPARE: Readonly<Record<Exclude<IndicatorOp, 'missing'>, (v: number, target: number) => boolean>> = {
  lt: (v, t) => v < t,
  le: (v, t) => v <= t,
  gt: (v, t) => v > t,
  ge: (v, t) => v >= t,
  eq: (v, t) => v === t,
  ne: (v, t) => v !== t,
};

/** Where `playbook` holds at `days[k]` (against `days[k - 1]`), one byte per row of that day. */
function holds(playbook: Playbook, days: readonly PlaybookDay[], k: number, previous: Int32Array | null, bands: readonly BandInfo[]): Uint8Array {
  const day = days[k]!;
  const before = k > 0 ? days[k - 1] : undefined;
  const tests = playbook.triggers.map((t) => compile(t, day, before, bands));
  const out = new Uint8Array(day.portfolio.size);
  if (tests.length === 0) return out;
  const all = playbook.match === 'all';
  const known = day.known;
  const knownBefore = before?.known;
  for (let row = 0; row < out.length; row++) {
    if (known && known[row] !== 1) continue;
    let p = previous ? previous[row]! : -1;
    if (p >= 0 && knownBefore && knownBefore[p] !== 1) p = -1;
    let ok = all;
    for (const test of tests) {
      if (test(row, p) !== all) {
        ok = !all;
        break;
      }
    }
    if (ok) out[row] = 1;
  }
  return out;
}

/**
 * The customers `playbook` matches at the latest of `days` (oldest first), each with the first day
 * of its unbroken run of matches back through `days`. A disabled playbook matches no one.
 */
export function playbookMatches(playbook: Playbook, days: readonly PlaybookDay[], bands: readonly BandInfo[], links?: DayLinks): PlaybookMatch[] {
  const last = days.length - 1;
  if (last < 0 || !playbook.enabled) return [];
  const prev = links ?? linkDays(days);
  const now = holds(playbook, days, last, prev[last] ?? null, bands);
  // Walk the running customers back, a day at a time, while some run goes on.
  const rows: number[] = [];
  for (let row = 0; row < now.length; row++) if (now[row] === 1) rows.push(row);
  const since = new Float64Array(rows.length).fill(days[last]!.day);
  const at = Int32Array.from(rows);
  let running = rows.map((_, k) => k);
  for (let k = last; k > 0 && running.length > 0; k--) {
    const link = prev[k]!;
    const earlier = holds(playbook, days, k - 1, prev[k - 1] ?? null, bands);
    const next: number[] = [];
    for (const m of running) {
      const p = link[at[m]!]!;
      if (p < 0 || earlier[p] !== 1) continue;
      at[m] = p;
      since[m] = days[k - 1]!.day;
      next.push(m);
    }
    running = next;
  }
  return rows.map((row, m) => ({ row, since: since[m]! }));
}

/** The default playbooks, one per standard band (DOMAIN.md "Execute"), and the texts each needs. */
export const DEFAULT_PLAYBOOK_IDS = ['default-red', 'default-yellow', 'default-advocates', 'default-upgrade'] as const;

export type DefaultPlaybookId = (typeof DEFAULT_PLAYBOOK_IDS)[number];

/** A default playbook's words, in the user's language (the UI's catalogues give them). */
export interface DefaultPlaybookTexts {
  readonly name: string;
  readonly title: string;
  readonly description: string;
}

/**
 * The default playbooks, with `texts` for their words:
 * - red: contact now and find the cause (in red; high, due in 2 days);
 * - yellow: check in and improve the experience (in yellow; normal, due in 7 days);
 * - green, NPS 9 or more: ask for a referral, a review or a case study (low, due in 14 days);
 * - green, renewal within 90 days: offer an upgrade (normal, due in 14 days).
 */
export function defaultPlaybooks(texts: Readonly<Record<DefaultPlaybookId, DefaultPlaybookTexts>>): Playbook[] {
  const make = (id: DefaultPlaybookId, triggers: PlaybookTrigger[], dueInDays: number, priority: TaskPriority): Playbook => ({
    id,
    name: texts[id].name,
    enabled: true,
    match: 'all',
    triggers,
    actions: [{ kind: 'task', title: texts[id].title, description: texts[id].description, dueInDays, priority }],
  });
  return [
    make('default-red', [{ kind: 'in-band', band: 'red' }], 2, 'high'),
    make('default-yellow', [{ kind: 'in-band', band: 'yellow' }], 7, 'normal'),
    make('default-advocates', [{ kind: 'in-band', band: 'green' }, { kind: 'indicator', column: 'nps', op: 'ge', value: 9 }], 14, 'low'),
    make('default-upgrade', [{ kind: 'in-band', band: 'green' }, { kind: 'renewal-within', days: 90 }], 14, 'normal'),
  ];
}
