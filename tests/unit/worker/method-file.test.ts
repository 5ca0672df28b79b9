/**
 * Method files through EngineApi: the method in use written out (model, playbooks, band
 * actions); a file read and summed up without changing anything; a good file put in use on
 * another device (its model scoring, its playbooks creating tasks, its band actions shown); a
 * wrong one refused by JSON path, changing nothing.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultPlaybooks, DEFAULT_PLAYBOOK_IDS, parseMethod, type DefaultPlaybookId, type Playbook } from '../../../src/engine';
import type { EngineService } from '../../../src/worker/service';
import { APRIL, APRIL_ROWS, HEADER } from './monthly';
import { csvText, freshService, importText } from './support';

const DEFAULTS = defaultPlaybooks(
  Object.fromEntries(DEFAULT_PLAYBOOK_IDS.map((id) => [id, { name: `${id} name`, title: `${id} title`, description: '' }])) as Record<DefaultPlaybookId, { name: string; title: string; description: string }>,
);

const LOW_LOGINS: Playbook = {
  id: 'low-logins',
  name: 'Few logins',
  enabled: true,
  match: 'all',
  triggers: [{ kind: 'indicator', column: 'logins_30d', op: 'lt', value: 1000 }],
  actions: [{ kind: 'task', title: 'Train the team', description: 'Book a session.', dueInDays: 5, priority: 'normal' }],
};

const TRAINER_RED: Playbook = {
  id: 'trainer-red',
  name: 'Red, the trainer’s way',
  enabled: true,
  match: 'all',
  triggers: [{ kind: 'in-band', band: 'red' }],
  actions: [{ kind: 'task', title: 'Call', description: '', dueInDays: 1, priority: 'high' }],
};

/** Band shown per customer id. */
async function bands(service: EngineService): Promise<Map<string, string>> {
  const [scores, table] = await Promise.all([service.scores(), service.customers()]);
  return new Map(table.ids.map((id, row) => [id, scores.bands[scores.band[row]!]!.id]));
}

const bytes = (text: string) => ({ name: 'method.json', data: new TextEncoder().encode(text).buffer as ArrayBuffer });

/** A service with its own data (April), the subscription starter model, its playbooks and band actions. */
async function trainer(): Promise<EngineService> {
  const { service } = freshService({ today: () => new Date(2026, 4, 2) });
  await service.loadLocal({ asOf: APRIL });
  await importText(service, 'april.csv', csvText(HEADER, APRIL_ROWS), APRIL);
  expect((await service.useModel({ starter: 'subscription' })).ok).toBe(true);
  await service.playbooks(DEFAULTS);
  await service.deletePlaybook('default-upgrade');
  await service.savePlaybook(LOW_LOGINS);
  await service.savePlaybook(TRAINER_RED);
  await service.setBandActions({ red: 'Call this week', green: 'Ask for a case study' });
  return service;
}

async function state(service: EngineService) {
  return {
    revision: (await service.modelFile()).revision,
    playbooks: (await service.playbooks([])).map((p) => p.playbook),
    bandActions: await service.bandActions(),
  };
}

