import { describe, it, expect } from 'vitest';
import { detectColumnKind, findColumn, readCsv, toColumn } from '../../../src/io';
import type { CsvTable } from '../../../src/io';
import { epochDay } from '../../../src/engine/portfolio';
import { fixture, read, table, values } from './helpers';
import { FORMAT_SAMPLE_ROWS } from '../../../src/io/detect';

/** Every column of a table read as the kind it looks like: header -> [kind, values]. */
function readAll(t: CsvTable): Record<string, [string, ReturnType<typeof values>]> {
  return Object.fromEntries(t.header.map((name, i) => {
    const kind = detectColumnKind(t, i);
    return [name, [kind, values(toColumn(t, i, kind).column)]];
  }));
}

const PT_BR_HEADER = ['Código', 'Cliente', 'Plano', 'Gastos mensais', 'Saldo', 'Uso', 'NPS', 'Ativo', 'Renovação', 'Observações'];

/** What the pt-BR Excel export holds, cell by cell, read the way a Brazilian CSM means it. */
const PT_BR_VALUES = {
  'Código': ['text', ['C-001', 'C-002', 'C-003', 'C-004', 'C-005', 'C-006']],
  'Cliente': ['text', ['Padaria Pão Quente Ltda', 'Oficina São João', 'Clínica Vida & Saúde', 'Mercado Bom Preço',
    'Escola Aprender', 'Açougue Irmãos Araújo']],
  'Plano': ['text', ['Pro', 'Básico', 'Enterprise', 'Pro', 'Básico', 'Pro']],
  'Gastos mensais': ['number', [1234.56, 89.9, 12500, 1234.56, 0, 2345.67]],
  'Saldo': ['number', [1234.56, -1234, -3, 0.5, 1_000_000, 12.5]],
  'Uso': ['number', [45, 12.5, 100, NaN, 8, 60]],
  'NPS': ['number', [9, 7, 10, NaN, 6, 8]],
  'Ativo': ['boolean', [true, false, true, false, false, true]],
  'Renovação': ['date', [epochDay(2025, 3, 15), epochDay(2024, 12, 31), epochDay(2025, 7, 1), NaN,
    epochDay(2025, 2, 5), epochDay(2025, 2, 28)]],
  'Observações': ['text', ['Cliente desde 2019', 'Pediu desconto; aguardando retorno', null,
    'Estorno; ver chamado "4412"', 'Troca de responsável\r\nem janeiro', 'Renovação automática']],
};

