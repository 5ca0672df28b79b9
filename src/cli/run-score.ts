/**
 * The headless scorer: a model file and a customers CSV in, one row of scores per customer out,
 * with the same engine and the same CSV reader as the app. Separated from process I/O so tests can
 * call it directly.
 */
import { parseArgs } from 'node:util';
import { columnNeeds, epochDay, formatIsoDay, formatProblem, parseIsoDay, parseModel, roundScore, roundTo, scorePortfolio, type EpochDay, type PortfolioScores } from '../engine';
import { formatIssue, readCsv, readPortfolio, writeCsv, type CsvIssue, type CsvOverrides } from '../io';

/** What the scorer may touch of the outside world. */
export interface ScoreEnvironment {
  readonly readFile: (path: string) => Uint8Array;
  readonly writeFile: (path: string, text: string) => void;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The local calendar date, the default as-of. */
  readonly today: () => EpochDay;
}

/** Exit codes: 0 scored (warnings allowed), 1 the input cannot be scored, 2 the command is wrong. */
export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const;

/** At most this many warnings are printed one by one; the count is always given. */
const MAX_PRINTED_WARNINGS = 100;

export const USAGE = `Usage: npm run -s score -- --model <model.json> --data <customers.csv> [options]

Scores every customer in a CSV with a health model (health-model/v1) and writes CSV:
id,score,band,coverage,<one column per category>.

Options:
  --model <file>        the model file (required)
  --data <file>         the customers CSV (required); delimiter, decimals, dates, booleans and
                        encoding are detected from the data
  --id <column>         the column with the customers' ids (default: id)
  --out <file>          write the scores there (default: standard output)
  --as-of <YYYY-MM-DD>  the day the scores are for (default: today)
  --delimiter <c>       force the delimiter: , ; tab |
  --decimal <c>         force the decimal separator: . or ,
  --date-order <o>      force the order of d/m/y dates: dmy or mdy
  --encoding <e>        force the encoding: utf-8 or windows-1252
  --skip-bad-rows       leave out rows that cannot be used (reported) instead of stopping
  --help                show this

Exit code: 0 scored (warnings go to standard error, with a count), 1 the input cannot be scored,
2 the command is wrong. (Use "npm run -s" so that npm's own header lines stay out of the CSV.)
`;

/** The local date of a `Date`, as an `EpochDay`. */
export function localDay(date: Date): EpochDay {
  return epochDay(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

interface Options {
  readonly model: string;
  readonly data: string;
  readonly id: string;
  readonly out: string | undefined;
  readonly asOf: EpochDay;
  readonly overrides: CsvOverrides;
  readonly skipBadRows: boolean;
}

const DELIMITERS: Readonly<Record<string, CsvOverrides['delimiter']>> = { ',': ',', ';': ';', tab: '\t', '\t': '\t', '|': '|' };

function parseOptions(argv: readonly string[], env: ScoreEnvironment): Options | { usageError: string } | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        model: { type: 'string' },
        data: { type: 'string' },
        id: { type: 'string', default: 'id' },
        out: { type: 'string' },
        'as-of': { type: 'string' },
        delimiter: { type: 'string' },
        decimal: { type: 'string' },
        'date-order': { type: 'string' },
        encoding: { type: 'string' },
        'skip-bad-rows': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { usageError: (error as Error).message };
  }
  if (values.help) return 'help';
  if (!values.model) return { usageError: 'missing --model <model.json>' };
  if (!values.data) return { usageError: 'missing --data <customers.csv>' };
  const asOf = values['as-of'] === undefined ? env.today() : parseIsoDay(values['as-of']);
  if (asOf === undefined) return { usageError: `--as-of must be a date written YYYY-MM-DD, got "${values['as-of']}"` };
  const overrides: { -readonly [K in keyof CsvOverrides]: CsvOverrides[K] } = {};
  if (values.delimiter !== undefined) {
    const d = DELIMITERS[values.delimiter];
    if (!d) return { usageError: `--delimiter must be one of , ; tab |, got "${values.delimiter}"` };
    overrides.delimiter = d;
  }
  if (values.decimal !== undefined) {
    if (values.decimal !== '.' && values.decimal !== ',') return { usageError: `--decimal must be . or , — got "${values.decimal}"` };
    overrides.decimal = values.decimal;
  }
  if (values['date-order'] !== undefined) {
    const o = values['date-order'];
    if (o !== 'dmy' && o !== 'mdy') return { usageError: `--date-order must be dmy or mdy, got "${o}"` };
    overrides.dateOrder = o;
  }
  if (values.encoding !== undefined) {
    const e = values.encoding.toLowerCase();
    if (e !== 'utf-8' && e !== 'windows-1252') return { usageError: `--encoding must be utf-8 or windows-1252, got "${values.encoding}"` };
    overrides.encoding = e;
  }
  return { model: values.model, data: values.data, id: values.id, out: values.out, asOf, overrides, skipBadRows: values['skip-bad-rows'] };
}

