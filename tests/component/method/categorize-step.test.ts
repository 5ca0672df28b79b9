import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseModel, type HealthModel } from '../../../src/engine';
import { STARTER_MODELS } from '../../../src/engine/starter-models';
import { i18n } from '../../../src/ui/i18n.svelte';
import { blankModel } from '../../../src/ui/method/categorize';
import { renderStep, SLOW } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});
afterEach(() => {
  i18n.locale = 'en';
});

const blank = () => blankModel({ model: 'Mine', category: 'First category' });
const b2b = STARTER_MODELS.find((s) => s.id === 'b2b-saas')!.model;

function accepted(model: HealthModel | undefined): HealthModel {
  const { model: read, problems } = parseModel(model);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return read!;
}

describe('the Categorize step', () => {
  it('from a blank page: adds an indicator from the library, changes its rule and shows what it does', async () => {
    const user = userEvent.setup();
    const { onchange, latest } = await renderStep(blank());
    expect(screen.getByText('Add at least one indicator.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add an indicator to “First category”' }));
    const panel = within(screen.getByRole('region', { name: 'Add an indicator to “First category”' }));
    // The demo has this column: the library says so.
    const logins = panel.getByRole('button', { name: 'Add “Logins in the last 30 days”' }).closest('li')!;
    await waitFor(() => expect(within(logins as HTMLElement).getByText('In your data')).toBeInTheDocument());
    await user.click(panel.getByRole('button', { name: 'Add “Logins in the last 30 days”' }));

    const model = accepted(latest());
    expect(model.categories[0]!.metrics).toEqual([{ id: 'logins_30d', label: 'Logins in the last 30 days', weight: 1, scoring: { type: 'linear', worst: 0, best: 20 } }]);
    expect(screen.getByText('Ready for the next step: 1 category, 1 indicator.')).toBeInTheDocument();
    expect(screen.getByText('0 or less → 0 points, 20 or more → 100 points, in a straight line between.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Change the rule of “Logins in the last 30 days”' }));
    // The chart's words: over the demo's actual logins.
    expect(await screen.findByText(/^Most customers \(8 in 10\) have .+; the rule gives them .+ points\./, {}, { timeout: SLOW })).toBeInTheDocument();
    const choices = screen.getByRole('group', { name: 'How values turn into points' });
    expect(within(choices).getAllByRole('radio').map((r) => r.closest('label')!.textContent!.trim())).toEqual(['Higher is better', 'Lower is better', 'Best inside a range', 'In steps']);

    const best = screen.getByRole('textbox', { name: 'Value that gives 100 points' });
    await user.clear(best);
    await user.type(best, '10');
    expect(screen.getByText('0 or less → 0 points, 10 or more → 100 points, in a straight line between.')).toBeInTheDocument();
    expect(accepted(latest()).categories[0]!.metrics[0]!.scoring).toEqual({ type: 'linear', worst: 0, best: 10 });

    // A wrong number: a message by the field, and the draft keeps the last rule that reads.
    const calls = onchange.mock.calls.length;
    await user.clear(best);
    await user.type(best, '0');
    expect(best).toHaveAttribute('aria-invalid', 'true');
    expect(best).toHaveAccessibleDescription(/Must differ from the value that gives 0 points/);
    expect(onchange.mock.calls.length).toBe(calls);
    await user.type(best, 'x');
    expect(best).toHaveAccessibleDescription(/Enter a number, like 12.5/);

    await user.click(within(choices).getByRole('radio', { name: 'Best inside a range' }));
    const rule = accepted(latest()).categories[0]!.metrics[0]!.scoring;
    expect(rule.type).toBe('range');
    expect(screen.getByText(/^Between .+ and .+: 100 points\./)).toBeInTheDocument();

    const age = screen.getByRole('textbox', { name: 'Values older than this many days count as missing (optional)' });
    await user.type(age, '30');
    expect(accepted(latest()).categories[0]!.metrics[0]!.maxAgeDays).toBe(30);
    expect(screen.getByText(/A value older than 30 days counts as missing\.$/)).toBeInTheDocument();
  }, SLOW);

  it('adds a category, an indicator from the data’s columns with labels found there, and removes a category after asking', async () => {
    const user = userEvent.setup();
    const { latest } = await renderStep(blank());
    await user.click(screen.getByRole('button', { name: 'Add a category' }));
    expect(screen.getByRole('textbox', { name: 'Name of the new category' })).toHaveAccessibleDescription(/Enter a name for the category/);
    await user.type(screen.getByRole('textbox', { name: 'Name of the new category' }), 'CSM view{Enter}');
    expect(screen.getByRole('heading', { level: 3, name: /^CSM view/ })).toBeInTheDocument();
    expect(latest()!.categories.map((c) => c.label)).toEqual(['First category', 'CSM view']);

    await user.click(screen.getByRole('button', { name: 'Add an indicator to “CSM view”' }));
    const panel = within(screen.getByRole('region', { name: 'Add an indicator to “CSM view”' }));
    await user.click(panel.getByRole('radio', { name: 'From your data' }));
    const column = (await panel.findByRole('button', { name: 'Add “csm_sentiment”' }, { timeout: SLOW })).closest('li')!;
    expect(column).toHaveTextContent(/Labels · \d+ customers have a value/);
    await user.click(within(column as HTMLElement).getByRole('button'));
    await waitFor(() => expect(latest()!.categories[1]!.metrics).toHaveLength(1));
    const sentiment = accepted(latest()).categories[1]!.metrics[0]!;
    expect(sentiment).toMatchObject({ id: 'csm_sentiment', label: 'csm_sentiment' });
    expect(sentiment.scoring.type === 'map' ? Object.keys(sentiment.scoring.points).sort() : []).toEqual(['happy', 'neutral', 'unhappy', 'very happy', 'very unhappy']);

    await user.click(screen.getByRole('button', { name: 'Remove the category “CSM view”' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove “CSM view”?' });
    expect(within(dialog).getByText('Its 1 indicator is removed with it.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Yes, remove' }));
    expect(screen.queryByRole('heading', { level: 3, name: /^CSM view/ })).not.toBeInTheDocument();
    expect(latest()!.categories.map((c) => c.label)).toEqual(['First category']);
    // The last category cannot go: a model needs one.
    expect(screen.getByRole('button', { name: 'Remove the category “First category”' })).toBeDisabled();
  }, SLOW);

  it('on a template: renames a category, moves and removes indicators, in Portuguese', async () => {
    i18n.locale = 'pt-BR';
    const user = userEvent.setup();
    const { latest } = await renderStep(b2b);
    const names = screen.getAllByRole('textbox', { name: 'Nome da categoria' });
    await user.clear(names[0]!);
    await user.type(names[0]!, 'Uso');
    expect(accepted(latest()).categories[0]).toMatchObject({ id: 'usage', label: 'Uso' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Mover “Logins in the last 30 days” para outra categoria' }), 'Engagement');
    const moved = accepted(latest());
    expect(moved.categories[0]!.metrics.map((m) => m.id)).not.toContain('logins_30d');
    expect(moved.categories[1]!.metrics.map((m) => m.id)).toEqual(['meetings_90d', 'events_90d', 'logins_30d']);

    expect(screen.getByText('Sim → 100 pontos, Não → 30 pontos.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remover o indicador “Onboarding done”' }));
    const removed = accepted(latest());
    expect(removed.categories.flatMap((c) => c.metrics.map((m) => m.id))).not.toContain('onboarding_done');
    // Its segment override went with it, so the model still reads.
    expect(removed.segments?.overrides['onboarding']).toEqual({ tickets_30d: { weight: 0 } });
    expect(screen.queryByText('Sim → 100 pontos, Não → 30 pontos.')).not.toBeInTheDocument();
  }, SLOW);
});
