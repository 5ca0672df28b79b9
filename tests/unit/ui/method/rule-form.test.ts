import { describe, expect, it } from 'vitest';
import { formOf, parseFieldNumber, readForm, readMaxAge } from '../../../../src/ui/method/rule-form';

describe('the rule editor’s fields', () => {
  it('reads numbers as people type them in each language', () => {
    expect(parseFieldNumber('12,5', 'pt-BR')).toBe(12.5);
    expect(parseFieldNumber('1.200,5', 'es')).toBe(1200.5);
    expect(parseFieldNumber('12.5', 'pt-BR')).toBe(12.5);
    expect(parseFieldNumber('1,200.5', 'en')).toBe(1200.5);
    expect(parseFieldNumber('−3', 'en')).toBe(-3);
    expect(parseFieldNumber('-0', 'en')).toBe(0);
    expect(parseFieldNumber('', 'en')).toBeUndefined();
    expect(parseFieldNumber('12a', 'en')).toBeUndefined();
  });

  it('gives the fields of a rule in the language, and reads them back to the same rule', () => {
    const rule = { type: 'range', ideal: [1.5, 5], zeroAt: [-1, 15] } as const;
    const form = formOf(rule, 'pt-BR');
    expect([form.lo, form.a, form.b, form.hi]).toEqual(['-1', '1,5', '5', '15']);
    expect(readForm('range', form, 'pt-BR')).toEqual({ rule, errors: {} });
    const steps = { type: 'steps', steps: [{ upTo: 6, points: 0 }, { upTo: 8, points: 60 }, { points: 100 }] } as const;
    expect(readForm('steps', formOf(steps, 'en'), 'en').rule).toEqual(steps);
    const map = { type: 'map', points: { happy: 100, sad: 0 } } as const;
    expect(readForm('map', formOf(map, 'es'), 'es').rule).toEqual(map);
  });

  it('says what is wrong by field, and gives no rule', () => {
    const base = formOf({ type: 'range', ideal: [2, 5], zeroAt: [0, 12] }, 'en');
    expect(readForm('range', { ...base, b: '1', lo: '3' }, 'en')).toEqual({
      rule: null,
      errors: { b: { key: 'categorize.error.idealOrder' }, lo: { key: 'categorize.error.zeroLow' } },
    });
    expect(readForm('up', { ...base, worst: '4', best: '4' }, 'en').errors).toEqual({ best: { key: 'categorize.error.differ' } });
    expect(readForm('up', { ...base, worst: 'x', best: '4' }, 'pt-BR').errors).toEqual({ worst: { key: 'categorize.error.number', params: { example: '12,5' } } });
    const steps = formOf({ type: 'steps', steps: [{ upTo: 6, points: 0 }, { upTo: 8, points: 60 }, { points: 100 }] }, 'en');
    expect(readForm('steps', { ...steps, steps: [steps.steps[0]!, { upTo: '6', points: '120' }] }, 'en').errors).toEqual({
      'steps.1.upTo': { key: 'categorize.error.stepOrder', params: { previous: '6' } },
      'steps.1.points': { key: 'categorize.error.points' },
    });
    expect(readForm('map', { ...base, labels: [{ label: 'Happy', points: '100' }, { label: ' happy ', points: '50' }, { label: '', points: '0' }] }, 'en').errors).toEqual({
      'labels.1.label': { key: 'categorize.error.labelTwice' },
      'labels.2.label': { key: 'categorize.error.labelEmpty' },
    });
  });

  it('reads the age limit: empty for none, whole days, or not valid', () => {
    expect(readMaxAge('', 'en')).toBeUndefined();
    expect(readMaxAge('90', 'en')).toBe(90);
    expect(readMaxAge('1,5', 'pt-BR')).toBeNull();
    expect(readMaxAge('-1', 'en')).toBeNull();
  });
});
