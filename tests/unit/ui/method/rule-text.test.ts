import { describe, expect, it } from 'vitest';
import type { ScoringRule } from '../../../../src/engine';
import { describeRule, ruleText } from '../../../../src/ui/method/rule-text';

const linearUp: ScoringRule = { type: 'linear', worst: 0, best: 20 };
const linearDown: ScoringRule = { type: 'linear', worst: 5, best: 0 };
const range: ScoringRule = { type: 'range', ideal: [2, 5], zeroAt: [0, 12] };
const rangeEdges: ScoringRule = { type: 'range', ideal: [0, 5], zeroAt: [0, 5.5] };
const steps: ScoringRule = { type: 'steps', steps: [{ upTo: 6, points: 0 }, { upTo: 8, points: 60 }, { points: 100 }] };
const booleanRule: ScoringRule = { type: 'boolean', true: 100, false: 30 };
const map: ScoringRule = { type: 'map', points: { Happy: 100, Neutral: 50, Unhappy: 0 } };

describe('a rule in plain words', () => {
  it.each([
    ['linear, higher is better', linearUp, '0 or less → 0 points, 20 or more → 100 points, in a straight line between.'],
    ['linear, lower is better', linearDown, '0 or less → 100 points, 5 or more → 0 points, in a straight line between.'],
    ['range', range, 'Between 2 and 5: 100 points. Below that, fewer points down to 0 at 0 or less. Above that, fewer points down to 0 at 12 or more.'],
    ['range with a sharp edge', rangeEdges, 'Between 0 and 5: 100 points. Below 0: 0 points. Above that, fewer points down to 0 at 5.5 or more.'],
    ['steps', steps, 'Up to 6: 0 points. Above 6 up to 8: 60 points. Above 8: 100 points.'],
    ['one step', { type: 'steps', steps: [{ points: 40 }] } as ScoringRule, 'Any value: 40 points.'],
    ['yes/no', booleanRule, 'Yes → 100 points, No → 30 points.'],
    ['labels', map, 'Happy → 100, Neutral → 50, Unhappy → 0 (points). Other labels count as missing.'],
  ])('%s, in English', (_name, rule, expected) => {
    expect(ruleText(rule, 'en')).toBe(expected);
  });

  it.each([
    [linearUp, '0 ou menos → 0 pontos, 20 ou mais → 100 pontos, em linha reta entre os dois.'],
    [linearDown, '0 ou menos → 100 pontos, 5 ou mais → 0 pontos, em linha reta entre os dois.'],
    [range, 'Entre 2 e 5: 100 pontos. Abaixo disso, menos pontos, até 0 em 0 ou menos. Acima disso, menos pontos, até 0 em 12 ou mais.'],
    [rangeEdges, 'Entre 0 e 5: 100 pontos. Abaixo de 0: 0 pontos. Acima disso, menos pontos, até 0 em 5,5 ou mais.'],
    [steps, 'Até 6: 0 pontos. Acima de 6 até 8: 60 pontos. Acima de 8: 100 pontos.'],
    [booleanRule, 'Sim → 100 pontos, Não → 30 pontos.'],
    [map, 'Happy → 100, Neutral → 50, Unhappy → 0 (pontos). Outros rótulos contam como ausentes.'],
  ])('in Portuguese: %j', (rule, expected) => {
    expect(ruleText(rule, 'pt-BR')).toBe(expected);
  });

  it.each([
    [linearUp, '0 o menos → 0 puntos, 20 o más → 100 puntos, en línea recta entre ambos.'],
    [linearDown, '0 o menos → 100 puntos, 5 o más → 0 puntos, en línea recta entre ambos.'],
    [range, 'Entre 2 y 5: 100 puntos. Por debajo, menos puntos, hasta 0 en 0 o menos. Por encima, menos puntos, hasta 0 en 12 o más.'],
    [rangeEdges, 'Entre 0 y 5: 100 puntos. Por debajo de 0: 0 puntos. Por encima, menos puntos, hasta 0 en 5,5 o más.'],
    [steps, 'Hasta 6: 0 puntos. Más de 6 y hasta 8: 60 puntos. Más de 8: 100 puntos.'],
    [booleanRule, 'Sí → 100 puntos, No → 30 puntos.'],
    [map, 'Happy → 100, Neutral → 50, Unhappy → 0 (puntos). Otras etiquetas cuentan como ausentes.'],
  ])('in Spanish: %j', (rule, expected) => {
    expect(ruleText(rule, 'es')).toBe(expected);
  });

  it('formats numbers in the language: grouping, decimal mark and a true minus sign', () => {
    const rule: ScoringRule = { type: 'linear', worst: -1500.25, best: 12000 };
    expect(ruleText(rule, 'en')).toBe('−1,500.25 or less → 0 points, 12,000 or more → 100 points, in a straight line between.');
    expect(ruleText(rule, 'pt-BR')).toBe('−1.500,25 ou menos → 0 pontos, 12.000 ou mais → 100 pontos, em linha reta entre os dois.');
    expect(describeRule(rule, 'es')).toEqual([{ key: 'categorize.rule.text.up', params: { worst: '−1500,25', best: '12.000' } }]);
  });

  it('adds the age limit, with its plural, in each language', () => {
    expect(ruleText(booleanRule, 'en', { maxAgeDays: 90 })).toBe('Yes → 100 points, No → 30 points. A value older than 90 days counts as missing.');
    expect(ruleText(booleanRule, 'en', { maxAgeDays: 1 })).toBe('Yes → 100 points, No → 30 points. A value older than 1 day counts as missing.');
    expect(ruleText(booleanRule, 'pt-BR', { maxAgeDays: 30 })).toMatch(/Um valor com mais de 30 dias conta como ausente\.$/);
    expect(ruleText(booleanRule, 'es', { maxAgeDays: 1 })).toMatch(/Un valor de hace más de 1 día cuenta como ausente\.$/);
  });

  it('says "exactly" for a range of one value', () => {
    expect(ruleText({ type: 'range', ideal: [3, 3], zeroAt: [0, 6] }, 'en')).toMatch(/^Exactly 3: 100 points\./);
  });
});
