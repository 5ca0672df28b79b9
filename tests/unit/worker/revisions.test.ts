/**
 * Through EngineApi, on the demo: previews of weight changes (re-aggregated from cached points)
 * agree with using the draft, name the customers who move most; every model put in use is
 * recorded as a revision (newest first, once each, kept on the device and in backups); two
 * revisions compare by bands, mean, changed customers with why, and model differences.
 */
import { describe, expect, it } from 'vitest';
import { explainChange, type HealthModel } from '../../../src/engine';
import type { EngineService } from '../../../src/worker/service';
import { APRIL } from './monthly';
import { freshService } from './support';

const NOW = new Date('2026-12-03T10:00:00Z');

function bandsOf(scores: { band: Uint8Array; bands: readonly unknown[] }): number[] {
  return scores.bands.map((_, b) => scores.band.filter((x) => x === b).length);
}

/** The model with category `index`'s weight set (and its first metric's, if given). */
function weighed(model: HealthModel, index: number, weight: number, metricWeight?: number): HealthModel {
  return {
    ...model,
    categories: model.categories.map((c, i) => (i !== index ? c : { ...c, weight, metrics: c.metrics.map((m, k) => (k === 0 && metricWeight !== undefined ? { ...m, weight: metricWeight } : m)) })),
  };
}

async function used(service: EngineService, model: HealthModel) {
  const result = await service.useModel({ model });
  expect(result.ok).toBe(true);
  return service.scores();
}

describe('previewing weight changes', () => {
  it('gives, draft after draft, the bands using the draft gives, and the customers who move most', async () => {
    const { service } = freshService({ today: () => NOW });
    await service.loadDemo({ asOf: APRIL });
    const model = await service.model();
    const before = await service.scores();
    expect((await service.previewModel(model)).changed).toBe(0);
    // Several weight-only drafts in a row (the cached path), then one with another rule (the full path).
    const drafts = [weighed(model, 0, 0), weighed(model, 1, 9, 0), weighed(model, 0, 1, 7)];
    const ruleChanged: HealthModel = { ...model, categories: model.categories.map((c, i) => (i === 0 ? { ...c, metrics: c.metrics.map((m, k) => (k === 0 ? { ...m, scoring: { type: 'boolean', true: 100, false: 0 } } : m)) } : c)) };
    const previews = [];
    for (const draft of [...drafts, ruleChanged]) previews.push(await service.previewModel(draft));
    for (const [k, draft] of [...drafts, ruleChanged].entries()) {
      const preview = previews[k]!;
      const after = await used(service, draft);
      expect(preview.bandCounts).toEqual(bandsOf(after));
      const moved = Array.from(after.band).flatMap((b, r) => (b !== before.band[r] ? [r] : []));
      expect(preview.changed).toBe(moved.length);
      expect(preview.movers.length).toBe(Math.min(50, moved.length));
      const size = (r: number) => Math.abs(after.score[r]! - before.score[r]!);
      for (const mover of preview.movers) {
        expect(mover).toEqual({ row: mover.row, from: before.band[mover.row], to: after.band[mover.row], score: after.score[mover.row], previousScore: before.score[mover.row] });
        expect(mover.from).not.toBe(mover.to);
      }
      const sizes = preview.movers.map((m) => size(m.row));
      expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
      // No customer left out moved more than the last one shown.
      const shown = new Set(preview.movers.map((m) => m.row));
      const smallest = sizes.at(-1) ?? 0;
      expect(moved.filter((r) => !shown.has(r) && size(r) > smallest)).toEqual([]);
      await service.useModel({ model });
    }
  }, 30_000);

  it('still refuses a draft with a wrong weight after weight-only previews, saying where', async () => {
    const { service } = freshService();
    await service.loadDemo({ asOf: APRIL });
    const model = await service.model();
    await service.previewModel(weighed(model, 0, 3));
    await expect(service.previewModel(weighed(model, 0, -1))).rejects.toThrow(/categories\[0\]\.weight/);
    await expect(service.previewModel(weighed(model, 1, 2, Number.NaN))).rejects.toThrow(/categories\[1\]\.metrics\[0\]\.weight/);
    const allZero = { ...model, categories: model.categories.map((c) => ({ ...c, weight: 0 })) };
    await expect(service.previewModel(allZero)).rejects.toThrow(/at least one category/);
    expect((await service.previewModel(weighed(model, 0, 3))).bands.length).toBeGreaterThan(0);
  });
});

