/** Rendering a part of the data screen under an app state, and catching what it offers to download or asks of the browser. */
import { render } from '@testing-library/svelte';
import type { Component } from 'svelte';
import { vi } from 'vitest';
import type { AppState } from '../../../src/ui/state/app-state.svelte';
import Harness from './Harness.svelte';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component under test
export function renderUnder(app: AppState, component: Component<any>, props: Record<string, unknown> = {}) {
  return render(Harness, { props: { app, component, props } });
}

export interface Download {
  readonly fileName: string;
  readonly blob: Blob;
}

/**
 * Catches downloads (`src/ui/download.ts`): jsdom has no object URLs and cannot follow the link,
 * so the blob and the link's file name are recorded instead. Call `restore` after the test.
 */
export function catchDownloads(): { downloads: Download[]; restore: () => void } {
  const downloads: Download[] = [];
  const blobs = new Map<string, Blob>();
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:pulso/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    },
    revokeObjectURL: () => undefined,
  });
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob) downloads.push({ fileName: this.download, blob });
  });
  return {
    downloads,
    restore: () => {
      click.mockRestore();
      Reflect.deleteProperty(URL, 'createObjectURL');
      Reflect.deleteProperty(URL, 'revokeObjectURL');
    },
  };
}

/** Gives `navigator.storage` the methods a test wants (jsdom has none); `undefined` takes it away. */
export function stubStorage(storage: Partial<StorageManager> | undefined): void {
  Object.defineProperty(navigator, 'storage', { value: storage, configurable: true });
}

export function unstubStorage(): void {
  Reflect.deleteProperty(navigator, 'storage');
}
