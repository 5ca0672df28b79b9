/**
 * Messages of the import screens, in every language. English is the reference: the other two
 * have exactly its keys (the type says so). Merged into the catalogues by `src/i18n/*.ts`.
 * Plural pairs end in `.one` / `.other` (see `translateCount`).
 */
const en = {
  'import.placeholder': 'import',
} as const;

export const importEn = en;

export const importPtBR: Readonly<Record<keyof typeof en, string>> = {
  'import.placeholder': 'import',
};

export const importEs: Readonly<Record<keyof typeof en, string>> = {
  'import.placeholder': 'import',
};
