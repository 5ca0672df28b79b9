/**
 * A fast deterministic 64-bit hash (two 32-bit lanes in the manner of cyrb53) over strings and
 * typed-array bytes. It tells "the same file imported again" apart from a new one; it is not a
 * cryptographic hash, and nothing trusts it against someone crafting collisions.
 */

/** Feeds strings and buffers into one running hash; `digest()` gives 16 hex digits. */
export class ContentHasher {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  private word(w: number): void {
    this.h1 = Math.imul(this.h1 ^ w, 2654435761);
    this.h2 = Math.imul(this.h2 ^ w, 1597334677);
  }

  /** Adds a number as 32 bits (lengths, counts, codes). */
  int(n: number): this {
    this.word(n | 0);
    return this;
  }

  /** Adds a string, length first, so that `['ab', 'c']` and `['a', 'bc']` differ. */
  string(s: string): this {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
    return this;
  }

  /**
   * Adds raw bytes, length first; whole 32-bit words where the buffer allows (4× fewer steps).
   * Words are read in the platform's byte order: little-endian on every browser Pulso runs on.
   */
  bytes(buffer: ArrayBuffer): this {
    const n = buffer.byteLength;
    this.word(n);
    const words = new Uint32Array(buffer, 0, n >>> 2);
    for (let i = 0; i < words.length; i++) this.word(words[i]!);
    const tail = new Uint8Array(buffer, words.length * 4);
    for (let i = 0; i < tail.length; i++) this.word(tail[i]!);
    return this;
  }

  /** The hash so far: 16 lowercase hex digits. */
  digest(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
  }
}
