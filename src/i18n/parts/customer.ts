/**
 * Messages of the customer screens, in every language. English is the reference: the other two
 * have exactly its keys (the type says so). Merged into the catalogues by `src/i18n/*.ts`.
 * Plural pairs end in `.one` / `.other` (see `translateCount`).
 */
const en = {
  'customer.placeholder': 'customer',
} as const;

export const customerEn = en;

export const customerPtBR: Readonly<Record<keyof typeof en, string>> = {
  'customer.placeholder': 'customer',
};

export const customerEs: Readonly<Record<keyof typeof en, string>> = {
  'customer.placeholder': 'customer',
};
