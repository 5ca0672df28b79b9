import { screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatAmount, formatDay, formatShare } from '../../../src/ui/format';
import { i18n } from '../../../src/ui/i18n.svelte';
import { bandLabel } from '../../../src/ui/shared/bands';
import { EngineService } from '../../../src/worker/service';
import { customerTitle, EntryService, openCustomer, SLOW, TODAY } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});

/** The demo as the worker holds it, to compare the page with. */
async function demo() {
  const service = new EngineService();
  await service.loadDemo({ asOf: TODAY });
  return { service, table: await service.customers(), scores: await service.scores(), summary: await service.summary() };
}

const region = (name: string) => screen.getByRole('region', { name });

describe('the customer page on the demo (real engine)', () => {
  it('shows who the customer is, the score, band, coverage and change, and a link back', async () => {
    const { table, scores, summary } = await demo();
    const row = table.ids.indexOf('C0001');
    openCustomer('C0001', new EngineService());
    await customerTitle(table.names[row]!);

    const facts = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling!.textContent!.trim();
    expect(facts('Id')).toBe('C0001');
    expect(facts('Segment')).toBe(table.segments[row]);
    expect(facts('Stage')).toBe(table.stages[row]);
    expect(facts('Owner')).toBe(table.owners[row]);
    expect(facts('MRR')).toBe(formatAmount(table.mrr[row]!, 'en'));
    expect(facts('Renewal')).toBe(formatDay(table.renewal[row]!, 'en'));
    expect(screen.getByRole('link', { name: 'All customers' })).toHaveAttribute('href', '#/customers');

    const score = within(region('Health score'));
    expect(score.getByText(String(scores.score[row]))).toBeInTheDocument();
    expect(score.getByText(bandLabel(scores.bands[scores.band[row]!]!, i18n.t))).toBeInTheDocument();
    expect(score.getByText(formatShare(scores.coverage[row]!, 'en'))).toBeInTheDocument();
    const delta = scores.score[row]! - scores.previousScore[row]!;
    const since = formatDay(summary.snapshots.at(-2)!, 'en');
    expect(score.getByText(`${delta > 0 ? '+' : delta < 0 ? '−' : ''}${Math.abs(delta)} since ${since}`)).toBeInTheDocument();
    expect(await within(region('Why this score')).findByRole('table', { name: /Indicators/ }, { timeout: SLOW })).toBeInTheDocument();
  }, SLOW);

  it('flags a score on too little data, in words', async () => {
    const { table, scores, summary } = await demo();
    const row = [...scores.coverage.keys()].find((r) => scores.coverage[r]! < summary.minCoverage)!;
    openCustomer(table.ids[row]!, new EngineService());
    await customerTitle(table.names[row]!);
    const score = within(region('Health score'));
    expect(score.getByText('Insufficient data')).toBeInTheDocument();
    expect(score.getByText(/Scored on little data: coverage is below the 50% the model needs/)).toBeInTheDocument();
  }, SLOW);

  it('explains the score: the indicators that cost the most points first, missing ones in words, categories and caps', async () => {
    const { service, table } = await demo();
    // C0008 has an invoice more than 60 days overdue: −15 points and a cap of 50.
    const row = table.ids.indexOf('C0008');
    const explanation = await service.explain(row);
    openCustomer('C0008');
    await customerTitle(table.names[row]!);

    const why = within(region('Why this score'));
    const indicators = await why.findByRole('table', { name: 'Indicators, those that cost the most points first' }, { timeout: SLOW });
    const rows = within(indicators).getAllByRole('row').slice(1);
    const names = rows.map((r) => r.querySelector('th .name')!.textContent);

    const counted = explanation.metrics.filter((m) => m.points !== null && m.effectiveWeight > 0);
    const cost = (m: (typeof counted)[number]) => m.effectiveWeight * (100 - m.points!);
    const biggest = [...counted].sort((a, b) => cost(b) - cost(a))[0]!;
    expect(names[0]).toBe(biggest.label);
    expect(names.slice(0, counted.length).sort()).toEqual(counted.map((m) => m.label).sort());
    const costs = rows.slice(0, counted.length).map((r) => Number(r.querySelector('td:last-child')!.textContent!.trim().replace('−', '-').replace(',', '')));
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(costs[0]).toBeLessThan(0);

    const leftOut = explanation.metrics.filter((m) => m.status === 'missing' || m.status === 'stale');
    for (const metric of leftOut) {
      const line = rows.find((r) => r.querySelector('th .name')!.textContent === metric.label)!;
      expect(rows.indexOf(line)).toBeGreaterThanOrEqual(counted.length);
      expect(within(line).getByText(metric.status === 'stale' ? /Too old/ : /No value/)).toBeInTheDocument();
    }

    const categories = why.getByRole('table', { name: 'Categories' });
    expect(within(categories).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(explanation.categories.map((c) => c.label));
    expect(why.getByText('An invoice more than 30 days overdue (Days the oldest open invoice is overdue: 65): −15 points.')).toBeInTheDocument();
    expect(why.getByText('An invoice more than 60 days overdue: at most 50 (Days the oldest open invoice is overdue: 65): the score can be at most 50.')).toBeInTheDocument();
    expect(why.getByText(/adjustments and caps make that 50: a score of 50\./)).toBeInTheDocument();
  }, SLOW);

  it('says so plainly when no customer has the id, with the link back', async () => {
    openCustomer('NOPE-42');
    expect(await screen.findByRole('heading', { level: 1, name: 'Customer not found' }, { timeout: SLOW })).toBeInTheDocument();
    expect(screen.getByText(/No customer with the id “NOPE-42” is in this portfolio/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All customers' })).toHaveAttribute('href', '#/customers');
    expect(screen.queryByRole('region', { name: 'Add an entry' })).not.toBeInTheDocument();
  }, SLOW);

  it('shows the history as a table of date, score, band and change, newest first', async () => {
    const { table, scores } = await demo();
    const row = table.ids.indexOf('C0002');
    const service = new EntryService();
    const [a, b, c] = [TODAY - 61, TODAY - 30, TODAY];
    const red = scores.bands.findIndex((x) => x.id === 'red');
    const yellow = scores.bands.findIndex((x) => x.id === 'yellow');
    service.history.set(row, [
      { day: a, score: 72, band: yellow + 1, coverage: 1 },
      { day: b, score: 61, band: yellow, coverage: 1 },
      { day: c, score: 48, band: red, coverage: 1 },
    ]);
    openCustomer('C0002', service);
    await customerTitle(table.names[row]!);

    const history = within(region('History'));
    const historyTable = await history.findByRole('table', {}, { timeout: SLOW });
    const cells = within(historyTable).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim()));
    expect(cells).toEqual([
      [formatDay(c, 'en'), '48', 'Red', '−13'],
      [formatDay(b, 'en'), '61', 'Yellow', '−11'],
      [formatDay(a, 'en'), '72', 'Green', expect.stringContaining('No earlier score')],
    ]);
  }, SLOW);

  it('says there is no history yet with a single snapshot', async () => {
    const { table } = await demo();
    openCustomer('C0003');
    await customerTitle(table.names[table.ids.indexOf('C0003')]!);
    expect(await within(region('History')).findByText(/No history yet/, {}, { timeout: SLOW })).toBeInTheDocument();
    await waitFor(() => expect(within(region('History')).queryByRole('table')).not.toBeInTheDocument());
  }, SLOW);
});
