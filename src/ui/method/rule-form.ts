/**
 * The rule editor's fields as the user types them (text, in the user's number format), read back
 * into a rule: a rule the model format accepts, or a message beside each field that is wrong. The
 * draft only ever gets a rule that reads, so a half-typed number never reaches it.
 */
import type { ScoringRule } from '../../engine';
import type { Locale, MessageKey } from '../../i18n';
import type { RuleChoice } from './categorize';

export interface RuleForm {
  readonly worst: string;
  readonly best: string;
  readonly a: string;
  readonly b: string;
  readonly lo: string;
  readonly hi: string;
  readonly yes: string;
  readonly no: string;
  /** Every step but the last. */
  readonly steps: readonly { readonly upTo: string; readonly points: string }[];
  /** The last step's points (values above every other step). */
  readonly last: string;
  readonly labels: readonly { readonly label: string; readonly points: string }[];
}

/** What is wrong with one field: a message key and its parameters. */
export interface FieldError {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string>>;
}

/** Field names: `worst`, `a`, `steps.2.upTo`, `labels.0.label`… */
export type FieldErrors = Readonly<Record<string, FieldError>>;

/** A number for a field: the language's decimal mark, no grouping. */
export function fieldNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 }).format(n).replace('\u2212', '-');
}

/**
 * Reads a number typed in the user's language: `12,5` in Portuguese and Spanish (a dot is then a
 * thousands mark, unless there is no comma), `12.5` or `1,200.5` in English; a true minus too.
 */
export function parseFieldNumber(text: string, locale: Locale): number | undefined {
  let t = text.trim().replace(/\s/g, '').replace('\u2212', '-');
  if (t === '') return undefined;
  if (locale === 'en') t = t.replace(/,/g, '');
  else if (t.includes(',')) t = t.replace(/\./g, '').replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  return Number(t) + 0;
}

const EMPTY: RuleForm = { worst: '', best: '', a: '', b: '', lo: '', hi: '', yes: '', no: '', steps: [], last: '', labels: [] };

/** The fields of `rule`. */
export function formOf(rule: ScoringRule, locale: Locale): RuleForm {
  const n = (x: number) => fieldNumber(x, locale);
  switch (rule.type) {
    case 'linear':
      return { ...EMPTY, worst: n(rule.worst), best: n(rule.best) };
    case 'range':
      return { ...EMPTY, a: n(rule.ideal[0]), b: n(rule.ideal[1]), lo: n(rule.zeroAt[0]), hi: n(rule.zeroAt[1]) };
    case 'steps':
      return {
        ...EMPTY,
        steps: rule.steps.slice(0, -1).map((s) => ({ upTo: n(s.upTo ?? 0), points: n(s.points) })),
        last: n(rule.steps.at(-1)?.points ?? 0),
      };
    case 'boolean':
      return { ...EMPTY, yes: n(rule.true), no: n(rule.false) };
    case 'map':
      return { ...EMPTY, labels: Object.entries(rule.points).map(([label, points]) => ({ label, points: n(points) })) };
  }
}

/** Reads the fields of `choice` into a rule; with any error, no rule and every error by field. */
export function readForm(choice: RuleChoice, form: RuleForm, locale: Locale): { rule: ScoringRule | null; errors: FieldErrors } {
  const errors: Record<string, FieldError> = {};
  const example = fieldNumber(12.5, locale);
  const num = (field: string, text: string): number => {
    const value = parseFieldNumber(text, locale);
    if (value === undefined) errors[field] = { key: 'categorize.error.number', params: { example } };
    return value ?? Number.NaN;
  };
  const pts = (field: string, text: string): number => {
    const value = parseFieldNumber(text, locale);
    if (value === undefined || value < 0 || value > 100) errors[field] = { key: 'categorize.error.points' };
    return value ?? Number.NaN;
  };
  let rule: ScoringRule | null = null;
  switch (choice) {
    case 'up':
    case 'down': {
      // "Lower is better" is the same line with 0 points at the high end: the fields keep their meaning.
      const worst = num('worst', form.worst);
      const best = num('best', form.best);
      if (!errors['worst'] && !errors['best'] && worst === best) errors['best'] = { key: 'categorize.error.differ' };
      rule = { type: 'linear', worst, best };
      break;
    }
    case 'range': {
      const [a, b, lo, hi] = [num('a', form.a), num('b', form.b), num('lo', form.lo), num('hi', form.hi)];
      if (!errors['a'] && !errors['b'] && b < a) errors['b'] = { key: 'categorize.error.idealOrder' };
      if (!errors['a'] && !errors['lo'] && lo > a) errors['lo'] = { key: 'categorize.error.zeroLow' };
      if (!errors['b'] && !errors['hi'] && hi < b) errors['hi'] = { key: 'categorize.error.zeroHigh' };
      if (!errors['lo'] && !errors['hi'] && lo === hi) errors['hi'] = { key: 'categorize.error.zeroSpan' };
      rule = { type: 'range', ideal: [a, b], zeroAt: [lo, hi] };
      break;
    }
    case 'steps': {
      let previous: number | undefined;
      const steps = form.steps.map((s, k) => {
        const upTo = num(`steps.${k}.upTo`, s.upTo);
        if (!Number.isNaN(upTo) && previous !== undefined && upTo <= previous) {
          errors[`steps.${k}.upTo`] = { key: 'categorize.error.stepOrder', params: { previous: fieldNumber(previous, locale) } };
        }
        if (!Number.isNaN(upTo)) previous = upTo;
        return { upTo, points: pts(`steps.${k}.points`, s.points) };
      });
      rule = { type: 'steps', steps: [...steps, { points: pts('last', form.last) }] };
      break;
    }
    case 'boolean':
      rule = { type: 'boolean', true: pts('yes', form.yes), false: pts('no', form.no) };
      break;
    case 'map': {
      const seen = new Set<string>();
      const entries = form.labels.map((l, k): [string, number] => {
        const key = l.label.trim().toLowerCase();
        if (key === '') errors[`labels.${k}.label`] = { key: 'categorize.error.labelEmpty' };
        else if (seen.has(key)) errors[`labels.${k}.label`] = { key: 'categorize.error.labelTwice' };
        seen.add(key);
        return [l.label.trim(), pts(`labels.${k}.points`, l.points)];
      });
      if (entries.length === 0) errors['labels'] = { key: 'categorize.error.labelEmpty' };
      rule = { type: 'map', points: Object.fromEntries(entries) };
      break;
    }
  }
  return Object.keys(errors).length > 0 ? { rule: null, errors } : { rule, errors };
}

/** The age limit typed: `undefined` for none, a whole number of days, or `null` when it is not one. */
export function readMaxAge(text: string, locale: Locale): number | undefined | null {
  if (text.trim() === '') return undefined;
  const days = parseFieldNumber(text, locale);
  return days !== undefined && Number.isInteger(days) && days >= 0 ? days : null;
}
