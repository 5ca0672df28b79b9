import { describe, expect, it } from 'vitest';
import { ContentHasher } from '../../../src/data/content-hash';

const hashOf = (feed: (h: ContentHasher) => void): string => {
  const hasher = new ContentHasher();
  feed(hasher);
  return hasher.digest();
};

describe('ContentHasher', () => {
  it('is deterministic: 16 hex digits, the same for the same input', () => {
    const bytes = Float64Array.from([1.5, NaN, -0]).buffer;
    const a = hashOf((h) => h.string('nps').bytes(bytes));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hashOf((h) => h.string('nps').bytes(bytes.slice(0)))).toBe(a);
  });

  it('tells apart one changed byte, a moved string boundary and an odd-length tail', () => {
    const base = Uint8Array.from([1, 2, 3, 4, 5]);
    const changed = Uint8Array.from([1, 2, 3, 4, 6]);
    expect(hashOf((h) => h.bytes(base.buffer))).not.toBe(hashOf((h) => h.bytes(changed.buffer)));
    expect(hashOf((h) => h.string('ab').string('c'))).not.toBe(hashOf((h) => h.string('a').string('bc')));
    expect(hashOf((h) => h.bytes(base.buffer.slice(0, 4)))).not.toBe(hashOf((h) => h.bytes(base.buffer)));
  });
});
