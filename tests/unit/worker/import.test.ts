/**
 * The import wizard's calls on the worker, black-box: a real Excel pt-BR export opened, checked
 * and committed; the app's scores against the headless scorer's on the same file; the same file
 * twice; the mapping remembered per layout; bad rows, blocked files and the problems report.
 */
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../src/worker/api';
import {
  appScores, bytesOf, cliScores, csvText, day, expectedScores, fixtureBytes, fixtureText, freshService, importText, planFor, without,
} from './support';

const PT_BR = 'tests/fixtures/csv/b2b-saas-pt-br.csv';
const AS_OF = day('2024-07-01');

/** The fixture's rows split by hand (CRLF lines, `;` outside quotes, quotes removed): cells as written. */
function splitFixture(): { header: string[]; rows: string[][] } {
  const lines = fixtureText(PT_BR).replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
  const split = (line: string): string[] => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ';' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    return cells;
  };
  const [header, ...rows] = lines.map(split);
  return { header: header!, rows };
}

describe('opening, checking and committing an Excel pt-BR export', () => {
  it('detects the format, suggests the mapping by header name and previews the rows as written', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const inspection = await service.openImport({ name: 'carteira.csv', data: fixtureBytes(PT_BR) });
    const { header, rows } = splitFixture();

    expect(inspection.fileName).toBe('carteira.csv');
    expect(inspection.format).toMatchObject({
      delimiter: ';', decimal: ',', thousands: '.', dateOrder: 'dmy', encoding: 'utf-8', bom: true, lineEnding: '\r\n',
      detected: { delimiter: true, decimal: true, dateOrder: true, encoding: true },
    });
    expect(inspection.header).toEqual(header);
    expect(inspection.rowCount).toBe(6);
    expect(inspection.preview).toEqual(rows);
    expect(inspection.previewRows).toEqual([2, 3, 4, 5, 6, 7]);
    expect(inspection.problems).toEqual([]);
    expect(inspection.remembered).toBe(false);
    // renewal_date and last_login hold dd/mm/yyyy dates.
    expect(inspection.dateColumns).toEqual([header.indexOf('renewal_date'), header.indexOf('last_login')]);
    expect(inspection.kinds[header.indexOf('mrr')]).toBe('number');
    expect(inspection.kinds[header.indexOf('onboarding_done')]).toBe('boolean');
    expect(inspection.kinds[header.indexOf('csm_sentiment')]).toBe('text');

    // Every metric of the starter model, each offered with the column it reads.
    const metrics = inspection.metrics.map((m) => [m.id, m.source, m.kind]);
    expect(metrics).toEqual([
      ['logins_30d', 'logins_30d', 'number'], ['active_seats_pct', 'active_seats_pct', 'number'],
      ['days_since_login', 'last_login', 'date'], ['features_adopted', 'features_adopted', 'number'],
      ['meetings_90d', 'meetings_90d', 'number'], ['events_90d', 'events_90d', 'number'],
      ['nps', 'nps', 'number'], ['csat', 'csat', 'number'],
      ['tickets_30d', 'tickets_30d', 'number'], ['bug_tickets_30d', 'bug_tickets_30d', 'number'],
      ['late_invoices', 'late_invoices', 'number'], ['days_overdue', 'days_overdue', 'number'],
      ['milestones_reached', 'milestones_reached', 'number'], ['onboarding_done', 'onboarding_done', 'boolean'],
      ['csm_sentiment', 'csm_sentiment', 'text'],
    ]);
    expect(inspection.metrics.find((m) => m.id === 'nps')!.label).toBe('NPS answer (0–10)');
    // The suggestion: "nome" is the name, "segmento" the segment, every metric its own source column.
    const at = (name: string) => header.indexOf(name);
    expect(inspection.mapping).toEqual({
      fields: { id: at('id'), name: at('nome'), segment: at('segmento'), stage: at('stage'), owner: at('owner'), mrr: at('mrr'), renewalDate: at('renewal_date') },
      metrics: Object.fromEntries(inspection.metrics.map((m) => [m.id, at(m.source)])),
    });
  });

  it('checks the plan, commits it, and scores exactly as the headless scorer does on the same file', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const inspection = await service.openImport({ name: 'carteira.csv', data: fixtureBytes(PT_BR) });
    const plan = planFor(inspection.mapping, AS_OF);

    expect(await service.checkImport(plan)).toEqual({ rows: 6, usable: 6, bad: 0, days: [AS_OF], problems: [], verdict: 'ok', supersedesManual: 0 });

    const progress: ImportProgress[] = [];
    const outcome = await service.commitImport(plan, (p) => progress.push(p));
    expect(outcome.summary).toEqual({ new: 6, updated: 0, unchanged: 0, skipped: 0 });
    expect(outcome.duplicate).toBe(false);
    expect(outcome.days).toEqual([AS_OF]);
    expect(outcome.rows).toBe(6);
    expect(outcome.ms).toBeGreaterThanOrEqual(0);
    expect(outcome.portfolio).toMatchObject({ source: 'local', modelName: 'B2B SaaS', minCoverage: 0.5, asOf: AS_OF, size: 6, snapshots: [AS_OF], imports: 1 });
    expect(await service.summary()).toEqual(outcome.portfolio);
    // Progress: checking first, then saving, then scoring, which ends done.
    const phases = progress.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(['checking', 'saving', 'scoring']);
    expect(progress.at(-1)!.phase).toBe('scoring');
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);

    // The app and the CLI agree: same scores, bands and coverage for every customer.
    const cli = cliScores(new Uint8Array(fixtureBytes(PT_BR)), AS_OF);
    expect(await appScores(service)).toEqual(expectedScores(cli));
    // Hand check of one: C001 — usage 90.07, engagement 58.33, satisfaction 93.75, support 100, financial 100,
    // journey 86.67, CSM 100 → (30·90.07 + 10·58.33 + 15·93.75 + 10·100 + 15·100 + 10·86.67 + 10·100) / 100 = 90.58 → 91.
    expect(cli.get('C001')!['score']).toBe('91');
    // C004 has no value at all: no score, insufficient.
    expect(cli.get('C004')).toMatchObject({ score: '', band: 'insufficient', coverage: '0.000' });

    // The customer fields as the list shows them (decimal commas and thousands dots read, dd/mm/yyyy dates).
    const table = await service.customers();
    expect(table.ids).toEqual(['C001', 'C002', 'C003', 'C004', 'C005', 'C006']);
    expect(table.names).toEqual(['Acme Ltda', 'Beta; Comércio', 'Gama', 'Delta', 'Épsilon', 'Acme Filial']);
    expect(table.segments).toEqual(['Enterprise', 'SMB', 'SMB', 'Mid', 'Mid', 'Enterprise']);
    expect(table.stages).toEqual(['adoption', 'adoption', 'Onboarding', 'renewal', 'adoption', 'adoption']);
    expect(table.owners).toEqual(['Ana', 'Bruno', 'Ana', 'Carla', 'Carla', 'Ana']);
    expect(Array.from(table.mrr)).toEqual([12500, 1200, 800, NaN, 3400.5, 12500]);
    expect(Array.from(table.renewal)).toEqual([day('2025-01-15'), day('2024-08-10'), day('2025-03-01'), NaN, day('2024-12-31'), day('2025-01-15')]);
    // One snapshot only: no previous score.
    expect(Array.from((await service.scores()).previousScore).every(Number.isNaN)).toBe(true);
    // The explanation of a customer agrees with the list.
    const explanation = await service.explain(0);
    expect(explanation.score).toBe(91);
  });

  it('reports progress in rows of the file, in every phase, never going back', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const inspection = await service.openImport({ name: 'carteira.csv', data: fixtureBytes(PT_BR) });
    const progress: ImportProgress[] = [];
    await service.commitImport(planFor(inspection.mapping, AS_OF), (p) => progress.push(p));
    for (const phase of ['checking', 'saving', 'scoring'] as const) {
      const events = progress.filter((p) => p.phase === phase);
      expect(events.length, phase).toBeGreaterThan(0);
      expect(events.every((p, i) => p.done <= p.total && (i === 0 || p.done >= events[i - 1]!.done)), phase).toBe(true);
      expect(events.at(-1)!.done, phase).toBe(events.at(-1)!.total);
    }
    expect(progress.every((p) => Number.isFinite(p.rowsPerSecond) && p.rowsPerSecond >= 0)).toBe(true);
    // ImportProgress.done: "Rows done in this phase, of `total`" — the wizard shows "12 of 22 rows". The file has 6.
    expect([...new Set(progress.map((p) => `${p.phase} of ${p.total}`))]).toEqual(['checking of 6', 'saving of 6', 'scoring of 6']);
  });

  it('imports the same file again as a duplicate: nothing is written and nothing changes', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const open = () => service.openImport({ name: 'carteira.csv', data: fixtureBytes(PT_BR) });
    const first = await open();
    await service.commitImport(planFor(first.mapping, AS_OF));
    const before = { scores: await appScores(service), imports: await service.listImports(), summary: await service.summary() };

    const again = await open();
    const outcome = await service.commitImport(planFor(again.mapping, AS_OF));
    expect(outcome.duplicate).toBe(true);
    expect(outcome.summary).toEqual({ new: 0, updated: 0, unchanged: 6, skipped: 0 });
    expect(await service.listImports()).toEqual(before.imports);
    expect(before.imports).toHaveLength(1);
    expect(await appScores(service)).toEqual(before.scores);
    expect(await service.summary()).toEqual(before.summary);
  });

  it('lists the import with its audit: file, day, rows, customers, columns and summary', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const started = Date.now();
    const inspection = await service.openImport({ name: 'carteira.csv', data: fixtureBytes(PT_BR) });
    await service.commitImport(planFor(inspection.mapping, AS_OF));
    const [info, ...others] = await service.listImports();
    expect(others).toEqual([]);
    expect(info).toMatchObject({
      fileName: 'carteira.csv', asOf: AS_OF, rowCount: 6, customerCount: 6, summary: { new: 6, updated: 0, unchanged: 0, skipped: 0 }, problemCount: 0,
    });
    // The id is the key; every other header is one stored column (6 customer fields, 15 metrics).
    expect(info!.columnCount).toBe(inspection.header.length - 1);
    expect(info!.importedAt).toBeGreaterThanOrEqual(started);
    expect(info!.importedAt).toBeLessThanOrEqual(Date.now());
  });

  it('remembers the mapping committed for a layout, as the user changed it, for the next file with the same headers', async () => {
    const { service, reopen } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const first = await service.openImport({ name: 'junho.csv', data: fixtureBytes(PT_BR) });
    expect(first.remembered).toBe(false);
    // The user leaves the owner and CSAT out and maps the sentiment column to nothing.
    const changed = { fields: without(first.mapping.fields, 'owner'), metrics: without(first.mapping.metrics, 'csat', 'csm_sentiment') };
    expect(Object.keys(changed.fields)).toHaveLength(6);
    expect(Object.keys(changed.metrics)).toHaveLength(13);
    await service.commitImport(planFor(changed, AS_OF));

    // Next month's file: same headers (other case and spacing), other values.
    const { header, rows } = splitFixture();
    const july = csvText(header.map((h) => ` ${h.toUpperCase()} `), rows.map((cells) => Object.fromEntries(header.map((h, i) => [` ${h.toUpperCase()} `, i === 7 ? '3' : cells[i]!]))), ';');
    const second = await service.openImport({ name: 'julho.csv', data: bytesOf(july) });
    expect(second.remembered).toBe(true);
    expect(second.mapping).toEqual(changed);

    // Remembered on the device: a cold start knows it too. A file with other headers does not get it.
    const later = reopen();
    await later.loadLocal({ asOf: AS_OF });
    expect((await later.openImport({ name: 'julho.csv', data: bytesOf(july) })).remembered).toBe(true);
    const other = await later.openImport({ name: 'outro.csv', data: bytesOf('id;nome;nps\nC001;Acme;9\n') });
    expect(other.remembered).toBe(false);
    expect(other.mapping).toEqual({ fields: { id: 0, name: 1 }, metrics: { nps: 2 } });
  });

  it('reads the open file again with format overrides', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    await service.openImport({ name: 'carteira.csv', data: fixtureBytes(PT_BR) });
    const again = await service.reformatImport({ dateOrder: 'mdy' });
    expect(again.format).toMatchObject({ delimiter: ';', decimal: ',', dateOrder: 'mdy', detected: { delimiter: true, decimal: true, dateOrder: false } });
    expect(again.rowCount).toBe(6);
    const forced = await service.reformatImport({ delimiter: ',' });
    expect(forced.format).toMatchObject({ delimiter: ',', detected: { delimiter: false } });
    expect(forced.header).not.toEqual(again.header);
  });

  it('refuses the import calls when no file is open, and after closeImport', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const plan = planFor({ fields: { id: 0 }, metrics: {} }, AS_OF);
    await expect(service.checkImport(plan)).rejects.toThrow(/No file is open/);
    await service.openImport({ name: 'a.csv', data: bytesOf('id,nps\nA,9\n') });
    await service.closeImport();
    await expect(service.checkImport(plan)).rejects.toThrow(/No file is open/);
    await expect(service.commitImport(plan)).rejects.toThrow(/No file is open/);
    await expect(service.reformatImport({})).rejects.toThrow(/No file is open/);
    expect(await service.listImports()).toEqual([]);
  });

  it('describes a file that is not text (an Excel workbook): no format, an error saying what to do, nothing to map', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const inspection = await service.openImport({ name: 'customers.xlsx', data: fixtureBytes('tests/fixtures/csv/broken/customers.xlsx') });
    expect(inspection).toMatchObject({ format: null, header: [], preview: [], rowCount: 0, mapping: { fields: {}, metrics: {} }, remembered: false, dateColumns: [] });
    expect(inspection.problems.map((p) => [p.severity, p.code])).toEqual([['error', 'file.not-text']]);
    expect(inspection.problems[0]!.message).toMatch(/customers\.xlsx is not a text \(CSV\) file.*Save As/);
    await expect(service.checkImport(planFor({ fields: { id: 0 }, metrics: {} }, AS_OF))).rejects.toThrow(/customers\.xlsx could not be read/);
  });

  it('reads Excel’s legacy Windows-1252 save exactly as its UTF-8 twin', async () => {
    const legacy = freshService();
    const utf8 = freshService();
    const open = async (service: typeof legacy.service, path: string) => {
      await service.loadLocal({ asOf: AS_OF });
      const inspection = await service.openImport({ name: 'clientes.csv', data: fixtureBytes(path) });
      const check = await service.checkImport(planFor(inspection.mapping, AS_OF));
      await service.commitImport(planFor(inspection.mapping, AS_OF));
      return { inspection, check };
    };
    const a = await open(legacy.service, 'tests/fixtures/csv/pt-br-excel-windows-1252.csv');
    const b = await open(utf8.service, 'tests/fixtures/csv/pt-br-excel.csv');
    expect(a.inspection.format).toMatchObject({ encoding: 'windows-1252', bom: false, delimiter: ';', decimal: ',' });
    expect(b.inspection.format).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(a.inspection.header).toEqual(b.inspection.header);
    expect(a.inspection.header).toContain('Renovação');
    expect(a.inspection.mapping).toEqual(b.inspection.mapping);
    expect(a.inspection.mapping.fields).toMatchObject({ id: 0, name: 1, segment: 2, mrr: 3, renewalDate: 8 });
    expect(a.check).toEqual(b.check);
    // C-004's NPS is Excel's "#N/D" (pt-BR #N/A): a warning at its row, the value missing.
    expect(a.check.problems.some((p) => p.severity === 'warning' && p.column === 'NPS' && p.rows.includes(5))).toBe(true);
    const customers = await legacy.service.customers();
    expect(customers).toEqual(await utf8.service.customers());
    expect(customers.names.slice(0, 3)).toEqual(['Padaria Pão Quente Ltda', 'Oficina São João', 'Clínica Vida & Saúde']);
    expect(Array.from(customers.mrr.subarray(0, 3))).toEqual([1234.56, 89.9, 12500]);
    expect(await appScores(legacy.service)).toEqual(await appScores(utf8.service));
  });
});

