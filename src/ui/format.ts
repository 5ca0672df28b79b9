/**
 * Numbers and dates in the user's language (Intl), the one place the UI formats them.
 * Epoch days are calendar dates: formatted in UTC so no time zone moves them.
 */
import type { EpochDay } from '../engine';

const DAY_MS = 86_400_000;

export function formatInteger(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** A share 0–1 as a whole percentage ("25%", "25 %"). */
export function formatShare(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A mean score to one decimal ("63.4", "63,4"); "—" when there is none (`NaN`). */
export function formatMean(x: number, locale: string): string {
  return Number.isNaN(x) ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x);
}

/** A signed whole number with a typographic minus: "+3", "−12", "0". */
export function formatDelta(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(n).replace('-', '\u2212');
}

/** Money without cents, in the user's grouping; the portfolio's currency is not known, so no symbol. */
export function formatAmount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

export function formatDay(day: EpochDay, locale: string, style: 'medium' | 'long' = 'medium'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(new Date(day * DAY_MS));
}

/** Today's calendar date on this device, as an epoch day. */
export function today(now: Date = new Date()): EpochDay {
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS;
}
