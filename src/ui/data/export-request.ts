/** The scores export as the user asked for it, with every title in their language. */
import type { BandInfo } from '../../engine';
import type { MessageKey } from '../../i18n';
import type { ExportScoresRequest } from '../../worker/api';
import { bandLabel } from '../shared/bands';

/**
 * - `locale`: "for Excel in my language" — the separators and decimal mark Excel expects in the
 *   user's language (`;` and `1,5` in pt-BR and es);
 * - `standard`: comma-separated, dot decimals, for other tools.
 */
export type ExportDialect = ExportScoresRequest['dialect'];

export interface ScoresExportOptions {
  readonly dialect: ExportDialect;
  readonly locale: string;
  /** The bands of the current scores (`ScoresView.bands`), in their order. */
  readonly bands: readonly BandInfo[];
  readonly t: (key: MessageKey) => string;
  /** Only these rows (a filtered list), in `CustomerTable` order; every customer without. */
  readonly rows?: ArrayLike<number>;
}

/** The request for `exportScores`. Rows are copied into a plain array, so that it always crosses to the worker (a runes proxy would not). */
export function scoresExportRequest({ dialect, locale, bands, t, rows }: ScoresExportOptions): ExportScoresRequest {
  const request: ExportScoresRequest = {
    dialect,
    locale,
    header: {
      id: t('data.export.col.id'),
      name: t('customers.col.name'),
      score: t('customers.col.score'),
      band: t('customers.col.band'),
      coverage: t('customers.col.coverage'),
      delta: t('customers.col.change'),
    },
    bandLabels: bands.map((band) => bandLabel(band, t)),
  };
  return rows ? { ...request, rows: Array.from(rows) } : request;
}
