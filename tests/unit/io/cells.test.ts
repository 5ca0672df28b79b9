import { describe, it, expect } from 'vitest';
import { parseBooleanCell, parseDateCell, parseNumberCell } from '../../../src/io';
import { epochDay } from '../../../src/engine/portfolio';

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
