import { registerSW } from 'virtual:pwa-register';

/** How often an open tab asks for a new version (a CSM may keep Pulso open all day). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * The service worker's state for the UI, as runes. Registration goes through vite-plugin-pwa's
 * `registerSW` in 'prompt' mode: a new version waits until the user says "Reload"; nothing here
 * ever reloads the page on its own.
 */
export class PwaState {
  /** The app has been cached for offline use (first install); shown once. */
  offlineReady = $state(false);
  /** A new version is installed and waiting for the user's go-ahead. */
  needRefresh = $state(false);

  #updateSW: ((reloadPage?: boolean) => Promise<void>) | undefined;

  /** Registers the service worker; later calls do nothing. */
  start(): void {
    if (this.#updateSW) return;
    this.#updateSW = registerSW({
      onOfflineReady: () => (this.offlineReady = true),
      onNeedRefresh: () => (this.needRefresh = true),
      onRegisteredSW: (_url, registration) => {
        if (!registration) return;
        setInterval(() => {
          // Offline, the check would only fail; the browser also checks on each navigation.
          if (navigator.onLine) registration.update().catch(() => undefined);
        }, UPDATE_CHECK_MS);
      },
      onRegisterError: (error: unknown) => console.error('Pulso: the service worker could not be registered', error),
    });
  }

  /** Activates the waiting version; the page reloads once it takes control (the user asked). */
  update(): Promise<void> {
    return this.#updateSW?.(true) ?? Promise.resolve();
  }

  /** Hides the banner; a waiting version stays waiting and is used at the next visit. */
  dismiss(): void {
    this.offlineReady = false;
    this.needRefresh = false;
  }
}

export const pwa = new PwaState();
