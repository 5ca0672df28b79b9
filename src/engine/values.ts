/**
 * Reading customer values across column kinds, the way the scoring semantics say values are read:
 * numbers as numbers, labels trimmed and case-insensitive, yes/no in English, Portuguese and Spanish.
 */
import { BOOLEAN_MISSING, TEXT_MISSING, parseIsoDay, type Column, type EpochDay } from './portfolio';

const TRUE_TOKENS = new Set(['true', 'yes', 'sim', 'sí', 'si', 'verdadeiro', 'verdadero', '1']);
const FALSE_TOKENS = new Set(['false', 'no', 'não', 'nao', 'falso', '0']);

/** A label as matching sees it: trimmed, lower case. */
export function normalizeLabel(label: string): string {
  return label.trim().toLowerCase();
}

/** Reads a yes/no token (true/false, yes/no, sim/não, sí/no, verdadeiro/falso, 1/0; any case), else `undefined`. */
export function parseBooleanToken(text: string): boolean | undefined {
  const token = normalizeLabel(text);
  if (TRUE_TOKENS.has(token)) return true;
  if (FALSE_TOKENS.has(token)) return false;
  return undefined;
}

/** A plain dot-decimal number as written in a model file or a canonical column ("12", "-3.5"), else `undefined`. */
export function parsePlainNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** A customer's value in a column, as the explanation shows it; `null` if missing. */
export function cellValue(column: Column | undefined, row: number): number | boolean | string | null {
  if (!column) return null;
  switch (column.kind) {
    case 'number':
    case 'date': {
      const v = column.values[row] ?? Number.NaN;
      return Number.isNaN(v) ? null : v;
    }
    case 'boolean': {
      const v = column.values[row] ?? BOOLEAN_MISSING;
      return v === BOOLEAN_MISSING ? null : v === 1;
    }
    case 'text': {
      const code = column.codes[row] ?? TEXT_MISSING;
      return code === TEXT_MISSING ? null : (column.labels[code] ?? null);
    }
  }
}

/** The numeric reading of one row: numbers as they are, booleans as 1/0, plain-number labels; else `NaN`. */
export function numberAt(column: Column | undefined, row: number): number {
  if (!column) return Number.NaN;
  switch (column.kind) {
    case 'number':
      return column.values[row] ?? Number.NaN;
    case 'boolean': {
      const v = column.values[row] ?? BOOLEAN_MISSING;
      return v === BOOLEAN_MISSING ? Number.NaN : v;
    }
    case 'text': {
      const code = column.codes[row] ?? TEXT_MISSING;
      const label = code === TEXT_MISSING ? undefined : column.labels[code];
      return label === undefined ? Number.NaN : (parsePlainNumber(label) ?? Number.NaN);
    }
    case 'date':
      return Number.NaN;
  }
}

/** The date reading of one row, as an `EpochDay`: date columns, or ISO labels (`YYYY-MM-DD…`); else `NaN`. */
export function dayAt(column: Column | undefined, row: number): EpochDay {
  if (!column) return Number.NaN;
  if (column.kind === 'date') return column.values[row] ?? Number.NaN;
  if (column.kind === 'text') {
    const code = column.codes[row] ?? TEXT_MISSING;
    const label = code === TEXT_MISSING ? undefined : column.labels[code];
    return label === undefined ? Number.NaN : isoDay(label);
  }
  return Number.NaN;
}

/** The yes/no reading of one row: booleans, numbers 1/0, yes/no labels; else `undefined`. */
export function booleanAt(column: Column | undefined, row: number): boolean | undefined {
  if (!column) return undefined;
  switch (column.kind) {
    case 'boolean': {
      const v = column.values[row] ?? BOOLEAN_MISSING;
      return v === BOOLEAN_MISSING ? undefined : v === 1;
    }
    case 'number': {
      const v = column.values[row];
      return v === 1 ? true : v === 0 ? false : undefined;
    }
    case 'text': {
      const code = column.codes[row] ?? TEXT_MISSING;
      const label = code === TEXT_MISSING ? undefined : column.labels[code];
      return label === undefined ? undefined : parseBooleanToken(label);
    }
    case 'date':
      return undefined;
  }
}

/**
 * Finds which of `keys` a row's value matches, the way `map` rules and segments match:
 * labels trimmed and case-insensitive; on number columns, keys that are numbers compare as numbers;
 * on yes/no columns, keys read as yes/no tokens. Returns the key's index, or -1.
 */
export function matchKey(column: Column | undefined, row: number, keys: readonly string[]): number {
  if (!column) return -1;
  switch (column.kind) {
    case 'text': {
      const code = column.codes[row] ?? TEXT_MISSING;
      const label = code === TEXT_MISSING ? undefined : column.labels[code];
      if (label === undefined) return -1;
      const wanted = normalizeLabel(label);
      return keys.findIndex((k) => normalizeLabel(k) === wanted);
    }
    case 'number': {
      const v = column.values[row] ?? Number.NaN;
      if (Number.isNaN(v)) return -1;
      return keys.findIndex((k) => parsePlainNumber(k) === v);
    }
    case 'boolean': {
      const v = booleanAt(column, row);
      if (v === undefined) return -1;
      return keys.findIndex((k) => parseBooleanToken(k) === v);
    }
    case 'date': {
      const v = column.values[row] ?? Number.NaN;
      if (Number.isNaN(v)) return -1;
      return keys.findIndex((k) => isoDay(k) === v);
    }
  }
}

/** The `EpochDay` of an ISO date label (a time part after it is ignored), else `NaN`. */
export function isoDay(label: string): EpochDay {
  return parseIsoDay(label) ?? Number.NaN;
}
