import { describe, it, expect } from 'vitest';
import { exportScoresCsv, neutraliseCell, readCsv, toColumn } from '../../../src/io';
import type { CsvTable, ScoresExportHeader, ScoresExportInput } from '../../../src/io';
import type { PortfolioScores } from '../../../src/engine/results';
import { values } from './helpers';

const BANDS = [
  { id: 'red', label: 'Red', color: '#d32f2f' },
  { id: 'yellow', label: 'Yellow', color: '#f9a825' },
  { id: 'green', label: 'Green', color: '#388e3c' },
  { id: 'insufficient', label: 'Insufficient data', color: '#9e9e9e' },
];

/** Scores as the engine hands them out, built from one plain row per customer. */
function portfolioScores(rows: readonly {
  score: number; band: number; coverage: number; categories: readonly number[];
}[]): PortfolioScores {
  return {
    size: rows.length,
    score: Float64Array.from(rows, (r) => r.score),
    raw: Float64Array.from(rows, (r) => r.score),
    coverage: Float64Array.from(rows, (r) => r.coverage),
    band: Uint8Array.from(rows, (r) => r.band),
    bands: BANDS,
    categoryIds: ['usage', 'support'],
    categoryScores: [0, 1].map((c) => Float64Array.from(rows, (r) => r.categories[c] ?? NaN)),
  };
}

const SCORES = portfolioScores([
  { score: 82, band: 2, coverage: 0.875, categories: [80.5, 84.2] },
  // 42.49999999999999 is 42.5 read by a person: it rounds to 43.
  { score: 43, band: 0, coverage: 1, categories: [43, 42.49999999999999] },
  { score: NaN, band: 3, coverage: 0, categories: [NaN, NaN] },
  { score: 65, band: 1, coverage: 2 / 3, categories: [65, NaN] },
]);

const IDS = ['C-001', 'C-002', 'C-003', 'C-004'];
const NAMES = ['Padaria Pão Quente', 'Oficina; "São João", Ltda', 'Clínica Vida & Saúde', 'Açougue Araújo'];
/** The last snapshot: C-003 had a score then but has none now, C-004 is new. */
const PREVIOUS = Float64Array.from([70, 55, 60, NaN]);

const EN_HEADER: ScoresExportHeader = {
  id: 'id', name: 'name', score: 'score', band: 'band', coverage: 'coverage', delta: 'delta', categories: ['usage', 'support'],
};
const PT_HEADER: ScoresExportHeader = {
  id: 'Código', name: 'Cliente', score: 'Pontuação', band: 'Faixa', coverage: 'Cobertura', delta: 'Variação',
  categories: ['Uso', 'Suporte'],
};
const ES_HEADER: ScoresExportHeader = {
  id: 'Código', name: 'Cliente', score: 'Puntuación', band: 'Franja', coverage: 'Cobertura', delta: 'Variación',
  categories: ['Uso', 'Soporte'],
};
const PT_BANDS = ['Vermelho', 'Amarelo', 'Verde', 'Dados insuficientes'];
const ES_BANDS = ['Rojo', 'Amarillo', 'Verde', 'Datos insuficientes'];

function input(overrides: Partial<ScoresExportInput> = {}): ScoresExportInput {
  return { ids: IDS, names: NAMES, scores: SCORES, previousScore: PREVIOUS, header: EN_HEADER, ...overrides };
}

const BOM = '\uFEFF';

