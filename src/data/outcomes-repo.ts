/**
 * Outcomes: what became of a customer — churned or renewed, and on which day (issue #7,
 * calibration against churn). One row per customer, keyed by the customer's own id: a newer
 * outcome replaces the older. They come from an imported outcomes file (up to one per customer
 * of the portfolio, so tens of thousands at once) or are set by hand on a customer.
 */
import { storageError } from './storage-error';
import type { OutcomeRecord, PulsoDb } from './db';

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storageError(error);
  }
}

/** A field of an outcome that is not right (`''` for the row itself), and what is wrong with it. */
export interface OutcomeFieldProblem {
  readonly field: string;
  readonly problem: string;
}

const STATUSES: readonly unknown[] = ['churned', 'renewed'];
const SOURCES: readonly unknown[] = ['import', 'manual'];

/**
 * The first thing wrong with an outcome, by field (see `outcomeProblem`); the backup's checks
 * use it to name the field in the row's JSON path.
 */
export function outcomeFieldProblem(value: unknown): OutcomeFieldProblem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { field: '', problem: 'is not an outcome (an object with customerId, status, day…)' };
  const row = value as Readonly<Record<string, unknown>>;
  const { customerId, status, day, source, fileName, note, recordedAt } = row;
  if (typeof customerId !== 'string' || customerId.trim() === '') return { field: 'customerId', problem: 'must be the customer’s id (a non-empty text)' };
  if (!STATUSES.includes(status)) return { field: 'status', problem: 'must be churned or renewed' };
  if (!Number.isSafeInteger(day)) return { field: 'day', problem: 'must be a day (a whole number of days since 1970-01-01)' };
  if (!SOURCES.includes(source)) return { field: 'source', problem: 'must be import or manual' };
  if (fileName !== undefined && typeof fileName !== 'string') return { field: 'fileName', problem: 'must be a text when present' };
  if (note !== undefined && typeof note !== 'string') return { field: 'note', problem: 'must be a text when present' };
  if (!Number.isFinite(recordedAt)) return { field: 'recordedAt', problem: 'must be a time (ms since 1970)' };
  return undefined;
}

/**
 * What is wrong with an outcome (a row read from a backup, or one about to be stored), e.g.
 * `"status must be churned or renewed"`; `null` when it is a valid `OutcomeRecord`:
 *
 * - `customerId` a non-blank text; `status` `churned` or `renewed`; `day` a whole number (an
 *   epoch day); `source` `import` or `manual`; `recordedAt` a time in ms;
 * - `fileName` and `note`, when present, texts.
 */
export function outcomeProblem(value: unknown): string | null {
  const wrong = outcomeFieldProblem(value);
  if (!wrong) return null;
  return wrong.field === '' ? `the row ${wrong.problem}` : `${wrong.field} ${wrong.problem}`;
}

/** Every outcome, in no particular order (callers sort). */
export async function listOutcomes(db: PulsoDb): Promise<OutcomeRecord[]> {
  return guarded(() => db.outcomes.toArray());
}

/** A customer's outcome, `undefined` when none is stored. */
export async function getOutcome(db: PulsoDb, customerId: string): Promise<OutcomeRecord | undefined> {
  return guarded(() => db.outcomes.get(customerId));
}

/**
 * Stores `records` in ONE transaction — all or nothing: on any failure (a full disk…) the table
 * is as it was, and this rejects with an `Error` named after the cause. Each record replaces the
 * customer's stored outcome; within `records`, the last one for a customer wins.
 *
 * Resolves to `replaced`: how many of the customers (each counted once) already had an outcome.
 *
 * Throws a plain `Error` naming the record and field (see `outcomeProblem`) before touching the
 * database when one is not a valid outcome.
 */
export async function putOutcomes(db: PulsoDb, records: readonly OutcomeRecord[]): Promise<{ replaced: number }> {
  records.forEach((record, i) => {
    const wrong = outcomeProblem(record);
    if (wrong !== null) throw new Error(`putOutcomes(): records[${i}]: ${wrong}.`);
  });
  if (records.length === 0) return { replaced: 0 };
  return guarded(() =>
    db.transaction('rw', db.outcomes, async () => {
      // One read of the keys alone (no values): at 100k records it is faster than a bulkGet of
      // the batch's ids, and the table holds at most one row per customer of the portfolio.
      const stored = new Set(await db.outcomes.toCollection().primaryKeys());
      let replaced = 0;
      if (stored.size > 0) {
        const seen = new Set<string>();
        for (const { customerId } of records) {
          if (seen.has(customerId)) continue;
          seen.add(customerId);
          if (stored.has(customerId)) replaced++;
        }
      }
      await db.outcomes.bulkPut([...records]);
      return { replaced };
    }),
  );
}

/** Deletes a customer's outcome (nothing happens when it has none). */
export async function deleteOutcome(db: PulsoDb, customerId: string): Promise<void> {
  await guarded(() => db.outcomes.delete(customerId));
}

/** Deletes every outcome (also done with the rest of the user's data, see `clearData`). */
export async function clearOutcomes(db: PulsoDb): Promise<void> {
  await guarded(() => db.outcomes.clear());
}
