/**
 * How the tasks screens sort and group tasks: by due day against the device's today, soonest
 * first; filtered by owner. Pure: the screens pass today in.
 */
import type { EpochDay, TaskPriority } from '../../engine';
import type { TaskInfo } from '../../worker/api';

export type DueGroup = 'overdue' | 'today' | 'upcoming';

export const DUE_GROUPS: readonly DueGroup[] = ['overdue', 'today', 'upcoming'];

export function dueGroup(dueOn: EpochDay, today: EpochDay): DueGroup {
  return dueOn < today ? 'overdue' : dueOn === today ? 'today' : 'upcoming';
}

const RANK: Readonly<Record<TaskPriority, number>> = { high: 0, normal: 1, low: 2 };

/** Soonest due first; on the same day the higher priority, then by title. */
export function byDue(a: TaskInfo, b: TaskInfo): number {
  return a.dueOn - b.dueOn || RANK[a.priority] - RANK[b.priority] || a.title.localeCompare(b.title) || a.id - b.id;
}

/** Which owner's tasks to show: `null` every owner's, `''` those assigned to no one. */
export type OwnerFilter = string | null;

/** The `?owner=` of the tasks route as a filter (absent: every owner). */
export function ownerFromParams(params: Readonly<Record<string, string>>): OwnerFilter {
  return 'owner' in params ? params.owner! : null;
}

export function ownerParams(owner: OwnerFilter): Record<string, string> {
  return owner === null ? {} : { owner };
}

export function matchesOwner(task: TaskInfo, owner: OwnerFilter): boolean {
  return owner === null || task.owner === owner;
}

/** The owners named in `tasks`, sorted in the user's language; whether some task has none. */
export function ownersOf(tasks: readonly TaskInfo[], locale: string): { names: string[]; unassigned: boolean } {
  const names = new Set<string>();
  let unassigned = false;
  for (const task of tasks) {
    if (task.owner) names.add(task.owner);
    else unassigned = true;
  }
  return { names: [...names].sort((a, b) => a.localeCompare(b, locale)), unassigned };
}

/** `tasks` in the three groups, each soonest first. */
export function groupTasks(tasks: readonly TaskInfo[], today: EpochDay): Record<DueGroup, TaskInfo[]> {
  const groups: Record<DueGroup, TaskInfo[]> = { overdue: [], today: [], upcoming: [] };
  for (const task of [...tasks].sort(byDue)) groups[dueGroup(task.dueOn, today)].push(task);
  return groups;
}

/** A description longer than this is folded to its first lines, with "Show more". */
export const FOLD_AT = 160;
