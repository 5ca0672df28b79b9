/**
 * `npm run bench`: times the engine on a seeded 100k × 20 portfolio (and 1M), median of several
 * runs after warm-up. Target (issue 2): 100k × 20 in ≤ 20 ms.
 */
import { newCategoryCache, parseModel, preparePoints, reweighPortfolio, scorePortfolio, type HealthModel } from '../../src/engine';
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

console.log(`Pulso engine benchmark — Node ${process.version}`);
bench(100_000, 20, 51, 30);
bench(1_000_000, 20, 11, 3);
benchReweigh(100_000, 20, 51, 30);
benchReweigh(1_000_000, 20, 11, 3);
console.log('Targets: 100,000 × 20 in ≤ 20 ms (median); one weight moved ≤ 20 ms in the worker.');
