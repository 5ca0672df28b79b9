/**
 * Test files for the end-to-end import tests, derived in code from the real datasets in
 * tests/fixtures/datasets (which stay byte-identical to their sources), and the counts the app
 * should report for them, worked out here from the same rows rather than written down by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const DATASETS = path.resolve(import.meta.dirname, '../fixtures/datasets');

/** A file as Playwright hands it to a file input, a file chooser or a drop. */
export interface TestFile {
  readonly name: string;
  readonly mimeType: string;
  readonly buffer: Buffer;
}

/** A CSV's header and rows, cells as written. */
export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * Reads one of the datasets. They hold no quotes (checked here), so splitting on commas is exact:
 * no parser of ours stands between the file and what the test expects of the app's.
 */
export function readDataset(name: 'telco-churn-pt.csv' | 'telco-customer-churn.csv'): Table {
  const text = readFileSync(path.join(DATASETS, name), 'utf8');
  if (text.includes('"')) throw new Error(`${name} has quotes: readDataset cannot split it on commas.`);
  const [header, ...rows] = text.split(/\r?\n/).filter((line) => line !== '').map((line) => line.split(','));
  if (!header) throw new Error(`${name} is empty.`);
  return { header, rows };
}

/** The dataset's bytes exactly as stored, as a file to pick. */
export function datasetFile(name: 'telco-churn-pt.csv' | 'telco-customer-churn.csv'): TestFile {
  return { name, mimeType: 'text/csv', buffer: readFileSync(path.join(DATASETS, name)) };
}

