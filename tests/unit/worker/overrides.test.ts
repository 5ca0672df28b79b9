/**
 * Bands set by hand (DESIGN "Overrides"), black-box through EngineApi: the band shown changes at
 * the scores' day while the computed band, the score, the explanation and the stored snapshots
 * stay the model's; an expired or ended override does not apply; one whose band the model no
 * longer has is listed as not applied; bad requests are refused saying what to fix; overrides
 * survive a reload (stored) and live in memory on the demo; the export says so.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { listScoreSnapshots, loadScoreSnapshot, PulsoDb } from '../../../src/data';
import type { EngineService } from '../../../src/worker/service';
import { APRIL, APRIL_ROWS, HEADER, MAY, MAY_ROWS } from './monthly';
import { csvText, day, freshService, importText, rowOf, serviceOn } from './support';

/** The device's clock at local midnight of epoch day `today`. */
function clock(today: number): () => Date {
  const date = new Date(today * 86_400_000);
  return () => new Date(date.getTime() + date.getTimezoneOffset() * 60_000);
}

/** A service on a fresh database whose "today" is `today`. */
function at(today: number) {
  return freshService({ today: clock(today) });
}

async function twoMonths(service: EngineService): Promise<void> {
  await service.loadLocal({ asOf: MAY });
  await importText(service, 'april.csv', csvText(HEADER, APRIL_ROWS), APRIL);
  await importText(service, 'may.csv', csvText(HEADER, MAY_ROWS), MAY);
}

async function bandOf(service: EngineService, id: string) {
  const row = await rowOf(service, id);
  const scores = await service.scores();
  return { shown: scores.bands[scores.band[row]!]!.id, computed: scores.bands[scores.computedBand[row]!]!.id, overridden: scores.overridden[row], score: scores.score[row] };
}

