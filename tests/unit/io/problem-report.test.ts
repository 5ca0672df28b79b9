import { describe, it, expect } from 'vitest';
import { groupProblems, problemsCsv, readCsv, readPortfolio } from '../../../src/io';
import type { CsvIssue, ProblemsCsvHeader } from '../../../src/io';
import type { ColumnKind } from '../../../src/engine/portfolio';

/**
 * A broken CRM export, read as the app reads it (bad rows skipped): a short row, an empty id
 * twice, a row with too many cells, an exact copy of a row, 27 NPS cells that are not numbers
 * (20 reported one by one, 7 summed up), one unreadable yes/no and a column the model needs
 * that is not in the file.
 */
function brokenImport(): CsvIssue[] {
  const lines = [
    'id,Plan,NPS,Active', // row 1
    'c1,Pro,9,yes', // 2
    'c2,Pro,abc,maybe', // 3
    'c3,Basic,n/d,yes', // 4
    ',Pro,7,yes', // 5: empty id
    'c4,Pro,1,2,3,yes', // 6: too many cells
    'c1,Pro,9,yes', // 7: copy of row 2
    'c5,Pro', // 8: too few cells
  ];
  for (let i = 9; i <= 33; i++) lines.push(`c${i},Pro,${i === 9 ? '—' : 'abc'},yes`);
  lines.push(',Basic,5,no'); // 34: empty id
  const read = readCsv({ name: 'crm.csv', data: lines.join('\n') });
  if (read.table === null) throw new Error(JSON.stringify(read.issues));
  const needs = new Map<string, ColumnKind>([['NPS', 'number'], ['Active', 'boolean'], ['Churn', 'number']]);
  const { issues } = readPortfolio(read.table, { idColumn: 'id', needs, skipBadRows: true });
  return [...read.issues, ...issues];
}

const issue = (fields: Partial<CsvIssue> & Pick<CsvIssue, 'code'>): CsvIssue => ({
  severity: 'warning', file: 'crm.csv', message: `${fields.code} message`, ...fields,
});

