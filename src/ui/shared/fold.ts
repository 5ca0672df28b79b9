/** Text as searches and word lists compare it: no accents, lower case, trimmed ("Implantação" → "implantacao"). */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').trim().toLowerCase();
}
