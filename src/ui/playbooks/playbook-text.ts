/**
 * Playbooks in plain words, in the user's language: when one fires ("When: the band is Red AND NPS
 * is 9 or more"), what it does, and what is wrong with a draft, by field.
 */
import { playbookProblems, type BandInfo, type IndicatorOp, type Playbook, type PlaybookTrigger, type TaskAction } from '../../engine';
import type { CountKey, MessageKey } from '../../i18n';
import { bandLabel } from '../shared/bands';

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;
export type TranslateCount = (key: CountKey, n: number, params?: Readonly<Record<string, string | number>>) => string;

/** What the words need to know: the model's bands and the names of its indicators' columns. */
export interface TextContext {
  readonly t: Translate;
  readonly count: TranslateCount;
  readonly bands: readonly BandInfo[];
  /** Column → the label the model gives the indicator reading it. */
  readonly columnLabels: Readonly<Record<string, string>>;
}

/** A band id as the app shows it: its translated label, or the id itself when the model has no such band. */
export function bandName(id: string, bands: readonly BandInfo[], t: Translate): string {
  const band = bands.find((b) => b.id === id);
  return band ? bandLabel(band, t) : id;
}

export function columnName(column: string, ctx: Pick<TextContext, 'columnLabels'>): string {
  return ctx.columnLabels[column] ?? column;
}

const OP_KEYS: Readonly<Record<Exclude<IndicatorOp, 'missing'>, MessageKey>> = {
  lt: 'playbooks.when.lt',
  le: 'playbooks.when.le',
  gt: 'playbooks.when.gt',
  ge: 'playbooks.when.ge',
  eq: 'playbooks.when.eq',
  ne: 'playbooks.when.ne',
};

const DAYS_KEYS: Readonly<Record<Exclude<IndicatorOp, 'missing'>, MessageKey>> = {
  lt: 'playbooks.when.days.lt',
  le: 'playbooks.when.days.le',
  gt: 'playbooks.when.days.gt',
  ge: 'playbooks.when.days.ge',
  eq: 'playbooks.when.days.eq',
  ne: 'playbooks.when.days.ne',
};

function valueText(value: number | boolean | string | undefined, t: Translate): string {
  if (value === true || value === 'true') return t('playbooks.value.yes');
  if (value === false || value === 'false') return t('playbooks.value.no');
  return typeof value === 'string' ? `“${value}”` : String(value ?? '');
}

/** One trigger in words: "the band is Red", "NPS is 9 or more". */
export function triggerText(trigger: PlaybookTrigger, ctx: TextContext): string {
  const { t } = ctx;
  const band = (id: string) => bandName(id, ctx.bands, t);
  switch (trigger.kind) {
    case 'in-band':
      return t('playbooks.when.inBand', { band: band(trigger.band) });
    case 'enters-band':
      return t('playbooks.when.entersBand', { band: band(trigger.band) });
    case 'band-drop':
      if (trigger.from && trigger.to) return t('playbooks.when.dropFromTo', { from: band(trigger.from), to: band(trigger.to) });
      if (trigger.from) return t('playbooks.when.dropFrom', { from: band(trigger.from) });
      if (trigger.to) return t('playbooks.when.dropTo', { to: band(trigger.to) });
      return t('playbooks.when.drop');
    case 'score-fall':
      return ctx.count('playbooks.when.scoreFall', trigger.points);
    case 'renewal-within':
      return ctx.count('playbooks.when.renewal', trigger.days);
    case 'field': {
      const values = trigger.values.filter((v) => v.trim()).map((v) => `“${v.trim()}”`).join(t('playbooks.when.or'));
      return t(`playbooks.when.field.${trigger.field}`, { values });
    }
    case 'indicator': {
      const column = columnName(trigger.column, ctx);
      if (trigger.op === 'missing') return t('playbooks.when.missing', { column });
      const key = trigger.daysSince ? DAYS_KEYS[trigger.op] : OP_KEYS[trigger.op];
      return t(key, { column, value: valueText(trigger.value, t) });
    }
  }
}

/** When the playbook fires: "When: the band is Red AND NPS is 9 or more". */
export function whenText(playbook: Playbook, ctx: TextContext): string {
  const joiner = ctx.t(playbook.match === 'all' ? 'playbooks.and' : 'playbooks.or');
  return ctx.t('playbooks.when', { conditions: playbook.triggers.map((trigger) => triggerText(trigger, ctx)).join(` ${joiner} `) });
}

/** What one action does: "Creates a task: ‘Contact now…’, high priority, due in 2 days, for the customer's owner". */
export function actionText(action: TaskAction, ctx: TextContext): string {
  return ctx.t('playbooks.does', {
    title: action.title,
    priority: ctx.t(`playbooks.priority.${action.priority}`),
    due: action.dueInDays === 0 ? ctx.t('playbooks.dueToday') : ctx.count('playbooks.dueIn', action.dueInDays),
  });
}

/**
 * What is wrong with a draft, by field path (`name`, `triggers[0].points`, `actions[0].title`),
 * in the user's language. Empty: it can be saved.
 */
export function draftProblems(playbook: Playbook, t: Translate): Map<string, string> {
  const out = new Map<string, string>();
  for (const problem of playbookProblems(playbook)) {
    const space = problem.indexOf(' ');
    const path = problem.slice(0, space);
    const rest = problem.slice(space + 1);
    const min = /whole number of (\d+)/.exec(rest)?.[1];
    let message: string;
    if (path === 'triggers') message = t('playbooks.problem.noTrigger');
    else if (path === 'actions') message = t('playbooks.problem.noAction');
    else if (min !== undefined) message = t('playbooks.problem.whole', { min });
    else if (path.endsWith('.values')) message = t('playbooks.problem.values');
    else if (path.endsWith('.band') || path.endsWith('.column')) message = t(path.endsWith('.band') ? 'playbooks.problem.band' : 'playbooks.problem.column');
    else if (rest.startsWith('must be a number')) message = t('playbooks.problem.number');
    else if (rest.startsWith('must be given')) message = t('playbooks.problem.value');
    else if (path === 'name') message = t('playbooks.problem.name');
    else if (path.endsWith('.title')) message = t('playbooks.problem.title');
    else message = t('playbooks.problem.other', { what: problem });
    if (!out.has(path)) out.set(path, message);
  }
  return out;
}
