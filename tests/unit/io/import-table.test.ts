import { describe, it, expect } from 'vitest';
import { buildImport, formatIssue, readCsv, suggestMapping } from '../../../src/io';
import type { CsvTable, ImportTablePlan, ImportTableResult } from '../../../src/io';
import { columnNeeds, epochDay, metricSource, scorePortfolio } from '../../../src/engine';
import type { Column, Portfolio } from '../../../src/engine';
import { STARTER_MODELS } from '../../../src/engine/starter-models';
import { fixture, table, values } from './helpers';

const JUNE = epochDay(2024, 6, 30);

function plan(partial: Partial<ImportTablePlan> & Pick<ImportTablePlan, 'fields'>): ImportTablePlan {
  return { metrics: {}, metricColumns: {}, asOf: { day: JUNE }, skipBadRows: false, ...partial };
}

/** Each column of a portfolio as [kind, plain values]. */
function contents(portfolio: Portfolio | undefined): Record<string, [Column['kind'], ReturnType<typeof values>]> {
  return Object.fromEntries([...(portfolio?.columns ?? [])].map(([name, column]) => [name, [column.kind, values(column)]]));
}

function onlyDay(result: ImportTableResult): Portfolio {
  expect(result.days).toHaveLength(1);
  return result.days[0]!.portfolio;
}

describe('buildImport: fields and metrics by header index', () => {
  const crm = table([
    'Código;Cliente;Plano;Etapa;Responsável;Mensalidade;Renovação;NPS;Notas',
    'C1;Acme;Pro;adoption;Ana;1.234,56;15/03/2025;9;ok',
    'C2;Beta;Básico;onboarding;Bruno;abc;31/12/2024;;x',
  ].join('\r\n'), undefined, 'crm.csv');
  const fields = { id: 0, name: 1, segment: 2, stage: 3, owner: 4, mrr: 5, renewalDate: 6 };

  it('stores customer fields under the names the app reads, with their kinds, and metrics under their source', () => {
    const result = buildImport(crm, plan({
      fields, metrics: { nps_score: 7 }, metricColumns: { nps_score: { source: 'nps', kind: 'number' } }, keepOtherColumns: false,
    }));
    expect(result).toMatchObject({ rows: 2, usable: 2, bad: 0, verdict: 'ok' });
    expect(result.days[0]).toMatchObject({ day: JUNE, skipped: 0 });
    const portfolio = onlyDay(result);
    expect(portfolio.ids).toEqual(['C1', 'C2']);
    expect(contents(portfolio)).toEqual({
      name: ['text', ['Acme', 'Beta']],
      segment: ['text', ['Pro', 'Básico']],
      stage: ['text', ['adoption', 'onboarding']],
      owner: ['text', ['Ana', 'Bruno']],
      mrr: ['number', [1234.56, NaN]],
      renewal_date: ['date', [epochDay(2025, 3, 15), epochDay(2024, 12, 31)]],
      nps: ['number', [9, NaN]],
    });
  });

  it('warns about cells that cannot be read as the field needs, naming file, row, column and value', () => {
    const { issues, verdict } = buildImport(crm, plan({ fields, keepOtherColumns: false }));
    expect(verdict).toBe('ok');
    expect(issues).toEqual([{
      severity: 'warning', code: 'cell.not-a-number', file: 'crm.csv', row: 3, column: 'Mensalidade', columnLetter: 'F',
      value: 'abc', params: { kind: 'number' },
      message: 'crm.csv, row 3, column "Mensalidade" (F): "abc" is not a number — the cell counts as missing.',
    }]);
  });

  it('gives metrics that share a source one column, and reads a header once for two names', () => {
    const t = table('id,logins,status\nc1,12,x\nc2,zero,y\n');
    const result = buildImport(t, plan({
      fields: { id: 0 },
      metrics: { logins_a: 1, logins_b: 1, usage: 1 },
      metricColumns: {
        logins_a: { source: 'logins', kind: 'number' },
        logins_b: { source: 'logins', kind: 'number' },
        usage: { source: 'usage', kind: 'number' },
      },
      keepOtherColumns: false,
    }));
    expect(contents(onlyDay(result))).toEqual({ logins: ['number', [12, NaN]], usage: ['number', [12, NaN]] });
    expect(result.issues.map((issue) => [issue.code, issue.row])).toEqual([['cell.not-a-number', 3]]);
  });

  it('refuses a header index the table does not have: a caller mistake, not the file', () => {
    expect(() => buildImport(crm, plan({ fields: { id: 0, name: 9 } }))).toThrow(RangeError);
    expect(() => buildImport(crm, plan({ fields: { id: 0 }, metrics: { nps: 7 } }))).toThrow(/metricColumns/);
  });
});

