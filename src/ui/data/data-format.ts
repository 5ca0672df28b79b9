/** Sizes and moments as the data screen shows them, in the user's language (Intl). */

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * Bytes in the largest decimal unit (1 kB = 1,000 bytes, as the browsers' own settings count)
 * that keeps the number at 1 or more, with one decimal: "12.4 MB", "2,1 GB".
 */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  // 999.96 kB would print as "1,000 kB": move up a unit before rounding does.
  while (unit < UNITS.length - 1 && value >= (unit === 0 ? 1000 : 999.95)) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

/** A moment (ms since the epoch) as a date and time on this device's clock: "Nov 23, 2026, 3:05 PM". */
export function formatMoment(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** An ISO timestamp (as a backup's header carries it) as `formatMoment` shows it; left as written if it is not one. */
export function formatTimestamp(iso: string, locale: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatMoment(ms, locale);
}
