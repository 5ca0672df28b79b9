import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../src/engine';
import { EXIT, runScore } from '../../../src/cli/run-score';
import { captureEnvironment, memoryFiles } from './capture';

const MODEL = {
  format: 'health-model/v1',
  name: 'Teste',
  categories: [
    {
      id: 'uso',
      weight: 2,
      metrics: [
        { id: 'logins', weight: 1, scoring: { type: 'linear', worst: 0, best: 20 } },
        { id: 'ultimo', source: 'ultimo_login', transform: 'daysSince', weight: 1, scoring: { type: 'linear', worst: 60, best: 0 } },
      ],
    },
    {
      id: 'fin',
      weight: 1,
      metrics: [
        { id: 'mrr', weight: 1, scoring: { type: 'linear', worst: 0, best: 5000 } },
        { id: 'ativo', weight: 1, scoring: { type: 'boolean', true: 100, false: 0 } },
      ],
    },
  ],
  adjustments: [{ id: 'atraso', source: 'dias_atraso', when: { op: '>', value: 30 }, points: -15 }],
};

/** An Excel pt-BR export: BOM, CRLF, `;`, decimal commas with thousands dots, dd/mm/yyyy, sim/não. */
const PT_BR = [
  '\uFEFFid;nome;logins;ultimo_login;mrr;ativo;dias_atraso',
  'A1;"Acme; Ltda";15;01/05/2024;1.234,56;sim;0',
  'A2;Beta;2;15/03/2024;4.999,00;Não;45',
  'A3;Gama;;;;;',
  'A4;Delta;abc;31/02/2024;12,5;talvez;',
  '',
].join('\r\n');

/** The same portfolio as an en-US export. */
const EN_US = ['id,name,logins,ultimo_login,mrr,ativo,dias_atraso', 'A1,"Acme, Inc",15,05/01/2024,"1,234.56",yes,0', 'A2,Beta,2,03/15/2024,"4,999.00",No,45', ''].join('\n');

function memoryEnv(files: Record<string, string | Uint8Array>) {
  return captureEnvironment({ readFile: memoryFiles(files), today: epochDay(2024, 5, 11) });
}

