/**
 * A portfolio through time, black-box: three monthly files (and the same months as one long
 * file with an as-of date column) give one snapshot per month, summaries per import, a trend and
 * each customer's history — every day's scores equal to the headless scorer on that month's file,
 * with empty cells carrying the month before's value. Deleting an import, and a cold start on the
 * same database, lose nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { EpochDay } from '../../../src/engine';
import type { EngineService } from '../../../src/worker/service';
import type { CustomerHistoryPoint, TrendPoint } from '../../../src/worker/api';
import { APRIL, APRIL_ROWS, HEADER, JUNE, JUNE_ROWS, MAY, MAY_ROWS, SUMMARIES } from './monthly';
import { appScores, carried, cliScores, csvText, day, expectedScores, freshService, importText, rowOf, type CliRow, type Row } from './support';

const FILES = [
  { name: 'abril.csv', day: APRIL, rows: APRIL_ROWS },
  { name: 'maio.csv', day: MAY, rows: MAY_ROWS },
  { name: 'junho.csv', day: JUNE, rows: JUNE_ROWS },
];

const BAND_IDS = ['red', 'yellow', 'green', 'insufficient'];

/** What each month scores, by the headless scorer on the file with its empty cells filled from the month before. */
function expectedMonths(months: readonly { day: EpochDay; rows: readonly Row[] }[]): { day: EpochDay; cli: Map<string, CliRow> }[] {
  let known: readonly Row[] = [];
  return months.map(({ day: asOf, rows }) => {
    known = carried(rows, known).concat(known.filter((old) => !rows.some((row) => row['id'] === old['id'])));
    const filled = rows.map((row) => known.find((k) => k['id'] === row['id'])!);
    return { day: asOf, cli: cliScores(csvText(HEADER, filled), asOf) };
  });
}

/** The trend the scorer's answers give: band counts in the model's band order, mean of the scores. */
function expectedTrend(months: readonly { day: EpochDay; cli: Map<string, CliRow> }[]): TrendPoint[] {
  return months.map(({ day: asOf, cli }) => {
    const rows = [...cli.values()];
    const scores = rows.map((row) => row['score']!).filter((s) => s !== '').map(Number);
    return {
      day: asOf,
      mean: scores.reduce((a, b) => a + b, 0) / scores.length,
      bandCounts: BAND_IDS.map((id) => rows.filter((row) => row['band'] === id).length),
    };
  });
}

/** Customer `id`'s history the scorer's answers give: one point per month the customer is in. */
function expectedHistory(months: readonly { day: EpochDay; cli: Map<string, CliRow> }[], id: string): CustomerHistoryPoint[] {
  return months.flatMap(({ day: asOf, cli }) => {
    const row = cli.get(id);
    if (!row) return [];
    return [{ day: asOf, score: row['score'] === '' ? NaN : Number(row['score']), band: BAND_IDS.indexOf(row['band']!), coverage: Number(row['coverage']) }];
  });
}

/** The service's history of every customer, coverage to 3 decimals (as the scorer writes it). */
async function histories(service: EngineService): Promise<Record<string, CustomerHistoryPoint[]>> {
  const { ids } = await service.customers();
  const out: Record<string, CustomerHistoryPoint[]> = {};
  for (const [row, id] of ids.entries()) {
    out[id] = (await service.customerHistory(row)).map((p) => ({ ...p, coverage: Number(p.coverage.toFixed(3)) }));
  }
  return out;
}

async function importMonths(service: EngineService) {
  const outcomes = [];
  for (const file of FILES) outcomes.push(await importText(service, file.name, csvText(HEADER, file.rows), file.day));
  return outcomes;
}

/** Everything a screen shows about the portfolio and its history, to compare two services. */
async function everything(service: EngineService) {
  const scores = await service.scores();
  return {
    summary: await service.summary(),
    customers: await service.customers(),
    scores: { ...scores, score: Array.from(scores.score), previousScore: Array.from(scores.previousScore), coverage: Array.from(scores.coverage), band: Array.from(scores.band) },
    trend: await service.trend(),
    histories: await histories(service),
    imports: await service.listImports(),
  };
}

