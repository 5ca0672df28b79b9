import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExportScoresButton from '../../../src/ui/data/ExportScoresButton.svelte';
import { fileDate } from '../../../src/ui/download';
import { i18n } from '../../../src/ui/i18n.svelte';
import { startFake } from './fake-engine';
import { catchDownloads, renderUnder } from './support';

let caught: ReturnType<typeof catchDownloads>;
beforeEach(() => {
  i18n.locale = 'en';
  caught = catchDownloads();
});
afterEach(() => caught.restore());

describe('ExportScoresButton', () => {
  it('exports for Excel in my language by default, with translated titles and bands, and downloads the CSV', async () => {
    const { app, api } = await startFake();
    renderUnder(app, ExportScoresButton);
    expect(screen.getByRole('radio', { name: 'For Excel in my language' })).toBeChecked();

    await userEvent.click(screen.getByRole('button', { name: 'Download scores' }));

    expect(api.exportScores).toHaveBeenCalledExactlyOnceWith({
      dialect: 'locale',
      locale: 'en',
      header: {
        id: 'Customer ID', name: 'Customer', score: 'Score', band: 'Band', coverage: 'Coverage', delta: 'Change',
        overridden: 'Band set by hand', computedBand: 'Computed band',
      },
      bandLabels: ['Red', 'Yellow', 'Green', 'Insufficient data'],
      yesNo: ['Yes', 'No'],
    });
    expect(caught.downloads).toHaveLength(1);
    expect(caught.downloads[0]!.fileName).toBe(`pulso-scores-${fileDate()}.csv`);
    expect(caught.downloads[0]!.blob.type).toBe('text/csv;charset=utf-8');
    // Byte for byte, the BOM included (Blob.text() would drop it).
    const bytes = [...new Uint8Array(await caught.downloads[0]!.blob.arrayBuffer())];
    expect(bytes).toEqual([...new TextEncoder().encode('\uFEFFid;score\r\nC0;60\r\n')]);
  });

  it('exports standard CSV when chosen, only the rows given (as a plain array), in Portuguese', async () => {
    i18n.locale = 'pt-BR';
    const { app, api } = await startFake();
    renderUnder(app, ExportScoresButton, { rows: Int32Array.of(4, 0, 7), label: 'Baixar estes clientes' });

    await userEvent.click(screen.getByRole('radio', { name: 'CSV padrão (vírgula, decimais com ponto)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Baixar estes clientes' }));

    expect(api.exportScores).toHaveBeenCalledExactlyOnceWith({
      dialect: 'standard',
      locale: 'pt-BR',
      header: {
        id: 'ID do cliente', name: 'Cliente', score: 'Nota', band: 'Faixa', coverage: 'Cobertura', delta: 'Variação',
        overridden: 'Faixa definida à mão', computedBand: 'Faixa calculada',
      },
      bandLabels: ['Vermelho', 'Amarelo', 'Verde', 'Dados insuficientes'],
      rows: [4, 0, 7],
      yesNo: ['Sim', 'Não'],
    });
    expect(caught.downloads.map((d) => d.fileName)).toEqual([`pulso-scores-${fileDate()}.csv`]);
  });

  it('says why when the export fails, and downloads nothing', async () => {
    const { app, api } = await startFake();
    api.exportScores.mockRejectedValueOnce(new Error('no scores yet'));
    renderUnder(app, ExportScoresButton);

    await userEvent.click(screen.getByRole('button', { name: 'Download scores' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('(Details: no scores yet)');
    expect(caught.downloads).toEqual([]);
    expect(within(screen.getByRole('group', { name: 'File format' })).getAllByRole('radio')).toHaveLength(2);
  });
});
