/** Properties of `buildImport` on generated files: the same rows as `readPortfolio`, and a long file is its days imported one by one. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { buildImport, readCsv, readPortfolio } from '../../../src/io';
import type { CsvIssue, CsvTable, ImportTablePlan } from '../../../src/io';

const DATES = ['2024-01-31', '2024-02-29', '2024-03-31'];

/** Rows with messy ids (empty, blank, spaces, case), numbers or junk, and now and then a cell too many. */
const rowArb = fc.record({
  id: fc.constantFrom('', ' ', 'a', 'b', 'c', ' a', 'A'),
  value: fc.constantFrom('1', '2', '30', 'x', ''),
  date: fc.constantFrom(...DATES, '', 'soon'),
  extra: fc.boolean(),
});
type GeneratedRow = { id: string; value: string; date: string; extra: boolean };

function csv(rows: readonly GeneratedRow[]): string {
  return ['id,value,date', ...rows.map((r) => `${r.id},${r.value},${r.date}${r.extra ? ',z' : ''}`)].join('\n');
}

function read(text: string): CsvTable | null {
  return readCsv({ name: 'gen.csv', data: text }).table;
}

const metricPlan = (skipBadRows: boolean, asOf: ImportTablePlan['asOf']): ImportTablePlan => ({
  fields: { id: 0 }, metrics: { value: 1 }, metricColumns: { value: { source: 'value', kind: 'number' } },
  asOf, skipBadRows, keepOtherColumns: false,
});

/** The issues about rows (not cells, not the summary line): what row selection reports. */
const rowIssues = (issues: readonly CsvIssue[]) => issues.filter((i) => !i.code.startsWith('cell.') && i.code !== 'file.no-usable-rows');

describe('buildImport with one day for the file', () => {
  it('keeps, refuses and reports rows exactly as readPortfolio does', () => {
    fc.assert(fc.property(fc.array(rowArb, { minLength: 1, maxLength: 12 }), fc.boolean(), (rows, skipBadRows) => {
      const t = read(csv(rows));
      fc.pre(t !== null);
      const expected = readPortfolio(t!, { idColumn: 'id', needs: new Map([['value', 'number']]), skipBadRows });
      const built = buildImport(t!, metricPlan(skipBadRows, { day: 0 }));
      if (expected.portfolio !== null) {
        expect(built.verdict).toBe('ok');
        expect(built.days.map((d) => d.portfolio)).toEqual([expected.portfolio]);
        expect(built.issues).toEqual(expected.issues);
      } else {
        expect(built.verdict).not.toBe('ok');
        expect(rowIssues(built.issues)).toEqual(rowIssues(expected.issues));
      }
    }));
  });
});

describe('buildImport with the as-of date in a column', () => {
  it('gives each day what importing that day\'s rows alone gives', () => {
    fc.assert(fc.property(fc.array(rowArb, { minLength: 1, maxLength: 16 }), (rows) => {
      const t = read(csv(rows));
      fc.pre(t !== null);
      const long = buildImport(t!, metricPlan(true, { column: 2 }));
      fc.pre(long.verdict !== 'blocked');
      const alone = DATES.flatMap((date) => {
        const sub = read(csv(rows.filter((r) => r.date === date)));
        const built = sub === null ? null : buildImport(sub, metricPlan(true, { day: Date.parse(date) / 86_400_000 }));
        return built !== null && built.verdict === 'ok' ? built.days : [];
      });
      expect(long.days).toEqual(alone);
    }));
  });
});
