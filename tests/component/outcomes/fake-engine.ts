/**
 * A stand-in for the worker on the outcomes tests: the `EngineApi` methods `AppState`, the
 * outcomes section and the customer page's outcome panel call, over outcomes kept in memory and
 * one outcomes "file" whose inspection, values and check a test sets. The answers follow the
 * contract in `src/worker/api.ts` (newest first; one outcome per customer; commit closes the file).
 */
import { vi } from 'vitest';
import { epochDay } from '../../../src/engine';
import { AppState, type SourceMemory } from '../../../src/ui/state/app-state.svelte';
import type {
  EngineApi,
  OutcomeCheck,
  OutcomeCounts,
  OutcomeFileInspection,
  OutcomeInfo,
  OutcomeValue,
  PortfolioSource,
  PortfolioSummary,
  ScoresView,
} from '../../../src/worker/api';

export const TODAY = epochDay(2026, 11, 23);

const BANDS: ScoresView['bands'] = [
  { id: 'red', label: 'Red', color: '#d32f2f' },
  { id: 'yellow', label: 'Yellow', color: '#f9a825' },
  { id: 'green', label: 'Green', color: '#388e3c' },
  { id: 'insufficient', label: 'Insufficient data', color: '#757575' },
];

export const CUSTOMERS = [
  { id: 'C1', name: 'Acme Ltd' },
  { id: 'C2', name: 'Borealis SA' },
  { id: 'C3', name: 'Cobalt Inc' },
] as const;

/** A Telco-like outcomes file: id in A, churn in C, no date column. */
export const TELCO_FILE: OutcomeFileInspection = {
  fileName: 'telco.csv',
  format: { encoding: 'utf-8', delimiter: ',', decimal: '.', dateOrder: 'ymd', headerRow: 1 } as unknown as NonNullable<OutcomeFileInspection['format']>,
  header: ['customerID', 'tenure', 'Churn'],
  kinds: ['text', 'number', 'text'],
  preview: [
    ['C1', '12', 'No'],
    ['C2', '3', 'Yes'],
    ['C9', '40', ''],
  ],
  previewRows: [2, 3, 4],
  rowCount: 3,
  problems: [],
  mapping: { id: 0, status: 2, date: null },
  dateColumns: [],
};

export const TELCO_VALUES: OutcomeValue[] = [
  { value: 'No', count: 5174, reads: 'renewed' },
  { value: 'Yes', count: 1869, reads: 'churned' },
  { value: '', count: 11, reads: null },
];

export const OK_CHECK: OutcomeCheck = { rows: 7054, churned: 1869, renewed: 5174, leftOut: 11, unknownIds: 3, problems: [], verdict: 'ok' };

const SUMMARY: PortfolioSummary = { source: 'local', modelName: 'B2B SaaS', revision: 'r1', minCoverage: 0.5, asOf: TODAY, size: CUSTOMERS.length, snapshots: [TODAY], imports: 1 };

export function makeOutcome(overrides: Partial<OutcomeInfo> = {}): OutcomeInfo {
  const customerId = overrides.customerId ?? 'C1';
  const customer = CUSTOMERS.find((c) => c.id === customerId);
  return {
    customerId,
    name: customer?.name ?? customerId,
    status: 'churned',
    day: TODAY - 20,
    source: 'manual',
    note: '',
    recordedAt: Date.UTC(2026, 11, 1),
    known: customer !== undefined,
    ...overrides,
  };
}

