/**
 * Hash routes (`#/customers?band=red`): they work offline from one cached page, and deep links
 * survive a reload.
 */
export type Screen = 'overview' | 'method' | 'customers' | 'customer' | 'data' | 'import' | 'settings' | 'weights' | 'compare' | 'playbooks' | 'tasks' | 'lists' | 'calibration';

/** Every screen a route can name. */
export const SCREENS: readonly Screen[] = ['overview', 'method', 'customers', 'customer', 'data', 'import', 'settings', 'weights', 'compare', 'playbooks', 'tasks', 'lists', 'calibration'];

/** The screens in the main navigation, in order (a customer's page and the import wizard are reached from others). */
export const NAV_SCREENS = ['overview', 'method', 'customers', 'tasks', 'lists', 'data', 'settings'] as const satisfies readonly Screen[];
export type NavScreen = (typeof NAV_SCREENS)[number];

export interface Route {
  readonly screen: Screen;
  readonly params: Readonly<Record<string, string>>;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const screen = SCREENS.find((s) => s === path) ?? 'overview';
  return { screen, params: Object.freeze(Object.fromEntries(new URLSearchParams(query))) };
}

export function href(screen: Screen, params?: Readonly<Record<string, string>>): string {
  const query = params ? new URLSearchParams(params).toString() : '';
  return `#/${screen === 'overview' ? '' : screen}${query ? `?${query}` : ''}`;
}
