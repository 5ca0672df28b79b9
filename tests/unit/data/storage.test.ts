import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimateStorage, requestPersistence } from '../../../src/data/storage';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('estimateStorage and requestPersistence', () => {
  it('return null / false where the browser has no navigator.storage', async () => {
    vi.stubGlobal('navigator', {});
    expect(await estimateStorage()).toBeNull();
    expect(await requestPersistence()).toBe(false);
  });

  it('pass the browser’s answers through', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 1_234, quota: 5_000_000 }), persist } });
    expect(await estimateStorage()).toEqual({ usage: 1_234, quota: 5_000_000 });
    expect(await requestPersistence()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
  });

  it('return null when the estimate leaves usage or quota out', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ quota: 10 }) } });
    expect(await estimateStorage()).toBeNull();
  });
});
