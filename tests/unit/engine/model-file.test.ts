import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportModel, formatProblem, parseModel, type ModelProblem } from '../../../src/engine/model-file';
import type {
  Adjustment,
  BandCut,
  Bands,
  Category,
  ComparisonOp,
  HealthModel,
  Metric,
  MetricOverride,
  MissingPolicy,
  ScoringRule,
  Segments,
} from '../../../src/engine/model';
import { RULE_TYPES } from '../../../src/engine/model';
import { STARTER_MODELS } from '../../../src/engine/starter-models';

// ---------------------------------------------------------------------------------------------
// A valid model with every rule type, and a way to break one field of it.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Key = string | number;

function validFile(): { [key: string]: Json } {
  return {
    format: 'health-model/v1',
    name: 'Test model',
    categories: [
      {
        id: 'usage',
        weight: 2,
        metrics: [
          { id: 'logins', weight: 1, scoring: { type: 'linear', worst: 0, best: 20 } },
          { id: 'tickets', weight: 1, scoring: { type: 'range', ideal: [1, 5], zeroAt: [0, 15] } },
        ],
      },
      {
        id: 'voice',
        weight: 1,
        metrics: [
          { id: 'nps', weight: 1, scoring: { type: 'steps', steps: [{ upTo: 6, points: 0 }, { upTo: 8, points: 60 }, { points: 100 }] } },
          { id: 'onboarded', weight: 1, scoring: { type: 'boolean', true: 100, false: 0 } },
          { id: 'sentiment', weight: 1, scoring: { type: 'map', points: { happy: 100, neutral: 50, unhappy: 0 } } },
        ],
      },
    ],
    adjustments: [{ id: 'overdue', source: 'days_overdue', when: { op: '>', value: 30 }, points: -15 }],
    bands: { mode: 'fixed', cuts: [{ id: 'red', max: 50 }, { id: 'yellow', max: 70 }, { id: 'green', max: 100 }] },
    segments: { field: 'stage', overrides: { onboarding: { tickets: { weight: 0 } } } },
  };
}

const REMOVE = Symbol('remove');

type Change = readonly [path: readonly Key[], value: Json | typeof REMOVE];

/** The valid file with the value at each path replaced (or removed). */
function withChanges(...changes: readonly Change[]): { [key: string]: Json } {
  const file = structuredClone(validFile());
  for (const [path, value] of changes) {
    let node: Json = file;
    for (const key of path.slice(0, -1)) {
      const next: Json | undefined = Array.isArray(node) ? node[Number(key)] : node !== null && typeof node === 'object' ? node[key] : undefined;
      if (next === undefined) throw new Error(`withChanges: no ${String(key)} in ${JSON.stringify(path)}`);
      node = next;
    }
    const last = path.at(-1);
    if (last === undefined || node === null || typeof node !== 'object') throw new Error(`withChanges: bad path ${JSON.stringify(path)}`);
    if (Array.isArray(node)) {
      if (value === REMOVE) node.splice(Number(last), 1);
      else node[Number(last)] = value;
    } else if (value === REMOVE) delete node[last];
    else node[last] = value;
  }
  return file;
}

function withChange(path: readonly Key[], value: Json | typeof REMOVE): { [key: string]: Json } {
  return withChanges([path, value]);
}

const M0 = ['categories', 0, 'metrics', 0] as const;
const RANGE = ['categories', 0, 'metrics', 1, 'scoring'] as const;
const STEPS = ['categories', 1, 'metrics', 0, 'scoring'] as const;
const BOOL = ['categories', 1, 'metrics', 1, 'scoring'] as const;
const MAP = ['categories', 1, 'metrics', 2, 'scoring'] as const;
const ADJ = ['adjustments', 0] as const;

/** The model a valid input gives; fails the test if it is not valid. */
function valid(input: unknown): HealthModel {
  const { model, problems } = parseModel(input);
  if (model === null) throw new Error(`not valid: ${problems.map(formatProblem).join('; ')}`);
  return model;
}

function errors(problems: readonly ModelProblem[]): [string, string][] {
  return problems.filter((p) => p.severity === 'error').map((p) => [p.path, p.message]);
}

function warnings(problems: readonly ModelProblem[]): [string, string][] {
  return problems.filter((p) => p.severity === 'warning').map((p) => [p.path, p.message]);
}

// ---------------------------------------------------------------------------------------------

