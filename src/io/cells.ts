/**
 * Reading one cell as a number, a yes/no value or a date (readings C3, C6, C7, C8).
 *
 * Every parser takes the cell as written (it trims itself) and answers with a `CellResult`: a
 * value, a silent missing value, or a reason phrase that follows the quoted cell in a message
 * (`"abc" is not a number`).
 */
import { epochDay } from '../engine/portfolio';
import type { EpochDay } from '../engine/portfolio';
import type { CellResult, CsvFormat } from './csv-types';

const MISSING = { ok: false, missing: true } as const;

function unreadable(reason: string): { ok: false; missing: false; reason: string } {
  return { ok: false, missing: false, reason };
}

/** Cells that mean "no value" and count as missing without a warning (C3). */
const SILENT_MISSING = new Set(['', 'NA', 'N/A', 'n/a', 'null', 'NULL', '-']);

/** Longest silent missing token ("NULL"): longer cells need no trimming to be told apart. */
const SILENT_MISSING_MAX = 4;

function isSpace(code: number): boolean {
  return code <= 0x20 || code === 0xa0 || code === 0x2007 || code === 0x202f || code === 0xfeff;
}

/** Whether a cell is empty or one of the silent missing tokens (C3). */
export function isSilentMissing(text: string): boolean {
  // Most cells are values: spare them a trimmed copy (this runs on every cell of a file).
  const padded = isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1));
  if (text.length > SILENT_MISSING_MAX && !padded) return false;
  return SILENT_MISSING.has(text.trim());
}

/**
 * Whether a cell is a value with nothing to take off or look at: longer than every silent missing
 * token, a visible ASCII character at each end (nothing `trim()` would take off), no `#` (an
 * Excel error). Most text cells are: the column
 * readers keep them as they are.
 */
export function isPlainText(text: string): boolean {
  return text.length > SILENT_MISSING_MAX && isVisibleAscii(text.charCodeAt(0)) && isVisibleAscii(text.charCodeAt(text.length - 1)) && !text.includes('#');
}

/** A printable ASCII character other than space: never taken off by `trim()`. */
function isVisibleAscii(code: number): boolean {
  return code > 0x20 && code < 0x7f;
}

/**
 * Excel's error values as it writes them into a CSV, in English, Portuguese and Spanish
 * (a failed VLOOKUP exports as `#N/A` or `#N/D`): missing, but worth a warning (C3).
 */
const EXCEL_ERRORS = new Set([
  '#N/A', '#N/D', '#DIV/0!', '#¡DIV/0!', '#VALUE!', '#VALOR!', '#¡VALOR!', '#REF!', '#¡REF!',
  '#NAME?', '#NOME?', '#¿NOMBRE?', '#NUM!', '#NÚM!', '#¡NUM!', '#NULL!', '#NULO!', '#SPILL!',
]);

