/**
 * Opportunity and risk lists and alerts, black-box through EngineApi on imported monthly files:
 * each list holds the customers the data and the bands shown say it should; the columns read are
 * guessed, can be chosen (remembered on the device) and are said to be missing when they are; a
 * list exports as CSV; alerts compare with the scores last seen (first visit: the previous
 * snapshot) and "seen" survives a reload.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../../src/engine';
import type { EngineService } from '../../../src/worker/service';
import type { ExportListRequest } from '../../../src/worker/api';
import { NO_BAND } from '../../../src/worker/api';
import { APRIL, APRIL_ROWS, HEADER, MAY, MAY_ROWS, JUNE, JUNE_ROWS } from './monthly';
import { csvText, freshService, importText, serviceOn, type Row } from './support';

/** The device's clock at local midnight of epoch day `today`. */
function clock(today: number): () => Date {
  const date = new Date(today * 86_400_000);
  return () => new Date(date.getTime() + date.getTimezoneOffset() * 60_000);
}

const TODAY = MAY + 3;
const LIST_HEADER = [...HEADER, 'renewal_date', 'late_invoices'];

/** Renewal days and late invoices added to the monthly rows (the same in every month). */
const EXTRA: Readonly<Record<string, Row>> = {
  A: { renewal_date: formatIsoDay(TODAY + 10), late_invoices: '0' },
  B: { renewal_date: formatIsoDay(TODAY + 45), late_invoices: '3' },
  C: { renewal_date: formatIsoDay(TODAY + 80), late_invoices: '0' },
  D: { renewal_date: formatIsoDay(TODAY + 200), late_invoices: '1' },
  E: { renewal_date: formatIsoDay(TODAY + 5), late_invoices: '2' },
  F: { renewal_date: formatIsoDay(TODAY + 30), late_invoices: '0' },
};
const withExtra = (rows: readonly Row[]): Row[] => rows.map((row) => ({ ...row, ...EXTRA[row['id']!] }));

/** May, with A's usage up (an upsell candidate if healthy) and Charlie's values fallen hard (an alert). */
const MAY_LISTS = withExtra(MAY_ROWS).map((row) => {
  if (row['id'] === 'A') return { ...row, logins_30d: '25' };
  if (row['id'] === 'C') return { ...row, logins_30d: '0', active_seats_pct: '5', nps: '1', csat: '1', days_overdue: '120', csm_sentiment: 'very unhappy', tickets_30d: '30' };
  return row;
});

async function twoMonths(service: EngineService): Promise<void> {
  await service.loadLocal({ asOf: MAY });
  await importText(service, 'april.csv', csvText(LIST_HEADER, withExtra(APRIL_ROWS)), APRIL);
  await importText(service, 'may.csv', csvText(LIST_HEADER, MAY_LISTS), MAY);
}

const at = (today = TODAY) => freshService({ today: clock(today) });

/** Per customer id: band id shown, score, and the data of May as typed. */
async function shown(service: EngineService) {
  const [table, scores] = await Promise.all([service.customers(), service.scores()]);
  return { table, scores, band: (row: number) => scores.bands[scores.band[row]!]!.id };
}

