import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { epochDay } from '../../../src/engine';
import DataScreen from '../../../src/ui/data/DataScreen.svelte';
import { i18n } from '../../../src/ui/i18n.svelte';
import { makeImport, startFake } from './fake-engine';
import { renderUnder } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});

const OCTOBER = makeImport({ id: 1, fileName: 'crm-october.csv', asOf: epochDay(2026, 10, 31), customerCount: 118, summary: { new: 118, updated: 0, unchanged: 0, skipped: 0 } });
const NOVEMBER = makeImport({ id: 2, fileName: 'crm-november.csv', asOf: epochDay(2026, 11, 20), customerCount: 120, summary: { new: 2, updated: 31, unchanged: 87, skipped: 4 }, problemCount: 3 });

async function importsRegion() {
  const region = screen.getByRole('region', { name: 'Imports' });
  await within(region).findByRole('table', { name: 'Imports' });
  return region;
}

describe('the imports on the data screen', () => {
  it('lists each import, newest first, with its dates, customers, changes and problems', async () => {
    const { app } = await startFake({ source: 'local', imports: [OCTOBER, NOVEMBER] });
    renderUnder(app, DataScreen);
    const table = within(await importsRegion()).getByRole('table');

    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent!.trim());
    expect(headers).toEqual(['File', 'As of', 'Imported on', 'Customers', 'New', 'Updated', 'Unchanged', 'Rows skipped', 'Problems', 'Actions']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['crm-november.csv', 'crm-october.csv']);
    const cells = within(rows[0]!).getAllByRole('cell').map((c) => c.textContent!.trim());
    expect(cells.slice(0, 8)).toEqual(['Nov 20, 2026', expect.stringMatching(/^Nov 20, 2026/), '120', '2', '31', '87', '4', '3']);
    expect(within(rows[0]!).getByRole('button', { name: 'Delete the import of crm-november.csv as of Nov 20, 2026' })).toBeEnabled();
  });

  it('deletes an import only after the confirmation, then shows the new portfolio', async () => {
    const { app, api } = await startFake({ source: 'local', imports: [OCTOBER, NOVEMBER] });
    renderUnder(app, DataScreen);
    const region = await importsRegion();

    await userEvent.click(within(region).getByRole('button', { name: /Delete the import of crm-october.csv/ }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this import?' });
    expect(dialog).toHaveAccessibleDescription('The values of 118 customers from “crm-october.csv” as of Oct 31, 2026 will be removed from this device. Scores are then recalculated from the imports that remain.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete the import' }));

    expect(api.deleteImport).toHaveBeenCalledExactlyOnceWith(1);
    expect(await within(region).findByText('The import of “crm-october.csv” was deleted.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(within(region).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['crm-november.csv']));
    expect(app.summary?.imports).toBe(1);
    expect(api.scores).toHaveBeenCalledTimes(2);
  });

  it('Cancel deletes nothing', async () => {
    const { app, api } = await startFake({ source: 'local', imports: [OCTOBER, NOVEMBER] });
    renderUnder(app, DataScreen);
    const region = await importsRegion();

    await userEvent.click(within(region).getByRole('button', { name: /Delete the import of crm-november.csv/ }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.deleteImport).not.toHaveBeenCalled();
    expect(within(region).getAllByRole('rowheader')).toHaveLength(2);
  });

  it('with nothing imported says so and offers the import', async () => {
    const { app } = await startFake({ source: 'local' });
    renderUnder(app, DataScreen);
    const region = screen.getByRole('region', { name: 'Imports' });
    expect(await within(region).findByText('No file has been imported on this device yet.')).toBeInTheDocument();
    expect(within(region).getByRole('link', { name: 'Import a file' })).toHaveAttribute('href', '#/import');
    expect(within(region).queryByRole('table')).toBeNull();
  });

  it('says plainly when the device is out of space, and keeps the import', async () => {
    const { app, api } = await startFake({ source: 'local', imports: [OCTOBER] });
    api.deleteImport.mockRejectedValueOnce(Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }));
    renderUnder(app, DataScreen);
    const region = await importsRegion();

    await userEvent.click(within(region).getByRole('button', { name: /Delete the import of crm-october.csv/ }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete the import' }));

    expect(await within(region).findByRole('alert')).toHaveTextContent('This device has no space left for Pulso, so nothing was changed.');
    expect(within(region).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['crm-october.csv']);
  });

  it('says when the list cannot be read, with the reason', async () => {
    const { app, api } = await startFake({ source: 'local' });
    api.listImports.mockRejectedValueOnce(new Error('IndexedDB is not available'));
    renderUnder(app, DataScreen);
    const region = screen.getByRole('region', { name: 'Imports' });
    expect(await within(region).findByRole('alert')).toHaveTextContent('That did not work. Try again; if it keeps failing, reload Pulso. (Details: IndexedDB is not available)');
  });
});
