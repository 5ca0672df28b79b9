import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseModel, type HealthModel } from '../../../src/engine';
import { STARTER_MODELS } from '../../../src/engine/starter-models';
import { i18n } from '../../../src/ui/i18n.svelte';
import StartChoice from '../../../src/ui/method/StartChoice.svelte';
import Harness from '../data/Harness.svelte';
import { demoApp, SLOW } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});
afterEach(() => {
  i18n.locale = 'en';
});

async function renderChoice() {
  const { app, service } = await demoApp();
  const onstart = vi.fn<(draft: HealthModel) => void>();
  render(Harness, { props: { app, component: StartChoice, props: { onstart } } });
  return { onstart, service };
}

function file(name: string, text: string): File {
  return new File([text], name, { type: 'application/json' });
}

describe('how the method starts', () => {
  it('starts from a template, by its translated name', async () => {
    i18n.locale = 'es';
    const { onstart } = await renderChoice();
    const templates = within(screen.getByRole('region', { name: 'Desde una plantilla' }));
    const subscription = templates.getByRole('button', { name: 'Suscripciones y comercio electrónico' });
    expect(subscription).toHaveAccessibleDescription(/^Cajas por suscripción y tiendas en línea/);
    await userEvent.click(subscription);
    expect(onstart).toHaveBeenCalledWith(STARTER_MODELS.find((s) => s.id === 'subscription')!.model);
  }, SLOW);

  it('starts blank: one empty category, named in the user’s language, that the format accepts', async () => {
    i18n.locale = 'pt-BR';
    const { onstart } = await renderChoice();
    await userEvent.click(screen.getByRole('button', { name: 'Começar do zero' }));
    const draft = onstart.mock.calls[0]![0];
    expect(draft).toEqual({ format: 'health-model/v1', name: 'Meu modelo de saúde', categories: [{ id: 'primeira_categoria', label: 'Primeira categoria', weight: 10, metrics: [] }] });
    expect(parseModel(draft).model).not.toBeNull();
  }, SLOW);

  it('refuses a wrong model file by JSON path, nothing started and nothing put in use', async () => {
    const { onstart, service } = await renderChoice();
    const wrong = JSON.stringify({ format: 'health-model/v1', name: 'x', categories: [{ id: 'a', weight: 1, metrics: [{ id: 'm', weight: 1, scoring: { type: 'linear', worst: 5, best: 5 } }] }] });
    await userEvent.upload(screen.getByLabelText('Model file (.json)'), file('wrong.json', wrong));
    const alert = await screen.findByRole('alert', {}, { timeout: SLOW });
    expect(alert).toHaveTextContent('This file cannot be used as it is.');
    expect(within(alert).getByText('categories[0].metrics[0].scoring.worst')).toBeInTheDocument();
    expect(onstart).not.toHaveBeenCalled();
    expect((await service.model()).name).toBe('B2B SaaS');
  }, SLOW);

  it('starts from a good file at once, or after showing what was repaired', async () => {
    const { onstart } = await renderChoice();
    const good = { format: 'health-model/v1', name: 'Handed out', categories: [{ id: 'a', weight: 1, metrics: [{ id: 'nps', weight: 1, scoring: { type: 'boolean', true: 100, false: 0 } }] }] };
    await userEvent.upload(screen.getByLabelText('Model file (.json)'), file('good.json', JSON.stringify(good)));
    await waitFor(() => expect(onstart).toHaveBeenCalledTimes(1), { timeout: SLOW });
    expect(onstart.mock.calls[0]![0].name).toBe('Handed out');

    await userEvent.upload(screen.getByLabelText('Model file (.json)'), file('noted.json', JSON.stringify({ ...good, name: 'Noted', colour: 'blue' })));
    const go = await screen.findByRole('button', { name: 'Continue with “Noted”' }, { timeout: SLOW });
    expect(screen.getByText('colour')).toBeInTheDocument();
    expect(onstart).toHaveBeenCalledTimes(1);
    await userEvent.click(go);
    expect(onstart.mock.calls[1]![0].name).toBe('Noted');
  }, SLOW);
});
