/**
 * What the lists screen shows of the worker's lists: which list the route names, the owners to
 * filter by, a list's rows for one owner, the export request in the user's language, and the
 * app icon's badge. Selection over the worker's answers; nothing is computed again here.
 */
import type { MessageKey } from '../../i18n';
import type { BandInfo } from '../../engine';
import type { CustomerTable, ExportListRequest, ListId, OpportunityLists } from '../../worker/api';
import { bandLabel } from '../shared/bands';

type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

export const LIST_IDS: readonly ListId[] = ['upsell', 'advocates', 'collections', 'renewals'];

/** The list `?list=` names; the first one otherwise. */
export function listOf(params: Readonly<Record<string, string>>): ListId {
  return LIST_IDS.find((id) => id === params['list']) ?? 'upsell';
}

/** The owners of the portfolio, sorted in the locale's order ('' — no owner — last when some have none). */
export function ownersOf(table: Pick<CustomerTable, 'owners'>, locale: string): string[] {
  const owners = [...new Set(table.owners)];
  const collator = new Intl.Collator(locale);
  return owners.filter((o) => o !== '').sort(collator.compare).concat(owners.includes('') ? [''] : []);
}

/** The rows of list `id`, in list order. */
export function listRows(lists: OpportunityLists, id: ListId): readonly number[] {
  switch (id) {
    case 'upsell': return lists.upsell.map((e) => e.row);
    case 'advocates': return lists.advocates.map((e) => e.row);
    case 'collections': return lists.collections.map((e) => e.row);
    case 'renewals': return lists.renewals.total.rows;
  }
}

/** `rows` of one owner (`undefined`: everyone's). */
export function ofOwner(rows: readonly number[], table: Pick<CustomerTable, 'owners'>, owner: string | undefined): number[] {
  return owner === undefined ? [...rows] : rows.filter((row) => table.owners[row] === owner);
}

/** The MRR of `rows` together (unknown counts 0). */
export function mrrOf(rows: readonly number[], table: Pick<CustomerTable, 'mrr'>): number {
  let sum = 0;
  for (const row of rows) if (!Number.isNaN(table.mrr[row]!)) sum += table.mrr[row]!;
  return sum;
}

/** The export of list `list` in the user's language. */
export function listExportRequest(options: {
  list: ListId; owner: string | undefined; dialect: 'standard' | 'locale'; locale: string; bands: readonly BandInfo[]; t: Translate;
}): ExportListRequest {
  const { t } = options;
  return {
    list: options.list,
    ...(options.owner !== undefined ? { owner: options.owner } : {}),
    dialect: options.dialect,
    locale: options.locale,
    header: {
      id: t('lists.col.id'), name: t('lists.col.customer'), band: t('lists.col.band'), score: t('lists.col.score'), owner: t('lists.col.owner'),
      mrr: t('lists.col.mrr'), before: t('lists.col.before'), change: t('lists.col.growth'), renewal: t('lists.col.renewal'), daysToRenewal: t('lists.col.daysToRenewal'),
    },
    bandLabels: options.bands.map((band) => bandLabel(band, t)),
  };
}

/** The file name of a list's export. */
export function listFileName(list: ListId, date: string): string {
  return `pulso-${list}-${date}.csv`;
}

interface BadgeNavigator {
  setAppBadge?: (count?: number) => Promise<void>;
  clearAppBadge?: () => Promise<void>;
}

/**
 * Shows `count` on the installed app's icon where the browser can (the Badging API), clears it at
 * 0; does nothing where it cannot. Never throws: a badge refused is no error to show.
 */
export function updateAppBadge(count: number, nav: BadgeNavigator | undefined = globalThis.navigator as BadgeNavigator | undefined): void {
  if (!nav) return;
  try {
    const done = count > 0 ? nav.setAppBadge?.(count) : (nav.clearAppBadge?.() ?? nav.setAppBadge?.(0));
    done?.catch(() => undefined);
  } catch {
    // Not allowed here (not installed, a policy): the in-app list still says it.
  }
}
