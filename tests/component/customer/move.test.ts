/**
 * "Why it moved" on the customer page, on the demo with the real engine: the change since the
 * previous snapshot, split into whole points that add up to it, the largest first.
 */
import { screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatDay } from '../../../src/ui/format';
import { i18n } from '../../../src/ui/i18n.svelte';
import { EngineService } from '../../../src/worker/service';
import { customerTitle, openCustomer, SLOW, TODAY } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});

describe('why the score moved', () => {
  it('lists the parts of the change since the previous snapshot, largest first, adding up to it', async () => {
    const service = new EngineService();
    await service.loadDemo({ asOf: TODAY });
    const [table, scores, summary] = await Promise.all([service.customers(), service.scores(), service.summary()]);
    // A customer whose score moved by several points.
    const row = [...scores.score.keys()].find((r) => Math.abs(scores.score[r]! - scores.previousScore[r]!) >= 5)!;
    const move = (await service.explainMove(row))!;
    openCustomer(table.ids[row]!, new EngineService());
    await customerTitle(table.names[row]!);

    const panel = within(screen.getByRole('region', { name: 'Why it moved' }));
    const delta = scores.score[row]! - scores.previousScore[row]!;
    const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n)}`;
    expect(await panel.findByText(`${signed(delta)} since ${formatDay(summary.snapshots.at(-2)!, 'en')} (from ${scores.previousScore[row]} to ${scores.score[row]}):`, undefined, { timeout: SLOW })).toBeInTheDocument();
    const items = panel.getAllByRole('listitem').map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    const parts = move.parts.filter((p) => p.points !== 0);
    expect(items.length).toBe(Math.min(parts.length, 6));
    expect(items[0]).toContain(signed(parts[0]!.points));
    const shown = items.map((text) => Number(text.match(/([+−])(\d+)$/)!.slice(1).join('').replace('−', '-').replace('+', '')));
    if (parts.length <= 6) expect(shown.reduce((a, b) => a + b, 0)).toBe(delta);
    // Largest movement first.
    for (let k = 1; k < shown.length; k++) expect(Math.abs(shown[k]!)).toBeLessThanOrEqual(Math.abs(shown[k - 1]!));
  }, SLOW);
});
