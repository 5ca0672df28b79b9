/**
 * Weighing with the customers who would change band listed live, the weights panel on a draft of
 * the caller's (`begin`), and comparing revisions after a save — on the real worker service, in
 * process, on the demo portfolio, each test on its own database.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { PulsoDb } from '../../../src/data';
import { epochDay, type HealthModel } from '../../../src/engine';
import App from '../../../src/ui/App.svelte';
import { i18n } from '../../../src/ui/i18n.svelte';
import { AppState, type SourceMemory } from '../../../src/ui/state/app-state.svelte';
import { WeightsEditor } from '../../../src/ui/weights/weights-editor.svelte';
import type { PortfolioSource } from '../../../src/worker/api';
import { EngineService } from '../../../src/worker/service';
import PanelHarness from './PanelHarness.svelte';

const SLOW = 30_000;
let databases = 0;

function newApp(): AppState {
  const name = `pulso-revisions-${++databases}-${Math.random().toString(36).slice(2)}`;
  let source: PortfolioSource | null = null;
  const memory: SourceMemory = { read: () => source, write: (s) => (source = s) };
  const api = new EngineService({ openDb: (events) => new PulsoDb({ name, ...events }) });
  return new AppState({ api, memory, today: () => epochDay(2026, 11, 23) });
}

const withoutFirstCategory = (model: HealthModel): HealthModel => ({ ...model, categories: model.categories.map((c, i) => (i === 0 ? { ...c, weight: 0 } : c)) });

beforeEach(() => {
  i18n.locale = 'en';
  location.hash = '';
});

describe('the weights panel', () => {
  it('starts from a draft given to it and lists the customers who would change band, linked, with both bands', async () => {
    const app = newApp();
    await app.start();
    const model = await app.api.model();
    const editor = new WeightsEditor({ api: app.api, onSaved: async () => undefined });
    render(PanelHarness, { app, editor });
    const draft = withoutFirstCategory(model);
    await editor.begin(draft);
    const preview = await app.api.previewModel(draft);
    expect(preview.changed).toBeGreaterThan(0);
    await screen.findByText(`${preview.changed} customer${preview.changed === 1 ? '' : 's'} would change band`);
    // The list follows the distribution a frame later.
    const list = await screen.findByRole('list', { name: 'Customers who would move to another band' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(preview.movers.length);
    const first = preview.movers[0]!;
    const link = within(items[0]!).getByRole('link');
    expect(link).toHaveTextContent(app.customers!.names[first.row]!);
    expect(link).toHaveAttribute('href', `#/customer?id=${app.customers!.ids[first.row]}`);
    expect(items[0]).toHaveTextContent(`score ${first.previousScore} → ${first.score}`);
    const labels = ['Red', 'Yellow', 'Green', 'Insufficient data'];
    expect(items[0]).toHaveTextContent(new RegExp(`${labels[first.from]}.*to.*${labels[first.to]}`));
    // The slider shows the draft's weight, not the model in use's; undo goes back to the draft.
    const name = model.categories[0]!.label ?? model.categories[0]!.id;
    expect(screen.getByRole('slider', { name: `Weight of ${name}` })).toHaveValue('0');
    editor.setWeight(0, null, model.categories[0]!.weight);
    await waitFor(() => expect(screen.getByText(/would change band$/)).toHaveTextContent('0 customers would change band'));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Customers who would move to another band' })).toBeNull());
    editor.reset();
    await waitFor(() => expect(screen.getByRole('slider', { name: `Weight of ${name}` })).toHaveValue('0'));
  }, SLOW);
});

describe('the weights panel on a wrong draft', () => {
  it('says what is wrong, by JSON path', async () => {
    const app = newApp();
    await app.start();
    const model = await app.api.model();
    const editor = new WeightsEditor({ api: app.api, onSaved: async () => undefined });
    render(PanelHarness, { app, editor });
    await editor.begin({ ...model, categories: model.categories.map((c, i) => (i === 1 ? { ...c, weight: -2 } : c)) });
    expect(await screen.findByRole('alert')).toHaveTextContent('categories[1].weight');
  }, SLOW);
});

describe('comparing revisions', () => {
  it('after a save, compares the new weights with the revision before and puts the older one in use again', async () => {
    const app = newApp();
    void app.start();
    render(App, { app });
    await screen.findByRole('heading', { level: 1, name: 'Portfolio overview' }, { timeout: SLOW });
    const original = app.summary!;
    location.hash = '#/settings';
    await screen.findByRole('link', { name: 'Adjust the weights' });
    expect(screen.queryByRole('link', { name: 'Compare revisions' })).toBeNull();

    location.hash = '#/weights';
    await screen.findByText('0 customers would change band');
    const model = await app.api.model();
    const usage = model.categories[0]!;
    await fireEvent.input(screen.getByRole('slider', { name: `Weight of ${usage.label ?? usage.id}` }), { target: { value: '0' } });
    await screen.findByRole('list', { name: 'Customers who would move to another band' });
    await userEvent.click(screen.getByRole('button', { name: 'Save as the model in use' }));
    await screen.findByText('Saved: the portfolio is now scored with these weights.', {}, { timeout: SLOW });
    await userEvent.click(screen.getByRole('link', { name: 'Compare with the revision before' }));

    await screen.findByRole('heading', { level: 1, name: 'Compare model revisions' });
    const comparison = await app.api.compareRevisions(original.revision, app.summary!.revision);
    expect(screen.getByLabelText('Before')).toHaveValue(original.revision);
    expect(screen.getByLabelText('After')).toHaveValue(app.summary!.revision);
    const before = await screen.findByRole('region', { name: `Before: ${original.modelName}` });
    expect(within(before).getByLabelText(`Red: ${comparison.a.bandCounts[0]} customers`)).toBeInTheDocument();
    const after = screen.getByRole('region', { name: `After: ${app.summary!.modelName}` });
    expect(within(after).getByLabelText(`Green: ${comparison.b.bandCounts[2]} customers`)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'What differs in the model' })).getByRole('listitem')).toHaveTextContent(`${usage.label ?? usage.id}: weight ${usage.weight} → 0`);
    const changed = screen.getByRole('region', { name: 'Customers who change band' });
    expect(within(changed).getByRole('status')).toHaveTextContent(`${comparison.changed} customers change band`);
    const rows = within(changed).getAllByRole('listitem');
    expect(rows).toHaveLength(comparison.customers.length);
    const worst = comparison.customers[0]!;
    expect(within(rows[0]!).getByRole('link', { name: worst.name })).toHaveAttribute('href', `#/customer?id=${worst.id}`);
    expect(rows[0]).toHaveTextContent(`${worst.scoreA} → ${worst.scoreB}`);
    expect(rows[0]).toHaveTextContent(worst.why.map((p) => `${p.label} ${p.points > 0 ? '+' : '\u2212'}${Math.abs(p.points)}`).join(', '));

    await userEvent.click(within(before).getByRole('button', { name: `Use “${original.modelName}” again` }));
    await screen.findByText(`Now in use: ${original.modelName}.`);
    expect(app.summary!.revision).toBe(original.revision);
    location.hash = '#/settings';
    await screen.findByRole('link', { name: 'Compare revisions' });
  }, SLOW);
});
