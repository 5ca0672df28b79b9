/**
 * "Export current scores", black-box: the standard dialect row by row against the headless
 * scorer's answer, the locale dialect (pt-BR Excel), a subset of rows, the change column, and
 * formulas in imported names made harmless.
 */
import { describe, expect, it } from 'vitest';
import type { ExportScoresRequest } from '../../../src/worker/api';
import { cliScores, day, fixtureBytes, fixtureText, freshService, importText } from './support';

const PT_BR = 'tests/fixtures/csv/b2b-saas-pt-br.csv';
const JULY = day('2024-07-01');
const CATEGORIES = ['Product usage', 'Engagement', 'Satisfaction', 'Support', 'Financial', 'Journey', 'CSM sentiment'];
const CATEGORY_IDS = ['usage', 'engagement', 'satisfaction', 'support', 'financial', 'journey', 'csm'];

const STANDARD: ExportScoresRequest = {
  dialect: 'standard',
  locale: 'en',
  header: { id: 'id', name: 'name', score: 'score', band: 'band', coverage: 'coverage', delta: 'change' },
  bandLabels: ['At risk', 'Watch', 'Healthy', 'Insufficient data'],
};

const PT: ExportScoresRequest = {
  dialect: 'locale',
  locale: 'pt-BR',
  header: {
    id: 'ID', name: 'Cliente', score: 'Pontuação', band: 'Faixa', coverage: 'Cobertura', delta: 'Variação',
    overridden: 'Faixa definida à mão', computedBand: 'Faixa calculada',
  },
  bandLabels: ['Em risco', 'Atenção', 'Saudável', 'Dados insuficientes'],
  yesNo: ['Sim', 'Não'],
};

const NAMES: Readonly<Record<string, string>> = {
  C001: 'Acme Ltda', C002: 'Beta; Comércio', C003: 'Gama', C004: 'Delta', C005: 'Épsilon', C006: 'Acme Filial',
};

async function importedFixture() {
  const { service } = freshService();
  await service.loadLocal({ asOf: JULY });
  const inspection = await service.openImport({ name: 'carteira.csv', data: fixtureBytes(PT_BR) });
  await service.commitImport({ mapping: inspection.mapping, asOf: { day: JULY }, skipBadRows: false });
  return service;
}

describe('exportScores', () => {
  it('writes the standard dialect: the scorer’s numbers, model category labels, an empty change with one snapshot', async () => {
    const service = await importedFixture();
    const text = await service.exportScores(STANDARD);
    const cli = cliScores(new Uint8Array(fixtureBytes(PT_BR)), JULY);
    const expected = [
      // Beside the band: whether it was set by hand (none is here), and the computed band (default English titles).
      ['id', 'name', 'score', 'band', 'Band set by hand', 'Computed band', 'coverage', ...CATEGORIES, 'change'].join(','),
      ...[...cli.values()].map((row) => [row['id'], NAMES[row['id']!], row['score'], row['band'], 'false', row['band'], row['coverage'], ...CATEGORY_IDS.map((c) => row[c]), ''].join(',')),
    ];
    expect(text).toBe(`${expected.join('\n')}\n`);
    // Hand check: C001 scores 91, green, full coverage.
    expect(text.split('\n')[1]).toMatch(/^C001,Acme Ltda,91,green,false,green,1\.000,/);
  });

  it('writes the pt-BR locale dialect: BOM, semicolons, CRLF, coverage in percent with a decimal comma, translated bands', async () => {
    const service = await importedFixture();
    const text = await service.exportScores(PT);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(['ID', 'Cliente', 'Pontuação', 'Faixa', 'Faixa definida à mão', 'Faixa calculada', 'Cobertura (%)', ...CATEGORIES, 'Variação'].join(';'));
    const cli = cliScores(new Uint8Array(fixtureBytes(PT_BR)), JULY);
    const label: Readonly<Record<string, string>> = { red: 'Em risco', yellow: 'Atenção', green: 'Saudável', insufficient: 'Dados insuficientes' };
    const percent = (coverage: string) => (Number(coverage) * 100).toFixed(1).replace('.', ',');
    const quote = (text: string) => (text.includes(';') ? `"${text}"` : text);
    expect(lines.slice(1, -1)).toEqual([...cli.values()].map((row) =>
      [row['id'], quote(NAMES[row['id']!]!), row['score'], label[row['band']!], 'Não', label[row['band']!], percent(row['coverage']!), ...CATEGORY_IDS.map((c) => row[c]), ''].join(';')));
    expect(lines[2]).toContain(';"Beta; Comércio";');
    expect(lines[3]).toMatch(/^C003;Gama;\d+;[^;]+;Não;[^;]+;75,0;/);
  });

  it('writes only the rows asked for, in the order asked', async () => {
    const service = await importedFixture();
    const all = (await service.exportScores(STANDARD)).trimEnd().split('\n');
    const some = (await service.exportScores({ ...STANDARD, rows: [4, 0] })).trimEnd().split('\n');
    expect(some).toEqual([all[0], all[5], all[1]]);
    expect(some[1]!.startsWith('C005,Épsilon,')).toBe(true);
    expect(await service.exportScores({ ...STANDARD, rows: [] })).toBe(`${all[0]}\n`);
  });

  it('fills the change since the previous snapshot', async () => {
    const service = await importedFixture();
    const august = day('2024-08-01');
    const text = fixtureText(PT_BR).replace('C005;Épsilon;Mid;adoption;Carla;3.400,50;31/12/2024;10;60;20/06/2024;4;1;1;7;', 'C005;Épsilon;Mid;adoption;Carla;3.400,50;31/12/2024;10;60;20/06/2024;4;1;1;10;');
    expect(text).not.toBe(fixtureText(PT_BR));
    await importText(service, 'agosto.csv', text, august);
    const before = cliScores(fixtureText(PT_BR), JULY);
    const after = cliScores(text, august);
    const rows = (await service.exportScores(STANDARD)).trimEnd().split('\n').slice(1).map((line) => line.split(','));
    expect(rows.map((cells) => [cells[0], cells.at(-1)])).toEqual([...after.values()].map((row) => {
      const was = before.get(row['id']!)!['score']!;
      return [row['id'], row['score'] === '' || was === '' ? '' : String(Number(row['score']) - Number(was))];
    }));
  });

  it('neutralises formulas in names and ids imported from a file', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: JULY });
    const file = 'id,name,nps\n"=1+2",Normal,9\nX2,"=HYPERLINK(""http://evil.example"",""Click"")",5\nX3,-5 Corp,7\nX4,@SUM(A1),8\n';
    await importText(service, 'evil.csv', file, JULY);
    expect((await service.customers()).names).toEqual(['Normal', '=HYPERLINK("http://evil.example","Click")', '-5 Corp', '@SUM(A1)']);
    const lines = (await service.exportScores(STANDARD)).trimEnd().split('\n');
    expect(lines[1]!.startsWith("'=1+2,Normal,")).toBe(true);
    expect(lines[2]!.startsWith(`X2,"'=HYPERLINK(""http://evil.example"",""Click"")",`)).toBe(true);
    expect(lines[3]!.startsWith("X3,'-5 Corp,")).toBe(true);
    expect(lines[4]!.startsWith("X4,'@SUM(A1),")).toBe(true);
    const pt = (await service.exportScores(PT)).split('\r\n');
    expect(pt[2]!.startsWith(`X2;"'=HYPERLINK(""http://evil.example"",""Click"")";`)).toBe(true);
  });
});
