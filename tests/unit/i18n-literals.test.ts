import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const UI = join(import.meta.dirname, '../../src/ui');

function svelteFiles(dir = UI): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : [],
  );
}

/** A component's markup: without <script> and <style>, and without {…} expressions. */
function markup(source: string): string {
  let out = source.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  // Expressions may nest braces ({#each …}, object literals): strip innermost first.
  for (let previous = ''; previous !== out; ) {
    previous = out;
    out = out.replace(/\{[^{}]*\}/g, '⟨⟩');
  }
  return out;
}

/** Words a user would read: two letters or more (any alphabet). */
const WORDS = /\p{L}{2,}/u;
const USER_FACING_ATTRIBUTES = ['aria-label', 'title', 'alt', 'placeholder', 'aria-description', 'aria-roledescription', 'label'];

describe('every user-visible string goes through the catalogues', () => {
  it.each(svelteFiles().map((f) => [relative(UI, f), f]))('%s has no literal text', (_name, file) => {
    const html = markup(readFileSync(file, 'utf8'));
    const texts = [...html.matchAll(/>([^<>]*)</g)].map((m) => m[1]!.trim()).filter((t) => WORDS.test(t));
    const attributes = USER_FACING_ATTRIBUTES.flatMap((a) =>
      [...html.matchAll(new RegExp(`\\s${a}="([^"]*)"`, 'g'))].map((m) => `${a}="${m[1]}"`).filter((t) => WORDS.test(t.slice(a.length))),
    );
    expect([...texts, ...attributes]).toEqual([]);
  });

  it('would catch a literal word (the check itself works)', () => {
    expect(markup('<p>Hello {t(\'x\', { n: 1 })}</p>').match(/>([^<>]*)</)?.[1]).toBe('Hello ⟨⟩');
    expect(WORDS.test(markup('<span aria-hidden="true">▲</span>').replace(/<[^>]*>/g, ''))).toBe(false);
  });
});
