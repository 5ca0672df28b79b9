/**
 * The lists screen and the alerts panel on the demo, run by the real in-process `EngineService`
 * (fake-indexeddb for its settings), found by role and label: the four lists as links, a list's
 * count and rows, the owner filter, choosing the column a list reads (and being told when there
 * is none), the CSV export; the alerts with "Mark all as seen" and the app icon's badge.
 */
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { epochDay } from '../../../src/engine';
import { fileDate } from '../../../src/ui/download';
import { i18n } from '../../../src/ui/i18n.svelte';
import ListsScreen from '../../../src/ui/lists/ListsScreen.svelte';
import AlertsPanel from '../../../src/ui/overview/AlertsPanel.svelte';
import { AppState } from '../../../src/ui/state/app-state.svelte';
import { PulsoDb } from '../../../src/data';
import type { EngineApi, OpportunityLists } from '../../../src/worker/api';
import { EngineService } from '../../../src/worker/service';
import { catchDownloads, renderUnder } from '../data/support';

const TODAY = epochDay(2026, 11, 23);
const SLOW = 30_000;
let counter = 0;

function service<T extends EngineService>(make: (options: ConstructorParameters<typeof EngineService>[0]) => T = (o) => new EngineService(o) as T): T {
  const name = `pulso-lists-ui-${++counter}-${Math.random().toString(36).slice(2)}`;
  return make({ openDb: (events) => new PulsoDb({ name, ...events }), today: () => new Date(TODAY * 86_400_000 + new Date().getTimezoneOffset() * 60_000) });
}

async function demoApp(api: EngineApi = service()): Promise<AppState> {
  const app = new AppState({ api, memory: { read: () => 'demo', write: () => undefined }, today: () => TODAY });
  await app.start();
  return app;
}

let caught: ReturnType<typeof catchDownloads>;
beforeEach(() => {
  i18n.locale = 'en';
  caught = catchDownloads();
});
afterEach(() => caught.restore());

