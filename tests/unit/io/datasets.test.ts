/** The reader on three public churn datasets, as published (see tests/fixtures/datasets/ATTRIBUTION.md). */
import { describe, it, expect } from 'vitest';
import { detectColumnKind, findColumn, readCsv, readPortfolio, toColumn } from '../../../src/io';
import type { CsvTable } from '../../../src/io';
import type { ColumnKind } from '../../../src/engine/portfolio';
import { fixture, values } from './helpers';

const PLAIN_FORMAT = {
  delimiter: ',', decimal: '.', thousands: ',', dateOrder: 'mdy', encoding: 'utf-8', bom: false, lineEnding: '\n',
  detected: { delimiter: true, decimal: true, dateOrder: true, encoding: true },
};

function dataset(name: string): CsvTable {
  const { table, issues } = readCsv({ name, data: fixture(`datasets/${name}`) });
  expect(issues).toEqual([]);
  return table as CsvTable;
}

function kindsOf(t: CsvTable, names: readonly string[]): Record<string, ColumnKind> {
  return Object.fromEntries(names.map((name) => [name, detectColumnKind(t, findColumn(t, name))]));
}

function count<T>(items: readonly T[], wanted: T): number {
  return items.filter((item) => Object.is(item, wanted)).length;
}

describe('IBM Telco Customer Churn', () => {
  const telco = dataset('telco-customer-churn.csv');

  it('reads 7,043 customers as plain comma-separated UTF-8', () => {
    expect(telco.format).toEqual(PLAIN_FORMAT);
    expect(telco.rowCount).toBe(7043);
    expect(telco.header).toHaveLength(21);
    expect(telco.rowNumbers[7042]).toBe(7044);
  });

  it('tells the kinds: Yes/No is boolean, 0/1 a number, "No internet service" makes text', () => {
    expect(kindsOf(telco, ['customerID', 'SeniorCitizen', 'Partner', 'tenure', 'MultipleLines', 'Contract',
      'MonthlyCharges', 'TotalCharges', 'Churn'])).toEqual({
      customerID: 'text', SeniorCitizen: 'number', Partner: 'boolean', tenure: 'number', MultipleLines: 'text',
      Contract: 'text', MonthlyCharges: 'number', TotalCharges: 'number', Churn: 'boolean',
    });
  });

  it('reads the single-space TotalCharges of the 11 new customers as missing, without a warning', () => {
    const { column, issues } = toColumn(telco, findColumn(telco, 'TotalCharges'), 'number');
    expect(issues).toEqual([]);
    const charges = values(column);
    expect(count(charges, NaN)).toBe(11);
    const tenure = values(toColumn(telco, findColumn(telco, 'tenure'), 'number').column);
    expect(charges.flatMap((charge, i) => (Number.isNaN(charge) ? [tenure[i]] : []))).toEqual(Array(11).fill(0));
  });

  it('builds the portfolio: unique ids, Yes/No churn, 0/1 as a boolean, contracts as labels', () => {
    const needs = new Map<string, ColumnKind>([
      ['tenure', 'number'], ['Churn', 'boolean'], ['SeniorCitizen', 'boolean'], ['contract', 'text'],
    ]);
    const { portfolio, issues } = readPortfolio(telco, { idColumn: 'customerID', needs });
    expect(issues).toEqual([]);
    expect(portfolio?.size).toBe(7043);
    expect(portfolio?.ids.slice(0, 2)).toEqual(['7590-VHVEG', '5575-GNVDE']);
    const column = (name: string) => values(portfolio?.columns.get(name) ?? { kind: 'text', codes: new Int32Array(), labels: [] });
    const churn = column('Churn');
    expect([count(churn, true), count(churn, false)]).toEqual([1869, 5174]);
    expect(count(column('SeniorCitizen'), true)).toBe(1142);
    expect(column('tenure').reduce((sum: number, t) => sum + Number(t), 0)).toBe(227_990);
    const contract = portfolio?.columns.get('contract');
    expect(contract?.kind === 'text' && contract.labels).toEqual(['Month-to-month', 'One year', 'Two year']);
    expect([...(portfolio?.columns.keys() ?? [])]).toEqual(['tenure', 'Churn', 'SeniorCitizen', 'contract']);
  });
});

