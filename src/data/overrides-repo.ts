/**
 * Overrides: bands set by hand on a customer, with a mandatory reason and an expiry day (DESIGN
 * "Overrides"). One row each (a CSM sets a few; no chunks needed). The worker applies the active
 * ones when it builds the scores it shows; stored score snapshots keep the computed bands.
 */
import { storageError } from './storage-error';
import type { OverrideRecord, PulsoDb } from './db';

/** What `addOverride` takes: an override without its id; `createdAt` defaults to now. */
export type NewOverrideRecord = Omit<OverrideRecord, 'id' | 'createdAt' | 'endedAt'> & { createdAt?: number };

/** A field of an override that is not right, and what is wrong with it. */
export interface OverrideProblem {
  readonly field: string;
  readonly problem: string;
}

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/**
 * The first thing wrong with an override's fields, or `undefined` if it is valid (`id` is not
 * checked here). Shared by `addOverride` and the backup's checks, so that both accept exactly the
 * same overrides:
 *
 * - `customerId` a non-blank text; `band` a non-blank band id other than `insufficient`;
 * - `reason` a non-blank text;
 * - `startsOn` and `expiresOn` whole numbers (days), `expiresOn >= startsOn`;
 * - `createdAt` (when present) and `endedAt` (when present) times in ms.
 */
export function overrideProblem(override: Readonly<Record<string, unknown>>): OverrideProblem | undefined {
  const { customerId, band, reason, startsOn, expiresOn, createdAt, endedAt } = override;
  if (isBlank(customerId)) return { field: 'customerId', problem: 'should be the customer’s id (a non-empty text)' };
  if (isBlank(band)) return { field: 'band', problem: 'should be a band id (a non-empty text)' };
  if (band === 'insufficient') return { field: 'band', problem: 'cannot be “insufficient”: choose a band of the model' };
  if (isBlank(reason)) return { field: 'reason', problem: 'is missing: say why the band is set by hand' };
  if (!Number.isSafeInteger(startsOn)) return { field: 'startsOn', problem: 'should be a day (a whole number of days since 1970-01-01)' };
  if (!Number.isSafeInteger(expiresOn)) return { field: 'expiresOn', problem: 'should be a day (a whole number of days since 1970-01-01)' };
  if ((expiresOn as number) < (startsOn as number)) return { field: 'expiresOn', problem: 'should be on or after the day the override starts' };
  if (createdAt !== undefined && !Number.isFinite(createdAt)) return { field: 'createdAt', problem: 'should be a time (ms since 1970)' };
  if (endedAt !== undefined && !Number.isFinite(endedAt)) return { field: 'endedAt', problem: 'should be a time (ms since 1970)' };
  return undefined;
}

/**
 * Stores an override; resolves to its id. The reason is stored trimmed.
 *
 * Throws a plain `Error` saying which field is wrong (see `overrideProblem`) before touching the
 * database; rejects with an `Error` named after the cause when the write fails.
 */
export async function addOverride(db: PulsoDb, override: NewOverrideRecord): Promise<number> {
  const wrong = overrideProblem(override);
  if (wrong) throw new Error(`addOverride(): ${wrong.field} ${wrong.problem}.`);
  const record: Omit<OverrideRecord, 'id'> = {
    customerId: override.customerId,
    band: override.band,
    reason: override.reason.trim(),
    startsOn: override.startsOn,
    expiresOn: override.expiresOn,
    createdAt: override.createdAt ?? Date.now(),
  };
  try {
    return await db.overrides.add(record);
  } catch (error) {
    throw storageError(error);
  }
}

/** Newest first: the latest set first (`createdAt`, then id). */
function newestFirst(a: OverrideRecord, b: OverrideRecord): number {
  return b.createdAt - a.createdAt || b.id - a.id;
}

/** A customer's overrides, newest first. */
export async function listOverrides(db: PulsoDb, customerId: string): Promise<OverrideRecord[]> {
  try {
    return (await db.overrides.where('customerId').equals(customerId).toArray()).sort(newestFirst);
  } catch (error) {
    throw storageError(error);
  }
}

/** Every override, newest first. */
export async function allOverrides(db: PulsoDb): Promise<OverrideRecord[]> {
  try {
    return (await db.overrides.toArray()).sort(newestFirst);
  } catch (error) {
    throw storageError(error);
  }
}

/**
 * Ends an override early, now (`at`, default the clock): it no longer applies. `false` if there is
 * no such override; an override already ended keeps its first end.
 */
export async function endOverride(db: PulsoDb, id: number, at: number = Date.now()): Promise<boolean> {
  try {
    return await db.transaction('rw', db.overrides, async () => {
      const found = await db.overrides.get(id);
      if (!found) return false;
      if (found.endedAt === undefined) await db.overrides.update(id, { endedAt: at });
      return true;
    });
  } catch (error) {
    throw storageError(error);
  }
}

/** Deletes every override (with the rest of the user's data, see `clearData`). */
export async function clearOverrides(db: PulsoDb): Promise<void> {
  try {
    await db.overrides.clear();
  } catch (error) {
    throw storageError(error);
  }
}
