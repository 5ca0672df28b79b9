/**
 * Playbook rules through the engine's exported functions: each trigger kind, AND/OR, disabled
 * playbooks, customers not known on a day, and the run's first day (the task's cause).
 */
import { describe, expect, it } from 'vitest';
import { bandInfos, DEFAULT_FIXED_BANDS, playbookMatches, playbookProblems, type Playbook, type PlaybookDay, type PlaybookTrigger } from '../../../src/engine';
import { day, makeModel, makePortfolio, type CellValue } from '../../factories';

const BANDS = bandInfos(makeModel({ bands: DEFAULT_FIXED_BANDS }));
const [RED, YELLOW, GREEN, NONE] = [0, 1, 2, 3];
const D1 = day('2026-08-31');
const D2 = day('2026-09-30');
const D3 = day('2026-10-31');

type Row = { id: string; band: number; score: number } & Record<string, CellValue>;

function dayOf(on: number, rows: Row[]): PlaybookDay {
  const portfolio = makePortfolio(rows.map(({ band: _b, score: _s, ...values }) => values), { kinds: { renewal_date: 'date', last_login: 'date', segment: 'text' } });
  return { day: on, portfolio, score: Float64Array.from(rows, (r) => r.score), band: Uint8Array.from(rows, (r) => r.band) };
}

function playbook(triggers: PlaybookTrigger[], match: 'all' | 'any' = 'all', enabled = true): Playbook {
  return { id: 'p', name: 'P', enabled, match, triggers, actions: [{ kind: 'task', title: 'Do it', description: '', dueInDays: 1, priority: 'normal' }] };
}

/** Ids matched at the latest day, with the run's first day. */
function matched(p: Playbook, days: PlaybookDay[]): [string, number][] {
  const latest = days.at(-1)!;
  return playbookMatches(p, days, BANDS).map((m) => [latest.portfolio.ids[m.row]!, m.since]);
}

describe('playbook triggers', () => {
  const before = dayOf(D1, [
    { id: 'a', band: GREEN, score: 80 },
    { id: 'b', band: YELLOW, score: 65 },
    { id: 'c', band: RED, score: 30 },
    { id: 'd', band: GREEN, score: 90 },
  ]);
  const now = dayOf(D2, [
    { id: 'a', band: YELLOW, score: 60, nps: 4, segment: 'SMB', renewal_date: { date: '2026-10-20' }, last_login: { date: '2026-08-01' } },
    { id: 'b', band: RED, score: 40, nps: 9, segment: 'Enterprise', renewal_date: { date: '2026-09-29' }, last_login: { date: '2026-09-29' } },
    { id: 'c', band: RED, score: 28, nps: null, segment: ' smb ', renewal_date: { date: '2027-03-01' }, last_login: null },
    { id: 'd', band: NONE, score: Number.NaN, nps: 10, segment: 'Mid', renewal_date: null, last_login: { date: '2026-09-30' } },
    { id: 'e', band: RED, score: 20, nps: 3, segment: 'SMB', renewal_date: { date: '2026-10-30' }, last_login: { date: '2026-09-01' } },
  ]);
  const days = [before, now];
  const ids = (p: Playbook) => matched(p, days).map(([id]) => id);

  it('in a band, and entering it (a new customer enters; one who was already there does not)', () => {
    expect(ids(playbook([{ kind: 'in-band', band: 'red' }]))).toEqual(['b', 'c', 'e']);
    expect(ids(playbook([{ kind: 'enters-band', band: 'red' }]))).toEqual(['b', 'e']);
    expect(ids(playbook([{ kind: 'in-band', band: 'no-such-band' }]))).toEqual([]);
  });

  it('a drop to a worse band (not to or from insufficient data), restricted by from/to', () => {
    expect(ids(playbook([{ kind: 'band-drop' }]))).toEqual(['a', 'b']);
    expect(ids(playbook([{ kind: 'band-drop', from: 'yellow' }]))).toEqual(['b']);
    expect(ids(playbook([{ kind: 'band-drop', to: 'yellow' }]))).toEqual(['a']);
    expect(ids(playbook([{ kind: 'band-drop', from: 'green', to: 'red' }]))).toEqual([]);
  });

  it('a score fall of N points or more since the previous snapshot', () => {
    expect(ids(playbook([{ kind: 'score-fall', points: 20 }]))).toEqual(['a', 'b']);
    expect(ids(playbook([{ kind: 'score-fall', points: 21 }]))).toEqual(['b']);
    expect(ids(playbook([{ kind: 'score-fall', points: 2 }]))).toEqual(['a', 'b', 'c']);
  });

  it('indicator conditions: numbers, days since a date, missing', () => {
    expect(ids(playbook([{ kind: 'indicator', column: 'nps', op: 'le', value: 6 }]))).toEqual(['a', 'e']);
    expect(ids(playbook([{ kind: 'indicator', column: 'nps', op: 'ge', value: 9 }]))).toEqual(['b', 'd']);
    expect(ids(playbook([{ kind: 'indicator', column: 'nps', op: 'missing' }]))).toEqual(['c']);
    expect(ids(playbook([{ kind: 'indicator', column: 'last_login', op: 'ge', value: 30, daysSince: true }]))).toEqual(['a']);
    expect(ids(playbook([{ kind: 'indicator', column: 'segment', op: 'eq', value: 'smb' }]))).toEqual(['a', 'c', 'e']);
    expect(ids(playbook([{ kind: 'indicator', column: 'not_in_data', op: 'gt', value: 0 }]))).toEqual([]);
  });

  it('renewal within N days of the snapshot (both ends included; a past renewal is not within)', () => {
    expect(ids(playbook([{ kind: 'renewal-within', days: 30 }]))).toEqual(['a', 'e']);
    expect(ids(playbook([{ kind: 'renewal-within', days: 29 }]))).toEqual(['a']);
  });

  it('segment, stage or owner among values, ignoring case and spaces', () => {
    expect(ids(playbook([{ kind: 'field', field: 'segment', values: ['SMB', 'mid'] }]))).toEqual(['a', 'c', 'd', 'e']);
    expect(ids(playbook([{ kind: 'field', field: 'owner', values: ['Ana'] }]))).toEqual([]);
  });

  it('AND needs every trigger, OR any one; a disabled playbook matches no one', () => {
    const triggers: PlaybookTrigger[] = [{ kind: 'in-band', band: 'red' }, { kind: 'renewal-within', days: 60 }];
    expect(ids(playbook(triggers, 'all'))).toEqual(['e']);
    expect(ids(playbook(triggers, 'any'))).toEqual(['a', 'b', 'c', 'e']);
    expect(ids(playbook(triggers, 'any', false))).toEqual([]);
  });
});