describe('groupProblems', () => {
  it('groups a real import: file-level, then per column and code, then rows by code', () => {
    const issues = brokenImport();
    // The reader capped the NPS warnings: 20 one by one and a summary of the other 7.
    expect(issues.filter((i) => i.code === 'cell.not-a-number')).toHaveLength(20);
    expect(issues.find((i) => i.code === 'cell.more-unreadable')?.params).toEqual({ count: 7, kind: 'number' });

    const groups = groupProblems(issues);
    expect(groups.map((g) => [g.code, g.column, g.count])).toEqual([
      ['column.missing', 'Churn', 1],
      ['cell.not-a-number', 'NPS', 27],
      ['cell.not-a-boolean', 'Active', 1],
      ['id.empty', 'id', 2],
      ['row.too-few-fields', undefined, 1],
      ['row.too-many-fields', undefined, 1],
      ['row.duplicate', undefined, 1],
    ]);

    const [missing, nps, active, emptyIds] = groups;
    expect(missing).toEqual({
      severity: 'warning', code: 'column.missing', file: 'crm.csv', column: 'Churn', count: 1, rows: [], examples: [],
      message: 'crm.csv: column "Churn" is not in the file: every customer counts as missing for it.',
    });
    expect(nps).toMatchObject({ severity: 'warning', file: 'crm.csv', columnLetter: 'C' });
    // Rows: the 20 reported cells only (the summary does not say where the other 7 are).
    expect(nps?.rows).toEqual([3, 4, ...Array.from({ length: 18 }, (_, i) => 9 + i)]);
    // Different values first, then listed by row.
    expect(nps?.examples).toEqual([{ row: 3, value: 'abc' }, { row: 4, value: 'n/d' }, { row: 9, value: '—' }]);
    expect(nps?.message).toBe('crm.csv, row 3, column "NPS" (C): "abc" is not a number — the cell counts as missing.');
    expect(active).toMatchObject({ columnLetter: 'D', rows: [3], examples: [{ row: 3, value: 'maybe' }] });
    expect(emptyIds).toMatchObject({ severity: 'warning', columnLetter: 'A', rows: [5, 34], examples: [{ row: 5 }, { row: 34 }] });
    expect(groups.slice(4).map((g) => g.rows)).toEqual([[8], [6], [7]]);
  });

  it('takes the number of examples from the options, filling up with repeated values', () => {
    const issues = [5, 2, 9, 7].map((row) => issue({ code: 'cell.not-a-date', row, column: 'Since', columnLetter: 'B', value: row === 9 ? '31/02' : 'soon' }));
    expect(groupProblems(issues)[0]?.examples).toEqual([
      { row: 2, value: 'soon' }, { row: 5, value: 'soon' }, { row: 9, value: '31/02' },
    ]);
    expect(groupProblems(issues, { examples: 1 })[0]?.examples).toEqual([{ row: 2, value: 'soon' }]);
    expect(groupProblems(issues, { examples: 0 })[0]?.examples).toEqual([]);
    expect(groupProblems(issues)[0]?.rows).toEqual([2, 5, 7, 9]);
    expect(() => groupProblems(issues, { examples: -1 })).toThrow(RangeError);
  });

  it('adds a capped summary to its column\'s group for its kind, and never to another column', () => {
    const cells = (code: string, column: string, letter: string, rows: number[]) =>
      rows.map((row) => issue({ code, row, column, columnLetter: letter, value: 'x' }));
    const summary = (column: string, letter: string, kind: string, count: number) =>
      issue({ code: 'cell.more-unreadable', column, columnLetter: letter, params: { count, kind } });
    const groups = groupProblems([
      ...cells('cell.excel-error', 'MRR', 'B', [2, 3]),
      ...cells('cell.not-a-number', 'MRR', 'B', [4]),
      summary('MRR', 'B', 'number', 1_184),
      ...cells('cell.excel-error', 'Plan', 'C', [2, 3, 4]),
      summary('Plan', 'C', 'text', 10),
      // Only Excel errors reported in a number column: the summary goes to the column's largest group.
      ...cells('cell.excel-error', 'Seats', 'D', [5]),
      summary('Seats', 'D', 'number', 4),
      // A summary with nothing before it (not what the reader emits) still counts.
      summary('Logins', 'E', 'number', 50),
    ]);
    expect(groups.map((g) => [g.column, g.code, g.count, g.rows])).toEqual([
      ['MRR', 'cell.not-a-number', 1_185, [4]],
      ['Logins', 'cell.not-a-number', 50, []],
      ['Plan', 'cell.excel-error', 13, [2, 3, 4]],
      ['Seats', 'cell.excel-error', 5, [5]],
      ['MRR', 'cell.excel-error', 2, [2, 3]],
    ]);
  });

  it('puts what blocks the import first (errors, wherever they are), then file, column and row groups by count and column order', () => {
    const groups = groupProblems([
      issue({ code: 'row.too-few-fields', row: 4 }),
      issue({ code: 'cell.not-a-number', row: 3, column: 'Z', columnLetter: 'AA' }),
      issue({ code: 'cell.not-a-number', row: 3, column: 'B', columnLetter: 'B' }),
      issue({ code: 'cell.not-a-number', row: 3, column: 'C', columnLetter: 'C' }),
      issue({ code: 'cell.not-a-number', row: 4, column: 'C', columnLetter: 'C' }),
      issue({ code: 'header.empty-name', column: 'column E', columnLetter: 'E' }),
      issue({ code: 'id.duplicate', severity: 'error', row: 9, column: 'id', columnLetter: 'A', value: 'c1' }),
      issue({ code: 'row.too-few-fields', row: 2 }),
      issue({ code: 'header.duplicate-name', column: 'NPS (2)', columnLetter: 'D' }),
      issue({ code: 'id.column-missing', severity: 'error', column: 'id' }),
    ]);
    expect(groups.map((g) => [g.code, g.columnLetter ?? g.column ?? '', g.count])).toEqual([
      ['id.column-missing', 'id', 1],
      ['id.duplicate', 'A', 1],
      ['header.duplicate-name', 'D', 1],
      ['header.empty-name', 'E', 1],
      ['cell.not-a-number', 'C', 2],
      ['cell.not-a-number', 'B', 1],
      ['cell.not-a-number', 'AA', 1],
      ['row.too-few-fields', '', 2],
    ]);
    expect(groups.at(-1)?.rows).toEqual([2, 4]);
    expect(groups.at(-1)?.message).toBe('row.too-few-fields message');
  });

  it('keeps the files of a multi-file import apart', () => {
    const groups = groupProblems([
      issue({ code: 'id.empty', row: 2, column: 'id', columnLetter: 'A' }),
      issue({ code: 'id.empty', file: 'usage.csv', row: 3, column: 'id', columnLetter: 'A' }),
    ]);
    expect(groups.map((g) => [g.file, g.rows])).toEqual([['crm.csv', [2]], ['usage.csv', [3]]]);
  });

  it('gives nothing for no issues', () => {
    expect(groupProblems([])).toEqual([]);
  });
});

