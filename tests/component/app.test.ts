import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { epochDay } from '../../src/engine';
import App from '../../src/ui/App.svelte';
import { i18n } from '../../src/ui/i18n.svelte';
import { AppState, type SourceMemory } from '../../src/ui/state/app-state.svelte';
import type { PortfolioSource } from '../../src/worker/api';
import { EngineService } from '../../src/worker/service';

// Each test renders the whole app on a ~300-customer portfolio: generous time for a busy 2-core machine.
const SLOW = 20_000;

/** The real worker service, run in-process: the same code the worker runs. */
function startApp(remembered: PortfolioSource | null = null) {
  let source = remembered;
  const memory: SourceMemory = { read: () => source, write: (s) => (source = s) };
  const app = new AppState({ api: new EngineService(), memory, today: () => epochDay(2026, 11, 23) });
  void app.start();
  render(App, { app });
  return { app, remembered: () => source };
}

async function overviewLoaded() {
  return screen.findByRole('heading', { level: 1, name: 'Portfolio overview' }, { timeout: SLOW });
}

beforeEach(() => {
  i18n.locale = 'en';
  location.hash = '';
});

describe('the app on the demo portfolio', () => {
  it('opens on the scored demo: every customer counted in exactly one band, with label and share', async () => {
    const { app } = startApp();
    await overviewLoaded();
    await waitFor(() => expect(app.status).toBe('ready'));
    const size = app.summary!.size;
    expect(screen.getByText(`${size} customers`)).toBeInTheDocument();
    const cards = within(screen.getByRole('region', { name: 'Customers by band' })).getAllByRole('link');
    expect(cards.map((c) => c.getAttribute('aria-label')!.split(':')[0])).toEqual(['Red', 'Yellow', 'Green', 'Insufficient data']);
    const counts = cards.map((c) => Number(/: (\d+) customers?/.exec(c.getAttribute('aria-label')!)![1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(size);
    expect(screen.getByRole('img', { name: /Customers by score, in steps of 10 points/ })).toBeInTheDocument();
    expect(screen.getByText('This is a demo portfolio of fictional B2B SaaS customers.')).toBeInTheDocument();
  }, SLOW);

  it('lists customers worst first, sorts by a column, and filters by band from the overview', async () => {
    startApp();
    await overviewLoaded();
    await userEvent.click(screen.getByRole('link', { name: 'Customers' }));
    await screen.findByRole('heading', { level: 1, name: 'Customers' });
    // Reading hundreds of cells by role is slow in jsdom; the controls are still found by role and name.
    const column = (k: number) => [...screen.getByRole('table').querySelectorAll('tbody tr')].map((r) => r.querySelectorAll('td')[k]!.textContent!.trim());
    const scoresShown = () => column(0).filter((s) => /^\d+$/.test(s)).map(Number);
    const scoreHeader = () => screen.getByRole('button', { name: 'Sort by Score' }).closest('th');
    const ascending = scoresShown();
    expect(ascending.length).toBeGreaterThan(100);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(scoreHeader()).toHaveAttribute('aria-sort', 'ascending');

    await userEvent.click(screen.getByRole('button', { name: 'Sort by Score' }));
    const descending = scoresShown();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(scoreHeader()).toHaveAttribute('aria-sort', 'descending');

    location.hash = '#/customers?band=red';
    await waitFor(() => expect(screen.getByRole('link', { name: 'Red' })).toHaveAttribute('aria-current', 'true'));
    expect(new Set(column(2))).toEqual(new Set(['Red']));
    // The band's action (the method's last step) heads the list of its customers.
    expect(screen.getByText(/Contact the customer now, find the cause/)).toBeInTheDocument();
  }, SLOW);

  it('speaks Portuguese and Spanish, formatting numbers and dates by locale', async () => {
    startApp();
    await overviewLoaded();
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'pt-BR');
    expect(screen.getByRole('heading', { level: 1, name: 'Visão geral da carteira' })).toBeInTheDocument();
    expect(screen.getByText(/Calculado em 23 de novembro de 2026/)).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Principal' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('pt-BR');
    await userEvent.selectOptions(screen.getByLabelText('Idioma'), 'es');
    expect(screen.getByRole('heading', { level: 1, name: 'Resumen de la cartera' })).toBeInTheDocument();
  }, SLOW);

  it('starts with my own data (remembered), and resets the demo', async () => {
    const { remembered } = startApp();
    await overviewLoaded();
    await userEvent.click(screen.getByRole('button', { name: 'Start with my own data' }));
    expect(await screen.findByRole('heading', { name: 'Your portfolio is empty' })).toBeInTheDocument();
    expect(screen.getByText('0 customers')).toBeInTheDocument();
    expect(remembered()).toBe('local');
    await userEvent.click(screen.getByRole('button', { name: 'Back to the demo' }));
    expect(await screen.findByRole('region', { name: 'Customers by band' })).toBeInTheDocument();
    expect(remembered()).toBe('demo');
  }, SLOW);

  it('reopens on an empty portfolio when the user chose their own data before', async () => {
    startApp('local');
    expect(await screen.findByRole('heading', { name: 'Your portfolio is empty' }, { timeout: SLOW })).toBeInTheDocument();
  }, SLOW);
});

describe('the portfolio over time', () => {
  it('lists every snapshot of the demo, newest first, with band counts that add up to the customers scored that day', async () => {
    const { app } = startApp();
    await overviewLoaded();
    const region = await screen.findByRole('region', { name: 'Over time' }, { timeout: SLOW });
    const rows = within(region).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(app.summary!.snapshots.length);
    const trend = await app.api.trend();
    const newest = trend.at(-1)!;
    const cells = within(rows[0]!).getAllByRole('cell').map((cell) => cell.textContent?.trim());
    expect(cells.slice(1)).toEqual(newest.bandCounts.map(String));
    expect(newest.bandCounts.reduce((a, b) => a + b, 0)).toBe(app.summary!.size);
  }, SLOW);
  it('maps the customers by stage and band; a count opens the list of exactly those customers', async () => {
    const { app } = startApp();
    await overviewLoaded();
    const region = await screen.findByRole('region', { name: /^Customers by lifecycle stage and band/ }, { timeout: SLOW });
    const rows = within(region).getAllByRole('row').slice(1);
    const totals = rows.map((row) => Number(within(row).getAllByRole('cell').at(-1)!.textContent));
    expect(totals.reduce((a, b) => a + b, 0)).toBe(app.summary!.size);
    const stages = rows.map((row) => within(row).getByRole('rowheader').textContent?.trim());
    expect(stages.indexOf('onboarding')).toBeLessThan(stages.indexOf('renewal'));
    const link = within(region).getAllByRole('link', { name: /^onboarding, Red: \d+ customers?\. See them$/ })[0]!;
    const count = Number(link.textContent);
    await userEvent.click(link);
    await screen.findByRole('heading', { level: 1, name: 'Customers' });
    expect(screen.getByRole('link', { name: 'Stage: onboarding. Show every stage' })).toBeInTheDocument();
    expect(screen.getByText(`${count} of ${app.summary!.size}`)).toBeInTheDocument();
  }, SLOW);
  it('finds customers by search, segment and owner, and draws the list 200 rows at a time', async () => {
    const { app } = startApp();
    await overviewLoaded();
    await userEvent.click(screen.getByRole('link', { name: 'Customers' }));
    await screen.findByRole('heading', { level: 1, name: 'Customers' });
    await waitFor(() => expect(app.customers).not.toBeNull());
    const size = app.summary!.size;
    const drawn = () => screen.getByRole('table').querySelectorAll('tbody tr').length;
    expect(size).toBeGreaterThan(200);
    expect(drawn()).toBe(200);
    expect(screen.getByText(`Showing the first 200 of ${size}`)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: `Show ${size - 200} more` }));
    expect(drawn()).toBe(size);
    expect(screen.queryByRole('button', { name: /^Show \d+ more$/ })).not.toBeInTheDocument();

    const table = app.customers!;
    const someone = table.names[7]!;
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), someone.normalize('NFD').replace(/\p{Diacritic}/gu, '').toUpperCase());
    const found = [...screen.getByRole('table').querySelectorAll('tbody tr th a')].map((a) => a.textContent);
    expect(found).toContain(someone);
    expect(found.every((name) => name!.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().includes(someone.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase()))).toBe(true);
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search' }));

    const [segment, owner] = [table.segments[0]!, table.owners[0]!];
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Segment' }), segment);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Owner' }), owner);
    const expected = table.ids.filter((_, r) => table.segments[r] === segment && table.owners[r] === owner).length;
    expect(expected).toBeGreaterThan(0);
    expect(screen.getByText(`${expected} of ${size}`)).toBeInTheDocument();
    expect(drawn()).toBe(expected);
  }, SLOW);
  it('says who needs attention: red renewals within 90 days with the MRR at stake, and who changed band', async () => {
    const { app } = startApp();
    await overviewLoaded();
    const section = await screen.findByRole('region', { name: 'Needs attention' }, { timeout: SLOW });
    const scores = app.scores!;
    const table = app.customers!;
    const today = app.today();
    const red = table.ids.flatMap((_, r) => (scores.band[r] === 0 && table.renewal[r]! >= today && table.renewal[r]! <= today + 90 ? [r] : []));
    const renewals = within(section).getByRole('article', { name: 'Red, renewing in the next 90 days' });
    if (red.length === 0) {
      expect(renewals).toHaveTextContent('No customer in this band renews in the next 90 days.');
    } else {
      const mrr = red.reduce((sum, r) => sum + (Number.isNaN(table.mrr[r]!) ? 0 : table.mrr[r]!), 0);
      expect(renewals).toHaveTextContent(`${red.length} customer${red.length === 1 ? '' : 's'} · ${new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(mrr)} MRR at stake`);
      const names = within(renewals).getAllByRole('link').map((a) => a.textContent);
      expect(names.length).toBe(Math.min(5, red.length));
      expect(red.map((r) => table.names[r])).toEqual(expect.arrayContaining(names));
    }
    const moved = table.ids.map((_, r) => r).filter((r) => scores.previousBand[r] !== 255 && scores.previousBand[r] !== scores.band[r]);
    expect(moved.length).toBeGreaterThan(0);
    const movers = within(section).getByRole('article', { name: /^Changed band since / });
    const down = moved.filter((r) => scores.band[r]! < scores.previousBand[r]! && scores.previousBand[r]! < 3).length;
    const up = moved.filter((r) => scores.band[r]! > scores.previousBand[r]! && scores.band[r]! < 3).length;
    expect(movers).toHaveTextContent(`${down} down · ${up} up`);
    const first = within(movers).getAllByRole('link')[0]!;
    expect(first.getAttribute('aria-label')).toMatch(/^.+: from (Red|Yellow|Green|Insufficient data) to (Red|Yellow|Green|Insufficient data), (−|\+)?\d+ points$/);
  }, SLOW);
  it('switches the scoring model to a template, and refuses a wrong model file saying where, changing nothing', async () => {
    const { app } = startApp();
    await overviewLoaded();
    await userEvent.click(screen.getByRole('link', { name: 'Settings' }));
    const b2b = await screen.findByRole('button', { name: /B2B SaaS/, pressed: true });
    expect(screen.getByText('In use: B2B SaaS')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Subscription and e-commerce' }));
    await screen.findByText('Now scoring with “Subscription and e-commerce”.');
    await waitFor(() => expect(app.summary!.modelName).toBe('Subscription and e-commerce'));
    await waitFor(() => expect(b2b).toHaveAttribute('aria-pressed', 'false'));

    const wrong = new File(['{"format": "health-model/v1", "name": "x", "categories": []}'], 'wrong.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('Use a model file'), wrong);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This model file cannot be used, so nothing was changed.');
    expect(alert).toHaveTextContent('categories');
    expect(app.summary!.modelName).toBe('Subscription and e-commerce');
    await userEvent.click(screen.getByRole('button', { name: /B2B SaaS/ }));
    await waitFor(() => expect(app.summary!.modelName).toBe('B2B SaaS'));
  }, SLOW);
  it('weighs the indicators with sliders: the bands are rescored while moving, and saving makes a new revision', async () => {
    const { app } = startApp();
    await overviewLoaded();
    const revision = app.summary!.revision;
    location.hash = '#/weights';
    await screen.findByRole('heading', { level: 1, name: 'Weigh the indicators' });
    const status = await screen.findByText(/would change band$/);
    expect(status).toHaveTextContent('0 customers would change band');
    const save = screen.getByRole('button', { name: 'Save as the model in use' });
    expect(save).toBeDisabled();
    const model = await app.api.model();
    const first = model.categories[0]!;
    const slider = screen.getByRole('slider', { name: `Weight of ${first.label ?? first.id}` });
    await fireEvent.input(slider, { target: { value: '0' } });
    await waitFor(() => expect(screen.getByText(/would change band$/).textContent).not.toBe('0 customers would change band'));
    const preview = await app.api.previewModel({ ...model, categories: model.categories.map((c, i) => (i === 0 ? { ...c, weight: 0 } : c)) });
    expect(screen.getByText(/would change band$/)).toHaveTextContent(`${preview.changed} customer${preview.changed === 1 ? '' : 's'} would change band`);
    expect(save).toBeEnabled();
    await userEvent.click(save);
    await screen.findByText('Saved: the portfolio is now scored with these weights.');
    expect(app.summary!.revision).not.toBe(revision);
    expect(app.bandCounts).toEqual(preview.bandCounts);
    // Back to the starter, for the tests that follow.
    await app.api.useModel({ starter: 'b2b-saas' });
  }, SLOW);
});
