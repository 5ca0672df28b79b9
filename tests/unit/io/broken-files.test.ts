import { describe, it, expect } from 'vitest';
import { formatIssue, readCsv, readPortfolio } from '../../../src/io';
import type { CsvTable } from '../../../src/io';
import { fixture } from './helpers';

function fileError(name: string, data: Uint8Array | string) {
  const { table, issues } = readCsv({ name, data });
  expect(table).toBeNull();
  expect(issues).toHaveLength(1);
  return issues[0];
}

describe('files that cannot be read at all', () => {
  it.each([
    ['empty.csv', 'csv/broken/empty.csv'],
    ['whitespace.csv', 'csv/broken/whitespace.csv'],
  ])('%s is empty', (name, path) => {
    expect(fileError(name, fixture(path))).toEqual({
      severity: 'error', code: 'file.empty', file: name,
      message: `${name} is empty: export it again with a header row and one row per customer.`,
    });
  });

  it.each([['an empty string', ''], ['delimiters only', ';;;\r\n;;;\r\n']])('%s is empty too', (_, text) => {
    expect(fileError('pasted.csv', text)?.code).toBe('file.empty');
  });

  it('a PNG renamed to .csv is not a text file', () => {
    expect(fileError('customers.csv', fixture('csv/broken/logo.png'))).toEqual({
      severity: 'error', code: 'file.not-text', file: 'customers.csv', params: { looksLike: 'binary' },
      message: 'customers.csv is not a text (CSV) file: it holds binary data. Export your customers from your ' +
        'spreadsheet or CRM as CSV and choose that file.',
    });
  });

  it('an Excel workbook is not a text file, and the message says how to save it as CSV', () => {
    expect(fileError('customers.xlsx', fixture('csv/broken/customers.xlsx'))).toEqual({
      severity: 'error', code: 'file.not-text', file: 'customers.xlsx', params: { looksLike: 'excel-workbook' },
      message: 'customers.xlsx is not a text (CSV) file: it looks like an Excel workbook. In Excel, use File > Save As > ' +
        '"CSV UTF-8 (Comma delimited)" and choose the .csv file.',
    });
  });

  it('control characters without NUL bytes are not text either', () => {
    const junk = Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41 + (i % 26)));
    expect(fileError('junk.csv', junk)?.code).toBe('file.not-text');
    expect(fileError('junk.csv', 'id,name\n1,\u0000\u0000\n')?.code).toBe('file.not-text');
  });

  it('a UTF-16 ("Unicode Text") save is refused with the way out', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Array.from('id\tnps\r\n1\t9\r\n').flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(fileError('unicode.txt', utf16)).toEqual({
      severity: 'error', code: 'file.utf-16', file: 'unicode.txt',
      message: 'unicode.txt is saved as UTF-16 ("Unicode Text"), which Pulso cannot read: save it again as ' +
        '"CSV UTF-8 (Comma delimited)" and choose that file.',
    });
  });

  it('a header without rows is an error', () => {
    expect(fileError('header-only.csv', fixture('csv/broken/header-only.csv'))).toEqual({
      severity: 'error', code: 'file.no-rows', file: 'header-only.csv',
      message: 'header-only.csv has a header row but no customer rows: export it again with one row per customer below the header.',
    });
  });

  it('a header followed by blank lines only is an error too', () => {
    expect(fileError('blank-rows.csv', 'id;nps\r\n;\r\n\r\n;;\r\n')?.code).toBe('file.no-rows');
  });

  it('a quote that never closes stops the file, naming the row where it opens', () => {
    expect(fileError('unclosed-quote.csv', fixture('csv/broken/unclosed-quote.csv'))).toEqual({
      severity: 'error', code: 'file.unclosed-quote', file: 'unclosed-quote.csv', row: 3,
      message: 'unclosed-quote.csv, row 3: a quote (") opens a value that never closes, so the rest of the file cannot be read. ' +
        'Open the file in a text editor, close or remove that quote, and save it again.',
    });
  });
});