describe('buildImport: headers nothing is mapped to', () => {
  const t = table([
    'id;Plano;Usuários;Ativo;Desde;name;mês',
    'c1;Pro;1.200;sim;01/02/2023;Acme;31/01/2024',
    'c2;Básico;35;não;15/08/2022;Beta;31/01/2024',
  ].join('\n'));

  it('keeps them as their own columns under their header name, with the kind their cells look like', () => {
    const result = buildImport(t, plan({ fields: { id: 0, name: 1 }, asOf: { column: 6 } }));
    expect(contents(onlyDay(result))).toEqual({
      name: ['text', ['Pro', 'Básico']],
      Usuários: ['number', [1200, 35]],
      Ativo: ['boolean', [true, false]],
      Desde: ['date', [epochDay(2023, 2, 1), epochDay(2022, 8, 15)]],
    });
  });

  it('leaves them out when asked to', () => {
    const result = buildImport(t, plan({ fields: { id: 0 }, keepOtherColumns: false }));
    expect(onlyDay(result).columns.size).toBe(0);
  });

  it('keeps a header whose name is free, including the as-of column when the day is given', () => {
    const result = buildImport(t, plan({ fields: { id: 0 } }));
    expect([...onlyDay(result).columns.keys()]).toEqual(['Plano', 'Usuários', 'Ativo', 'Desde', 'name', 'mês']);
  });
});