describe('Iranian Churn (UCI #563)', () => {
  const iranian = dataset('iranian-churn.csv');

  it('finds double-spaced headers by their single-spaced names', () => {
    expect(iranian.rowCount).toBe(3150);
    expect(iranian.header.slice(0, 4)).toEqual(['Call  Failure', 'Complains', 'Subscription  Length', 'Charge  Amount']);
    expect(['Call Failure', 'Subscription Length', 'charge amount', 'Customer Value'].map((name) => findColumn(iranian, name)))
      .toEqual([0, 2, 3, 12]);
  });

  it('reads every column as numbers; 1/0 churn also reads as yes/no', () => {
    expect(iranian.header.map((_, i) => detectColumnKind(iranian, i))).toEqual(Array(14).fill('number'));
    const value = toColumn(iranian, findColumn(iranian, 'Customer Value'), 'number');
    expect(value.issues).toEqual([]);
    expect(values(value.column).slice(0, 2)).toEqual([197.64, 46.035]);
    const churn = values(toColumn(iranian, findColumn(iranian, 'Churn'), 'boolean').column);
    expect([count(churn, true), count(churn, false)]).toEqual([495, 2655]);
  });

  it('drops its 300 exact duplicate rows once the rows have an id made of their content', () => {
    const [header = '', ...lines] = new TextDecoder().decode(fixture('datasets/iranian-churn.csv')).trimEnd().split('\n');
    const withIds = [`id,${header}`, ...lines.map((line) => `${line.replaceAll(',', '/')},${line}`)].join('\n');
    const t = readCsv({ name: 'iranian-with-ids.csv', data: withIds }).table as CsvTable;
    const { portfolio, issues } = readPortfolio(t, { idColumn: 'id', needs: new Map([['Call Failure', 'number']]) });
    expect(portfolio?.size).toBe(2850);
    expect(portfolio?.columns.get('Call Failure')?.kind).toBe('number');
    expect(issues).toHaveLength(300);
    expect(new Set(issues.map((issue) => `${issue.severity} ${issue.code}`))).toEqual(new Set(['warning row.duplicate']));
    const firstCopy = lines.findIndex((line, i) => lines.indexOf(line) < i);
    const original = lines.indexOf(lines[firstCopy] ?? '');
    expect(issues[0]?.message).toBe(
      `iranian-with-ids.csv, row ${firstCopy + 2}: this row is an exact copy of row ${original + 2} — the copy was left out.`,
    );
  });

  it('refuses a copy whose values were changed, naming both rows', () => {
    const [header = '', ...lines] = new TextDecoder().decode(fixture('datasets/iranian-churn.csv')).trimEnd().split('\n');
    const ids = lines.map((line) => line.replaceAll(',', '/'));
    const firstCopy = lines.findIndex((line, i) => lines.indexOf(line) < i);
    const edited = lines.map((line, i) => (i === firstCopy ? line.replace(/,\d+$/, ',7') : line));
    const csv = [`id,${header}`, ...edited.map((line, i) => `${ids[i]},${line}`)].join('\n');
    const t = readCsv({ name: 'edited.csv', data: csv }).table as CsvTable;
    const { portfolio, issues } = readPortfolio(t, { idColumn: 'id', needs: new Map() });
    expect(portfolio).toBeNull();
    const errors = issues.filter((issue) => issue.severity === 'error');
    expect(errors.map((issue) => [issue.code, issue.row, issue.params?.firstRow])).toEqual([
      ['id.duplicate', firstCopy + 2, lines.indexOf(lines[firstCopy] ?? '') + 2],
    ]);
  });
});

describe('Telco Customer Churn in Portuguese', () => {
  const pt = dataset('telco-churn-pt.csv');

  it('reads 7,267 customers; Sim/Não is boolean, with the tilde', () => {
    expect(pt.format).toEqual(PLAIN_FORMAT);
    expect(pt.rowCount).toBe(7267);
    expect(pt.columns[findColumn(pt, 'Churn')]?.[0]).toBe('N\u00e3o');
    expect(kindsOf(pt, ['ID_cliente', 'Churn', 'Senior', 'Contrato', 'Método_pagamento', 'Gastos_mensais', 'Gastos_diarios']))
      .toEqual({
        ID_cliente: 'text', Churn: 'boolean', Senior: 'boolean', Contrato: 'text', 'Método_pagamento': 'text',
        Gastos_mensais: 'number', Gastos_diarios: 'number',
      });
  });

  it('counts the 224 empty churn cells as missing (unknown outcome), without warnings', () => {
    const { portfolio, issues } = readPortfolio(pt, {
      idColumn: 'ID_cliente',
      needs: new Map([['Churn', 'boolean'], ['gastos_totais', 'number'], ['método_pagamento', 'text']]),
    });
    expect(issues).toEqual([]);
    expect(portfolio?.size).toBe(7267);
    const churn = values(portfolio?.columns.get('Churn') ?? { kind: 'boolean', values: new Uint8Array() });
    expect([count(churn, true), count(churn, false), count(churn, null)]).toEqual([1869, 5174, 224]);
    const total = values(portfolio?.columns.get('gastos_totais') ?? { kind: 'number', values: new Float64Array() });
    expect(count(total, NaN)).toBe(11);
    expect(portfolio?.columns.get('método_pagamento')?.kind).toBe('text');
  });
});
