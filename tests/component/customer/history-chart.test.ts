import { screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../src/ui/i18n.svelte';
import { customerTitle, EntryService, openCustomer, SLOW, TODAY } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});

describe('the customer’s score chart', () => {
  it('is one image described in words (snapshots, now, lowest, highest, the band zones), with the table beside it', async () => {
    const service = new EntryService();
    await service.loadDemo({ asOf: TODAY });
    const { ids, names } = await service.customers();
    const row = 0;
    service.history.set(row, [
      { day: TODAY - 61, score: 72, band: 2, coverage: 1 },
      { day: TODAY - 30, score: 55, band: 1, coverage: 1 },
      { day: TODAY, score: 41, band: 0, coverage: 1 },
    ]);
    openCustomer(ids[row]!, service);
    await customerTitle(names[row]!);
    const history = within(screen.getByRole('region', { name: 'History' }));
    const chart = await history.findByRole('img', {}, { timeout: SLOW });
    expect(chart.getAttribute('aria-label')).toMatch(/^Score over time, 3 snapshots from .+ to .+: now 41, lowest 41, highest 72\. The shaded zones are the bands: Red up to 50, Yellow up to 70, Green up to 100\.$/);
    expect(history.getByText('Score over time')).toBeInTheDocument();
    expect(history.getByRole('table', { name: 'Score at each snapshot, newest first' })).toBeInTheDocument();
  }, SLOW);
});
