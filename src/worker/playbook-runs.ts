/**
 * Running playbooks in the worker: the snapshot days as playbooks read them, the tasks a run
 * creates, and tasks as the UI lists them. The rules themselves are the engine's (`playbooks.ts`).
 */
import {
  INSUFFICIENT, linkDays, playbookMatches, playbookProblems, FIELD_COLUMNS, RENEWAL_COLUMN, TEXT_MISSING,
  type BandInfo, type EpochDay, type Playbook, type PlaybookDay, type Portfolio,
} from '../engine';
import { taskCause, type NewTaskRecord, type TaskRecord } from '../data';
import type { PlaybookInfo, TaskInfo } from './api';

/** `value` read back from storage as a playbook, if it is one the app could have saved. */
export function asPlaybook(value: unknown): Playbook | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const p = value as Record<string, unknown>;
  if (typeof p['id'] !== 'string' || typeof p['name'] !== 'string' || typeof p['enabled'] !== 'boolean') return undefined;
  if (!Array.isArray(p['triggers']) || !Array.isArray(p['actions'])) return undefined;
  if (!p['triggers'].every((t) => typeof t === 'object' && t !== null) || !p['actions'].every((a) => typeof a === 'object' && a !== null && typeof (a as Record<string, unknown>)['title'] === 'string')) return undefined;
  try {
    return playbookProblems(value as Playbook).length === 0 ? (value as Playbook) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One snapshot day for playbooks: the day's whole portfolio, with the scores and bands shown (the
 * day's scores are of the customers known that day, `ids`; the other rows are not known).
 */
export function playbookDay(day: EpochDay, portfolio: Portfolio, ids: readonly string[], score: Float64Array, band: Uint8Array, insufficient: number): PlaybookDay {
  if (ids === portfolio.ids || (ids.length === portfolio.size && ids[0] === portfolio.ids[0] && ids.at(-1) === portfolio.ids.at(-1))) {
    return { day, portfolio, score, band };
  }
  const rowOf = new Map<string, number>();
  portfolio.ids.forEach((id, row) => rowOf.set(id, row));
  const fullScore = new Float64Array(portfolio.size).fill(Number.NaN);
  const fullBand = new Uint8Array(portfolio.size).fill(insufficient);
  const known = new Uint8Array(portfolio.size);
  ids.forEach((id, r) => {
    const row = rowOf.get(id);
    if (row === undefined) return;
    fullScore[row] = score[r]!;
    fullBand[row] = band[r]!;
    known[row] = 1;
  });
  return { day, portfolio, score: fullScore, band: fullBand, known };
}

/** Names a playbook's triggers use that the data or the model does not have. */
export function unknownNames(playbook: Playbook, portfolio: Portfolio, bands: readonly BandInfo[]): string[] {
  const out = new Set<string>();
  const band = (id: string | undefined) => {
    if (id !== undefined && (id === INSUFFICIENT || !bands.some((b) => b.id === id))) out.add(id);
  };
  for (const t of playbook.triggers) {
    if (t.kind === 'in-band' || t.kind === 'enters-band') band(t.band);
    else if (t.kind === 'band-drop') {
      band(t.from);
      band(t.to);
    } else if (t.kind === 'indicator' && !portfolio.columns.has(t.column) && t.op !== 'missing') out.add(t.column);
    else if (t.kind === 'renewal-within' && portfolio.columns.get(RENEWAL_COLUMN)?.kind !== 'date') out.add(RENEWAL_COLUMN);
    else if (t.kind === 'field' && portfolio.columns.get(FIELD_COLUMNS[t.field])?.kind !== 'text') out.add(FIELD_COLUMNS[t.field]);
  }
  return [...out];
}

/** The text of `column` at `row` ('' when missing or not a text column). */
export function textAt(portfolio: Portfolio, column: string, row: number): string {
  const c = portfolio.columns.get(column);
  if (c?.kind !== 'text') return '';
  const code = c.codes[row]!;
  return code === TEXT_MISSING ? '' : (c.labels[code] ?? '');
}

/** The tasks `playbooks` call for at the latest of `days` (oldest first); the store keeps those whose cause is new. */
export function tasksToCreate(playbooks: readonly Playbook[], days: readonly PlaybookDay[], bands: readonly BandInfo[], today: EpochDay, now: number): NewTaskRecord[] {
  const latest = days.at(-1);
  if (!latest) return [];
  const out: NewTaskRecord[] = [];
  const links = linkDays(days);
  for (const playbook of playbooks) {
    for (const match of playbookMatches(playbook, days, bands, links)) {
      const customerId = latest.portfolio.ids[match.row]!;
      const owner = textAt(latest.portfolio, FIELD_COLUMNS.owner, match.row);
      playbook.actions.forEach((action, actionIndex) => {
        out.push({
          customerId, title: action.title, description: action.description, priority: action.priority, owner,
          playbookId: playbook.id, playbookName: playbook.name, actionIndex, since: match.since,
          cause: taskCause(playbook.id, actionIndex, customerId, match.since),
          createdOn: today, dueOn: today + action.dueInDays, createdAt: now, status: 'open',
        });
      });
    }
  }
  return out;
}

/** How many customers each playbook matches at the latest day, and its open tasks. */
export function playbookInfos(
  playbooks: readonly Playbook[],
  days: readonly PlaybookDay[],
  bands: readonly BandInfo[],
  tasks: readonly TaskRecord[],
): PlaybookInfo[] {
  const open = new Map<string, number>();
  for (const task of tasks) if (task.status === 'open' && task.playbookId !== undefined) open.set(task.playbookId, (open.get(task.playbookId) ?? 0) + 1);
  const latest = days.at(-1);
  const recent = days.slice(-2);
  const links = linkDays(recent);
  return playbooks.map((playbook) => ({
    playbook,
    // Only the latest day counts here: the run's first day does not change who matches.
    matching: latest ? playbookMatches(playbook, recent, bands, links).length : 0,
    openTasks: open.get(playbook.id) ?? 0,
    unknown: latest ? unknownNames(playbook, latest.portfolio, bands) : [],
  }));
}

/** A stored task as the UI lists it, with the customer's name and row in the current portfolio. */
export function taskInfo(task: TaskRecord, rowOf: ReadonlyMap<string, number>, names: (row: number) => string): TaskInfo {
  const row = rowOf.get(task.customerId) ?? -1;
  return {
    id: task.id,
    customerId: task.customerId,
    customerName: row >= 0 ? names(row) || task.customerId : task.customerId,
    row,
    owner: task.owner,
    title: task.title,
    description: task.description,
    priority: task.priority,
    playbookId: task.playbookId ?? null,
    playbookName: task.playbookName ?? '',
    since: task.since ?? null,
    createdOn: task.createdOn,
    dueOn: task.dueOn,
    status: task.status,
    note: task.note ?? '',
    ...(task.closedAt !== undefined ? { closedAt: task.closedAt } : {}),
  };
}

/** Open tasks soonest due first (then higher priority, then oldest); closed ones latest closed first. */
export function taskOrder(a: TaskRecord, b: TaskRecord): number {
  if (a.status === 'open' && b.status === 'open') return a.dueOn - b.dueOn || PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || a.id - b.id;
  if (a.status === 'open') return -1;
  if (b.status === 'open') return 1;
  return (b.closedAt ?? 0) - (a.closedAt ?? 0) || b.id - a.id;
}

const PRIORITY_RANK = { high: 0, normal: 1, low: 2 } as const;