/** Whether a cell holds one of Excel's error values (`#N/A`, `#DIV/0!`, …). */
export function isExcelError(text: string): boolean {
  return text.includes('#') && EXCEL_ERRORS.has(text.trim().toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** Always accepted between digit groups, whatever the file's thousands separator (C6). */
const SPACE_GROUPS = [' ', '\u00A0', '\u202F', '\u2009'];
const CURRENCIES = ['US$', 'R$', '$', '€'];
const SIGNS = new Map([['+', false], ['-', true], ['\u2212', true]]);

interface NumberParts {
  readonly negative: boolean;
  /** Digits and separators only (nothing checked yet). */
  readonly body: string;
}

function stripCurrency(text: string): string {
  const upper = text.toUpperCase();
  for (const symbol of CURRENCIES) {
    if (upper.startsWith(symbol)) return text.slice(symbol.length).trim();
    if (upper.endsWith(symbol)) return text.slice(0, -symbol.length).trim();
  }
  return text;
}

/**
 * Takes off what may surround a number: accounting parentheses, one sign, a currency before or
 * after, a trailing `%` (45% reads 45). `null` when the decoration makes no sense (`(-5)`).
 */
function numberParts(text: string): NumberParts | null {
  let s = text.trim();
  const parenthesised = s.startsWith('(') && s.endsWith(')');
  if (parenthesised) s = s.slice(1, -1).trim();
  if (s.endsWith('%')) s = s.slice(0, -1).trim();
  s = stripCurrency(s);
  const sign = SIGNS.get(s.charAt(0));
  if (sign !== undefined) {
    if (parenthesised) return null;
    s = stripCurrency(s.slice(1).trim());
  }
  return { negative: parenthesised || sign === true, body: s };
}

function escapeForRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

const DIGIT = /\d/;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Most digits the fast path reads: below 2^53, so the digits make an exact integer. */
const FAST_DIGITS_MAX = 15;
const POWERS_OF_TEN = Array.from({ length: FAST_DIGITS_MAX + 1 }, (_, k) => 10 ** k);

/**
 * The common cells, read in one pass without a regex or a copy (this runs on every cell of a
 * numeric column): an optional "-", digits (plain, or in groups of three split by the file's
 * thousands separator), an optional decimal part, at most 15 digits in all. The digits then
 * make an exact integer and 10^k an exact power, so one division gives the correctly rounded
 * value, the same double `Number` reads from the text. `undefined` for anything else (spaces,
 * currency, %, exponent, a sign other than "-", more digits, a malformed group): the full
 * reading in `parseNumberCell` decides those.
 */
function fastNumber(text: string, decimal: string, thousands: string | null): number | undefined {
  const end = text.length;
  const negative = text.charCodeAt(0) === 0x2d;
  const point = decimal.charCodeAt(0);
  const group = thousands !== null && thousands.length === 1 && thousands !== decimal ? thousands.charCodeAt(0) : -1;
  let i = negative ? 1 : 0;
  let mantissa = 0, digits = 0, run = 0, grouped = false;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      mantissa = mantissa * 10 + (code - 0x30);
      digits++;
      run++;
    } else if (code === group) {
      // The first group has one to three digits, every later one exactly three.
      if (grouped ? run !== 3 : run < 1 || run > 3) return undefined;
      grouped = true;
      run = 0;
    } else break;
  }
  if (digits === 0 || (grouped && run !== 3)) return undefined;
  let scale = 0;
  if (i < end) {
    if (text.charCodeAt(i) !== point) return undefined;
    for (i++; i < end; i++) {
      const code = text.charCodeAt(i);
      if (!isDigit(code)) return undefined;
      mantissa = mantissa * 10 + (code - 0x30);
      scale++;
    }
    if (scale === 0) return undefined;
  }
  if (digits + scale > FAST_DIGITS_MAX) return undefined;
  const value = scale === 0 ? mantissa : mantissa / (POWERS_OF_TEN[scale] ?? 1);
  return negative ? -value : value;
}

const numberPatterns = new Map<string, RegExp>();

/**
 * Digits, optionally in groups of three, then an optional decimal part and exponent. The plain
 * run of digits is tried first, so with decimal '.' "1.234" reads 1.234 and with decimal ','
 * it reads 1234. Groups use one separator throughout ("1.234 567" is not a number).
 */
function numberPattern(decimal: string, thousands: string | null): RegExp {
  const key = `${decimal}${thousands ?? ''}`;
  let pattern = numberPatterns.get(key);
  if (pattern === undefined) {
    const groups = [...SPACE_GROUPS, ...(thousands !== null && thousands !== decimal ? [thousands] : [])];
    const groupClass = groups.map(escapeForRegExp).join('');
    pattern = new RegExp(
      `^(?:(\\d+)|(\\d{1,3}([${groupClass}])\\d{3}(?:\\3\\d{3})*))?` +
        `(?:${escapeForRegExp(decimal)}(\\d+))?(?:[eE]([+-]?\\d+))?$`,
    );
    numberPatterns.set(key, pattern);
  }
  return pattern;
}

/**
 * The value of a cell that is a plain number as the file writes them (digits, digit groups, one
 * decimal separator, a sign), or `undefined` for anything else — then `parseNumberCell` says what
 * it is. Equal to `parseNumberCell(text, format).value` wherever it gives a value, with no object
 * made: the column readers call it first on every cell.
 */
export function plainNumber(text: string, format: Pick<CsvFormat, 'decimal' | 'thousands'>): number | undefined {
  return fastNumber(text, format.decimal, format.thousands);
}

