import { LOCALES, pickLocale, translate, translateCount, type CountKey, type Locale, type MessageKey } from '../i18n';

const LOCALE_KEY = 'pulso.locale';

function initialLocale(): Locale {
  const saved = LOCALES.find((l) => l === globalThis.localStorage?.getItem(LOCALE_KEY));
  if (saved) return saved;
  return pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
}

/** The UI's language, as runes state: picked from the browser, switchable, remembered on this device. */
class I18nState {
  #locale = $state<Locale>(initialLocale());

  get locale(): Locale {
    return this.#locale;
  }

  set locale(locale: Locale) {
    this.#locale = locale;
    globalThis.localStorage?.setItem(LOCALE_KEY, locale);
  }

  t = (key: MessageKey, params?: Readonly<Record<string, string | number>>): string => translate(this.#locale, key, params);

  count = (key: CountKey, n: number, params?: Readonly<Record<string, string | number>>): string => translateCount(this.#locale, key, n, params);
}

export const i18n = new I18nState();
