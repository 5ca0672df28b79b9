/**
 * Playbooks and tasks, black-box through EngineApi: the default playbooks are stored once; runs
 * after each import create the tasks their rules call for, each exactly once per customer and
 * cause (the same file again, or a new month in which the same customers still match, adds
 * none); a customer who newly matches gets one; tasks are closed, reopened and added by hand,
 * and survive a reload; the demo's live in memory.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultPlaybooks, DEFAULT_PLAYBOOK_IDS, type DefaultPlaybookId, type Playbook } from '../../../src/engine';
import type { EngineService } from '../../../src/worker/service';
import type { TaskInfo } from '../../../src/worker/api';
import { APRIL, APRIL_ROWS, HEADER, JUNE, JUNE_ROWS, MAY, MAY_ROWS } from './monthly';
import { csvText, day, freshService, importText } from './support';

const DEFAULTS = defaultPlaybooks(
  Object.fromEntries(DEFAULT_PLAYBOOK_IDS.map((id) => [id, { name: `${id} name`, title: `${id} title`, description: `${id} says` }])) as Record<DefaultPlaybookId, { name: string; title: string; description: string }>,
);

/** The device's clock at local midnight of epoch day `today`. */
function clock(today: number): () => Date {
  const date = new Date(today * 86_400_000);
  return () => new Date(date.getTime() + date.getTimezoneOffset() * 60_000);
}

/** Band shown per customer id at the scores' day. */
async function bands(service: EngineService): Promise<Map<string, string>> {
  const [scores, table] = await Promise.all([service.scores(), service.customers()]);
  return new Map(table.ids.map((id, row) => [id, scores.bands[scores.band[row]!]!.id]));
}

const keyOf = (t: TaskInfo) => `${t.playbookId}:${t.customerId}`;

async function openKeys(service: EngineService): Promise<string[]> {
  return (await service.tasks()).map(keyOf).sort();
}

/** What the default red and yellow playbooks ask for, given the bands shown (the green ones need NPS ≥ 9 or a renewal). */
function redYellow(shown: ReadonlyMap<string, string>): string[] {
  return [...shown].flatMap(([id, band]) => (band === 'red' ? [`default-red:${id}`] : band === 'yellow' ? [`default-yellow:${id}`] : [])).sort();
}

