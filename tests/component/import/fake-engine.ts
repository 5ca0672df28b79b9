/**
 * A fake worker for the import wizard's tests: only what the wizard (and `AppState`, to start and
 * to reload after an import) calls; every other method rejects. It behaves like the real worker on one
 * realistic file — a pt-BR Excel export, `;`-separated, Windows-1252, day-first dates — and
 * records every call, so tests can tell what was (and was not) asked of the worker.
 */
import { suggestMapping } from '../../../src/io/column-mapping';
import type {
  CsvFormat, CsvOverrides, EngineApi, ImportCheck, ImportInspection, ImportMetric, ImportOutcome, ImportPlan, ImportProgress,
  PortfolioSummary, ProblemGroup,
} from '../../../src/worker/api';

const DAY_MS = 86_400_000;
export const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;

/** The device's "today" in these tests. */
export const TODAY = day(2026, 11, 23);

export const FILE_NAME = 'clientes-junho.csv';
export const HEADER = ['Cliente', 'Nome', 'Segmento', 'Logins 30 dias', 'NPS', 'Data'] as const;

/** The file's bytes: what Excel writes for "CSV (separado por ponto e vírgula)" (Windows-1252, CRLF). */
export function excelFile(name = FILE_NAME): File {
  const lines = [HEADER.join(';'), ...ROWS.map((row) => row.join(';'))];
  return new File([lines.join('\r\n')], name, { type: 'text/csv' });
}

/** An Excel workbook saved with a .csv name: a zip archive (`PK\x03\x04…`), not text. */
export function workbookFile(name = 'clientes.csv'): File {
  return new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])], name, { type: 'text/csv' });
}

const ROWS: readonly (readonly string[])[] = [
  ['CLI-001', 'Padaria Pão Quente', 'PME', '23', '9', '31/01/2026'],
  ['CLI-002', 'Construtora Alicerce', 'Enterprise', '112', '7', '31/01/2026'],
  ['CLI-003', 'Clínica Sorriso', 'PME', '4', 'dez', '31/01/2026'],
  ['CLI-004', 'Escola Aprender', 'Mid-market', '57', '10', '31/01/2026'],
  ['CLI-005', 'Loja da Esquina', 'PME', '0', '', '31/01/2026'],
  ['CLI-006', 'Transportes Rápido', 'Enterprise', '1.204', '8', '28/02/2026'],
  ['CLI-007', 'Café Colonial', 'PME', '15', 'nove', '28/02/2026'],
  ['CLI-008', 'Agência Criativa', 'Mid-market', '33', '6', '28/02/2026'],
  ['CLI-009', 'Farmácia Saúde', 'PME', '19', '9', '31/03/2026'],
  ['CLI-010', 'Hotel Serra Azul', 'Mid-market', '41', '?', '31/03/2026'],
];
/** Row 7 of the file is blank: spreadsheet row numbers skip it, as a spreadsheet shows them. */
const ROW_NUMBERS = [2, 3, 4, 5, 6, 8, 9, 10, 11, 12];
const ROW_COUNT = 42;

export const METRICS: readonly ImportMetric[] = [
  { id: 'logins_30d', label: 'Logins (last 30 days)', source: 'logins_30d', kind: 'number' },
  { id: 'nps', label: 'NPS', source: 'nps', kind: 'number' },
  { id: 'csm_sentiment', label: 'CSM sentiment', source: 'csm_sentiment', kind: 'text' },
];

const DETECTED: CsvFormat = {
  delimiter: ';', decimal: ',', thousands: '.', dateOrder: 'dmy', encoding: 'windows-1252', bom: false, lineEnding: '\r\n',
  detected: { delimiter: true, decimal: true, dateOrder: true, encoding: true },
};

/** The days of the file's "Data" column. */
export const HISTORY_DAYS = [day(2026, 1, 31), day(2026, 2, 28), day(2026, 3, 31)];

export interface FakeOptions {
  /** Verdict of the first check (without skipping bad rows). Default `ok`. */
  readonly verdict?: ImportCheck['verdict'];
  /** The mapping is the one remembered from an earlier file with the same columns. */
  readonly remembered?: boolean;
  readonly supersedesManual?: number;
  /** The worker finds the same content already stored. */
  readonly duplicate?: boolean;
  /** `commitImport` rejects with this error (after reporting the reading phase). */
  readonly commitError?: Error;
  /** `commitImport` waits for `finishCommit()`; progress is reported by `reportProgress()`. */
  readonly holdCommit?: boolean;
}