describe('parseModel accepts', () => {
  it('a valid file with all five rule types, unchanged and without problems', () => {
    const { model, problems } = parseModel(validFile());
    expect(problems).toEqual([]);
    expect(model).toStrictEqual(validFile());
    const types = model?.categories.flatMap((c) => c.metrics.map((m) => m.scoring.type));
    expect(new Set(types)).toEqual(new Set(RULE_TYPES));
  });

  it('the same file as JSON text, with a byte-order mark and CRLF line ends', () => {
    const text = `\uFEFF${JSON.stringify(validFile(), null, 2).replaceAll('\n', '\r\n')}`;
    expect(parseModel(text)).toStrictEqual({ model: validFile(), problems: [] });
  });

  it('every optional field, kept as written', () => {
    const file = {
      ...validFile(),
      description: 'All the options',
      missing: 'neutral',
      minCoverage: 0,
      categories: [
        {
          id: 'c',
          label: 'Category',
          weight: 1,
          metrics: [
            {
              id: 'last_seen',
              label: 'Days since last seen',
              weight: 0.5,
              source: 'last_login',
              transform: 'daysSince',
              missing: 'zero',
              maxAgeDays: 0,
              scoring: { type: 'steps', steps: [{ points: 40 }] },
            },
          ],
        },
      ],
      adjustments: [
        { id: 'a', label: 'Renewal before 2025', source: 'renewal_date', when: { op: '<', value: '2025-01-01' }, cap: 60 },
        { id: 'b', source: 'onboarding_done', when: { op: '==', value: false }, points: -5, cap: 100 },
        { id: 'c', source: 'plan', when: { op: '!=', value: 'Free' }, points: 2.5 },
      ],
      bands: { mode: 'quantile' },
      segments: { field: 'stage', overrides: { trial: { last_seen: { weight: 2, scoring: { type: 'linear', worst: 30, best: 0 } } } } },
    };
    expect(parseModel(file)).toStrictEqual({ model: file, problems: [] });
  });

  const accepted: [string, readonly Key[], Json][] = [
    ['range whose ideal touches zeroAt', RANGE, { type: 'range', ideal: [0, 15], zeroAt: [0, 15] }],
    ['range with a single ideal value', RANGE, { type: 'range', ideal: [3, 3], zeroAt: [0, 15] }],
    ['linear where lower is better', [...M0, 'scoring'], { type: 'linear', worst: 20, best: 0 }],
    ['steps with negative and fractional upTo', STEPS, { type: 'steps', steps: [{ upTo: -1.5, points: 0 }, { upTo: 0, points: 50 }, { points: 100 }] }],
    ['fixed bands with five cuts', ['bands'], { mode: 'fixed', cuts: [0, 20, 40, 60, 100].map((max, i) => ({ id: `b${i}`, max })) }],
    ['a colour with 3 hex digits', ['bands', 'cuts', 0, 'color'], '#C00'],
    ['an ordering op with a date', [...ADJ, 'when'], { op: '>=', value: '2024-02-29' }],
    ['a model of one category with weight 0 beside one above', ['categories', 1, 'weight'], 0],
  ];

  it.each(accepted)('%s', (_name, path, value) => {
    const file = withChange(path, value);
    expect(parseModel(file)).toStrictEqual({ model: file, problems: [] });
  });
});

