/**
 * `npm run bench`: times the engine on a seeded 100k × 20 portfolio (and 1M), median of several
 * runs after warm-up. Target (issue 2): 100k × 20 in ≤ 20 ms.
 */
import {
  defaultPlaybooks, DEFAULT_PLAYBOOK_IDS, linkDays, newCategoryCache, parseModel, playbookMatches, preparePoints, reweighPortfolio, scorePortfolio, seededRandom,
  type DefaultPlaybookId, type DefaultPlaybookTexts, type HealthModel, type PlaybookDay,
} from '../../src/engine';
import { calibrate } from '../../src/engine/calibration/report';
import { syntheticPortfolio } from './synthetic';

const ASOF = 19_800;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function bench(customers: number, metrics: number, runs: number, warmups: number): void {
  const { model, portfolio } = syntheticPortfolio(customers, metrics);
  for (let k = 0; k < warmups; k++) scorePortfolio(model, portfolio, { asOf: ASOF });
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    scorePortfolio(model, portfolio, { asOf: ASOF });
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  const fmt = new Intl.NumberFormat('en');
  console.log(
    `${fmt.format(customers).padStart(9)} customers × ${metrics} metrics: median ${ms.toFixed(1)} ms ` +
      `(min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, ${runs} runs) — ` +
      `${fmt.format(Math.round((customers / ms) * 1000))} customers/s`,
  );
}

/** `model` with its first category's first metric weighing one more: what one slider step on the weights screen asks. */
function oneWeightMoved(model: HealthModel, k: number): HealthModel {
  return { ...model, categories: model.categories.map((c, ci) => (ci === 0 ? { ...c, metrics: c.metrics.map((m, mi) => (mi === 0 ? { ...m, weight: m.weight + 1 + (k % 2) } : m)) } : c)) };
}

/**
 * One weight moved (issue 5: ≤ 20 ms in the worker), the way the worker previews it: the points
 * prepared once for the model in use, then each draft validated and reweighed from them.
 */
function benchReweigh(customers: number, metrics: number, runs: number, warmups: number): void {
  const { model, portfolio } = syntheticPortfolio(customers, metrics);
  const t0 = performance.now();
  const prepared = preparePoints(model, portfolio, { asOf: ASOF });
  const prepare = performance.now() - t0;
  const times: number[] = [];
  // As the worker keeps it: the categories whose weights did not change are re-added from here.
  const cache = newCategoryCache();
  reweighPortfolio(prepared, model, { categories: false, cache });
  for (let k = 0; k < warmups + runs; k++) {
    const t = performance.now();
    const draft = parseModel(oneWeightMoved(model, k)).model!;
    reweighPortfolio(prepared, draft, { categories: false, cache });
    if (k >= warmups) times.push(performance.now() - t);
  }
  const fmt = new Intl.NumberFormat('en');
  console.log(
    `${fmt.format(customers).padStart(9)} customers × ${metrics} metrics, reweigh one weight (validate + re-aggregate): median ${median(times).toFixed(1)} ms ` +
      `(min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, ${runs} runs; points prepared once in ${prepare.toFixed(0)} ms)`,
  );
}

/**
 * A playbook run (issue 6): the four default playbooks over `months` monthly snapshots of the same
 * customers (each day its own id array, as stored histories have), bands drifting month to month.
 */
function benchPlaybooks(customers: number, months: number, runs: number): void {
  const { model, portfolio } = syntheticPortfolio(customers, 20);
  const scores = scorePortfolio(model, portfolio, { asOf: ASOF });
  const random = seededRandom(7);
  let band = scores.band.slice();
  const days: PlaybookDay[] = [];
  for (let m = 0; m < months; m++) {
    band = band.map((b) => (random() < 0.1 ? Math.min(2, Math.max(0, b + (random() < 0.5 ? -1 : 1))) : b));
    days.push({ day: ASOF - 30 * (months - 1 - m), portfolio: { ...portfolio, ids: [...portfolio.ids] }, score: scores.score, band });
  }
  const texts = Object.fromEntries(DEFAULT_PLAYBOOK_IDS.map((id) => [id, { name: id, title: id, description: '' }])) as Record<DefaultPlaybookId, DefaultPlaybookTexts>;
  const playbooks = defaultPlaybooks(texts);
  const times: number[] = [];
  let matches = 0;
  for (let k = 0; k < runs + 1; k++) {
    const t = performance.now();
    const links = linkDays(days);
    matches = playbooks.reduce((n, p) => n + playbookMatches(p, days, scores.bands, links).length, 0);
    if (k > 0) times.push(performance.now() - t);
  }
  const fmt = new Intl.NumberFormat('en');
  console.log(
    `${fmt.format(customers).padStart(9)} customers × ${months} snapshots, the 4 default playbooks: median ${median(times).toFixed(0)} ms ` +
      `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${runs} runs; ${fmt.format(matches)} matches)`,
  );
}

/**
 * Calibration (issue 7): the whole report — every indicator's AUC and churn by points, the
 * score's, the checklist, and the weights fitted by L2 logistic regression with 5-fold
 * cross-validation (6 fits, 5 rescorings) — on `customers` customers with an outcome each.
 */
function benchCalibration(customers: number, metrics: number, runs: number): void {
  const { model, portfolio } = syntheticPortfolio(customers, metrics);
  const prepared = preparePoints(model, portfolio, { asOf: ASOF });
  const scores = reweighPortfolio(prepared, model);
  const rand = seededRandom(11);
  const churned = Uint8Array.from(scores.score, (x) => (rand() < 1 / (1 + Math.exp((x - 40) / 10)) ? 1 : 0));
  const times: number[] = [];
  let auc = 0;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const report = calibrate({
      model, revision: 'bench', bands: scores.bands, churned, score: scores.score, band: scores.band, overridden: new Uint8Array(customers),
      points: prepared.points, fill: prepared.fill, bandBefore: new Int16Array(customers).fill(-1),
      scoreWith: (candidate) => reweighPortfolio(prepared, candidate).score,
      unmatched: 0, unscored: 0, portfolioBands: scores.bands.map((_, b) => scores.band.filter((x) => x === b).length),
    });
    times.push(performance.now() - t0);
    auc = report.suggestion?.suggested.auc ?? Number.NaN;
  }
  const fmt = new Intl.NumberFormat('en');
  console.log(
    `${fmt.format(customers).padStart(9)} customers × ${metrics} metrics, calibration with suggested weights (5-fold CV): median ${median(times).toFixed(0)} ms ` +
      `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${runs} runs; cross-validated AUC ${auc.toFixed(3)})`,
  );
}

console.log(`Pulso engine benchmark — Node ${process.version}`);
bench(100_000, 20, 51, 30);
bench(1_000_000, 20, 11, 3);
benchReweigh(100_000, 20, 51, 30);
benchReweigh(1_000_000, 20, 11, 3);
benchPlaybooks(100_000, 12, 7);
benchCalibration(10_000, 20, 5);
benchCalibration(100_000, 20, 5);
console.log('Targets: 100,000 × 20 in ≤ 20 ms (median); one weight moved ≤ 20 ms in the worker.');
