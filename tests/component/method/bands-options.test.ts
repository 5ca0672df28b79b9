/**
 * The weigh step's bands and missing-data editors, by role and label: each change gives the
 * parent a new draft (the component keeps nothing itself), in plain words in the user's language.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HealthModel } from '../../../src/engine';
import { STARTER_MODELS } from '../../../src/engine/starter-models';
import { i18n } from '../../../src/ui/i18n.svelte';
import BandsEditor from '../../../src/ui/method/BandsEditor.svelte';
import ScoringOptions from '../../../src/ui/method/ScoringOptions.svelte';

const B2B: HealthModel = STARTER_MODELS[0]!.model;

describe('the bands editor', () => {
  afterEach(() => (i18n.locale = 'en'));

  it('shows each band as a range with its translated name, and moves a cut', async () => {
    const onchange = vi.fn<(draft: HealthModel) => void>();
    render(BandsEditor, { draft: B2B, onchange });
    expect(screen.getByText('Scores 0–50')).toBeVisible();
    expect(screen.getByText('Scores 51–70')).toBeVisible();
    expect(screen.getByText('Scores 71–100')).toBeVisible();
    const names = screen.getAllByRole('textbox', { name: 'Name' });
    expect(names.map((n) => (n as HTMLInputElement).value)).toEqual(['Red', 'Yellow', 'Green']);
    const highest = screen.getAllByRole('spinbutton', { name: 'Highest score' });
    expect(highest).toHaveLength(2);
    await userEvent.clear(highest[0]!);
    await userEvent.type(highest[0]!, '40');
    await userEvent.tab();
    const moved = onchange.mock.lastCall?.[0];
    expect(moved?.bands).toMatchObject({ mode: 'fixed', cuts: [{ id: 'red', max: 40 }, { id: 'yellow', max: 70 }, { id: 'green', max: 100 }] });
  });

  it('switches to quartiles, renames a band, and splits one', async () => {
    const onchange = vi.fn<(draft: HealthModel) => void>();
    render(BandsEditor, { draft: B2B, onchange });
    await userEvent.click(screen.getByRole('radio', { name: /Quartiles/ }));
    expect(onchange.mock.lastCall?.[0].bands).toEqual({ mode: 'quantile' });

    const name = screen.getAllByRole('textbox', { name: 'Name' })[1]!;
    await userEvent.clear(name);
    await userEvent.type(name, 'Keep an eye');
    await userEvent.tab();
    expect(onchange.mock.lastCall?.[0].bands).toMatchObject({ cuts: [{ id: 'red' }, { id: 'yellow', label: 'Keep an eye' }, { id: 'green' }] });

    await userEvent.click(screen.getByRole('button', { name: 'Split “Green” in two' }));
    const split = onchange.mock.lastCall?.[0].bands;
    expect(split?.mode === 'fixed' && split.cuts.map((c) => c.max)).toEqual([50, 70, 85, 100]);
  });

  it('speaks Portuguese', () => {
    i18n.locale = 'pt-BR';
    render(BandsEditor, { draft: { ...B2B, bands: { mode: 'quantile' } }, onchange: () => undefined });
    expect(screen.getByRole('radio', { name: /Quartis/ })).toBeChecked();
    expect(screen.getByText(/o quarto de baixo é vermelho/)).toBeVisible();
    expect(screen.queryByRole('spinbutton')).toBeNull();
  });
});

describe('the missing-data options', () => {
  it('says each policy in plain words and gives the chosen one and the minimum coverage to the draft', async () => {
    const onchange = vi.fn<(draft: HealthModel) => void>();
    render(ScoringOptions, { draft: B2B, onchange });
    expect(screen.getByRole('radio', { name: /Leave it out/ })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: /Count it as bad/ }));
    expect(onchange.mock.lastCall?.[0].missing).toBe('zero');
    expect(screen.getByText(/less than 50% of the weight/)).toBeVisible();
    const slider = screen.getByRole('slider', { name: /Minimum data for a band/ });
    await fireEvent.input(slider, { target: { value: '55' } });
    expect(onchange.mock.lastCall?.[0].minCoverage).toBeCloseTo(0.55);
  });
});
