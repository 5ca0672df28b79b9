import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import DataScreen from '../../../src/ui/data/DataScreen.svelte';
import { i18n } from '../../../src/ui/i18n.svelte';
import { makeImport, startFake } from './fake-engine';
import { catchDownloads, renderUnder } from './support';

let caught: ReturnType<typeof catchDownloads>;
beforeEach(() => {
  i18n.locale = 'en';
  caught = catchDownloads();
});
afterEach(() => caught.restore());

const backupFile = (text = '{"format":"pulso-backup/v1"}') => new File([text], 'pulso-backup-2026-11-01.json', { type: 'application/json' });

function backupRegion() {
  return screen.getByRole('region', { name: 'Backup and restore' });
}

describe('backup', () => {
  it('downloads the backup the worker made, under its file name, and says where it went', async () => {
    const { app, api } = await startFake({ source: 'local', imports: [makeImport({ id: 1 })] });
    renderUnder(app, DataScreen);
    const region = backupRegion();
    expect(within(region).getByText(/one file with everything Pulso keeps on this device/)).toBeInTheDocument();

    await userEvent.click(within(region).getByRole('button', { name: 'Download a backup' }));

    expect(api.backup).toHaveBeenCalledOnce();
    expect(caught.downloads).toHaveLength(1);
    expect(caught.downloads[0]!.fileName).toBe('pulso-backup-2026-11-23.json');
    expect(caught.downloads[0]!.blob.type).toBe('application/json');
    expect(await caught.downloads[0]!.blob.text()).toBe('{"format":"pulso-backup/v1"}');
    expect(await within(region).findByText(/Backup saved as pulso-backup-2026-11-23.json/)).toBeInTheDocument();
  });
});

describe('restore', () => {
  it('lists the problems of a bad file under a heading, and writes nothing', async () => {
    const { app, api } = await startFake({ source: 'local' });
    api.checkRestore.mockResolvedValueOnce({ ok: false, problems: ['tables.imports[3].asOf: not a day number', 'header.format: expected "pulso-backup/v1"'] });
    renderUnder(app, DataScreen);
    const region = backupRegion();

    await userEvent.upload(within(region).getByLabelText('Backup file'), backupFile('{"nope": 1}'));

    const alert = await within(region).findByRole('alert');
    expect(within(alert).getByRole('heading', { name: '“pulso-backup-2026-11-01.json” cannot be restored' })).toBeInTheDocument();
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'tables.imports[3].asOf: not a day number',
      'header.format: expected "pulso-backup/v1"',
    ]);
    expect(alert).toHaveTextContent('Nothing was changed.');
    expect(new TextDecoder().decode(api.checkRestore.mock.calls[0]![0])).toBe('{"nope": 1}');
    expect(api.restore).not.toHaveBeenCalled();
    expect(within(region).queryByRole('button', { name: 'Replace everything on this device' })).toBeNull();
  });

  it('shows what a good file holds; replace asks first, then restores and shows the data now loaded', async () => {
    const { app, api } = await startFake({ source: 'demo' });
    api.checkRestore.mockResolvedValueOnce({ ok: true, schemaVersion: 3, createdAt: '2026-11-01T09:15:00.000Z', tables: { imports: 3, chunks: 40 }, imports: 3, entries: 1 });
    renderUnder(app, DataScreen);
    const region = backupRegion();

    await userEvent.upload(within(region).getByLabelText('Backup file'), backupFile());
    const choice = await within(region).findByRole('group', { name: 'What should Pulso do with it?' });
    expect(choice).toHaveTextContent(/“pulso-backup-2026-11-01.json” is a backup made on Nov 1, 2026, .*, with 3 imports and 1 manual entry\./);

    await userEvent.click(within(choice).getByRole('button', { name: 'Replace everything on this device' }));
    const dialog = screen.getByRole('dialog', { name: 'Replace everything on this device?' });
    expect(api.restore).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Replace everything' }));

    expect(api.restore).toHaveBeenCalledExactlyOnceWith('replace');
    expect(await within(region).findByText('The backup replaced the data on this device. Loaded now: 250 customers.')).toBeInTheDocument();
    expect(app.summary).toMatchObject({ source: 'local', size: 250, imports: 3 });
    expect(app.customers?.ids).toHaveLength(250);
    expect(within(region).queryByRole('group', { name: 'What should Pulso do with it?' })).toBeNull();
  });

  it('cancelling the replace confirmation restores nothing; merge needs no confirmation', async () => {
    const { app, api } = await startFake({ source: 'local' });
    api.checkRestore.mockResolvedValue({ ok: true, schemaVersion: 3, createdAt: '2026-11-01T09:15:00.000Z', tables: {}, imports: 2, entries: 0 });
    renderUnder(app, DataScreen);
    const region = backupRegion();
    await userEvent.upload(within(region).getByLabelText('Backup file'), backupFile());
    const choice = await within(region).findByRole('group', { name: 'What should Pulso do with it?' });

    await userEvent.click(within(choice).getByRole('button', { name: 'Replace everything on this device' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(api.restore).not.toHaveBeenCalled();

    await userEvent.click(within(choice).getByRole('button', { name: 'Add to what is here (merge)' }));
    expect(api.restore).toHaveBeenCalledExactlyOnceWith('merge');
    expect(await within(region).findByText('The backup was added to the data on this device. Loaded now: 250 customers.')).toBeInTheDocument();
  });

  it('Cancel on a good file restores nothing', async () => {
    const { app, api } = await startFake({ source: 'local' });
    api.checkRestore.mockResolvedValueOnce({ ok: true, schemaVersion: 3, createdAt: '2026-11-01T09:15:00.000Z', tables: {}, imports: 2, entries: 0 });
    renderUnder(app, DataScreen);
    const region = backupRegion();
    await userEvent.upload(within(region).getByLabelText('Backup file'), backupFile());
    const choice = await within(region).findByRole('group', { name: 'What should Pulso do with it?' });

    await userEvent.click(within(choice).getByRole('button', { name: 'Cancel' }));

    expect(within(region).queryByRole('group', { name: 'What should Pulso do with it?' })).toBeNull();
    expect(api.restore).not.toHaveBeenCalled();
  });

  it('a restore that runs out of space says so; the data loaded stays', async () => {
    const { app, api } = await startFake({ source: 'local', imports: [makeImport({ id: 1 })] });
    api.checkRestore.mockResolvedValueOnce({ ok: true, schemaVersion: 3, createdAt: '2026-11-01T09:15:00.000Z', tables: {}, imports: 2, entries: 0 });
    api.restore.mockRejectedValueOnce(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    renderUnder(app, DataScreen);
    const region = backupRegion();
    await userEvent.upload(within(region).getByLabelText('Backup file'), backupFile());
    await userEvent.click(await within(region).findByRole('button', { name: 'Add to what is here (merge)' }));

    expect(await within(region).findByRole('alert')).toHaveTextContent('This device has no space left for Pulso, so nothing was changed.');
    expect(app.summary).toMatchObject({ imports: 1 });
  });
});
