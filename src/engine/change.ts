/**
 * Why a score moved between two scorings of the same customer: "−12: usage −8, NPS −4".
 */
import type { ChangePart, CustomerExplanation, ScoreChange } from './results';

/** Parts smaller than this (in score points) are noise, not movement. */
const EPSILON = 1e-9;

/**
 * Splits integers among parts in proportion to their exact values so that they add up to `total`
 * (largest remainder): each part gets its floor, then the parts with the largest fractions get
 * the units still owed (or, when the floors overshoot, those with the smallest lose one).
 */
export function apportion(exact: readonly number[], total: number): number[] {
  const floors = exact.map((x) => Math.floor(x + EPSILON));
  let owed = total - floors.reduce((a, b) => a + b, 0);
  const byFraction = exact.map((x, i) => ({ i, fraction: x - floors[i]! })).sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  const result = [...floors];
  const n = byFraction.length;
  if (n === 0) return result;
  for (let k = 0; owed > 0; k++, owed--) result[byFraction[k % n]!.i]! += 1;
  for (let k = 0; owed < 0; k++, owed++) result[byFraction[n - 1 - (k % n)]!.i]! -= 1;
  return result;
}

/**
 * Explains the change from `before` to `after` (two explanations of the same customer): each
 * metric's change in contribution, the change in what adjustments, caps and the clamp did, and
 * the change in what rounding did. The exact parts add up to the change in the integer score, and
 * so do the whole-point figures (apportioned by largest remainder).
 */
export function explainChange(before: CustomerExplanation, after: CustomerExplanation): ScoreChange {
  const delta = before.score !== null && after.score !== null ? after.score - before.score : null;
  const base = { before: before.score, after: after.score, delta, bandBefore: before.band.id, bandAfter: after.band.id };
  if (delta === null) return { ...base, parts: [], categories: [] };

  const ids = [...new Set([...after.metrics.map((m) => m.metricId), ...before.metrics.map((m) => m.metricId)])];
  const drafts: Omit<ChangePart, 'points'>[] = ids.map((metricId) => {
    const a = after.metrics.find((m) => m.metricId === metricId);
    const b = before.metrics.find((m) => m.metricId === metricId);
    const shown = (a ?? b)!;
    return { kind: 'metric', metricId, categoryId: shown.categoryId, label: shown.label, exact: (a?.contribution ?? 0) - (b?.contribution ?? 0) };
  });
  // What adjustments, caps and the clamp took or gave, on each side.
  const adjustmentEffect = (e: CustomerExplanation) => (e.raw ?? 0) - (e.weightedScore ?? 0);
  drafts.push({ kind: 'adjustments', label: 'adjustments', exact: adjustmentEffect(after) - adjustmentEffect(before) });
  // What rounding to a whole score took or gave, so that no metric is shown moving more than it did.
  const roundingEffect = (e: CustomerExplanation) => (e.score ?? 0) - (e.raw ?? 0);
  drafts.push({ kind: 'rounding', label: 'rounding', exact: roundingEffect(after) - roundingEffect(before) });

  const moving = drafts.filter((d) => Math.abs(d.exact) > EPSILON);
  const points = apportion(
    moving.map((d) => d.exact),
    delta,
  );
  const parts: ChangePart[] = moving
    .map((d, i) => ({ ...d, points: points[i]! }))
    .sort((x, y) => Math.abs(y.exact) - Math.abs(x.exact));

  const categories = [...new Set(parts.flatMap((p) => (p.categoryId ? [p.categoryId] : [])))].map((categoryId) => {
    const inCategory = parts.filter((p) => p.categoryId === categoryId);
    const label = after.categories.find((c) => c.categoryId === categoryId)?.label ?? before.categories.find((c) => c.categoryId === categoryId)?.label ?? categoryId;
    return {
      categoryId,
      label,
      exact: inCategory.reduce((s, p) => s + p.exact, 0),
      points: inCategory.reduce((s, p) => s + p.points, 0),
    };
  });
  return { ...base, parts, categories };
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : '0';
}

/** A one-line summary of a change, largest parts first: "−12: usage −8, NPS −4". */
export function describeChange(change: ScoreChange): string {
  if (change.delta === null) return change.after === null ? 'no score now' : 'no earlier score';
  const parts = change.parts.filter((p) => p.points !== 0).map((p) => `${p.label} ${signed(p.points)}`);
  return parts.length > 0 ? `${signed(change.delta)}: ${parts.join(', ')}` : signed(change.delta);
}
