import { describe, expect, it } from 'vitest';
import { translate, translateCount, type Locale } from '../../../src/i18n';
import { describeProblem, type Translator } from '../../../src/ui/import/problem-text';
import type { ProblemGroup } from '../../../src/worker/api';

function translator(locale: Locale): Translator {
  return { locale, t: (key, params) => translate(locale, key, params), count: (key, n, params) => translateCount(locale, key, n, params) };
}

const base = { file: 'clientes.csv', rows: [], examples: [], count: 1, message: 'clientes.csv: the English message.' } as const;

describe('describeProblem', () => {
  it('falls back to the reader’s English message for a code it does not know', () => {
    const text = describeProblem({ ...base, severity: 'warning', code: 'cell.something-new', column: 'MRR', columnLetter: 'F', count: 4 }, translator('pt-BR'));
    expect(text.headline).toBe('clientes.csv: the English message.');
    expect(text.where).toBe('Coluna “MRR” (F)');
    expect(text.count).toBe('4 células');
  });

  it('tells refused rows from rows left out, by severity', () => {
    const group: ProblemGroup = { ...base, severity: 'error', code: 'asof.unreadable', column: 'Data', columnLetter: 'F', count: 2, rows: [5, 9], examples: [{ row: 5, value: '31/02/2026' }, { row: 9, value: 'ontem' }] };
    expect(describeProblem(group, translator('en')).headline).toMatch(/^Rows whose date cannot be read: they cannot be used\./);
    expect(describeProblem({ ...group, severity: 'warning' }, translator('en')).headline).toBe('Rows whose date cannot be read: they are left out.');
    expect(describeProblem(group, translator('es'))).toEqual({
      headline: 'Filas con una fecha que no se puede leer: no se pueden usar. Corrige las fechas (revisa el orden de las fechas en el paso Formato) o importa sin esas filas.',
      where: 'Columna «Data» (F)',
      count: '2 filas',
      examples: 'p. ej.: fila 5: «31/02/2026», fila 9: «ontem»',
    });
  });

  it('fills in the column, its letter and the first row; file-level problems have no place or count', () => {
    const header = describeProblem({ ...base, severity: 'warning', code: 'header.empty-name', column: 'column C', columnLetter: 'C' }, translator('en'));
    expect(header.headline).toBe('Column C has no name in row 1, so Pulso calls it “column C”. Give it a name if you need it.');
    const quote = describeProblem({ ...base, severity: 'error', code: 'file.unclosed-quote', rows: [1204], examples: [{ row: 1204 }] }, translator('en'));
    expect(quote.headline).toMatch(/^A quote \("\) on row 1,204 opens a value that never closes/);
    expect(quote.where).toBeNull();
    expect(quote.count).toBeNull();
    expect(describeProblem({ ...base, severity: 'error', code: 'file.utf-16' }, translator('en')).examples).toBeNull();
  });

  it('shows long or multi-line values on one line, cut at 40 characters', () => {
    const value = `Linha um\nlinha dois ${'x'.repeat(60)}`;
    const text = describeProblem({ ...base, severity: 'warning', code: 'cell.not-a-number', column: 'NPS', columnLetter: 'E', examples: [{ row: 3, value }] }, translator('en'));
    expect(text.examples).toBe(`e.g. row 3: “Linha um linha dois ${'x'.repeat(19)}…”`);
  });
});
