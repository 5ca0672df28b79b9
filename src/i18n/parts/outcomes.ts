/**
 * Messages of the outcomes (issue #7), in every language. English is the reference: the other two
 * have exactly its keys (the type says so). Merged into the catalogues by `src/i18n/*.ts`.
 * Plural pairs end in `.one` / `.other` (see `translateCount`).
 */
const en = {
  'outcomes.title': 'Outcomes',
  'outcomes.panel.title': 'Churned or renewed',
};

export const outcomesEn: Readonly<Record<keyof typeof en, string>> = en;

export const outcomesPtBR: Readonly<Record<keyof typeof en, string>> = {
  'outcomes.title': 'Resultados',
  'outcomes.panel.title': 'Cancelou ou renovou',
};

export const outcomesEs: Readonly<Record<keyof typeof en, string>> = {
  'outcomes.title': 'Resultados',
  'outcomes.panel.title': 'Canceló o renovó',
};
