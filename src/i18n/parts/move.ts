/**
 * Messages of "why it moved" on the customer page, in every language. English is the reference:
 * the other two have exactly its keys (the type says so). Merged into the catalogues by
 * `src/i18n/*.ts`. Plural pairs end in `.one` / `.other` (see `translateCount`).
 */
const en = {
  'customer.move.title': 'Why it moved',
  'customer.move.since': '{delta} since {date} (from {before} to {after}):',
  'customer.move.to': 'to',
  'customer.move.none': 'There is no earlier score to compare with.',
  'customer.move.nothing': 'Nothing the model reads changed.',
  'customer.move.adjustments': 'Adjustments and caps',
  'customer.move.rounding': 'Rounding',
  'customer.move.more.one': 'and {count} smaller change',
  'customer.move.more.other': 'and {count} smaller changes',
};

export const moveEn = en;

export const movePtBR: Readonly<Record<keyof typeof en, string>> = {
  'customer.move.title': 'Por que mudou',
  'customer.move.since': '{delta} desde {date} (de {before} para {after}):',
  'customer.move.to': 'para',
  'customer.move.none': 'Não há uma nota anterior para comparar.',
  'customer.move.nothing': 'Nada do que o modelo lê mudou.',
  'customer.move.adjustments': 'Ajustes e tetos',
  'customer.move.rounding': 'Arredondamento',
  'customer.move.more.one': 'e mais {count} mudança menor',
  'customer.move.more.other': 'e mais {count} mudanças menores',
};

export const moveEs: Readonly<Record<keyof typeof en, string>> = {
  'customer.move.title': 'Por qué cambió',
  'customer.move.since': '{delta} desde el {date} (de {before} a {after}):',
  'customer.move.to': 'a',
  'customer.move.none': 'No hay una puntuación anterior para comparar.',
  'customer.move.nothing': 'Nada de lo que lee el modelo cambió.',
  'customer.move.adjustments': 'Ajustes y topes',
  'customer.move.rounding': 'Redondeo',
  'customer.move.more.one': 'y {count} cambio menor',
  'customer.move.more.other': 'y {count} cambios menores',
};