/**
 * Reads a number as the file writes them (C6): `1.234,56` or `1,234.56` per `format`, digit
 * groups also by space or NBSP, a currency (R$, US$, $, €), a trailing `%` (45% reads 45, not
 * 0.45), a sign, accounting parentheses for negatives, an exponent (`1e3`, `2,5E-3`).
 */
export function parseNumberCell(text: string, format: Pick<CsvFormat, 'decimal' | 'thousands'>): CellResult<number> {
  const fast = fastNumber(text, format.decimal, format.thousands);
  if (fast !== undefined) return { ok: true, value: fast };
  if (isSilentMissing(text)) return MISSING;
  if (isExcelError(text)) return unreadable('is an Excel error value');
  if (!DIGIT.test(text)) return unreadable('is not a number');
  const parts = numberParts(text);
  const match = parts === null ? null : numberPattern(format.decimal, format.thousands).exec(parts.body);
  if (parts === null || match === null) return unreadable(notANumberReason(text, format.decimal));
  const [, plain, grouped, separator, fraction, exponent] = match;
  const integer = plain ?? grouped?.split(separator ?? '').join('') ?? '';
  if (integer === '' && fraction === undefined) return unreadable('is not a number');
  const value = Number(`${integer || '0'}.${fraction ?? '0'}e${exponent ?? '0'}`);
  if (!Number.isFinite(value)) return unreadable('is too large to be a number');
  return { ok: true, value: parts.negative ? -value : value };
}

/** Says what is wrong with a cell that has digits; a number in the other locale's format gets a hint about the separator. */
function notANumberReason(text: string, decimal: string): string {
  const looksNumeric = /^[\d.,\s\u00A0\u202F+\-()%]+$/.test(text.trim());
  return looksNumeric ? `is not a number written with the decimal separator "${decimal}"` : 'is not a number';
}

/**
 * What one cell says about the file's decimal separator (C6), or `null` when it says nothing
 * (no separator, or "1.234" / "1,234" which read either way).
 */
export function decimalEvidence(text: string): '.' | ',' | null {
  // Almost every numeric cell is bare ("-12.5", "1.234,56"): nothing to take off, no regex.
  const bare = bareNumberBody(text);
  if (bare !== null) return bare.includes('.') || bare.includes(',') ? separatorEvidence(bare) : null;
  if (!text.includes('.') && !text.includes(',')) return null;
  const parts = numberParts(text);
  if (parts === null) return null;
  const body = parts.body.replace(/[ \u00A0\u202F\u2009]/g, '');
  if (!/^[\d.,]*\d$/.test(body)) return null;
  return separatorEvidence(body);
}

/**
 * The cell without its "-" when it is only digits, '.' and ',' after an optional "-", and ends
 * with a digit; else `null`. Such a cell is what `numberParts` would leave of it, unchanged.
 */
function bareNumberBody(text: string): string | null {
  const start = text.charCodeAt(0) === 0x2d ? 1 : 0;
  const end = text.length;
  if (end <= start || !isDigit(text.charCodeAt(end - 1))) return null;
  for (let i = start; i < end - 1; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code) && code !== 0x2e && code !== 0x2c) return null;
  }
  return start === 0 ? text : text.slice(1);
}

/** What a body of digits and separators (ending with a digit) says about the decimal separator. */
function separatorEvidence(body: string): '.' | ',' | null {
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const [decimal, group] = lastDot > lastComma ? (['.', ','] as const) : ([',', '.'] as const);
    return numberPattern(decimal, group).test(body) ? decimal : null;
  }
  const separator = lastDot >= 0 ? '.' : ',';
  const other = separator === '.' ? ',' : '.';
  const first = body.indexOf(separator);
  if (first !== body.lastIndexOf(separator)) {
    return numberPattern(other, separator).test(body) ? other : null;
  }
  return couldBeDigitGroup(body, first) ? null : separator;
}

/**
 * Whether the only separator in `body` (at `at`) could be a thousands separator: exactly three
 * digits follow, and one to three digits without a leading zero come before.
 */
function couldBeDigitGroup(body: string, at: number): boolean {
  return body.length - at - 1 === 3 && at >= 1 && at <= 3 && body.charAt(0) !== '0';
}

