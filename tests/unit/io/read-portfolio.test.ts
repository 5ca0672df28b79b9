import { describe, it, expect } from 'vitest';
import { readPortfolio } from '../../../src/io';
import type { ColumnKind } from '../../../src/engine/portfolio';
import { table, values } from './helpers';

const needs = (entries: [string, ColumnKind][]) => new Map(entries);

describe('readPortfolio', () => {
  const crm = table([
    'Customer  ID;Plano;NPS;Ativo',
    ' c1 ;Pro;9;sim',
    'c2;Básico;;não',
    'c3;Pro;7',
  ].join('\r\n'), undefined, 'crm.csv');

  it('finds the id column like any column and trims the ids', () => {
    const { portfolio, issues } = readPortfolio(crm, { idColumn: 'customer id', needs: new Map() });
    expect(issues).toEqual([]);
    expect(portfolio).toEqual({ size: 3, ids: ['c1', 'c2', 'c3'], columns: new Map() });
  });

  it('keys columns by the source name as the model spells it, read as the kind the model needs', () => {
    const { portfolio } = readPortfolio(crm, {
      idColumn: 'Customer  ID',
      needs: needs([['nps', 'number'], ['ativo', 'boolean'], ['PLANO', 'text']]),
    });
    expect([...(portfolio?.columns.keys() ?? [])]).toEqual(['nps', 'ativo', 'PLANO']);
    const column = (name: string) => {
      const found = portfolio?.columns.get(name);
      return found === undefined ? undefined : values(found);
    };
    expect(column('nps')).toEqual([9, NaN, 7]);
    expect(column('ativo')).toEqual([true, false, null]);
    expect(column('PLANO')).toEqual(['Pro', 'Básico', 'Pro']);
  });

  it('warns about a needed column that is not in the file, and leaves it out', () => {
    const { portfolio, issues } = readPortfolio(crm, {
      idColumn: 'Customer ID',
      needs: needs([['nps', 'number'], ['tickets', 'number']]),
    });
    expect([...(portfolio?.columns.keys() ?? [])]).toEqual(['nps']);
    expect(issues).toEqual([{
      severity: 'warning', code: 'column.missing', file: 'crm.csv', column: 'tickets',
      message: 'crm.csv: column "tickets" is not in the file: every customer counts as missing for it.',
    }]);
  });

  it('refuses a file without the id column, listing the columns it has', () => {
    expect(readPortfolio(crm, { idColumn: 'id', needs: new Map() })).toEqual({
      portfolio: null,
      issues: [{
        severity: 'error', code: 'id.column-missing', file: 'crm.csv', column: 'id',
        params: { idColumn: 'id', found: 'Customer  ID, Plano, NPS, Ativo' },
        message: 'crm.csv has no column "id" for the customer ids. The columns in row 1 are: "Customer  ID", "Plano", ' +
          '"NPS", "Ativo". Choose the column that holds your customer ids, or rename it to "id".',
      }],
    });
  });

  it('keeps the values of the rows it keeps aligned with their ids', () => {
    const t = table('id,nps\nc1,9\nc2,8\nc1,9\n,5\nc3,7\n');
    const { portfolio } = readPortfolio(t, { idColumn: 'id', needs: needs([['nps', 'number']]), skipBadRows: true });
    expect(portfolio?.ids).toEqual(['c1', 'c2', 'c3']);
    expect(values(portfolio?.columns.get('nps') ?? { kind: 'number', values: new Float64Array() })).toEqual([9, 8, 7]);
  });

  it('takes rows that differ only in spaces around values as copies', () => {
    const t = table('id,plan\nc1,Pro\n c1 ,Pro \n');
    const { portfolio, issues } = readPortfolio(t, { idColumn: 'id', needs: new Map() });
    expect(portfolio?.ids).toEqual(['c1']);
    expect(issues.map((issue) => issue.code)).toEqual(['row.duplicate']);
  });

  it('tells the same id in another case apart', () => {
    const { portfolio } = readPortfolio(table('id\nC1\nc1\n'), { idColumn: 'id', needs: new Map() });
    expect(portfolio?.ids).toEqual(['C1', 'c1']);
  });

  it('fails when skipping bad rows leaves no customer', () => {
    const t = table('id,nps\n,9\n  ,8\n');
    const { portfolio, issues } = readPortfolio(t, { idColumn: 'id', needs: new Map(), skipBadRows: true });
    expect(portfolio).toBeNull();
    expect(issues.map((issue) => issue.code)).toEqual(['id.empty', 'id.empty', 'file.no-usable-rows']);
    expect(issues[2]?.message).toBe(
      'customers.csv: no customer row is left once the bad rows are left out. Fix the rows reported above and import the file again.',
    );
  });
});
