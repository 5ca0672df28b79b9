import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { isoDay } from '../../../src/ui/customer/entry-form';
import { i18n } from '../../../src/ui/i18n.svelte';
import OutcomePanel from '../../../src/ui/outcomes/OutcomePanel.svelte';
import { renderUnder } from '../data/support';
import { makeOutcome, startFake, TODAY } from './fake-engine';

beforeEach(() => {
  i18n.locale = 'en';
});

const form = () => screen.findByRole('form', { name: /Record (an|another) outcome/ });

describe('the outcome panel on a customer’s page', () => {
  it('shows the customer’s outcome with where it came from and its note, and forgets it', async () => {
    const { app, api } = await startFake({
      outcomes: [makeOutcome({ customerId: 'C1', status: 'churned', day: TODAY - 20, source: 'import', fileName: 'crm.csv', note: 'Moved to a rival' }), makeOutcome({ customerId: 'C2' })],
    });
    renderUnder(app, OutcomePanel, { customerId: 'C1' });
    expect(await screen.findByText('Churned on Nov 3, 2026')).toBeInTheDocument();
    expect(screen.getByText('· from crm.csv')).toBeInTheDocument();
    expect(screen.getByText('Moved to a rival')).toBeInTheDocument();
    expect(api.outcomes).toHaveBeenCalledWith('C1');
    expect(await form()).toHaveAccessibleName('Record another outcome (it replaces this one)');

    await userEvent.click(screen.getByRole('button', { name: 'Forget this outcome' }));
    expect(api.clearOutcome).toHaveBeenCalledExactlyOnceWith('C1');
    expect(await screen.findByText('No outcome recorded for this customer.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Outcome forgotten.');
  });

  it('records “renewed” on a chosen day with a note, and shows it', async () => {
    const { app, api } = await startFake();
    renderUnder(app, OutcomePanel, { customerId: 'C2' });
    expect(await screen.findByText('No outcome recorded for this customer.')).toBeInTheDocument();
    const f = await form();
    const day = within(f).getByLabelText('Day');
    expect(day).toHaveValue(isoDay(TODAY));
    await userEvent.click(within(f).getByRole('radio', { name: 'Renewed' }));
    await userEvent.clear(day);
    await userEvent.type(day, isoDay(TODAY - 2));
    await userEvent.type(within(f).getByRole('textbox', { name: 'Note (optional)' }), '  Two more years ');
    await userEvent.click(within(f).getByRole('button', { name: 'Record' }));

    expect(api.setOutcome).toHaveBeenCalledExactlyOnceWith({ customerId: 'C2', status: 'renewed', day: TODAY - 2, note: 'Two more years' });
    expect(await screen.findByText('Renewed on Nov 21, 2026')).toBeInTheDocument();
    expect(screen.getByText('· recorded by hand')).toBeInTheDocument();
    expect(screen.getByText('Two more years')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Outcome recorded.');
    // The form is ready for another one.
    expect(within(f).getByRole('radio', { name: 'Renewed' })).not.toBeChecked();
  });

  it('says by the field what is missing, and records nothing', async () => {
    const { app, api } = await startFake();
    renderUnder(app, OutcomePanel, { customerId: 'C1' });
    const f = await form();
    await userEvent.clear(within(f).getByLabelText('Day'));
    await userEvent.click(within(f).getByRole('button', { name: 'Record' }));
    expect(within(f).getByRole('radiogroup', { name: 'What happened' })).toHaveAccessibleDescription('Choose whether the customer churned or renewed.');
    expect(within(f).getByLabelText('Day')).toHaveAccessibleDescription('Enter the day it happened, such as Nov 23, 2026.');
    expect(within(f).getByRole('radio', { name: 'Churned' })).toHaveFocus();
    expect(api.setOutcome).not.toHaveBeenCalled();
  });

  it('says what the worker refused', async () => {
    const { app } = await startFake();
    renderUnder(app, OutcomePanel, { customerId: 'Z1' });
    const f = await form();
    await userEvent.click(within(f).getByRole('radio', { name: 'Churned' }));
    await userEvent.click(within(f).getByRole('button', { name: 'Record' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The outcome could not be recorded: No customer has the id “Z1”.');
  });

  it('speaks Spanish', async () => {
    i18n.locale = 'es';
    const { app } = await startFake({ outcomes: [makeOutcome({ customerId: 'C1', status: 'renewed', day: TODAY })] });
    renderUnder(app, OutcomePanel, { customerId: 'C1' });
    expect(await screen.findByText('Renovó el 23 nov 2026')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Olvidar este desenlace' })).toBeInTheDocument();
  });
});
