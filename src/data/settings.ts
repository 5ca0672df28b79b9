/**
 * Settings: small values the app keeps on this device (language, choices made in the wizard, the
 * column mapping remembered per file layout), one row per key. Values must be JSON values, as a
 * backup writes them as JSON.
 */
import Dexie from 'dexie';
import { storageError } from './storage-error';
import type { PulsoDb } from './db';

/**
 * Whether `value` survives JSON: texts, finite numbers, booleans, null, arrays and plain objects
 * of them. A property set to `undefined` is allowed (JSON leaves it out, which reads back the same).
 */
function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((item) => item === undefined || isJsonValue(item, depth + 1));
}

/** The value stored under `key`, or `undefined` if none. The caller vouches for its type `T`. */
export async function getSetting<T>(db: PulsoDb, key: string): Promise<T | undefined> {
  try {
    return (await db.settings.get(key))?.value as T | undefined;
  } catch (error) {
    throw storageError(error);
  }
}

/**
 * Stores `value` under `key`, replacing what was there. Throws a plain `Error` if `value` is not
 * a JSON value (a `Map`, a `Date`, `NaN`, `undefined`…: a backup could not carry it).
 */
export async function putSetting(db: PulsoDb, key: string, value: unknown): Promise<void> {
  if (!isJsonValue(value)) throw new Error(`putSetting(): the value of ${JSON.stringify(key)} is not a JSON value (texts, finite numbers, booleans, null, lists and plain objects)`);
  try {
    await db.settings.put({ key, value });
  } catch (error) {
    throw storageError(error);
  }
}

/** The settings key of the mapping remembered for a file layout. */
export function mappingKey(layoutKey: string): string {
  return `mapping:${layoutKey}`;
}

/** Remembers the column mapping chosen for files of this layout (io's layout key: the same headers). */
export function rememberMapping(db: PulsoDb, layoutKey: string, mapping: unknown): Promise<void> {
  return putSetting(db, mappingKey(layoutKey), mapping);
}

/** The mapping remembered for this layout, or `undefined`. The caller checks it still fits (the model may have changed). */
export function recallMapping<T = unknown>(db: PulsoDb, layoutKey: string): Promise<T | undefined> {
  return getSetting<T>(db, mappingKey(layoutKey));
}

/** Where the model in use is kept (its `health-model/v1` file's text): in backups with the other settings. */
export const MODEL_SETTING = 'model';

/**
 * The stored model file's text, or `undefined` when none was chosen. On a first visit (no
 * database yet) it answers without creating the database, so the demo does not wait for that.
 */
export async function recallModel(db: PulsoDb): Promise<string | undefined> {
  if (!db.isOpen() && !(await Dexie.exists(db.name))) return undefined;
  const text = await getSetting<unknown>(db, MODEL_SETTING);
  return typeof text === 'string' ? text : undefined;
}

/** The method wizard's progress (`{step, draft, savedAt}`): kept so the wizard resumes where the user left it. */
export const METHOD_SETTING = 'method';

/** What the team does for each band, by band id (text the user wrote; absent: the default for the language). */
export const BAND_ACTIONS_SETTING = 'bandActions';
/** Where the revision history of the model is kept (see `recordRevision`): in backups with the other settings. */
export const MODEL_REVISIONS_SETTING = 'modelRevisions';

/** Revisions kept: the oldest beyond these are forgotten. */
export const REVISIONS_KEPT = 100;

/** A model that was put in use: its revision (content hash), name, when (ms since the epoch), and the model itself. */
export interface ModelRevisionRecord {
  readonly revision: string;
  readonly name: string;
  readonly savedAt: number;
  /** The model as a JSON value (a `health-model/v1` file's content). */
  readonly model: unknown;
}

function isRevisionRecord(value: unknown): value is ModelRevisionRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r['revision'] === 'string' && typeof r['name'] === 'string' && typeof r['savedAt'] === 'number' && typeof r['model'] === 'object' && r['model'] !== null;
}

/**
 * The revisions put in use on this device, newest first (what a restored backup holds too).
 * Entries that are not revision records are skipped; the caller checks each model before using it.
 */
export async function recallRevisions(db: PulsoDb): Promise<ModelRevisionRecord[]> {
  if (!db.isOpen() && !(await Dexie.exists(db.name))) return [];
  const stored = await getSetting<unknown>(db, MODEL_REVISIONS_SETTING);
  return Array.isArray(stored) ? stored.filter(isRevisionRecord) : [];
}

/**
 * Records that the revisions `entries` were put in use (the first newest), in front of the
 * history: each revision once (an older entry of the same revision is dropped), at most
 * `REVISIONS_KEPT`. Gives the history as stored.
 */
export async function recordRevisions(db: PulsoDb, entries: readonly ModelRevisionRecord[]): Promise<ModelRevisionRecord[]> {
  const fresh = new Set(entries.map((e) => e.revision));
  const history = [...entries, ...(await recallRevisions(db)).filter((r) => !fresh.has(r.revision))].slice(0, REVISIONS_KEPT);
  await putSetting(db, MODEL_REVISIONS_SETTING, history);
  return history;
}