describe('runScore', () => {
  it('scores an Excel pt-BR export: hand-computed scores, bands, coverage and category scores', () => {
    const m = memoryEnv({ 'm.json': JSON.stringify(MODEL), 'pt.csv': PT_BR });
    const code = runScore(['--model', 'm.json', '--data', 'pt.csv', '--as-of', '2024-05-11'], m.env);
    expect(code).toBe(EXIT.ok);
    // A1: logins 15 -> 75; last login 10 days ago -> 83.33; uso 79.17. mrr 1234.56 -> 24.69; sim -> 100; fin 62.35.
    //     (2 × 79.1667 + 62.3456) / 3 = 73.56 -> 74, green.
    // A2: logins 2 -> 10; 57 days -> 5; uso 7.5. mrr 4999 -> 99.98; não -> 0; fin 49.99.
    //     (15 + 49.99) / 3 = 21.66; overdue 45 > 30: −15 -> 6.66 -> 7, red.
    // A3: nothing -> no score, coverage 0.
    // A4: only mrr 12,5 -> 0.25 points; coverage (1/3)·(1/2) = 0.167 < 0.5 -> insufficient.
    expect(m.out()).toBe(
      ['id,score,band,coverage,uso,fin', 'A1,74,green,1.000,79,62', 'A2,7,red,1.000,8,50', 'A3,,insufficient,0.000,,', 'A4,0,insufficient,0.167,,0', ''].join('\n'),
    );
    expect(m.err()).toContain('pt.csv, row 5, column "logins" (C): "abc" is not a number');
    expect(m.err()).toContain('"31/02/2024" is not a date');
    expect(m.err()).toContain('"talvez" is not a yes/no value');
    expect(m.err()).toMatch(/^3 warnings\.$/m);
  });

  it('gives the same scores for the en-US export of the same data', () => {
    const m = memoryEnv({ 'm.json': JSON.stringify(MODEL), 'en.csv': EN_US });
    expect(runScore(['--model', 'm.json', '--data', 'en.csv', '--as-of', '2024-05-11', '--out', 'out.csv'], m.env)).toBe(EXIT.ok);
    expect(m.written['out.csv']).toBe(['id,score,band,coverage,uso,fin', 'A1,74,green,1.000,79,62', 'A2,7,red,1.000,8,50', ''].join('\n'));
    expect(m.out()).toBe('');
    expect(m.err()).toContain('Scored 2 customers as of 2024-05-11');
  });

  it('uses today as the as-of date by default, and another id column with --id', () => {
    const csv = 'cliente,logins,ultimo_login\nX,20,2024-05-01\n';
    const m = memoryEnv({ 'm.json': JSON.stringify(MODEL), 'd.csv': csv });
    expect(runScore(['--model', 'm.json', '--data', 'd.csv', '--id', 'cliente'], m.env)).toBe(EXIT.ok);
    // today = 2024-05-11: 10 days -> 83.33; logins 100; uso 91.67; fin has no data and is left out.
    // coverage = (2/3)·1 = 0.667.
    expect(m.out()).toBe('id,score,band,coverage,uso,fin\nX,92,green,0.667,92,\n');
  });

  it('honours the format overrides', () => {
    // Read with dots as decimals, "1.234" is one point something, not one thousand.
    const csv = 'id;mrr\nA;1.234\n';
    const model = { ...MODEL, categories: [{ id: 'fin', weight: 1, metrics: [{ id: 'mrr', weight: 1, scoring: { type: 'linear', worst: 0, best: 10 } }] }], adjustments: [] };
    const detected = memoryEnv({ 'm.json': JSON.stringify(model), 'd.csv': csv });
    runScore(['--model', 'm.json', '--data', 'd.csv'], detected.env);
    const forced = memoryEnv({ 'm.json': JSON.stringify(model), 'd.csv': csv });
    runScore(['--model', 'm.json', '--data', 'd.csv', '--decimal', '.'], forced.env);
    expect(detected.out()).toBe('id,score,band,coverage,fin\nA,100,green,1.000,100\n');
    expect(forced.out()).toBe('id,score,band,coverage,fin\nA,12,red,1.000,12\n');
  });

  it('refuses a wrong model with every error by JSON path, and exits 1', () => {
    const bad = { ...MODEL, categories: [{ id: 'uso', weight: -1, metrics: [{ id: 'x', weight: 1, scoring: { type: 'linear', worst: 5, best: 5 } }] }] };
    const m = memoryEnv({ 'm.json': JSON.stringify(bad), 'd.csv': EN_US });
    expect(runScore(['--model', 'm.json', '--data', 'd.csv'], m.env)).toBe(EXIT.badInput);
    expect(m.err()).toContain('m.json: categories[0].weight:');
    expect(m.err()).toContain('m.json: categories[0].metrics[0].scoring.worst: must differ from best');
    expect(m.out()).toBe('');
  });

  it('refuses a CSV without the id column, naming the column and the file', () => {
    const m = memoryEnv({ 'm.json': JSON.stringify(MODEL), 'd.csv': 'code,logins\nA,1\n' });
    expect(runScore(['--model', 'm.json', '--data', 'd.csv'], m.env)).toBe(EXIT.badInput);
    expect(m.err()).toMatch(/error: d\.csv.*"id"/);
    expect(m.err()).toContain('hint: name the column that holds the ids with --id <column>.');
    expect(m.out()).toBe('');
  });

  it('refuses duplicate ids, naming both rows', () => {
    const m = memoryEnv({ 'm.json': JSON.stringify(MODEL), 'd.csv': 'id,logins\nA,1\nB,2\nA,3\n' });
    expect(runScore(['--model', 'm.json', '--data', 'd.csv'], m.env)).toBe(EXIT.badInput);
    expect(m.err()).toMatch(/error: d\.csv.*row 4.*"A".*row 2|error: d\.csv.*row 2.*row 4/);
  });

  it('refuses an empty file and a binary one', () => {
    const m = memoryEnv({ 'm.json': JSON.stringify(MODEL), 'e.csv': '', 'b.csv': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0x14, 0, 0xff]) });
    expect(runScore(['--model', 'm.json', '--data', 'e.csv'], m.env)).toBe(EXIT.badInput);
    expect(runScore(['--model', 'm.json', '--data', 'b.csv'], m.env)).toBe(EXIT.badInput);
    expect(m.err()).toContain('e.csv');
    expect(m.err()).toContain('empty');
    expect(m.err()).toContain('b.csv');
    expect(m.out()).toBe('');
  });

  it('stops on a row with too many cells, and leaves it out with --skip-bad-rows', () => {
    const csv = 'id,logins\nA,1\nB,2,oops\nC,20\n';
    const strict = memoryEnv({ 'm.json': JSON.stringify(MODEL), 'd.csv': csv });
    expect(runScore(['--model', 'm.json', '--data', 'd.csv'], strict.env)).toBe(EXIT.badInput);
    expect(strict.err()).toMatch(/error: d\.csv, row 3/);
    const lenient = memoryEnv({ 'm.json': JSON.stringify(MODEL), 'd.csv': csv });
    expect(runScore(['--model', 'm.json', '--data', 'd.csv', '--skip-bad-rows'], lenient.env)).toBe(EXIT.ok);
    expect(lenient.out().split('\n').map((l) => l.split(',')[0])).toEqual(['id', 'A', 'C', '']);
    expect(lenient.err()).toMatch(/warning: d\.csv, row 3/);
  });

  it('says which file it cannot read', () => {
    const m = memoryEnv({ 'm.json': JSON.stringify(MODEL) });
    expect(runScore(['--model', 'm.json', '--data', 'nope.csv'], m.env)).toBe(EXIT.badInput);
    expect(m.err()).toBe('error: nope.csv: cannot read the file (no such file).\n');
  });

  it.each([
    [['--data', 'd.csv'], 'missing --model'],
    [['--model', 'm.json'], 'missing --data'],
    [['--model', 'm.json', '--data', 'd.csv', '--as-of', '11/05/2024'], '--as-of must be a date written YYYY-MM-DD'],
    [['--model', 'm.json', '--data', 'd.csv', '--decimal', 'x'], '--decimal must be'],
    [['--model', 'm.json', '--data', 'd.csv', '--bogus'], "Unknown option '--bogus'"],
  ])('rejects the command %j with exit 2', (argv, message) => {
    const m = memoryEnv({});
    expect(runScore(argv, m.env)).toBe(EXIT.usage);
    expect(m.err()).toContain(message);
    expect(m.err()).toContain('Usage: npm run -s score');
  });
});

