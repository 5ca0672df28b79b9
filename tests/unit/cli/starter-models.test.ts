import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../src/engine';
import { EXIT, runScore } from '../../../src/cli/run-score';
import { captureEnvironment, csvRows } from './capture';

const ROOT = join(import.meta.dirname, '../../..');

function score(model: string, data: string, asOf: string) {
  const run = captureEnvironment({ readFile: (path) => readFileSync(join(ROOT, path)), today: epochDay(2024, 6, 30) });
  const code = runScore(['--model', model, '--data', data, '--as-of', asOf], run.env);
  const rows = csvRows(run.out());
  return { code, header: run.out().split('\n')[0]!.split(','), byId: Object.fromEntries(rows.map((r) => [r.id!, r])), stderr: run.err() };
}

describe('the B2B SaaS starter model on an Excel pt-BR export', () => {
  const run = score('src/engine/starter-models/b2b-saas.json', 'tests/fixtures/csv/b2b-saas-pt-br.csv', '2024-06-30');

  it('scores every customer with one column per category', () => {
    expect(run.code).toBe(EXIT.ok);
    expect(run.stderr).toBe('');
    expect(run.header).toEqual(['id', 'score', 'band', 'coverage', 'usage', 'engagement', 'satisfaction', 'support', 'financial', 'journey', 'csm']);
  });

  it('computes a healthy customer by the book', () => {
    // usage: logins 18 -> 90 (×3), seats 85,5 % -> 93.57 (×3), last login 2 days ago -> 100 (×2), features 6/8 -> 75 (×2) = 90.07
    // engagement: meetings 2/3 -> 66.67, events 1/2 -> 50 = 58.33; satisfaction: NPS 9 -> 100, CSAT 4,5 -> 87.5 = 93.75
    // support: 3 tickets (ideal 1–5) -> 100, no bugs -> 100; financial: 100, 100; journey: 4/5 -> 80 (×2), sim -> 100 = 86.67
    // csm: very happy -> 100.  (30·90.07 + 10·58.33 + 15·93.75 + 10·100 + 15·100 + 10·86.67 + 10·100) / 100 = 90.58 -> 91
    expect(run.byId.C001).toEqual({ id: 'C001', score: '91', band: 'green', coverage: '1.000', usage: '90', engagement: '58', satisfaction: '94', support: '100', financial: '100', journey: '87', csm: '100' });
  });

  it('reads the CSM sentiment in Portuguese too', () => {
    expect({ ...run.byId.C006, id: 'C001' }).toEqual(run.byId.C001);
  });

  it('computes a customer in the middle, matching a label with odd case and a trailing space', () => {
    // usage: 10 -> 50, 60 % -> 57.14, 10 days -> 70, 4/8 -> 50 = 56.14; engagement 41.67; satisfaction (60 + 70)/2 = 65
    // support: 0 tickets, below the ideal: (0 − (−1)) / (1 − (−1)) = 50, no bugs 100 = 75; financial: 1 late -> 66.67, 20 days -> 40 = 53.33
    // journey (60·2 + 100)/3 = 73.33; csm "Neutral " -> 50.  Weighted: 58.59 -> 59
    expect(run.byId.C005).toEqual({ id: 'C005', score: '59', band: 'yellow', coverage: '1.000', usage: '56', engagement: '42', satisfaction: '65', support: '75', financial: '53', journey: '73', csm: '50' });
  });

  it('caps a customer with an invoice 70 days overdue at 50, after the −15', () => {
    expect(Number(run.byId.C002!.score)).toBeLessThanOrEqual(50);
    expect(run.byId.C002!.band).toBe('red');
  });

  it('does not count tickets or onboarding done during onboarding (segment match ignores case)', () => {
    // Support: only bug tickets (1 -> 80) count, not 14 tickets (which would score 10 and make support 45).
    // Journey: only milestones (1/5 -> 20), not "onboarding done: não" (30).
    expect(run.byId.C003!.support).toBe('80');
    expect(run.byId.C003!.journey).toBe('20');
  });

  it('gives a customer with no data no score and the insufficient band', () => {
    expect(run.byId.C004).toMatchObject({ score: '', band: 'insufficient', coverage: '0.000', usage: '' });
  });
});
