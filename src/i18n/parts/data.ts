/**
 * Messages of the data screens, in every language. English is the reference: the other two
 * have exactly its keys (the type says so). Merged into the catalogues by `src/i18n/*.ts`.
 * Plural pairs end in `.one` / `.other` (see `translateCount`).
 */
const en = {
  'data.placeholder': 'data',
} as const;

export const dataEn = en;

export const dataPtBR: Readonly<Record<keyof typeof en, string>> = {
  'data.placeholder': 'data',
};

export const dataEs: Readonly<Record<keyof typeof en, string>> = {
  'data.placeholder': 'data',
};
