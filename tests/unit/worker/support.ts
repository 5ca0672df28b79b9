/**
 * Shared by the worker service tests: an `EngineService` on a fresh fake-indexeddb database per
 * test (and a second service on the same database, for a cold start), CSV text built in code,
 * the headless scorer run in-process as the independent reference, and the service's answers
 * read back as plain values.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Dexie from 'dexie';
import { afterEach } from 'vitest';
import { PulsoDb } from '../../../src/data';
import { EXIT, runScore } from '../../../src/cli/run-score';
import { formatIsoDay, type EpochDay } from '../../../src/engine';
import { EngineService } from '../../../src/worker/service';
import type { EngineEvent, ImportMapping, ImportOutcome, ImportPlan } from '../../../src/worker/api';
import { captureEnvironment, memoryFiles } from '../cli/capture';

export { day } from '../../factories';

let counter = 0;
const opened: PulsoDb[] = [];
const names = new Set<string>();

/** A database name no other test uses (fake-indexeddb is one global factory per test file). */
export function freshName(): string {
  counter += 1;
  const name = `pulso-worker-test-${counter}-${Math.random().toString(36).slice(2)}`;
  names.add(name);
  return name;
}

/** An `EngineService` on the database `name` (a new service on a used name is a cold start: a reload of the page). */
export function serviceOn(name: string, options: { readonly today?: () => Date } = {}): EngineService {
  return new EngineService({
    openDb: (events) => {
      const db = new PulsoDb({ name, ...events });
      opened.push(db);
      return db;
    },
    ...options,
  });
}

/** A service on a new, empty database; `reopen()` gives another service on the same database. */
export function freshService(options: { readonly today?: () => Date } = {}): { service: EngineService; name: string; reopen: () => EngineService } {
  const name = freshName();
  return { service: serviceOn(name, options), name, reopen: () => serviceOn(name, options) };
}

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of [...names]) await Dexie.delete(name);
  names.clear();
});

/** Every event a service pushes, in order. */
export async function recordEvents(service: EngineService): Promise<EngineEvent[]> {
  const events: EngineEvent[] = [];
  await service.subscribe((event) => events.push(event));
  return events;
}

// ---------------------------------------------------------------------------------------------
// Files

