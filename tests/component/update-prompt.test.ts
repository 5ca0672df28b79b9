import type { RegisterSWOptions } from 'virtual:pwa-register';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import UpdatePrompt from '../../src/ui/pwa/UpdatePrompt.svelte';
import { PwaState } from '../../src/ui/pwa/pwa.svelte';
import { i18n } from '../../src/ui/i18n.svelte';

const sw = vi.hoisted(() => ({
  options: undefined as RegisterSWOptions | undefined,
  updateSW: vi.fn((_reloadPage?: boolean) => Promise.resolve()),
}));

vi.mock('virtual:pwa-register', () => ({
  registerSW: vi.fn((options: RegisterSWOptions) => {
    sw.options = options;
    return sw.updateSW;
  }),
}));

/** What the service worker would report, as registerSW's callbacks. */
function serviceWorker(event: 'onNeedRefresh' | 'onOfflineReady'): void {
  const callback = sw.options?.[event];
  if (!callback) throw new Error(`UpdatePrompt did not register the service worker with ${event}`);
  flushSync(callback);
}

describe('UpdatePrompt', () => {
  const initialLocale = i18n.locale;
  beforeEach(() => {
    sw.options = undefined;
    sw.updateSW.mockClear();
    i18n.locale = 'en';
  });
  afterEach(() => {
    i18n.locale = initialLocale;
  });

  it('registers the service worker and shows nothing at first', () => {
    render(UpdatePrompt, { pwa: new PwaState() });
    expect(sw.options).toBeDefined();
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers Reload and Later when a new version waits, and Reload activates it', async () => {
    render(UpdatePrompt, { pwa: new PwaState() });
    serviceWorker('onNeedRefresh');

    expect(screen.getByRole('status')).toHaveTextContent('A new version of Pulso is ready. Reload now?');
    expect(screen.getByRole('button', { name: 'Later' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));

    expect(sw.updateSW).toHaveBeenCalledTimes(1);
    expect(sw.updateSW).toHaveBeenCalledWith(true);
  });

  it('Later hides the banner without reloading', async () => {
    render(UpdatePrompt, { pwa: new PwaState() });
    serviceWorker('onNeedRefresh');

    await userEvent.click(screen.getByRole('button', { name: 'Later' }));

    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    expect(screen.queryByRole('button')).toBeNull();
    expect(sw.updateSW).not.toHaveBeenCalled();
  });

  it('says once that Pulso works offline, until closed', async () => {
    render(UpdatePrompt, { pwa: new PwaState() });
    serviceWorker('onOfflineReady');

    expect(screen.getByRole('status')).toHaveTextContent('Pulso now works offline.');
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));

    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    expect(sw.updateSW).not.toHaveBeenCalled();
  });

  it('speaks Portuguese when the locale is pt-BR', () => {
    i18n.locale = 'pt-BR';
    render(UpdatePrompt, { pwa: new PwaState() });
    serviceWorker('onNeedRefresh');

    expect(screen.getByRole('status')).toHaveTextContent('Uma nova versão do Pulso está pronta. Recarregar agora?');
    expect(screen.getByRole('button', { name: 'Recarregar' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Depois' })).toBeInTheDocument();
  });

  it('registers only once however often it is mounted', async () => {
    const { registerSW } = await import('virtual:pwa-register');
    vi.mocked(registerSW).mockClear();
    const pwa = new PwaState();
    render(UpdatePrompt, { pwa });
    render(UpdatePrompt, { pwa });
    expect(registerSW).toHaveBeenCalledTimes(1);
  });
});