describe('model revisions', () => {
  it('records every model put in use, newest first, once each, on the device and in backups', async () => {
    const times = [new Date('2026-12-01T09:00:00Z'), new Date('2026-12-02T09:00:00Z'), new Date('2026-12-03T09:00:00Z')];
    let now = times[0]!;
    const { service, reopen } = freshService({ today: () => now });
    await service.loadDemo({ asOf: APRIL });
    const start = await service.revisions();
    expect(start).toEqual([{ revision: (await service.summary()).revision, name: 'B2B SaaS', savedAt: null, inUse: true }]);
    const original = await service.model();

    const first = await service.useModel({ model: { ...weighed(original, 0, 0), name: 'No usage' } });
    now = times[1]!;
    await service.useModel({ starter: 'subscription' });
    now = times[2]!;
    await service.useModel({ model: original });
    const list = await service.revisions();
    expect(list.map((r) => [r.name, r.savedAt, r.inUse])).toEqual([
      ['B2B SaaS', times[2]!.getTime(), true],
      ['Subscription and e-commerce', times[1]!.getTime(), false],
      ['No usage', times[0]!.getTime(), false],
    ]);
    expect(list[2]!.revision).toBe(first.ok && first.portfolio.revision);

    expect(await reopen().revisions()).toEqual(list);
    const backup = new TextDecoder().decode((await service.backup()).data);
    expect(backup).toContain('modelRevisions');
    expect(backup).toContain('No usage');
  });

  it('compares two revisions on the current portfolio: bands, means, changed customers with why, and what differs', async () => {
    const { service } = freshService({ today: () => NOW });
    await service.loadDemo({ asOf: APRIL });
    const original = await service.model();
    const older = await service.scores();
    const usage = original.categories[0]!;
    const draft = weighed(original, 0, 0);
    const newer = await used(service, draft);
    const [inUse, before] = await service.revisions();
    expect(inUse!.inUse).toBe(true);

    const comparison = await service.compareRevisions(before!.revision, inUse!.revision);
    expect(comparison.a).toMatchObject({ revision: before!.revision, name: 'B2B SaaS', bandCounts: bandsOf(older) });
    expect(comparison.b).toMatchObject({ revision: inUse!.revision, bandCounts: bandsOf(newer) });
    const mean = (s: Float64Array) => {
      const xs = Array.from(s).filter((x) => !Number.isNaN(x));
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(comparison.a.mean).toBeCloseTo(mean(older.score), 9);
    expect(comparison.b.mean).toBeCloseTo(mean(newer.score), 9);
    const moved = Array.from(newer.band).flatMap((b, r) => (b !== older.band[r] ? [r] : []));
    expect(comparison.changed).toBe(moved.length);
    expect(comparison.customers.length).toBe(Math.min(200, moved.length));
    const customers = await service.customers();
    const labels = original.categories.flatMap((c) => c.metrics.map((m) => m.label ?? m.id));
    const falls = comparison.customers.map((c) => c.scoreB - c.scoreA);
    expect(falls).toEqual([...falls].sort((x, y) => x - y));
    for (const c of comparison.customers) {
      expect(c).toMatchObject({ id: customers.ids[c.row], name: customers.names[c.row], bandA: older.band[c.row], bandB: newer.band[c.row], scoreA: older.score[c.row], scoreB: newer.score[c.row] });
      expect(c.why.length).toBeLessThanOrEqual(3);
      for (const part of c.why) {
        expect(labels).toContain(part.label);
        expect(part.points).not.toBe(0);
      }
    }
    // Zeroing a category moves scores through its metrics' contributions: most changes name some.
    const scored = comparison.customers.filter((c) => Math.abs(c.scoreB - c.scoreA) >= 3);
    expect(scored.length).toBeGreaterThan(0);
    for (const c of scored) expect(c.why.length).toBeGreaterThan(0);
    expect(comparison.differences).toEqual([{ kind: 'category-weight', category: usage.label ?? usage.id, a: usage.weight, b: 0 }]);

    // The other way round: the same customers, the rises first now.
    const back = await service.compareRevisions(inUse!.revision, before!.revision);
    expect(back.changed).toBe(comparison.changed);
    expect(back.differences).toEqual([{ kind: 'category-weight', category: usage.label ?? usage.id, a: 0, b: usage.weight }]);
    await expect(service.compareRevisions('nope', inUse!.revision)).rejects.toThrow(/no revision “nope”/);

    // Why, as the customer page would explain each side's score.
    const picked = comparison.customers.slice(0, 5);
    const explainedB = await Promise.all(picked.map((c) => service.explain(c.row)));
    expect((await service.useModel({ revision: before!.revision })).ok).toBe(true);
    const explainedA = await Promise.all(picked.map((c) => service.explain(c.row)));
    picked.forEach((c, k) => {
      const parts = explainChange(explainedA[k]!, explainedB[k]!).parts.filter((p) => p.kind === 'metric' && p.points !== 0).slice(0, 3);
      expect(c.why).toEqual(parts.map((p) => ({ label: p.label, points: p.points })));
    });
  }, 30_000);
});