describe('the opportunity and risk lists', () => {
  it('hold the customers the data and the bands shown say, in their order', async () => {
    const { service } = at();
    await twoMonths(service);
    const lists = await service.opportunityLists();
    const { table, band } = await shown(service);
    const may = new Map(MAY_LISTS.map((row) => [row['id']!, row]));
    const april = new Map(withExtra(APRIL_ROWS).map((row) => [row['id']!, row]));
    const value = (rows: Map<string, Row>, id: string, column: string) => Number(rows.get(id)?.[column] ?? Number.NaN);
    const ids = (rows: readonly number[]) => rows.map((r) => table.ids[r]);

    expect(lists).toMatchObject({ asOf: MAY, today: TODAY, since: APRIL, hasRenewals: true });
    expect(lists.columns).toEqual({
      usage: { role: 'usage', column: 'logins_30d', label: 'Logins in the last 30 days', chosen: false },
      nps: { role: 'nps', column: 'nps', label: 'NPS answer (0–10)', chosen: false },
      lateInvoices: { role: 'lateInvoices', column: 'late_invoices', label: 'Invoices paid late (last 12 months)', chosen: false },
      daysOverdue: { role: 'daysOverdue', column: 'days_overdue', label: 'Days the oldest open invoice is overdue', chosen: false },
    });

    const green = table.ids.filter((_, r) => band(r) === 'green');
    expect(green.length).toBeGreaterThan(0);
    // Upsell: green, logins up since April.
    const upsell = green.filter((id) => value(may, id, 'logins_30d') > value(april, id, 'logins_30d'));
    expect(ids(lists.upsell.map((e) => e.row)).sort()).toEqual(upsell.sort());
    expect(upsell).toContain('A');
    expect(lists.upsell.find((e) => table.ids[e.row] === 'A')).toMatchObject({ now: 25, before: 18, change: 7 });
    // Advocates: green, NPS 9 or 10.
    expect(ids(lists.advocates.map((e) => e.row)).sort()).toEqual(green.filter((id) => value(may, id, 'nps') >= 9).sort());
    // Collections: late invoices or days overdue, any band, most days overdue first.
    expect(ids(lists.collections.map((e) => e.row))).toEqual(['C', 'E', 'B', 'D']);
    expect(lists.collections[0]).toMatchObject({ daysOverdue: 120, lateInvoices: 0 });
    // Renewals: A (10 days), E (5), F (30) in 0–30; B (45) in 31–60; C (80) in 61–90; D (200) in none.
    const [w30, w60, w90] = lists.renewals.windows;
    expect(ids(w30!.rows)).toEqual(['E', 'A', 'F']);
    expect(ids(w60!.rows)).toEqual(['B']);
    expect(ids(w90!.rows)).toEqual(['C']);
    expect(w30!.sum).toEqual({ customers: 3, mrr: 600 + 5000 + 8000, unknownMrr: 0 });
    expect(lists.renewals.total.sum.mrr).toBe(600 + 5000 + 8000 + 900 + 1500);
    const byBand = lists.renewals.total.byBand;
    for (const [k, b] of (await service.scores()).bands.entries()) {
      const inBand = ['A', 'B', 'C', 'E', 'F'].filter((id) => band(table.ids.indexOf(id)) === b.id);
      expect(byBand[k]!.customers).toBe(inBand.length);
      expect(byBand[k]!.mrr).toBe(inBand.reduce((sum, id) => sum + value(may, id, 'mrr'), 0));
    }
  });

  it('follow a band set by hand', async () => {
    const { service } = at();
    await twoMonths(service);
    const before = await service.opportunityLists();
    const { table } = await shown(service);
    const advocate = table.ids[before.advocates[0]!.row]!;
    await service.setOverride({ customerId: advocate, band: 'red', reason: 'Champion left', expiresOn: TODAY + 30 });
    const after = await service.opportunityLists();
    expect(after.advocates.map((e) => table.ids[e.row])).not.toContain(advocate);
  });

  it('read the column chosen, remembered after a reload; refuse one the data has not; say when none fits', async () => {
    const { service, name } = at();
    await twoMonths(service);
    await expect(service.setListColumn('usage', 'no_such_column')).rejects.toThrow('“no_such_column” is not a column of numbers in this data');
    const chosen = await service.setListColumn('usage', 'active_seats_pct');
    expect(chosen.columns.usage).toEqual({ role: 'usage', column: 'active_seats_pct', label: 'Active seats (%)', chosen: true });
    expect(chosen.options.map((o) => o.column)).toEqual(expect.arrayContaining(['logins_30d', 'active_seats_pct', 'nps', 'late_invoices', 'days_overdue']));
    expect(chosen.options.map((o) => o.column)).not.toContain('mrr');

    const again = serviceOn(name, { today: clock(TODAY) });
    await again.loadLocal({ asOf: MAY });
    expect((await again.opportunityLists()).columns.usage.column).toBe('active_seats_pct');
    expect((await again.setListColumn('usage', null)).columns.usage).toMatchObject({ column: 'logins_30d', chosen: false });

    // A file without an NPS column nor invoices: the lists say so (no column) and are empty.
    const { service: bare } = at();
    await bare.loadLocal({ asOf: MAY });
    await importText(bare, 'bare.csv', csvText(['id', 'name', 'logins_30d'], [{ id: 'X', name: 'Xis', logins_30d: '3' }]), MAY);
    const lists = await bare.opportunityLists();
    expect(lists.columns.nps.column).toBeNull();
    expect(lists.columns.lateInvoices.column).toBeNull();
    expect(lists).toMatchObject({ advocates: [], collections: [], upsell: [], since: null, hasRenewals: false });
  });

  it('export a list as CSV, one owner’s part, text cells neutralised', async () => {
    const { service } = at();
    await service.loadLocal({ asOf: MAY });
    const rows = withExtra(APRIL_ROWS).map((row) => (row['id'] === 'E' ? { ...row, name: '=HYPERLINK("x")' } : row));
    await importText(service, 'april.csv', csvText(LIST_HEADER, rows), APRIL);
    const request: ExportListRequest = {
      list: 'collections', dialect: 'standard', locale: 'en',
      header: { id: 'ID', name: 'Customer', band: 'Band', score: 'Score', owner: 'Owner', mrr: 'MRR', before: 'before', change: 'Change', renewal: 'Renewal', daysToRenewal: 'Days to renewal' },
      bandLabels: ['At risk', 'Watch', 'Healthy', 'Insufficient data'],
    };
    const { table, scores, band } = await shown(service);
    const line = (id: string) => {
      const r = table.ids.indexOf(id);
      return [id, table.names[r], band(r), String(scores.score[r])];
    };
    const text = await service.exportList(request);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('ID,Customer,Band,Score,Owner,MRR,Invoices paid late (last 12 months),Days the oldest open invoice is overdue');
    // E (80 days overdue), B (45), D (10): worst first.
    expect(lines.slice(1)).toEqual([
      `E,"'=HYPERLINK(""x"")",${line('E').slice(2).join(',')},Bruno,600,2,80`,
      `${line('B').join(',')},Bruno,900,3,45`,
      `${line('D').join(',')},Carla,2500,1,10`,
    ]);
    const bruno = await service.exportList({ ...request, owner: 'Bruno', list: 'renewals', dialect: 'locale', locale: 'pt-BR' });
    expect(bruno.startsWith('\uFEFFID;Customer;Band;Score;Owner;MRR;Renewal;Days to renewal\r\n')).toBe(true);
    const bRow = table.ids.indexOf('B');
    expect(bruno.split('\r\n').slice(1, -1)).toEqual([
      `E;"'=HYPERLINK(""x"")";${request.bandLabels[scores.band[table.ids.indexOf('E')]!]};${scores.score[table.ids.indexOf('E')]};Bruno;600;${formatIsoDay(TODAY + 5)};5`,
      `B;Bravo;${request.bandLabels[scores.band[bRow]!]};${scores.score[bRow]};Bruno;900;${formatIsoDay(TODAY + 45)};45`,
    ]);
  });
});