describe('a band set by hand', () => {
  it('shows at the scores’ day beside the computed band; score, explanation and stored snapshots stay computed', async () => {
    const { service, name } = at(MAY + 3);
    await twoMonths(service);
    const before = await bandOf(service, 'B');
    const explained = await service.explain(await rowOf(service, 'B'));
    expect(before.overridden).toBe(0);
    expect(before.shown).toBe(before.computed);
    const target = before.computed === 'green' ? 'red' : 'green';

    await service.setOverride({ customerId: 'B', band: target, reason: '  Champion left  ', expiresOn: MAY + 30 });
    const after = await bandOf(service, 'B');
    expect(after).toEqual({ shown: target, computed: before.computed, overridden: 1, score: before.score });
    // Nobody else changed.
    expect((await bandOf(service, 'A')).overridden).toBe(0);
    expect(await service.explain(await rowOf(service, 'B'))).toEqual(explained);

    const [listed] = await service.listOverrides('B');
    // Data older than today: it starts at the scores' day, so that the scores shown take it.
    expect(listed).toMatchObject({ customerId: 'B', band: target, reason: 'Champion left', startsOn: MAY, expiresOn: MAY + 30, active: true, status: 'active' });

    // A reload reads it back from the database.
    const again = serviceOn(name, { today: clock(MAY + 3) });
    await again.loadLocal({ asOf: MAY });
    expect(await bandOf(again, 'B')).toEqual(after);
    await again.trend();

    // Stored score snapshots keep the computed band.
    const db = new PulsoDb({ name });
    try {
      const metas = await listScoreSnapshots(db);
      const may = metas.find((m) => m.asOf === MAY)!;
      const snapshot = (await loadScoreSnapshot(db, may.id))!;
      const r = snapshot.ids.indexOf('B');
      expect(snapshot.bands[snapshot.band[r]!]!.id).toBe(before.computed);
    } finally {
      db.close();
    }
    // …and the customer's history too.
    const history = await again.customerHistory(await rowOf(again, 'B'));
    expect((await again.scores()).bands[history.at(-1)!.band]!.id).toBe(before.computed);
  });

  it('does not apply once expired (at the scores’ day or on the calendar), nor once ended; a new one ends the one in force', async () => {
    const { service } = at(MAY);
    await twoMonths(service);
    const computed = (await bandOf(service, 'C')).computed;
    const other = computed === 'red' ? 'yellow' : 'red';
    await service.setOverride({ customerId: 'C', band: other, reason: 'Escalation', expiresOn: MAY });
    // The expiry day itself is included.
    expect((await bandOf(service, 'C')).overridden).toBe(1);

    const second = await service.setOverride({ customerId: 'C', band: 'green', reason: 'Exec sponsor renewed', expiresOn: MAY + 10 });
    expect(second.asOf).toBe(MAY);
    const list = await service.listOverrides('C');
    expect(list.map((o) => [o.reason, o.status])).toEqual([['Exec sponsor renewed', 'active'], ['Escalation', 'ended']]);
    expect((await bandOf(service, 'C')).shown).toBe('green');

    await service.endOverride(list[0]!.id);
    expect(await bandOf(service, 'C')).toMatchObject({ shown: computed, overridden: 0 });
    expect((await service.listOverrides('C')).every((o) => !o.active && o.status === 'ended')).toBe(true);
  });

  it('ends by itself when its last day is past on the calendar, even with no newer data', async () => {
    const set = at(MAY);
    await twoMonths(set.service);
    await set.service.setOverride({ customerId: 'A', band: 'red', reason: 'Budget cut', expiresOn: MAY + 2 });
    expect((await bandOf(set.service, 'A')).overridden).toBe(1);
    // The same data, three days later on the device's calendar.
    const later = serviceOn(set.name, { today: clock(MAY + 3) });
    await later.loadLocal({ asOf: MAY + 3 });
    expect((await bandOf(later, 'A')).overridden).toBe(0);
    expect((await later.listOverrides('A'))[0]).toMatchObject({ active: false, status: 'expired' });
  });

  it('is not applied when the model in use has no band with its id, and the list says so', async () => {
    const { service } = at(MAY);
    await twoMonths(service);
    await service.setOverride({ customerId: 'D', band: 'yellow', reason: 'Watch closely', expiresOn: MAY + 5 });
    const model = await service.model();
    const renamed = { ...model, bands: { mode: 'fixed' as const, cuts: [{ id: 'risk', label: 'Risk', color: '#c00', max: 60 }, { id: 'fine', label: 'Fine', color: '#0a0', max: 100 }] } };
    const used = await service.useModel({ model: renamed });
    expect(used.ok).toBe(true);
    expect((await bandOf(service, 'D')).overridden).toBe(0);
    expect((await service.listOverrides('D'))[0]).toMatchObject({ band: 'yellow', bandIndex: -1, active: false, status: 'band-gone' });
  });

  it('refuses a blank reason, an expiry before today, an unknown or insufficient band, an unknown customer — and stores nothing', async () => {
    const { service } = at(MAY + 1);
    await twoMonths(service);
    const ok = { customerId: 'A', band: 'red', reason: 'Why', expiresOn: MAY + 9 };
    await expect(service.setOverride({ ...ok, reason: '   ' })).rejects.toThrow(/reason/);
    await expect(service.setOverride({ ...ok, expiresOn: MAY })).rejects.toThrow(/expiry day is in the past: choose today \(2024-06-01\)/);
    await expect(service.setOverride({ ...ok, band: 'purple' })).rejects.toThrow(/“purple” is not a band .* red, yellow, green/);
    await expect(service.setOverride({ ...ok, band: 'insufficient' })).rejects.toThrow(/“insufficient” is not a band/);
    await expect(service.setOverride({ ...ok, customerId: 'ZZ' })).rejects.toThrow(/no customer with id “ZZ”/);
    await expect(service.endOverride(99)).rejects.toThrow(/no band set by hand/);
    expect(await service.listOverrides('A')).toEqual([]);
  });

  it('on the demo, lives in memory until the demo is reset', async () => {
    const TODAY = day('2024-06-15');
    const { service } = at(TODAY);
    await service.loadDemo({ asOf: TODAY });
    const { ids } = await service.customers();
    const id = ids[0]!;
    await service.setOverride({ customerId: id, band: 'green', reason: 'Demo', expiresOn: TODAY + 30 });
    const scores = await service.scores();
    expect(scores.overridden[0]).toBe(1);
    expect(scores.bands[scores.band[0]!]!.id).toBe('green');
    expect((await service.listOverrides(id))[0]).toMatchObject({ startsOn: TODAY, active: true });
    await service.loadDemo({ asOf: TODAY });
    expect((await service.scores()).overridden.every((v) => v === 0)).toBe(true);
    expect(await service.listOverrides(id)).toEqual([]);
  });

  it('is exported: the band shown, whether it was set by hand, and the computed band beside it', async () => {
    const { service } = at(MAY);
    await twoMonths(service);
    const computed = (await bandOf(service, 'E')).computed;
    const other = computed === 'green' ? 'red' : 'green';
    await service.setOverride({ customerId: 'E', band: other, reason: 'x', expiresOn: MAY + 1 });
    const csv = await service.exportScores({
      dialect: 'standard', locale: 'en',
      header: { id: 'id', name: 'name', score: 'score', band: 'band', coverage: 'coverage', delta: 'delta', overridden: 'by_hand', computedBand: 'computed_band' },
      bandLabels: [],
    });
    const [header, ...lines] = csv.trimEnd().split('\n');
    expect(header!.split(',').slice(0, 7)).toEqual(['id', 'name', 'score', 'band', 'by_hand', 'computed_band', 'coverage']);
    const e = lines.find((l) => l.startsWith('E,'))!.split(',');
    expect(e.slice(3, 6)).toEqual([other, 'true', computed]);
    const a = lines.find((l) => l.startsWith('A,'))!.split(',');
    expect(a[4]).toBe('false');
    expect(a[3]).toBe(a[5]);

    const local = await service.exportScores({
      dialect: 'locale', locale: 'pt-BR',
      header: { id: 'Id', name: 'Nome', score: 'Pontuação', band: 'Faixa', coverage: 'Cobertura', delta: 'Variação', overridden: 'Definida à mão', computedBand: 'Faixa calculada' },
      bandLabels: ['Vermelho', 'Amarelo', 'Verde', 'Dados insuficientes'], yesNo: ['Sim', 'Não'],
    });
    const rows = local.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(';'));
    expect(rows[0]!.slice(3, 6)).toEqual(['Faixa', 'Definida à mão', 'Faixa calculada']);
    expect(rows.find((r) => r[0] === 'E')![4]).toBe('Sim');
    expect(rows.find((r) => r[0] === 'A')![4]).toBe('Não');
  });
});
