import { en, type Catalogue, type MessageKey } from './en';
import { ptBR } from './pt-BR';
import { es } from './es';

export type { MessageKey, Catalogue };

export const LOCALES = ['en', 'pt-BR', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en, 'pt-BR': ptBR, es };

/** Each locale's name in its own language, for the language picker. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', 'pt-BR': 'Português (Brasil)', es: 'Español' };

/** The first of the user's preferred languages that we speak (by language, then region), else English. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    const exact = LOCALES.find((l) => l.toLowerCase() === lower);
    if (exact) return exact;
    const language = lower.split('-')[0];
    if (language === 'pt') return 'pt-BR';
    if (language === 'es') return 'es';
    if (language === 'en') return 'en';
  }
  return 'en';
}

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  const text = CATALOGUES[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Keys that come in plural pairs: `x.one` and `x.other`. */
export type CountKey = { [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never }[MessageKey];

/** The plural form of `key` (`key.one`, `key.other`) for `count` in `locale`, with `{count}` formatted (and `params`). */
export function translateCount(locale: Locale, key: CountKey, count: number, params?: Readonly<Record<string, string | number>>): string {
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  return translate(locale, `${key}.${form}` as MessageKey, { ...params, count: new Intl.NumberFormat(locale).format(count) });
}
