/**
 * Calibration through EngineApi on the real churn datasets (tests/fixtures/datasets): each is
 * imported as data, scored by a model built for it (tests/fixtures/models), its churn column
 * imported as outcomes, and calibrated. Figures are checked against independent computations
 * from the app's exported scores (brute-force pair counting, plain counting), and the weights the
 * app suggests are held to what a plain logistic regression on the raw columns reaches, computed
 * once outside the app (tests/fixtures/calibration/raw-baseline.py → raw-baseline.json).
 */
import { describe, expect, it } from 'vitest';
import type { CalibrationReport, OutcomePlan } from '../../../src/worker/api';
import type { EngineService } from '../../../src/worker/service';
import { appScores, bytesOf, day, fixtureBytes, fixtureText, freshService, importText } from './support';

const AS_OF = day('2024-07-01');
const baseline = JSON.parse(fixtureText('tests/fixtures/calibration/raw-baseline.json')) as {
  datasets: { file: string; pooled_oof_auc: number }[];
};
const rawAuc = (file: string) => baseline.datasets.find((d) => d.file === file)!.pooled_oof_auc;

/** Simple CSV split (the fixtures quote nothing). */
function rows(text: string): string[][] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '').map((l) => l.split(','));
}

/** P(score of a stayer > score of a churner) + ½ P(tie), by counting every pair. */
function pairAuc(churner: readonly number[], stayer: readonly number[]): number {
  let wins = 0;
  for (const c of churner) for (const s of stayer) wins += s > c ? 1 : s === c ? 0.5 : 0;
  return wins / (churner.length * stayer.length);
}

async function setUp(options: { model: string; data: string; text?: string; name: string }) {
  const { service, reopen } = freshService();
  await service.loadLocal({ asOf: AS_OF });
  const used = await service.useModel({ file: { name: 'model.json', data: fixtureBytes(options.model) } });
  expect(used.ok).toBe(true);
  const text = options.text ?? fixtureText(options.data);
  await importText(service, options.name, text, AS_OF);
  return { service, reopen, text };
}

/** Opens `text` as an outcomes file and takes what the app offers (mapping, value readings), as a user who agrees would. */
async function offeredPlan(service: EngineService, name: string, text: string): Promise<OutcomePlan> {
  const inspection = await service.openOutcomeFile({ name, data: bytesOf(text) });
  const values = await service.outcomeValues(inspection.mapping.status!);
  return {
    mapping: inspection.mapping,
    churned: values.filter((v) => v.reads === 'churned').map((v) => v.value),
    renewed: values.filter((v) => v.reads === 'renewed').map((v) => v.value),
    day: AS_OF,
  };
}

function figures(name: string, report: CalibrationReport): string {
  const s = report.suggestion!;
  return `${name}: score AUC ${report.score.auc!.auc.toFixed(4)}; cross-validated AUC, current weights ${s.current.auc.toFixed(4)}, suggested ${s.suggested.auc.toFixed(4)} (${s.suggested.low.toFixed(4)}–${s.suggested.high.toFixed(4)})`;
}

describe('the Telco dataset (7,043 customers, 1,869 churned)', () => {
  it('imports the Churn column as outcomes, calibrates the score as counted independently, and suggests weights that cross-validate near a raw-column logistic regression', async () => {
    const { service, reopen, text } = await setUp({ model: 'tests/fixtures/models/telco.json', data: 'tests/fixtures/datasets/telco-customer-churn.csv', name: 'telco.csv' });
    const plan = await offeredPlan(service, 'telco.csv', text);
    const [header, ...data] = rows(text);
    expect(header![plan.mapping.id!]).toBe('customerID');
    expect(header![plan.mapping.status!]).toBe('Churn');
    expect(plan.mapping.date).toBeNull();
    expect(plan).toMatchObject({ churned: ['Yes'], renewed: ['No'] });
    expect(await service.checkOutcomes(plan)).toMatchObject({ rows: 7043, churned: 1869, renewed: 5174, leftOut: 0, unknownIds: 0, problems: [], verdict: 'ok' });
    expect(await service.commitOutcomes(plan)).toMatchObject({ recorded: 7043, churned: 1869, renewed: 5174, replaced: 0, counts: { churned: 1869, renewed: 5174, unknown: 0 } });

    const report = (await service.calibration())!;
    expect(report).toMatchObject({ churned: 1869, retained: 5174, unmatched: 0, unscored: 0, small: false });
    expect(report.baseRate).toBeCloseTo(1869 / 7043, 12);

    // Independently: the exported scores and bands against the file's Churn column.
    const scores = await appScores(service);
    const churn = new Map(data.map((r) => [r[0]!, r[header!.indexOf('Churn')] === 'Yes']));
    const churner: number[] = [];
    const stayer: number[] = [];
    const perBand = new Map<string, [number, number]>();
    for (const [id, s] of scores) {
      (churn.get(id) ? churner : stayer).push(Number(s.score));
      const cell = perBand.get(s.band) ?? [0, 0];
      cell[0]++;
      if (churn.get(id)) cell[1]++;
      perBand.set(s.band, cell);
    }
    expect(report.score.auc!.auc).toBeCloseTo(pairAuc(churner, stayer), 12);
    for (const band of report.score.bands) {
      const [customers, churned] = perBand.get(band.bandId) ?? [0, 0];
      expect({ band: band.bandId, customers: band.customers, churned: band.churned }).toEqual({ band: band.bandId, customers, churned });
    }
    // Red churns more than yellow, and yellow more than green.
    const rates = report.score.bands.map((b) => b.rate);
    expect(rates[0]).toBeGreaterThan(rates[1]!);
    expect(rates[1]).toBeGreaterThan(rates[2]!);
    // Quartiles: the bottom quarter (by score) churns far more than the top quarter.
    expect(report.score.quartiles!.bottom.rate).toBeGreaterThan(5 * report.score.quartiles!.top.rate);
    expect(report.score.roc.fpr[0]).toBe(0);
    expect(report.score.roc.tpr.at(-1)).toBe(1);

    // Every indicator of this model agrees with the data; the checklist says so.
    expect(report.indicators.map((i) => i.direction).filter((d) => d === 'contradicts')).toEqual([]);
    expect(report.checklist.find((c) => c.id === 'directions')).toMatchObject({ status: 'pass', value: 0 });
    expect(report.checklist.find((c) => c.id === 'sample')).toMatchObject({ status: 'pass', value: 1869 });
    expect(report.checklist.find((c) => c.id === 'below-top-before')).toMatchObject({ status: 'unknown', value: null, basis: 0 });

    const s = report.suggestion!;
    console.info(figures('Telco', report), `; raw-column logistic regression ${rawAuc('telco-customer-churn.csv').toFixed(4)}`);
    expect(s.folds).toBe(5);
    expect(s.current.auc).toBeCloseTo(report.score.auc!.auc, 12);
    expect(s.suggested.auc).toBeGreaterThan(s.current.auc);
    expect(s.suggested.auc).toBeGreaterThan(rawAuc('telco-customer-churn.csv') - 0.02);
    expect(s.suggested.folds).toHaveLength(5);

    // Applied: a new revision in use, calibrated on the next call, and kept after a reload.
    const applied = await service.useModel({ model: s.model });
    expect(applied.ok).toBe(true);
    const after = (await service.calibration())!;
    expect(after.revision).not.toBe(report.revision);
    expect(after.score.auc!.auc).toBeGreaterThan(report.score.auc!.auc);
    // Refitted on the same outcomes, the suggestion is the weights now in use: judged out of fold, not on the data they came from.
    expect(after.suggestion!.inUse).toBe(true);
    expect(after.suggestion!.current.auc).toBe(after.suggestion!.suggested.auc);
    expect((await service.revisions()).find((r) => r.inUse)!.revision).toBe(after.revision);

    const again = reopen();
    await again.loadLocal({ asOf: AS_OF });
    expect(await again.outcomeCounts()).toEqual({ churned: 1869, renewed: 5174, unknown: 0 });
    expect((await again.calibration())!.revision).toBe(after.revision);
  }, 120_000);
});