describe('problemsCsv', () => {
  const header: ProblemsCsvHeader = { file: 'Arquivo', severity: 'Gravidade', row: 'Linha', column: 'Coluna', value: 'Valor', problem: 'Problema' };
  const issues: CsvIssue[] = [
    issue({ code: 'column.missing', column: 'Churn', message: 'crm.csv: column "Churn" is not in the file.' }),
    issue({ code: 'cell.not-a-number', row: 12, column: 'NPS', columnLetter: 'C', value: '7,5; ok', message: 'NPS: not a number' }),
    issue({ code: 'row.too-many-fields', severity: 'error', row: 40, message: 'row 40: too many cells' }),
    issue({ code: 'cell.not-a-number', row: 41, column: '@Score', columnLetter: 'D', value: '=HYPERLINK("http://x","y")', message: '-1 is odd' }),
  ];

  it('writes the standard dialect: comma, LF, no BOM', () => {
    expect(problemsCsv(issues, { dialect: 'standard', header })).toBe([
      'Arquivo,Gravidade,Linha,Coluna,Valor,Problema',
      'crm.csv,warning,,Churn,,"crm.csv: column ""Churn"" is not in the file."',
      'crm.csv,warning,12,NPS (C),"7,5; ok",NPS: not a number',
      'crm.csv,error,40,,,row 40: too many cells',
      'crm.csv,warning,41,\'@Score (D),"\'=HYPERLINK(""http://x"",""y"")",\'-1 is odd',
      '',
    ].join('\n'));
  });

  it('writes the locale dialect: semicolons where the locale writes decimal commas, BOM, CRLF, translated severities', () => {
    const severities = { error: 'Erro', warning: 'Aviso' };
    expect(problemsCsv(issues.slice(1, 3), { dialect: 'locale', locale: 'pt-BR', header, severities })).toBe(`\uFEFF${[
      'Arquivo;Gravidade;Linha;Coluna;Valor;Problema',
      'crm.csv;Aviso;12;NPS (C);"7,5; ok";NPS: not a number',
      'crm.csv;Erro;40;;;row 40: too many cells',
      '',
    ].join('\r\n')}`);
    expect(problemsCsv(issues.slice(2, 3), { dialect: 'locale', locale: 'en-US', header })).toBe(`\uFEFF${[
      'Arquivo,Gravidade,Linha,Coluna,Valor,Problema',
      'crm.csv,error,40,,,row 40: too many cells',
      '',
    ].join('\r\n')}`);
  });

  it('neutralises hostile values from a real file, and titles', () => {
    const read = readCsv({ name: '=evil.csv', data: 'id,NPS\nc1,"=HYPERLINK(""http://evil"",""click"")"\nc2,+cmd' });
    if (read.table === null) throw new Error('no table');
    const { issues: found } = readPortfolio(read.table, { idColumn: 'id', needs: new Map([['NPS', 'number']]) });
    const csv = problemsCsv(found, { dialect: 'standard', header: { ...header, file: '=Arquivo' } });
    const lines = csv.split('\n');
    expect(lines[0]).toBe("'=Arquivo,Gravidade,Linha,Coluna,Valor,Problema");
    expect(lines[1]).toMatch(/^'=evil\.csv,warning,2,NPS \(B\),"'=HYPERLINK\(""http:\/\/evil"",""click""\)","'=evil\.csv, row 2/);
    expect(lines[2]).toMatch(/^'=evil\.csv,warning,3,NPS \(B\),'\+cmd,"'=evil\.csv, row 3/);
    // No cell of the file starts a formula.
    const cells = lines.flatMap((line) => line.split(',')).map((cell) => cell.replace(/^"/, ''));
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
  });

  it('defaults the file title to English', () => {
    const withoutFile: ProblemsCsvHeader = { severity: 'Gravidade', row: 'Linha', column: 'Coluna', value: 'Valor', problem: 'Problema' };
    expect(problemsCsv([], { dialect: 'standard', header: withoutFile })).toBe('File,Gravidade,Linha,Coluna,Valor,Problema\n');
  });
});