describe('buildImport: a long file with the as-of date in a column', () => {
  const lines = [
    'id;mês;plano;nps',
    'a;31/03/2024;Pro;10',
    'a;31/01/2024;Pro;9',
    'b;31/01/2024;Básico;7',
    'a;29/02/2024;Básico;8',
    'c;29/02/2024;Pro;',
    'b;29/02/2024;Básico;6',
  ];
  const long = table(lines.join('\r\n'), undefined, 'monthly.csv');
  const longPlan = plan({
    fields: { id: 0, segment: 2 }, metrics: { nps: 3 }, metricColumns: { nps: { source: 'nps', kind: 'number' } }, asOf: { column: 1 },
  });

  it('gives one portfolio per date, ascending, each customer once per day, rows in file order', () => {
    const result = buildImport(long, longPlan);
    expect(result).toMatchObject({ rows: 6, usable: 6, bad: 0, verdict: 'ok', issues: [] });
    expect(result.days.map((d) => d.day)).toEqual([epochDay(2024, 1, 31), epochDay(2024, 2, 29), epochDay(2024, 3, 31)]);
    expect(result.days.map((d) => d.portfolio.ids)).toEqual([['a', 'b'], ['a', 'c', 'b'], ['a']]);
    expect(result.days.map((d) => contents(d.portfolio))).toEqual([
      { segment: ['text', ['Pro', 'Básico']], nps: ['number', [9, 7]] },
      { segment: ['text', ['Básico', 'Pro', 'Básico']], nps: ['number', [8, NaN, 6]] },
      { segment: ['text', ['Pro']], nps: ['number', [10]] },
    ]);
  });

  it('gives each day what importing that day alone would give', () => {
    const result = buildImport(long, longPlan);
    for (const { day, portfolio } of result.days) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');
      const alone = table([lines[0]!, ...lines.slice(1).filter((line) => line.includes(iso))].join('\r\n'));
      expect(portfolio).toEqual(onlyDay(buildImport(alone, { ...longPlan, asOf: { day }, keepOtherColumns: false })));
    }
  });

  const gaps = table([
    'id;data;nps',
    'a;31/01/2024;9',
    'b;;7',
    'c;31/02/2024;5',
    'd;ontem;4',
    ';31/01/2024;3',
    'a;29/02/2024;8',
  ].join('\n'), undefined, 'gaps.csv');
  const gapsPlan = plan({ fields: { id: 0 }, metrics: { nps: 2 }, metricColumns: { nps: { source: 'nps', kind: 'number' } }, asOf: { column: 1 } });

  it('asks before leaving out rows whose as-of date is empty or unreadable, saying where and what to do', () => {
    const result = buildImport(gaps, gapsPlan);
    expect(result).toMatchObject({ rows: 6, usable: 2, bad: 4, verdict: 'needs-choice' });
    expect(result.issues.map(formatIssue)).toEqual([
      'error: gaps.csv, row 3, column "data" (B): the as-of date is empty, so the row belongs to no day. ' +
        'Fill in the date, delete the row, or skip bad rows to leave it out.',
      'error: gaps.csv, row 4, column "data" (B): "31/02/2024" is not a date: February 2024 has no day 31, so the row belongs ' +
        'to no day. Correct the date (2024-03-31 always reads), delete the row, or skip bad rows to leave it out.',
      'error: gaps.csv, row 5, column "data" (B): "ontem" is not a date, so the row belongs to no day. ' +
        'Correct the date (2024-03-31 always reads), delete the row, or skip bad rows to leave it out.',
      'error: gaps.csv, row 6, column "id" (A): the customer id is empty, so the row cannot be used. ' +
        'Fill in the id, delete the row, or skip bad rows to leave it out.',
    ]);
    expect(result.issues.map((issue) => [issue.code, issue.value])).toEqual([
      ['asof.empty', undefined], ['asof.unreadable', '31/02/2024'], ['asof.unreadable', 'ontem'], ['id.empty', undefined],
    ]);
    // What skipping would give, for the wizard to show.
    expect(result.days.map((d) => [d.day, d.portfolio.ids, d.skipped])).toEqual([
      [epochDay(2024, 1, 31), ['a'], 1], [epochDay(2024, 2, 29), ['a'], 0],
    ]);
  });

  it('leaves them out with a warning when bad rows are skipped', () => {
    const result = buildImport(gaps, { ...gapsPlan, skipBadRows: true });
    expect(result).toMatchObject({ rows: 6, usable: 2, bad: 4, verdict: 'ok' });
    expect(result.issues.map((issue) => issue.severity)).toEqual(['warning', 'warning', 'warning', 'warning']);
    expect(result.issues[0]?.message).toBe('gaps.csv, row 3, column "data" (B): the as-of date is empty, so the row belongs to no day — the row was left out.');
    expect(result.issues[2]?.message).toBe('gaps.csv, row 5, column "data" (B): "ontem" is not a date, so the row belongs to no day — the row was left out.');
    expect(result.days.map((d) => contents(d.portfolio))).toEqual([{ nps: ['number', [9]] }, { nps: ['number', [8]] }]);
  });
});