describe('the Portuguese Telco export (7,267 rows, 224 without an outcome)', () => {
  it('reads Sim/Não, leaves the blank outcomes out, and calibrates the same customers', async () => {
    const { service, text } = await setUp({ model: 'tests/fixtures/models/telco-pt.json', data: 'tests/fixtures/datasets/telco-churn-pt.csv', name: 'telco-pt.csv' });
    const plan = await offeredPlan(service, 'telco-pt.csv', text);
    const header = rows(text)[0]!;
    expect(header[plan.mapping.id!]).toBe('ID_cliente');
    expect(header[plan.mapping.status!]).toBe('Churn');
    expect(plan).toMatchObject({ churned: ['Sim'], renewed: ['Não'] });
    expect(await service.checkOutcomes(plan)).toMatchObject({ rows: 7267, churned: 1869, renewed: 5174, leftOut: 224, verdict: 'ok' });
    await service.commitOutcomes(plan);
    const report = (await service.calibration())!;
    expect(report).toMatchObject({ churned: 1869, retained: 5174 });
    console.info(figures('Telco PT', report), `; raw-column logistic regression ${rawAuc('telco-churn-pt.csv').toFixed(4)}`);
    expect(report.suggestion!.suggested.auc).toBeGreaterThan(report.suggestion!.current.auc);
    expect(report.suggestion!.suggested.auc).toBeGreaterThan(rawAuc('telco-churn-pt.csv') - 0.03);
  }, 120_000);
});

describe('the Iranian dataset (3,150 rows, no id column)', () => {
  it('calibrates once the rows are given ids, and finds the indicator the data contradicts or cannot tell', async () => {
    // The app refuses a file without customer ids (#4): give each row its number as an id, as a user would in a spreadsheet.
    const lines = fixtureText('tests/fixtures/datasets/iranian-churn.csv').split(/\r?\n/).filter((l) => l !== '');
    const text = [`id,${lines[0]}`, ...lines.slice(1).map((l, i) => `R${String(i + 1).padStart(4, '0')},${l}`)].join('\n');
    const { service } = await setUp({ model: 'tests/fixtures/models/iranian.json', data: '', text, name: 'iranian.csv' });
    const plan = await offeredPlan(service, 'iranian.csv', text);
    expect(plan).toMatchObject({ churned: ['1'], renewed: ['0'] });
    expect(await service.checkOutcomes(plan)).toMatchObject({ rows: 3150, churned: 495, renewed: 2655, verdict: 'ok' });
    await service.commitOutcomes(plan);
    const report = (await service.calibration())!;
    console.info(figures('Iranian', report), `; raw-column logistic regression ${rawAuc('iranian-churn.csv').toFixed(4)}`);
    // Call failures barely differ between churned and retained customers.
    expect(report.indicators.find((i) => i.metricId === 'failures')!.direction).not.toBe('agrees');
    expect(report.suggestion!.suggested.auc).toBeGreaterThan(report.suggestion!.current.auc - 0.005);
    expect(report.suggestion!.suggested.auc).toBeGreaterThan(rawAuc('iranian-churn.csv') - 0.05);
  }, 120_000);
});
