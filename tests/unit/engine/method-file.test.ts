import { describe, expect, it } from 'vitest';
import { exportMethod, parseMethod, type Method } from '../../../src/engine/method-file';
import type { ModelProblem } from '../../../src/engine/model-file';
import { defaultPlaybooks, DEFAULT_PLAYBOOK_IDS, type Playbook } from '../../../src/engine/playbooks';
import { STARTER_MODELS } from '../../../src/engine/starter-models';

const model = STARTER_MODELS.find((s) => s.id === 'b2b-saas')!.model;
const texts = Object.fromEntries(DEFAULT_PLAYBOOK_IDS.map((id) => [id, { name: `Name ${id}`, title: `Title ${id}`, description: `About ${id}` }])) as Parameters<typeof defaultPlaybooks>[0];

const every: Playbook = {
  id: 'every-kind',
  name: 'Every kind of trigger',
  enabled: false,
  match: 'any',
  triggers: [
    { kind: 'enters-band', band: 'red' },
    { kind: 'band-drop', from: 'green' },
    { kind: 'band-drop' },
    { kind: 'score-fall', points: 10 },
    { kind: 'indicator', column: 'last_login', op: 'ge', value: 30, daysSince: true },
    { kind: 'indicator', column: 'nps', op: 'missing' },
    { kind: 'indicator', column: 'plan', op: 'eq', value: 'Pro' },
    { kind: 'renewal-within', days: 60 },
    { kind: 'field', field: 'segment', values: ['Enterprise', 'SMB'] },
  ],
  actions: [{ kind: 'task', title: 'Call', description: '', dueInDays: 0, priority: 'low' }],
};

const method: Method = { model, playbooks: [...defaultPlaybooks(texts), every], bandActions: { yellow: 'Check in', red: 'Call now' } };

/** The file of `method` as a value, changed by `edit`, as text. */
function broken(edit: (file: Record<string, unknown> & { playbooks: Record<string, unknown>[] }) => void): string {
  const file = JSON.parse(exportMethod(method)) as Record<string, unknown> & { playbooks: Record<string, unknown>[] };
  edit(file);
  return JSON.stringify(file);
}

function problemsOf(text: string): string[] {
  const parsed = parseMethod(text);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? [] : parsed.problems.filter((p) => p.severity === 'error').map((p) => `${p.path}: ${p.message}`);
}

const triggers = (file: { playbooks: Record<string, unknown>[] }, k: number) => file.playbooks[k]!['triggers'] as Record<string, unknown>[];