describe('real datasets', () => {
  it('blocks a file with no id column (Iranian churn: 3,150 rows, no id), naming the headers found', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const inspection = await service.openImport({ name: 'iranian-churn.csv', data: fixtureBytes('tests/fixtures/datasets/iranian-churn.csv') });
    expect(inspection.rowCount).toBe(3150);
    expect(inspection.mapping.fields.id).toBeUndefined();
    const check = await service.checkImport(planFor(inspection.mapping, AS_OF));
    expect(check).toMatchObject({ rows: 3150, usable: 0, days: [], verdict: 'blocked' });
    expect(check.problems[0]!.message).toContain('"Call  Failure"');
    await expect(service.commitImport(planFor(inspection.mapping, AS_OF))).rejects.toMatchObject({ name: 'ImportBlockedError' });
  });

  it('imports every customer of a 7,267-row Portuguese telco export, its monthly charges as MRR', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const path = 'tests/fixtures/datasets/telco-churn-pt.csv';
    const inspection = await service.openImport({ name: 'telco.csv', data: fixtureBytes(path) });
    const header = inspection.header;
    expect(inspection.mapping.fields).toEqual({ id: header.indexOf('ID_cliente'), mrr: header.indexOf('Gastos_mensais') });
    const outcome = await service.commitImport(planFor(inspection.mapping, AS_OF));
    expect(outcome.summary).toEqual({ new: 7267, updated: 0, unchanged: 0, skipped: 0 });
    // The file read by hand (no quoted commas in it): ids and monthly charges.
    const lines = fixtureText(path).trimEnd().split(/\r?\n/).slice(1).map((line) => line.split(','));
    const customers = await service.customers();
    expect(customers.ids).toEqual(lines.map((cells) => cells[0]));
    expect(Array.from(customers.mrr)).toEqual(lines.map((cells) => Number(cells[header.indexOf('Gastos_mensais')])));
    // The model reads none of its columns: everyone is "insufficient", with no score.
    const scores = await service.scores();
    expect(scores.band.every((b) => b === scores.bands.length - 1)).toBe(true);
    expect((await service.entryTargets()).map((t) => t.column)).toContain('Tempo_permanencia');
  });
});