describe('exportScoresCsv, standard dialect', () => {
  it('writes ",", dot decimals, band ids, coverage 0–1 to 3 decimals, LF and no BOM', () => {
    expect(exportScoresCsv(input({ bandLabels: PT_BANDS }), { dialect: 'standard' })).toBe(
      'id,name,score,band,coverage,usage,support,delta\n' +
      'C-001,Padaria Pão Quente,82,green,0.875,81,84,12\n' +
      'C-002,"Oficina; ""São João"", Ltda",43,red,1.000,43,43,-12\n' +
      'C-003,Clínica Vida & Saúde,,insufficient,0.000,,,\n' +
      'C-004,Açougue Araújo,65,yellow,0.667,65,,\n',
    );
  });

  it('ignores the locale: standard is the same file everywhere', () => {
    expect(exportScoresCsv(input(), { dialect: 'standard', locale: 'pt-BR' }))
      .toBe(exportScoresCsv(input(), { dialect: 'standard' }));
  });

  it('leaves every delta empty when there is no previous snapshot', () => {
    expect(exportScoresCsv(input({ previousScore: undefined }), { dialect: 'standard' })).toBe(
      'id,name,score,band,coverage,usage,support,delta\n' +
      'C-001,Padaria Pão Quente,82,green,0.875,81,84,\n' +
      'C-002,"Oficina; ""São João"", Ltda",43,red,1.000,43,43,\n' +
      'C-003,Clínica Vida & Saúde,,insufficient,0.000,,,\n' +
      'C-004,Açougue Araújo,65,yellow,0.667,65,,\n',
    );
  });

  it('writes a delta of 0 as 0, never -0', () => {
    const scores = portfolioScores([{ score: 0, band: 0, coverage: 1, categories: [0, -0] }]);
    const csv = exportScoresCsv(input({ ids: ['A'], names: ['B'], scores, previousScore: Float64Array.from([-0]) }), { dialect: 'standard' });
    expect(csv.split('\n')[1]).toBe('A,B,0,red,1.000,0,0,0');
  });

  it('writes the header only for an empty portfolio', () => {
    const csv = exportScoresCsv(input({ ids: [], names: [], scores: portfolioScores([]), previousScore: new Float64Array(0) }), { dialect: 'standard' });
    expect(csv).toBe('id,name,score,band,coverage,usage,support,delta\n');
    const local = exportScoresCsv(input({ ids: [], names: [], scores: portfolioScores([]), previousScore: new Float64Array(0) }), { dialect: 'locale', locale: 'pt-BR' });
    expect(local).toBe(`${BOM}id;name;score;band;coverage (%);usage;support;delta\r\n`);
  });
});

