/** Errors from IndexedDB and Dexie, made plain for the app. */

/** `value[key]` if `value` is an object (errors from IndexedDB and Dexie are not always `Error`s). */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * A failed read or write as one plain `Error` whose `name` is the root cause's
 * (`QuotaExceededError`, `DatabaseClosedError`, `ConstraintError`…), so the app can tell "the disk
 * is full" from the rest without knowing Dexie. The original error is its `cause`.
 */
export function storageError(error: unknown): Error {
  let root = error;
  // Bounded: a wrapper that (wrongly) wraps itself must not hang the app.
  for (let depth = 0; depth < 8; depth++) {
    // Dexie wraps the real cause: a transaction abort, or its own copy of a DOMException, in
    // `inner`; a failed bulk write in `failures`.
    const name = field(root, 'name');
    const inner = field(root, 'inner');
    const failures = field(root, 'failures');
    if (inner && (name === 'AbortError' || field(inner, 'name') === name)) root = inner;
    else if (name === 'BulkError' && Array.isArray(failures) && failures[0]) root = failures[0];
    else break;
  }
  const name = field(root, 'name');
  const message = field(root, 'message');
  const out = new Error(typeof message === 'string' ? message : String(root), { cause: error });
  out.name = typeof name === 'string' ? name : 'Error';
  return out;
}
