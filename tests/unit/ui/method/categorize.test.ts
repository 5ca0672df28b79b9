import { describe, expect, it } from 'vitest';
import { parseModel, type HealthModel } from '../../../../src/engine';
import { STARTER_MODELS } from '../../../../src/engine/starter-models';
import { LOCALES, translate } from '../../../../src/i18n';
import {
  addCategory, addMetric, blankModel, checkStep, defaultRule, metricFromColumn, metricFromLibrary, moveMetric, removeCategory, removeMetric,
  renameCategory, RULE_CHOICES, ruleChoiceOf, setMaxAge, setRule, uniqueId,
} from '../../../../src/ui/method/categorize';
import { INDICATOR_LIBRARY, libraryRule } from '../../../../src/ui/method/indicator-library';
import type { IndicatorDistribution } from '../../../../src/worker/api';

const b2b = STARTER_MODELS.find((s) => s.id === 'b2b-saas')!.model;

function errors(model: HealthModel): string[] {
  return parseModel(model).problems.filter((p) => p.severity === 'error').map((p) => `${p.path}: ${p.message}`);
}

describe('the indicator library', () => {
  it('has unique ids, translated names and descriptions, and rules the model format accepts in every language', () => {
    expect(new Set(INDICATOR_LIBRARY.map((e) => e.id)).size).toBe(INDICATOR_LIBRARY.length);
    for (const locale of LOCALES) {
      let draft = blankModel({ model: 'm', category: 'c' });
      for (const entry of INDICATOR_LIBRARY) {
        expect(translate(locale, entry.label)).not.toBe('');
        expect(translate(locale, entry.description)).not.toBe('');
        draft = addMetric(draft, 0, metricFromLibrary(entry, translate(locale, entry.label), locale));
      }
      expect(errors(draft)).toEqual([]);
    }
  });

  it('offers the sentiment labels in the user’s language and in English, each once', () => {
    const sentiment = INDICATOR_LIBRARY.find((e) => e.id === 'csm_sentiment')!;
    const es = libraryRule(sentiment, 'es');
    expect(es.type === 'map' ? Object.keys(es.points) : []).toEqual(['muy satisfecho', 'satisfecho', 'neutral', 'insatisfecho', 'muy insatisfecho', 'very happy', 'happy', 'unhappy', 'very unhappy']);
  });
});

describe('editing a draft', () => {
  it('starts blank with one empty category, which needs an indicator before the next step', () => {
    const blank = blankModel({ model: 'Mine', category: 'Uso do produto' });
    expect(blank.categories).toEqual([{ id: 'uso_do_produto', label: 'Uso do produto', weight: 10, metrics: [] }]);
    expect(checkStep(blank).blocking).toEqual([{ key: 'categorize.problems.noIndicator' }]);
    const withOne = addMetric(blank, 0, metricFromLibrary(INDICATOR_LIBRARY[0]!, 'Logins', 'en'));
    expect(checkStep(withOne)).toEqual({ blocking: [], notes: [] });
  });

  it('adds, renames, moves and removes without touching the draft it was given', () => {
    const frozen = structuredClone(b2b);
    let draft = addCategory(b2b, 'Produto & Uso');
    expect(draft.categories.at(-1)).toMatchObject({ id: 'produto_uso', label: 'Produto & Uso', metrics: [] });
    expect(checkStep(draft).notes).toEqual([{ key: 'categorize.problems.emptyCategory', params: { name: 'Produto & Uso' } }]);
    draft = renameCategory(draft, 0, 'Usage');
    draft = moveMetric(draft, 0, 0, draft.categories.length - 1);
    expect(draft.categories[0]!.metrics.map((m) => m.id)).not.toContain('logins_30d');
    expect(draft.categories.at(-1)!.metrics.map((m) => m.id)).toEqual(['logins_30d']);
    draft = setRule(draft, 1, 0, { type: 'linear', worst: 3, best: 0 });
    draft = setMaxAge(draft, 1, 0, 30);
    expect(draft.categories[1]!.metrics[0]).toMatchObject({ maxAgeDays: 30, scoring: { type: 'linear', worst: 3, best: 0 } });
    expect('maxAgeDays' in setMaxAge(draft, 1, 0, undefined).categories[1]!.metrics[0]!).toBe(false);
    expect(errors(draft)).toEqual([]);
    expect(b2b).toEqual(frozen);
  });

  it('gives an added indicator an id of its own, still reading its column', () => {
    const logins = INDICATOR_LIBRARY.find((e) => e.id === 'logins_30d')!;
    const draft = addMetric(b2b, 1, metricFromLibrary(logins, 'Logins again', 'en'));
    expect(draft.categories[1]!.metrics.at(-1)).toMatchObject({ id: 'logins_30d_2', source: 'logins_30d' });
    expect(errors(draft)).toEqual([]);
    expect(uniqueId('a', ['a', 'a_2'])).toBe('a_3');
  });

  it('removes the segment overrides of removed indicators, so the model still reads', () => {
    const support = b2b.categories.findIndex((c) => c.id === 'support');
    expect(errors(removeCategory(b2b, support))).toEqual([]);
    const journey = b2b.categories.findIndex((c) => c.id === 'journey');
    const draft = removeMetric(b2b, journey, b2b.categories[journey]!.metrics.findIndex((m) => m.id === 'onboarding_done'));
    expect(errors(draft)).toEqual([]);
    expect(draft.segments?.overrides['onboarding']).toEqual({ tickets_30d: { weight: 0 } });
  });

  it('reports a draft the format refuses by JSON path', () => {
    const draft = setRule(b2b, 0, 0, { type: 'linear', worst: 4, best: 4 });
    expect(checkStep(draft).blocking).toEqual([{ model: expect.objectContaining({ path: 'categories[0].metrics[0].scoring.worst' }) }]);
  });
});

