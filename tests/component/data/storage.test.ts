import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DataScreen from '../../../src/ui/data/DataScreen.svelte';
import { i18n } from '../../../src/ui/i18n.svelte';
import { startFake } from './fake-engine';
import { renderUnder, stubStorage, unstubStorage } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});
afterEach(unstubStorage);

const storageRegion = () => screen.getByRole('region', { name: 'Storage on this device' });

describe('storage on the data screen', () => {
  it('shows the space used in human units, as words and as a meter, with no warning below 80%', async () => {
    stubStorage({ estimate: () => Promise.resolve({ usage: 12_400_000, quota: 2_100_000_000 }), persisted: () => Promise.resolve(true) });
    const { app } = await startFake();
    renderUnder(app, DataScreen);
    const region = storageRegion();

    expect(await within(region).findByText('12.4 MB of 2.1 GB used')).toBeInTheDocument();
    const meter = within(region).getByRole('meter', { name: 'Space used by Pulso' });
    expect(meter).toHaveAttribute('value', '12400000');
    expect(meter).toHaveAttribute('max', '2100000000');
    expect(within(region).queryByText(/Almost out of space/)).toBeNull();
    expect(within(region).getByText('Your data is kept on this device: the browser will not clear it to free space.')).toBeInTheDocument();
    expect(within(region).queryByRole('button', { name: 'Keep my data on this device' })).toBeNull();
  });

  it('warns above 80% of the quota, and says what to do', async () => {
    stubStorage({ estimate: () => Promise.resolve({ usage: 850_000_000, quota: 1_000_000_000 }), persisted: () => Promise.resolve(true) });
    const { app } = await startFake();
    renderUnder(app, DataScreen);
    const region = storageRegion();

    expect(await within(region).findByText('850 MB of 1 GB used')).toBeInTheDocument();
    expect(within(region).getByText('Almost out of space: 85% used. Download a backup, then delete old imports you no longer need.')).toBeInTheDocument();
  });

  it('asks the browser to keep the data, and says what it answered', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    stubStorage({ estimate: () => Promise.resolve({ usage: 1_000, quota: 1_000_000 }), persisted: () => Promise.resolve(false), persist });
    const { app } = await startFake();
    renderUnder(app, DataScreen);
    const region = storageRegion();
    expect(await within(region).findByText('The browser may clear Pulso’s data when the device runs low on space.')).toBeInTheDocument();

    await userEvent.click(within(region).getByRole('button', { name: 'Keep my data on this device' }));

    expect(persist).toHaveBeenCalledOnce();
    expect(await within(region).findByText('Done: the browser will keep your data on this device.')).toBeInTheDocument();
    expect(within(region).getByText('Your data is kept on this device: the browser will not clear it to free space.')).toBeInTheDocument();
  });

  it('when the browser refuses, says that it decides and what usually helps', async () => {
    stubStorage({ estimate: () => Promise.resolve({ usage: 1_000, quota: 1_000_000 }), persisted: () => Promise.resolve(false), persist: () => Promise.resolve(false) });
    const { app } = await startFake();
    renderUnder(app, DataScreen);
    const region = storageRegion();

    await userEvent.click(await within(region).findByRole('button', { name: 'Keep my data on this device' }));

    expect(await within(region).findByText(/The browser decides this by itself. Installing Pulso as an app, or bookmarking it, usually helps/)).toBeInTheDocument();
    expect(within(region).getByRole('button', { name: 'Keep my data on this device' })).toBeEnabled();
  });

  it('where the browser cannot tell, says so', async () => {
    stubStorage(undefined);
    const { app } = await startFake();
    renderUnder(app, DataScreen);
    const region = storageRegion();

    expect(await within(region).findByText('This browser does not say how much space Pulso may use.')).toBeInTheDocument();
    expect(within(region).getByText('This browser does not say whether it keeps Pulso’s data for good.')).toBeInTheDocument();
    expect(within(region).queryByRole('meter')).toBeNull();
  });
});
