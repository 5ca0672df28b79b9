import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../src/ui/i18n.svelte';
import { EntryService, openCustomer, SLOW, TODAY } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});
afterEach(() => {
  i18n.locale = 'en';
});

/** Opens C0001's page and waits for the entry form. */
async function entryForm(service = new EntryService()) {
  const { app } = openCustomer('C0001', service);
  const region = await screen.findByRole('region', { name: i18n.t('customer.entry.title') }, { timeout: SLOW });
  await within(region).findByRole('radiogroup', { name: i18n.t('customer.entry.what') }, { timeout: SLOW });
  return { app, service, form: within(region) };
}

describe('adding an entry on a customer', () => {
  it('saves an NPS of 9 from big buttons, refreshes the app and shows it in the entries', async () => {
    const { app, service, form } = await entryForm();
    const refresh = vi.spyOn(app, 'refresh');
    const listed = service.listCalls;
    await userEvent.click(form.getByRole('radio', { name: 'NPS answer (0–10)' }));
    const nps = form.getByRole('radiogroup', { name: 'NPS answer (0–10)' });
    expect(within(nps).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    await userEvent.click(within(nps).getByRole('radio', { name: '9' }));
    await userEvent.click(form.getByRole('button', { name: 'Save entry' }));

    await waitFor(() => expect(service.added).toEqual([{ customerId: 'C0001', day: TODAY, column: 'nps', value: 9 }]));
    await waitFor(() => expect(refresh).toHaveBeenCalledTimes(1));
    expect(await form.findByText('Saved. The score is up to date.')).toBeInTheDocument();
    await waitFor(() => expect(service.listCalls).toBeGreaterThan(listed));
    const entries = within(screen.getByRole('region', { name: 'Entries made by hand' }));
    expect(await entries.findByText('NPS answer (0–10)')).toBeInTheDocument();
    expect(entries.getByText('9')).toBeInTheDocument();
    // The form is ready for the next entry.
    expect(form.queryByRole('radiogroup', { name: 'NPS answer (0–10)' })).not.toBeInTheDocument();
  }, SLOW);

  it('offers the sentiment as a labelled radio group in the user’s language, the others one tap away', async () => {
    i18n.locale = 'pt-BR';
    const { service, form } = await entryForm();
    await userEvent.click(form.getByRole('radio', { name: 'CSM sentiment' }));
    const group = form.getByRole('radiogroup', { name: 'CSM sentiment' });
    expect(within(group).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['muito satisfeito', 'satisfeito', 'neutro', 'insatisfeito', 'muito insatisfeito']);
    const more = form.getByRole('button', { name: 'Opções em outros idiomas' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(more);
    expect(within(group).getAllByRole('radio')).toHaveLength(14);

    await userEvent.click(within(group).getByRole('radio', { name: 'satisfeito' }));
    expect(within(group).getByRole('radio', { name: 'satisfeito' })).toBeChecked();
    await userEvent.click(form.getByRole('button', { name: 'Salvar registro' }));
    await waitFor(() => expect(service.added).toEqual([{ customerId: 'C0001', day: TODAY, column: 'csm_sentiment', value: 'satisfeito' }]));
  }, SLOW);

  it('reads a number typed with a decimal comma in Portuguese, with a note and an earlier day', async () => {
    i18n.locale = 'pt-BR';
    const { service, form } = await entryForm();
    await userEvent.selectOptions(form.getByRole('combobox', { name: 'Outro indicador' }), 'Logins in the last 30 days');
    const input = form.getByRole('textbox', { name: 'Logins in the last 30 days' });
    expect(input).toHaveAttribute('inputmode', 'decimal');
    await userEvent.type(input, '12,5');
    await userEvent.type(form.getByRole('textbox', { name: 'Anotação (opcional)' }), 'Conferido na reunião');
    const day = form.getByLabelText('Data');
    await userEvent.clear(day);
    await userEvent.type(day, '2026-11-20');
    await userEvent.click(form.getByRole('button', { name: 'Salvar registro' }));
    await waitFor(() =>
      expect(service.added).toEqual([{ customerId: 'C0001', day: TODAY - 3, column: 'logins_30d', value: 12.5, note: 'Conferido na reunião' }]),
    );
  }, SLOW);

  it('saves a note on its own', async () => {
    const { service, form } = await entryForm();
    await userEvent.click(form.getByRole('radio', { name: 'Note' }));
    await userEvent.type(form.getByRole('textbox', { name: 'Note' }), 'Asked for a roadmap call');
    await userEvent.click(form.getByRole('button', { name: 'Save entry' }));
    await waitFor(() => expect(service.added).toEqual([{ customerId: 'C0001', day: TODAY, note: 'Asked for a roadmap call' }]));
  }, SLOW);

  it('says what is missing next to the field, and saves nothing', async () => {
    const { service, form } = await entryForm();
    await userEvent.click(form.getByRole('button', { name: 'Save entry' }));
    expect(form.getByRole('radiogroup', { name: 'What do you want to record?' })).toHaveAccessibleDescription('Choose what to record, or “Note” to write a note only.');

    await userEvent.click(form.getByRole('radio', { name: 'NPS answer (0–10)' }));
    await userEvent.click(form.getByRole('button', { name: 'Save entry' }));
    const nps = form.getByRole('radiogroup', { name: 'NPS answer (0–10)' });
    expect(nps).toHaveAccessibleDescription(expect.stringContaining('Choose a score from 0 to 10.'));
    expect(nps).toHaveAttribute('aria-invalid', 'true');
    expect(within(nps).getByRole('radio', { name: '0' })).toHaveFocus();

    await userEvent.selectOptions(form.getByRole('combobox', { name: 'Other indicator' }), 'Logins in the last 30 days');
    await userEvent.type(form.getByRole('textbox', { name: 'Logins in the last 30 days' }), 'lots');
    await userEvent.click(form.getByRole('button', { name: 'Save entry' }));
    expect(form.getByRole('textbox', { name: 'Logins in the last 30 days' })).toHaveAccessibleDescription('Type a number, for example 12.5.');

    const day = form.getByLabelText('Date');
    await userEvent.clear(day);
    await userEvent.type(day, '2026-12-01');
    await userEvent.click(form.getByRole('button', { name: 'Save entry' }));
    expect(form.getByLabelText('Date')).toHaveAccessibleDescription('Choose today or an earlier day.');
    expect(service.added).toEqual([]);
  }, SLOW);

  it('tells the demo user once that entries are kept until the demo is reset', async () => {
    await entryForm();
    expect(screen.getAllByText('This is the demo portfolio: what you enter here is kept until the demo is reset.')).toHaveLength(1);
  }, SLOW);
});
