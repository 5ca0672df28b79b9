/**
 * The calibration's figures as the user's locale writes them: an AUC to two decimals ("0,78" in
 * pt-BR), a churn rate as a percentage to one decimal at most, a ratio with "×".
 */

/** An AUC (0–1) to two decimals. */
export function formatAuc(x: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);
}

/** A rate 0–1 as a percentage with at most one decimal ("12.5%"); "—" for `NaN`. */
export function formatRate(x: number, locale: string): string {
  return Number.isNaN(x) ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(x);
}

/** A ratio to one decimal ("3.4"), without its sign: the messages write "×". */
export function formatRatio(x: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x);
}