describe('parseModel rejects, naming the path and the reason', () => {
  const cases: [string, Json, [string, string][]][] = [
    // The root and the format.
    ['a list as the root', [], [['$', 'must be an object { … }, found an empty list']]],
    ['null as the root', null, [['$', 'must be an object { … }, found null']]],
    ['a number as the root', 42, [['$', 'must be an object { … }, found the number 42']]],
    ['a wrong format tag', withChange(['format'], 'health-model/v2'), [['format', 'must be "health-model/v1", found the text "health-model/v2"']]],
    ['no format tag', withChange(['format'], REMOVE), [['format', 'is missing; it must be "health-model/v1"']]],
    ['no name', withChange(['name'], REMOVE), [['name', 'is missing; it must be text']]],
    ['an empty name', withChange(['name'], '  '), [['name', 'must not be empty']]],
    ['a description that is not text', withChange(['description'], 3), [['description', 'must be text, found the number 3']]],
    ['an unknown missing policy', withChange(['missing'], 'skip'), [['missing', 'must be one of "renormalize", "neutral" or "zero", found the text "skip"']]],
    ['minCoverage 1.5', withChange(['minCoverage'], 1.5), [['minCoverage', 'must be between 0 and 1, found 1.5']]],
    ['minCoverage as text', withChange(['minCoverage'], '50%'), [['minCoverage', 'must be a number, found the text "50%"']]],

    // Categories and metrics.
    ['no categories', withChange(['categories'], REMOVE), [['categories', 'is missing; it must be a list of categories']]],
    ['categories that are not a list', withChange(['categories'], {}), [['categories', 'must be a list [ … ], found an object']]],
    [
      'an empty list of categories',
      withChange(['categories'], []),
      [
        ['categories', 'needs at least one category with a weight above 0'],
        ['segments.overrides.onboarding.tickets', 'no metric has the id "tickets"'],
      ],
    ],
    ['a category that is not an object', withChange(['categories', 1], 'voice'), [['categories[1]', 'must be an object { … }, found the text "voice"']]],
    ['a negative category weight', withChange(['categories', 0, 'weight'], -1), [['categories[0].weight', 'must be 0 or more, found -1']]],
    ['a negative metric weight', withChange([...M0, 'weight'], -0.5), [['categories[0].metrics[0].weight', 'must be 0 or more, found -0.5']]],
    ['a weight written as text', withChange([...M0, 'weight'], '10'), [['categories[0].metrics[0].weight', 'must be a number, found the text "10"']]],
    ['a weight that is true', withChange([...M0, 'weight'], true), [['categories[0].metrics[0].weight', 'must be a number, found true']]],
    ['a metric without weight', withChange([...M0, 'weight'], REMOVE), [['categories[0].metrics[0].weight', 'is missing; it must be a number, 0 or more']]],
    [
      'all category weights 0',
      withChanges([['categories', 0, 'weight'], 0], [['categories', 1, 'weight'], 0]),
      [['categories', 'needs at least one category with a weight above 0']],
    ],
    ['a duplicate category id', withChange(['categories', 1, 'id'], 'usage'), [['categories[1].id', '"usage" is already used by categories[0]']]],
    [
      'a duplicate metric id in another category',
      withChange(['categories', 1, 'metrics', 2, 'id'], 'logins'),
      [['categories[1].metrics[2].id', '"logins" is already used by categories[0].metrics[0]']],
    ],
    ['an empty metric id', withChange([...M0, 'id'], ''), [['categories[0].metrics[0].id', 'must not be empty']]],
    ['an empty source', withChange([...M0, 'source'], ''), [['categories[0].metrics[0].source', 'must not be empty']]],
    ['an unknown transform', withChange([...M0, 'transform'], 'log'), [['categories[0].metrics[0].transform', 'must be "daysSince", found the text "log"']]],
    ['a negative maxAgeDays', withChange([...M0, 'maxAgeDays'], -1), [['categories[0].metrics[0].maxAgeDays', 'must be 0 or more, found -1']]],
    ['a metric policy that is not a policy', withChange([...M0, 'missing'], 'drop'), [['categories[0].metrics[0].missing', 'must be one of "renormalize", "neutral" or "zero", found the text "drop"']]],
    ['a metric without scoring', withChange([...M0, 'scoring'], REMOVE), [['categories[0].metrics[0].scoring', 'is missing; it must be a scoring rule, an object with a "type"']]],

    // Rules.
    [
      'an unknown rule type',
      withChange([...M0, 'scoring', 'type'], 'curve'),
      [['categories[0].metrics[0].scoring.type', 'must be one of "linear", "range", "steps", "boolean" or "map", found the text "curve"']],
    ],
    [
      'a rule without type',
      withChange([...M0, 'scoring', 'type'], REMOVE),
      [['categories[0].metrics[0].scoring.type', 'is missing; it must be one of "linear", "range", "steps", "boolean" or "map"']],
    ],
    ['worst == best', withChange([...M0, 'scoring', 'worst'], 20), [['categories[0].metrics[0].scoring.worst', 'must differ from best (both are 20)']]],
    ['linear without best', withChange([...M0, 'scoring', 'best'], REMOVE), [['categories[0].metrics[0].scoring.best', 'is missing; it must be a number (the value that scores 100)']]],
    ['range ideal misordered', withChange([...RANGE, 'ideal'], [5, 1]), [['categories[0].metrics[1].scoring.ideal', 'must be in ascending order, found [5, 1]']]],
    ['range low end above ideal', withChange([...RANGE, 'zeroAt'], [2, 15]), [['categories[0].metrics[1].scoring.zeroAt[0]', 'must be at or below ideal[0] (1), found 2']]],
    ['range high end below ideal', withChange([...RANGE, 'zeroAt'], [0, 4]), [['categories[0].metrics[1].scoring.zeroAt[1]', 'must be at or above ideal[1] (5), found 4']]],
    [
      'range of a single point',
      withChange(RANGE, { type: 'range', ideal: [3, 3], zeroAt: [3, 3] }),
      [['categories[0].metrics[1].scoring.zeroAt', 'must span more than one value (both ends are 3)']],
    ],
    ['range ideal of one number', withChange([...RANGE, 'ideal'], [1]), [['categories[0].metrics[1].scoring.ideal', 'must be a list of two numbers, like [1, 5], found a list of 1 item']]],
    ['range end written as text', withChange([...RANGE, 'zeroAt', 1], '15'), [['categories[0].metrics[1].scoring.zeroAt[1]', 'must be a number, found the text "15"']]],
    ['steps not ascending', withChange([...STEPS, 'steps', 1, 'upTo'], 6), [['categories[1].metrics[0].scoring.steps[1].upTo', "must be above the previous step's upTo (6), found 6"]]],
    [
      'a last step with upTo',
      withChange([...STEPS, 'steps', 2, 'upTo'], 10),
      [['categories[1].metrics[0].scoring.steps[2].upTo', 'must be left out on the last step, which takes every value above the others']],
    ],
    [
      'a step other than the last without upTo',
      withChange([...STEPS, 'steps', 0, 'upTo'], REMOVE),
      [['categories[1].metrics[0].scoring.steps[0].upTo', 'is missing; it must be a number (every step but the last has one)']],
    ],
    ['no steps', withChange([...STEPS, 'steps'], []), [['categories[1].metrics[0].scoring.steps', 'needs at least one step']]],
    ['step points above 100', withChange([...STEPS, 'steps', 2, 'points'], 120), [['categories[1].metrics[0].scoring.steps[2].points', 'must be between 0 and 100, found 120']]],
    ['boolean points below 0', withChange([...BOOL, 'false'], -5), [['categories[1].metrics[1].scoring.false', 'must be between 0 and 100, found -5']]],
    ['boolean without true', withChange([...BOOL, 'true'], REMOVE), [['categories[1].metrics[1].scoring.true', 'is missing; it must be points, 0 to 100']]],
    ['map points above 100', withChange([...MAP, 'points', 'happy'], 100.5), [['categories[1].metrics[2].scoring.points.happy', 'must be between 0 and 100, found 100.5']]],
    [
      'map labels that collide',
      withChange([...MAP, 'points'], { happy: 100, ' Happy ': 90 }),
      [['categories[1].metrics[2].scoring.points[" Happy "]', 'is the same label as "happy" once spaces and capitals are ignored']],
    ],
    ['a map without labels', withChange([...MAP, 'points'], {}), [['categories[1].metrics[2].scoring.points', 'needs at least one label']]],
    ['map points as a list', withChange([...MAP, 'points'], [100, 0]), [['categories[1].metrics[2].scoring.points', 'must be an object { … }, found a list of 2 items']]],

    // Adjustments.
    ['a bad op', withChange([...ADJ, 'when', 'op'], '=>'), [['adjustments[0].when.op', 'must be one of ">", ">=", "<", "<=", "==" or "!=", found the text "=>"']]],
    ['an adjustment without points and cap', withChange([...ADJ, 'points'], REMOVE), [['adjustments[0]', 'needs points, a cap, or both']]],
    [
      'an ordering op with a text value',
      withChange([...ADJ, 'when', 'value'], 'high'),
      [['adjustments[0].when.value', 'must be a number or a date (yyyy-mm-dd) to compare with ">", found the text "high"']],
    ],
    [
      'an ordering op with a date that does not exist',
      withChange([...ADJ, 'when', 'value'], '2023-02-29'),
      [['adjustments[0].when.value', 'must be a number or a date (yyyy-mm-dd) to compare with ">", found the text "2023-02-29"']],
    ],
    ['an ordering op with true', withChange([...ADJ, 'when', 'value'], true), [['adjustments[0].when.value', 'true or false can only be compared with "==" or "!=", not ">"']]],
    ['a condition value that is a list', withChange([...ADJ, 'when', 'value'], [30]), [['adjustments[0].when.value', 'must be a number, text, true or false, found a list of 1 item']]],
    ['a cap above 100', withChange([...ADJ, 'cap'], 120), [['adjustments[0].cap', 'must be between 0 and 100, found 120']]],
    ['an adjustment without source', withChange([...ADJ, 'source'], REMOVE), [['adjustments[0].source', 'is missing; it must be text (the column to test)']]],
    [
      'a duplicate adjustment id',
      withChange(['adjustments', 1], { id: 'overdue', source: 'x', when: { op: '==', value: 'y' }, cap: 50 }),
      [['adjustments[1].id', '"overdue" is already used by adjustments[0]']],
    ],

    // Bands.
    ['cuts not ascending', withChange(['bands', 'cuts', 1, 'max'], 40), [['bands.cuts[1].max', "must be above the previous band's max (50), found 40"]]],
    ['a last cut that is not 100', withChange(['bands', 'cuts', 2, 'max'], 90), [['bands.cuts[2].max', 'must be 100 on the last band, found 90']]],
    ['1 cut', withChange(['bands', 'cuts'], [{ id: 'all', max: 100 }]), [['bands.cuts', 'must list 2 to 5 bands, found 1']]],
    ['6 cuts', withChange(['bands', 'cuts'], [10, 20, 30, 40, 50, 100].map((max, i) => ({ id: `b${i}`, max }))), [['bands.cuts', 'must list 2 to 5 bands, found 6']]],
    ['a max that is not whole', withChange(['bands', 'cuts', 0, 'max'], 50.5), [['bands.cuts[0].max', 'must be a whole number, found 50.5']]],
    ['a first max below 0', withChange(['bands', 'cuts', 0, 'max'], -1), [['bands.cuts[0].max', 'must be 0 or more, found -1']]],
    [
      'the reserved band id',
      withChange(['bands', 'cuts', 0, 'id'], 'insufficient'),
      [['bands.cuts[0].id', '"insufficient" is reserved for customers with too little data; choose another id']],
    ],
    ['a duplicate band id', withChange(['bands', 'cuts', 1, 'id'], 'red'), [['bands.cuts[1].id', '"red" is already used by bands.cuts[0]']]],
    [
      'a colour by name',
      withChange(['bands', 'cuts', 0, 'color'], 'red'),
      [['bands.cuts[0].color', 'must be a colour written as # and 3 or 6 hex digits, like "#2e7d32", found the text "red"']],
    ],
    ['an unknown band mode', withChange(['bands', 'mode'], 'relative'), [['bands.mode', 'must be one of "fixed" or "quantile", found the text "relative"']]],
    [
      'quantile bands with cuts',
      withChange(['bands', 'mode'], 'quantile'),
      [['bands.cuts', 'must be left out: quantile bands take no cuts (or use mode "fixed")']],
    ],

    // Segments.
    [
      'an override of an unknown metric',
      withChange(['segments', 'overrides', 'onboarding'], { ticket: { weight: 0 } }),
      [['segments.overrides.onboarding.ticket', 'no metric has the id "ticket"']],
    ],
    [
      'an override with a negative weight',
      withChange(['segments', 'overrides', 'onboarding', 'tickets', 'weight'], -2),
      [['segments.overrides.onboarding.tickets.weight', 'must be 0 or more, found -2']],
    ],
    [
      'an override with a broken rule',
      withChange(['segments', 'overrides', 'onboarding', 'tickets', 'scoring'], { type: 'linear', worst: 5, best: 5 }),
      [['segments.overrides.onboarding.tickets.scoring.worst', 'must differ from best (both are 5)']],
    ],
    [
      'segment values that collide',
      withChange(['segments', 'overrides', 'Onboarding'], { logins: { weight: 2 } }),
      [['segments.overrides.Onboarding', 'is the same segment as "onboarding" once spaces and capitals are ignored']],
    ],
    ['an empty segment field', withChange(['segments', 'field'], ''), [['segments.field', 'must not be empty']]],
    ['segments without overrides', withChange(['segments', 'overrides'], REMOVE), [['segments.overrides', 'is missing; it must be an object like {"onboarding": {"<metric id>": {"weight": 0}}}']]],
  ];

  it.each(cases)('%s', (_name, file, expected) => {
    const { model, problems } = parseModel(file);
    expect(errors(problems)).toEqual(expected);
    expect(model).toBeNull();
  });

  it('numbers that are not finite (from a value built in code)', () => {
    const { model, problems } = parseModel(withChanges([['minCoverage'], Number.NaN], [['categories', 0, 'weight'], Number.POSITIVE_INFINITY]));
    expect(model).toBeNull();
    expect(errors(problems)).toEqual([
      ['minCoverage', 'must be a finite number, found NaN'],
      ['categories[0].weight', 'must be a finite number, found Infinity'],
    ]);
  });

  it('reports several errors at once, all of them, in file order', () => {
    const file = validFile();
    const text = JSON.stringify(file)
      .replace('"name":"Test model"', '"name":"Test model","minCoverage":1.5')
      .replace('"worst":0,"best":20', '"worst":20,"best":20')
      .replace('"op":">"', '"op":"=>"')
      .replace('"tickets":{"weight":0}', '"ticket":{"weight":0}')
      .replace('"max":100', '"max":99');
    const { model, problems } = parseModel(text);
    expect(model).toBeNull();
    expect(problems.map(formatProblem)).toEqual([
      'minCoverage: must be between 0 and 1, found 1.5',
      'categories[0].metrics[0].scoring.worst: must differ from best (both are 20)',
      'adjustments[0].when.op: must be one of ">", ">=", "<", "<=", "==" or "!=", found the text "=>"',
      'bands.cuts[2].max: must be 100 on the last band, found 99',
      'segments.overrides.onboarding.ticket: no metric has the id "ticket"',
    ]);
  });

  it('keeps checking the rest of a category that is rejected', () => {
    const file = withChanges([['categories', 0, 'id'], 7], [[...M0, 'scoring', 'best'], 'x'], [['categories', 1, 'weight'], 0], [['categories', 0, 'weight'], 0]);
    expect(errors(parseModel(file).problems)).toEqual([
      ['categories[0].id', 'must be text, found the number 7'],
      ['categories[0].metrics[0].scoring.best', 'must be a number, found the text "x"'],
      ['categories', 'needs at least one category with a weight above 0'],
    ]);
  });
});

