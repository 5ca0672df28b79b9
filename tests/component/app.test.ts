import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../src/ui/App.svelte';

describe('App skeleton', () => {
  it('shows the product in English and switches to Portuguese', async () => {
    render(App);
    expect(screen.getByRole('heading', { name: 'Pulso' })).toBeInTheDocument();
    expect(screen.getByText(/runs in your browser/)).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Language'), 'pt-BR');

    expect(screen.getByText(/roda no seu navegador/)).toBeInTheDocument();
    expect(screen.getByLabelText('Idioma')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('pt-BR');
  });
});