/** The fake worker with `outcomes` recorded, and a real `AppState` over it, started. */
export async function startFake(options: { outcomes?: readonly OutcomeInfo[]; file?: OutcomeFileInspection; values?: OutcomeValue[]; check?: OutcomeCheck } = {}) {
  let stored = [...(options.outcomes ?? [])];
  let open = false;
  let clock = Date.UTC(2026, 11, 23, 12);
  const counts = (): OutcomeCounts => ({
    churned: stored.filter((o) => o.status === 'churned').length,
    renewed: stored.filter((o) => o.status === 'renewed').length,
    unknown: stored.filter((o) => !o.known).length,
  });
  const n = CUSTOMERS.length;
  const api = {
    subscribe: vi.fn<EngineApi['subscribe']>(() => Promise.resolve()),
    loadDemo: vi.fn<EngineApi['loadDemo']>(() => Promise.resolve(SUMMARY)),
    loadLocal: vi.fn<EngineApi['loadLocal']>(() => Promise.resolve(SUMMARY)),
    summary: vi.fn<EngineApi['summary']>(() => Promise.resolve(SUMMARY)),
    bandActions: vi.fn<EngineApi['bandActions']>(() => Promise.resolve({})),
    scores: vi.fn<EngineApi['scores']>(() =>
      Promise.resolve({
        asOf: TODAY,
        score: new Float64Array(n).fill(30),
        previousScore: new Float64Array(n).fill(NaN),
        coverage: new Float64Array(n).fill(1),
        band: new Uint8Array(n),
        computedBand: new Uint8Array(n),
        overridden: new Uint8Array(n),
        previousBand: new Uint8Array(n).fill(255),
        bands: BANDS,
      }),
    ),
    customers: vi.fn<EngineApi['customers']>(() =>
      Promise.resolve({
        ids: CUSTOMERS.map((c) => c.id),
        names: CUSTOMERS.map((c) => c.name),
        segments: CUSTOMERS.map(() => ''),
        stages: CUSTOMERS.map(() => ''),
        owners: CUSTOMERS.map(() => ''),
        mrr: new Float64Array(n),
        renewal: new Float64Array(n).fill(NaN),
      }),
    ),
    openOutcomeFile: vi.fn<EngineApi['openOutcomeFile']>((file) => {
      open = true;
      return Promise.resolve({ ...(options.file ?? TELCO_FILE), fileName: file.name });
    }),
    outcomeValues: vi.fn<EngineApi['outcomeValues']>(() => (open ? Promise.resolve(options.values ?? TELCO_VALUES) : Promise.reject(new Error('No outcomes file is open.')))),
    checkOutcomes: vi.fn<EngineApi['checkOutcomes']>(() => (open ? Promise.resolve(options.check ?? OK_CHECK) : Promise.reject(new Error('No outcomes file is open.')))),
    commitOutcomes: vi.fn<EngineApi['commitOutcomes']>((plan) => {
      if (!open) return Promise.reject(new Error('No outcomes file is open.'));
      open = false;
      const added = [
        makeOutcome({ customerId: 'C2', status: 'churned', source: 'import', fileName: 'telco.csv', day: plan.day, recordedAt: (clock += 1000) }),
        makeOutcome({ customerId: 'C1', status: 'renewed', source: 'import', fileName: 'telco.csv', day: plan.day, recordedAt: (clock += 1000) }),
      ];
      const replaced = stored.filter((o) => added.some((a) => a.customerId === o.customerId)).length;
      stored = [...added.reverse(), ...stored.filter((o) => !added.some((a) => a.customerId === o.customerId))];
      return Promise.resolve({ recorded: 7043, churned: 1869, renewed: 5174, replaced, counts: counts() });
    }),
    closeOutcomeFile: vi.fn<EngineApi['closeOutcomeFile']>(() => {
      open = false;
      return Promise.resolve();
    }),
    outcomes: vi.fn<EngineApi['outcomes']>((customerId, limit) =>
      Promise.resolve(stored.filter((o) => customerId === undefined || o.customerId === customerId).sort((a, b) => b.recordedAt - a.recordedAt).slice(0, limit ?? stored.length)),
    ),
    outcomeCounts: vi.fn<EngineApi['outcomeCounts']>(() => Promise.resolve(counts())),
    setOutcome: vi.fn<EngineApi['setOutcome']>((outcome) => {
      if (!CUSTOMERS.some((c) => c.id === outcome.customerId)) return Promise.reject(new Error(`No customer has the id “${outcome.customerId}”.`));
      const info = makeOutcome({ ...outcome, note: outcome.note ?? '', source: 'manual', recordedAt: (clock += 1000) });
      stored = [info, ...stored.filter((o) => o.customerId !== outcome.customerId)];
      return Promise.resolve(info);
    }),
    clearOutcome: vi.fn<EngineApi['clearOutcome']>((customerId) => {
      stored = stored.filter((o) => o.customerId !== customerId);
      return Promise.resolve(counts());
    }),
    clearOutcomes: vi.fn<EngineApi['clearOutcomes']>(() => {
      stored = [];
      return Promise.resolve(counts());
    }),
  } satisfies Partial<EngineApi>;

  let remembered: PortfolioSource | null = 'local';
  const memory: SourceMemory = { read: () => remembered, write: (s) => (remembered = s) };
  // Only the methods above are called by AppState and the outcome components.
  const app = new AppState({ api: api as unknown as EngineApi, memory, today: () => TODAY });
  await app.start();
  return { app, api, stored: () => stored, isOpen: () => open };
}

/** A small CSV file, as the file input gives it. */
export function csvFile(name = 'telco.csv'): File {
  return new File(['customerID,tenure,Churn\nC1,12,No\nC2,3,Yes\n'], name, { type: 'text/csv' });
}
