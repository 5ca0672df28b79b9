/**
 * The browser's storage quota and persistence, where the browser offers them (`navigator.storage`
 * is missing in old browsers, some private modes and Node). Thin wrappers, so the app can show
 * "x MB of y used" and ask to keep the data, and tests can stub `navigator`.
 */

/** Bytes used by this origin and the bytes it may use. */
export interface StorageEstimateBytes {
  readonly usage: number;
  readonly quota: number;
}

function storageManager(): StorageManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** `navigator.storage.estimate()` in bytes; `null` where the browser cannot tell. */
export async function estimateStorage(): Promise<StorageEstimateBytes | null> {
  const storage = storageManager();
  if (typeof storage?.estimate !== 'function') return null;
  const { usage, quota } = await storage.estimate();
  return usage === undefined || quota === undefined ? null : { usage, quota };
}

/**
 * Asks the browser not to evict this origin's data under storage pressure
 * (`navigator.storage.persist()`). `true` if granted (or already persistent), `false` if refused
 * or not supported.
 */
export async function requestPersistence(): Promise<boolean> {
  const storage = storageManager();
  if (typeof storage?.persist !== 'function') return false;
  return storage.persist();
}