describe('the lists screen', () => {
  it('shows the list the route names, with its count and rows linking to customers, and the other lists as links', async () => {
    const api = service();
    const app = await demoApp(api);
    renderUnder(app, ListsScreen, { params: { list: 'collections' } });
    const lists = await api.opportunityLists();

    const nav = screen.getByRole('navigation', { name: 'Lists' });
    expect(within(nav).getByRole('link', { name: 'Collections' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Advocates' })).toHaveAttribute('href', '#/lists?list=advocates');
    expect(screen.getByRole('heading', { level: 2, name: 'Collections' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Collections' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(Math.min(100, lists.collections.length));
    expect(screen.getByText(new RegExp(`^${lists.collections.length} customers · `))).toBeInTheDocument();
    const first = app.customers!.ids[lists.collections[0]!.row]!;
    expect(within(rows[0]!).getByRole('link', { name: app.customers!.names[lists.collections[0]!.row]! })).toHaveAttribute('href', `#/customer?id=${first}`);
    // The figures' columns say what they read.
    expect(within(table).getByRole('columnheader', { name: 'Days the oldest open invoice is overdue' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Column read for days overdue' })).toHaveDisplayValue('Pulso’s guess: Days the oldest open invoice is overdue');
  }, SLOW);

  it('filters by owner through the address, and exports that owner’s part as CSV', async () => {
    const api = service();
    const app = await demoApp(api);
    const view = renderUnder(app, ListsScreen, { params: { list: 'renewals' } });
    await screen.findByRole('table', { name: 'Renewal forecast' });
    const owner = app.customers!.owners.find((o) => o !== '')!;

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Owner' }), owner);
    expect(location.hash).toBe(`#/lists?list=renewals&owner=${encodeURIComponent(owner)}`);
    // The app's router hands the screen the new address's parameters.
    view.unmount();
    renderUnder(app, ListsScreen, { params: { list: 'renewals', owner } });
    const lists = await api.opportunityLists();
    const mine = lists.renewals.total.rows.filter((r) => app.customers!.owners[r] === owner);
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Renewal forecast' })).getAllByRole('row')).toHaveLength(mine.length + 1));

    await userEvent.click(screen.getByRole('radio', { name: 'Standard CSV (comma, dot decimals)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(caught.downloads).toHaveLength(1));
    expect(caught.downloads[0]!.fileName).toBe(`pulso-renewals-${fileDate()}.csv`);
    const lines = (await caught.downloads[0]!.blob.text()).trimEnd().split('\n');
    expect(lines[0]).toBe('Customer ID,Customer,Band,Score,Owner,MRR,Renewal,Days to renewal');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(mine.map((r) => app.customers!.ids[r]));
  }, SLOW);

  it('reads the column chosen, and says so; says plainly when the data has no such column', async () => {
    const api = service();
    const app = await demoApp(api);
    const spy = vi.spyOn(api, 'setListColumn');
    renderUnder(app, ListsScreen, { params: { list: 'advocates' } });
    const select = await screen.findByRole('combobox', { name: 'Column read for the NPS answer' });
    expect(screen.getByText('Pulso guessed this column from its name: choose another if it is not the right one.')).toBeInTheDocument();

    await userEvent.selectOptions(select, 'csat');
    expect(spy).toHaveBeenCalledWith('nps', 'csat');
    expect(await screen.findByText('You chose this column (remembered on this device).')).toBeInTheDocument();
    expect(screen.getByText(/answered 9 or 10 to the NPS question \(“CSAT \(1–5\)”\)/)).toBeInTheDocument();

    class NoNps extends EngineService {
      override async opportunityLists(): Promise<OpportunityLists> {
        const lists = await super.opportunityLists();
        return { ...lists, columns: { ...lists.columns, nps: { role: 'nps', column: null, label: '', chosen: false } }, advocates: [] };
      }
    }
    const bare = await demoApp(service((o) => new NoNps(o)));
    document.body.innerHTML = '';
    renderUnder(bare, ListsScreen, { params: { list: 'advocates' } });
    expect(await screen.findByText('This data has no column that looks like an NPS answer (0–10). If it has one under another name, choose it here.')).toBeInTheDocument();
    expect(screen.getByText('No customer is on this list now.')).toBeInTheDocument();
  }, SLOW);
});

describe('the alerts panel', () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'setAppBadge');
    Reflect.deleteProperty(navigator, 'clearAppBadge');
  });

  it('lists what got worse since the previous snapshot, badges the app icon, and clears both when marked as seen', async () => {
    const badges: (number | null)[] = [];
    Object.assign(navigator, {
      setAppBadge: (n: number) => (badges.push(n), Promise.resolve()),
      clearAppBadge: () => (badges.push(null), Promise.resolve()),
    });
    const api = service();
    const app = await demoApp(api);
    const expected = await api.alerts();
    expect(expected.count).toBeGreaterThan(0);
    renderUnder(app, AlertsPanel);

    const panel = await screen.findByRole('region', { name: 'Since your last visit' });
    expect(await within(panel).findByText(`${expected.count} customers need a look`)).toBeInTheDocument();
    const first = expected.alerts[0]!;
    expect(within(panel).getByRole('link', { name: app.customers!.names[first.row]! })).toHaveAttribute('href', `#/customer?id=${first.customerId}`);
    expect(within(panel).getByText(/a score fall of 10 points or more/)).toBeInTheDocument();
    await waitFor(() => expect(badges.at(-1)).toBe(expected.count));

    await userEvent.click(within(panel).getByRole('button', { name: 'Mark all as seen' }));
    expect(await within(panel).findByText('You have seen these scores. New alerts appear when new data comes in.')).toBeInTheDocument();
    expect(within(panel).queryAllByRole('listitem')).toHaveLength(0);
    expect(badges.at(-1)).toBeNull();
    expect((await api.alerts()).count).toBe(0);
  }, SLOW);

  it('works where the browser has no app badge', async () => {
    const app = await demoApp();
    renderUnder(app, AlertsPanel);
    const panel = await screen.findByRole('region', { name: 'Since your last visit' });
    await userEvent.click(await within(panel).findByRole('button', { name: 'Mark all as seen' }));
    expect(await within(panel).findByText('You have seen these scores. New alerts appear when new data comes in.')).toBeInTheDocument();
  }, SLOW);
});