describe('parseModel on JSON text that is not valid', () => {
  it.each([
    ['a missing comma', '{\n  "format": "health-model/v1"\n  "name": "x"\n}', `line 3, column 3: expected "," or "}", found '"': is a comma missing before it?`],
    ['a trailing comma', '{\n  "name": "x",\n}', 'line 3, column 1: remove the comma before "}": nothing follows it'],
    ['a trailing comma in a list', '{"categories": [1, 2, ]}', 'line 1, column 23: remove the comma before "]": nothing follows it'],
    ['single quotes', "{'name': 'x'}", `line 1, column 2: expected a field name in double quotes, found "'": JSON takes double quotes`],
    ['a field name without quotes', '{\n  name: "x"}', 'line 2, column 3: expected a field name in double quotes, found name: field names take double quotes'],
    ['a comment', '{\n  // a model\n}', 'line 2, column 3: expected a field name in double quotes, found "/": JSON does not allow comments'],
    ['text never closed', '{"name": "x', 'line 1, column 10: this text has no closing double quote'],
    ['a line break inside text', '{"name": "two\nlines"}', 'line 1, column 14: a line break inside text: close the text with a double quote, or write \\n'],
    ['a Windows path', '{"source": "C:\\data"}', 'line 1, column 15: "\\d" is not a valid escape in text; write "\\\\" for a backslash'],
    ['a number with a leading zero', '{"weight": 05}', 'line 1, column 12: "05" is not a valid number'],
    ['a decimal comma', '{"weight": 0,5}', 'line 1, column 14: expected a field name in double quotes, found "5": JSON numbers take a dot for decimals (0.5, not 0,5)'],
    ['NaN', '{"weight": NaN}', 'line 1, column 12: expected a value, found NaN: JSON has only finite numbers'],
    ['a word that is not a value', '{"name": Pulso}', 'line 1, column 10: expected a value, found Pulso: text takes double quotes'],
    ['text after the model', '{"name": "x"}\n}', 'line 2, column 1: expected the end of the file after the model, found "}"'],
    ['a file cut short', '{"name": "x",\n  "categories": [', 'line 2, column 18: the file ends too early: expected a value'],
    ['a model nested too deeply', `${'['.repeat(100)}${']'.repeat(100)}`, 'line 1, column 66: nested more than 64 levels deep'],
  ])('%s', (_name, text, where) => {
    expect(parseModel(text)).toEqual({ model: null, problems: [{ path: '$', message: `not valid JSON at ${where}`, severity: 'error' }] });
  });

  it('an empty file', () => {
    expect(parseModel(' \n ').problems).toEqual([{ path: '$', message: 'the file is empty: a model file holds one JSON object', severity: 'error' }]);
  });

  it('agrees with JSON.parse on what is valid JSON, and never throws', () => {
    const broken = fc.tuple(fc.json(), fc.nat(), fc.string({ maxLength: 2 })).map(([json, at, insert]) => {
      const i = at % (json.length + 1);
      return json.slice(0, i) + insert + json.slice(i + 1);
    });
    fc.assert(
      fc.property(fc.oneof(fc.json(), broken, fc.string()), (text) => {
        fc.pre(!text.startsWith('\uFEFF') && text.trim() !== '');
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const syntaxError = parseModel(text).problems.some((p) => p.message.startsWith('not valid JSON'));
        expect(syntaxError).toBe(!valid);
      }),
      { numRuns: 300 },
    );
  });
});