describe('readCsv on an Excel export in Portuguese (Brazil)', () => {
  it('detects UTF-8 with BOM, CRLF, ";", decimal comma and day-first dates', () => {
    const { table: t, issues } = readCsv({ name: 'pt-br-excel.csv', data: fixture('csv/pt-br-excel.csv') });
    expect(issues).toEqual([]);
    expect(t?.format).toEqual({
      delimiter: ';', decimal: ',', thousands: '.', dateOrder: 'dmy', encoding: 'utf-8', bom: true, lineEnding: '\r\n',
      detected: { delimiter: true, decimal: true, dateOrder: true, encoding: true },
    });
    expect(t?.header).toEqual(PT_BR_HEADER);
    // Row 6 holds a value over two lines: it is still one spreadsheet row.
    expect(Array.from(t?.rowNumbers ?? [])).toEqual([2, 3, 4, 5, 6, 7]);
    expect(t?.badRows).toEqual([]);
  });

  it('reads every cell as written: R$, 1.234,56, (1.234,00), 45%, sim/não, dd/mm/yyyy, quoted ";"', () => {
    const t = readCsv({ name: 'pt-br-excel.csv', data: fixture('csv/pt-br-excel.csv') }).table as CsvTable;
    expect(readAll(t)).toEqual(PT_BR_VALUES);
  });

  it('warns about the Excel error value left by a failed lookup', () => {
    const t = readCsv({ name: 'pt-br-excel.csv', data: fixture('csv/pt-br-excel.csv') }).table as CsvTable;
    expect(read(t, 'NPS', 'number').messages).toEqual([
      'pt-br-excel.csv, row 5, column "NPS" (G): "#N/D" is an Excel error value — the cell counts as missing.',
    ]);
  });

  it('reads the same file saved as Windows-1252 (no BOM) to the same values', () => {
    const bytes = fixture('csv/pt-br-excel-windows-1252.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const { table: t, issues } = readCsv({ name: 'pt-br-excel-windows-1252.csv', data: bytes });
    expect(issues).toEqual([]);
    expect(t?.format).toMatchObject({ encoding: 'windows-1252', bom: false, delimiter: ';', decimal: ',', lineEnding: '\r\n' });
    expect(t?.header).toEqual(PT_BR_HEADER);
    expect(readAll(t as CsvTable)).toEqual(PT_BR_VALUES);
  });
});

describe('readCsv on an export in English (US)', () => {
  it('detects ",", decimal point and month-first dates, and reads every cell', () => {
    const { table: t, issues } = readCsv({ name: 'en-us.csv', data: fixture('csv/en-us.csv') });
    expect(issues).toEqual([]);
    expect(t?.format).toEqual({
      delimiter: ',', decimal: '.', thousands: ',', dateOrder: 'mdy', encoding: 'utf-8', bom: false, lineEnding: '\n',
      detected: { delimiter: true, decimal: true, dateOrder: true, encoding: true },
    });
    expect(readAll(t as CsvTable)).toEqual({
      'Account ID': ['text', ['A-100', 'A-101', 'A-102', 'A-103']],
      'Account Name': ['text', ['Acme, Inc.', 'Globex', 'Initech', 'Umbrella Corp']],
      'Plan': ['text', ['Growth', 'Starter', 'Enterprise', 'Growth']],
      'MRR': ['number', [1234.56, 89.9, 12500, 0]],
      'Balance': ['number', [1234.56, -250, -3, 1_000_000]],
      'Seats Used': ['number', [45, 12.5, 100, 8]],
      'NPS': ['number', [9, 7, 10, NaN]],
      'Active': ['boolean', [true, false, true, false]],
      'Renewal Date': ['date', [epochDay(2025, 3, 15), epochDay(2024, 12, 31), epochDay(2025, 7, 1), NaN]],
      'Notes': ['text', ['Champion left in Q4', 'Asked for a discount, waiting', null, 'Said "maybe" on the renewal call']],
    });
  });
});

describe('readCsv: overrides', () => {
  it('delimiter: reading a ";" file as "," gives one column and rows with too many cells', () => {
    const { table: t } = readCsv({ name: 'pt-br-excel.csv', data: fixture('csv/pt-br-excel.csv') }, { delimiter: ',' });
    expect(t?.format.delimiter).toBe(',');
    expect(t?.format.detected.delimiter).toBe(false);
    expect(t?.header).toEqual([PT_BR_HEADER.join(';')]);
    // Split on commas, the quote of row 6 is mid-cell and closes nothing: its second line is row 7.
    expect(t?.rowCount).toBe(7);
    expect(t?.badRows.map((bad) => bad.row)).toEqual([2, 3, 4, 5, 6, 8]);
  });

  it('decimal: "1.234" is 1234 with a decimal comma and 1.234 with a decimal point', () => {
    const text = 'id;valor\n1;1.234\n2;2.500\n';
    const detected = table(text);
    expect(detected.format).toMatchObject({ decimal: ',', thousands: '.', detected: { decimal: true } });
    expect(read(detected, 'valor', 'number').values).toEqual([1234, 2500]);
    const forced = table(text, { decimal: '.' });
    expect(forced.format).toMatchObject({ decimal: '.', thousands: ',', detected: { decimal: false } });
    expect(read(forced, 'valor', 'number').values).toEqual([1.234, 2.5]);
  });

  it('dateOrder: "01/02/2025" is 2 January month-first and 1 February day-first', () => {
    const text = 'id,renewal\n1,01/02/2025\n2,03/04/2025\n';
    const detected = table(text);
    expect(detected.format).toMatchObject({ dateOrder: 'mdy', detected: { dateOrder: true } });
    expect(read(detected, 'renewal', 'date').values).toEqual([epochDay(2025, 1, 2), epochDay(2025, 3, 4)]);
    const forced = table(text, { dateOrder: 'dmy' });
    expect(forced.format).toMatchObject({ dateOrder: 'dmy', detected: { dateOrder: false } });
    expect(read(forced, 'renewal', 'date').values).toEqual([epochDay(2025, 2, 1), epochDay(2025, 4, 3)]);
  });

  it('dateOrder: an override applies even to a column whose own dates say otherwise', () => {
    const text = 'id,renewal\n1,01/02/2025\n2,25/04/2025\n';
    expect(read(table(text), 'renewal', 'date').values).toEqual([epochDay(2025, 2, 1), epochDay(2025, 4, 25)]);
    const forced = read(table(text, { dateOrder: 'mdy' }), 'renewal', 'date');
    expect(forced.values).toEqual([epochDay(2025, 1, 2), NaN]);
    expect(forced.messages).toEqual([
      'customers.csv, row 3, column "renewal" (B): "25/04/2025" is not a date: there is no month 25 (dates are read month first) — the cell counts as missing.',
    ]);
  });

  it('encoding: Windows-1252 bytes forced to UTF-8 read with replacement characters', () => {
    const { table: t } = readCsv({ name: 'x.csv', data: fixture('csv/pt-br-excel-windows-1252.csv') }, { encoding: 'utf-8' });
    expect(t?.format.encoding).toBe('utf-8');
    expect(t?.format.detected.encoding).toBe(false);
    expect(t?.header[0]).toBe('C\uFFFDdigo');
  });
});

describe('readCsv: detection', () => {
  it.each([
    ['id\tname\tnps\n1\tAna\t9\n2\tBia\t8\n', '\t'],
    ['id|name|nps\n1|Ana|9\n2|Bia|8\n', '|'],
    ['id;name;nps\n1;Ana;9,5\n2;Bia;8\n', ';'],
    ['id,name,nps\n1,"Ana; Bia",9\n2,Bia,8\n', ','],
    // A comma in the header, but only ";" splits every row the same way.
    ['id;Valor, R$;nps\n1;1.234,56;9\n2;89,90;8\n', ';'],
    ['id\n1\n2\n', ','],
  ])('delimiter of %j is %j', (text, delimiter) => {
    expect(table(text).format.delimiter).toBe(delimiter);
  });

  it.each([
    ['id,mrr\n1,1200\n2,300\n', '.'],
    ['id;mrr\n1;1200\n2;300\n', ','],
    ['id;mrr\n1;1.234\n2;2.500\n', ','],
    ['id;mrr\n1;12.5\n2;2.5\n', '.'],
    ['id,mrr\n1,"12,5"\n2,"2,5"\n', ','],
    ['id,mrr\n1,"1.234.567"\n2,"2,5"\n', ','],
    ['id,mrr\n1,"1,234.50"\n2,"2,5"\n3,"3,25"\n', ','],
    ['id,mrr\n1,"1,234.50"\n2,"2.5"\n3,"3,25"\n', '.'],
    ['id,version\n1,1.2.3\n2,10.20.30\n', '.'],
  ])('decimal separator of %j is %j', (text, decimal) => {
    expect(table(text).format.decimal).toBe(decimal);
  });

  it.each([
    ['a,b\r\n1,2\r\n', '\r\n'],
    ['a,b\n1,2\n', '\n'],
    ['a,b\r1,2\r', '\r'],
    ['a,b\n1,2', '\n'],
  ])('line ending of %j', (text, lineEnding) => {
    expect(table(text).format.lineEnding).toBe(lineEnding);
  });

  it('takes the order of day and month from the column, else from the file, else from the locale', () => {
    const t = table('id,start,renewal\n1,25/01/2024,01/02/2025\n2,03/04/2024,05/06/2025\n');
    expect(t.format.dateOrder).toBe('dmy');
    expect(read(t, 'renewal', 'date').values).toEqual([epochDay(2025, 2, 1), epochDay(2025, 6, 5)]);
    const mixed = table('id,start,renewal\n1,01/25/2024,25/01/2024\n2,01/26/2024,01/02/2025\n');
    expect(read(mixed, 'start', 'date').values).toEqual([epochDay(2024, 1, 25), epochDay(2024, 1, 26)]);
    expect(read(mixed, 'renewal', 'date').values).toEqual([epochDay(2024, 1, 25), epochDay(2025, 2, 1)]);
  });

  it('follows Excel\'s "sep=" line and numbers rows as Excel shows them, without it', () => {
    const t = table('sep=;\r\nid;nps;note\r\n1;9;a,b\r\n');
    expect(t.format.delimiter).toBe(';');
    expect(t.header).toEqual(['id', 'nps', 'note']);
    expect(Array.from(t.rowNumbers)).toEqual([2]);
  });

  it('accepts a string that still has its BOM', () => {
    const t = table('\uFEFFid,nps\n1,9\n');
    expect(t.header).toEqual(['id', 'nps']);
    expect(t.format.bom).toBe(true);
  });
});

describe('readCsv: rows and header', () => {
  it('numbers rows as a spreadsheet shows them: blank lines count, a multi-line value is one row', () => {
    const t = table('id,notes\n1,"two\nlines"\n\n2,x\n,\n3,y\n');
    expect(Array.from(t.rowNumbers)).toEqual([2, 4, 6]);
    expect(t.rowCount).toBe(3);
    expect(t.columns[1]).toEqual(['two\nlines', 'x', 'y']);
  });

  it('keeps cells as written, spaces included', () => {
    expect(table('id,name\n 1 , Ana \n').columns).toEqual([[' 1 '], [' Ana ']]);
  });

  it('renames repeated and empty header names, with warnings', () => {
    const { table: t, issues } = readCsv({ name: 'crm.csv', data: 'id,NPS,,nps,NPS\n1,9,x,8,7\n' });
    expect(t?.header).toEqual(['id', 'NPS', 'column C', 'nps (2)', 'NPS (3)']);
    expect(issues.map((issue) => issue.message)).toEqual([
      'crm.csv, column "column C" (C): the header cell is empty, so the column is called "column C". Give it a name in row 1 if you need it.',
      'crm.csv, column "nps (2)" (D): the name "nps" is already used by column B, so this column is called "nps (2)". Rename one of them in row 1 to choose which one is read.',
      'crm.csv, column "NPS (3)" (E): the name "NPS" is already used by column B, so this column is called "NPS (3)". Rename one of them in row 1 to choose which one is read.',
    ]);
    expect(issues.map((issue) => [issue.severity, issue.code, issue.columnLetter])).toEqual([
      ['warning', 'header.empty-name', 'C'], ['warning', 'header.duplicate-name', 'D'], ['warning', 'header.duplicate-name', 'E'],
    ]);
  });

  it('names columns past Z by two letters', () => {
    const header = Array.from({ length: 28 }, (_, i) => (i === 27 ? '' : `c${i}`));
    const { issues } = readCsv({ name: 'wide.csv', data: `${header.join(',')}\n${header.map(() => '1').join(',')}\n` });
    expect(issues[0]?.columnLetter).toBe('AB');
    expect(issues[0]?.column).toBe('column AB');
  });
});

describe('findColumn', () => {
  const t = table('Call  Failure,Subscription Length, NPS ,nps score\n1,2,3,4\n');

  it.each([
    ['Call  Failure', 0],
    ['Call Failure', 0],
    ['call failure', 0],
    ['  CALL\tFAILURE ', 0],
    ['subscription length', 1],
    [' NPS ', 2],
    ['NPS', 2],
    ['nps score', 3],
    ['nps  score', 3],
    ['churn', -1],
    ['CallFailure', -1],
  ])('%j is column %d', (name, index) => {
    expect(findColumn(t, name)).toBe(index);
  });

  it('finds a repeated name by the name it was given', () => {
    const repeated = table('id,NPS,nps\n1,2,3\n');
    expect(findColumn(repeated, 'NPS')).toBe(1);
    expect(findColumn(repeated, 'nps (2)')).toBe(2);
  });
});

describe('format detection on a large file (an even sample of FORMAT_SAMPLE_ROWS rows votes)', () => {
  const lines = (rows: number, cell: (r: number) => string) => ['id,when,amount', ...Array.from({ length: rows }, (_, r) => `c${r},${cell(r)}`)].join('\n');

  it('decides from the sample as every cell would: decimal commas in most of 60,000 rows', () => {
    // Every row: an ambiguous date and a number with a decimal comma (quoted: the delimiter is ',').
    const text = lines(60_000, (r) => `01/02/2024,"${r % 97},5"`);
    expect(FORMAT_SAMPLE_ROWS).toBeLessThan(60_000);
    expect(readCsv({ name: 'big.csv', data: text }).table?.format.decimal).toBe(',');
  });

  it('still finds the one cell that tells the date order when the sample has none', () => {
    // 01/02/2024 reads either way; the last row's 13/01/2024 is day first, and it is not sampled.
    const text = lines(30_000, (r) => `${r === 29_999 ? '13/01/2024' : '01/02/2024'},7`);
    const { table } = readCsv({ name: 'big.csv', data: text });
    expect(table?.format.dateOrder).toBe('dmy');
    const plain = readCsv({ name: 'big.csv', data: lines(30_000, () => '01/02/2024,7') }).table;
    expect(plain?.format.dateOrder).toBe('mdy');
  });
});
