/**
 * The as-of days of an import in a sentence: one day by its date, a few listed, many as a range
 * ("24 days, from 31 January 2024 to 31 December 2025").
 */
import type { EpochDay } from '../../engine';
import type { MessageKey } from '../../i18n';
import { formatInteger } from '../format';
import type { Translator } from './problem-text';

/** The sentence for each case; `{date}`, `{count}` `{days}`, `{first}` and `{last}` are filled in. */
export interface DaysKeys {
  readonly one: MessageKey;
  readonly list: MessageKey;
  readonly range: MessageKey;
}

/** Up to this many days are listed one by one. */
const LISTED = 6;

/** `days` (ascending, at least one) in words; `format` writes one date. */
export function describeDays(days: readonly EpochDay[], keys: DaysKeys, tr: Translator, format: (day: EpochDay) => string): string {
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return '';
  if (days.length === 1) return tr.t(keys.one, { date: format(first) });
  const count = formatInteger(days.length, tr.locale);
  if (days.length <= LISTED) {
    const list = new Intl.ListFormat(tr.locale, { style: 'long', type: 'conjunction' }).format(days.map(format));
    return tr.t(keys.list, { count, days: list });
  }
  return tr.t(keys.range, { count, first: format(first), last: format(last) });
}
