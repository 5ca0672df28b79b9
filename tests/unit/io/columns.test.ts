import { describe, it, expect } from 'vitest';
import { columnLetter, detectColumnKind, formatIssue, toColumn } from '../../../src/io';
import type { ColumnKind } from '../../../src/engine/portfolio';
import { epochDay } from '../../../src/engine/portfolio';
import { table, values } from './helpers';

/** A one-column table (plus ids) holding `cells`, read from a ';' file. */
function columnOf(cells: readonly string[]) {
  return table(['id;value', ...cells.map((cell, i) => `c${i};${cell}`)].join('\n'), { delimiter: ';' });
}

describe('detectColumnKind', () => {
  const repeat = (cell: string, n: number) => Array<string>(n).fill(cell);

  it.each<[string, readonly string[], ColumnKind]>([
    ['only 1/0', ['1', '0', '1', ''], 'number'],
    ['yes/no', ['Yes', 'No', 'yes', 'NA'], 'boolean'],
    ['sim/não with empties', ['Sim', 'Não', '', 'nao'], 'boolean'],
    ['words and 1/0', ['sim', '1', '0'], 'boolean'],
    ['a third label', ['Yes', 'No', 'No internet service'], 'text'],
    ['numbers with decimal commas', ['1.234,56', '12,5', '-3', 'R$ 5,00'], 'number'],
    ['95% numbers', [...repeat('10', 19), 'abc'], 'number'],
    ['90% numbers', [...repeat('10', 18), 'abc', 'def'], 'text'],
    ['numbers and an Excel error', ['10', '#N/D', '12'], 'number'],
    ['day-first dates', ['31/01/2025', '01/02/2025', ''], 'date'],
    ['ISO dates with times', ['2025-01-31', '2025-02-01T10:00:00Z'], 'date'],
    ['labels', ['Pro', 'Básico', 'Enterprise'], 'text'],
    ['nothing at all', ['', 'N/A', '-'], 'text'],
  ])('%s -> %s', (_, cells, kind) => {
    expect(detectColumnKind(columnOf(cells), 1)).toBe(kind);
  });
});

describe('toColumn', () => {
  it('reads text as trimmed labels, in order of first appearance, keeping case apart', () => {
    const { column, issues } = toColumn(columnOf([' Pro ', 'Básico', 'pro', '', 'Pro', 'N/A']), 1, 'text');
    expect(issues).toEqual([]);
    expect(column).toEqual({ kind: 'text', codes: Int32Array.from([0, 1, 2, -1, 0, -1]), labels: ['Pro', 'Básico', 'pro'] });
  });

  it('reads yes/no values into 1, 0 and 255 for missing', () => {
    const { column } = toColumn(columnOf(['Sim', 'não', '', 'TRUE', '0']), 1, 'boolean');
    expect(column).toEqual({ kind: 'boolean', values: Uint8Array.from([1, 0, 255, 1, 0]) });
  });

  it('reads only the rows asked for, in the order asked', () => {
    const t = columnOf(['10', '20', '30', '40']);
    const { column } = toColumn(t, 1, 'number', Int32Array.from([3, 0, 2]));
    expect(values(column)).toEqual([40, 10, 30]);
  });

  it('reads a date column in the order its own cells show', () => {
    const t = table('id,a,b\n1,13/01/2025,01/13/2025\n2,01/02/2025,01/02/2025\n');
    expect(values(toColumn(t, 1, 'date').column)).toEqual([epochDay(2025, 1, 13), epochDay(2025, 2, 1)]);
    expect(values(toColumn(t, 2, 'date').column)).toEqual([epochDay(2025, 1, 13), epochDay(2025, 1, 2)]);
  });

  it('reports the first 20 unreadable cells of a column one by one and sums up the rest', () => {
    const t = columnOf(Array.from({ length: 1025 }, (_, i) => `n${i}`));
    const { column, issues } = toColumn(t, 1, 'number');
    expect(values(column).every(Number.isNaN)).toBe(true);
    expect(issues).toHaveLength(21);
    expect(issues[19]?.message).toBe('customers.csv, row 21, column "value" (B): "n19" is not a number — the cell counts as missing.');
    expect(issues[20]).toEqual({
      severity: 'warning', code: 'cell.more-unreadable', file: 'customers.csv', column: 'value', columnLetter: 'B',
      params: { count: 1005, kind: 'number' },
      message: 'customers.csv, column "value" (B): 1,005 more cells could not be read as numbers and count as missing.',
    });
  });
});

describe('columnLetter and formatIssue', () => {
  it.each([[0, 'A'], [25, 'Z'], [26, 'AA'], [27, 'AB'], [51, 'AZ'], [52, 'BA'], [701, 'ZZ'], [702, 'AAA']])(
    'column %d is %s', (index, letter) => {
      expect(columnLetter(index)).toBe(letter);
    },
  );

  it('puts the severity before the message', () => {
    const { issues } = toColumn(columnOf(['abc']), 1, 'number');
    expect(issues.map(formatIssue)).toEqual([
      'warning: customers.csv, row 2, column "value" (B): "abc" is not a number — the cell counts as missing.',
    ]);
  });
});
