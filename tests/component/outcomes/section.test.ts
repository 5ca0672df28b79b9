import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isoDay } from '../../../src/ui/customer/entry-form';
import { i18n } from '../../../src/ui/i18n.svelte';
import OutcomesSection from '../../../src/ui/outcomes/OutcomesSection.svelte';
import type { OutcomeFileInspection, ProblemGroup } from '../../../src/worker/api';
import { renderUnder } from '../data/support';
import { csvFile, makeOutcome, OK_CHECK, startFake, TELCO_FILE, TODAY } from './fake-engine';

beforeEach(() => {
  i18n.locale = 'en';
});

async function openFile(onchange = vi.fn(), options: Parameters<typeof startFake>[0] = {}) {
  const fake = await startFake(options);
  renderUnder(fake.app, OutcomesSection, { onchange });
  await userEvent.click(await screen.findByRole('button', { name: 'Import outcomes from a CSV' }));
  await userEvent.upload(screen.getByLabelText(/Choose a CSV file/), csvFile());
  await screen.findByRole('combobox', { name: 'Customer id column' });
  return { ...fake, onchange };
}

const valueGroup = (name: string | RegExp) => screen.findByRole('radiogroup', { name });

describe('the outcomes section', () => {
  it('shows the counts recorded, those for ids not in the data, and the latest outcomes linked to their customer', async () => {
    const { app } = await startFake({
      outcomes: [
        makeOutcome({ customerId: 'C1', status: 'churned', day: TODAY - 3, recordedAt: 3 }),
        makeOutcome({ customerId: 'C2', status: 'renewed', source: 'import', fileName: 'crm.csv', recordedAt: 2 }),
        makeOutcome({ customerId: 'X9', status: 'churned', source: 'import', fileName: 'crm.csv', recordedAt: 1 }),
      ],
    });
    renderUnder(app, OutcomesSection);
    const counts = await screen.findByRole('list', { name: 'Outcomes recorded' });
    expect(within(counts).getByText('2 churned')).toBeInTheDocument();
    expect(within(counts).getByText('1 renewed')).toBeInTheDocument();
    expect(within(counts).getByText('1 for an id not in your data')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Acme Ltd' })).toHaveAttribute('href', '#/customer?id=C1');
    expect(screen.getByText('Churned on Nov 20, 2026')).toBeInTheDocument();
    expect(screen.getAllByText('· from crm.csv')).toHaveLength(2);
    expect(screen.queryByRole('link', { name: /X9/ })).not.toBeInTheDocument();
    expect(screen.getByText('(not in your data)')).toBeInTheDocument();
  });

  it('says so when nothing is recorded yet', async () => {
    const { app } = await startFake();
    renderUnder(app, OutcomesSection);
    expect(await screen.findByText(/None recorded yet/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Forget all outcomes' })).not.toBeInTheDocument();
  });

  it('shows the file with its preview and the guessed mapping, no date column, every row on today', async () => {
    const { api } = await openFile();
    expect(api.openOutcomeFile).toHaveBeenCalledWith({ name: 'telco.csv', data: expect.any(ArrayBuffer) });
    expect(screen.getByText('“telco.csv”: 3 rows')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: /The first 3 of 3 rows/ })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Customer id column' })).toHaveValue('0');
    expect(screen.getByRole('combobox', { name: 'Churned? column' })).toHaveValue('2');
    const date = screen.getByRole('combobox', { name: 'Date column' });
    expect(date).toHaveValue('');
    expect(within(date).getByRole('option', { selected: true })).toHaveTextContent('No date column: one day for all rows');
    expect(screen.getByLabelText('Every row on')).toHaveValue(isoDay(TODAY));
    expect(api.outcomeValues).toHaveBeenCalledWith(2);
  });

  it('pre-sets each value from what it reads as, and sends the choices in the plan', async () => {
    const { api } = await openFile();
    expect(within(await valueGroup('“Yes” · 1,869 rows')).getByRole('radio', { name: 'Churned' })).toBeChecked();
    expect(within(await valueGroup('“No” · 5,174 rows')).getByRole('radio', { name: 'Renewed (stayed)' })).toBeChecked();
    const blank = await valueGroup('“(blank)” · 11 rows');
    expect(within(blank).getByRole('radio', { name: 'Leave out' })).toBeChecked();

    // The blank rows count as renewed after all.
    await userEvent.click(within(blank).getByRole('radio', { name: 'Renewed (stayed)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(api.checkOutcomes).toHaveBeenCalledExactlyOnceWith({ mapping: { id: 0, status: 2, date: null }, churned: ['Yes'], renewed: ['No', ''], day: TODAY });
  });

  it('asks what the values not listed mean when the column holds more than the worker lists (a cancellation date)', async () => {
    const dates = Array.from({ length: 49 }, (_, i) => ({ value: `2024-03-${String(i + 1).padStart(2, '0')}`, count: 1, reads: 'churned' as const }));
    const { api } = await openFile(vi.fn(), { values: [{ value: '', count: 20, reads: 'renewed' }, ...dates] });
    expect(screen.getByText('Only the 50 most frequent values are listed.')).toBeInTheDocument();
    const others = await valueGroup('Any other value');
    // Every date listed reads as churned: so do the others, unless the user says otherwise.
    expect(within(others).getByRole('radio', { name: 'Churned' })).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(api.checkOutcomes).toHaveBeenLastCalledWith(expect.objectContaining({ renewed: [''], others: 'churned' }));
    // Back to the mapping: the rest are left out after all.
    await userEvent.click(screen.getByRole('button', { name: 'Back to the columns' }));
    await userEvent.click(within(await valueGroup('Any other value')).getByRole('radio', { name: 'Leave out' }));
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(api.checkOutcomes.mock.lastCall![0]).not.toHaveProperty('others');
  });

  it('asks for the values again when another status column is chosen', async () => {
    const { api } = await openFile();
    await valueGroup(/“Yes”/);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Churned? column' }), 'B · tenure');
    expect(api.outcomeValues).toHaveBeenLastCalledWith(1);
    expect(screen.getByRole('group', { name: 'What each value of “tenure” means' })).toBeInTheDocument();
  });

  it('says by the field what to fix before asking the worker', async () => {
    const { api } = await openFile();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Customer id column' }), '— Choose a column —');
    await userEvent.clear(screen.getByLabelText('Every row on'));
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    const id = screen.getByRole('combobox', { name: 'Customer id column' });
    expect(id).toHaveAccessibleDescription('Choose the column with the customer ids.');
    expect(id).toHaveFocus();
    expect(screen.getByLabelText('Every row on')).toHaveAccessibleDescription(/Enter a valid day, such as Nov 23, 2026/);
    expect(api.checkOutcomes).not.toHaveBeenCalled();
  });

  it('shows what the check found, and a blocked check cannot be recorded, saying why', async () => {
    const problems: ProblemGroup[] = [{ file: 'telco.csv', code: 'id.empty', severity: 'error' as const, message: 'Empty id', column: 'customerID', columnLetter: 'A', count: 2, rows: [5, 9], examples: [{ row: 5 }] }];
    const { api } = await openFile(vi.fn(), { check: { ...OK_CHECK, problems, verdict: 'blocked' } });
    await valueGroup(/“Yes”/);
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('Will be recorded: 1,869 churned and 5,174 renewed.')).toBeInTheDocument();
    expect(screen.getByText('11 rows left out (their value is set to “leave out”).')).toBeInTheDocument();
    expect(screen.getByText(/3 ids are not in your data: kept all the same/)).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Problems found in the rows' });
    expect(within(list).getByText(/Column “customerID” \(A\)/)).toBeInTheDocument();
    const record = screen.getByRole('button', { name: 'Record the outcomes' });
    expect(record).toBeDisabled();
    expect(record).toHaveAccessibleDescription(/Nothing can be recorded as it is set up/);
    expect(api.commitOutcomes).not.toHaveBeenCalled();
  });

  it('records the plan, shows the result, refreshes the counts and calls onchange', async () => {
    const { api, onchange } = await openFile();
    await valueGroup(/“Yes”/);
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Record the outcomes' }));
    expect(api.commitOutcomes).toHaveBeenCalledExactlyOnceWith({ mapping: { id: 0, status: 2, date: null }, churned: ['Yes'], renewed: ['No'], day: TODAY });
    expect(await screen.findByText(/Recorded 7,043 outcomes \(1,869 churned, 5,174 renewed\)\./)).toBeInTheDocument();
    expect(onchange).toHaveBeenCalledOnce();
    const counts = await screen.findByRole('list', { name: 'Outcomes recorded' });
    expect(within(counts).getByText('1 churned')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Import another file' })).toHaveFocus());
  });

  it('closes the file on cancel', async () => {
    const { api, isOpen } = await openFile();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.closeOutcomeFile).toHaveBeenCalled();
    expect(isOpen()).toBe(false);
    expect(screen.queryByRole('combobox', { name: 'Customer id column' })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Import outcomes from a CSV' })).toHaveFocus());
  });

  it('shows a file that cannot be read, with its problems, and offers another', async () => {
    const unreadable: OutcomeFileInspection = { ...TELCO_FILE, format: null, problems: [{ file: 'empty.csv', code: 'file.empty', severity: 'error' as const, message: 'empty', count: 1, rows: [], examples: [] }] };
    const { app, api } = await startFake({ file: unreadable });
    renderUnder(app, OutcomesSection);
    await userEvent.click(await screen.findByRole('button', { name: 'Import outcomes from a CSV' }));
    await userEvent.upload(screen.getByLabelText(/Choose a CSV file/), csvFile('empty.csv'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('“empty.csv” could not be read:');
    expect(within(alert).getByRole('list', { name: 'Problems in the file' })).toBeInTheDocument();
    expect(screen.getByLabelText(/Choose a CSV file/)).toBeEnabled();
    // Cancel closes even a file the worker could not read.
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.closeOutcomeFile).toHaveBeenCalledOnce();
  });

  it('says what went wrong when the worker fails', async () => {
    const fake = await startFake();
    fake.api.openOutcomeFile.mockRejectedValueOnce(new Error('The database is closed.'));
    renderUnder(fake.app, OutcomesSection);
    await userEvent.click(await screen.findByRole('button', { name: 'Import outcomes from a CSV' }));
    await userEvent.upload(screen.getByLabelText(/Choose a CSV file/), csvFile());
    expect(await screen.findByRole('alert')).toHaveTextContent('That did not work: The database is closed.');
  });

  it('forgets every outcome after a confirmation', async () => {
    const onchange = vi.fn();
    const { app, api } = await startFake({ outcomes: [makeOutcome(), makeOutcome({ customerId: 'C2', status: 'renewed' })] });
    renderUnder(app, OutcomesSection, { onchange });
    await userEvent.click(await screen.findByRole('button', { name: 'Forget all outcomes' }));
    const dialog = screen.getByRole('alertdialog', { name: /Forget all 2 outcomes recorded\?/ });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep them' }));
    expect(api.clearOutcomes).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Forget all outcomes' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, forget them' }));
    expect(api.clearOutcomes).toHaveBeenCalledOnce();
    expect(await screen.findByText('All outcomes forgotten.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText(/None recorded yet/)).toBeInTheDocument());
    expect(onchange).toHaveBeenCalledOnce();
  });

  it('speaks Portuguese', async () => {
    i18n.locale = 'pt-BR';
    const { app } = await startFake({ outcomes: [makeOutcome(), makeOutcome({ customerId: 'C2' })] });
    renderUnder(app, OutcomesSection);
    expect(await screen.findByText('2 cancelaram')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Importar desfechos de um CSV' })).toBeInTheDocument();
  });
});
