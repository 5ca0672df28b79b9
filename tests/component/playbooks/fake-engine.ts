/**
 * A stand-in for the worker on the playbooks screen's tests: the playbooks kept in memory and
 * checked as the worker checks them (`playbookProblems`), a small portfolio, and the method-file
 * calls answering what a test sets. A playbook "matches" 3 customers per trigger (enabled ones only).
 */
import { vi } from 'vitest';
import { epochDay, playbookProblems, type Playbook } from '../../../src/engine';
import { STARTER_MODELS } from '../../../src/engine/starter-models';
import { AppState, type SourceMemory } from '../../../src/ui/state/app-state.svelte';
import type { DataColumn, EngineApi, MethodFileRead, PlaybookInfo, PortfolioSummary, ScoresView, UseMethodResult } from '../../../src/worker/api';

export const TODAY = epochDay(2026, 11, 23);

const BANDS: ScoresView['bands'] = [
  { id: 'red', label: 'Red', color: '#c62828' },
  { id: 'yellow', label: 'Yellow', color: '#f9a825' },
  { id: 'green', label: 'Green', color: '#2e7d32' },
  { id: 'insufficient', label: 'Insufficient data', color: '#757575' },
];

const COLUMNS: DataColumn[] = [
  { column: 'nps', kind: 'number', customers: 8 },
  { column: 'last_login', kind: 'date', customers: 10 },
  { column: 'onboarding_done', kind: 'boolean', customers: 10 },
];

const SUMMARY: PortfolioSummary = { source: 'demo', modelName: 'B2B SaaS', revision: 'r1', minCoverage: 0.5, asOf: TODAY, size: 10, snapshots: [TODAY], imports: 0 };

export async function startFake() {
  let stored: Playbook[] | null = null;
  const info = (): PlaybookInfo[] =>
    (stored ?? []).map((playbook) => ({
      playbook,
      matching: playbook.enabled ? 3 * playbook.triggers.length : 0,
      openTasks: playbook.id === 'default-red' ? 2 : 0,
      unknown: playbook.triggers.flatMap((t) => (t.kind === 'indicator' && !COLUMNS.some((c) => c.column === t.column) ? [t.column] : [])),
    }));
  const n = SUMMARY.size;
  const ids = Array.from({ length: n }, (_, i) => `C${i}`);
  const api = {
    subscribe: vi.fn<EngineApi['subscribe']>(() => Promise.resolve()),
    loadDemo: vi.fn<EngineApi['loadDemo']>(() => Promise.resolve(SUMMARY)),
    summary: vi.fn<EngineApi['summary']>(() => Promise.resolve(SUMMARY)),
    bandActions: vi.fn<EngineApi['bandActions']>(() => Promise.resolve({})),
    scores: vi.fn<EngineApi['scores']>(() =>
      Promise.resolve({
        asOf: TODAY,
        score: new Float64Array(n).fill(60),
        previousScore: new Float64Array(n).fill(NaN),
        coverage: new Float64Array(n).fill(1),
        band: new Uint8Array(n).fill(1),
        computedBand: new Uint8Array(n).fill(1),
        overridden: new Uint8Array(n),
        previousBand: new Uint8Array(n).fill(255),
        bands: BANDS,
      }),
    ),
    customers: vi.fn<EngineApi['customers']>(() =>
      Promise.resolve({
        ids,
        names: ids,
        segments: ids.map((_, i) => (i % 2 ? 'Enterprise' : 'SMB')),
        stages: ids.map(() => 'Adoption'),
        owners: ids.map((_, i) => (i % 3 ? 'Ana' : 'Bruno')),
        mrr: new Float64Array(n),
        renewal: new Float64Array(n),
      }),
    ),
    model: vi.fn<EngineApi['model']>(() => Promise.resolve(STARTER_MODELS[0]!.model)),
    dataColumns: vi.fn<EngineApi['dataColumns']>(() => Promise.resolve(COLUMNS)),
    playbooks: vi.fn<EngineApi['playbooks']>((defaults) => {
      stored ??= [...defaults];
      return Promise.resolve(info());
    }),
    savePlaybook: vi.fn<EngineApi['savePlaybook']>((playbook) => {
      const problems = playbookProblems(playbook);
      if (problems.length) return Promise.reject(new Error(problems.join('; ')));
      const list = stored ?? [];
      stored = list.some((p) => p.id === playbook.id) ? list.map((p) => (p.id === playbook.id ? playbook : p)) : [...list, playbook];
      return Promise.resolve(info());
    }),
    deletePlaybook: vi.fn<EngineApi['deletePlaybook']>((id) => {
      stored = (stored ?? []).filter((p) => p.id !== id);
      return Promise.resolve(info());
    }),
    methodFile: vi.fn<EngineApi['methodFile']>(() => Promise.resolve({ fileName: 'b2b-saas.pulso-method.json', text: '{"format":"pulso-method/v1"}\n' })),
    readMethodFile: vi.fn<EngineApi['readMethodFile']>((): Promise<MethodFileRead> => Promise.resolve({ ok: false, problems: [] })),
    useMethodFile: vi.fn<EngineApi['useMethodFile']>((): Promise<UseMethodResult> => Promise.resolve({ ok: false, problems: [] })),
  } satisfies Partial<EngineApi>;
  const memory: SourceMemory = { read: () => 'demo', write: () => undefined };
  // Only the methods above are called by the playbooks screen and by AppState.
  const app = new AppState({ api: api as unknown as EngineApi, memory, today: () => TODAY });
  await app.start();
  return { app, api, stored: () => stored ?? [] };
}
