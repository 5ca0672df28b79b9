/**
 * Method files: a complete method as a trainer hands it out, `pulso-method/v1` JSON — the scoring
 * model (`health-model/v1` content), the playbooks, and the action text for each band.
 *
 * `parseMethod` checks everything and reports every problem by its JSON path (the model's as
 * `model.…`, read by `parseModel`); `exportMethod` writes the same format with a fixed key order,
 * so that a file read and written again is a faithful copy.
 */
import { bandInfos } from './bands';
import type { HealthModel } from './model';
import { exportModel, parseModel, readJsonText, type ModelProblem } from './model-file';
import {
  playbookProblems, TASK_PRIORITIES, TRIGGER_KINDS, type IndicatorOp, type Playbook, type PlaybookField, type PlaybookTrigger, type TaskAction,
} from './playbooks';

export const METHOD_FORMAT = 'pulso-method/v1';

/** A complete method: what a method file holds. */
export interface Method {
  readonly model: HealthModel;
  readonly playbooks: readonly Playbook[];
  /** Band id → what the team does for customers in that band. */
  readonly bandActions: Readonly<Record<string, string>>;
}

/** What `parseMethod` found: the method with what was repaired or ignored, or every problem (nothing usable). */
export type ParsedMethod =
  | { readonly ok: true; readonly method: Method; readonly warnings: readonly ModelProblem[] }
  | { readonly ok: false; readonly problems: readonly ModelProblem[] };

const METHOD_FIELDS = ['format', 'model', 'playbooks', 'bandActions'];
const PLAYBOOK_FIELDS = ['id', 'name', 'enabled', 'match', 'triggers', 'actions'];
const ACTION_FIELDS = ['kind', 'title', 'description', 'dueInDays', 'priority'];
const TRIGGER_FIELDS: Readonly<Record<PlaybookTrigger['kind'], readonly string[]>> = {
  'in-band': ['kind', 'band'],
  'enters-band': ['kind', 'band'],
  'band-drop': ['kind', 'from', 'to'],
  'score-fall': ['kind', 'points'],
  indicator: ['kind', 'column', 'op', 'value', 'daysSince'],
  'renewal-within': ['kind', 'days'],
  field: ['kind', 'field', 'values'],
};
const INDICATOR_OPS: readonly IndicatorOp[] = ['lt', 'le', 'gt', 'ge', 'eq', 'ne', 'missing'];
const NUMERIC_OPS: readonly IndicatorOp[] = ['lt', 'le', 'gt', 'ge'];
const PLAYBOOK_FIELD_NAMES: readonly PlaybookField[] = ['segment', 'stage', 'owner'];
const ROOT = '$';
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Longest band action text kept (as `setBandActions` keeps them). */
const MAX_ACTION_TEXT = 2000;