describe('method files', () => {
  it('write the model in use, the playbooks in order and the band actions', async () => {
    const service = await trainer();
    const file = await service.methodFile();
    expect(file.fileName).toBe((await service.modelFile()).fileName.replace(/\.health-model\.json$/, '.pulso-method.json'));
    expect(file.fileName).toMatch(/^[a-z0-9-]+\.pulso-method\.json$/);
    const parsed = parseMethod(file.text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.method.model).toEqual(await service.model());
    expect(parsed.method.playbooks.map((p) => p.id)).toEqual(['default-red', 'default-yellow', 'default-advocates', 'low-logins', 'trainer-red']);
    expect(parsed.method.playbooks.slice(-2)).toEqual([LOW_LOGINS, TRAINER_RED]);
    expect(parsed.method.bandActions).toEqual({ green: 'Ask for a case study', red: 'Call this week' });
    expect(await service.methodFile()).toEqual(file);
  });

  it('are read and summed up without changing anything', async () => {
    const service = await trainer();
    const { text } = await service.methodFile();
    const { service: other } = freshService();
    await other.loadLocal({ asOf: APRIL });
    await other.playbooks(DEFAULTS);
    const before = await state(other);
    const read = await other.readMethodFile(bytes(text));
    expect(read).toEqual({
      ok: true,
      summary: { modelName: (await service.model()).name, playbooks: ['default-red name', 'default-yellow name', 'default-advocates name', 'Few logins', 'Red, the trainer’s way'], bandActions: 2 },
      warnings: [],
    });
    expect(await state(other)).toEqual(before);
  });

  it('put the whole method in use on another device: model, playbooks (creating their tasks) and band actions', async () => {
    const service = await trainer();
    const { text } = await service.methodFile();
    const { service: other, reopen } = freshService({ today: () => new Date(2026, 4, 2) });
    await other.loadLocal({ asOf: APRIL });
    await importText(other, 'april.csv', csvText(HEADER, APRIL_ROWS), APRIL);
    await other.playbooks(DEFAULTS);
    expect((await other.model()).name).not.toBe((await service.model()).name);
    const redBefore = [...(await bands(other))].filter(([, band]) => band === 'red').map(([id]) => id).sort();

    const used = await other.useMethodFile(bytes(text));
    expect(used.ok).toBe(true);
    if (!used.ok) return;
    expect(used.portfolio.modelName).toBe((await service.model()).name);
    expect(used.playbooks.map((p) => p.playbook.id)).toEqual(['default-red', 'default-yellow', 'default-advocates', 'low-logins', 'trainer-red']);
    const expected = await state(service);
    expect(await state(other)).toEqual(expected);
    // Its own playbook ran on the new model: every customer has fewer than 1000 logins.
    const lowLogins = (await other.tasks()).filter((t) => t.playbookId === 'low-logins');
    expect(lowLogins.length).toBe(APRIL_ROWS.length);
    expect(used.playbooks.find((p) => p.playbook.id === 'low-logins')!.openTasks).toBe(APRIL_ROWS.length);
    // The file's playbooks ran on its model only: its red playbook's tasks are the customers red under it, not under the model before.
    const redNow = [...(await bands(other))].filter(([, band]) => band === 'red').map(([id]) => id).sort();
    expect(redNow).not.toEqual(redBefore);
    expect((await other.tasks()).filter((t) => t.playbookId === 'trainer-red').map((t) => t.customerId).sort()).toEqual(redNow);
    // The same bands as the trainer's, under the same model and data.
    expect((await other.scores()).band).toEqual((await service.scores()).band);
    // Kept across a reload.
    const again = reopen();
    await again.loadLocal({ asOf: APRIL });
    expect(await state(again)).toEqual(expected);
  });

  it('refuse a wrong file with every problem by its JSON path, and change nothing', async () => {
    const service = await trainer();
    const file = JSON.parse((await service.methodFile()).text) as { model: { name: string }; playbooks: { triggers: Record<string, unknown>[]; id: string }[] };
    file.model.name = '';
    file.playbooks[1]!.triggers[0]!['kind'] = 'moon-phase';
    file.playbooks[3]!.id = 'default-red';
    const { service: other } = freshService();
    await other.loadLocal({ asOf: APRIL });
    await other.playbooks(DEFAULTS);
    await other.setBandActions({ yellow: 'Mine' });
    const before = await state(other);

    for (const call of [other.readMethodFile.bind(other), other.useMethodFile.bind(other)]) {
      const result = await call(bytes(JSON.stringify(file)));
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problems.filter((p) => p.severity === 'error').map((p) => p.path)).toEqual(['model.name', 'playbooks[1].triggers[0].kind', 'playbooks[3].id']);
    }
    const notText = await other.useMethodFile({ name: 'photo.jpg', data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]).buffer });
    expect(notText).toEqual({ ok: false, problems: [{ path: '$', message: 'photo.jpg is not a text file in UTF-8: choose the .json method file', severity: 'error' }] });
    expect(await state(other)).toEqual(before);
  });
});
