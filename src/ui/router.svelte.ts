import { parseRoute, type Route } from './routes';

export { href, NAV_SCREENS, SCREENS, type NavScreen, type Screen } from './routes';

/** The current route as runes state, following the location's hash. */
class Router {
  route = $state<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined') window.addEventListener('hashchange', () => (this.route = parseRoute(location.hash)));
  }
}

export const router = new Router();
