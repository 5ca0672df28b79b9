/**
 * Migration tests: build a database exactly as an earlier version of Pulso left it, then open it
 * with the current `PulsoDb` and check that every row survived, in the current shape.
 *
 * `seedAtVersion` declares the first versions of `SCHEMA_VERSIONS` (the append-only list the app
 * itself declares), so "version n−1" here is the schema that shipped, not a copy that could drift.
 * The seed writes rows as literal objects in that version's shape, never through today's
 * repositories, which only know today's shape.
 *
 * When version 2 ships, its test reads:
 *
 *     await seedAtVersion(name, 1, async (v1) => {
 *       await v1.table('imports').add({ ...a v1 import row... });
 *       await v1.table('chunks').bulkAdd([...its v1 chunks...]);
 *     });
 *     const db = new PulsoDb({ name });   // runs version 2's upgrade
 *     // every v1 row is there, in v2's shape; loadHistory gives the same values
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
