import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../src/ui/i18n.svelte';
import DatabaseNotice from '../../../src/ui/shell/DatabaseNotice.svelte';
import { startFake } from './fake-engine';
import { renderUnder } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});

describe('DatabaseNotice', () => {
  it('shows nothing while the database is fine', async () => {
    const { app } = await startFake();
    renderUnder(app, DatabaseNotice);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('when another tab closed the database: an alert, and Reload reloads', async () => {
    const { app, emit } = await startFake();
    const reload = vi.fn();
    renderUnder(app, DatabaseNotice, { reload });

    flushSync(() => emit({ type: 'database-closed' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Pulso was updated or opened in another tab. Reload this tab to go on; nothing was lost.');
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledOnce();
  });

  it('when an update waits for other tabs: a status message asking to close them', async () => {
    const { app, emit } = await startFake();
    renderUnder(app, DatabaseNotice);

    flushSync(() => emit({ type: 'database-blocked' }));

    expect(screen.getByRole('status')).toHaveTextContent('Close Pulso in your other tabs to finish updating.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('speaks Spanish', async () => {
    i18n.locale = 'es';
    const { app, emit } = await startFake();
    renderUnder(app, DatabaseNotice);
    flushSync(() => emit({ type: 'database-closed' }));
    expect(screen.getByRole('button', { name: 'Recargar' })).toBeInTheDocument();
  });
});
