/**
 * Backup, delete everything, and restore, black-box: a device's data (two imports, a typed value)
 * comes back exactly after `deleteAllData` and `restore('replace')`; a damaged file is refused with
 * nothing written; `merge` adds a backup to a device that has other data, without doubling.
 */
import { describe, expect, it } from 'vitest';
import { defaultPlaybooks, DEFAULT_PLAYBOOK_IDS, type DefaultPlaybookId, type DefaultPlaybookTexts } from '../../../src/engine';
import type { EngineService } from '../../../src/worker/service';
import { APRIL, APRIL_ROWS, HEADER, MAY, MAY_ROWS } from './monthly';
import { csvText, day, freshService, importText } from './support';

const ENTRY_DAY = MAY;

const DEFAULTS = defaultPlaybooks(
  Object.fromEntries(DEFAULT_PLAYBOOK_IDS.map((id) => [id, { name: id, title: `Do ${id}`, description: '' }])) as Record<DefaultPlaybookId, DefaultPlaybookTexts>,
);

/** Two monthly imports and one typed value with a note: the device's data. */
async function seed(service: EngineService): Promise<void> {
  await service.loadLocal({ asOf: APRIL });
  await importText(service, 'abril.csv', csvText(HEADER, APRIL_ROWS), APRIL);
  await importText(service, 'maio.csv', csvText(HEADER, MAY_ROWS), MAY);
  await service.addEntry({ customerId: 'B', day: ENTRY_DAY, column: 'nps', value: 10, note: 'Sponsor changed' });
}

/** What the screens show, as plain values. */
async function state(service: EngineService) {
  const scores = await service.scores();
  const { ids } = await service.customers();
  const entries: Record<string, unknown> = {};
  for (const id of ids) entries[id] = await service.listEntries(id);
  return {
    summary: await service.summary(),
    ids,
    scores: {
      score: Array.from(scores.score), previous: Array.from(scores.previousScore), coverage: Array.from(scores.coverage), band: Array.from(scores.band),
      computedBand: Array.from(scores.computedBand), overridden: Array.from(scores.overridden),
    },
    overrides: await Promise.all(ids.map((id) => service.listOverrides(id))),
    imports: await service.listImports(),
    entries,
    trend: await service.trend(),
    history: await Promise.all(ids.map((_, row) => service.customerHistory(row))),
    tasks: await service.tasks({ status: 'all' }),
    playbooks: (await service.playbooks([])).map((p) => p.playbook),
  };
}