describe('alerts', () => {
  it('on a first visit, are the changes since the previous snapshot; seen, none until new data, after a reload too', async () => {
    const { service, name } = at();
    await service.loadLocal({ asOf: MAY });
    await importText(service, 'april.csv', csvText(LIST_HEADER, withExtra(APRIL_ROWS)), APRIL);
    // One snapshot: nothing to compare with.
    expect(await service.alerts()).toMatchObject({ since: null, firstVisit: true, count: 0, alerts: [], fallThreshold: 10, renewalDays: 90 });
    await importText(service, 'may.csv', csvText(LIST_HEADER, MAY_LISTS), MAY);

    const view = await service.alerts();
    const scores = await service.scores();
    const { ids, renewal } = await service.customers();
    // Worked out from the scores view's previous snapshot (what a first visit compares with).
    const expected = ids.filter((_, r) => {
      const [from, to] = [scores.previousBand[r]!, scores.band[r]!];
      const insufficient = scores.bands.length - 1;
      const drop = from !== NO_BAND && from !== insufficient && to !== insufficient && to < from;
      const fall = scores.score[r]! - scores.previousScore[r]! <= -10;
      const renewing = to === 0 && from !== 0 && renewal[r]! >= TODAY && renewal[r]! <= TODAY + 90;
      return drop || fall || renewing;
    });
    expect(view).toMatchObject({ since: APRIL, firstVisit: true, asOf: MAY });
    expect(view.alerts.map((a) => a.customerId).sort()).toEqual(expected.sort());
    expect(view.count).toBe(expected.length);
    const charlie = view.alerts.find((a) => a.customerId === 'C')!;
    expect(charlie.kinds).toContain('score-fall');
    expect(charlie.score - charlie.before).toBeLessThanOrEqual(-10);
    expect(charlie.kinds).toContain('band-drop');
    expect(charlie.toBand).toBeLessThan(charlie.fromBand);

    expect(await service.markAlertsSeen()).toMatchObject({ since: MAY, firstVisit: false, count: 0, alerts: [] });
    const again = serviceOn(name, { today: clock(TODAY) });
    await again.loadLocal({ asOf: MAY });
    expect(await again.alerts()).toMatchObject({ since: MAY, firstVisit: false, count: 0 });

    // June: compared with May, the scores seen.
    const june = JUNE_ROWS.map((row) => ({ ...row, ...EXTRA[row['id']!], ...(row['id'] === 'A' ? { logins_30d: '0', nps: '0', active_seats_pct: '2', days_overdue: '200', csm_sentiment: 'very unhappy' } : {}) }));
    await importText(again, 'june.csv', csvText(LIST_HEADER, june), JUNE);
    const after = await again.alerts();
    expect(after).toMatchObject({ since: MAY, firstVisit: false, asOf: JUNE });
    expect(after.alerts.map((a) => a.customerId)).toContain('A');
    expect(after.alerts.map((a) => a.customerId)).not.toContain('C');
  });

  it('compare with the day seen even when newer snapshots came in since (not only the previous one)', async () => {
    const { service } = at(JUNE + 40);
    await twoMonths(service);
    await service.markAlertsSeen();
    const fallen = (rows: readonly Row[]) => rows.map((row) => ({ ...row, ...EXTRA[row['id']!], ...(row['id'] === 'A' ? { logins_30d: '0', nps: '0', active_seats_pct: '2', days_overdue: '200', csm_sentiment: 'very unhappy' } : {}) }));
    await importText(service, 'june.csv', csvText(LIST_HEADER, fallen(JUNE_ROWS)), JUNE);
    await importText(service, 'july.csv', csvText(LIST_HEADER, fallen(JUNE_ROWS)), JUNE + 31);
    // Between June and July nothing changed for A: the previous snapshot would say nothing.
    const scores = await service.scores();
    const a = (await service.customers()).ids.indexOf('A');
    expect(scores.score[a]).toBe(scores.previousScore[a]);
    const view = await service.alerts();
    expect(view).toMatchObject({ since: MAY, firstVisit: false, asOf: JUNE + 31 });
    expect(view.alerts.find((x) => x.customerId === 'A')?.kinds).toContain('score-fall');
  });

  it('raise none for a band set by hand on the scores seen (the user’s own doing); the demo and own data keep their own marks', async () => {
    const { service } = at();
    await service.loadDemo({ asOf: TODAY });
    await service.markAlertsSeen();
    expect((await service.alerts()).count).toBe(0);
    const { ids } = await service.customers();
    const scores = await service.scores();
    const row = [...scores.band].findIndex((b) => b === scores.bands.length - 2);
    await service.setOverride({ customerId: ids[row]!, band: 'red', reason: 'Asked to cancel', expiresOn: TODAY + 10 });
    const view = await service.alerts();
    expect(view.count).toBe(0);
    // Own data has no mark yet: a first visit there.
    await service.loadLocal({ asOf: TODAY });
    expect((await service.alerts()).firstVisit).toBe(true);
  });
});
