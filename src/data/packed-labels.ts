/**
 * A Dexie middleware that stores a chunk's `labels` (customer ids, a text column's dictionary) as
 * one JSON string instead of an array of strings. Chromium deserialises 200k small strings from
 * IndexedDB in ~380 ms and one 4 MB string in ~100 ms (+ ~45 ms to parse): measured cold on a
 * persistent profile, 22 columns × 100k rows. Everything above this layer (repositories, backups,
 * content hashes) sees `labels` arrays as before, and chunks stored as arrays still read.
 */
import type { DBCore, DBCoreTable, Middleware } from 'dexie';

/** The tables whose records carry `labels`. */
const PACKED_TABLES = new Set(['chunks', 'scoreChunks']);

type Row = Record<string, unknown>;

function pack(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as Row)['labels'])) return value;
  const { labels, ...rest } = value as Row;
  return { ...rest, labelsJson: JSON.stringify(labels) };
}

function unpack(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || typeof (value as Row)['labelsJson'] !== 'string') return value;
  const { labelsJson, ...rest } = value as Row;
  return { ...rest, labels: JSON.parse(labelsJson as string) as unknown };
}

function packedTable(table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate: (req) => (req.type === 'add' || req.type === 'put' ? table.mutate({ ...req, values: req.values.map(pack) }) : table.mutate(req)),
    get: async (req) => unpack(await table.get(req)),
    getMany: async (req) => (await table.getMany(req)).map(unpack),
    query: async (req) => {
      const res = await table.query(req);
      return req.values ? { ...res, result: res.result.map(unpack) } : res;
    },
  };
}

export const packedLabels: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'PackedLabels',
  create: (down) => ({ ...down, table: (name) => (PACKED_TABLES.has(name) ? packedTable(down.table(name)) : down.table(name)) }),
};
