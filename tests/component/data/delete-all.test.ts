import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import DataScreen from '../../../src/ui/data/DataScreen.svelte';
import { i18n } from '../../../src/ui/i18n.svelte';
import { makeImport, startFake } from './fake-engine';
import { renderUnder } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});

const twoImports = [makeImport({ id: 1 }), makeImport({ id: 2, fileName: 'later.csv' })];

describe('delete all my data', () => {
  it('deletes everything only after the confirmation, then shows the empty portfolio', async () => {
    const { app, api } = await startFake({ source: 'local', imports: twoImports });
    renderUnder(app, DataScreen);
    const region = screen.getByRole('region', { name: 'Delete all my data' });

    await userEvent.click(within(region).getByRole('button', { name: 'Delete all my data' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete all your data on this device?' });
    expect(dialog).toHaveAccessibleDescription(/Every import \(2 imports now\), manual entry and score history is removed from this device\. This cannot be undone/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete everything' }));

    expect(api.deleteAllData).toHaveBeenCalledOnce();
    expect(await within(region).findByText('All your data was deleted from this device.')).toBeInTheDocument();
    expect(app.summary).toMatchObject({ source: 'local', size: 0, imports: 0 });
    expect(screen.getByText('You chose to work with your own data, and there is none on this device yet.')).toBeInTheDocument();
    expect(await screen.findByText('No file has been imported on this device yet.')).toBeInTheDocument();
  });

  it('Cancel deletes nothing', async () => {
    const { app, api } = await startFake({ source: 'local', imports: twoImports });
    renderUnder(app, DataScreen);
    const region = screen.getByRole('region', { name: 'Delete all my data' });

    await userEvent.click(within(region).getByRole('button', { name: 'Delete all my data' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.deleteAllData).not.toHaveBeenCalled();
    expect(app.summary?.imports).toBe(2);
  });

  it('is not offered on the demo', async () => {
    const { app } = await startFake({ source: 'demo' });
    renderUnder(app, DataScreen);
    expect(screen.queryByRole('region', { name: 'Delete all my data' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete all my data' })).toBeNull();
  });
});
