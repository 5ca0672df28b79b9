import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ENGINE = join(import.meta.dirname, '../../../src/engine');

function engineFiles(dir = ENGINE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? engineFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the engine is pure', () => {
  it('imports only its own modules (and JSON of its own)', () => {
    const offending = engineFiles().flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      const specifiers = [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
      const outside = (s: string) => !s.startsWith('.') || relative(ENGINE, resolve(dirname(file), s)).startsWith('..');
      return specifiers.filter(outside).map((s) => `${relative(ENGINE, file)} imports ${s}`);
    });
    expect(offending).toEqual([]);
  });

  it('passes its lint rules against DOM globals and outside imports (which know a local `document` from the global)', async () => {
    const results = await new ESLint().lintFiles(engineFiles());
    const restricted = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => `${relative(ENGINE, r.filePath)}:${m.line} ${m.message}`),
    );
    expect(restricted).toEqual([]);
  }, 60_000);

  it('has a lint rule that rejects Svelte, Dexie, comlink, papaparse, chart.js and DOM globals in src/engine', async () => {
    const eslint = new ESLint();
    const code = [
      "import Dexie from 'dexie';",
      "import Papa from 'papaparse';",
      "import * as Comlink from 'comlink';",
      "import { mount } from 'svelte';",
      "import { Chart } from 'chart.js';",
      'export const x = [Dexie, Papa, Comlink, mount, Chart, document.title];',
      '',
    ].join('\n');
    const [result] = await eslint.lintText(code, { filePath: join(ENGINE, 'not-allowed.ts') });
    const rules = result!.messages.map((m) => m.ruleId);
    expect(rules.filter((r) => r === 'no-restricted-imports')).toHaveLength(5);
    expect(rules).toContain('no-restricted-globals');
  }, 30_000);
});
