/** Opens the import wizard (route `#/import`) in the app on a fake worker, and the steps a user takes through it. */
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import App from '../../../src/ui/App.svelte';
import { AppState, type SourceMemory } from '../../../src/ui/state/app-state.svelte';
import type { PortfolioSource } from '../../../src/worker/api';
import { excelFile, FakeImportEngine, TODAY, type FakeOptions } from './fake-engine';

/** The app on the (fake) demo, at the import wizard. */
export async function renderWizard(options: FakeOptions = {}) {
  const api = new FakeImportEngine(options);
  let source: PortfolioSource | null = null;
  const memory: SourceMemory = { read: () => source, write: (s) => (source = s) };
  const app = new AppState({ api, memory, today: () => TODAY });
  await app.start();
  location.hash = '#/import';
  const view = render(App, { app });
  await screen.findByRole('heading', { level: 1, name: /^(Import a file|Importar um arquivo|Importar un archivo)$/ });
  return { api, app, view, remembered: () => source };
}

/** The steps as the indicator lists them. */
export function stepNames(): string[] {
  return within(stepList()).getAllByRole('listitem').map((item) => item.textContent?.trim() ?? '');
}

function stepList(): HTMLElement {
  return screen.getByRole('list', { name: /^(Import steps|Etapas da importação|Pasos de la importación)$/ });
}

/** The title of the step on screen. */
export function stepTitle(): HTMLElement {
  return screen.getByRole('heading', { level: 2 });
}

/** The step the indicator marks as current. */
export function currentStep(): string {
  const current = within(stepList())
    .getAllByRole('listitem')
    .find((item) => item.getAttribute('aria-current') === 'step');
  return current?.textContent?.trim() ?? '';
}

export async function chooseFile(file: File = excelFile()): Promise<void> {
  await userEvent.upload(screen.getByLabelText(/Drop (your|another) file here/), file);
}

/** Picks the file and walks to the Columns step, keeping what was detected. */
export async function toColumns(file?: File): Promise<void> {
  await chooseFile(file);
  await screen.findByRole('heading', { level: 2, name: 'Check the format' });
  await userEvent.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByRole('heading', { level: 2, name: 'Match the columns' });
}

/** From the Columns step: the id is the "Cliente" column, the name "Nome", then the check runs. */
export async function mapAndCheck(): Promise<void> {
  await userEvent.selectOptions(screen.getByLabelText(/Customer ID/), 'A · Cliente');
  await userEvent.selectOptions(screen.getByLabelText('Name'), 'B · Nome');
  await userEvent.click(screen.getByRole('button', { name: 'Check the file' }));
  await screen.findByRole('heading', { level: 2, name: 'Check before importing' });
  expect(await screen.findByText(/rows? in the file/)).toBeInTheDocument();
}
