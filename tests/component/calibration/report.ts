/** A hand-made calibration report and a fake worker for the calibration screen's component tests. */
import { vi } from 'vitest';
import type { HealthModel } from '../../../src/engine';
import type { BacktestReport, CalibrationReport, EngineApi, PortfolioSummary, RevisionInfo, UseModelResult } from '../../../src/worker/api';

export const SUGGESTED_MODEL = { format: 'health-model/v1', name: 'Demo model', categories: [] } as unknown as HealthModel;

const rate = (customers: number, churned: number, low: number, high: number) => ({ customers, churned, rate: churned / customers, low, high });

export function makeReport(overrides: Partial<CalibrationReport> = {}): CalibrationReport {
  return {
    revision: 'rev-1',
    modelName: 'Demo model',
    churned: 40,
    retained: 160,
    unmatched: 3,
    unscored: 2,
    overridden: { customers: 4, churned: 1 },
    baseRate: 0.2,
    small: false,
    score: {
      auc: { auc: 0.78, low: 0.74, high: 0.82, se: 0.02 },
      roc: { fpr: [0, 0.1, 0.2, 0.5, 1], tpr: [0, 0.4, 0.6, 0.85, 1] },
      bands: [
        { bandId: 'red', label: 'Red', color: '#d1242f', ...rate(50, 25, 0.37, 0.63) },
        { bandId: 'yellow', label: 'Yellow', color: '#d4a72c', ...rate(50, 10, 0.11, 0.33) },
        { bandId: 'green', label: 'Green', color: '#1a7f37', ...rate(100, 5, 0.02, 0.11) },
      ],
      quartiles: { top: rate(50, 2, 0.01, 0.13), bottom: rate(50, 24, 0.35, 0.61) },
    },
    indicators: [
      {
        metricId: 'logins',
        categoryId: 'usage',
        label: 'Logins per week',
        source: 'logins',
        customers: 190,
        missing: 10,
        auc: { auc: 0.71, low: 0.64, high: 0.78, se: 0.03 },
        byPoints: [
          { from: 0, to: 24, ...rate(40, 16, 0.26, 0.55) },
          { from: 25, to: 49, ...rate(50, 12, 0.14, 0.37) },
          { from: 50, to: 74, ...rate(50, 6, 0.06, 0.24) },
          { from: 75, to: 100, ...rate(50, 4, 0.03, 0.19) },
        ],
        missingRate: rate(10, 2, 0.06, 0.51),
        direction: 'agrees',
        share: 0.4,
      },
      {
        metricId: 'tickets',
        categoryId: 'support',
        label: 'Support tickets',
        source: 'tickets',
        customers: 200,
        missing: 0,
        auc: { auc: 0.38, low: 0.3, high: 0.46, se: 0.04 },
        byPoints: [
          { from: 0, to: 24, ...rate(50, 4, 0.03, 0.19) },
          { from: 25, to: 49, ...rate(50, 8, 0.08, 0.29) },
          { from: 50, to: 74, ...rate(50, 12, 0.14, 0.37) },
          { from: 75, to: 100, ...rate(50, 16, 0.21, 0.46) },
        ],
        missingRate: null,
        direction: 'contradicts',
        share: 0.6,
      },
    ],
    checklist: [
      { id: 'sample', status: 'pass', value: 40, target: 30, basis: 200 },
      { id: 'lowest-band-3x', status: 'fail', value: 2.5, target: 3, basis: 200, names: ['Red'] },
      { id: 'below-top-before', status: 'unknown', value: null, target: 2 / 3, basis: 0 },
      { id: 'top-band-share', status: 'pass', value: 0.5, target: 0.8, basis: 200 },
      { id: 'directions', status: 'fail', value: 1, target: 0, basis: 200, names: ['Support tickets'] },
    ],
    suggestion: {
      inUse: false,
      categories: [
        { id: 'usage', label: 'Usage', current: 40, suggested: 70, currentShare: 0.4, suggestedShare: 0.7 },
        { id: 'support', label: 'Support', current: 60, suggested: 30, currentShare: 0.6, suggestedShare: 0.3 },
      ],
      metrics: [
        { id: 'logins', label: 'Logins per week', categoryId: 'usage', current: 1, suggested: 1, currentShare: 0.4, suggestedShare: 0.7 },
        { id: 'tickets', label: 'Support tickets', categoryId: 'support', current: 1, suggested: 0, currentShare: 0.6, suggestedShare: 0 },
      ],
      dropped: ['Support tickets'],
      current: { auc: 0.7, low: 0.65, high: 0.75, se: 0.025, folds: [0.7, 0.69, 0.71, 0.7, 0.7] },
      suggested: { auc: 0.8, low: 0.76, high: 0.84, se: 0.02, folds: [0.8, 0.79, 0.81, 0.8, 0.8] },
      model: SUGGESTED_MODEL,
      folds: 5,
      lambda: 1,
    },
    ...overrides,
  };
}

export const BACKTEST: BacktestReport = {
  revision: 'rev-1',
  modelName: 'Demo model',
  day: 20_400,
  bands: [
    { bandId: 'red', label: 'Red', color: '#d1242f', customers: 3, churned: 2, renewed: 1, unknown: 0 },
    { bandId: 'yellow', label: 'Yellow', color: '#d4a72c', customers: 5, churned: 1, renewed: 3, unknown: 1 },
    { bandId: 'green', label: 'Green', color: '#1a7f37', customers: 10, churned: 0, renewed: 8, unknown: 2 },
    { bandId: 'insufficient', label: 'Insufficient data', color: '#8c959f', customers: 1, churned: 0, renewed: 0, unknown: 1 },
  ],
  flagged: [
    { customerId: 'c-7', name: 'Acme Ltd', score: 22, bandId: 'red', status: 'churned', day: 20_450 },
    { customerId: 'c-9', name: 'Beta Inc', score: 31, bandId: 'red', status: null, day: null },
  ],
  flaggedTotal: 2,
  auc: { auc: 0.81, low: 0.7, high: 0.92, se: 0.05 },
};

const REVISIONS: RevisionInfo[] = [{ revision: 'rev-1', name: 'Demo model', savedAt: null, inUse: true }];

/**
 * A worker answering what the calibration screen asks; any other call (the outcomes section's)
 * answers empty or never, so that the screen under test is all that moves.
 */
export function fakeApi(report: CalibrationReport | null, options: { days?: number[] } = {}) {
  const portfolio = { modelName: 'Demo model', revision: 'rev-2', source: 'demo' } as unknown as PortfolioSummary;
  const known = {
    calibration: vi.fn(async () => report),
    revisions: vi.fn(async () => REVISIONS),
    backtestDays: vi.fn(async () => options.days ?? [20_400]),
    backtest: vi.fn(async () => BACKTEST),
    useModel: vi.fn(async (): Promise<UseModelResult> => ({ ok: true, portfolio, warnings: [] })),
    outcomeCounts: vi.fn(async () => ({ churned: 0, renewed: 0, unknown: 0 })),
    outcomes: vi.fn(async () => []),
    subscribe: vi.fn(async () => undefined),
  };
  const api = new Proxy(known, {
    get: (target, key) => (key in target ? target[key as keyof typeof target] : () => new Promise(() => undefined)),
  });
  return { api: api as unknown as EngineApi, calls: known };
}
