/**
 * Messages of the calibration (issue #7), in every language. English is the reference: the other two
 * have exactly its keys (the type says so). Merged into the catalogues by `src/i18n/*.ts`.
 * Plural pairs end in `.one` / `.other` (see `translateCount`).
 */
const en = {
  'calibration.title': 'Check the score against churn',
};

export const calibrationEn: Readonly<Record<keyof typeof en, string>> = en;

export const calibrationPtBR: Readonly<Record<keyof typeof en, string>> = {
  'calibration.title': 'Conferir o score com o churn',
};

export const calibrationEs: Readonly<Record<keyof typeof en, string>> = {
  'calibration.title': 'Contrastar el score con el churn',
};
