import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../src/engine';
import { EXIT, runScore } from '../../../src/cli/run-score';
import { captureEnvironment, csvRows } from './capture';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

function score(args: string[]) {
  const run = captureEnvironment({ readFile: (path) => readFileSync(join(FIXTURES, path)), today: epochDay(2024, 1, 1) });
  const code = runScore(args, run.env);
  return { code, rows: csvRows(run.out()), stderr: run.err() };
}

/** Churn rate per band, from the dataset's own outcome column. */
function churnByBand(rows: Record<string, string>[], outcomes: Map<string, boolean | null>) {
  const count: Record<string, { n: number; churned: number }> = {};
  for (const r of rows) {
    const churned = outcomes.get(r.id!);
    if (churned === null || churned === undefined) continue;
    const b = (count[r.band!] ??= { n: 0, churned: 0 });
    b.n++;
    b.churned += churned ? 1 : 0;
  }
  return Object.fromEntries(Object.entries(count).map(([band, { n, churned }]) => [band, churned / n]));
}

function outcomes(file: string, idColumn: string, churnColumn: string, yes: string): Map<string, boolean | null> {
  const [header, ...lines] = readFileSync(join(FIXTURES, 'datasets', file), 'utf8').trimEnd().split(/\r?\n/);
  const cols = header!.split(',');
  const id = cols.indexOf(idColumn);
  const churn = cols.indexOf(churnColumn);
  return new Map(lines.map((l) => l.split(',')).map((c) => [c[id]!, c[churn] === '' ? null : c[churn] === yes]));
}

describe('the headless scorer on the real datasets', () => {
  it('scores IBM Telco (7,043 customers; " " in TotalCharges read as missing) and its bands separate churners', () => {
    const { code, rows, stderr } = score(['--model', 'models/telco.json', '--data', 'datasets/telco-customer-churn.csv', '--id', 'customerID']);
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe('');
    expect(rows).toHaveLength(7043);
    // 7590-VHVEG: tenure 1 -> 2.083; contract: month-to-month 0 (×2), paperless yes 30, electronic check 0 -> 7.5;
    // value: monthly 29.85 -> (110 − 29.85)/90 = 89.06, total 29.85 -> 0.597 -> 44.83; support: no, no -> 0.
    // (30 × 2.083 + 30 × 7.5 + 20 × 44.83 + 20 × 0) / 100 = 11.84 -> 12, red.
    expect(rows[0]).toEqual({ id: '7590-VHVEG', score: '12', band: 'red', coverage: '1.000', history: '2', contract: '8', value: '45', support: '0' });
    // Tenure-0 customers have a blank TotalCharges: one metric of six missing, coverage 1 − 0.2 × 0.5 = 0.9.
    expect(rows.find((r) => r.id === '4472-LVYGI')?.coverage).toBe('0.900');
    const churn = churnByBand(rows, outcomes('telco-customer-churn.csv', 'customerID', 'Churn', 'Yes'));
    expect(churn.red!).toBeGreaterThan(churn.yellow!);
    expect(churn.yellow!).toBeGreaterThan(churn.green!);
  });

  it('scores the Portuguese Telco (Sim/Não, accented labels, empty outcomes) the same way', () => {
    const { code, rows, stderr } = score(['--model', 'models/telco-pt.json', '--data', 'datasets/telco-churn-pt.csv', '--id', 'ID_cliente']);
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe('');
    expect(rows).toHaveLength(7267);
    const churn = churnByBand(rows, outcomes('telco-churn-pt.csv', 'ID_cliente', 'Churn', 'Sim'));
    expect(churn.red!).toBeGreaterThan(3 * churn.green!);
  });

  it('refuses the Iranian dataset, which has no id column, naming its columns (double spaces and all)', () => {
    const { code, stderr } = score(['--model', 'models/telco.json', '--data', 'datasets/iranian-churn.csv']);
    expect(code).toBe(EXIT.badInput);
    expect(stderr).toContain('has no column "id" for the customer ids. The columns in row 1 are: "Call  Failure", "Complains"');
    expect(stderr).toContain('--id <column>');
  });
});
