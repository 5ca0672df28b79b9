/**
 * Values on the customer page as people read them: numbers in their language, yes/no in words,
 * dates as dates, labels as written.
 */
import type { ColumnKind } from '../../engine';
import type { MessageKey } from '../../i18n';
import { formatDay } from '../format';

/** A number with at most `digits` decimals, in the user's grouping ("1.234,5"). */
export function formatDecimal(n: number, locale: string, digits = 1): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

/** Score points an indicator costs, as a loss with one decimal: "−12.3" ("0" when nothing is lost). */
export function formatCost(points: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(-points).replace('-', '\u2212');
}

/**
 * A stored or explained value: `kind` `date` makes a number an epoch day (a date); yes/no and
 * numbers are written in the user's language; labels stay as written.
 */
export function formatValue(
  value: number | boolean | string,
  kind: ColumnKind | undefined,
  locale: string,
  t: (key: MessageKey) => string,
): string {
  if (typeof value === 'boolean') return t(value ? 'customer.value.yes' : 'customer.value.no');
  if (typeof value === 'string') return value;
  if (kind === 'date') return formatDay(value, locale);
  return formatDecimal(value, locale, 2);
}