describe('npm run score (a real process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulso-cli-'));
  const model = join(dir, 'model.json');
  const data = join(dir, 'pt.csv');
  writeFileSync(model, JSON.stringify(MODEL));
  writeFileSync(data, PT_BR);

  it('writes the scores file and reports warnings with a count on stderr', () => {
    const out = join(dir, 'scores.csv');
    const run = spawnSync('npm', ['run', '-s', 'score', '--', '--model', model, '--data', data, '--as-of', '2024-05-11', '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n').slice(0, 3)).toEqual(['id,score,band,coverage,uso,fin', 'A1,74,green,1.000,79,62', 'A2,7,red,1.000,8,50']);
    expect(run.stderr).toMatch(/^3 warnings\.$/m);
  }, 60_000);

  it('writes CSV to standard output, and exits non-zero on a broken model', () => {
    const stdout = execFileSync('npm', ['run', '-s', 'score', '--', '--model', model, '--data', data, '--as-of', '2024-05-11'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(stdout.startsWith('id,score,band,coverage,uso,fin\nA1,74,green,1.000,79,62\n')).toBe(true);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format": "health-model/v1", "name": "x", "categories": [');
    const run = spawnSync('npm', ['run', '-s', 'score', '--', '--model', broken, '--data', data], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('broken.json');
  }, 60_000);
});

describe('scoresCsv on an empty portfolio', () => {
  it('writes the header and one line break, nothing more', async () => {
    const { scoresCsv } = await import('../../../src/cli/run-score');
    const { scorePortfolio } = await import('../../../src/engine');
    const model = { ...MODEL, format: 'health-model/v1' as const } as Parameters<typeof scorePortfolio>[0];
    const empty = scorePortfolio(model, { size: 0, ids: [], columns: new Map() }, { asOf: 0 });
    expect(scoresCsv([], empty)).toBe('id,score,band,coverage,uso,fin\n');
  });
});
