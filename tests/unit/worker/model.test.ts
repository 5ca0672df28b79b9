/**
 * Choosing the model, black-box: a model file or a starter is checked in full (problems by JSON
 * path, nothing changed on a bad one), used for the portfolio — with the same scores as the
 * headless scorer given the same file — remembered on the device, and given back as a file that
 * reads back to the same revision.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT, runScore } from '../../../src/cli/run-score';
import { formatIsoDay } from '../../../src/engine';
import { captureEnvironment, memoryFiles } from '../cli/capture';
import { APRIL, APRIL_ROWS, HEADER } from './monthly';
import { appScores, B2B_MODEL_PATH, bytesOf, csvText, freshService, importText } from './support';

/** The B2B starter with usage weighing nothing and NPS 10 times as much: a different model, the same columns. */
function reweighted(): string {
  const file = JSON.parse(readFileSync(B2B_MODEL_PATH, 'utf-8')) as { name: string; categories: { id: string; weight: number; metrics: { id: string; weight: number }[] }[] };
  file.name = 'Reweighted B2B';
  for (const category of file.categories) {
    if (category.id === 'usage') category.weight = 0;
    for (const metric of category.metrics) if (metric.id === 'nps') metric.weight *= 10;
  }
  return JSON.stringify(file, null, 2);
}

/** The headless scorer's scores with `model` (file text) on `csv`, in the shape of `appScores`. */
function cli(model: string, csv: string) {
  const run = captureEnvironment({ readFile: memoryFiles({ 'model.json': new TextEncoder().encode(model), 'data.csv': new TextEncoder().encode(csv) }), today: APRIL });
  expect(runScore(['--model', 'model.json', '--data', 'data.csv', '--as-of', formatIsoDay(APRIL)], run.env), run.err()).toBe(EXIT.ok);
  const [header = '', ...lines] = run.out().trimEnd().split('\n');
  const columns = header.split(',');
  return new Map(lines.map((line) => {
    const row = Object.fromEntries(line.split(',').map((v, i) => [columns[i]!, v]));
    return [row['id']!, { score: row['score']!, band: row['band']!, coverage: row['coverage']! }];
  }));
}

describe('choosing the model', () => {
  it('refuses a wrong file with every problem by JSON path, and changes nothing', async () => {
    const { service } = freshService();
    const before = await service.loadDemo({ asOf: APRIL });
    const wrong = JSON.stringify({ format: 'health-model/v1', name: 'x', categories: [{ id: 'a', weight: 1, metrics: [{ id: 'm', weight: 1, scoring: { type: 'linear', worst: 5, best: 5 } }] }] });
    const result = await service.useModel({ file: { name: 'wrong.json', data: bytesOf(wrong) } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(['categories[0].metrics[0].scoring.worst']);
    expect(await service.summary()).toEqual(before);
    const broken = await service.useModel({ file: { name: 'broken.json', data: bytesOf('{"format": "health-model/v1",') } });
    expect(broken.ok ? [] : broken.problems.map((p) => p.path)).toEqual(['$']);
    expect(await service.summary()).toEqual(before);
  });

  it('scores own data with the chosen file exactly as the headless scorer does, and remembers it', async () => {
    const { service, reopen } = freshService();
    await service.loadLocal({ asOf: APRIL });
    const csv = csvText(HEADER, APRIL_ROWS);
    await importText(service, 'abril.csv', csv, APRIL);
    const b2b = await appScores(service);
    expect(b2b).toEqual(cli(readFileSync(B2B_MODEL_PATH, 'utf-8'), csv));

    const model = reweighted();
    const result = await service.useModel({ file: { name: 'reweighted.json', data: bytesOf(model) } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.portfolio.modelName).toBe('Reweighted B2B');
    const scores = await appScores(service);
    expect(scores).toEqual(cli(model, csv));
    expect(scores).not.toEqual(b2b);

    const file = await service.modelFile();
    expect(file).toMatchObject({ name: 'Reweighted B2B', starter: null, fileName: 'reweighted-b2b.health-model.json', revision: result.portfolio.revision });
    await service.trend();

    const later = reopen();
    const summary = await later.loadLocal({ asOf: APRIL });
    expect(summary).toMatchObject({ modelName: 'Reweighted B2B', revision: result.portfolio.revision });
    expect(await appScores(later)).toEqual(scores);
    // The exported file reads back to the very same model.
    const again = await later.useModel({ file: { name: file.fileName, data: bytesOf(file.text) } });
    expect(again.ok && again.portfolio.revision).toBe(result.portfolio.revision);
  });

  it('switches to a starter on the demo and back, naming the starter in use', async () => {
    const { service } = freshService();
    await service.loadDemo({ asOf: APRIL });
    expect((await service.modelFile()).starter).toBe('b2b-saas');
    const result = await service.useModel({ starter: 'subscription' });
    expect(result.ok && result.portfolio).toMatchObject({ source: 'demo', modelName: 'Subscription and e-commerce' });
    expect((await service.modelFile()).starter).toBe('subscription');
    expect((await service.useModel({ starter: 'nope' })).ok).toBe(false);
    await service.useModel({ starter: 'b2b-saas' });
    expect((await service.summary()).modelName).toBe('B2B SaaS');
  });
});

describe('previewing a draft model', () => {
  it('counts the bands the draft would give, keeping nothing, the same as using it then does', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: APRIL });
    await importText(service, 'abril.csv', csvText(HEADER, APRIL_ROWS), APRIL);
    const before = await service.scores();
    const model = await service.model();
    const draft = { ...model, categories: model.categories.map((c) => (c.id === 'usage' ? { ...c, weight: 0 } : c)) };
    const preview = await service.previewModel(draft);
    expect(preview.currentCounts).toEqual(before.bands.map((_, b) => before.band.filter((x) => x === b).length));
    expect(await service.scores()).toEqual(before);

    const used = await service.useModel({ model: draft });
    expect(used.ok).toBe(true);
    const after = await service.scores();
    expect(preview.bandCounts).toEqual(after.bands.map((_, b) => after.band.filter((x) => x === b).length));
    expect(preview.changed).toBe(Array.from(after.band).filter((b, r) => b !== before.band[r]).length);
  });

  it('refuses a draft that is not a valid model, saying where', async () => {
    const { service } = freshService();
    await service.loadDemo({ asOf: APRIL });
    const model = await service.model();
    const draft = { ...model, categories: model.categories.map((c, i) => (i === 0 ? { ...c, weight: -1 } : c)) };
    await expect(service.previewModel(draft)).rejects.toThrow(/categories\[0\]\.weight/);
  });
});