function readInput(path: string, env: ScoreEnvironment): Uint8Array | string {
  try {
    return env.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    return `${path}: cannot read the file (${why}).`;
  }
}

/** The scores as the headless CSV: id, integer score, band id, coverage to 3 decimals, rounded category scores. */
export function scoresCsv(ids: readonly string[], scores: PortfolioScores): string {
  const header = ['id', 'score', 'band', 'coverage', ...scores.categoryIds];
  const rows = ids.map((id, i) => {
    const score = scores.score[i]!;
    return [
      id,
      Number.isNaN(score) ? null : String(score),
      scores.bands[scores.band[i]!]!.id,
      roundTo(scores.coverage[i]!, 3).toFixed(3),
      ...scores.categoryScores.map((column) => (Number.isNaN(column[i]!) ? null : String(roundScore(column[i]!)))),
    ];
  });
  return writeCsv(header, rows);
}

function reportWarnings(warnings: readonly string[], env: ScoreEnvironment): void {
  if (warnings.length === 0) return;
  for (const w of warnings.slice(0, MAX_PRINTED_WARNINGS)) env.stderr(`warning: ${w}\n`);
  if (warnings.length > MAX_PRINTED_WARNINGS) env.stderr(`… and ${warnings.length - MAX_PRINTED_WARNINGS} more.\n`);
  env.stderr(`${warnings.length} warning${warnings.length === 1 ? '' : 's'}.\n`);
}

function issueLines(issues: readonly CsvIssue[], severity: CsvIssue['severity']): string[] {
  return issues.filter((i) => i.severity === severity).map((i) => formatIssue(i).replace(/^(error|warning):\s*/i, ''));
}

/** Runs the scorer on command-line arguments; returns the exit code. */
export function runScore(argv: readonly string[], env: ScoreEnvironment): number {
  const options = parseOptions(argv, env);
  if (options === 'help') {
    env.stdout(USAGE);
    return EXIT.ok;
  }
  if ('usageError' in options) {
    env.stderr(`error: ${options.usageError}\n\n${USAGE}`);
    return EXIT.usage;
  }

  const warnings: string[] = [];
  const modelBytes = readInput(options.model, env);
  if (typeof modelBytes === 'string') {
    env.stderr(`error: ${modelBytes}\n`);
    return EXIT.badInput;
  }
  const parsed = parseModel(new TextDecoder('utf-8').decode(modelBytes));
  const modelErrors = parsed.problems.filter((p) => p.severity === 'error');
  warnings.push(...parsed.problems.filter((p) => p.severity === 'warning').map((p) => `${options.model}: ${formatProblem(p)}`));
  if (!parsed.model || modelErrors.length > 0) {
    for (const p of modelErrors) env.stderr(`error: ${options.model}: ${formatProblem(p)}\n`);
    env.stderr(`${options.model} is not a model Pulso can score: ${modelErrors.length} error${modelErrors.length === 1 ? '' : 's'}. Fix ${modelErrors.length === 1 ? 'it' : 'them'} and run again.\n`);
    reportWarnings(warnings, env);
    return EXIT.badInput;
  }
  const model = parsed.model;

  const dataBytes = readInput(options.data, env);
  if (typeof dataBytes === 'string') {
    env.stderr(`error: ${dataBytes}\n`);
    return EXIT.badInput;
  }
  const name = options.data;
  const read = readCsv({ name, data: dataBytes }, options.overrides);
  const built = read.table ? readPortfolio(read.table, { idColumn: options.id, needs: columnNeeds(model), skipBadRows: options.skipBadRows }) : null;
  const issues = [...read.issues, ...(built?.issues ?? [])];
  warnings.push(...issueLines(issues, 'warning'));
  const errors = issueLines(issues, 'error');
  if (!built?.portfolio || errors.length > 0) {
    for (const e of errors) env.stderr(`error: ${e}\n`);
    if (issues.some((i) => i.code === 'id.column-missing')) env.stderr('hint: name the column that holds the ids with --id <column>.\n');
    reportWarnings(warnings, env);
    return EXIT.badInput;
  }

  const scores = scorePortfolio(model, built.portfolio, { asOf: options.asOf });
  const csv = scoresCsv(built.portfolio.ids, scores);
  if (options.out) {
    try {
      env.writeFile(options.out, csv);
    } catch (error) {
      env.stderr(`error: ${options.out}: cannot write the scores (${(error as Error).message}).\n`);
      return EXIT.badInput;
    }
    env.stderr(`Scored ${built.portfolio.size} customers as of ${formatIsoDay(options.asOf)} with "${model.name}" → ${options.out}\n`);
  } else {
    env.stdout(csv);
  }
  reportWarnings(warnings, env);
  return EXIT.ok;
}
