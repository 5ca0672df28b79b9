import { pickLocale, translate, type Locale, type MessageKey } from '../i18n';

/** The UI's current language, as runes state; components read `i18n.t(...)`. */
class I18nState {
  locale = $state<Locale>(pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages));

  t = (key: MessageKey, params?: Readonly<Record<string, string | number>>): string => translate(this.locale, key, params);
}

export const i18n = new I18nState();