function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${path === ROOT ? '$' : path}[${JSON.stringify(key)}]`;
  return path === ROOT ? key : `${path}.${key}`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  return `a value of type ${typeof value}`;
}

function choices(options: readonly string[]): string {
  const quoted = options.map((o) => `"${o}"`);
  if (quoted.length <= 2) return quoted.join(' or ');
  return `one of ${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects problems; readers return `undefined` for a value they rejected (after saying why). */
class Check {
  readonly problems: ModelProblem[] = [];

  get errorCount(): number {
    return this.problems.filter((p) => p.severity === 'error').length;
  }

  error(path: string, message: string): undefined {
    this.problems.push({ path, message, severity: 'error' });
    return undefined;
  }

  warn(path: string, message: string): void {
    this.problems.push({ path, message, severity: 'warning' });
  }
}

/** An object's fields at `path`, each read with the right words when wrong. */
class Fields {
  constructor(
    private readonly check: Check,
    readonly path: string,
    private readonly values: Readonly<Record<string, unknown>>,
    known: readonly string[],
  ) {
    for (const key of Object.keys(values)) if (!known.includes(key)) check.warn(child(path, key), 'unknown field, ignored');
  }

  at(key: string): string {
    return child(this.path, key);
  }

  raw(key: string): unknown {
    return Object.hasOwn(this.values, key) ? this.values[key] : undefined;
  }

  /** The value, or `undefined` after an error saying it is missing (`null` counts as missing). */
  required(key: string, expected: string): unknown {
    const value = this.raw(key);
    if (value === undefined || value === null) return this.check.error(this.at(key), `is missing; it must be ${expected}`);
    return value;
  }

  /** The value, `undefined` when absent (`null` too, with a warning). */
  optional(key: string): unknown {
    const value = this.raw(key);
    if (value === null) this.check.warn(this.at(key), 'null is read as "not set"; field dropped');
    return value ?? undefined;
  }

  text(key: string, options: { readonly required: boolean; readonly blank?: boolean }): string | undefined {
    const value = options.required ? this.required(key, 'text') : this.optional(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.check.error(this.at(key), `must be text, found ${describe(value)}`);
    if (!options.blank && value.trim() === '') return this.check.error(this.at(key), 'must not be empty');
    return value;
  }

  wholeNumber(key: string, min: number): number | undefined {
    const value = this.required(key, `a whole number of ${min} or more`);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      return this.check.error(this.at(key), `must be a whole number of ${min} or more, found ${describe(value)}`);
    }
    return value + 0;
  }

  oneOf<T extends string>(key: string, options: readonly T[], fallback?: T): T | undefined {
    const value = fallback === undefined ? this.required(key, choices(options)) : this.optional(key);
    if (value === undefined) return fallback;
    return options.find((o) => o === value) ?? this.check.error(this.at(key), `must be ${choices(options)}, found ${describe(value)}`);
  }

  boolean(key: string, fallback: boolean): boolean | undefined {
    const value = this.optional(key);
    if (value === undefined) return fallback;
    return typeof value === 'boolean' ? value : this.check.error(this.at(key), `must be true or false, found ${describe(value)}`);
  }

  list(key: string, expected: string): readonly unknown[] | undefined {
    const value = this.required(key, expected);
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value : this.check.error(this.at(key), `must be ${expected}, found ${describe(value)}`);
  }
}

function fields(check: Check, value: unknown, path: string, known: readonly string[]): Fields | undefined {
  if (!isObject(value)) return check.error(path, `must be an object { … }, found ${describe(value)}`);
  return new Fields(check, path, value, known);
}

/**
 * Reads and checks a method file.
 *
 * @param input JSON text as read from a file (a leading byte-order mark ignored), or an
 *   already-parsed value.
 * @returns the method and the warnings (what was repaired or ignored, or will never have an
 *   effect), or every problem when any is an error. Paths are the file's: `model.categories[0].weight`,
 *   `playbooks[2].triggers[0].points`, `bandActions.red`; `$` is the whole file. Playbook ids must
 *   be unique. Never throws.
 */
export function parseMethod(input: unknown): ParsedMethod {
  const check = new Check();
  let data = input;
  if (typeof input === 'string') {
    const read = readJsonText(input, 'a method file');
    check.problems.push(...read.problems);
    if (read.value === undefined) return { ok: false, problems: check.problems };
    data = read.value;
  }
  const f = fields(check, data, ROOT, METHOD_FIELDS);
  if (!f) return { ok: false, problems: check.problems };
  const format = f.raw('format');
  if (format === undefined) check.error(f.at('format'), `is missing; it must be "${METHOD_FORMAT}"`);
  else if (format !== METHOD_FORMAT) {
    const hint = format === 'health-model/v1' ? ': this is a model file; use it under Settings → Scoring model, or export a method file' : '';
    check.error(f.at('format'), `must be "${METHOD_FORMAT}", found ${describe(format)}${hint}`);
  }
  const model = readModelPart(check, f);
  const playbooks = readPlaybooks(check, f);
  const bandActions = readBandActions(check, f);
  if (check.errorCount > 0 || !model || !playbooks || !bandActions) return { ok: false, problems: check.problems };
  warnUnknownBands(check, model, playbooks, bandActions);
  return { ok: true, method: { model, playbooks, bandActions }, warnings: check.problems };
}

/** The model part, read by `parseModel`, its paths put under `model`. */
function readModelPart(check: Check, f: Fields): HealthModel | undefined {
  const value = f.required('model', 'a health model object { "format": "health-model/v1", … }');
  if (value === undefined) return undefined;
  const parsed = parseModel(value);
  for (const problem of parsed.problems) {
    const path = problem.path === ROOT ? 'model' : problem.path.startsWith('$') ? `model${problem.path.slice(1)}` : `model.${problem.path}`;
    check.problems.push({ ...problem, path });
  }
  return parsed.model ?? undefined;
}

function readPlaybooks(check: Check, f: Fields): Playbook[] | undefined {
  const items = f.list('playbooks', 'a list of playbooks [ … ]');
  if (!items) return undefined;
  const ids = new Map<string, string>();
  const playbooks = items.map((item, k) => {
    const path = child(f.at('playbooks'), k);
    const playbook = readPlaybook(check, item, path);
    if (playbook) {
      const first = ids.get(playbook.id);
      if (first === undefined) ids.set(playbook.id, path);
      else check.error(child(path, 'id'), `${JSON.stringify(playbook.id)} is already used by ${first}`);
    }
    return playbook;
  });
  return playbooks.every((p) => p !== undefined) ? playbooks : undefined;
}

function readPlaybook(check: Check, value: unknown, path: string): Playbook | undefined {
  const f = fields(check, value, path, PLAYBOOK_FIELDS);
  if (!f) return undefined;
  const before = check.errorCount;
  const id = f.text('id', { required: true });
  const name = f.text('name', { required: true });
  const enabled = f.boolean('enabled', true);
  const match = f.oneOf('match', ['all', 'any'] as const, 'all');
  const triggerItems = f.list('triggers', 'a list of triggers [ … ]');
  if (triggerItems?.length === 0) check.error(f.at('triggers'), 'must have at least one trigger');
  const triggers = triggerItems?.map((t, k) => readTrigger(check, t, child(f.at('triggers'), k)));
  const actionItems = f.list('actions', 'a list of actions [ … ]');
  if (actionItems?.length === 0) check.error(f.at('actions'), 'must have at least one action');
  const actions = actionItems?.map((a, k) => readAction(check, a, child(f.at('actions'), k)));
  if (check.errorCount > before || id === undefined || name === undefined || enabled === undefined || match === undefined) return undefined;
  if (!triggers?.every((t) => t !== undefined) || !actions?.every((a) => a !== undefined)) return undefined;
  const playbook: Playbook = { id, name, enabled, match, triggers, actions };
  // The app's own rules, the last word: anything they refuse and the reading above let through.
  for (const problem of playbookProblems(playbook)) {
    const [where = '', ...rest] = problem.split(' ');
    check.error(`${path}.${where}`, rest.join(' '));
  }
  return check.errorCount > before ? undefined : playbook;
}

function readTrigger(check: Check, value: unknown, path: string): PlaybookTrigger | undefined {
  if (!isObject(value)) return check.error(path, `must be an object { "kind": … }, found ${describe(value)}`);
  const kind = value['kind'];
  const known = TRIGGER_KINDS.find((k) => k === kind);
  if (!known) {
    const message = kind === undefined ? `is missing; it must be ${choices(TRIGGER_KINDS)}` : `is not a trigger kind: must be ${choices(TRIGGER_KINDS)}, found ${describe(kind)}`;
    return check.error(child(path, 'kind'), message);
  }
  const f = new Fields(check, path, value, TRIGGER_FIELDS[known]);
  const before = check.errorCount;
  let trigger: PlaybookTrigger | undefined;
  switch (known) {
    case 'in-band':
    case 'enters-band': {
      const band = f.text('band', { required: true });
      trigger = band === undefined ? undefined : { kind: known, band };
      break;
    }
    case 'band-drop': {
      const from = f.text('from', { required: false });
      const to = f.text('to', { required: false });
      trigger = { kind: known, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
      break;
    }
    case 'score-fall': {
      const points = f.wholeNumber('points', 1);
      trigger = points === undefined ? undefined : { kind: known, points };
      break;
    }
    case 'renewal-within': {
      const days = f.wholeNumber('days', 0);
      trigger = days === undefined ? undefined : { kind: known, days };
      break;
    }
    case 'field': {
      const field = f.oneOf('field', PLAYBOOK_FIELD_NAMES);
      const items = f.list('values', 'a list of texts [ … ]');
      const values = items?.map((v, k) => (typeof v === 'string' ? v : check.error(child(f.at('values'), k), `must be text, found ${describe(v)}`)));
      if (values && values.every((v) => v !== undefined) && values.every((v) => v.trim() === '')) check.error(f.at('values'), 'must have at least one value');
      trigger = field === undefined || !values?.every((v) => v !== undefined) ? undefined : { kind: known, field, values };
      break;
    }
    case 'indicator':
      trigger = readIndicator(check, f);
      break;
  }
  return check.errorCount > before ? undefined : trigger;
}

function readIndicator(check: Check, f: Fields): PlaybookTrigger | undefined {
  const column = f.text('column', { required: true });
  const op = f.oneOf('op', INDICATOR_OPS);
  const daysSince = f.boolean('daysSince', false);
  let value: number | boolean | string | undefined;
  if (op === 'missing') {
    if (f.optional('value') !== undefined) check.warn(f.at('value'), 'is not used with "missing"; ignored');
  } else if (op !== undefined) {
    const numeric = NUMERIC_OPS.includes(op);
    const raw = f.required('value', numeric ? 'a number' : 'a number, true/false or a text');
    if (raw !== undefined) {
      if (numeric && (typeof raw !== 'number' || !Number.isFinite(raw))) check.error(f.at('value'), `must be a number with "${op}", found ${describe(raw)}`);
      else if (typeof raw === 'string' && raw.trim() === '') check.error(f.at('value'), 'must not be empty');
      else if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'string') value = typeof raw === 'number' ? raw + 0 : raw;
      else check.error(f.at('value'), `must be a number, true/false or a text, found ${describe(raw)}`);
    }
  }
  if (column === undefined || op === undefined || daysSince === undefined) return undefined;
  return { kind: 'indicator', column, op, ...(value === undefined ? {} : { value }), ...(daysSince ? { daysSince } : {}) };
}

function readAction(check: Check, value: unknown, path: string): TaskAction | undefined {
  const f = fields(check, value, path, ACTION_FIELDS);
  if (!f) return undefined;
  const before = check.errorCount;
  const kind = f.oneOf('kind', ['task'] as const);
  const title = f.text('title', { required: true });
  const description = f.text('description', { required: false, blank: true }) ?? '';
  const dueInDays = f.wholeNumber('dueInDays', 0);
  const priority = f.oneOf('priority', TASK_PRIORITIES);
  if (check.errorCount > before || kind === undefined || title === undefined || dueInDays === undefined || priority === undefined) return undefined;
  return { kind, title, description, dueInDays, priority };
}

function readBandActions(check: Check, f: Fields): Record<string, string> | undefined {
  const value = f.optional('bandActions');
  if (value === undefined) return {};
  if (!isObject(value)) return check.error(f.at('bandActions'), `must be an object { "band id": "text" }, found ${describe(value)}`);
  const actions: Record<string, string> = {};
  for (const [band, text] of Object.entries(value)) {
    const path = child(f.at('bandActions'), band);
    if (typeof text !== 'string') check.error(path, `must be text, found ${describe(text)}`);
    else if (text.trim() === '') check.warn(path, 'is empty: the default text for this band is shown; dropped');
    else if (text.trim().length > MAX_ACTION_TEXT) check.error(path, `must be at most ${MAX_ACTION_TEXT} characters, found ${text.trim().length}`);
    else actions[band] = text.trim();
  }
  return actions;
}

/** Warnings for bands the model does not have: a trigger naming one never matches, an action text for one is never shown. */
function warnUnknownBands(check: Check, model: HealthModel, playbooks: readonly Playbook[], bandActions: Readonly<Record<string, string>>): void {
  const bands = new Set(bandInfos(model).map((b) => b.id));
  const names = [...bands].map((b) => `"${b}"`).join(', ');
  playbooks.forEach((playbook, k) => {
    playbook.triggers.forEach((trigger, t) => {
      const path = `playbooks[${k}].triggers[${t}]`;
      for (const key of ['band', 'from', 'to'] as const) {
        const band = key in trigger ? (trigger as Readonly<Record<string, unknown>>)[key] : undefined;
        if (typeof band === 'string' && !bands.has(band)) check.warn(`${path}.${key}`, `the model has no band "${band}" (it has ${names}): this trigger never matches`);
      }
    });
  });
  for (const band of Object.keys(bandActions)) {
    if (!bands.has(band)) check.warn(child('bandActions', band), `the model has no band "${band}" (it has ${names}): this text is never shown`);
  }
}

/**
 * Writes a method as a `pulso-method/v1` file: JSON with 2-space indent, keys in a fixed order
 * (format, model, playbooks, bandActions; each object's keys in the order of the format's
 * documentation; band actions by band id), and a trailing newline. For a valid method `m`,
 * `parseMethod(exportMethod(m))` gives `m` back, and exporting that again gives the same text.
 */
export function exportMethod(method: Method): string {
  const file = {
    format: METHOD_FORMAT,
    model: JSON.parse(exportModel(method.model)) as unknown,
    playbooks: method.playbooks.map(canonicalPlaybook),
    bandActions: Object.fromEntries(Object.keys(method.bandActions).sort().map((band) => [band, method.bandActions[band]])),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function canonicalPlaybook(playbook: Playbook): Playbook {
  return {
    id: playbook.id,
    name: playbook.name,
    enabled: playbook.enabled,
    match: playbook.match,
    triggers: playbook.triggers.map(canonicalTrigger),
    actions: playbook.actions.map((a) => ({ kind: a.kind, title: a.title, description: a.description, dueInDays: a.dueInDays, priority: a.priority })),
  };
}

function canonicalTrigger(trigger: PlaybookTrigger): PlaybookTrigger {
  switch (trigger.kind) {
    case 'in-band':
    case 'enters-band':
      return { kind: trigger.kind, band: trigger.band };
    case 'band-drop':
      return { kind: trigger.kind, from: trigger.from, to: trigger.to };
    case 'score-fall':
      return { kind: trigger.kind, points: trigger.points };
    case 'renewal-within':
      return { kind: trigger.kind, days: trigger.days };
    case 'field':
      return { kind: trigger.kind, field: trigger.field, values: [...trigger.values] };
    case 'indicator':
      return { kind: trigger.kind, column: trigger.column, op: trigger.op, value: trigger.value, ...(trigger.daysSince ? { daysSince: true } : {}) };
  }
}