describe('buildImport: the same id twice', () => {
  const idPlan = (asOf: ImportTablePlan['asOf'], skipBadRows = false) => plan({ fields: { id: 0 }, asOf, skipBadRows, keepOtherColumns: false });

  it('is fine on different days', () => {
    const t = table('id,day,nps\nc1,2024-01-31,9\nc1,2024-02-29,8\n');
    const result = buildImport(t, idPlan({ column: 1 }));
    expect(result.verdict).toBe('ok');
    expect(result.days.map((d) => d.portfolio.ids)).toEqual([['c1'], ['c1']]);
  });

  it('drops an exact copy on the same day with a warning; the copy is not a bad row', () => {
    const t = table('id,day,nps\nc1,2024-01-31,9\n c1 ,2024-01-31,9\nc2,2024-01-31,7\n');
    const result = buildImport(t, idPlan({ column: 1 }));
    expect(result).toMatchObject({ rows: 3, usable: 2, bad: 0, verdict: 'ok' });
    expect(result.issues.map(formatIssue)).toEqual(['warning: customers.csv, row 3: this row is an exact copy of row 2 — the copy was left out.']);
  });

  it('blocks the import on one day with different values, even when skipping bad rows: which row is right is the user\'s call', () => {
    const t = table('id,day,nps\nc1,2024-01-31,9\nc2,2024-01-31,7\nc1,2024-01-31,8\n,2024-01-31,1\n');
    for (const skipBadRows of [false, true]) {
      const result = buildImport(t, idPlan({ column: 1 }, skipBadRows));
      expect(result).toMatchObject({ days: [], rows: 4, usable: 2, bad: 2, verdict: 'blocked' });
      expect(result.issues.map((issue) => [issue.severity, issue.code])).toEqual([
        ['error', 'id.duplicate'], [skipBadRows ? 'warning' : 'error', 'id.empty'],
      ]);
    }
    expect(buildImport(t, idPlan({ day: JUNE })).verdict).toBe('blocked');
  });

  it('with one day for the whole file, is the same id twice whatever the dates in the file', () => {
    const t = table('id,day,nps\nc1,2024-01-31,9\nc1,2024-02-29,8\n');
    expect(buildImport(t, idPlan({ day: JUNE })).issues.map((issue) => issue.code)).toEqual(['id.duplicate']);
  });
});

describe('buildImport: blocked', () => {
  it('without an id column, saying to choose one', () => {
    const t = table('Cliente,NPS\nAcme,9\n', undefined, 'crm.csv');
    expect(buildImport(t, plan({ fields: { name: 0 } }))).toEqual({
      days: [], rows: 1, usable: 0, bad: 0, verdict: 'blocked',
      issues: [{
        severity: 'error', code: 'id.column-missing', file: 'crm.csv', params: { found: 'Cliente, NPS' },
        message: 'crm.csv: no column is chosen for the customer ids. Choose the column that holds your customer ids ' +
          '(the columns in row 1 are: "Cliente", "NPS").',
      }],
    });
  });

  it('when no usable row is left, whether bad rows are skipped or not', () => {
    const t = table('id,nps\n,9\n  ,8\n');
    for (const skipBadRows of [false, true]) {
      const result = buildImport(t, plan({ fields: { id: 0 }, skipBadRows }));
      expect(result).toMatchObject({ days: [], rows: 2, usable: 0, bad: 2, verdict: 'blocked' });
      expect(result.issues.map((issue) => issue.code)).toEqual(['id.empty', 'id.empty', 'file.no-usable-rows']);
    }
  });
});

describe('buildImport picks rows exactly as readPortfolio does', () => {
  it('on a file with too many cells in a row: asks, or skips with the same warning', () => {
    const t = readCsv({ name: 'ragged.csv', data: fixture('csv/broken/ragged.csv') }).table as CsvTable;
    const ragged = plan({ fields: { id: 0 }, metrics: { nps: 3 }, metricColumns: { nps: { source: 'nps', kind: 'number' } }, keepOtherColumns: false });
    const strict = buildImport(t, ragged);
    expect(strict.verdict).toBe('needs-choice');
    expect(strict.issues.map(formatIssue)).toEqual([
      'error: ragged.csv, row 4: this row has 5 cells but the header has 4, so its values cannot be matched to columns. ' +
        'Often a value holds a comma (,) without quotes around it: fix the row, or skip bad rows to leave it out.',
    ]);
    const skipping = buildImport(t, { ...ragged, skipBadRows: true });
    expect(skipping).toMatchObject({ rows: 5, usable: 4, bad: 1, verdict: 'ok' });
    expect(onlyDay(skipping).ids).toEqual(['c1', 'c2', 'c4', 'c5']);
    expect(skipping.days[0]?.skipped).toBe(1);
  });
});