describe('the run a match belongs to (the cause of its task)', () => {
  const month = (on: number, bands: Record<string, number>) => dayOf(on, Object.entries(bands).map(([id, band]) => ({ id, band, score: 50 })));
  const days = [month(D1, { a: RED, b: GREEN, c: RED, d: RED }), month(D2, { a: RED, b: RED, c: GREEN, d: RED }), month(D3, { a: RED, b: RED, c: RED, e: RED })];
  const red = playbook([{ kind: 'in-band', band: 'red' }]);

  it('starts at the first day of an unbroken run back from the latest day', () => {
    expect(matched(red, days)).toEqual([['a', D1], ['b', D2], ['c', D3], ['e', D3]]);
    // The same data again gives the same first days; a month later, still red, the same too.
    expect(matched(red, [...days, month(D3 + 30, { a: RED, b: RED, c: RED, e: RED })])).toEqual([['a', D1], ['b', D2], ['c', D3], ['e', D3]]);
  });

  it('breaks where the customer was not known that day', () => {
    const known = { ...days[1]!, known: Uint8Array.from([1, 1, 1, 0]) };
    expect(matched(red, [days[0]!, known, days[2]!])).toEqual([['a', D1], ['b', D2], ['c', D3], ['e', D3]]);
    const unknownA = { ...days[1]!, known: Uint8Array.from([0, 1, 1, 1]) };
    expect(matched(red, [days[0]!, unknownA, days[2]!])[0]).toEqual(['a', D3]);
  });
});

describe('playbookProblems', () => {
  it('says what to fix, by path', () => {
    expect(playbookProblems(playbook([{ kind: 'in-band', band: 'red' }]))).toEqual([]);
    const wrong: Playbook = { ...playbook([{ kind: 'score-fall', points: 0 }, { kind: 'indicator', column: 'nps', op: 'le' }, { kind: 'field', field: 'stage', values: [' '] }]), name: '', actions: [] };
    expect(playbookProblems(wrong)).toEqual([
      'name must not be blank',
      'triggers[0].points must be a whole number of 1 or more, found 0',
      'triggers[1].value must be a number',
      'triggers[2].values must have at least one value',
      'actions must have at least one action',
    ]);
  });
});
