/** The lists screen's selections and the app icon's badge (feature-detected, never throwing). */
import { describe, expect, it, vi } from 'vitest';
import { listOf, ofOwner, ownersOf, updateAppBadge } from '../../../src/ui/lists/list-view';

describe('the lists screen’s selections', () => {
  it('takes the list from the address (the first list otherwise) and filters rows by owner', () => {
    expect(listOf({ list: 'renewals' })).toBe('renewals');
    expect(listOf({ list: 'nonsense' })).toBe('upsell');
    expect(listOf({})).toBe('upsell');
    const table = { owners: ['Bia', '', 'Ana', 'Bia'] };
    expect(ownersOf(table, 'pt-BR')).toEqual(['Ana', 'Bia', '']);
    expect(ofOwner([3, 2, 1, 0], table, 'Bia')).toEqual([3, 0]);
    expect(ofOwner([3, 2, 1, 0], table, '')).toEqual([1]);
    expect(ofOwner([3, 2], table, undefined)).toEqual([3, 2]);
  });
});

describe('the app icon’s badge', () => {
  it('shows the count, clears at 0', () => {
    const nav = { setAppBadge: vi.fn(() => Promise.resolve()), clearAppBadge: vi.fn(() => Promise.resolve()) };
    updateAppBadge(7, nav);
    updateAppBadge(0, nav);
    expect(nav.setAppBadge).toHaveBeenCalledExactlyOnceWith(7);
    expect(nav.clearAppBadge).toHaveBeenCalledOnce();
  });

  it('does nothing where the browser has no badge, and never throws or leaves a rejection', async () => {
    expect(() => updateAppBadge(3, {})).not.toThrow();
    expect(() => updateAppBadge(3, undefined)).not.toThrow();
    expect(() => updateAppBadge(3, { setAppBadge: () => { throw new DOMException('not allowed', 'NotAllowedError'); } })).not.toThrow();
    const rejected = { setAppBadge: vi.fn(() => Promise.reject(new Error('refused'))) };
    updateAppBadge(3, rejected);
    await Promise.resolve();
    expect(rejected.setAppBadge).toHaveBeenCalledOnce();
  });
});