describe('first rules', () => {
  const spread: IndicatorDistribution = { kind: 'number', customers: 100, missing: 0, min: 0, max: 60, median: 12, p10: 3, p90: 30, bins: [] };
  const flat: IndicatorDistribution = { kind: 'number', customers: 100, missing: 0, min: 5, max: 5, median: 5, p10: 5, p90: 5, bins: [] };

  it('fits the customers’ values, and every choice gives a rule the format accepts', () => {
    expect(defaultRule('up', null, spread, 'en')).toEqual({ type: 'linear', worst: 3, best: 30 });
    expect(defaultRule('down', null, spread, 'en')).toEqual({ type: 'linear', worst: 30, best: 3 });
    expect(defaultRule('range', null, spread, 'en')).toEqual({ type: 'range', ideal: [12, 21], zeroAt: [3, 30] });
    for (const distribution of [spread, flat, null]) {
      for (const choice of RULE_CHOICES.number) {
        const rule = defaultRule(choice, null, distribution, 'en');
        expect(ruleChoiceOf(rule)).toBe(choice);
        const draft = setRule(b2b, 0, 0, rule);
        expect(errors(draft), `${choice} on ${JSON.stringify(distribution)}`).toEqual([]);
      }
    }
  });

  it('keeps the numbers and the direction of the rule it replaces', () => {
    expect(defaultRule('down', { type: 'linear', worst: 0, best: 20 }, null, 'en')).toEqual({ type: 'linear', worst: 20, best: 0 });
    expect(defaultRule('steps', { type: 'linear', worst: 30, best: 0 }, null, 'en')).toEqual({ type: 'steps', steps: [{ upTo: 0, points: 100 }, { upTo: 15, points: 50 }, { points: 0 }] });
    expect(defaultRule('steps', { type: 'linear', worst: 0, best: 30 }, spread, 'en')).toEqual({ type: 'steps', steps: [{ upTo: 3, points: 0 }, { upTo: 17, points: 50 }, { points: 100 }] });
  });

  it('turns an imported column into an indicator: dates as days since (lower is better), labels from the data', () => {
    const date = metricFromColumn({ column: 'Last Order', kind: 'date' }, 'Days since Last Order', flat, 'en');
    expect(date).toMatchObject({ id: 'last_order', source: 'Last Order', transform: 'daysSince', scoring: { type: 'linear', worst: 15, best: 5 } });
    const labels: IndicatorDistribution = { kind: 'text', customers: 3, missing: 0, labels: [{ label: 'gold', count: 2 }, { label: 'silver', count: 1 }] };
    expect(metricFromColumn({ column: 'tier', kind: 'text' }, 'tier', labels, 'en')).toEqual({ id: 'tier', label: 'tier', weight: 1, scoring: { type: 'map', points: { gold: 50, silver: 50 } } });
  });
});