describe('monthly files', () => {
  const months = expectedMonths(FILES);

  it('summarises each import, keeps one snapshot per month, and scores every month as the scorer does', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: APRIL });
    const outcomes = await importMonths(service);

    expect(outcomes.map((o) => o.summary)).toEqual(SUMMARIES);
    expect(outcomes.map((o) => o.days)).toEqual([[APRIL], [MAY], [JUNE]]);
    expect(outcomes.map((o) => o.duplicate)).toEqual([false, false, false]);
    expect(await service.summary()).toMatchObject({ source: 'local', asOf: JUNE, size: 6, snapshots: [APRIL, MAY, JUNE], imports: 3 });
    expect((await service.listImports()).map((i) => [i.fileName, i.asOf, i.customerCount, i.summary])).toEqual(
      FILES.map((f, k) => [f.name, f.day, f.rows.length, SUMMARIES[k]]),
    );

    // Today's scores: June's, with A's NPS, B's CSAT and F's sentiment carried from May.
    expect(await appScores(service)).toEqual(expectedScores(months[2]!.cli));
    // The change since May, customer by customer.
    const { ids } = await service.customers();
    const previous = Array.from((await service.scores()).previousScore);
    expect(previous).toEqual(ids.map((id) => Number(months[1]!.cli.get(id)!['score'] || NaN)));
  });

  it('gives a trend of three points whose band counts add up to the customers known each day', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: APRIL });
    await importMonths(service);
    const trend = await service.trend();
    expect(trend.map((p) => p.day)).toEqual([APRIL, MAY, JUNE]);
    expect(trend.map((p) => p.bandCounts.reduce((a, b) => a + b, 0))).toEqual([5, 6, 6]);
    expect(trend).toEqual(expectedTrend(months));
  });

  it('gives each customer one point per month they are in, equal to scoring that month alone', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: APRIL });
    await importMonths(service);

    const all = await histories(service);
    expect(Object.keys(all)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    for (const id of Object.keys(all)) expect(all[id], id).toEqual(expectedHistory(months, id));
    expect(all['A']!.map((p) => p.day)).toEqual([APRIL, MAY, JUNE]);
    expect(all['F']!.map((p) => p.day)).toEqual([MAY, JUNE]);
    await expect(service.customerHistory(6)).rejects.toThrow(RangeError);
  });

  it('carries a value left empty in June from May (the latest observation at or before the day)', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: APRIL });
    await importMonths(service);
    const june = months[2]!.cli;
    const withoutCarry = cliScores(csvText(HEADER, JUNE_ROWS), JUNE);
    // A's June NPS cell is empty; May's 9 (→ 100 points) still counts. Without it the score would differ.
    expect(june.get('A')!['score']).not.toBe(withoutCarry.get('A')!['score']);
    const a = await rowOf(service, 'A');
    expect((await service.scores()).score[a]).toBe(Number(june.get('A')!['score']));
    // The explanation scores the carried answer: 9 → 100 points.
    const nps = (await service.explain(a)).metrics.find((m) => m.metricId === 'nps');
    expect(nps).toMatchObject({ value: 9, points: 100, status: 'scored' });
  });

  it('scores F’s sentiment carried from May: 30 days old is not stale (maxAgeDays 90)', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: APRIL });
    await importMonths(service);
    const sentiment = (await service.explain(await rowOf(service, 'F'))).metrics.find((m) => m.metricId === 'csm_sentiment');
    expect(sentiment).toMatchObject({ value: 'very happy', points: 100, status: 'scored' });
  });
});

describe('two files of the same day', () => {
  it('merge into one snapshot; a later file’s value wins, its empty cells replace nothing', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: JUNE });
    const usage = ['id', 'name', 'stage', 'logins_30d', 'active_seats_pct', 'last_login', 'features_adopted', 'csat'];
    const survey = ['id', 'nps', 'csat', 'csm_sentiment'];
    const pick = (header: readonly string[], rows: readonly Row[]) => rows.map((row) => Object.fromEntries(header.map((h) => [h, row[h] ?? ''])));
    const first = await importText(service, 'uso.csv', csvText(usage, pick(usage, JUNE_ROWS)), JUNE);
    expect(first.summary).toEqual({ new: 6, updated: 0, unchanged: 0, skipped: 0 });
    // The survey tool: every NPS and sentiment is new information; C's CSAT changes (4 → 2), A's is left empty.
    const answers = pick(survey, JUNE_ROWS).map((row) => (row['id'] === 'C' ? { ...row, csat: '2' } : row['id'] === 'A' ? { ...row, csat: '' } : row));
    const second = await importText(service, 'pesquisa.csv', csvText(survey, answers), JUNE);
    expect(second.summary).toEqual({ new: 0, updated: 6, unchanged: 0, skipped: 0 });
    expect(second.portfolio).toMatchObject({ snapshots: [JUNE], imports: 2, size: 6 });

    const merged = pick(usage, JUNE_ROWS).map((row, k) => ({ ...row, ...Object.fromEntries(Object.entries(answers[k]!).filter(([, v]) => v !== '')) }));
    expect(merged.find((row) => row['id'] === 'A')!['csat']).toBe('4.5');
    expect(merged.find((row) => row['id'] === 'C')!['csat']).toBe('2');
    expect(await appScores(service)).toEqual(expectedScores(cliScores(csvText([...usage, 'nps', 'csm_sentiment'], merged), JUNE)));
    expect((await service.customers()).names).toEqual(JUNE_ROWS.map((row) => row['name']));
    expect(await service.trend()).toHaveLength(1);

    // Deleting the first file leaves the survey's values only.
    await service.deleteImport((await service.listImports()).find((i) => i.fileName === 'uso.csv')!.id);
    expect(await appScores(service)).toEqual(expectedScores(cliScores(csvText(survey, answers), JUNE)));
  });
});

