/** Building a playbook in the editor: a new one, a new trigger of a kind, a fresh id. */
import type { BandInfo, ColumnKind, Playbook, PlaybookTrigger, PlaybookTriggerKind } from '../../engine';
import type { DataColumn } from '../../worker/api';

/** An id no playbook in `taken` has: `playbook-1`, `playbook-2`… */
export function newPlaybookId(taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const id = `playbook-${n}`;
    if (!taken.includes(id)) return id;
  }
}

/** A new playbook: one trigger (the worst band), one task of normal priority due in a week. */
export function blankPlaybook(id: string, bands: readonly BandInfo[], texts: { readonly name: string; readonly title: string }): Playbook {
  return {
    id,
    name: texts.name,
    enabled: true,
    match: 'all',
    triggers: [newTrigger('in-band', bands, [])],
    actions: [{ kind: 'task', title: texts.title, description: '', dueInDays: 7, priority: 'normal' }],
  };
}

/** The bands a customer can be ranked in (not `insufficient`). */
export function rankedBands(bands: readonly BandInfo[]): readonly BandInfo[] {
  return bands.filter((b) => b.id !== 'insufficient');
}

/** A trigger of `kind` with starting values that make sense for the data (the first band, the first number column…). */
export function newTrigger(kind: PlaybookTriggerKind, bands: readonly BandInfo[], columns: readonly DataColumn[]): PlaybookTrigger {
  const first = rankedBands(bands)[0]?.id ?? 'red';
  switch (kind) {
    case 'in-band':
    case 'enters-band':
      return { kind, band: first };
    case 'band-drop':
      return { kind };
    case 'score-fall':
      return { kind, points: 10 };
    case 'renewal-within':
      return { kind, days: 90 };
    case 'field':
      return { kind, field: 'segment', values: [] };
    case 'indicator': {
      const column = columns.find((c) => c.kind === 'number') ?? columns[0];
      return column ? indicatorFor(column.column, column.kind) : { kind, column: '', op: 'ge', value: 0 };
    }
  }
}

/** An indicator trigger on `column` with a test that fits its kind (days since, for a date). */
export function indicatorFor(column: string, kind: ColumnKind | undefined): PlaybookTrigger {
  switch (kind) {
    case 'boolean':
      return { kind: 'indicator', column, op: 'eq', value: false };
    case 'text':
      return { kind: 'indicator', column, op: 'eq', value: '' };
    case 'date':
      return { kind: 'indicator', column, op: 'ge', value: 30, daysSince: true };
    default:
      return { kind: 'indicator', column, op: 'ge', value: 0 };
  }
}

/** Operators that fit a column kind, in the order offered. */
export function opsFor(kind: ColumnKind | undefined): readonly ('lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne' | 'missing')[] {
  if (kind === 'boolean' || kind === 'text') return ['eq', 'ne', 'missing'];
  if (kind === 'date') return ['ge', 'gt', 'le', 'lt', 'missing'];
  return ['ge', 'gt', 'le', 'lt', 'eq', 'ne', 'missing'];
}

/** The distinct non-blank values of a customer field, sorted as the user's language sorts them. */
export function distinctValues(values: readonly string[], locale: string): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v))].sort((a, b) => a.localeCompare(b, locale));
}
