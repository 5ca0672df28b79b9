import { describe, expect, it } from 'vitest';
import { CATALOGUES, LOCALES, pickLocale, translate } from '../../src/i18n';

describe('catalogues', () => {
  const allKeys = new Set(LOCALES.flatMap((l) => Object.keys(CATALOGUES[l])));
  it.each(LOCALES)('%s has every key another catalogue has, and no empty message', (locale) => {
    const keys = Object.keys(CATALOGUES[locale]);
    expect([...allKeys].filter((k) => !keys.includes(k))).toEqual([]);
    expect(Object.entries(CATALOGUES[locale]).filter(([, v]) => v.trim() === '')).toEqual([]);
  });
});

describe('pickLocale', () => {
  it.each([
    [['pt-PT', 'en'], 'pt-BR'],
    [['es-MX'], 'es'],
    [['pt-BR'], 'pt-BR'],
    [['fr-FR', 'es'], 'es'],
    [['de'], 'en'],
    [[], 'en'],
  ] as const)('%j -> %s', (preferred, expected) => {
    expect(pickLocale(preferred)).toBe(expected);
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(translate('en', 'app.name')).toBe('Pulso');
    expect(translate('pt-BR', 'language.label', { x: 1 })).toBe('Idioma');
  });
});
