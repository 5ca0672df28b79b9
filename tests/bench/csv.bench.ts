/**
 * `npm run bench:csv`: the CSV reader on a seeded 100k-row × 20-column Excel pt-BR export (`;`,
 * decimal commas, dd/mm/yyyy, sim/não), median of several runs: read (decode, detect, split),
 * then the portfolio the B2B starter model needs (typing every column it reads); then the import
 * wizard's `buildImport` on the same table, once with the same columns as `readPortfolio` (the two
 * must stay within ~10%) and once storing every column (fields mapped, the rest kept).
 */
import { columnNeeds, type ColumnKind, type HealthModel } from '../../src/engine';
import { STARTER_MODELS } from '../../src/engine/starter-models';
import { buildImport, findColumn, readCsv, readPortfolio, type CsvTable, type ImportTablePlan } from '../../src/io';
import { ptBrExport } from './pt-br-export';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** The plan that stores what `readPortfolio` reads: the id, and each source the model needs under its own name. */
function samePlan(table: CsvTable, needs: ReadonlyMap<string, ColumnKind>): ImportTablePlan {
  const metrics: Record<string, number> = {};
  const metricColumns: Record<string, { source: string; kind: ColumnKind }> = {};
  for (const [source, kind] of needs) {
    const index = findColumn(table, source);
    if (index < 0) continue;
    metrics[source] = index;
    metricColumns[source] = { source, kind };
  }
  return { fields: { id: findColumn(table, 'id') }, metrics, metricColumns, asOf: { day: 19_900 }, skipBadRows: false, keepOtherColumns: false };
}

/** Every column stored: the customer fields mapped, the model's sources as metrics, the other headers kept. */
function fullPlan(table: CsvTable, needs: ReadonlyMap<string, ColumnKind>): ImportTablePlan {
  const same = samePlan(table, needs);
  const fields = {
    id: findColumn(table, 'id'), name: findColumn(table, 'nome'), segment: findColumn(table, 'segmento'),
    owner: findColumn(table, 'owner'), mrr: findColumn(table, 'mrr'),
  };
  return { ...same, fields, keepOtherColumns: true };
}

function bench(rows: number, runs: number): void {
  const bytes = ptBrExport(rows);
  const model: HealthModel = STARTER_MODELS.find((s) => s.id === 'b2b-saas')!.model;
  const needs = columnNeeds(model);
  const read: number[] = [];
  const typed: number[] = [];
  const imported: number[] = [];
  const importedAll: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const { table } = readCsv({ name: 'export.csv', data: bytes });
    const t1 = performance.now();
    const { portfolio } = readPortfolio(table!, { idColumn: 'id', needs });
    const t2 = performance.now();
    const same = buildImport(table!, samePlan(table!, needs));
    const t3 = performance.now();
    const all = buildImport(table!, fullPlan(table!, needs));
    const t4 = performance.now();
    if (portfolio?.size !== rows) throw new Error('the benchmark file did not read back');
    if (same.days[0]?.portfolio.size !== rows || all.days[0]?.portfolio.columns.size !== 20) throw new Error('the benchmark import did not build');
    read.push(t1 - t0);
    typed.push(t2 - t1);
    imported.push(t3 - t2);
    importedAll.push(t4 - t3);
  }
  const mb = (bytes.length / 1e6).toFixed(1);
  console.log(
    `${rows.toLocaleString('en')} rows × 21 columns (${mb} MB): read ${median(read).toFixed(0)} ms, to columns ${median(typed).toFixed(0)} ms, ` +
      `total ${(median(read) + median(typed)).toFixed(0)} ms (medians of ${runs})`,
  );
  console.log(
    `buildImport, same columns: ${median(imported).toFixed(0)} ms (${((median(imported) / median(typed) - 1) * 100).toFixed(0)}% vs readPortfolio); ` +
      `every column stored: ${median(importedAll).toFixed(0)} ms`,
  );
}

console.log(`Pulso CSV reader benchmark — Node ${process.version}`);
bench(100_000, 5);