describe('what an import stores about the file', () => {
  it('counts every data row of the file and every problem reported for it in the import’s audit', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    // Two header warnings (C and D both "nps"; E has no name), row 3 one cell short with an unreadable NPS,
    // row 5 an exact copy of row 4 (dropped).
    const text = 'id,name,nps,nps,,city\nA1,Alpha,9,1,x,Rio\nA2,Beta,abc\nA3,Gamma,7,8,y,Lima\nA3,Gamma,7,8,y,Lima\n';
    const inspection = await service.openImport({ name: 'messy.csv', data: bytesOf(text) });
    expect(inspection.header).toEqual(['id', 'name', 'nps', 'nps (2)', 'column E', 'city']);
    const plan = planFor(inspection.mapping, AS_OF);
    const check = await service.checkImport(plan);
    expect(check).toMatchObject({ rows: 4, usable: 3, bad: 0, verdict: 'ok' });
    const reported = (await service.problemsCsv({ dialect: 'standard', locale: 'en' })).trimEnd().split('\n').slice(1);
    expect(reported).toHaveLength(5);
    expect(check.problems.reduce((sum, group) => sum + group.count, 0)).toBe(5);

    await service.commitImport(plan);
    const [info] = await service.listImports();
    // ImportRecord.rowCount: "Data rows in the file, skipped ones included"; problemCount: the warnings reported for the file.
    expect(info).toMatchObject({ customerCount: 3, rowCount: 4, problemCount: 5 });
  });

  it('leaves churned customers (status "churned") out of the portfolio, its size and its trend', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const outcome = await importText(service, 'status.csv', 'id,name,nps,status\nA1,Alpha,9,active\nA2,Beta,3, Churned \nA3,Gamma,7,\n', AS_OF);
    expect(outcome.summary.new).toBe(3);
    expect(outcome.portfolio.size).toBe(2);
    expect((await service.customers()).ids).toEqual(['A1', 'A3']);
    expect((await service.trend())[0]!.bandCounts.reduce((a, b) => a + b, 0)).toBe(2);
    expect((await service.entryTargets()).map((t) => t.column)).not.toContain('status');
  });

  it('gives fresh score buffers on every call', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    await importText(service, 'a.csv', 'id,name,nps\nA1,Alpha,9\n', AS_OF);
    const first = await service.scores();
    const second = await service.scores();
    expect(first.score.buffer).not.toBe(second.score.buffer);
    first.score[0] = 1;
    first.band[0] = 0;
    expect((await service.scores()).score[0]).toBe(second.score[0]);
    expect((await service.scores()).band[0]).toBe(second.band[0]);
  });

  it('recognises a long file imported again, and one of its days imported alone, as duplicates', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const long = 'id,as_of,name,nps\nA1,2024-05-31,Alpha,9\nA1,2024-06-30,Alpha,8\nA2,2024-06-30,Beta,3\n';
    const first = await importText(service, 'long.csv', long, { column: 1 });
    expect(first).toMatchObject({ duplicate: false, summary: { new: 2, updated: 1, unchanged: 0, skipped: 0 } });
    const again = await importText(service, 'long.csv', long, { column: 1 });
    expect(again).toMatchObject({ duplicate: true, summary: { new: 0, updated: 0, unchanged: 3, skipped: 0 }, days: [day('2024-05-31'), day('2024-06-30')] });
    const may = await importText(service, 'may.csv', 'id,name,nps\nA1,Alpha,9\n', day('2024-05-31'));
    expect(may.duplicate).toBe(true);
    expect(await service.listImports()).toHaveLength(2);
  });
});