describe('repairs, with a warning for each', () => {
  it('drops unknown fields, anywhere, and says so', () => {
    const file = {
      ...validFile(),
      author: 'me',
      categories: [
        {
          id: 'usage',
          weight: 1,
          colour: 'blue',
          metrics: [{ id: 'logins', weigth: 3, weight: 1, scoring: { type: 'linear', worst: 0, best: 20, ideal: [1, 2] } }],
        },
      ],
      segments: { field: 'stage', overrides: { onboarding: { logins: { weight: 0, note: 'x' } } } },
    };
    const { model, problems } = parseModel(file);
    expect(errors(problems)).toEqual([]);
    expect(warnings(problems)).toEqual([
      ['author', 'unknown field, ignored'],
      ['categories[0].colour', 'unknown field, ignored'],
      ['categories[0].metrics[0].weigth', 'unknown field, ignored'],
      ['categories[0].metrics[0].scoring.ideal', 'unknown field, ignored'],
      ['segments.overrides.onboarding.logins.note', 'unknown field, ignored'],
    ]);
    expect(model?.categories).toStrictEqual([
      { id: 'usage', weight: 1, metrics: [{ id: 'logins', weight: 1, scoring: { type: 'linear', worst: 0, best: 20 } }] },
    ]);
    expect(model).not.toHaveProperty('author');
    expect(model?.segments).toStrictEqual({ field: 'stage', overrides: { onboarding: { logins: { weight: 0 } } } });
  });

  it('names unknown fields that are not identifiers with brackets', () => {
    const { problems } = parseModel({ ...validFile(), 'my notes': 1 });
    expect(problems).toEqual([{ path: '$["my notes"]', message: 'unknown field, ignored', severity: 'warning' }]);
  });

  it('reads null in an optional field as not set', () => {
    const { model, problems } = parseModel({ ...validFile(), description: null, bands: null });
    expect(warnings(problems)).toEqual([
      ['description', 'null is read as "not set"; field dropped'],
      ['bands', 'null is read as "not set"; field dropped'],
    ]);
    expect(model).not.toHaveProperty('description');
    expect(model).not.toHaveProperty('bands');
  });

  it('warns about a field written twice, and keeps the last', () => {
    const { model, problems } = parseModel('{"format": "health-model/v1", "name": "a", "name": "b", "categories": [{"id": "c", "weight": 1, "weight": 2, "metrics": []}]}');
    expect(warnings(problems)).toEqual([
      ['name', 'appears more than once; the last value is used'],
      ['categories[0].weight', 'appears more than once; the last value is used'],
      ['categories[0].metrics', 'has no metrics, so this category takes no part in the score'],
    ]);
    expect(model?.name).toBe('b');
    expect(model?.categories[0]?.weight).toBe(2);
  });

  it('warns about labels, segment values and overrides that can never change anything', () => {
    const file = withChanges([[...MAP, 'points', ''], 10], [['segments', 'overrides'], { ' ': { logins: { weight: 1 } }, trial: { logins: {} } }]);
    const { model, problems } = parseModel(file);
    expect(warnings(problems)).toEqual([
      ['categories[1].metrics[2].scoring.points[""]', 'an empty label never matches: an empty cell counts as missing'],
      ['segments.overrides[" "]', 'an empty segment value never matches: an empty cell counts as missing'],
      ['segments.overrides.trial.logins', 'sets neither weight nor scoring, so it changes nothing'],
    ]);
    expect(model).toStrictEqual(file);
  });

  it('keeps "__proto__" as an ordinary label', () => {
    const text = JSON.stringify(validFile()).replace('"happy":100', '"__proto__":100');
    const { model, problems } = parseModel(text);
    expect(problems).toEqual([]);
    const rule = model?.categories[1]?.metrics[2]?.scoring;
    expect(rule?.type === 'map' && Object.keys(rule.points)).toEqual(['__proto__', 'neutral', 'unhappy']);
    expect(model && exportModel(model)).toContain('"__proto__": 100');
  });

  it('reads -0 as 0', () => {
    const { model } = parseModel(JSON.stringify(validFile()).replace('"worst":0', '"worst":-0'));
    const rule = model?.categories[0]?.metrics[0]?.scoring;
    expect(rule?.type === 'linear' && Object.is(rule.worst, 0)).toBe(true);
  });
});

