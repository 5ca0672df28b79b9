/**
 * What the data screen asks the browser about its storage, beyond `src/data/storage.ts`
 * (`estimateStorage`, `requestPersistence`): whether the data is already kept for good, and when
 * the space is nearly used up.
 */
import type { StorageEstimateBytes } from '../../data/storage';

/** Above this share of the quota the screen warns, and says what to free. */
export const NEARLY_FULL = 0.8;

/**
 * `navigator.storage.persisted()`: `true` if the browser will not evict this origin's data under
 * storage pressure, `null` where the browser cannot tell.
 */
export async function isPersisted(): Promise<boolean | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (typeof storage?.persisted !== 'function') return null;
  return storage.persisted();
}

/** The share (0–1) of the quota in use; 0 with no quota to measure against. */
export function usedShare(estimate: StorageEstimateBytes): number {
  return estimate.quota > 0 ? Math.min(1, estimate.usage / estimate.quota) : 0;
}