describe('exportScoresCsv, locale dialect', () => {
  it('pt-BR: BOM, CRLF, ";", decimal commas, coverage in percent, translated titles and bands', () => {
    expect(exportScoresCsv(input({ header: PT_HEADER, bandLabels: PT_BANDS }), { dialect: 'locale', locale: 'pt-BR' })).toBe(
      `${BOM}Código;Cliente;Pontuação;Faixa;Cobertura (%);Uso;Suporte;Variação\r\n` +
      'C-001;Padaria Pão Quente;82;Verde;87,5;81;84;12\r\n' +
      'C-002;"Oficina; ""São João"", Ltda";43;Vermelho;100,0;43;43;-12\r\n' +
      'C-003;Clínica Vida & Saúde;;Dados insuficientes;0,0;;;\r\n' +
      'C-004;Açougue Araújo;65;Amarelo;66,7;65;;\r\n',
    );
  });

  it('es: the same conventions as pt-BR', () => {
    expect(exportScoresCsv(input({ header: ES_HEADER, bandLabels: ES_BANDS }), { dialect: 'locale', locale: 'es' })).toBe(
      `${BOM}Código;Cliente;Puntuación;Franja;Cobertura (%);Uso;Soporte;Variación\r\n` +
      'C-001;Padaria Pão Quente;82;Verde;87,5;81;84;12\r\n' +
      'C-002;"Oficina; ""São João"", Ltda";43;Rojo;100,0;43;43;-12\r\n' +
      'C-003;Clínica Vida & Saúde;;Datos insuficientes;0,0;;;\r\n' +
      'C-004;Açougue Araújo;65;Amarillo;66,7;65;;\r\n',
    );
  });

  it('en-US: BOM and CRLF, but "," and dot decimals; without bandLabels the bands\' own labels', () => {
    expect(exportScoresCsv(input(), { dialect: 'locale', locale: 'en-US' })).toBe(
      `${BOM}id,name,score,band,coverage (%),usage,support,delta\r\n` +
      'C-001,Padaria Pão Quente,82,Green,87.5,81,84,12\r\n' +
      'C-002,"Oficina; ""São João"", Ltda",43,Red,100.0,43,43,-12\r\n' +
      'C-003,Clínica Vida & Saúde,,Insufficient data,0.0,,,\r\n' +
      'C-004,Açougue Araújo,65,Yellow,66.7,65,,\r\n',
    );
  });

  it('follows the locale\'s decimal separator: comma for de, fr and es-ES; dot for es-MX and de-CH', () => {
    const delimiter = (locale: string) => exportScoresCsv(input(), { dialect: 'locale', locale }).split('\r\n')[1]?.slice(5, 6);
    expect(['de', 'fr', 'es-ES', 'it', 'pt-PT'].map(delimiter)).toEqual([';', ';', ';', ';', ';']);
    expect(['es-MX', 'de-CH', 'en-GB', 'ja'].map(delimiter)).toEqual([',', ',', ',', ',']);
  });

  it('never writes thousands separators, even where the locale groups digits', () => {
    const scores = portfolioScores([{ score: 5000, band: 2, coverage: 12.345, categories: [1234.4, 2000] }]);
    const csv = exportScoresCsv(input({ ids: ['A'], names: ['B'], scores, previousScore: Float64Array.from([-1000]) }), { dialect: 'locale', locale: 'pt-BR' });
    expect(csv.split('\r\n')[1]).toBe('A;B;5000;Green;1234,5;1234;2000;6000');
  });

  it('refuses a locale tag that is not one, as Intl does', () => {
    expect(() => exportScoresCsv(input(), { dialect: 'locale', locale: 'pt_BR!' })).toThrow(RangeError);
  });

  it('does not add a second "(%)" to a coverage title that already has one', () => {
    const csv = exportScoresCsv(input({ header: { ...PT_HEADER, coverage: 'Cobertura (%)' } }), { dialect: 'locale', locale: 'pt-BR' });
    expect(csv.split('\r\n')[0]).toBe(`${BOM}Código;Cliente;Pontuação;Faixa;Cobertura (%);Uso;Suporte;Variação`);
  });
});

describe('formula injection', () => {
  const DANGEROUS = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'];

  it('neutraliseCell prefixes a quote to text starting with = + - @ tab or CR, and only to that', () => {
    expect(DANGEROUS.map(neutraliseCell)).toEqual(["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tx", "'\rx"]);
    expect(['', 'Acme', ' =1', 'a=1', "'=1", '12', 'São João'].map(neutraliseCell)).toEqual(['', 'Acme', ' =1', 'a=1', "'=1", '12', 'São João']);
  });

  const scores = portfolioScores(DANGEROUS.map(() => ({ score: 40, band: 0, coverage: 0.5, categories: [40, NaN] })));
  const evil = input({
    ids: DANGEROUS,
    names: [...DANGEROUS].reverse(),
    scores,
    previousScore: Float64Array.from(DANGEROUS, () => 52),
    bandLabels: ['=HYPERLINK("http://x")', 'Amarelo', 'Verde', 'Dados insuficientes'],
    header: { ...PT_HEADER, id: '@id', categories: ['-Uso', 'Suporte'] },
  });

  it('neutralises ids, names, band labels and titles, while a real negative delta stays -12 (standard)', () => {
    expect(exportScoresCsv({ ...evil, bandLabels: undefined }, { dialect: 'standard' })).toBe(
      "'@id,Cliente,Pontuação,Faixa,Cobertura,'-Uso,Suporte,Variação\n" +
      "'=1+1,\"'\rx\",40,red,0.500,40,,-12\n" +
      "'+SUM(A1),'\tx,40,red,0.500,40,,-12\n" +
      "'-2+3,'@cmd,40,red,0.500,40,,-12\n" +
      "'@cmd,'-2+3,40,red,0.500,40,,-12\n" +
      "'\tx,'+SUM(A1),40,red,0.500,40,,-12\n" +
      "\"'\rx\",'=1+1,40,red,0.500,40,,-12\n",
    );
  });

  it('does the same in the locale dialect', () => {
    const lines = exportScoresCsv(evil, { dialect: 'locale', locale: 'pt-BR' }).split('\r\n');
    expect(lines[0]).toBe(`${BOM}'@id;Cliente;Pontuação;Faixa;Cobertura (%);'-Uso;Suporte;Variação`);
    expect(lines[1]).toBe(`'=1+1;"'\rx";40;"'=HYPERLINK(""http://x"")";50,0;40;;-12`);
    expect(lines[3]).toBe("'-2+3;'@cmd;40;\"'=HYPERLINK(\"\"http://x\"\")\";50,0;40;;-12");
  });

  it('no cell of a dangerous export reads back starting with a formula character, except our own numbers', () => {
    const t = readCsv({ name: 'scores.csv', data: exportScoresCsv(evil, { dialect: 'locale', locale: 'pt-BR' }) }).table as CsvTable;
    const delta = t.header.indexOf('Variação');
    t.columns.forEach((cells, c) => {
      for (const cell of cells) if (c !== delta) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });
    expect(t.columns[delta]).toEqual(DANGEROUS.map(() => '-12'));
    expect(t.columns[0]).toEqual(DANGEROUS.map((text) => `'${text}`));
  });
});