// ---------------------------------------------------------------------------------------------
// Yes/no values

const TRUE_TOKENS = new Set(['true', 'yes', 'sim', 'sí', 'si', 'verdadeiro', 'verdadero', '1']);
const FALSE_TOKENS = new Set(['false', 'no', 'não', 'nao', 'falso', '0']);

const ASCII = /^[\x20-\x7e]*$/;

/** Longest yes/no token ("verdadeiro"), with room for a combining accent. */
const TOKEN_MAX = 11;

/**
 * The cell as a yes/no token is looked up, or `null` if it is too long to be one. Compares the
 * same whether a file wrote "Não" precomposed or with a combining tilde (macOS).
 */
function token(text: string): string | null {
  const t = text.trim();
  if (t.length > TOKEN_MAX) return null;
  // Normalizing is costly and only matters for accented letters.
  return ASCII.test(t) ? t.toLowerCase() : t.normalize('NFC').toLowerCase();
}

/**
 * Reads a yes/no value (C8): true/false, yes/no, sim/não (nao), sí/si/no, verdadeiro/falso,
 * verdadero/falso, 1/0, in any case, trimmed.
 */
export function parseBooleanCell(text: string): CellResult<boolean> {
  if (isSilentMissing(text)) return MISSING;
  if (isExcelError(text)) return unreadable('is an Excel error value');
  const t = token(text);
  if (t !== null && TRUE_TOKENS.has(t)) return { ok: true, value: true };
  if (t !== null && FALSE_TOKENS.has(t)) return { ok: true, value: false };
  return unreadable('is not a yes/no value');
}

/** Whether a cell is one of the yes/no tokens other than 1/0 (which read as numbers too). */
export function isWordBoolean(text: string): boolean {
  const t = token(text);
  return t !== null && t !== '1' && t !== '0' && (TRUE_TOKENS.has(t) || FALSE_TOKENS.has(t));
}

// ---------------------------------------------------------------------------------------------
// Dates

/** A time after the date, kept out of the value: R4 reads the date part as written. */
const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s?(?:[AaPp][Mm])?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const ISO_DATE = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${TIME}$`);
/** Day, month and year in either order; the year is checked apart to say "4 digits". */
const PARTS_DATE = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d+)${TIME}$`);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function calendarDay(year: number, month: number, day: number, order: string): CellResult<EpochDay> {
  if (month < 1 || month > 12) return unreadable(`is not a date: there is no month ${month} (dates are read ${order})`);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return unreadable(`is not a date: ${MONTHS[month - 1]} ${year} has no day ${day}`);
  return { ok: true, value: epochDay(year, month, day) };
}

/**
 * Reads a date (C7) as an `EpochDay`: ISO `yyyy-mm-dd`, or day, month and 4-digit year
 * separated by `/`, `-` or `.` in `dateOrder`; a time after the date is ignored.
 */
export function parseDateCell(text: string, dateOrder: 'dmy' | 'mdy'): CellResult<EpochDay> {
  if (isSilentMissing(text)) return MISSING;
  if (isExcelError(text)) return unreadable('is an Excel error value');
  const s = text.trim();
  const iso = ISO_DATE.exec(s);
  if (iso !== null) return calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]), 'year-month-day');
  const parts = PARTS_DATE.exec(s);
  if (parts === null) return unreadable('is not a date');
  const [first, second, year] = [Number(parts[1]), Number(parts[3]), parts[4] ?? ''];
  if (year.length !== 4) return unreadable('is not a date: write the year with 4 digits');
  return dateOrder === 'dmy'
    ? calendarDay(Number(year), second, first, 'day first')
    : calendarDay(Number(year), first, second, 'month first');
}

/**
 * The day of a cell that is a bare date — `yyyy-mm-dd`, or one or two digits, a separator, one
 * or two digits, the same separator and a 4-digit year, in `dateOrder` — that exists on the
 * calendar, or `undefined` for anything else (spaces, a time, another form, an impossible day):
 * then `parseDateCell` reads it and says what is wrong. Equal to `parseDateCell(text,
 * dateOrder).value` wherever it gives a value, with no regex and no object made.
 */