describe('playbooks', () => {
  it('stores the default playbooks once, and lists what each matches now', async () => {
    const { service, reopen } = freshService({ today: clock(MAY + 1) });
    await service.loadLocal({ asOf: MAY });
    await importText(service, 'april.csv', csvText(HEADER, APRIL_ROWS), APRIL);
    const infos = await service.playbooks(DEFAULTS);
    expect(infos.map((i) => i.playbook.id)).toEqual([...DEFAULT_PLAYBOOK_IDS]);
    const shown = await bands(service);
    const red = [...shown.values()].filter((b) => b === 'red').length;
    expect(infos[0]!.matching).toBe(red);
    expect(infos[0]!.openTasks).toBe(red);
    // No renewal dates in these files: the upgrade playbook says it cannot match on them.
    expect(infos[3]!.unknown).toEqual(['renewal_date']);

    expect(await service.ensureDefaultPlaybooks(DEFAULTS)).toBe(false);
    await service.deletePlaybook('default-yellow');
    const again = reopen();
    await again.loadLocal({ asOf: MAY });
    expect((await again.playbooks(DEFAULTS)).map((i) => i.playbook.id)).toEqual(['default-red', 'default-advocates', 'default-upgrade']);
  });

  it('creates each task once per customer and cause: the same file again adds none; a new month adds only the new runs', async () => {
    const { service } = freshService({ today: clock(JUNE + 2) });
    await service.loadLocal({ asOf: APRIL });
    await service.playbooks(DEFAULTS);
    await importText(service, 'april.csv', csvText(HEADER, APRIL_ROWS), APRIL);
    const april = await bands(service);
    const first = await openKeys(service);
    expect(first.filter((k) => !k.startsWith('default-advocates'))).toEqual(redYellow(april));
    // Advocates: green with NPS 9 or more.
    const advocates = APRIL_ROWS.filter((r) => april.get(r['id']!) === 'green' && Number(r['nps']) >= 9).map((r) => `default-advocates:${r['id']}`);
    expect(first.filter((k) => k.startsWith('default-advocates'))).toEqual(advocates.sort());

    // The same file again: nothing new is stored, no task is added.
    await importText(service, 'april.csv', csvText(HEADER, APRIL_ROWS), APRIL);
    expect(await openKeys(service)).toEqual(first);
    expect((await service.runPlaybooks()).created).toBe(0);

    await importText(service, 'may.csv', csvText(HEADER, MAY_ROWS), MAY);
    await importText(service, 'june.csv', csvText(HEADER, JUNE_ROWS), JUNE);
    const june = await bands(service);
    const all = await service.tasks({ status: 'all' });
    // Exactly one task per playbook, customer and run: none twice.
    const causes = all.map((t) => `${keyOf(t)}@${t.since}`);
    expect(new Set(causes).size).toBe(causes.length);
    // Everyone red or yellow now has a task for it, dated from the first day of their run.
    for (const key of redYellow(june)) expect(all.map(keyOf)).toContain(key);
    const again = await service.tasks({ status: 'all' });
    expect(again.length).toBe(all.length);
    expect((await service.runPlaybooks()).created).toBe(0);
  });

  it('runs a playbook of its own: a band drop or a fall in score, AND/OR, assigned to the owner, due N days after today', async () => {
    const today = MAY + 3;
    const { service } = freshService({ today: clock(today) });
    await service.loadLocal({ asOf: APRIL });
    await service.playbooks([]);
    await importText(service, 'april.csv', csvText(HEADER, APRIL_ROWS), APRIL);
    const aprilScores = await service.scores();
    const aprilTable = await service.customers();
    const before = new Map(aprilTable.ids.map((id, row) => [id, aprilScores.score[row]!]));
    const fell: Playbook = {
      id: 'fell', name: 'Fell 1 or more', enabled: true, match: 'any',
      triggers: [{ kind: 'score-fall', points: 1 }, { kind: 'band-drop' }],
      actions: [{ kind: 'task', title: 'Ask what changed', description: '', dueInDays: 3, priority: 'high' }],
    };
    const infos = await service.savePlaybook(fell);
    expect(infos.find((i) => i.playbook.id === 'fell')!.matching).toBe(0);
    const changed = MAY_ROWS.map((r) => (r['id'] === 'A' ? { ...r, logins_30d: '1', active_seats_pct: '10', nps: '2', csat: '1' } : r));
    await importText(service, 'may.csv', csvText(HEADER, changed), MAY);
    const scores = await service.scores();
    const table = await service.customers();
    const expected = table.ids.filter((id, row) => before.has(id) && before.get(id)! - scores.score[row]! >= 1).sort();
    expect(expected).toContain('A');
    const tasks = (await service.tasks()).filter((t) => t.playbookId === 'fell');
    expect(tasks.map((t) => t.customerId).sort()).toEqual(expected);
    const a = tasks.find((t) => t.customerId === 'A')!;
    expect([a.owner, a.title, a.priority, a.createdOn, a.dueOn, a.since, a.customerName]).toEqual(['Ana', 'Ask what changed', 'high', today, today + 3, MAY, 'Alfa']);
  });

  it('refuses a playbook that cannot be saved, saying what to fix', async () => {
    const { service } = freshService();
    await service.loadLocal({ asOf: MAY });
    await service.playbooks(DEFAULTS);
    const wrong: Playbook = { ...DEFAULTS[0]!, name: ' ', triggers: [{ kind: 'score-fall', points: -2 }] };
    await expect(service.savePlaybook(wrong)).rejects.toThrow(/name must not be blank.*triggers\[0\]\.points must be a whole number of 1 or more/);
    expect((await service.playbooks(DEFAULTS))[0]!.playbook).toEqual(DEFAULTS[0]);
  });
});