describe('a method file', () => {
  it('reads back what it wrote, and writes the same text again', () => {
    const text = exportMethod(method);
    const parsed = parseMethod(text);
    expect(parsed).toEqual({ ok: true, method: { ...method, playbooks: method.playbooks }, warnings: [] });
    expect(parsed.ok && exportMethod(parsed.method)).toBe(text);
  });

  it('writes its keys in a fixed order, band actions by band id', () => {
    const text = exportMethod(method);
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(file)).toEqual(['format', 'model', 'playbooks', 'bandActions']);
    expect(file['format']).toBe('pulso-method/v1');
    expect(Object.keys(file['bandActions'] as object)).toEqual(['red', 'yellow']);
    expect(Object.keys((file['playbooks'] as object[])[0]!)).toEqual(['id', 'name', 'enabled', 'match', 'triggers', 'actions']);
    expect(text.endsWith('}\n')).toBe(true);
    const reordered = { bandActions: method.bandActions, playbooks: method.playbooks, model, format: 'pulso-method/v1' };
    const again = parseMethod(JSON.stringify(reordered));
    expect(again.ok && exportMethod(again.method)).toBe(text);
  });

  it('fills what a hand-written file may leave out: enabled, match, a description, band actions', () => {
    const text = JSON.stringify({
      format: 'pulso-method/v1',
      model,
      playbooks: [{ id: 'p', name: 'P', triggers: [{ kind: 'in-band', band: 'red' }], actions: [{ kind: 'task', title: 'T', dueInDays: 1, priority: 'high' }] }],
    });
    const parsed = parseMethod(text);
    expect(parsed.ok && parsed.method.playbooks[0]).toEqual({
      id: 'p', name: 'P', enabled: true, match: 'all', triggers: [{ kind: 'in-band', band: 'red' }], actions: [{ kind: 'task', title: 'T', description: '', dueInDays: 1, priority: 'high' }],
    });
    expect(parsed.ok && parsed.method.bandActions).toEqual({});
  });

  it('refuses what is not a method file, saying so at $ or format', () => {
    expect(problemsOf('')).toEqual(['$: the file is empty: a method file holds one JSON object']);
    expect(problemsOf('{"format": "pulso-method/v1",}')[0]).toMatch(/^\$: not valid JSON at line 1, column 30: remove the comma/);
    expect(problemsOf('[]')).toEqual(['$: must be an object { … }, found an empty list']);
    expect(problemsOf(JSON.stringify(model))).toEqual([
      'format: must be "pulso-method/v1", found the text "health-model/v1": this is a model file; use it under Settings → Scoring model, or export a method file',
      'model: is missing; it must be a health model object { "format": "health-model/v1", … }',
      'playbooks: is missing; it must be a list of playbooks [ … ]',
    ]);
  });

  it('names each problem of the model by its path under model', () => {
    const text = broken((file) => {
      const m = file['model'] as { categories: { weight: unknown }[]; name: unknown };
      m.categories[0]!.weight = -1;
      m.name = '';
    });
    expect(problemsOf(text)).toEqual(['model.name: must not be empty', 'model.categories[0].weight: must be 0 or more, found -1']);
  });

  it('names each problem of a playbook by its path', () => {
    const text = broken((file) => {
      triggers(file, 4)[3]!['points'] = 2.5;
      triggers(file, 4)[4]!['op'] = 'over';
      triggers(file, 4)[7]!['days'] = -1;
      triggers(file, 4)[8]!['values'] = ['  '];
      triggers(file, 4)[0]!['band'] = 7;
      triggers(file, 0).push({ kind: 'moon-phase' });
      file.playbooks[1]!['match'] = 'both';
      file.playbooks[2]!['actions'] = [{ kind: 'task', title: '', dueInDays: '3', priority: 'urgent' }];
      file.playbooks[3]!['triggers'] = [];
    });
    expect(problemsOf(text)).toEqual([
      'playbooks[0].triggers[1].kind: is not a trigger kind: must be one of "in-band", "enters-band", "band-drop", "score-fall", "indicator", "renewal-within" or "field", found the text "moon-phase"',
      'playbooks[1].match: must be "all" or "any", found the text "both"',
      'playbooks[2].actions[0].title: must not be empty',
      'playbooks[2].actions[0].dueInDays: must be a whole number of 0 or more, found the text "3"',
      'playbooks[2].actions[0].priority: must be one of "high", "normal" or "low", found the text "urgent"',
      'playbooks[3].triggers: must have at least one trigger',
      'playbooks[4].triggers[0].band: must be text, found the number 7',
      'playbooks[4].triggers[3].points: must be a whole number of 1 or more, found the number 2.5',
      'playbooks[4].triggers[4].op: must be one of "lt", "le", "gt", "ge", "eq", "ne" or "missing", found the text "over"',
      'playbooks[4].triggers[7].days: must be a whole number of 0 or more, found the number -1',
      'playbooks[4].triggers[8].values: must have at least one value',
    ]);
  });

  it('refuses two playbooks with one id, and an indicator test without the value it needs', () => {
    const text = broken((file) => {
      file.playbooks[3]!['id'] = 'default-red';
      delete triggers(file, 4)[4]!['value'];
      triggers(file, 4)[6]!['value'] = { text: 'Pro' };
    });
    expect(problemsOf(text)).toEqual([
      'playbooks[3].id: "default-red" is already used by playbooks[0]',
      'playbooks[4].triggers[4].value: is missing; it must be a number',
      'playbooks[4].triggers[6].value: must be a number, true/false or a text, found an object',
    ]);
  });

  it('refuses band actions that are not text, and a playbooks field that is not a list', () => {
    expect(problemsOf(broken((file) => ((file['bandActions'] as Record<string, unknown>)['red'] = 3)))).toEqual(['bandActions.red: must be text, found the number 3']);
    expect(problemsOf(broken((file) => (file['playbooks'] = {} as never)))).toEqual(['playbooks: must be a list of playbooks [ … ], found an object']);
  });

  it('warns about what it ignores or what never has an effect, and still reads the file', () => {
    const text = broken((file) => {
      file['extra'] = 1;
      file.playbooks[0]!['colour'] = 'red';
      triggers(file, 0)[0]!['band'] = 'purple';
      (file['bandActions'] as Record<string, unknown>)['blue'] = 'Paint it';
      (file['bandActions'] as Record<string, unknown>)['green'] = ' ';
    });
    const parsed = parseMethod(text);
    expect(parsed.ok).toBe(true);
    const warnings = parsed.ok ? parsed.warnings.map((p: ModelProblem) => `${p.path}: ${p.message}`) : [];
    expect(warnings).toEqual([
      'extra: unknown field, ignored',
      'playbooks[0].colour: unknown field, ignored',
      'bandActions.green: is empty: the default text for this band is shown; dropped',
      'playbooks[0].triggers[0].band: the model has no band "purple" (it has "red", "yellow", "green", "insufficient"): this trigger never matches',
      'bandActions.blue: the model has no band "blue" (it has "red", "yellow", "green", "insufficient"): this text is never shown',
    ]);
    expect(parsed.ok && parsed.method.bandActions).toEqual({ red: 'Call now', yellow: 'Check in', blue: 'Paint it' });
  });

  it('reports a key written twice at its path', () => {
    const text = exportMethod(method).replace('"format": "pulso-method/v1",', '"format": "pulso-method/v1",\n  "format": "pulso-method/v1",');
    const parsed = parseMethod(text);
    expect(parsed.ok && parsed.warnings.map((p) => p.path)).toEqual(['format']);
  });
});

describe('the documented example', () => {
  it('is a good method file, read without warnings', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/model-format.md', import.meta.url), 'utf8');
    const example = doc.split('### Example\n\n```json\n')[1]!.split('```')[0]!;
    const parsed = parseMethod(example);
    expect(parsed.ok && parsed.warnings).toEqual([]);
    expect(parsed.ok && parsed.method.playbooks.map((p) => p.id)).toEqual(['red-silent', 'renewal-at-risk']);
  });
});
