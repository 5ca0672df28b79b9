/**
 * Migration tests: build a database exactly as an earlier version of Pulso left it, then open it
 * with the current `PulsoDb` and check that every row survived, in the current shape.
 *
 * `seedAtVersion` declares the first versions of `SCHEMA_VERSIONS` (the append-only list the app
 * itself declares), so "version n−1" here is the schema that shipped, not a copy that could drift.
 * The seed writes rows as literal objects in that version's shape, never through today's
 * repositories, which only know today's shape.
 *
 * A test of version n (db.test.ts has version 2's) reads:
 *
 *     await seedAtVersion(name, n - 1, async (old) => {
 *       await old.table('imports').add({ ...a row as version n−1 wrote it... });
 *       await old.table('chunks').bulkAdd([...its chunks...]);
 *     });
 *     const db = new PulsoDb({ name });   // runs version n's upgrade
 *     // every old row is there, in version n's shape; new tables are empty and take rows
 */
import Dexie from 'dexie';
import { SCHEMA_VERSIONS, declareVersions } from '../../../src/data/db';

/** Creates database `name` at schema `version` (as shipped), lets `seed` write to it, and closes it. */
export async function seedAtVersion(name: string, version: number, seed: (db: Dexie) => Promise<void>): Promise<void> {
  const versions = SCHEMA_VERSIONS.filter((v) => v.version <= version);
  if (versions.at(-1)?.version !== version) throw new Error(`seedAtVersion(): version ${version} never shipped`);
  const db = new Dexie(name);
  declareVersions(db, versions);
  await db.open();
  try {
    await seed(db);
  } finally {
    db.close();
  }
}
