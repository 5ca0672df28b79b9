/**
 * The method wizard's worker side, black-box: its progress and the band actions are kept on the
 * device (a new service on the same database reads them back; a value that no longer reads is
 * ignored), and `checkModel` reports problems by JSON path without using anything.
 */
import { describe, expect, it } from 'vitest';
import { STARTER_MODELS } from '../../../src/engine/starter-models';
import type { HealthModel } from '../../../src/engine';
import { day, freshService } from './support';

const B2B = STARTER_MODELS[0]!.model;

describe('the method wizard in the worker', () => {
  it('keeps the progress across a reopen, and forgets it on null', async () => {
    const { service, reopen } = freshService();
    await service.loadDemo({ asOf: day('2026-04-30') });
    expect(await service.methodProgress()).toBeNull();
    const draft: HealthModel = { ...B2B, name: 'Mine' };
    await service.saveMethodProgress({ step: 2, draft, savedAt: 1234 });
    const again = reopen();
    await again.loadDemo({ asOf: day('2026-04-30') });
    expect(await again.methodProgress()).toEqual({ step: 2, draft, savedAt: 1234 });
    await again.saveMethodProgress(null);
    expect(await again.methodProgress()).toBeNull();
  });

  it('keeps a draft that is not a valid model yet (a blank start), but refuses a progress of the wrong shape', async () => {
    const { service } = freshService();
    await service.loadDemo({ asOf: day('2026-04-30') });
    const blank = { format: 'health-model/v1', name: 'New model', categories: [{ id: 'usage', label: 'Usage', weight: 1, metrics: [] }] } as HealthModel;
    await service.saveMethodProgress({ step: 0, draft: blank, savedAt: 1 });
    expect((await service.methodProgress())?.draft).toEqual(blank);
    await expect(service.saveMethodProgress({ step: 9, draft: blank, savedAt: 1 })).rejects.toThrow(/expected shape/);
    expect((await service.methodProgress())?.step).toBe(0);
  });

  it('keeps band actions trimmed, drops blank ones, and reads them back after a reopen', async () => {
    const { service, reopen } = freshService();
    await service.loadDemo({ asOf: day('2026-04-30') });
    expect(await service.bandActions()).toEqual({});
    expect(await service.setBandActions({ red: '  Call them this week.  ', yellow: '   ', green: 'Ask for a referral.' })).toEqual({ red: 'Call them this week.', green: 'Ask for a referral.' });
    const again = reopen();
    await again.loadDemo({ asOf: day('2026-04-30') });
    expect(await again.bandActions()).toEqual({ red: 'Call them this week.', green: 'Ask for a referral.' });
  });

  it('checkModel lists every problem by JSON path and changes nothing', async () => {
    const { service } = freshService();
    await service.loadDemo({ asOf: day('2026-04-30') });
    const before = await service.modelFile();
    expect(await service.checkModel(B2B)).toEqual([]);
    const broken = { ...B2B, categories: [{ ...B2B.categories[0]!, weight: -1, metrics: [] }] } as HealthModel;
    const problems = await service.checkModel(broken);
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.path)).toEqual(expect.arrayContaining(['categories[0].weight']));
    expect((await service.modelFile()).revision).toBe(before.revision);
  });
});

describe('why a score moved', () => {
  it('splits each customer’s change since the previous snapshot into whole points that add up to it', async () => {
    const { service } = freshService();
    await service.loadDemo({ asOf: day('2026-04-30') });
    const scores = await service.scores();
    const summary = await service.summary();
    let explained = 0;
    for (let row = 0; row < scores.score.length && explained < 25; row++) {
      const move = await service.explainMove(row);
      const before = scores.previousScore[row]!;
      if (Number.isNaN(before)) {
        if (move) expect(move.delta).toBeNull();
        continue;
      }
      expect(move).not.toBeNull();
      expect(move!.since).toBe(summary.snapshots.at(-2));
      expect(move!.before).toBe(before);
      expect(move!.after).toBe(scores.score[row]);
      expect(move!.delta).toBe(scores.score[row]! - before);
      expect(move!.parts.reduce((sum, p) => sum + p.points, 0)).toBe(move!.delta);
      explained++;
    }
    expect(explained).toBe(25);
  });
});