describe('values growing old', () => {
  it('counts a carried sentiment until it is older than the model’s 90 days, then calls it stale', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: APRIL });
    const JULY = day('2024-07-15');
    const SEPTEMBER = day('2024-09-30');
    const noSentiment = APRIL_ROWS.map((row) => ({ ...row, csm_sentiment: '' }));
    await importText(service, 'abril.csv', csvText(HEADER, APRIL_ROWS), APRIL);
    await importText(service, 'julho.csv', csvText(HEADER, noSentiment), JULY);
    // July 15: April 30's sentiment is 76 days old — it still counts, as if it were in July's file.
    const july = cliScores(csvText(HEADER, APRIL_ROWS), JULY);
    expect(await appScores(service)).toEqual(expectedScores(july));
    await importText(service, 'setembro.csv', csvText(HEADER, noSentiment), SEPTEMBER);
    // September 30: 153 days old — stale, scored as missing.
    const september = cliScores(csvText(HEADER, noSentiment), SEPTEMBER);
    expect(await appScores(service)).toEqual(expectedScores(september));
    const a = await rowOf(service, 'A');
    const sentiment = (await service.explain(a)).metrics.find((m) => m.metricId === 'csm_sentiment');
    expect(sentiment).toMatchObject({ status: 'stale', points: null });
    expect((await service.customerHistory(a)).map((p) => p.score)).toEqual(
      [cliScores(csvText(HEADER, APRIL_ROWS), APRIL), july, september].map((cli) => Number(cli.get('A')!['score'])),
    );
  });
});

describe('one long file with an as-of date column', () => {
  const LONG_HEADER = ['as_of', ...HEADER];
  const LONG = csvText(LONG_HEADER, FILES.flatMap((f) => f.rows.map((row) => ({ ...row, as_of: formatDay(f.day) }))));

  function formatDay(d: EpochDay): string {
    return new Date(d * 86_400_000).toISOString().slice(0, 10);
  }

  it('offers the date column, and imports one snapshot per day with the same history as the three files', async () => {
    const long = freshService();
    await long.service.loadLocal({ asOf: APRIL });
    const inspection = await long.service.openImport({ name: 'historico.csv', data: new TextEncoder().encode(LONG).buffer as ArrayBuffer });
    expect(inspection.dateColumns).toEqual([0, LONG_HEADER.indexOf('last_login')]);
    expect(inspection.rowCount).toBe(5 + 6 + 6);
    expect(Object.values(inspection.mapping.fields)).not.toContain(0);
    expect(Object.values(inspection.mapping.metrics)).not.toContain(0);
    const plan = { mapping: inspection.mapping, asOf: { column: 0 }, skipBadRows: false };
    expect(await long.service.checkImport(plan)).toMatchObject({ rows: 17, usable: 17, bad: 0, days: [APRIL, MAY, JUNE], verdict: 'ok' });

    const outcome = await long.service.commitImport(plan);
    expect(outcome.days).toEqual([APRIL, MAY, JUNE]);
    expect(outcome.summary).toEqual({ new: 6, updated: 5, unchanged: 6, skipped: 0 });
    expect(outcome.portfolio).toMatchObject({ asOf: JUNE, size: 6, snapshots: [APRIL, MAY, JUNE], imports: 3 });
    const imports = await long.service.listImports();
    expect(imports.map((i) => [i.fileName, i.asOf, i.customerCount, i.summary])).toEqual(
      FILES.map((f, k) => ['historico.csv', f.day, f.rows.length, SUMMARIES[k]]),
    );

    const files = freshService();
    await files.service.loadLocal({ asOf: APRIL });
    await importMonths(files.service);
    const a = await everything(long.service);
    const b = await everything(files.service);
    expect(a.summary).toEqual(b.summary);
    expect(a.customers).toEqual(b.customers);
    expect(a.scores).toEqual(b.scores);
    expect(a.trend).toEqual(b.trend);
    expect(a.histories).toEqual(b.histories);
    expect(a.trend).toEqual(expectedTrend(expectedMonths(FILES)));
  });
});