describe('the app re-imports its own export', () => {
  function reread(csv: string): CsvTable {
    const { table, issues } = readCsv({ name: 'scores.csv', data: csv });
    expect(issues).toEqual([]);
    return table as CsvTable;
  }
  const numbers = (t: CsvTable, name: string) => values(toColumn(t, t.header.indexOf(name), 'number').column);

  it('pt-BR: ";", decimal comma, BOM and CRLF detected; accents, quotes and ";" in names intact', () => {
    const t = reread(exportScoresCsv(input({ header: PT_HEADER, bandLabels: PT_BANDS }), { dialect: 'locale', locale: 'pt-BR' }));
    expect(t.format).toMatchObject({ delimiter: ';', decimal: ',', bom: true, lineEnding: '\r\n', encoding: 'utf-8' });
    expect(t.header).toEqual(['Código', 'Cliente', 'Pontuação', 'Faixa', 'Cobertura (%)', 'Uso', 'Suporte', 'Variação']);
    expect(t.columns[0]).toEqual(IDS);
    expect(t.columns[1]).toEqual(NAMES);
    expect(t.columns[3]).toEqual(['Verde', 'Vermelho', 'Dados insuficientes', 'Amarelo']);
    expect(numbers(t, 'Pontuação')).toEqual([82, 43, NaN, 65]);
    expect(numbers(t, 'Cobertura (%)')).toEqual([87.5, 100, 0, 66.7]);
    expect(numbers(t, 'Suporte')).toEqual([84, 43, NaN, NaN]);
    expect(numbers(t, 'Variação')).toEqual([12, -12, NaN, NaN]);
  });

  it('standard: ",", dot decimals, no BOM, LF detected; the same values', () => {
    const t = reread(exportScoresCsv(input(), { dialect: 'standard' }));
    expect(t.format).toMatchObject({ delimiter: ',', decimal: '.', bom: false, lineEnding: '\n' });
    expect(t.columns[1]).toEqual(NAMES);
    expect(t.columns[3]).toEqual(['green', 'red', 'insufficient', 'yellow']);
    expect(numbers(t, 'coverage')).toEqual([0.875, 1, 0, 0.667]);
    expect(numbers(t, 'delta')).toEqual([12, -12, NaN, NaN]);
  });

  it('names with line breaks and both delimiters survive the trip in both dialects', () => {
    const names = ['Linha 1\r\nLinha 2', 'a,b;c', '"citado"', 'Ñandú Ltda.'];
    for (const options of [{ dialect: 'standard' }, { dialect: 'locale', locale: 'es' }] as const) {
      const t = reread(exportScoresCsv(input({ names }), options));
      expect(t.columns[1]).toEqual(names);
    }
  });
});
