/**
 * The manual entry form's rules, apart from its markup: which indicators get big buttons, how a
 * typed number is read in the user's language, and when a draft is a valid `NewEntry`.
 */
import type { EpochDay } from '../../engine';
import type { Locale, MessageKey } from '../../i18n';
import type { EntryTarget, NewEntry } from '../../worker/api';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an epoch day (what a date input holds). */
export function isoDay(day: EpochDay): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The epoch day of a date input's `YYYY-MM-DD`; `undefined` for anything else or a date that does not exist. */
export function parseDay(text: string): EpochDay | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.getTime() / DAY_MS;
}

/** True where the locale writes `1,5` for one and a half (pt-BR, es). */
export function usesDecimalComma(locale: string): boolean {
  return new Intl.NumberFormat(locale).format(1.5).includes(',');
}

/**
 * A number as a person types it in `locale`: `3,5` and `1.234,5` in pt-BR and es, `3.5` and
 * `1,234.5` in English. Where both separators appear, the last one is the decimal; a lone
 * separator followed by groups of exactly three digits (`1.234` in pt-BR, `1,234` in English) is
 * the locale's thousands separator, anything else a decimal (a tablet keyboard may offer either).
 * Spaces, a leading `+` and the typographic minus are accepted. `undefined` if it is not a number.
 */
export function parseDecimal(text: string, locale: string): number | undefined {
  let t = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-');
  if (t === '') return undefined;
  const comma = t.lastIndexOf(',');
  const dot = t.lastIndexOf('.');
  const thousands = usesDecimalComma(locale) ? '.' : ',';
  if (comma >= 0 && dot >= 0) {
    const decimal = comma > dot ? ',' : '.';
    t = t.replaceAll(decimal === ',' ? '.' : ',', '').replace(decimal, '.');
  } else if (comma >= 0 || dot >= 0) {
    const separator = comma >= 0 ? ',' : '.';
    const grouped = new RegExp(`^[+-]?\\d{1,3}(\\${separator}\\d{3})+$`).test(t);
    t = separator === thousands && grouped ? t.replaceAll(separator, '') : t.replace(separator, '.');
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

/** Inputs common enough to get a big button of their own in "what do you want to record?". */
const COMMON_INPUTS: readonly EntryTarget['input'][] = ['sentiment', 'nps', 'csat'];

/** The targets offered as big buttons (CSM sentiment, NPS, CSAT), in that order. */
export function commonTargets(targets: readonly EntryTarget[]): EntryTarget[] {
  return COMMON_INPUTS.flatMap((input) => targets.filter((t) => t.input === input));
}

/** The other targets, for the select, in the worker's order. */
export function otherTargets(targets: readonly EntryTarget[]): EntryTarget[] {
  return targets.filter((t) => !COMMON_INPUTS.includes(t.input));
}

/**
 * The sentiment words of the starter models in each language. A model that knows all of the
 * user's words (the starter models accept the sentiment in English, Portuguese and Spanish) shows
 * only those; the others stay one tap away.
 */
const SENTIMENT_WORDS: Readonly<Record<Locale, readonly string[]>> = {
  en: ['very happy', 'happy', 'neutral', 'unhappy', 'very unhappy'],
  'pt-BR': ['muito satisfeito', 'satisfeito', 'neutro', 'insatisfeito', 'muito insatisfeito'],
  es: ['muy satisfecho', 'satisfecho', 'neutral', 'insatisfecho', 'muy insatisfecho'],
};

const normalize = (label: string) => label.trim().toLowerCase();

/**
 * The labels to offer for a sentiment: those in the user's language, best first, when the model
 * knows them all (`shown`), and the rest in the model's order (`more`); otherwise every label, in
 * the model's order.
 */
export function sentimentLabels(labels: readonly string[], locale: Locale): { shown: string[]; more: string[] } {
  const words = SENTIMENT_WORDS[locale];
  const mine = words.flatMap((w) => labels.filter((l) => normalize(l) === w).slice(0, 1));
  if (mine.length < words.length) return { shown: [...labels], more: [] };
  return { shown: mine, more: labels.filter((l) => !words.includes(normalize(l))) };
}

/** The form as the user left it. */
export interface EntryDraft {
  readonly customerId: string;
  /** What is entered: an indicator, a note on its own, or nothing chosen yet. */
  readonly what: EntryTarget | 'note' | null;
  /** The value as its input holds it: a chosen option (label, number, yes/no), or typed text. */
  readonly value: string | number | boolean | null;
  readonly note: string;
  /** The date input's text, `YYYY-MM-DD`. */
  readonly day: string;
}

export type EntryField = 'what' | 'value' | 'note' | 'day';

/** What is wrong, per field, as message keys (the number message takes an `{example}`). */
export type EntryErrors = Partial<Record<EntryField, MessageKey>>;

export type EntryCheck = { readonly ok: true; readonly entry: NewEntry } | { readonly ok: false; readonly errors: EntryErrors };

function checkValue(target: EntryTarget, value: EntryDraft['value'], locale: Locale): { value: NewEntry['value'] } | { error: MessageKey } {
  switch (target.input) {
    case 'nps':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10 ? { value } : { error: 'customer.entry.error.nps' };
    case 'csat':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5 ? { value } : { error: 'customer.entry.error.csat' };
    case 'sentiment':
      return typeof value === 'string' && value.trim() !== '' ? { value } : { error: 'customer.entry.error.sentiment' };
    case 'boolean':
      return typeof value === 'boolean' ? { value } : { error: 'customer.entry.error.boolean' };
    case 'number': {
      const n = typeof value === 'string' ? parseDecimal(value, locale) : undefined;
      return n === undefined ? { error: 'customer.entry.error.number' } : { value: n };
    }
    case 'date': {
      const day = typeof value === 'string' ? parseDay(value) : undefined;
      return day === undefined ? { error: 'customer.entry.error.date' } : { value: day };
    }
    case 'text':
      return typeof value === 'string' && value.trim() !== '' ? { value: value.trim() } : { error: 'customer.entry.error.text' };
  }
}

/**
 * The entry a draft makes, or what is wrong with it, field by field. A value needs its
 * indicator; a note may stand alone ("Note"); the day must be a real date, not after `today`.
 */
export function checkEntry(draft: EntryDraft, context: { readonly today: EpochDay; readonly locale: Locale }): EntryCheck {
  const errors: EntryErrors = {};
  const day = parseDay(draft.day);
  if (day === undefined) errors.day = 'customer.entry.error.day';
  else if (day > context.today) errors.day = 'customer.entry.error.future';
  const note = draft.note.trim();
  let value: { column: string; value: NewEntry['value'] } | null = null;
  if (draft.what === null) errors.what = 'customer.entry.error.choose';
  else if (draft.what === 'note') {
    if (note === '') errors.note = 'customer.entry.error.note';
  } else {
    const checked = checkValue(draft.what, draft.value, context.locale);
    if ('error' in checked) errors.value = checked.error;
    else value = { column: draft.what.column, value: checked.value };
  }
  if (Object.keys(errors).length > 0 || day === undefined) return { ok: false, errors };
  return { ok: true, entry: { customerId: draft.customerId, day, ...(value ?? {}), ...(note ? { note } : {}) } };
}