function copy(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

describe('backup and restore', () => {
  it('restores, after everything was deleted, exactly what there was', async () => {
    const { service } = freshService({ today: () => new Date(2024, 6, 15, 10, 30) });
    await seed(service);
    await service.setOverride({ customerId: 'C', band: 'red', reason: 'Sponsor left', expiresOn: day('2024-08-01') });
    await service.ensureDefaultPlaybooks(DEFAULTS);
    const [task] = await service.tasks();
    await service.closeTask(task!.id, { status: 'done', note: 'Called' });
    const before = await state(service);
    expect(before.tasks.length).toBeGreaterThan(1);
    expect(before.summary).toMatchObject({ snapshots: [APRIL, MAY], imports: 2, size: 6 });
    expect(before.scores.overridden).toContain(1);

    const backup = await service.backup();
    expect(backup.fileName).toBe('pulso-backup-2024-07-15.json');
    const json = JSON.parse(new TextDecoder().decode(backup.data)) as { format: string; schemaVersion: number };
    expect(json).toMatchObject({ format: 'pulso-backup/v1', schemaVersion: 5 });

    const emptied = await service.deleteAllData();
    expect(emptied).toMatchObject({ source: 'local', size: 0, snapshots: [], imports: 0 });
    expect(await service.listImports()).toEqual([]);
    expect(await service.listEntries('B')).toEqual([]);
    expect(await service.listOverrides('C')).toEqual([]);
    expect(await service.tasks({ status: 'all' })).toEqual([]);
    // Playbooks are kept, like settings.
    expect((await service.playbooks([])).map((p) => p.playbook)).toEqual(before.playbooks);
    expect(await service.trend()).toEqual([]);
    expect((await service.customers()).ids).toEqual([]);
    // Settings are kept: the mapping of the monthly files' layout is still remembered.
    expect((await service.openImport({ name: 'junho.csv', data: new TextEncoder().encode(csvText(HEADER, MAY_ROWS)).buffer as ArrayBuffer })).remembered).toBe(true);
    await service.closeImport();

    const check = await service.checkRestore(copy(backup.data));
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const chunks = before.imports.reduce((sum, i) => sum + i.columnCount + 1, 0);
    expect(check).toMatchObject({ schemaVersion: 5, imports: 2, entries: 1 });
    // settings: the remembered mapping, that the default playbooks were stored, and what they last ran on.
    expect(check.tables).toMatchObject({ imports: 2, entries: 1, chunks, settings: 3, scoreSnapshots: 2, overrides: 1, playbooks: 4, tasks: before.tasks.length, outcomes: 0 });
    expect(Number.isNaN(Date.parse(check.createdAt))).toBe(false);

    const restored = await service.restore('replace');
    expect(restored.mode).toBe('replace');
    expect(restored.written).toEqual(check.tables);
    expect(restored.portfolio).toEqual(before.summary);
    expect(await state(service)).toEqual(before);
    // The check is used up.
    await expect(service.restore('replace')).rejects.toThrow(/check it first/);
  });

  it('refuses a damaged backup with its problems and writes nothing', async () => {
    const { service } = freshService();
    await seed(service);
    const before = await state(service);
    const { data } = await service.backup();

    const truncated = await service.checkRestore(copy(data.subarray(0, Math.floor(data.length * 0.6))));
    expect(truncated.ok).toBe(false);
    if (truncated.ok) return;
    expect(truncated.problems.length).toBeGreaterThan(0);
    expect(truncated.problems.every((p) => typeof p === 'string' && p.length > 0)).toBe(true);
    await expect(service.restore('replace')).rejects.toThrow(/check it first/);
    expect(await state(service)).toEqual(before);

    // A file that is not a backup at all, and one whose row counts do not match.
    const notBackup = await service.checkRestore(new TextEncoder().encode('id,nps\nA,9\n').buffer as ArrayBuffer);
    expect(notBackup.ok).toBe(false);
    const parsed = JSON.parse(new TextDecoder().decode(data)) as { tables: Record<string, number> };
    parsed.tables['imports'] = 3;
    const lying = await service.checkRestore(new TextEncoder().encode(JSON.stringify(parsed)).buffer as ArrayBuffer);
    expect(lying.ok).toBe(false);
    await expect(service.restore('merge')).rejects.toThrow(/check it first/);
    expect(await state(service)).toEqual(before);
  });

  it('merges a backup into a device with other data, adding only what the device lacks', async () => {
    const origin = freshService();
    await seed(origin.service);
    const { data } = await origin.service.backup();

    const device = freshService();
    await device.service.loadLocal({ asOf: APRIL });
    const other = 'id,name,nps,csat\nZ1,Zulu,9,5\nZ2,Yankee,3,2\n';
    await importText(device.service, 'outra.csv', other, day('2024-05-15'));
    await device.service.addEntry({ customerId: 'Z2', day: day('2024-05-15'), note: 'Local note' });

    const check = await device.service.checkRestore(copy(data));
    expect(check).toMatchObject({ ok: true, imports: 2, entries: 1 });
    const merged = await device.service.restore('merge');
    expect(merged.mode).toBe('merge');
    expect(merged.written).toMatchObject({ imports: 2, entries: 1 });
    expect(merged.portfolio).toMatchObject({ source: 'local', imports: 3, size: 8, snapshots: [APRIL, day('2024-05-15'), MAY] });
    expect((await device.service.listImports()).map((i) => [i.fileName, i.asOf])).toEqual([
      ['abril.csv', APRIL], ['outra.csv', day('2024-05-15')], ['maio.csv', MAY],
    ]);
    expect((await device.service.customers()).ids.slice().sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'Z1', 'Z2']);
    expect((await device.service.listEntries('B')).map((e) => [e.value, e.note])).toEqual([[10, 'Sponsor changed']]);
    expect((await device.service.listEntries('Z2')).map((e) => e.note)).toEqual(['Local note']);
    // The origin's customers score as they did there (their values did not mix with Z1 and Z2's).
    const originState = await state(origin.service);
    const { ids } = await device.service.customers();
    const scores = await device.service.scores();
    for (const [row, id] of originState.ids.entries()) expect(scores.score[ids.indexOf(id)], id).toBe(originState.scores.score[row]);

    // Merging the same file again adds nothing.
    expect((await device.service.checkRestore(copy(data))).ok).toBe(true);
    const again = await device.service.restore('merge');
    expect(again.written).toMatchObject({ imports: 0, entries: 0, chunks: 0 });
    expect(await device.service.listImports()).toHaveLength(3);
    expect(await device.service.listEntries('B')).toHaveLength(1);
  });

  it('replaces a device’s other data with the backup', async () => {
    const origin = freshService();
    await seed(origin.service);
    const before = await state(origin.service);
    const { data } = await origin.service.backup();

    const device = freshService();
    await device.service.loadLocal({ asOf: APRIL });
    await importText(device.service, 'outra.csv', 'id,name,nps\nZ1,Zulu,9\n', day('2024-05-15'));
    expect((await device.service.checkRestore(copy(data))).ok).toBe(true);
    await device.service.restore('replace');
    const after = await state(device.service);
    expect(after.ids).toEqual(before.ids);
    expect(after.scores).toEqual(before.scores);
    expect(after.trend).toEqual(before.trend);
    expect(after.entries).toEqual(before.entries);
    expect(after.imports).toEqual(before.imports);
  });
});