export function plainDate(text: string, dateOrder: 'dmy' | 'mdy'): EpochDay | undefined {
  let year: number, month: number, day: number;
  if (text.length === 10 && text.charCodeAt(4) === 0x2d && text.charCodeAt(7) === 0x2d) {
    const y = digitsAt(text, 0, 4), m = digitsAt(text, 5, 2), d = digitsAt(text, 8, 2);
    if (y < 0 || m < 0 || d < 0) return undefined;
    [year, month, day] = [y, m, d];
  } else {
    const parts = bareDateParts(text);
    if (parts === null) return undefined;
    const yearStart = text.length - 4;
    if (yearStart < 1 || !isDateSeparator(text.charCodeAt(yearStart - 1))) return undefined;
    const y = digitsAt(text, yearStart, 4);
    if (y < 0) return undefined;
    const [first, second] = [parts >> 8, parts & 0xff];
    [year, month, day] = dateOrder === 'dmy' ? [y, second, first] : [y, first, second];
  }
  if (month < 1 || month > 12 || day < 1 || (day > 28 && day > daysInMonth(year, month))) return undefined;
  return epochDay(year, month, day);
}

/** The number written by `length` digits from `at`, or -1 if any is not a digit. */
function digitsAt(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - 0x30);
  }
  return value;
}

function isDateSeparator(code: number): boolean {
  return code === 0x2f || code === 0x2e || code === 0x2d;
}

/** A cheap first look (this runs on every cell of a file): "d/m/" or "dd/mm/", after any spaces. */
function mightBePartsDate(text: string): boolean {
  let start = 0;
  while (text.charCodeAt(start) === 0x20) start++;
  const first = isDateSeparator(text.charCodeAt(start + 1)) ? start + 1 : start + 2;
  const separator = text.charCodeAt(first);
  return isDateSeparator(separator) &&
    (text.charCodeAt(first + 2) === separator || text.charCodeAt(first + 3) === separator);
}

/** What one cell says about the order of day and month, or `null` when it reads either way. */
export function dateOrderEvidence(text: string): 'dmy' | 'mdy' | null {
  if (!mightBePartsDate(text)) return null;
  const bare = bareDateParts(text);
  if (bare !== null) return orderEvidence(bare >> 8, bare & 0xff);
  // Spaces around it, a time after it: the full pattern.
  const parts = PARTS_DATE.exec(text.trim());
  if (parts === null) return null;
  return orderEvidence(Number(parts[1]), Number(parts[3]));
}

function orderEvidence(first: number, second: number): 'dmy' | 'mdy' | null {
  if (first > 12 && second <= 12) return 'dmy';
  if (second > 12 && first <= 12) return 'mdy';
  return null;
}

/** One or two digits from `at` as a number, with where they end packed in: `value | end << 8`; -1 if none. */
function smallNumberAt(text: string, at: number): number {
  if (!isDigit(text.charCodeAt(at))) return -1;
  if (!isDigit(text.charCodeAt(at + 1))) return (text.charCodeAt(at) - 0x30) | ((at + 1) << 8);
  return ((text.charCodeAt(at) - 0x30) * 10 + text.charCodeAt(at + 1) - 0x30) | ((at + 2) << 8);
}

/**
 * The first two parts of a bare "dd/mm/yyyy" (one or two digits, a separator, one or two
 * digits, the same separator, digits to the end), packed as `first << 8 | second`, without a
 * regex or a copy (this runs on every date cell of a file). `null` for anything else, which
 * `PARTS_DATE` reads as written; a bare date is what that pattern matches with these parts.
 */
function bareDateParts(text: string): number | null {
  const first = smallNumberAt(text, 0);
  if (first < 0) return null;
  const separator = text.charCodeAt(first >> 8);
  if (!isDateSeparator(separator)) return null;
  const second = smallNumberAt(text, (first >> 8) + 1);
  if (second < 0 || text.charCodeAt(second >> 8) !== separator) return null;
  const yearStart = (second >> 8) + 1;
  if (yearStart >= text.length) return null;
  for (let i = yearStart; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return null;
  return ((first & 0xff) << 8) | (second & 0xff);
}
