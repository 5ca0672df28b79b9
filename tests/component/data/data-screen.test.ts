import { screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { epochDay } from '../../../src/engine';
import DataScreen from '../../../src/ui/data/DataScreen.svelte';
import { i18n } from '../../../src/ui/i18n.svelte';
import { makeImport, startFake } from './fake-engine';
import { renderUnder, stubStorage, unstubStorage } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});
afterEach(unstubStorage);

describe('the data screen', () => {
  it('on the demo: says the demo is loaded, offers the import, and says importing switches to own data', async () => {
    const { app } = await startFake({ source: 'demo', customers: 300 });
    renderUnder(app, DataScreen);

    expect(screen.getByRole('heading', { level: 1, name: 'Your data' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Your data now', 'Imports', 'Export scores', 'Backup and restore', 'Storage on this device']);
    const now = screen.getByRole('region', { name: 'Your data now' });
    expect(now).toHaveTextContent('The demo portfolio is loaded: 300 customers, as of Nov 23, 2026.');
    expect(within(now).getByRole('link', { name: 'Import a file' })).toHaveAttribute('href', '#/import');
    expect(now).toHaveTextContent('Importing a file switches Pulso to your own data. The demo stays available from Settings.');
  });

  it('on own data: customers, the latest as-of date and the imports', async () => {
    const { app } = await startFake({ source: 'local', imports: [makeImport({ id: 1, customerCount: 120 }), makeImport({ id: 2, customerCount: 118 })] });
    renderUnder(app, DataScreen);
    const now = screen.getByRole('region', { name: 'Your data now' });
    expect(now).toHaveTextContent('Your own data is loaded: 120 customers, the latest as of Nov 23, 2026, from 2 imports.');
    expect(now).not.toHaveTextContent('switches Pulso');
  });

  it('speaks Brazilian Portuguese, dates and sizes included', async () => {
    i18n.locale = 'pt-BR';
    stubStorage({ estimate: () => Promise.resolve({ usage: 12_400_000, quota: 2_100_000_000 }), persisted: () => Promise.resolve(false) });
    const { app } = await startFake({ source: 'local', imports: [makeImport({ id: 1, fileName: 'carteira.csv', asOf: epochDay(2026, 11, 20), customerCount: 1 })] });
    renderUnder(app, DataScreen);

    expect(screen.getByRole('heading', { level: 1, name: 'Seus dados' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Seus dados agora' })).toHaveTextContent('Seus próprios dados estão carregados: 1 cliente, com os dados mais recentes de 23 de nov. de 2026, vindos de 1 importação.');
    const imports = screen.getByRole('region', { name: 'Importações' });
    expect(await within(imports).findByRole('button', { name: 'Excluir a importação de carteira.csv com dados de 20 de nov. de 2026' })).toBeInTheDocument();
    expect(within(imports).getByRole('columnheader', { name: 'Linhas ignoradas' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Para o Excel no meu idioma' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Baixar um backup' })).toBeInTheDocument();
    const storage = screen.getByRole('region', { name: 'Armazenamento neste dispositivo' });
    expect(await within(storage).findByText('12,4 MB usados de 2,1 GB')).toBeInTheDocument();
    expect(within(storage).getByRole('button', { name: 'Manter meus dados neste dispositivo' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Excluir todos os meus dados' })).toBeInTheDocument();
  });
});