describe('deleting an import, and a cold start', () => {
  it('removes the import’s values and its snapshot day; the months around it stay as they were', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: APRIL });
    await importMonths(service);
    const may = (await service.listImports()).find((i) => i.asOf === MAY)!;

    const summary = await service.deleteImport(may.id);
    expect(summary).toMatchObject({ source: 'local', asOf: JUNE, size: 6, snapshots: [APRIL, JUNE], imports: 2 });
    expect((await service.listImports()).map((i) => i.asOf)).toEqual([APRIL, JUNE]);
    // June now carries from April: E's NPS (only in May) is gone, F's sentiment (only in May) too.
    const months = expectedMonths([FILES[0]!, FILES[2]!]);
    expect(await appScores(service)).toEqual(expectedScores(months[1]!.cli));
    const sentiment = (await service.explain(await rowOf(service, 'F'))).metrics.find((m) => m.metricId === 'csm_sentiment');
    expect(sentiment).toMatchObject({ value: null, status: 'missing' });
    expect(await service.trend()).toEqual(expectedTrend(months));
    const all = await histories(service);
    for (const id of Object.keys(all)) expect(all[id], id).toEqual(expectedHistory(months, id));
    // previousScore is now April's.
    const { ids } = await service.customers();
    expect(Array.from((await service.scores()).previousScore)).toEqual(ids.map((id) => Number(months[0]!.cli.get(id)?.['score'] || NaN)));
  });

  it('reloads (a new service on the same database) to the same summary, scores, trend and histories', async () => {
    const { service, reopen } = freshService();
    await service.loadLocal({ asOf: APRIL });
    await importMonths(service);
    const before = await everything(service);

    const later = reopen();
    // The day asked for does not matter: own data is scored as of its latest day.
    expect(await later.loadLocal({ asOf: day('2030-01-01') })).toEqual(before.summary);
    expect(await everything(later)).toEqual(before);
  });

  it('reloads to the same state after an import was deleted and entries were typed', async () => {
    const { service, reopen } = freshService();
    await service.loadLocal({ asOf: APRIL });
    await importMonths(service);
    await service.deleteImport((await service.listImports()).find((i) => i.asOf === MAY)!.id);
    await service.addEntry({ customerId: 'E', day: day('2024-07-05'), column: 'nps', value: 10 });
    await service.addEntry({ customerId: 'B', day: MAY, column: 'csat', value: 4, note: 'Call with the CFO' });
    await service.addEntry({ customerId: 'B', day: day('2024-07-05'), note: 'Renewal call booked' });
    const before = await everything(service);
    expect(before.summary.snapshots).toEqual([APRIL, JUNE, day('2024-07-05')]);
    const entries = { B: await service.listEntries('B'), E: await service.listEntries('E') };

    const later = reopen();
    expect(await later.loadLocal({ asOf: APRIL })).toEqual(before.summary);
    expect(await everything(later)).toEqual(before);
    expect({ B: await later.listEntries('B'), E: await later.listEntries('E') }).toEqual(entries);
  });
});

describe('the demo', () => {
  it('has its last snapshot on the day asked for, a trend point per snapshot, and stores nothing', async () => {
    const { service, reopen } = freshService();
    const asOf = day('2024-06-30');
    const summary = await service.loadDemo({ asOf });
    expect(summary).toMatchObject({ source: 'demo', asOf, imports: 0 });
    expect(summary.size).toBeGreaterThan(0);
    expect(summary.snapshots.at(-1)).toBe(asOf);
    expect([...summary.snapshots].sort((a, b) => a - b)).toEqual(summary.snapshots);

    const scores = await service.scores();
    const trend = await service.trend();
    expect(trend.map((p) => p.day)).toEqual(summary.snapshots);
    const last = trend.at(-1)!;
    expect(last.bandCounts.reduce((a, b) => a + b, 0)).toBe(summary.size);
    expect(last.bandCounts).toEqual(scores.bands.map((_, b) => scores.band.filter((x) => x === b).length));
    const scored = Array.from(scores.score).filter((s) => !Number.isNaN(s));
    expect(last.mean).toBeCloseTo(scored.reduce((a, b) => a + b, 0) / scored.length, 9);

    const history = await service.customerHistory(0);
    expect(history.at(-1)).toMatchObject({ day: asOf, score: scores.score[0], band: scores.band[0], coverage: scores.coverage[0] });
    expect(history.length).toBeGreaterThan(1);
    expect(Array.from(scores.previousScore).some((s) => !Number.isNaN(s))).toBe(true);
    expect(scores.previousScore[0]).toBe(history.at(-2)!.score);

    expect(await service.listImports()).toEqual([]);
    expect(await reopen().loadLocal({ asOf })).toMatchObject({ source: 'local', size: 0, imports: 0 });
  });
});
