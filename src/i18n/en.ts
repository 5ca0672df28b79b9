/** English, the reference catalogue: every other catalogue has exactly these keys. */
export const en = {
  'app.name': 'Pulso',
  'app.tagline': 'Customer health scoring that runs in your browser',
  'app.intro':
    'Build a health score for your customers, run it on your portfolio and act on it — no server, no account, and no network needed once loaded.',
  'app.status': 'The scoring engine is ready; the screens are on their way.',
  'language.label': 'Language',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Readonly<Record<MessageKey, string>>;
