import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { formatDay } from '../../../src/ui/format';
import { i18n } from '../../../src/ui/i18n.svelte';
import { EntryService, openCustomer, SLOW, TODAY } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});

/** C0001's entries, newest first, as the worker lists them. */
function serviceWithEntries(): EntryService {
  const service = new EntryService();
  const base = { customerId: 'C0001', createdAt: 0, superseded: false };
  service.entries = [
    { ...base, id: 5, day: TODAY, note: 'Call went well' },
    { ...base, id: 4, day: TODAY - 2, column: 'onboarding_done', value: true },
    { ...base, id: 3, day: TODAY - 3, column: 'last_login', value: TODAY - 5 },
    { ...base, id: 2, day: TODAY - 10, column: 'csm_sentiment', value: 'unhappy' },
    { ...base, id: 1, day: TODAY - 40, column: 'nps', value: 6, note: 'Before the outage', superseded: true },
    { ...base, customerId: 'C0002', id: 9, day: TODAY, note: 'Someone else' },
  ];
  return service;
}

async function entriesShown(service: EntryService) {
  const { app } = openCustomer('C0001', service);
  const region = within(await screen.findByRole('region', { name: 'Entries made by hand' }, { timeout: SLOW }));
  await region.findByRole('list', {}, { timeout: SLOW });
  return { app, region };
}

describe('the entries made by hand on a customer', () => {
  it('lists them newest first with what, value as people read it, note, and the superseded flag in words', async () => {
    const { region } = await entriesShown(serviceWithEntries());
    const items = region.getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('.what')!.textContent)).toEqual(['Note', 'Onboarding done', 'Days since last login', 'CSM sentiment', 'NPS answer (0–10)']);
    expect(within(items[0]!).getByText('Call went well')).toBeInTheDocument();
    expect(within(items[1]!).getByText('Yes')).toBeInTheDocument();
    expect(within(items[2]!).getByText(formatDay(TODAY - 5, 'en'))).toBeInTheDocument();
    expect(within(items[3]!).getByText('unhappy')).toBeInTheDocument();
    expect(within(items[4]!).getByText('6')).toBeInTheDocument();
    expect(within(items[4]!).getByText('Before the outage')).toBeInTheDocument();
    expect(within(items[4]!).getByText('Replaced by a newer value (imported or typed later): it no longer counts.')).toBeInTheDocument();
    expect(region.getAllByText(/Replaced by a newer value/)).toHaveLength(1);
    expect(region.queryByText('Someone else')).not.toBeInTheDocument();
  }, SLOW);

  it('deletes only after confirmation: cancel keeps the entry, yes deletes it and refreshes', async () => {
    const service = serviceWithEntries();
    const { app, region } = await entriesShown(service);
    const refresh = vi.spyOn(app, 'refresh');
    const deleteLabel = `Delete the entry of ${formatDay(TODAY - 40, 'en')}: NPS answer (0–10)`;

    await userEvent.click(region.getByRole('button', { name: deleteLabel }));
    const question = region.getByRole('group', { name: /Delete this entry\?/ });
    await userEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(region.queryByRole('group', { name: /Delete this entry\?/ })).not.toBeInTheDocument();
    expect(region.getByRole('button', { name: deleteLabel })).toHaveFocus();
    expect(service.deleted).toEqual([]);
    expect(region.getAllByRole('listitem')).toHaveLength(5);

    await userEvent.click(region.getByRole('button', { name: deleteLabel }));
    await userEvent.click(within(region.getByRole('group', { name: /Delete this entry\?/ })).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(service.deleted).toEqual([1]));
    await waitFor(() => expect(refresh).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(region.getAllByRole('listitem')).toHaveLength(4));
    expect(region.queryByText('Before the outage')).not.toBeInTheDocument();
    expect(region.getByText('Entry deleted.')).toBeInTheDocument();
  }, SLOW);

  it('says when nothing was entered yet', async () => {
    openCustomer('C0001', new EntryService());
    const region = within(await screen.findByRole('region', { name: 'Entries made by hand' }, { timeout: SLOW }));
    expect(await region.findByText('Nothing has been entered by hand for this customer yet.', {}, { timeout: SLOW })).toBeInTheDocument();
  }, SLOW);
});
