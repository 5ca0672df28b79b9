/**
 * A stand-in for the worker on the data screen's tests: the `EngineApi` methods the screen and
 * `AppState` call, with what they were called with, over a small in-memory list of imports. The
 * answers follow the contract in `src/worker/api.ts` (a deletion reloads the user's data, a
 * restore gives the portfolio now loaded).
 */
import { vi } from 'vitest';
import { epochDay } from '../../../src/engine';
import { AppState, type SourceMemory } from '../../../src/ui/state/app-state.svelte';
import type { EngineApi, EngineEvent, ImportInfo, PortfolioSource, PortfolioSummary, RestoreCheck, RestoreResult, ScoresView } from '../../../src/worker/api';

export const TODAY = epochDay(2026, 11, 23);

const BANDS: ScoresView['bands'] = [
  { id: 'red', label: 'Red', color: '#d32f2f' },
  { id: 'yellow', label: 'Yellow', color: '#f9a825' },
  { id: 'green', label: 'Green', color: '#388e3c' },
  { id: 'insufficient', label: 'Insufficient data', color: '#757575' },
];

/** An import as `listImports` gives it; `overrides` set what a test looks at. */
export function makeImport(overrides: Partial<ImportInfo> & { id: number }): ImportInfo {
  return {
    fileName: `customers-${overrides.id}.csv`,
    importedAt: Date.UTC(2026, 10, 20, 14, 30),
    asOf: epochDay(2026, 11, 20),
    rowCount: 120,
    customerCount: 120,
    columnCount: 12,
    summary: { new: 20, updated: 30, unchanged: 70, skipped: 2 },
    problemCount: 0,
    ...overrides,
  };
}

export function summaryOf(source: PortfolioSource, size: number, imports: number): PortfolioSummary {
  return { source, modelName: 'B2B SaaS', revision: 'r1', minCoverage: 0.5, asOf: TODAY, size, snapshots: [TODAY], imports };
}

export interface FakeOptions {
  readonly source?: PortfolioSource;
  readonly imports?: readonly ImportInfo[];
  readonly customers?: number;
}

/** The fake worker and a real `AppState` over it, started (the portfolio loaded). */
export async function startFake(options: FakeOptions = {}) {
  let imports = [...(options.imports ?? [])];
  const ownSize = () => (imports.length ? Math.max(...imports.map((i) => i.customerCount)) : 0);
  let summary = options.source === 'local' ? summaryOf('local', options.customers ?? ownSize(), imports.length) : summaryOf('demo', options.customers ?? 300, 0);
  let listener: ((event: EngineEvent) => void) | undefined;

  const fresh = () => Promise.resolve(summary);
  const api = {
    subscribe: vi.fn<EngineApi['subscribe']>((l) => {
      listener = l;
      return Promise.resolve();
    }),
    loadDemo: vi.fn<EngineApi['loadDemo']>(fresh),
    loadLocal: vi.fn<EngineApi['loadLocal']>(fresh),
    summary: vi.fn<EngineApi['summary']>(fresh),
    scores: vi.fn<EngineApi['scores']>(() => {
      const n = summary.size;
      return Promise.resolve({
        asOf: TODAY,
        score: new Float64Array(n).fill(60),
        previousScore: new Float64Array(n).fill(NaN),
        coverage: new Float64Array(n).fill(1),
        band: new Uint8Array(n).fill(1),
        computedBand: new Uint8Array(n).fill(1),
        overridden: new Uint8Array(n),
        previousBand: new Uint8Array(n).fill(255),
        bands: BANDS,
      });
    }),
    customers: vi.fn<EngineApi['customers']>(() => {
      const n = summary.size;
      const ids = Array.from({ length: n }, (_, i) => `C${i}`);
      return Promise.resolve({ ids, names: ids, segments: ids.map(() => ''), stages: ids.map(() => ''), owners: ids.map(() => ''), mrr: new Float64Array(n), renewal: new Float64Array(n) });
    }),
    listImports: vi.fn<EngineApi['listImports']>(() => Promise.resolve(imports.map((i) => ({ ...i })))),
    deleteImport: vi.fn<EngineApi['deleteImport']>((id) => {
      imports = imports.filter((i) => i.id !== id);
      summary = summaryOf('local', ownSize(), imports.length);
      return Promise.resolve(summary);
    }),
    deleteAllData: vi.fn<EngineApi['deleteAllData']>(() => {
      imports = [];
      summary = summaryOf('local', 0, 0);
      return Promise.resolve(summary);
    }),
    exportScores: vi.fn<EngineApi['exportScores']>(() => Promise.resolve('\uFEFFid;score\r\nC0;60\r\n')),
    backup: vi.fn<EngineApi['backup']>(() => Promise.resolve({ fileName: 'pulso-backup-2026-11-23.json', data: new TextEncoder().encode('{"format":"pulso-backup/v1"}') })),
    checkRestore: vi.fn<EngineApi['checkRestore']>((): Promise<RestoreCheck> => Promise.resolve({ ok: false, problems: ['not set up by the test'] })),
    restore: vi.fn<EngineApi['restore']>((mode): Promise<RestoreResult> => {
      summary = summaryOf('local', 250, 3);
      return Promise.resolve({ mode, portfolio: summary, written: { imports: 3, chunks: 40 } });
    }),
  } satisfies Partial<EngineApi>;

  let remembered: PortfolioSource | null = options.source ?? null;
  const memory: SourceMemory = { read: () => remembered, write: (s) => (remembered = s) };
  // Only the methods above are called by the data screen and by AppState.
  const app = new AppState({ api: api as unknown as EngineApi, memory, today: () => TODAY });
  await app.start();
  return {
    app,
    api,
    /** What the worker would push: another tab upgraded the database, or waits for this one. */
    emit: (event: EngineEvent) => listener?.(event),
    remembered: () => remembered,
  };
}
