import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatDay } from '../../../src/ui/format';
import { i18n } from '../../../src/ui/i18n.svelte';
import { EngineService } from '../../../src/worker/service';
import { customerTitle, openCustomer, SLOW, TODAY } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});

describe('the customer’s indicator values (real engine, demo)', () => {
  it('shows each latest value with its day, a stale one flagged in words, and opens the full list', async () => {
    const service = new EngineService();
    await service.loadDemo({ asOf: TODAY });
    const { ids, names } = await service.customers();
    let row = -1;
    for (let r = 0; r < ids.length && row < 0; r++) {
      const sentiment = (await service.indicatorHistory(r)).find((h) => h.metricId === 'csm_sentiment')!;
      if (sentiment.stale && sentiment.points.length > 1) row = r;
    }
    expect(row).toBeGreaterThanOrEqual(0);
    const sentiment = (await service.indicatorHistory(row)).find((h) => h.metricId === 'csm_sentiment')!;
    const user = userEvent.setup();
    openCustomer(ids[row]!, service);
    await customerTitle(names[row]!);

    const panel = within(await screen.findByRole('region', { name: 'Indicator values' }, { timeout: SLOW }));
    const table = within(await panel.findByRole('table', { name: 'Indicators: latest value and its date' }, { timeout: SLOW }));
    const line = within(table.getByRole('rowheader', { name: /CSM sentiment/ }).closest('tr')!);
    expect(line.getByText(String(sentiment.points.at(-1)!.value))).toBeInTheDocument();
    expect(line.getByText(formatDay(sentiment.latestDay!, 'en'), { exact: false })).toBeInTheDocument();
    expect(line.getByText(`Stale: last updated ${TODAY - sentiment.latestDay!} days ago (older than the 90 days this indicator allows)`)).toBeInTheDocument();
    expect(panel.getByText(/indicators? (is|are) stale/)).toBeInTheDocument();

    const more = line.getByRole('button', { name: `All values (${sentiment.points.length})` });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await user.click(more);
    expect(more).toHaveAttribute('aria-expanded', 'true');
    const all = within(table.getByRole('table', { name: 'Every value of CSM sentiment, newest first' }));
    expect(all.getAllByRole('row')).toHaveLength(sentiment.points.length + 1);
    expect(all.getAllByText('Imported')).toHaveLength(sentiment.points.length);
  }, SLOW);
});