type Call = { readonly method: keyof EngineApi; readonly args: readonly unknown[] };

function group(fields: Omit<ProblemGroup, 'file' | 'message'> & { message?: string }): ProblemGroup {
  return { file: FILE_NAME, message: `${FILE_NAME}: ${fields.code}`, ...fields };
}

const NPS_CELLS = group({
  severity: 'warning', code: 'cell.not-a-number', column: 'NPS', columnLetter: 'E', count: 3, rows: [4, 9, 12],
  examples: [{ row: 4, value: 'dez' }, { row: 9, value: 'nove' }, { row: 12, value: '?' }],
});

function emptyIds(severity: 'error' | 'warning'): ProblemGroup {
  return group({
    severity, code: 'id.empty', column: 'Cliente', columnLetter: 'A', count: 2, rows: [17, 30], examples: [{ row: 17 }, { row: 30 }],
  });
}

const DUPLICATE_IDS = group({
  severity: 'error', code: 'id.duplicate', column: 'Cliente', columnLetter: 'A', count: 2, rows: [21, 33],
  examples: [{ row: 21, value: 'CLI-007' }, { row: 33, value: 'CLI-012' }],
});

const ID_NOT_MAPPED = group({ severity: 'error', code: 'id.column-missing', count: 1, rows: [], examples: [] });

const NOT_TEXT = group({
  severity: 'error', code: 'file.not-text', count: 1, rows: [], examples: [],
  message: 'clientes.csv is not a text (CSV) file: it looks like an Excel workbook.',
});

export class FakeImportEngine implements EngineApi {
  readonly calls: Call[] = [];
  readonly #options: FakeOptions;
  #onProgress: ((progress: ImportProgress) => void) | undefined;
  #finish: (() => void) | undefined;

  constructor(options: FakeOptions = {}) {
    this.#options = options;
  }

