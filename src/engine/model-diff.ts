/**
 * What differs between two models: weights, rules, missing policies, coverage threshold, bands,
 * adjustments, segments — a short list by category and metric, for comparing two revisions.
 */
import { MODEL_DEFAULTS, type Bands, type HealthModel, type ScoringRule } from './model';

export type ModelDifferenceKind =
  | 'category-added'
  | 'category-removed'
  | 'category-weight'
  | 'metric-added'
  | 'metric-removed'
  | 'metric-weight'
  | 'metric-rule'
  /** Source, transform, missing policy or `maxAgeDays` (`setting` names which). */
  | 'metric-setting'
  | 'missing'
  | 'min-coverage'
  | 'bands'
  | 'adjustment-added'
  | 'adjustment-removed'
  | 'adjustment-changed'
  | 'segments';

/** One difference from model `a` to model `b`. Labels are the models' own (fallback: ids). */
export interface ModelDifference {
  readonly kind: ModelDifferenceKind;
  readonly category?: string;
  readonly metric?: string;
  /** An adjustment's label; for `metric-setting`, which setting. */
  readonly item?: string;
  /** The value in `a` and in `b`, where there is one to show (weights, policies, rules and bands in a short form). */
  readonly a?: number | string;
  readonly b?: number | string;
}

/** A rule in a short, language-neutral form: `0 → 100`, `[40–60] 0 at 20/90`, `≤30: 10 · ≤70: 60 · 100`… */
export function describeRule(rule: ScoringRule): string {
  switch (rule.type) {
    case 'linear':
      return `${rule.worst} → ${rule.best}`;
    case 'range':
      return `[${rule.ideal[0]}–${rule.ideal[1]}] 0 @ ${rule.zeroAt[0]}/${rule.zeroAt[1]}`;
    case 'steps':
      return rule.steps.map((s) => (s.upTo === undefined ? `${s.points}` : `≤${s.upTo}: ${s.points}`)).join(' · ');
    case 'boolean':
      return `✓ ${rule.true} · ✗ ${rule.false}`;
    case 'map':
      return Object.entries(rule.points).map(([label, points]) => `${label}: ${points}`).join(' · ');
  }
}

/** Bands in a short form: `red ≤50 · yellow ≤70 · green ≤100`, or `p25/p75`. */
export function describeBands(bands: Bands): string {
  return bands.mode === 'quantile' ? 'p25/p75' : bands.cuts.map((c) => `${c.label ?? c.id} ≤${c.max}`).join(' · ');
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/**
 * The differences from `a` to `b`, in model order: categories (added, removed, weight), then
 * their metrics (added, removed, weight, rule, other settings), then the model-wide settings,
 * adjustments and segments. Categories and metrics are matched by id. Pure.
 */
export function modelDifferences(a: HealthModel, b: HealthModel): ModelDifference[] {
  const out: ModelDifference[] = [];
  const bCategories = new Map(b.categories.map((c) => [c.id, c]));
  const aIds = new Set(a.categories.map((c) => c.id));
  for (const ca of a.categories) {
    const cb = bCategories.get(ca.id);
    const category = (cb ?? ca).label ?? ca.id;
    if (!cb) {
      out.push({ kind: 'category-removed', category });
      continue;
    }
    if (ca.weight !== cb.weight) out.push({ kind: 'category-weight', category, a: ca.weight, b: cb.weight });
    const bMetrics = new Map(cb.metrics.map((m) => [m.id, m]));
    const aMetricIds = new Set(ca.metrics.map((m) => m.id));
    for (const ma of ca.metrics) {
      const mb = bMetrics.get(ma.id);
      const metric = (mb ?? ma).label ?? ma.id;
      if (!mb) {
        out.push({ kind: 'metric-removed', category, metric });
        continue;
      }
      if (ma.weight !== mb.weight) out.push({ kind: 'metric-weight', category, metric, a: ma.weight, b: mb.weight });
      if (!same(ma.scoring, mb.scoring)) out.push({ kind: 'metric-rule', category, metric, a: describeRule(ma.scoring), b: describeRule(mb.scoring) });
      for (const setting of ['source', 'transform', 'missing', 'maxAgeDays'] as const) {
        if (ma[setting] !== mb[setting]) out.push({ kind: 'metric-setting', category, metric, item: setting, a: ma[setting] ?? '—', b: mb[setting] ?? '—' });
      }
    }
    for (const mb of cb.metrics) if (!aMetricIds.has(mb.id)) out.push({ kind: 'metric-added', category, metric: mb.label ?? mb.id });
  }
  for (const cb of b.categories) if (!aIds.has(cb.id)) out.push({ kind: 'category-added', category: cb.label ?? cb.id });

  const missingA = a.missing ?? MODEL_DEFAULTS.missing;
  const missingB = b.missing ?? MODEL_DEFAULTS.missing;
  if (missingA !== missingB) out.push({ kind: 'missing', a: missingA, b: missingB });
  const coverageA = a.minCoverage ?? MODEL_DEFAULTS.minCoverage;
  const coverageB = b.minCoverage ?? MODEL_DEFAULTS.minCoverage;
  if (coverageA !== coverageB) out.push({ kind: 'min-coverage', a: coverageA, b: coverageB });
  const bandsA = a.bands ?? MODEL_DEFAULTS.bands;
  const bandsB = b.bands ?? MODEL_DEFAULTS.bands;
  if (!same(bandsA, bandsB)) out.push({ kind: 'bands', a: describeBands(bandsA), b: describeBands(bandsB) });

  const bAdjustments = new Map((b.adjustments ?? []).map((x) => [x.id, x]));
  const aAdjustmentIds = new Set((a.adjustments ?? []).map((x) => x.id));
  for (const xa of a.adjustments ?? []) {
    const xb = bAdjustments.get(xa.id);
    const item = (xb ?? xa).label ?? xa.id;
    if (!xb) out.push({ kind: 'adjustment-removed', item });
    else if (!same(xa, xb)) out.push({ kind: 'adjustment-changed', item });
  }
  for (const xb of b.adjustments ?? []) if (!aAdjustmentIds.has(xb.id)) out.push({ kind: 'adjustment-added', item: xb.label ?? xb.id });
  if (!same(a.segments ?? null, b.segments ?? null)) out.push({ kind: 'segments' });
  return out;
}