describe('buildImport on Excel pt-BR exports, end to end through readCsv', () => {
  it('imports the B2B starter\'s columns with the suggested mapping and scores them', () => {
    const model = STARTER_MODELS.find((s) => s.id === 'b2b-saas')!.model;
    const metrics = model.categories.flatMap((c) => c.metrics);
    const needs = columnNeeds(model);
    const { table: t, issues } = readCsv({ name: 'b2b.csv', data: fixture('csv/b2b-saas-pt-br.csv') });
    expect(issues).toEqual([]);
    const mapping = suggestMapping(t!.header, { metrics: metrics.map((m) => ({ id: m.id, source: metricSource(m), ...(m.label ? { label: m.label } : {}) })) });
    const metricColumns = Object.fromEntries(metrics.map((m) => [m.id, { source: metricSource(m), kind: needs.get(metricSource(m))! }]));
    const result = buildImport(t!, { fields: mapping.fields, metrics: mapping.metrics, metricColumns, asOf: { day: JUNE }, skipBadRows: false });
    expect(result).toMatchObject({ rows: 6, usable: 6, bad: 0, verdict: 'ok', issues: [] });
    const portfolio = onlyDay(result);
    const of = (name: string) => values(portfolio.columns.get(name)!);
    expect(of('name').slice(0, 2)).toEqual(['Acme Ltda', 'Beta; Comércio']);
    expect(of('mrr')).toEqual([12500, 1200, 800, NaN, 3400.5, 12500]);
    expect(of('renewal_date')[0]).toBe(epochDay(2025, 1, 15));
    expect(of('csat').slice(0, 3)).toEqual([4.5, 2.1, NaN]);
    expect(of('onboarding_done').slice(0, 3)).toEqual([true, false, false]);
    expect(of('last_login')[0]).toBe(epochDay(2024, 6, 28));
    const scores = scorePortfolio(model, portfolio, { asOf: JUNE });
    expect(Number.isNaN(scores.score[0]!)).toBe(false);
  });

  it('reads the UTF-8 and the Windows-1252 save of one sheet alike, keeping the unmapped columns', () => {
    const build = (path: string) => {
      const { table: t } = readCsv({ name: 'clientes.csv', data: fixture(path) });
      return buildImport(t!, plan({
        fields: { id: 0, name: 1, segment: 2, mrr: 3, renewalDate: 8 },
        metrics: { nps: 6 }, metricColumns: { nps: { source: 'nps', kind: 'number' } },
      }));
    };
    const utf8 = build('csv/pt-br-excel.csv');
    expect(build('csv/pt-br-excel-windows-1252.csv')).toEqual(utf8);
    expect(utf8.verdict).toBe('ok');
    expect(utf8.issues.map((issue) => [issue.code, issue.row, issue.column, issue.value])).toEqual([['cell.excel-error', 5, 'NPS', '#N/D']]);
    const portfolio = onlyDay(utf8);
    expect(portfolio.ids).toEqual(['C-001', 'C-002', 'C-003', 'C-004', 'C-005', 'C-006']);
    const kinds = Object.fromEntries([...portfolio.columns].map(([name, column]) => [name, column.kind]));
    expect(kinds).toEqual({
      name: 'text', segment: 'text', mrr: 'number', renewal_date: 'date', nps: 'number',
      Saldo: 'number', Uso: 'number', Ativo: 'boolean', Observações: 'text',
    });
    expect(values(portfolio.columns.get('mrr')!)).toEqual([1234.56, 89.9, 12500, 1234.56, 0, 2345.67]);
    expect(values(portfolio.columns.get('Saldo')!).slice(0, 2)).toEqual([1234.56, -1234]);
  });
});

describe('buildImport progress', () => {
  it('reports rows done of the total, rising to the end, a few times rather than per row', () => {
    const lines = ['id,nps,plan'];
    for (let i = 0; i < 25_000; i++) lines.push(`c${i},${i % 11},${i % 2 === 0 ? 'Pro' : 'Basic'}`);
    const calls: [number, number][] = [];
    const result = buildImport(table(lines.join('\n')), plan({ fields: { id: 0 } }), { onProgress: (done, total) => calls.push([done, total]) });
    expect(result.verdict).toBe('ok');
    expect(calls.length).toBeGreaterThan(2);
    expect(calls.length).toBeLessThan(10);
    expect(calls.every(([, total]) => total === 25_000)).toBe(true);
    expect(calls.map(([done]) => done)).toEqual([...calls.map(([done]) => done)].sort((a, b) => a - b));
    expect(calls.at(-1)).toEqual([25_000, 25_000]);
  });
});
