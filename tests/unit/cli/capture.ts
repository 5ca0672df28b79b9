/** Running the headless scorer in-process in tests: files in, captured output out. */
import type { EpochDay } from '../../../src/engine';
import type { ScoreEnvironment } from '../../../src/cli/run-score';

/** A scorer environment reading through `readFile`, keeping what it writes and both output streams. */
export function captureEnvironment(options: { readonly readFile: (path: string) => Uint8Array; readonly today: EpochDay }) {
  const written: Record<string, string> = {};
  let stdout = '';
  let stderr = '';
  const env: ScoreEnvironment = {
    readFile: options.readFile,
    writeFile: (path, text) => {
      written[path] = text;
    },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    today: () => options.today,
  };
  return { env, written, out: () => stdout, err: () => stderr };
}

/** Files held in memory; asking for another fails the way a missing file on disk does. */
export function memoryFiles(files: Readonly<Record<string, string | Uint8Array>>): (path: string) => Uint8Array {
  return (path) => {
    const file = files[path];
    if (file === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return typeof file === 'string' ? new TextEncoder().encode(file) : file;
  };
}

/** The scorer's CSV (it quotes nothing for these tests' ids) as rows keyed by column. */
export function csvRows(csv: string): Record<string, string>[] {
  const [header = '', ...lines] = csv.trimEnd().split('\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i]!, value])));
}
