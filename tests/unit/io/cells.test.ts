import { describe, it, expect } from 'vitest';
import { parseBooleanCell, parseDateCell, parseNumberCell } from '../../../src/io';
import { epochDay } from '../../../src/engine/portfolio';
import fc from 'fast-check';
import { isExcelError, isPlainText, isSilentMissing, plainDate, plainNumber } from '../../../src/io/cells';

const PT = { decimal: ',', thousands: '.' } as const;
const EN = { decimal: '.', thousands: ',' } as const;
const SILENT_MISSING = ['', '   ', 'NA', 'N/A', 'n/a', 'null', 'NULL', '-', ' - '];

describe('parseNumberCell', () => {
  it.each([
    ['1.234,56', 1234.56],
    ['12,5', 12.5],
    ['-3', -3],
    ['+7', 7],
    ['0,5', 0.5],
    [',5', 0.5],
    ['1.234', 1234],
    ['1.000.000', 1_000_000],
    ['1.000.000,25', 1_000_000.25],
    ['(1.234,00)', -1234],
    ['R$ 1.234,56', 1234.56],
    ['R$1.234,56', 1234.56],
    ['-R$ 1.234,56', -1234.56],
    ['R$ -1.234,56', -1234.56],
    ['(R$ 89,90)', -89.9],
    ['1.234,56 €', 1234.56],
    ['45%', 45],
    ['12,5 %', 12.5],
    ['1\u00A0234,5', 1234.5],
    ['1\u202F234,5', 1234.5],
    ['1 234 567,5', 1_234_567.5],
    ['2,5E-3', 0.0025],
    ['1e3', 1000],
    ['  42  ', 42],
    ['007', 7],
  ])('pt-BR format: %j reads %d', (text, expected) => {
    expect(parseNumberCell(text, PT)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1,234.56', 1234.56],
    ['$1,234.56', 1234.56],
    ['US$ 1,234.56', 1234.56],
    ['-$5.00', -5],
    ['1,234', 1234],
    ['1.234', 1.234],
    ['46.035', 46.035],
    ['(250.00)', -250],
    ['-0.5', -0.5],
    ['1,000,000', 1_000_000],
    ['1 234.5', 1234.5],
    ['12.5%', 12.5],
    ['1e3', 1000],
    ['1.5E+10', 1.5e10],
    ['\u22125', -5],
  ])('en-US format: %j reads %d', (text, expected) => {
    expect(parseNumberCell(text, EN)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['12.5', PT, 'is not a number written with the decimal separator ","'],
    ['1,234.56', PT, 'is not a number written with the decimal separator ","'],
    ['1.23.4', PT, 'is not a number written with the decimal separator ","'],
    ['5,', PT, 'is not a number written with the decimal separator ","'],
    ['12,5', EN, 'is not a number written with the decimal separator "."'],
    ['1,23', EN, 'is not a number written with the decimal separator "."'],
    ['1.234 567', EN, 'is not a number written with the decimal separator "."'],
    ['(-5)', EN, 'is not a number written with the decimal separator "."'],
    ['abc', EN, 'is not a number'],
    ['12 apples', EN, 'is not a number'],
    ['Infinity', EN, 'is not a number'],
    ['0x1F', EN, 'is not a number'],
    ['1e999', EN, 'is too large to be a number'],
    ['#DIV/0!', EN, 'is an Excel error value'],
    ['#N/D', PT, 'is an Excel error value'],
  ])('%j (%o) is not a number: %s', (text, format, reason) => {
    expect(parseNumberCell(text, format)).toEqual({ ok: false, missing: false, reason });
  });

  it('takes only spaces as digit groups when the file has no thousands separator', () => {
    const format = { decimal: '.', thousands: null } as const;
    expect(parseNumberCell('1 234.5', format)).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumberCell('1,234', format).ok).toBe(false);
  });

  it.each(SILENT_MISSING)('%j is missing, silently', (text) => {
    expect(parseNumberCell(text, PT)).toEqual({ ok: false, missing: true });
  });
});

describe('parseBooleanCell', () => {
  it.each([
    'true', 'TRUE', 'True', 'yes', 'Yes', 'YES', ' yes ', 'sim', 'Sim', 'SIM', 'sí', 'Sí', 'SÍ', 'si', 'SI',
    'verdadeiro', 'VERDADEIRO', 'verdadero', 'Verdadero', '1',
  ])('%j is true', (text) => {
    expect(parseBooleanCell(text)).toEqual({ ok: true, value: true });
  });

  it.each([
    'false', 'FALSE', 'no', 'No', 'NO', 'não', 'Não', 'NÃO', 'nao', 'Nao', 'Na\u0303o', 'falso', 'FALSO', 'Falso', '0',
  ])('%j is false', (text) => {
    expect(parseBooleanCell(text)).toEqual({ ok: true, value: false });
  });

  it.each(SILENT_MISSING)('%j is missing, silently', (text) => {
    expect(parseBooleanCell(text)).toEqual({ ok: false, missing: true });
  });

  it.each(['maybe', 'y', 'n', '2', 'talvez', 'No internet service', 'yes please'])('%j is not a yes/no value', (text) => {
    expect(parseBooleanCell(text)).toEqual({ ok: false, missing: false, reason: 'is not a yes/no value' });
  });

  it('reports an Excel error value', () => {
    expect(parseBooleanCell('#N/A')).toEqual({ ok: false, missing: false, reason: 'is an Excel error value' });
  });
});

describe('parseDateCell', () => {
  it.each([
    ['2024-03-15', 'dmy', epochDay(2024, 3, 15)],
    ['2024-03-15', 'mdy', epochDay(2024, 3, 15)],
    ['2024-03-15T10:30:00Z', 'mdy', epochDay(2024, 3, 15)],
    ['2024-03-15T23:30:00-03:00', 'mdy', epochDay(2024, 3, 15)],
    ['2024-03-15 10:30', 'dmy', epochDay(2024, 3, 15)],
    ['15/03/2024', 'dmy', epochDay(2024, 3, 15)],
    ['15-03-2024', 'dmy', epochDay(2024, 3, 15)],
    ['15.03.2024', 'dmy', epochDay(2024, 3, 15)],
    ['5/3/2024', 'dmy', epochDay(2024, 3, 5)],
    ['15/03/2024 14:30', 'dmy', epochDay(2024, 3, 15)],
    ['03/15/2024', 'mdy', epochDay(2024, 3, 15)],
    ['3/5/2024', 'mdy', epochDay(2024, 3, 5)],
    ['3/15/2024 2:30 PM', 'mdy', epochDay(2024, 3, 15)],
    ['29/02/2024', 'dmy', epochDay(2024, 2, 29)],
    ['01/01/1970', 'dmy', 0],
    [' 31/12/2024 ', 'dmy', epochDay(2024, 12, 31)],
  ] as const)('%j read %s is the right day', (text, order, expected) => {
    expect(parseDateCell(text, order)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['31/02/2024', 'dmy', 'is not a date: February 2024 has no day 31'],
    ['29/02/2023', 'dmy', 'is not a date: February 2023 has no day 29'],
    ['02/31/2024', 'mdy', 'is not a date: February 2024 has no day 31'],
    ['2024-02-30', 'dmy', 'is not a date: February 2024 has no day 30'],
    ['2024-13-01', 'dmy', 'is not a date: there is no month 13 (dates are read year-month-day)'],
    ['13/13/2024', 'dmy', 'is not a date: there is no month 13 (dates are read day first)'],
    ['15/03/2024', 'mdy', 'is not a date: there is no month 15 (dates are read month first)'],
    ['00/03/2024', 'dmy', 'is not a date: March 2024 has no day 0'],
    ['15/03/24', 'dmy', 'is not a date: write the year with 4 digits'],
    ['15/03-2024', 'dmy', 'is not a date'],
    ['2024/03/15', 'dmy', 'is not a date'],
    ['tomorrow', 'dmy', 'is not a date'],
    ['45000', 'dmy', 'is not a date'],
    ['#VALOR!', 'dmy', 'is an Excel error value'],
  ] as const)('%j read %s is not a date', (text, order, reason) => {
    expect(parseDateCell(text, order)).toEqual({ ok: false, missing: false, reason });
  });

  it.each(SILENT_MISSING)('%j is missing, silently', (text) => {
    expect(parseDateCell(text, 'dmy')).toEqual({ ok: false, missing: true });
  });
});

describe('the fast paths the column readers try first', () => {
  const dateLike = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 39 }), fc.constantFrom('/', '-', '.', ' '), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 12_000 }))
      .map(([a, sep, b, y]) => `${a}${sep}${String(b).padStart(2, '0')}${sep}${y}`),
    fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    fc.string({ maxLength: 12 }),
  );

  it('plainDate gives a day only where parseDateCell gives the same one', () => {
    fc.assert(fc.property(dateLike, fc.constantFrom('dmy' as const, 'mdy' as const), (text, order) => {
      const fast = plainDate(text, order);
      const full = parseDateCell(text, order);
      if (fast !== undefined) expect(full).toEqual({ ok: true, value: fast });
    }), { numRuns: 3000 });
    expect(plainDate('29/02/2024', 'dmy')).toBe(epochDay(2024, 2, 29));
    expect(plainDate('02/29/2024', 'mdy')).toBe(epochDay(2024, 2, 29));
    expect(plainDate('29/02/2023', 'dmy')).toBeUndefined();
    expect(plainDate('2024-02-30', 'dmy')).toBeUndefined();
    expect(plainDate('1/2/24', 'dmy')).toBeUndefined();
  });

  it('plainNumber gives a value only where parseNumberCell gives the same one', () => {
    const numberLike = fc.oneof(fc.double({ noNaN: true }).map(String), fc.stringMatching(/^-?[\d.,]{1,12}$/), fc.string({ maxLength: 10 }));
    fc.assert(fc.property(numberLike, fc.constantFrom({ decimal: ',', thousands: '.' } as const, { decimal: '.', thousands: ',' } as const), (text, format) => {
      const fast = plainNumber(text, format);
      if (fast !== undefined) expect(parseNumberCell(text, format)).toEqual({ ok: true, value: fast });
    }), { numRuns: 3000 });
  });

  it('isPlainText holds only for cells kept as they are: not missing, not an Excel error, nothing to trim', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('NULL ', ' Acme', 'Acme\u3000', '#N/A!!', 'N/A', 'Acme Ltda')), (text) => {
      if (isPlainText(text)) expect([isSilentMissing(text), isExcelError(text), text.trim()]).toEqual([false, false, text]);
    }), { numRuns: 3000 });
  });
});