/** A table as comma-separated text (no cell here needs quotes: checked). */
export function csvFile(name: string, table: Table, { delimiter = ',', eol = '\n', bom = false } = {}): TestFile {
  const lines = [table.header, ...table.rows].map((cells) => {
    if (cells.some((cell) => cell.includes(delimiter) || cell.includes('"') || /[\r\n]/.test(cell))) {
      throw new Error(`csvFile: a cell of ${name} would need quotes: ${cells.join('|')}`);
    }
    return cells.join(delimiter);
  });
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`, 'utf8') };
}

/** Numbers with a fractional part, as the datasets write them ("65.6", "2.1866666666666665"). */
const DECIMAL = /^-?\d+\.\d+$/;

/**
 * The table as Excel in Brazilian Portuguese saves "CSV (separado por vírgulas)": semicolons
 * between cells, decimal commas, a UTF-8 byte order mark and CRLF line ends.
 */
export function excelPtBrFile(name: string, table: Table): TestFile {
  const rows = table.rows.map((cells) => cells.map((cell) => (DECIMAL.test(cell) ? cell.replace('.', ',') : cell)));
  return csvFile(name, { header: table.header, rows }, { delimiter: ';', eol: '\r\n', bom: true });
}

/** Rows the app can import: a non-empty customer id that no other row has. */
export function usableRows(table: Table, idColumn: string): number {
  const column = table.header.indexOf(idColumn);
  if (column < 0) throw new Error(`No column ${idColumn}.`);
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const id = (row[column] ?? '').trim();
    if (id !== '') seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return [...seen.values()].filter((n) => n === 1).length;
}

/** What the app's import summary counts (see `ImportSummary` in src/data/db.ts). */
export interface Summary {
  readonly new: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
}

/**
 * The summaries of importing `files` one after another, each as of a later day than the one
 * before, worked out the way the app defines them: a customer is new if no earlier file had its
 * id; updated if a non-empty cell differs from the latest non-empty value known for that column
 * (an empty cell erases nothing, so it changes nothing); unchanged otherwise. Cells are compared
 * as written, so the files must write equal values the same way (the derived files do).
 */
export function expectedSummaries(files: readonly Table[], idColumn: string): Summary[] {
  const known = new Map<string, Map<string, string>>();
  return files.map((table) => {
    const idIndex = table.header.indexOf(idColumn);
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const row of table.rows) {
      const id = row[idIndex]!.trim();
      const before = known.get(id);
      const values = before ?? new Map<string, string>();
      let changed = false;
      table.header.forEach((column, c) => {
        if (c === idIndex) return;
        const cell = (row[c] ?? '').trim();
        if (cell === '') return;
        if (before && values.has(column) && values.get(column) !== cell) changed = true;
        if (before && !values.has(column)) changed = true;
        values.set(column, cell);
      });
      known.set(id, values);
      if (!before) created++;
      else if (changed) updated++;
      else unchanged++;
    }
    return { new: created, updated, unchanged, skipped: 0 };
  });
}

/** The IBM Telco file's id column. */
export const TELCO_ID = 'customerID';

/**
 * An NPS answer (0–10) for a Telco customer, derived from their tenure so that it is stable and
 * varied: it gives the imported customers a score (the model's NPS metric is mapped by name).
 */
function npsOf(tenure: string): string {
  return String(Math.min(10, Math.floor(Number(tenure) / 7)));
}

/** Three monthly exports of the same customers, with the days they are as of. */
export interface MonthlyFiles {
  readonly tables: readonly [Table, Table, Table];
  readonly files: readonly [TestFile, TestFile, TestFile];
  /** ISO days, ascending. */
  readonly asOf: readonly [string, string, string];
  /** What each import should report, worked out from the tables. */
  readonly summaries: readonly Summary[];
  /** Ids in all three files. */
  readonly everywhere: readonly string[];
}

/**
 * Three monthly files from the first 320 Telco customers, with an `NPS` column added:
 * - month 1: the first 300 customers;
 * - month 2: the same 300 (every tenth with a higher MonthlyCharges, every 25th with another NPS
 *   answer) and 20 new customers;
 * - month 3: the same 320 as month 2 with some cells left empty (every seventh customer's
 *   TotalCharges, Contract and NPS) and every 50th customer's MonthlyCharges lower again.
 */
export function monthlyFiles(): MonthlyFiles {
  const telco = readDataset('telco-customer-churn.csv');
  const col = (name: string) => {
    const index = telco.header.indexOf(name);
    if (index < 0) throw new Error(`No column ${name} in the Telco file.`);
    return index;
  };
  const [tenure, monthly, total, contract] = [col('tenure'), col('MonthlyCharges'), col('TotalCharges'), col('Contract')];
  const header = [...telco.header, 'NPS'];
  const nps = header.length - 1;
  const base = telco.rows.slice(0, 320).map((row) => [...row, npsOf(row[tenure]!)]);
  const money = (cell: string, delta: number) => (Number(cell) + delta).toFixed(2);

  const month1 = base.slice(0, 300);
  const month2 = base.map((row, i) => {
    const next = [...row];
    if (i < 300 && i % 10 === 3) next[monthly] = money(row[monthly]!, 5);
    if (i < 300 && i % 25 === 0) next[nps] = String((Number(row[nps]) + 5) % 11);
    return next;
  });
  const month3 = month2.map((row, i) => {
    const next = [...row];
    if (i % 7 === 0) {
      next[total] = '';
      next[contract] = '';
      next[nps] = '';
    }
    if (i % 50 === 1) next[monthly] = money(row[monthly]!, -1);
    return next;
  });

  const tables = [month1, month2, month3].map((rows) => ({ header, rows })) as unknown as [Table, Table, Table];
  const names = ['customers-2026-08.csv', 'customers-2026-09.csv', 'customers-2026-10.csv'];
  return {
    tables,
    files: tables.map((table, k) => csvFile(names[k]!, table)) as unknown as [TestFile, TestFile, TestFile],
    asOf: ['2026-08-31', '2026-09-30', '2026-10-31'],
    summaries: expectedSummaries(tables, TELCO_ID),
    everywhere: month1.map((row) => row[0]!),
  };
}

/** A file with two rows the app cannot use, and where they are. */
export interface BadRowsFile {
  readonly file: TestFile;
  readonly table: Table;
  /** Spreadsheet row numbers (the header is row 1) of the row without an id and of the row with one cell too many. */
  readonly emptyIdRow: number;
  readonly tooManyCellsRow: number;
  readonly usable: number;
}

/** The first 40 Telco customers, one of them without its id and another with one cell too many. */
export function badRowsFile(): BadRowsFile {
  const telco = readDataset('telco-customer-churn.csv');
  const rows = telco.rows.slice(0, 40).map((row) => [...row]);
  const emptyId = 9;
  const tooMany = 24;
  rows[emptyId]![0] = '';
  rows[tooMany]!.push('surplus');
  const table = { header: telco.header, rows };
  return {
    file: csvFile('customers-with-bad-rows.csv', table),
    table,
    emptyIdRow: emptyId + 2,
    tooManyCellsRow: tooMany + 2,
    usable: rows.length - 2,
  };
}

/**
 * Parses CSV text as the app writes it (quotes around cells that need them, doubled quotes
 * inside), after a byte order mark if any; the delimiter is the first of `;` `,` tab in the first line.
 */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = [';', ',', '\t'].find((d) => firstLine.includes(d)) ?? ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Two monthly exports of 40 customers in the columns the B2B SaaS model reads, some dropping a band in the second. */
export interface DroppingMonths {
  readonly tables: readonly [Table, Table];
  readonly files: readonly [TestFile, TestFile];
  /** ISO days, ascending. */
  readonly asOf: readonly [string, string];
  /** Ids whose values go from healthy to watch, and from watch to poor, in the second month. */
  readonly healthyToWatch: readonly string[];
  readonly watchToPoor: readonly string[];
}

const DROPPING_HEADER = [
  'id', 'name', 'segment', 'stage', 'owner', 'mrr', 'renewal_date', 'logins_30d', 'active_seats_pct', 'last_login',
  'features_adopted', 'nps', 'csat', 'tickets_30d', 'days_overdue', 'csm_sentiment',
] as const;

/** Values by kind of customer (the last login as days before the file's day). */
const KINDS = {
  healthy: { logins_30d: '18', active_seats_pct: '80', login_days: 2, features_adopted: '6', nps: '9', csat: '4.5', tickets_30d: '3', days_overdue: '0', csm_sentiment: 'happy' },
  good: { logins_30d: '15', active_seats_pct: '70', login_days: 1, features_adopted: '5', nps: '7', csat: '3.5', tickets_30d: '6', days_overdue: '10', csm_sentiment: 'happy' },
  watch: { logins_30d: '8', active_seats_pct: '45', login_days: 9, features_adopted: '2', nps: '7', csat: '3.5', tickets_30d: '4', days_overdue: '0', csm_sentiment: 'neutral' },
  poor: { logins_30d: '4', active_seats_pct: '30', login_days: 40, features_adopted: '1', nps: '5', csat: '2.5', tickets_30d: '12', days_overdue: '45', csm_sentiment: 'unhappy' },
} as const;

type Kind = keyof typeof KINDS;

function isoPlus(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * 40 customers, ten of each kind (healthy, good, watch, poor), as of 2026-09-30 and 2026-10-31;
 * the "good" ones renew within 90 days of both. In the second month four healthy customers look
 * like watch ones and four watch customers like poor ones; the others are the same.
 */
export function droppingMonths(): DroppingMonths {
  const asOf = ['2026-09-30', '2026-10-31'] as const;
  const kinds: Kind[] = ['healthy', 'good', 'watch', 'poor'];
  const owners = ['Ana', 'Bruno', 'Carla'];
  const customers = kinds.flatMap((kind, k) => Array.from({ length: 10 }, (_, i) => ({ id: `C${String(k * 10 + i + 1).padStart(3, '0')}`, kind, i })));
  const healthyToWatch = customers.filter((c) => c.kind === 'healthy' && c.i < 4).map((c) => c.id);
  const watchToPoor = customers.filter((c) => c.kind === 'watch' && c.i < 4).map((c) => c.id);
  const table = (month: 0 | 1): Table => ({
    header: DROPPING_HEADER,
    rows: customers.map((c, n) => {
      const kind: Kind = month === 1 && healthyToWatch.includes(c.id) ? 'watch' : month === 1 && watchToPoor.includes(c.id) ? 'poor' : c.kind;
      const v = KINDS[kind];
      const renewal = c.kind === 'good' ? isoPlus(asOf[0], 45) : isoPlus(asOf[0], 300);
      return [
        c.id, `Cliente ${c.id}`, n % 2 ? 'SMB' : 'Mid', 'adoption', owners[n % 3]!, String(1000 + n * 10), renewal, v.logins_30d, v.active_seats_pct,
        isoPlus(asOf[month], -v.login_days), v.features_adopted, v.nps, v.csat, v.tickets_30d, v.days_overdue, v.csm_sentiment,
      ];
    }),
  });
  const tables = [table(0), table(1)] as const;
  return {
    tables,
    files: [csvFile('clientes-2026-09.csv', tables[0]), csvFile('clientes-2026-10.csv', tables[1])],
    asOf,
    healthyToWatch,
    watchToPoor,
  };
}
