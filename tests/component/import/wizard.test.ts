import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadCsv } from '../../../src/ui/download';
import { i18n } from '../../../src/ui/i18n.svelte';
import { excelFile, HISTORY_DAYS, TODAY, workbookFile } from './fake-engine';
import { chooseFile, currentStep, mapAndCheck, renderWizard, stepNames, stepTitle, toColumns } from './support';

vi.mock('../../../src/ui/download', async (original) => ({
  ...(await original<Record<string, unknown>>()),
  downloadCsv: vi.fn(),
}));

beforeEach(() => {
  i18n.locale = 'en';
  vi.mocked(downloadCsv).mockClear();
});
afterEach(() => {
  i18n.locale = 'en';
});

const PLAN_MAPPING = { fields: { id: 0, name: 1, segment: 2 }, metrics: { logins_30d: 3, nps: 4 } };

describe('the happy path', () => {
  it('file → format (an override reads the file again) → columns (prefilled, changeable) → check → import → summary', async () => {
    const { api, app } = await renderWizard();

    // 1. File
    expect(currentStep()).toBe('1 File');
    expect(stepNames()).toEqual(['1 File', '2 Format', '3 Columns', '4 Check', '5 Import']);
    expect(stepTitle()).toHaveTextContent('Choose the file');
    const input = screen.getByLabelText(/Drop your file here, or tap to choose it/);
    expect(input).toHaveAttribute('type', 'file');
    expect(input).toHaveAttribute('accept', expect.stringContaining('.csv,.tsv,.txt,text/csv'));
    await chooseFile();

    // 2. Format: what was detected, and a preview with spreadsheet row numbers
    expect(await screen.findByRole('heading', { level: 2, name: 'Check the format' })).toHaveFocus();
    expect(currentStep()).toBe('2 Format');
    expect(new TextDecoder().decode(api.callsOf('openImport')[0]![0].data)).toMatch(/^Cliente;Nome;Segmento;Logins 30 dias;NPS;Data\r\n/);
    const separator = screen.getByLabelText('Column separator');
    expect(separator).toHaveValue(';');
    expect(separator).toHaveAccessibleDescription('Detected');
    expect(screen.getByLabelText('Decimal separator')).toHaveValue(',');
    expect(screen.getByLabelText('Date order')).toHaveValue('dmy');
    expect(screen.getByLabelText('Text encoding')).toHaveValue('windows-1252');

    const preview = screen.getByRole('region', { name: 'The first 10 of 42 rows, as Pulso reads them' });
    const rows = within(preview).getAllByRole('row');
    expect(rows).toHaveLength(12); // letters, header (row 1), ten rows
    expect(within(rows[0]!).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(within(rows[1]!).getByRole('rowheader')).toHaveTextContent('1');
    expect(within(rows[1]!).getAllByRole('columnheader')[3]).toHaveTextContent('Logins 30 dias');
    expect(rows.slice(2).map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['2', '3', '4', '5', '6', '8', '9', '10', '11', '12']);
    expect(within(rows[2]!).getByText('Padaria Pão Quente')).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Decimal separator'), 'Point: 1,234.56');
    expect(api.callsOf('reformatImport')).toEqual([[{ decimal: '.' }]]);
    await waitFor(() => expect(screen.getByLabelText('Decimal separator')).toHaveAccessibleDescription('Changed by you'));
    expect(screen.getByLabelText('Decimal separator')).toHaveValue('.');
    expect(separator).toHaveAccessibleDescription('Detected');

    // The wrong separator shows at once in the preview: one column.
    await userEvent.selectOptions(separator, 'Comma (,)');
    await waitFor(() => expect(within(screen.getByRole('region', { name: /The first 10 of 42 rows/ })).getAllByRole('row')[0]!.textContent).toBe('A'));
    await userEvent.selectOptions(screen.getByLabelText('Column separator'), 'Semicolon (;)');
    expect(api.callsOf('reformatImport').at(-1)).toEqual([{ decimal: '.', delimiter: ';' }]);
    await waitFor(() => expect(within(screen.getByRole('region', { name: /The first 10 of 42 rows/ })).getAllByRole('columnheader')).toHaveLength(12));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    // 3. Columns: prefilled from the suggestion, then changed by the user
    expect(await screen.findByRole('heading', { level: 2, name: 'Match the columns' })).toHaveFocus();
    expect(currentStep()).toBe('3 Columns');
    expect(screen.getByLabelText(/Customer ID/)).toHaveDisplayValue('Not in this file');
    expect(screen.getByLabelText('Name')).toHaveDisplayValue('A · Cliente');
    expect(screen.getByLabelText('Segment')).toHaveDisplayValue('C · Segmento');
    expect(screen.getByLabelText('Logins (last 30 days)')).toHaveDisplayValue('D · Logins 30 dias');
    expect(screen.getByLabelText('NPS')).toHaveDisplayValue('E · NPS');
    expect(screen.getByLabelText('CSM sentiment')).toHaveDisplayValue('Not in this file');
    expect(screen.queryByText(/earlier file with the same columns/)).toBeNull();
    const extra = () => within(screen.getByRole('list', { name: 'Kept as extra information' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(extra()).toEqual(['B · Nome', 'F · Data']);

    await userEvent.selectOptions(screen.getByLabelText(/Customer ID/), 'A · Cliente');
    await userEvent.selectOptions(screen.getByLabelText('Name'), 'B · Nome');
    expect(extra()).toEqual(['F · Data']);
    expect(screen.getByRole('radio', { name: 'One date for the whole file' })).toBeChecked();
    expect(screen.getByLabelText('Date of the values')).toHaveValue('2026-11-23');
    await userEvent.click(screen.getByRole('button', { name: 'Check the file' }));

    // 4. Check
    expect(await screen.findByRole('heading', { level: 2, name: 'Check before importing' })).toHaveFocus();
    expect(api.callsOf('checkImport')).toEqual([[{ mapping: PLAN_MAPPING, asOf: { day: TODAY }, skipBadRows: false }]]);
    expect(await screen.findByText('42 rows in the file')).toBeInTheDocument();
    expect(screen.getByText('42 rows can be imported')).toBeInTheDocument();
    expect(screen.getByText('The values will be recorded as of November 23, 2026.')).toBeInTheDocument();
    const problems = screen.getByRole('list', { name: 'Problems found' });
    const [nps] = within(problems).getAllByRole('listitem');
    expect(nps).toHaveTextContent('Warning: Cells that are not numbers: they count as missing.');
    expect(nps).toHaveTextContent('Column “NPS” (E)');
    expect(nps).toHaveTextContent('3 cells');
    expect(nps).toHaveTextContent('e.g. row 4: “dez”, row 9: “nove”, row 12: “?”');
    expect(screen.getByText('Ready to import. Nothing has been saved yet.')).toBeInTheDocument();
    expect(api.callsOf('commitImport')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));

    // 5. Import: the summary
    expect(await screen.findByText('Import complete.')).toBeInTheDocument();
    expect(currentStep()).toBe('5 Import');
    expect(api.callsOf('commitImport')).toHaveLength(1);
    expect(api.callsOf('commitImport')[0]![0]).toEqual({ mapping: PLAN_MAPPING, asOf: { day: TODAY }, skipBadRows: false });
    const summary = (term: string) => screen.getByText(term).nextElementSibling?.textContent;
    expect(summary('New customers')).toBe('40');
    expect(summary('Updated customers')).toBe('2');
    expect(summary('Unchanged customers')).toBe('0');
    expect(summary('Rows left out')).toBe('0');
    expect(screen.getByText('Values imported as of November 23, 2026.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See the overview' })).toHaveAttribute('href', '#/');
    await waitFor(() => expect(app.summary).toMatchObject({ source: 'local', size: 42 }));

    await userEvent.click(screen.getByRole('button', { name: 'Import another file' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Choose the file' })).toBeInTheDocument();
    expect(api.callsOf('closeImport').length).toBeGreaterThan(0);
  });

  it('builds the history from a date column: one day per date in it', async () => {
    const { api } = await renderWizard();
    await toColumns();
    await userEvent.selectOptions(screen.getByLabelText(/Customer ID/), 'A · Cliente');
    const byColumn = screen.getByRole('radio', { name: 'Each row’s date is in a column' });
    expect(byColumn).toHaveAccessibleDescription(/one row per customer per month .* the whole history is built at once/);
    await userEvent.click(byColumn);
    expect(screen.getByLabelText('Column with the date')).toHaveDisplayValue('F · Data');
    expect(within(screen.getByRole('list', { name: 'Kept as extra information' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['B · Nome']);
    await userEvent.click(screen.getByRole('button', { name: 'Check the file' }));

    expect(await screen.findByText('The file will create 3 days of history: January 31, 2026, February 28, 2026, and March 31, 2026.')).toBeInTheDocument();
    expect(api.callsOf('checkImport')[0]![0].asOf).toEqual({ column: 5 });
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('3 days imported: January 31, 2026, February 28, 2026, and March 31, 2026.')).toBeInTheDocument();
    expect(api.callsOf('commitImport')[0]![0].asOf).toEqual({ column: 5 });
    expect(HISTORY_DAYS).toHaveLength(3);
  });

  it('says when the mapping was remembered from an earlier file with the same columns', async () => {
    await renderWizard({ remembered: true });
    await toColumns();
    expect(screen.getByRole('note')).toHaveTextContent('These choices are the ones you made for an earlier file with the same columns.');
    expect(screen.getByLabelText(/Customer ID/)).toHaveDisplayValue('A · Cliente');
    expect(within(screen.getByRole('list', { name: 'Kept as extra information' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['F · Data']);
    await userEvent.click(screen.getByRole('radio', { name: 'Each row’s date is in a column' }));
    expect(screen.getByText('None: every column is used above.')).toBeInTheDocument();
  });
});

describe('moving back and leaving', () => {
  it('goes back at every step, keeping the choices made; back to the file forgets it in the worker', async () => {
    const { api } = await renderWizard();
    await toColumns();
    await mapAndCheck();
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Match the columns' })).toBeInTheDocument();
    expect(screen.getByLabelText(/Customer ID/)).toHaveDisplayValue('A · Cliente');
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Check the format' })).toBeInTheDocument();
    expect(api.callsOf('closeImport')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Choose the file' })).toBeInTheDocument();
    expect(api.callsOf('closeImport')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Back to your data' })).toHaveAttribute('href', '#/data');
  });

  it('forgets the open file when the screen is left', async () => {
    const { api } = await renderWizard();
    await toColumns();
    location.hash = '#/customers';
    await waitFor(() => expect(api.callsOf('closeImport')).toHaveLength(1));
    expect(screen.queryByRole('heading', { name: 'Import a file' })).toBeNull();
  });

  it('does not check without a customer ID column, and says which one to choose', async () => {
    const { api } = await renderWizard();
    await toColumns();
    await userEvent.click(screen.getByRole('button', { name: 'Check the file' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose the column that holds your customer IDs');
    expect(screen.getByLabelText(/Customer ID/)).toHaveAccessibleDescription(/Choose the column that holds your customer IDs/);
    expect(stepTitle()).toHaveTextContent('Match the columns');
    expect(api.callsOf('checkImport')).toHaveLength(0);
  });
});

describe('a file that cannot be read', () => {
  it('says why in plain words, stays on the first step, and takes another file', async () => {
    const { api } = await renderWizard();
    await chooseFile(workbookFile());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Pulso cannot read clientes.csv:');
    expect(alert).toHaveTextContent('Error: This is not a text (CSV) file. If it is an Excel workbook, open it in Excel');
    expect(stepTitle()).toHaveTextContent('Choose the file');
    expect(currentStep()).toBe('1 File');

    await userEvent.upload(screen.getByLabelText(/Drop another file here, or tap to choose it/), excelFile());
    expect(await screen.findByRole('heading', { level: 2, name: 'Check the format' })).toBeInTheDocument();
    expect(api.callsOf('openImport')).toHaveLength(2);
  });
});

describe('rows that cannot be used (needs-choice)', () => {
  it('offers both choices and writes nothing until one is chosen; skipping checks again without the bad rows, then imports', async () => {
    const { api } = await renderWizard({ verdict: 'needs-choice' });
    await toColumns();
    await mapAndCheck();

    expect(screen.getByText('40 rows can be imported')).toBeInTheDocument();
    expect(screen.getByText('2 rows cannot be used')).toBeInTheDocument();
    expect(screen.getByText(/2 rows cannot be used\. Import the file without them, or cancel and fix the file first\. Nothing is saved until you choose\./)).toBeInTheDocument();
    const [ids] = within(screen.getByRole('list', { name: 'Problems found' })).getAllByRole('listitem');
    expect(ids).toHaveTextContent('Error: Rows without a customer ID: they cannot be used.');
    expect(ids).toHaveTextContent('Column “Cliente” (A)');
    expect(ids).toHaveTextContent('2 rows');
    expect(ids).toHaveTextContent('e.g. row 17, row 30');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
    expect(api.callsOf('commitImport')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Import without the 2 bad rows' }));
    expect(await screen.findByText('Import complete.')).toBeInTheDocument();
    expect(api.callsOf('checkImport').map(([plan]) => plan.skipBadRows)).toEqual([false, true]);
    expect(api.callsOf('commitImport')).toHaveLength(1);
    expect(api.callsOf('commitImport')[0]![0].skipBadRows).toBe(true);
    expect(screen.getByText('Rows left out').nextElementSibling).toHaveTextContent('2');
  });

  it('cancel writes nothing, forgets the file and says so', async () => {
    const { api } = await renderWizard({ verdict: 'needs-choice' });
    await toColumns();
    await mapAndCheck();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Import cancelled: nothing was saved.')).toBeInTheDocument();
    expect(stepTitle()).toHaveTextContent('Choose the file');
    expect(api.callsOf('commitImport')).toHaveLength(0);
    expect(api.callsOf('closeImport')).toHaveLength(1);
  });
});

describe('a file that cannot be imported as it is (blocked)', () => {
  it('says what to fix, offers only Back, and Back returns to the columns', async () => {
    const { api } = await renderWizard({ verdict: 'blocked' });
    await toColumns();
    await mapAndCheck();
    expect(screen.getByText(/This file cannot be imported yet\. Fix the problems marked “Error”/)).toBeInTheDocument();
    const [duplicate] = within(screen.getByRole('list', { name: 'Problems found' })).getAllByRole('listitem');
    expect(duplicate).toHaveTextContent('Error: The same customer ID is on two rows with different values.');
    expect(duplicate).toHaveTextContent('e.g. row 21: “CLI-007”, row 33: “CLI-012”');
    expect(screen.queryByRole('button', { name: /^Import/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Match the columns' })).toBeInTheDocument();
    expect(api.callsOf('commitImport')).toHaveLength(0);
  });
});

describe('manual values', () => {
  it('warns that values entered by hand will be replaced by the file’s newer values', async () => {
    await renderWizard({ supersedesManual: 3 });
    await toColumns();
    await mapAndCheck();
    expect(screen.getByText('3 values entered by hand will be replaced by this file’s newer values.')).toBeInTheDocument();
  });
});

describe('importing', () => {
  it('shows the progress the worker reports: phase in words, rows done of total, rows per second', async () => {
    const { api } = await renderWizard({ holdCommit: true });
    await toColumns();
    await mapAndCheck();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));

    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '42');
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    expect(bar).toHaveAttribute('aria-valuetext', 'Reading the file: 0 of 42 rows');
    expect(screen.queryByRole('button', { name: 'Back' })).toBeNull();

    api.reportProgress({ phase: 'saving', done: 21, total: 42, rowsPerSecond: 12_345.6 });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '21'));
    expect(bar).toHaveAttribute('aria-valuetext', 'Saving on this device: 21 of 42 rows');
    expect(screen.getByText(/Saving on this device/).closest('p')).toHaveTextContent('Saving on this device · 21 of 42 rows · 12,346 rows per second');

    api.reportProgress({ phase: 'scoring', done: 42, total: 42, rowsPerSecond: 9_000 });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuetext', 'Scoring your customers: 42 of 42 rows'));
    api.finishCommit();
    expect(await screen.findByText('Import complete.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('says when the file was already imported: nothing changed', async () => {
    await renderWizard({ duplicate: true });
    await toColumns();
    await mapAndCheck();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('This file was already imported: nothing changed.')).toBeInTheDocument();
    expect(screen.queryByText('New customers')).toBeNull();
    expect(screen.getByRole('link', { name: 'See the overview' })).toBeInTheDocument();
  });

  it('out of storage space: says nothing was imported and what to do, and can try again', async () => {
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const { api, app } = await renderWizard({ commitError: quota });
    await toColumns();
    await mapAndCheck();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Your device is out of storage space. Nothing was imported: your data is as it was. Free some space or delete old imports, then try again.',
    );
    expect(app.summary?.source).toBe('demo');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(api.callsOf('commitImport')).toHaveLength(2));
    await userEvent.click(await screen.findByRole('button', { name: 'Back' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Check before importing' })).toBeInTheDocument();
  });

  it('any other failure: the error’s message, and that nothing was imported', async () => {
    await renderWizard({ commitError: Object.assign(new Error('Database connection closed'), { name: 'DatabaseClosedError' }) });
    await toColumns();
    await mapAndCheck();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong while saving: Database connection closed. Nothing was imported: your data is as it was.');
  });
});

describe('the problems file', () => {
  it('downloads the worker’s problems CSV, in the user’s dialect with translated titles, named after the file', async () => {
    const { api } = await renderWizard({ verdict: 'needs-choice' });
    await toColumns();
    await mapAndCheck();
    await userEvent.click(screen.getByRole('button', { name: 'Download the problems (CSV)' }));
    await waitFor(() => expect(downloadCsv).toHaveBeenCalledOnce());
    expect(api.callsOf('problemsCsv')).toEqual([[{
      dialect: 'locale',
      locale: 'en',
      header: { file: 'File', severity: 'Severity', row: 'Row', column: 'Column', value: 'Value', problem: 'Problem' },
      severities: { error: 'error', warning: 'warning' },
    }]]);
    const [fileName, text] = vi.mocked(downloadCsv).mock.calls[0]!;
    expect(fileName).toMatch(/^clientes-junho-problems-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(text).toMatch(/^\uFEFFArquivo;Gravidade/);
    expect(api.callsOf('commitImport')).toHaveLength(0);
  });
});

describe('in Portuguese (Brazil)', () => {
  it('speaks the CSM’s language, with numbers and dates formatted for Brazil', async () => {
    i18n.locale = 'pt-BR';
    const { api } = await renderWizard({ verdict: 'needs-choice', holdCommit: true });
    expect(screen.getByRole('heading', { level: 1, name: 'Importar um arquivo' })).toBeInTheDocument();
    expect(stepNames()).toEqual(['1 Arquivo', '2 Formato', '3 Colunas', '4 Verificação', '5 Importação']);
    await userEvent.upload(screen.getByLabelText(/Solte o arquivo aqui ou toque para escolher/), excelFile());

    expect(await screen.findByRole('heading', { level: 2, name: 'Confira o formato' })).toBeInTheDocument();
    expect(screen.getByLabelText('Separador de colunas')).toHaveAccessibleDescription('Detectado');
    expect(screen.getByLabelText('Separador de colunas')).toHaveDisplayValue('Ponto e vírgula (;)');
    await userEvent.click(screen.getByRole('button', { name: 'Avançar' }));

    await userEvent.selectOptions(await screen.findByLabelText(/ID do cliente/), 'A · Cliente');
    expect(screen.getByLabelText('Nome')).toHaveDisplayValue('A · Cliente');
    expect(screen.getByRole('radio', { name: 'Uma data para o arquivo inteiro' })).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Verificar o arquivo' }));

    expect(await screen.findByText('42 linhas no arquivo')).toBeInTheDocument();
    expect(screen.getByText('Os valores serão registrados com a data de 23 de novembro de 2026.')).toBeInTheDocument();
    const [ids] = within(screen.getByRole('list', { name: 'Problemas encontrados' })).getAllByRole('listitem');
    expect(ids).toHaveTextContent('Erro: Linhas sem ID de cliente: não podem ser usadas.');
    expect(ids).toHaveTextContent('Coluna “Cliente” (A)');
    expect(ids).toHaveTextContent('ex.: linha 17, linha 30');
    expect(screen.getByRole('button', { name: 'Cancelar' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Importar sem as 2 linhas com problema' }));

    const bar = await screen.findByRole('progressbar', { name: 'Andamento da importação' });
    api.reportProgress({ phase: 'saving', done: 1_500, total: 3_000, rowsPerSecond: 12_345.6 });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuetext', 'Salvando neste dispositivo: 1.500 de 3.000 linhas'));
    expect(screen.getByText(/12\.346 linhas por segundo/)).toBeInTheDocument();
    api.finishCommit();
    expect(await screen.findByText('Importação concluída.')).toBeInTheDocument();
    expect(screen.getByText('Clientes novos').nextElementSibling).toHaveTextContent('38');
    expect(screen.getByRole('link', { name: 'Ver a visão geral' })).toBeInTheDocument();
  });
});