describe('formatProblem', () => {
  it('puts the path before the message', () => {
    expect(formatProblem({ path: 'categories[2].metrics[0].scoring.worst', message: 'must differ from best (both are 10)', severity: 'error' })).toBe(
      'categories[2].metrics[0].scoring.worst: must differ from best (both are 10)',
    );
  });
});

describe('exportModel', () => {
  it('writes keys in the documented order, 2-space indent, trailing newline, absent fields left out', () => {
    const model: HealthModel = {
      segments: { overrides: { trial: { m: { scoring: { best: 1, worst: 0, type: 'linear' }, weight: 2 } } }, field: 'stage' },
      bands: { cuts: [{ max: 50, color: '#f00', id: 'low' }, { max: 100, id: 'high', label: 'High' }], mode: 'fixed' },
      adjustments: [{ cap: 40, points: -5, when: { value: 3, op: '>=' }, source: 'failures', label: 'Failures', id: 'f' }],
      categories: [
        {
          metrics: [{ scoring: { steps: [{ points: 0, upTo: 1 }, { points: 100 }], type: 'steps' }, maxAgeDays: 90, missing: 'zero', transform: 'daysSince', source: 's', weight: 1, label: 'M', id: 'm' }],
          weight: 1,
          label: 'C',
          id: 'c',
        },
      ],
      minCoverage: 0.5,
      missing: 'neutral',
      description: 'd',
      name: 'n',
      format: 'health-model/v1',
    };
    const text = exportModel(model);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "format": "health-model/v1",\n  "name": "n",\n  "description": "d",\n  "missing": "neutral",\n  "minCoverage": 0.5,\n  "categories": [\n    {\n      "id": "c",')).toBe(true);
    const keys = [...text.matchAll(/"(\w+)":/g)].map((m) => m[1]);
    expect(keys).toEqual([
      'format', 'name', 'description', 'missing', 'minCoverage', 'categories',
      'id', 'label', 'weight', 'metrics',
      'id', 'label', 'weight', 'source', 'transform', 'missing', 'maxAgeDays', 'scoring', 'type', 'steps', 'upTo', 'points', 'points',
      'adjustments', 'id', 'label', 'source', 'when', 'op', 'value', 'points', 'cap',
      'bands', 'mode', 'cuts', 'id', 'color', 'max', 'id', 'label', 'max',
      'segments', 'field', 'overrides', 'trial', 'm', 'weight', 'scoring', 'type', 'worst', 'best',
    ]);
    expect(parseModel(text)).toStrictEqual({ model, problems: [] });
  });

  it('writes a minimal model with nothing it does not hold', () => {
    const model: HealthModel = {
      format: 'health-model/v1',
      name: 'Minimal',
      categories: [{ id: 'c', weight: 1, metrics: [{ id: 'm', weight: 1, scoring: { type: 'boolean', true: 100, false: 0 } }] }],
    };
    expect(exportModel(model)).toBe(
      [
        '{',
        '  "format": "health-model/v1",',
        '  "name": "Minimal",',
        '  "categories": [',
        '    {',
        '      "id": "c",',
        '      "weight": 1,',
        '      "metrics": [',
        '        {',
        '          "id": "m",',
        '          "weight": 1,',
        '          "scoring": {',
        '            "type": "boolean",',
        '            "true": 100,',
        '            "false": 0',
        '          }',
        '        }',
        '      ]',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('gives back an identical model after import, and the same text after a second export', () => {
    const text = exportModel(valid(validFile()));
    const again = parseModel(text);
    expect(again).toStrictEqual({ model: validFile(), problems: [] });
    expect(again.model && exportModel(again.model)).toBe(text);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: any valid model survives export and import unchanged.

const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((n) => n + 0);
const pointsArb = fc.double({ min: 0, max: 100, noNaN: true }).map((n) => n + 0);
const weightArb = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 1000, noNaN: true }).map((n) => n + 0));
/** Any text, including quotes, backslashes, control characters and lone surrogates. */
const anyText = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));
const someText = anyText.filter((s) => s.trim() !== '');
const policyArb = fc.constantFrom<MissingPolicy>('renormalize', 'neutral', 'zero');
const isoDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

function sortedUnique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

const ruleArb: fc.Arbitrary<ScoringRule> = fc.oneof(
  fc
    .tuple(finite, finite)
    .filter(([worst, best]) => worst !== best)
    .map(([worst, best]): ScoringRule => ({ type: 'linear', worst, best })),
  fc
    .tuple(finite, finite, finite, finite)
    .map((xs) => [...xs].sort((a, b) => a - b))
    .filter((xs) => xs[0] !== xs[3])
    .map(([lo = 0, a = 0, b = 0, hi = 0]): ScoringRule => ({ type: 'range', ideal: [a, b], zeroAt: [lo, hi] })),
  fc
    .tuple(fc.array(fc.tuple(finite, pointsArb), { maxLength: 5 }), pointsArb)
    .map(([steps, last]): ScoringRule => {
      const upTos = sortedUnique(steps.map(([upTo]) => upTo));
      return { type: 'steps', steps: [...upTos.map((upTo, i) => ({ upTo, points: steps[i]?.[1] ?? 0 })), { points: last }] };
    }),
  fc.tuple(pointsArb, pointsArb).map(([t, f]): ScoringRule => ({ type: 'boolean', true: t, false: f })),
  fc
    .uniqueArray(fc.tuple(someText, pointsArb), { minLength: 1, maxLength: 5, selector: ([label]) => label.trim().toLowerCase() })
    .map((entries): ScoringRule => ({ type: 'map', points: Object.fromEntries(entries) })),
);

const metricArb = fc.record(
  {
    id: someText,
    label: anyText,
    weight: weightArb,
    source: someText,
    transform: fc.constant('daysSince' as const),
    missing: policyArb,
    maxAgeDays: fc.oneof(fc.nat(400), fc.double({ min: 0, max: 1e4, noNaN: true }).map((n) => n + 0)),
    scoring: ruleArb,
  },
  { requiredKeys: ['id', 'weight', 'scoring'], noNullPrototype: true },
);

const categoryArb = fc.record(
  { id: someText, label: anyText, weight: weightArb, metrics: fc.array(metricArb, { minLength: 1, maxLength: 4 }) },
  { requiredKeys: ['id', 'weight', 'metrics'], noNullPrototype: true },
);

const conditionArb: fc.Arbitrary<Adjustment['when']> = fc.oneof(
  fc.record({ op: fc.constantFrom<ComparisonOp>('>', '>=', '<', '<=', '==', '!='), value: finite }, { noNullPrototype: true }),
  fc.record({ op: fc.constantFrom<ComparisonOp>('>', '>=', '<', '<='), value: isoDate }, { noNullPrototype: true }),
  fc.record({ op: fc.constantFrom<ComparisonOp>('==', '!='), value: fc.oneof(fc.boolean(), anyText) }, { noNullPrototype: true }),
);

const adjustmentArb = fc
  .record(
    { id: someText, label: anyText, source: someText, when: conditionArb, points: finite, cap: pointsArb },
    { requiredKeys: ['id', 'source', 'when'], noNullPrototype: true },
  )
  .filter((a) => a.points !== undefined || a.cap !== undefined);

const cutsArb: fc.Arbitrary<BandCut[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 4 })
  .chain((maxes) =>
    fc.tuple(
      ...[...sortedUnique(maxes), 100].map((max, i) =>
        fc.record(
          { id: someText.map((s) => `${s}#${i}`), label: anyText, color: fc.constantFrom('#abc', '#2E7D32', '#c62828'), max: fc.constant(max) },
          { requiredKeys: ['id', 'max'], noNullPrototype: true },
        ),
      ),
    ),
  );

const bandsArb: fc.Arbitrary<Bands> = fc.oneof(
  fc.constant<Bands>({ mode: 'quantile' }),
  cutsArb.map((cuts): Bands => ({ mode: 'fixed', cuts })),
);

/** Makes ids unique (the validator's rule) while keeping arbitrary text in them. */
function uniqueIds<T extends { id: string }>(items: readonly T[], tag: string): T[] {
  return items.map((item, i) => ({ ...item, id: `${item.id}${tag}${i}` }));
}

const overrideArb: fc.Arbitrary<MetricOverride> = fc
  .record({ weight: weightArb, scoring: ruleArb }, { requiredKeys: [], noNullPrototype: true })
  .filter((o) => o.weight !== undefined || o.scoring !== undefined);

function segmentsArb(metricIds: readonly string[]): fc.Arbitrary<Segments> {
  const overrides = fc.uniqueArray(
    fc.tuple(someText, fc.uniqueArray(fc.tuple(fc.constantFrom(...metricIds), overrideArb), { maxLength: 3, selector: ([id]) => id })),
    { maxLength: 3, selector: ([value]) => value.trim().toLowerCase() },
  );
  return fc.record({
    field: someText,
    overrides: overrides.map((entries) => Object.fromEntries(entries.map(([value, metrics]) => [value, Object.fromEntries(metrics)]))),
  }, { noNullPrototype: true });
}

const modelArb: fc.Arbitrary<HealthModel> = fc
  .record(
    {
      name: someText,
      description: anyText,
      missing: policyArb,
      minCoverage: fc.double({ min: 0, max: 1, noNaN: true }).map((n) => n + 0),
      categories: fc.array(categoryArb, { minLength: 1, maxLength: 4 }),
      adjustments: fc.array(adjustmentArb, { maxLength: 3 }),
      bands: bandsArb,
    },
    { requiredKeys: ['name', 'categories'], noNullPrototype: true },
  )
  .map(({ categories, adjustments, ...rest }): HealthModel => {
    let metricIndex = 0;
    return {
      format: 'health-model/v1',
      ...rest,
      categories: uniqueIds(categories, '#c').map(
        (category): Category => ({ ...category, metrics: category.metrics.map((metric): Metric => ({ ...metric, id: `${metric.id}#m${metricIndex++}` })) }),
      ),
      ...(adjustments === undefined ? {} : { adjustments: uniqueIds(adjustments, '#a') }),
    };
  })
  .filter((model) => model.categories.some((c) => c.weight > 0))
  .chain((model) => {
    const metricIds = model.categories.flatMap((c) => c.metrics.map((m) => m.id));
    return fc.option(segmentsArb(metricIds), { nil: undefined }).map((segments) => (segments === undefined ? model : { ...model, segments }));
  });

describe('export and import (property)', () => {
  it('parseModel(exportModel(m)) gives back m, without problems, and exporting is idempotent', () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        const text = exportModel(model);
        const parsed = parseModel(text);
        expect(parsed.problems).toEqual([]);
        expect(parsed.model).toStrictEqual(model);
        expect(parsed.model && exportModel(parsed.model)).toBe(text);
        // The same holds when the model comes in as a value rather than as text.
        expect(parseModel(model).model).toStrictEqual(model);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('the documentation', () => {
  // Method files (a model inside) are checked by method-file.test.ts.
  it('shows only valid model files in docs/model-format.md', () => {
    const doc = readFileSync(new URL('../../../docs/model-format.md', import.meta.url), 'utf8');
    const models = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').filter((block) => block.includes('"format"') && !block.includes('"pulso-method/v1"'));
    expect(models.length).toBeGreaterThanOrEqual(2);
    for (const text of models) expect(parseModel(text).problems.map(formatProblem)).toEqual([]);
  });
});

describe('starter models', () => {
  const files = [
    ['b2b-saas', 'b2b-saas.json'],
    ['subscription', 'subscription.json'],
    ['services', 'services.json'],
  ] as const;

  it.each(files)('%s is a valid model file written exactly as exportModel writes it', (id, file) => {
    const text = readFileSync(new URL(`../../../src/engine/starter-models/${file}`, import.meta.url), 'utf8');
    const { model, problems } = parseModel(text);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(model).not.toBeNull();
    expect(model && exportModel(model)).toBe(text);
    expect(STARTER_MODELS.find((s) => s.id === id)?.model).toStrictEqual(model);
  });

  it('are offered in a fixed order with unique ids', () => {
    expect(STARTER_MODELS.map((s) => s.id)).toEqual(['b2b-saas', 'subscription', 'services']);
  });

  it('the B2B SaaS model uses every rule type, a stale limit, adjustments, a segment override and labelled bands', () => {
    const model = STARTER_MODELS.find((s) => s.id === 'b2b-saas')?.model;
    const metrics = model?.categories.flatMap((c) => c.metrics) ?? [];
    expect(new Set(metrics.map((m) => m.scoring.type))).toEqual(new Set(RULE_TYPES));
    expect(metrics.find((m) => m.id === 'csm_sentiment')?.maxAgeDays).toBe(90);
    expect(metrics.find((m) => m.transform === 'daysSince')?.source).toBe('last_login');
    expect(model?.adjustments?.map((a) => [a.when.op, a.when.value, a.points ?? null, a.cap ?? null])).toEqual([
      ['>', 30, -15, null],
      ['>', 60, null, 50],
    ]);
    expect(model?.segments?.overrides['onboarding']?.['tickets_30d']).toEqual({ weight: 0 });
    expect(model?.bands?.mode === 'fixed' && model.bands.cuts.every((c) => c.label !== undefined && c.color !== undefined)).toBe(true);
  });

  it('the services model reads a days-since date, a range of hours and caps on overdue invoices and a termination notice', () => {
    const model = STARTER_MODELS.find((s) => s.id === 'services')?.model;
    const metrics = model?.categories.flatMap((c) => c.metrics) ?? [];
    expect(metrics.find((m) => m.transform === 'daysSince')?.source).toBe('last_meeting');
    expect(metrics.find((m) => m.id === 'hours_used_pct')?.scoring).toEqual({ type: 'range', ideal: [70, 100], zeroAt: [20, 130] });
    expect(model?.adjustments?.map((a) => [a.source, a.cap])).toEqual([['days_overdue', 50], ['termination_notice', 20]]);
  });

  it('the subscription model uses quantile bands and daysSince on last_order', () => {
    const model = STARTER_MODELS.find((s) => s.id === 'subscription')?.model;
    expect(model?.bands).toEqual({ mode: 'quantile' });
    expect(model?.categories.flatMap((c) => c.metrics).find((m) => m.transform === 'daysSince')?.source).toBe('last_order');
  });
});