  /** The arguments of every call of `method`, in order. */
  callsOf<M extends keyof EngineApi>(method: M): Parameters<EngineApi[M]>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args as Parameters<EngineApi[M]>);
  }

  /** With `holdCommit`: reports progress to the wizard, as the worker does while it saves. */
  reportProgress(progress: ImportProgress): void {
    if (!this.#onProgress) throw new Error('no import is running');
    this.#onProgress(progress);
  }

  /** With `holdCommit`: lets the running import finish. */
  finishCommit(): void {
    if (!this.#finish) throw new Error('no import is running');
    this.#finish();
  }

  #record(method: keyof EngineApi, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  async openImport(file: { readonly name: string; readonly data: ArrayBuffer }): Promise<ImportInspection> {
    this.#record('openImport', file);
    const bytes = new Uint8Array(file.data);
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      return {
        fileName: file.name, format: null, header: [], kinds: [], preview: [], previewRows: [], rowCount: 0,
        problems: [{ ...NOT_TEXT, file: file.name }], metrics: METRICS, mapping: { fields: {}, metrics: {} }, remembered: false,
        dateColumns: [],
      };
    }
    return this.#inspect(file.name, {});
  }

  async reformatImport(overrides: CsvOverrides): Promise<ImportInspection> {
    this.#record('reformatImport', overrides);
    return this.#inspect(FILE_NAME, overrides);
  }

  #inspect(fileName: string, overrides: CsvOverrides): ImportInspection {
    const format: CsvFormat = {
      ...DETECTED,
      ...overrides,
      detected: {
        delimiter: overrides.delimiter === undefined,
        decimal: overrides.decimal === undefined,
        dateOrder: overrides.dateOrder === undefined,
        encoding: overrides.encoding === undefined,
      },
    };
    const common = { fileName, format, rowCount: ROW_COUNT, previewRows: ROW_NUMBERS, problems: [], metrics: METRICS };
    if (format.delimiter !== ';') {
      // Split on the wrong separator, every line is one cell.
      return {
        ...common, header: [HEADER.join(';')], kinds: ['text'], preview: ROWS.map((row) => [row.join(';')]),
        mapping: { fields: {}, metrics: {} }, remembered: false, dateColumns: [],
      };
    }
    const { fields, metrics } = this.#options.remembered
      ? { fields: { id: 0, name: 1, segment: 2 }, metrics: { logins_30d: 3, nps: 4 } }
      : suggestMapping(HEADER, { metrics: METRICS });
    return {
      ...common, header: [...HEADER], kinds: ['text', 'text', 'text', 'number', 'number', 'date'], preview: ROWS,
      mapping: { fields, metrics }, remembered: this.#options.remembered ?? false, dateColumns: [5],
    };
  }

  async checkImport(plan: ImportPlan): Promise<ImportCheck> {
    this.#record('checkImport', plan);
    return this.#check(plan);
  }

  #check(plan: ImportPlan): ImportCheck {
    const days = 'day' in plan.asOf ? [plan.asOf.day] : HISTORY_DAYS;
    const supersedesManual = this.#options.supersedesManual ?? 0;
    if (plan.mapping.fields.id === undefined) {
      return { rows: ROW_COUNT, usable: 0, bad: 0, days: [], problems: [ID_NOT_MAPPED, NPS_CELLS], verdict: 'blocked', supersedesManual };
    }
    switch (this.#options.verdict ?? 'ok') {
      case 'blocked':
        return { rows: ROW_COUNT, usable: 38, bad: 0, days, problems: [DUPLICATE_IDS, NPS_CELLS], verdict: 'blocked', supersedesManual };
      case 'needs-choice':
        return plan.skipBadRows
          ? { rows: ROW_COUNT, usable: 40, bad: 2, days, problems: [NPS_CELLS, emptyIds('warning')], verdict: 'ok', supersedesManual }
          : { rows: ROW_COUNT, usable: 40, bad: 2, days, problems: [emptyIds('error'), NPS_CELLS], verdict: 'needs-choice', supersedesManual };
      case 'ok':
        return { rows: ROW_COUNT, usable: ROW_COUNT, bad: 0, days, problems: [NPS_CELLS], verdict: 'ok', supersedesManual };
    }
  }

  async commitImport(plan: ImportPlan, onProgress?: (progress: ImportProgress) => void): Promise<ImportOutcome> {
    this.#record('commitImport', plan, onProgress);
    const check = this.#check(plan);
    if (check.verdict !== 'ok') throw Object.assign(new Error('The plan does not pass the check'), { name: 'ImportBlockedError' });
    onProgress?.({ phase: 'reading', done: 0, total: ROW_COUNT, rowsPerSecond: 0 });
    if (this.#options.commitError) throw this.#options.commitError;
    if (this.#options.holdCommit) {
      this.#onProgress = onProgress;
      await new Promise<void>((resolve) => (this.#finish = resolve));
    } else {
      onProgress?.({ phase: 'checking', done: ROW_COUNT, total: ROW_COUNT, rowsPerSecond: 8400 });
      onProgress?.({ phase: 'saving', done: ROW_COUNT, total: ROW_COUNT, rowsPerSecond: 5250 });
      onProgress?.({ phase: 'scoring', done: ROW_COUNT, total: ROW_COUNT, rowsPerSecond: 4200 });
    }
    const duplicate = this.#options.duplicate ?? false;
    return {
      summary: duplicate ? { new: 0, updated: 0, unchanged: 0, skipped: 0 } : { new: check.usable - 2, updated: 2, unchanged: 0, skipped: check.bad },
      duplicate,
      days: duplicate ? [] : check.days,
      portfolio: this.portfolio(check),
      rows: check.rows,
      ms: 420,
    };
  }

  /** The portfolio the worker holds after importing what `check` describes. */
  portfolio(check: Pick<ImportCheck, 'usable' | 'days'>): PortfolioSummary {
    return {
      source: 'local', modelName: 'B2B SaaS', revision: 'rev-1', minCoverage: 0.5, asOf: check.days.at(-1) ?? TODAY,
      size: check.usable, snapshots: check.days, imports: check.days.length,
    };
  }

  async problemsCsv(options: Parameters<EngineApi['problemsCsv']>[0]): Promise<string> {
    this.#record('problemsCsv', options);
    return '\uFEFFArquivo;Gravidade;Linha;Coluna;Valor;Problema\r\nclientes-junho.csv;atenção;4;NPS (E);dez;…\r\n';
  }

  async timings(): Promise<Readonly<Record<string, number>>> {
    return {};
  }

  async closeImport(): Promise<void> {
    this.#record('closeImport');
  }

  // What AppState asks for when it starts, and again after an import.
  async scores(): Promise<Awaited<ReturnType<EngineApi['scores']>>> {
    return { asOf: TODAY, score: new Float64Array(0), previousScore: new Float64Array(0), coverage: new Float64Array(0), band: new Uint8Array(0), computedBand: new Uint8Array(0), overridden: new Uint8Array(0), previousBand: new Uint8Array(0), bands: [] };
  }

  async customers(): Promise<Awaited<ReturnType<EngineApi['customers']>>> {
    return { ids: [], names: [], segments: [], stages: [], owners: [], mrr: new Float64Array(0), renewal: new Float64Array(0) };
  }

  async subscribe(): Promise<void> {}

  /** The app starts on the demo before the user opens the wizard. */
  async loadDemo(): Promise<PortfolioSummary> {
    return { source: 'demo', modelName: 'B2B SaaS', revision: 'rev-1', minCoverage: 0.5, asOf: TODAY, size: 0, snapshots: [TODAY], imports: 0 };
  }

  // Not used by the wizard.
  loadLocal = notHere('loadLocal');
  summary = notHere('summary');
  explain = notHere('explain');
  trend = notHere('trend');
  customerHistory = notHere('customerHistory');
  listImports = notHere('listImports');
  deleteImport = notHere('deleteImport');
  deleteAllData = notHere('deleteAllData');
  entryTargets = notHere('entryTargets');
  addEntry = notHere('addEntry');
  listEntries = notHere('listEntries');
  deleteEntry = notHere('deleteEntry');
  exportScores = notHere('exportScores');
  backup = notHere('backup');
  checkRestore = notHere('checkRestore');
  restore = notHere('restore');
  modelFile = notHere('modelFile');
  useModel = notHere('useModel');
  model = notHere('model');
  previewModel = notHere('previewModel');
  checkModel = notHere('checkModel');
  methodProgress = notHere('methodProgress');
  saveMethodProgress = notHere('saveMethodProgress');
  bandActions = notHere('bandActions');
  setBandActions = notHere('setBandActions');
  explainMove = notHere('explainMove');
  setOverride = notHere('setOverride');
  endOverride = notHere('endOverride');
  listOverrides = notHere('listOverrides');
  revisions = notHere('revisions');
  compareRevisions = notHere('compareRevisions');
  indicatorDistribution = notHere('indicatorDistribution');
  readModelFile = notHere('readModelFile');
  indicatorHistory = notHere('indicatorHistory');
  dataColumns = notHere('dataColumns');
  playbooks = notHere('playbooks');
  savePlaybook = notHere('savePlaybook');
  deletePlaybook = notHere('deletePlaybook');
  dueTasks = notHere('dueTasks');
  ensureDefaultPlaybooks = notHere('ensureDefaultPlaybooks');
  replacePlaybooks = notHere('replacePlaybooks');
  runPlaybooks = notHere('runPlaybooks');
  tasks = notHere('tasks');
  closeTask = notHere('closeTask');
  reopenTask = notHere('reopenTask');
  addTask = notHere('addTask');
  opportunityLists = notHere('opportunityLists');
  setListColumn = notHere('setListColumn');
  exportList = notHere('exportList');
  alerts = notHere('alerts');
  markAlertsSeen = notHere('markAlertsSeen');
  methodFile = notHere('methodFile');
  readMethodFile = notHere('readMethodFile');
  useMethodFile = notHere('useMethodFile');
  openOutcomeFile = notHere('openOutcomeFile');
  outcomeValues = notHere('outcomeValues');
  checkOutcomes = notHere('checkOutcomes');
  commitOutcomes = notHere('commitOutcomes');
  closeOutcomeFile = notHere('closeOutcomeFile');
  outcomes = notHere('outcomes');
  outcomeCounts = notHere('outcomeCounts');
  setOutcome = notHere('setOutcome');
  clearOutcome = notHere('clearOutcome');
  clearOutcomes = notHere('clearOutcomes');
  calibration = notHere('calibration');
  backtestDays = notHere('backtestDays');
  backtest = notHere('backtest');
}

function notHere(method: string): () => Promise<never> {
  return () => Promise.reject(new Error(`${method} is not part of the import wizard's fake engine`));
}
