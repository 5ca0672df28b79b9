/** A failed call to the worker, said plainly: the data screen never fails silently. */
import type { MessageKey } from '../../i18n';

type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/**
 * The message for `error`, by its `name` (`src/data` names storage errors after their cause, and
 * comlink keeps the name across the worker boundary): out of space (nothing changed), the
 * database closed by another tab, or anything else with its own message as details.
 */
export function describeError(error: unknown, t: Translate): string {
  const name = error instanceof Error ? error.name : undefined;
  if (name === 'QuotaExceededError') return t('data.error.quota');
  if (name === 'DatabaseClosedError') return t('data.error.closed');
  return t('data.error.other', { message: error instanceof Error ? error.message : String(error) });
}