describe('ragged rows', () => {
  const read = () => readCsv({ name: 'ragged.csv', data: fixture('csv/broken/ragged.csv') });

  it('a short row is read with its last cells missing, with a warning', () => {
    const { table, issues } = read();
    expect(issues).toEqual([{
      severity: 'warning', code: 'row.too-few-fields', file: 'ragged.csv', row: 3, params: { cells: 3, headerCells: 4 },
      message: 'ragged.csv, row 3: this row has 3 cells but the header has 4: the cell in column D counts as missing.',
    }]);
    expect(table?.columns[3]).toEqual(['9', '', '7', '8', '6']);
  });

  it('says which columns a much shorter row misses', () => {
    const { issues } = readCsv({ name: 'short.csv', data: 'id,a,b,c\n1\n' });
    expect(issues[0]?.message).toBe('short.csv, row 2: this row has 1 cells but the header has 4: the cells in columns B to D count as missing.');
  });

  it('a long row with something in its extra cells is a bad row; empty extra cells are ignored', () => {
    const table = read().table as CsvTable;
    expect(table.badRows).toEqual([{ index: 2, row: 4, cellCount: 5 }]);
    expect(Array.from(table.rowNumbers)).toEqual([2, 3, 4, 5, 7]);
  });

  it('stops the import unless bad rows are skipped', () => {
    const table = read().table as CsvTable;
    const needs = new Map([['nps', 'number' as const]]);
    const strict = readPortfolio(table, { idColumn: 'id', needs });
    expect(strict.portfolio).toBeNull();
    expect(strict.issues.map(formatIssue)).toEqual([
      'error: ragged.csv, row 4: this row has 5 cells but the header has 4, so its values cannot be matched to columns. ' +
        'Often a value holds a comma (,) without quotes around it: fix the row, or skip bad rows to leave it out.',
    ]);
    const skipping = readPortfolio(table, { idColumn: 'id', needs, skipBadRows: true });
    expect(skipping.portfolio?.ids).toEqual(['c1', 'c2', 'c4', 'c5']);
    expect(skipping.issues.map(formatIssue)).toEqual([
      'warning: ragged.csv, row 4: this row has 5 cells but the header has 4, so its values cannot be matched to columns — the row was left out.',
    ]);
  });
});

describe('duplicate and empty ids', () => {
  const table = () => readCsv({ name: 'duplicate-ids.csv', data: fixture('csv/broken/duplicate-ids.csv') }).table as CsvTable;
  const needs = new Map([['nps', 'number' as const]]);

  it('drops an exact copy, refuses the same id with other values and an empty id', () => {
    const { portfolio, issues } = readPortfolio(table(), { idColumn: 'id', needs });
    expect(portfolio).toBeNull();
    expect(issues).toEqual([
      {
        severity: 'warning', code: 'row.duplicate', file: 'duplicate-ids.csv', row: 4, params: { firstRow: 2 },
        message: 'duplicate-ids.csv, row 4: this row is an exact copy of row 2 — the copy was left out.',
      },
      {
        severity: 'error', code: 'id.duplicate', file: 'duplicate-ids.csv', row: 5, column: 'id', columnLetter: 'A',
        value: 'c2', params: { firstRow: 3 },
        message: 'duplicate-ids.csv, row 5, column "id" (A): the id "c2" is also on row 3, with different values. ' +
          'Each customer must appear once: merge the two rows or correct one of the ids.',
      },
      {
        severity: 'error', code: 'id.empty', file: 'duplicate-ids.csv', row: 6, column: 'id', columnLetter: 'A',
        message: 'duplicate-ids.csv, row 6, column "id" (A): the customer id is empty, so the row cannot be used. ' +
          'Fill in the id, delete the row, or skip bad rows to leave it out.',
      },
    ]);
  });

  it('skipping bad rows leaves out the empty id, but a duplicate id still stops the import', () => {
    const { portfolio, issues } = readPortfolio(table(), { idColumn: 'id', needs, skipBadRows: true });
    expect(portfolio).toBeNull();
    expect(issues.map((issue) => [issue.severity, issue.code])).toEqual([
      ['warning', 'row.duplicate'], ['error', 'id.duplicate'], ['warning', 'id.empty'],
    ]);
    expect(issues[2]?.message).toBe('duplicate-ids.csv, row 6, column "id" (A): the customer id is empty — the row was left out.');
  });
});

