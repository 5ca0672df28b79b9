/** `npm run score`: the headless scorer's process entry; all logic is in run-score.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { localDay, runScore } from './run-score';

process.exitCode = runScore(process.argv.slice(2), {
  readFile: (path) => readFileSync(path),
  writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  today: () => localDay(new Date()),
});