describe('tasks', () => {
  it('are done, dismissed (with a reason) and reopened, and stay so after a reload', async () => {
    const { service, reopen } = freshService({ today: clock(MAY + 1) });
    await service.loadLocal({ asOf: MAY });
    await service.playbooks(DEFAULTS);
    await importText(service, 'may.csv', csvText(HEADER, MAY_ROWS), MAY);
    const [first, second] = await service.tasks();
    expect(first && second).toBeTruthy();
    // The badge's count: open tasks due on the day given or before.
    const listed = await service.tasks();
    expect(await service.dueTasks(first!.dueOn)).toBe(listed.filter((t) => t.dueOn <= first!.dueOn).length);
    expect(await service.dueTasks(first!.dueOn - 1)).toBe(0);
    const done = await service.closeTask(first!.id, { status: 'done', note: '  Called; new sponsor  ' });
    expect([done.status, done.note, typeof done.closedAt]).toEqual(['done', 'Called; new sponsor', 'number']);
    await expect(service.closeTask(second!.id, { status: 'dismissed', note: ' ' })).rejects.toThrow(/Say why/);
    await service.closeTask(second!.id, { status: 'dismissed', note: 'Duplicate of a call' });

    const later = reopen();
    await later.loadLocal({ asOf: MAY });
    expect((await later.tasks()).map((t) => t.id)).not.toContain(first!.id);
    expect((await later.tasks({ status: 'closed' })).map((t) => [t.id, t.status])).toEqual([[second!.id, 'dismissed'], [first!.id, 'done']]);
    // Reloading ran the playbooks again: the closed tasks' causes are not created again.
    expect((await later.runPlaybooks()).created).toBe(0);
    const open = await later.reopenTask(first!.id);
    expect([open.status, open.note, open.closedAt]).toEqual(['open', '', undefined]);
  });

  it('are added by hand on a customer, checked first', async () => {
    const { service } = freshService({ today: clock(MAY) });
    await service.loadLocal({ asOf: MAY });
    await importText(service, 'may.csv', csvText(HEADER, MAY_ROWS), MAY);
    const task = await service.addTask({ customerId: 'F', title: ' Send the case study draft ', description: '', priority: 'low', dueOn: day('2024-06-10') });
    expect([task.title, task.owner, task.playbookId, task.since, task.customerName]).toEqual(['Send the case study draft', 'Ana', null, null, 'Foxtrot']);
    await expect(service.addTask({ customerId: 'F', title: ' ', description: '', priority: 'low', dueOn: MAY })).rejects.toThrow(/needs a title/);
    await expect(service.addTask({ customerId: 'nobody', title: 'x', description: '', priority: 'low', dueOn: MAY })).rejects.toThrow(/no customer “nobody”/);
    expect((await service.tasks({ customerId: 'F' })).map((t) => t.title)).toEqual(['Send the case study draft']);
  });

  it('of the demo live in memory: created from the defaults, closed, and gone with a fresh demo', async () => {
    const asOf = day('2026-11-30');
    const { service } = freshService({ today: clock(asOf) });
    await service.loadDemo({ asOf });
    expect(await service.ensureDefaultPlaybooks(DEFAULTS)).toBe(true);
    const infos = await service.playbooks(DEFAULTS);
    const open = await service.tasks();
    expect(open.length).toBe(infos.reduce((n, i) => n + i.openTasks, 0));
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((t) => t.row >= 0 && t.customerName !== '')).toBe(true);
    await service.closeTask(open[0]!.id, { status: 'done', note: '' });
    expect((await service.tasks()).length).toBe(open.length - 1);
    await service.loadDemo({ asOf });
    expect((await service.tasks()).length).toBe(open.length);
  });
});