describe('cells that cannot be read', () => {
  const text = [
    'id;Gastos;Ativo;Renovação;Plano',
    'c1;1.234,56;sim;31/01/2025;Pro',
    'c2;abc;talvez;31/02/2025;#N/D',
    'c3;#DIV/0!;não;2025-13-01;Básico',
  ].join('\r\n');

  it('count as missing, each with a warning naming file, row, column and value', () => {
    const table = readCsv({ name: 'pt-br.csv', data: text }).table as CsvTable;
    const needs = new Map([['Gastos', 'number'], ['Ativo', 'boolean'], ['Renovação', 'date'], ['plano', 'text']] as const);
    const { portfolio, issues } = readPortfolio(table, { idColumn: 'id', needs });
    expect(portfolio?.size).toBe(3);
    expect(issues.map(formatIssue)).toEqual([
      'warning: pt-br.csv, row 3, column "Gastos" (B): "abc" is not a number — the cell counts as missing.',
      'warning: pt-br.csv, row 4, column "Gastos" (B): "#DIV/0!" is an Excel error value — the cell counts as missing.',
      'warning: pt-br.csv, row 3, column "Ativo" (C): "talvez" is not a yes/no value — the cell counts as missing.',
      'warning: pt-br.csv, row 3, column "Renovação" (D): "31/02/2025" is not a date: February 2025 has no day 31 — the cell counts as missing.',
      'warning: pt-br.csv, row 4, column "Renovação" (D): "2025-13-01" is not a date: there is no month 13 (dates are read year-month-day) — the cell counts as missing.',
      'warning: pt-br.csv, row 3, column "Plano" (E): "#N/D" is an Excel error value — the cell counts as missing.',
    ]);
    expect(issues[0]).toEqual({
      severity: 'warning', code: 'cell.not-a-number', file: 'pt-br.csv', row: 3, column: 'Gastos', columnLetter: 'B',
      value: 'abc', params: { kind: 'number' },
      message: 'pt-br.csv, row 3, column "Gastos" (B): "abc" is not a number — the cell counts as missing.',
    });
    expect(issues.map((issue) => issue.code)).toEqual([
      'cell.not-a-number', 'cell.excel-error', 'cell.not-a-boolean', 'cell.not-a-date', 'cell.not-a-date', 'cell.excel-error',
    ]);
  });

  it('a number in the other locale\'s format says which decimal separator the file uses', () => {
    const table = readCsv({ name: 'mixed.csv', data: 'id;valor\nc1;1.234,56\nc2;12.5\n' }).table as CsvTable;
    const { issues } = readPortfolio(table, { idColumn: 'id', needs: new Map([['valor', 'number']]) });
    expect(issues.map((issue) => issue.message)).toEqual([
      'mixed.csv, row 3, column "valor" (B): "12.5" is not a number written with the decimal separator "," — the cell counts as missing.',
    ]);
  });

  it('a long value is cut in the message but kept whole in the issue', () => {
    const long = 'this value is far too long to be shown whole in a message';
    const table = readCsv({ name: 'x.csv', data: `id,n\n1,${long}\n` }).table as CsvTable;
    const { issues } = readPortfolio(table, { idColumn: 'id', needs: new Map([['n', 'number']]) });
    expect(issues[0]?.value).toBe(long);
    expect(issues[0]?.message).toBe('x.csv, row 2, column "n" (B): "this value is far too long to be shown…" is not a number — the cell counts as missing.');
  });
});
