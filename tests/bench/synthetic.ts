/**
 * A seeded synthetic portfolio and model for benchmarks: `metrics` metrics over five categories,
 * with every rule type, a daysSince date, a label column, two adjustments and a segment override.
 */
import { seededRandom, type Column, type HealthModel, type Metric, type Portfolio, type ScoringRule } from '../../src/engine';

const RULES: readonly ScoringRule[] = [
  { type: 'linear', worst: 0, best: 100 },
  { type: 'linear', worst: 100, best: 0 },
  { type: 'range', ideal: [20, 60], zeroAt: [0, 100] },
  { type: 'steps', steps: [{ upTo: 20, points: 0 }, { upTo: 50, points: 40 }, { upTo: 80, points: 80 }, { points: 100 }] },
];

const MOODS = ['very happy', 'happy', 'neutral', 'unhappy', 'very unhappy'];

export interface Synthetic {
  readonly model: HealthModel;
  readonly portfolio: Portfolio;
}

/** Builds `customers` rows × `metrics` metrics (≥ 4), ~3% of numeric cells missing. */
export function syntheticPortfolio(customers: number, metrics: number, seed = 42): Synthetic {
  const random = seededRandom(seed);
  const columns = new Map<string, Column>();
  const defs: Metric[] = [];
  const numeric = metrics - 3;
  for (let m = 0; m < numeric; m++) {
    const values = new Float64Array(customers);
    for (let i = 0; i < customers; i++) values[i] = random() < 0.03 ? Number.NaN : Math.round(random() * 1000) / 10;
    columns.set(`m${m}`, { kind: 'number', values });
    defs.push({ id: `m${m}`, weight: 1 + (m % 3), scoring: RULES[m % RULES.length]! });
  }
  const lastSeen = new Float64Array(customers);
  const moods = new Int32Array(customers);
  const paid = new Uint8Array(customers);
  const stage = new Int32Array(customers);
  for (let i = 0; i < customers; i++) {
    lastSeen[i] = 19_800 - Math.floor(random() * 120);
    moods[i] = random() < 0.1 ? -1 : Math.floor(random() * MOODS.length);
    paid[i] = random() < 0.8 ? 1 : 0;
    stage[i] = Math.floor(random() * 3);
  }
  columns.set('last_login', { kind: 'date', values: lastSeen });
  columns.set('sentiment', { kind: 'text', codes: moods, labels: MOODS });
  columns.set('paid_on_time', { kind: 'boolean', values: paid });
  columns.set('stage', { kind: 'text', codes: stage, labels: ['onboarding', 'adoption', 'renewal'] });
  defs.push(
    { id: 'last_login', weight: 2, transform: 'daysSince', scoring: { type: 'linear', worst: 60, best: 0 } },
    { id: 'sentiment', weight: 2, scoring: { type: 'map', points: { 'very happy': 100, happy: 75, neutral: 50, unhappy: 25, 'very unhappy': 0 } } },
    { id: 'paid_on_time', weight: 1, scoring: { type: 'boolean', true: 100, false: 0 } },
  );
  const perCategory = Math.ceil(defs.length / 5);
  const categories = Array.from({ length: 5 }, (_, c) => ({
    id: `c${c}`,
    weight: c + 1,
    metrics: defs.slice(c * perCategory, (c + 1) * perCategory),
  })).filter((c) => c.metrics.length > 0);
  const ids = Array.from({ length: customers }, (_, i) => `C${i}`);
  const model: HealthModel = {
    format: 'health-model/v1',
    name: `synthetic ${metrics} metrics`,
    categories,
    adjustments: [
      { id: 'low-m0', source: 'm0', when: { op: '<', value: 10 }, points: -10 },
      { id: 'cap-m1', source: 'm1', when: { op: '>', value: 95 }, cap: 50 },
    ],
    segments: { field: 'stage', overrides: { onboarding: { m2: { weight: 0 } } } },
  };
  return { model, portfolio: { size: customers, ids, columns } };
}