/** The UTF-8 bytes of `text` as the picked file's `ArrayBuffer`. */
export function bytesOf(text: string): ArrayBuffer {
  const bytes = new TextEncoder().encode(text);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The repository's root folder. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A file of the repository (path from its root) as picked bytes. */
export function fixtureBytes(path: string): ArrayBuffer {
  const bytes = readFileSync(join(ROOT, path));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A file of the repository (path from its root) as text. */
export function fixtureText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf-8');
}

/** A row of a generated file: header name -> cell text (absent or `''`: an empty cell). */
export type Row = Readonly<Record<string, string>>;

/** CSV text (comma, LF, quoted where needed) of `rows` under `header`. */
export function csvText(header: readonly string[], rows: readonly Row[], delimiter = ','): string {
  const cell = (text: string) => (/[",;\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return [header.join(delimiter), ...rows.map((row) => header.map((name) => cell(row[name] ?? '')).join(delimiter))].join('\n') + '\n';
}

/**
 * `rows` with each empty cell filled from `earlier` (same id): what "the latest observation at or
 * before the day" gives when the earlier file is the one before — written independently of the app.
 */
export function carried(rows: readonly Row[], earlier: readonly Row[]): Row[] {
  const before = new Map(earlier.map((row) => [row['id'], row]));
  return rows.map((row) => {
    const old = before.get(row['id']);
    if (!old) return row;
    const out: Record<string, string> = { ...row };
    for (const [name, value] of Object.entries(old)) if ((out[name] ?? '') === '' && value !== '') out[name] = value;
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// The headless scorer, the reference the app must agree with

export const B2B_MODEL_PATH = 'src/engine/starter-models/b2b-saas.json';

/** One customer as the headless scorer writes it (`id,score,band,coverage,<categories>`), cells as text. */
export type CliRow = Readonly<Record<string, string>>;

/** Scores `data` (CSV text or bytes) with the starter B2B SaaS model (the service's model) as of `asOf`; rows by id. */
export function cliScores(data: string | Uint8Array | ArrayBuffer, asOf: EpochDay): Map<string, CliRow> {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
  const run = captureEnvironment({ readFile: memoryFiles({ 'model.json': readFileSync(join(ROOT, B2B_MODEL_PATH)), 'data.csv': bytes }), today: asOf });
  const code = runScore(['--model', 'model.json', '--data', 'data.csv', '--as-of', formatIsoDay(asOf)], run.env);
  if (code !== EXIT.ok) throw new Error(`the headless scorer failed (${code}): ${run.err()}`);
  const [header = '', ...lines] = run.out().trimEnd().split('\n');
  const columns = header.split(',');
  // The scorer quotes nothing for the ids these tests use.
  return new Map(lines.map((line) => {
    const row = Object.fromEntries(line.split(',').map((value, i) => [columns[i]!, value]));
    return [row['id']!, row];
  }));
}

// ---------------------------------------------------------------------------------------------
// Reading the service back

/** The integer score as the scorer writes it: `''` where there is none. */
export function scoreText(score: number): string {
  return Number.isNaN(score) ? '' : String(score);
}

/** The current scores by customer id: score (`''` none), band id, coverage to 3 decimals — the scorer's columns. */
export async function appScores(service: EngineService): Promise<Map<string, { score: string; band: string; coverage: string }>> {
  const [{ ids }, scores] = await Promise.all([service.customers(), service.scores()]);
  return new Map(ids.map((id, r) => [id, {
    score: scoreText(scores.score[r]!),
    band: scores.bands[scores.band[r]!]!.id,
    coverage: scores.coverage[r]!.toFixed(3),
  }]));
}

/** The scorer's answer in the shape of `appScores`. */
export function expectedScores(cli: ReadonlyMap<string, CliRow>): Map<string, { score: string; band: string; coverage: string }> {
  return new Map([...cli].map(([id, row]) => [id, { score: row['score']!, band: row['band']!, coverage: row['coverage']! }]));
}

/** Row (in `CustomerTable` order) of customer `id`. */
export async function rowOf(service: EngineService, id: string): Promise<number> {
  const row = (await service.customers()).ids.indexOf(id);
  if (row < 0) throw new Error(`no customer ${id}`);
  return row;
}

/** Customer `id`'s current integer score (`NaN` none). */
export async function scoreOf(service: EngineService, id: string): Promise<number> {
  const row = await rowOf(service, id);
  return (await service.scores()).score[row]!;
}

// ---------------------------------------------------------------------------------------------
// Importing

/** A plan for one as-of day, with `mapping` (default: the suggested or remembered one). */
export function planFor(mapping: ImportMapping, asOf: EpochDay | { column: number }, skipBadRows = false): ImportPlan {
  return { mapping, asOf: typeof asOf === 'number' ? { day: asOf } : asOf, skipBadRows };
}

/** `record` without `keys` (a mapping with some fields or metrics left out, as a user would unmap them). */
export function without<T extends object>(record: T, ...keys: readonly string[]): T {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key))) as T;
}

/** Opens `text` as file `name`, takes the mapping offered, and commits it as of `asOf`. */
export async function importText(
  service: EngineService,
  name: string,
  text: string,
  asOf: EpochDay | { column: number },
  options: { readonly skipBadRows?: boolean; readonly mapping?: (offered: ImportMapping) => ImportMapping } = {},
): Promise<ImportOutcome> {
  const inspection = await service.openImport({ name, data: bytesOf(text) });
  const mapping = options.mapping ? options.mapping(inspection.mapping) : inspection.mapping;
  const outcome = await service.commitImport(planFor(mapping, asOf, options.skipBadRows ?? false));
  await service.closeImport();
  return outcome;
}