describe('bad rows and blocked files', () => {
  /** Row 3 has no id, row 4 one cell too many. */
  const BAD = 'id,name,logins_30d,nps\nA1,Alpha,10,9\n,NoId,5,5\nA3,Gamma,7,8,extra\nA4,Delta,3,2\n';

  it('asks for a choice, refuses to commit without it (nothing written), and imports without the bad rows when told', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const inspection = await service.openImport({ name: 'bad.csv', data: bytesOf(BAD) });
    const strict = planFor(inspection.mapping, AS_OF, false);

    const check = await service.checkImport(strict);
    expect(check).toMatchObject({ rows: 4, usable: 2, bad: 2, days: [AS_OF], verdict: 'needs-choice', supersedesManual: 0 });
    expect(check.problems.map((p) => [p.severity, p.code, p.rows])).toEqual([['error', 'id.empty', [3]], ['error', 'row.too-many-fields', [4]]]);
    expect(check.problems[0]!.message).toMatch(/bad\.csv, row 3, column "id" \(A\)/);

    const report = await service.problemsCsv({ dialect: 'standard', locale: 'en' });
    const lines = report.trimEnd().split('\n');
    expect(lines[0]).toBe('File,Severity,Row,Column,Value,Problem');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 4))).toEqual([['bad.csv', 'error', '3', 'id (A)'], ['bad.csv', 'error', '4', '']]);

    const refused = await service.commitImport(strict).then(() => null, (error: unknown) => error as Error);
    expect(refused?.name).toBe('ImportBlockedError');
    expect(refused?.message).toMatch(/bad\.csv/);
    expect(await service.listImports()).toEqual([]);
    expect(await service.loadLocal({ asOf: AS_OF })).toMatchObject({ source: 'local', size: 0, imports: 0, snapshots: [] });

    const lenient = planFor(inspection.mapping, AS_OF, true);
    expect(await service.checkImport(lenient)).toMatchObject({ rows: 4, usable: 2, bad: 2, verdict: 'ok' });
    const outcome = await service.commitImport(lenient);
    expect(outcome.summary).toEqual({ new: 2, updated: 0, unchanged: 0, skipped: 2 });
    expect((await service.customers()).ids).toEqual(['A1', 'A4']);
    const [info] = await service.listImports();
    expect(info).toMatchObject({ rowCount: 4, customerCount: 2, summary: { skipped: 2 } });
    // Skipped rows are warnings in the report, still at their rows.
    const skippedReport = await service.problemsCsv({
      dialect: 'locale', locale: 'pt-BR', severities: { error: 'erro', warning: 'aviso' },
      header: { file: 'Arquivo', severity: 'Gravidade', row: 'Linha', column: 'Coluna', value: 'Valor', problem: 'Problema' },
    });
    expect(skippedReport.startsWith('\uFEFFArquivo;Gravidade;Linha;Coluna;Valor;Problema\r\n')).toBe(true);
    expect(skippedReport).toContain('bad.csv;aviso;3;id (A);');
    expect(skippedReport).toContain('bad.csv;aviso;4;;');
  });

  it('blocks a file where an id is on two rows with different values, naming both rows', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const inspection = await service.openImport({ name: 'dup.csv', data: bytesOf('id,name,nps\nA1,Alpha,9\nA1,Alpha,8\nA2,Bravo,3\n') });
    for (const skipBadRows of [false, true]) {
      const check = await service.checkImport(planFor(inspection.mapping, AS_OF, skipBadRows));
      expect(check.verdict).toBe('blocked');
      expect(check.days).toEqual([]);
      expect(check.problems[0]).toMatchObject({ severity: 'error', code: 'id.duplicate', rows: [3] });
      expect(check.problems[0]!.message).toMatch(/row 3.*"A1".*row 2/);
      const refused = await service.commitImport(planFor(inspection.mapping, AS_OF, skipBadRows)).then(() => null, (error: unknown) => error as Error);
      expect(refused?.name).toBe('ImportBlockedError');
    }
    expect(await service.listImports()).toEqual([]);
  });

  it('drops a row that is an exact copy of an earlier one, with a warning, and imports the rest', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const inspection = await service.openImport({ name: 'copy.csv', data: bytesOf('id,name,nps\nA1,Alpha,9\nA1,Alpha,9\nA2,Bravo,3\n') });
    const check = await service.checkImport(planFor(inspection.mapping, AS_OF));
    expect(check).toMatchObject({ rows: 3, usable: 2, verdict: 'ok' });
    expect(check.problems.every((p) => p.severity === 'warning')).toBe(true);
  });

  it('blocks a plan with no id column mapped', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const inspection = await service.openImport({ name: 'noid.csv', data: bytesOf('id,name,nps\nA1,Alpha,9\n') });
    const plan = planFor({ fields: without(inspection.mapping.fields, 'id'), metrics: inspection.mapping.metrics }, AS_OF);
    const check = await service.checkImport(plan);
    expect(check).toMatchObject({ verdict: 'blocked', days: [] });
    expect(check.problems[0]!.severity).toBe('error');
    expect(check.problems[0]!.message).toMatch(/id/i);
    await expect(service.commitImport(plan)).rejects.toMatchObject({ name: 'ImportBlockedError' });
    expect(await service.listImports()).toEqual([]);
  });

  it('asks for a choice when a row of a long file has an unreadable as-of date', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const text = 'id,as_of,name,nps\nA1,2024-05-31,Alpha,9\nA1,2024-06-30,Alpha,8\nA2,2024-13-45,Bravo,3\nA2,2024-06-30,Bravo,3\n';
    const inspection = await service.openImport({ name: 'long.csv', data: bytesOf(text) });
    const check = await service.checkImport(planFor(inspection.mapping, { column: 1 }));
    expect(check).toMatchObject({ rows: 4, usable: 3, bad: 1, days: [day('2024-05-31'), day('2024-06-30')], verdict: 'needs-choice' });
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatchObject({ severity: 'error', column: 'as_of', rows: [4] });
    expect(await service.problemsCsv({ dialect: 'standard', locale: 'en' })).toContain('long.csv,error,4,as_of (B),2024-13-45,');

    const outcome = await service.commitImport(planFor(inspection.mapping, { column: 1 }, true));
    expect(outcome.days).toEqual([day('2024-05-31'), day('2024-06-30')]);
    // May: A1 new. June: A1's NPS changed, A2 new.
    expect(outcome.summary).toMatchObject({ new: 2, updated: 1, unchanged: 0 });
    expect((await service.customers()).ids).toEqual(['A1', 'A2']);
  });

  it('counts a row left out for its unreadable as-of date in the outcome’s skipped rows', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: AS_OF });
    const text = 'id,as_of,name,nps\nA1,2024-05-31,Alpha,9\nA1,2024-06-30,Alpha,8\nA2,2024-13-45,Bravo,3\nA2,2024-06-30,Bravo,3\n';
    const inspection = await service.openImport({ name: 'long.csv', data: bytesOf(text) });
    const plan = planFor(inspection.mapping, { column: 1 }, true);
    expect((await service.checkImport(plan)).bad).toBe(1);
    // ImportOutcome: "`skipped` = rows left out". Row 4 was left out: the user chose to import without it.
    expect((await service.commitImport(plan)).summary.skipped).toBe(1);
  });
});
