import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyObservations, extendTo, latestObservations, scorePortfolio, type Observation, type Portfolio, type Snapshot,
} from '../../../src/engine';
import { category, day, linear, makeModel, makePortfolio, metric, type Row } from '../../factories';

const D1 = day('2024-01-31');
const D2 = day('2024-02-29');
const D3 = day('2024-03-31');

function valuesOf(p: Portfolio, name: string): unknown[] {
  const c = p.columns.get(name)!;
  if (c.kind === 'text') return Array.from(c.codes, (k) => (k < 0 ? null : c.labels[k]));
  if (c.kind === 'boolean') return Array.from(c.values, (v) => (v === 255 ? null : v === 1));
  return Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
}

const observedOn = (p: Portfolio, name: string) => Array.from(p.columns.get(name)!.observedOn!);

/** A history as the worker builds it: imports carried forward with `latestObservations`. */
function history(...imports: [number, Row[]][]): Snapshot[] {
  return latestObservations(imports.map(([d, rows]) => ({ day: d, portfolio: makePortfolio(rows) })));
}

const nps = (customerId: string, value: number, on: number): Observation => ({ customerId, column: 'nps', kind: 'number', value, day: on });

describe('applyObservations: which value is in effect', () => {
  it('a hand-typed value wins over an imported value of the same day', () => {
    const h = history([D2, [{ id: 'a', nps: 5 }, { id: 'b', nps: 6 }]]);
    const out = applyObservations(h, [nps('a', 9, D2)]);
    expect(valuesOf(out.history[0]!.portfolio, 'nps')).toEqual([9, 6]);
    expect(observedOn(out.history[0]!.portfolio, 'nps')).toEqual([D2, D2]);
    expect(out.superseded.size + out.unapplied.size).toBe(0);
  });

  it('applies from its day on, over values observed earlier, and dates the value with its own day', () => {
    const h = history([D1, [{ id: 'a', nps: 5 }]], [D2, [{ id: 'a', nps: null }]], [D3, [{ id: 'a', nps: null }]]);
    const typed = D1 + 10;
    const out = applyObservations(h, [nps('a', 9, typed)]);
    expect(out.history.map((s) => valuesOf(s.portfolio, 'nps'))).toEqual([[5], [9], [9]]);
    expect(out.history.map((s) => observedOn(s.portfolio, 'nps'))).toEqual([[D1], [typed], [typed]]);
    expect(out.history[0]).toBe(h[0]);
  });

  it('gives way to a value imported later, and says so', () => {
    const h = history([D1, [{ id: 'a', nps: 5 }]], [D2, [{ id: 'a', nps: null }]], [D3, [{ id: 'a', nps: 7 }]]);
    const out = applyObservations(h, [nps('a', 9, D1 + 10)]);
    expect(out.history.map((s) => valuesOf(s.portfolio, 'nps'))).toEqual([[5], [9], [7]]);
    expect([...out.superseded]).toEqual([0]);
  });

  it('is not superseded by a later import that leaves the cell empty', () => {
    const h = history([D1, [{ id: 'a', nps: 5, plan: 'Pro' }]], [D3, [{ id: 'a', nps: null, plan: 'Pro' }]]);
    const out = applyObservations(h, [nps('a', 9, D2)]);
    expect(valuesOf(out.history[1]!.portfolio, 'nps')).toEqual([9]);
    expect(out.superseded.size).toBe(0);
  });

  it('takes the latest-dated of several, and on one day the later in the list; the others are superseded', () => {
    const h = history([D3, [{ id: 'a', nps: 5 }, { id: 'b', nps: 5 }]]);
    const out = applyObservations(h, [nps('a', 8, D2), nps('a', 7, D1), nps('b', 1, D2), nps('b', 2, D2)]);
    expect(valuesOf(out.history[0]!.portfolio, 'nps')).toEqual([5, 5]);
    const later = applyObservations(history([D1 - 1, [{ id: 'a', nps: 5 }, { id: 'b', nps: 5 }]], [D3, [{ id: 'a', nps: null }, { id: 'b', nps: null }]]),
      [nps('a', 8, D2), nps('a', 7, D1), nps('b', 1, D2), nps('b', 2, D2)]);
    expect(valuesOf(later.history[1]!.portfolio, 'nps')).toEqual([8, 2]);
    expect([...later.superseded].sort()).toEqual([1, 2]);
  });

  it('leaves observations dated after the last snapshot for extendTo, in neither set', () => {
    const h = history([D1, [{ id: 'a', nps: 5 }]]);
    const out = applyObservations(h, [nps('a', 9, D2)]);
    expect(valuesOf(out.history[0]!.portfolio, 'nps')).toEqual([5]);
    expect(out.superseded.size + out.unapplied.size).toBe(0);
    const now = applyObservations(extendTo(h, D2), [nps('a', 9, D2)]);
    expect(now.history.map((s) => [s.day, valuesOf(s.portfolio, 'nps')])).toEqual([[D1, [5]], [D2, [9]]]);
  });
});

describe('applyObservations: columns, kinds and customers', () => {
  it('creates a column the portfolio lacks, with the kind of the observation', () => {
    const h = history([D1, [{ id: 'a', nps: 5 }, { id: 'b', nps: 6 }]]);
    const out = applyObservations(h, [
      { customerId: 'b', column: 'sentiment', kind: 'text', value: ' happy ', day: D1 },
      { customerId: 'a', column: 'onboarded', kind: 'boolean', value: true, day: D1 },
      { customerId: 'a', column: 'sentiment', kind: 'number', value: 3, day: D1 },
    ]);
    const p = out.history[0]!.portfolio;
    expect([...p.columns.keys()]).toEqual(['nps', 'sentiment', 'onboarded']);
    expect(p.columns.get('sentiment')?.kind).toBe('text');
    expect(valuesOf(p, 'sentiment')).toEqual([null, 'happy']);
    expect(valuesOf(p, 'onboarded')).toEqual([true, null]);
    expect([...out.unapplied]).toEqual([2]);
  });

  it('reuses a label the column knows, adds a new one, and leaves the input unchanged', () => {
    const h = history([D1, [{ id: 'a', mood: 'happy' }, { id: 'b', mood: 'sad' }, { id: 'c', mood: null }]]);
    const labels = h[0]!.portfolio.columns.get('mood')!;
    const before = structuredClone(h);
    const out = applyObservations(h, [
      { customerId: 'c', column: 'mood', kind: 'text', value: 'sad', day: D1 },
      { customerId: 'a', column: 'mood', kind: 'text', value: 'neutral', day: D1 },
    ]);
    const mood = out.history[0]!.portfolio.columns.get('mood')!;
    expect(mood.kind === 'text' && mood.labels).toEqual(['happy', 'sad', 'neutral']);
    expect(valuesOf(out.history[0]!.portfolio, 'mood')).toEqual(['neutral', 'sad', 'sad']);
    expect(h).toEqual(before);
    expect(labels.kind === 'text' && labels.labels).toEqual(['happy', 'sad']);
  });

  it('puts a number into a date column, but no text into a number column', () => {
    const h = history([D1, [{ id: 'a', renewal: { date: '2024-12-31' }, nps: 5 }]]);
    const renewal = day('2025-06-30');
    const out = applyObservations(h, [
      { customerId: 'a', column: 'renewal', kind: 'number', value: renewal, day: D1 },
      { customerId: 'a', column: 'nps', kind: 'text', value: 'nine', day: D1 },
      { customerId: 'a', column: 'nps', kind: 'number', value: Number.NaN, day: D1 },
    ]);
    expect(valuesOf(out.history[0]!.portfolio, 'renewal')).toEqual([renewal]);
    expect(valuesOf(out.history[0]!.portfolio, 'nps')).toEqual([5]);
    expect([...out.unapplied]).toEqual([1, 2]);
  });

  it('does not apply an observation for a customer not in the history', () => {
    const h = history([D1, [{ id: 'a', nps: 5 }]]);
    const out = applyObservations(h, [nps('zz', 9, D1)]);
    expect(out.history).toEqual(h);
    expect([...out.unapplied]).toEqual([0]);
    expect([...applyObservations([], [nps('a', 9, D1)]).unapplied]).toEqual([0]);
  });

  it('changes the score, and a typed value ages from the day it was typed', () => {
    const model = makeModel({ categories: [category('c', 1, [metric('nps', linear(0, 10), { maxAgeDays: 30 })])] });
    const h = history([D1, [{ id: 'a', nps: 5 }]]);
    const [now] = extendTo(h, D3).slice(-1);
    expect(Number.isNaN(scorePortfolio(model, now!.portfolio, { asOf: D3 }).score[0]!)).toBe(true); // 60 days old: stale
    const out = applyObservations(extendTo(h, D3), [nps('a', 9, D3 - 5)]);
    expect(scorePortfolio(model, out.history[1]!.portfolio, { asOf: D3 }).score[0]).toBe(90);
  });
});

describe('extendTo', () => {
  it('adds a snapshot on a later day with the last values, still dated when observed', () => {
    const h = history([D1, [{ id: 'a', nps: 5 }]], [D2, [{ id: 'a', nps: null }]]);
    const out = extendTo(h, D3);
    expect(out.slice(0, 2)).toEqual(h);
    expect(out[2]!.day).toBe(D3);
    expect(out[2]!.portfolio.ids).toEqual(['a']);
    expect(valuesOf(out[2]!.portfolio, 'nps')).toEqual([5]);
    expect(observedOn(out[2]!.portfolio, 'nps')).toEqual([D1]);
  });

  it('dates undated values with the last snapshot\'s day, refuses a day not after it, and keeps an empty history empty', () => {
    const h: Snapshot[] = [{ day: D1, portfolio: makePortfolio([{ id: 'a', nps: 5 }]) }];
    expect(observedOn(extendTo(h, D2)[1]!.portfolio, 'nps')).toEqual([D1]);
    expect(() => extendTo(h, D1)).toThrow(RangeError);
    expect(extendTo([], D1)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const CUSTOMERS = ['a', 'b', 'c'];
const cellArb = fc.option(fc.integer({ min: 0, max: 10 }), { nil: null });
const historyArb = fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 })
  .chain((days) => fc.tuple(...[...days].sort((x, y) => x - y).map((d) =>
    fc.tuple(fc.constant(d * 10), fc.tuple(...CUSTOMERS.map(() => cellArb))))))
  .map((snapshots) => history(...snapshots.map(([d, cells]): [number, Row[]] => [d, cells.map((v, k) => ({ id: CUSTOMERS[k]!, nps: v }))])));
const observationArb = fc.record({
  customerId: fc.constantFrom(...CUSTOMERS, 'unknown'),
  value: fc.integer({ min: 0, max: 10 }),
  day: fc.integer({ min: 1, max: 14 }).map((k) => k * 5), // often the day of a snapshot or of another observation
}).map(({ customerId, value, day: on }) => nps(customerId, value, on));

describe('applyObservations: properties', () => {
  it('applying no observations changes nothing', () => {
    fc.assert(fc.property(historyArb, (h) => {
      const out = applyObservations(h, []);
      expect(out.history).toEqual(h);
      out.history.forEach((s, k) => expect(s).toBe(h[k]));
    }));
  });

  it('in every snapshot, each cell holds the latest-dated value: imported or typed, typed winning a tie', () => {
    fc.assert(fc.property(historyArb, fc.array(observationArb, { maxLength: 12 }), (h, observations) => {
      const out = applyObservations(h, observations);
      h.forEach((snapshot, s) => {
        const column = snapshot.portfolio.columns.get('nps')!;
        CUSTOMERS.forEach((id, row) => {
          // [value, day, rank]: the largest (day, rank) wins; imported rank -1, typed rank = list index.
          const candidates: [number, number, number][] = [];
          const imported = column.kind === 'number' ? column.values[row]! : NaN;
          if (!Number.isNaN(imported)) candidates.push([imported, column.observedOn![row]!, -1]);
          observations.forEach((o, k) => {
            if (o.customerId === id && o.day <= snapshot.day) candidates.push([o.value as number, o.day, k]);
          });
          candidates.sort((x, y) => x[1] - y[1] || x[2] - y[2]);
          const winner = candidates.at(-1);
          const got = out.history[s]!.portfolio.columns.get('nps')!;
          expect(got.kind === 'number' ? got.values[row] : undefined).toEqual(winner ? winner[0] : NaN);
          if (winner) expect(got.observedOn![row]).toBe(winner[1]);
          if (s === h.length - 1) {
            observations.forEach((o, k) => {
              if (o.customerId === id && o.day <= snapshot.day) expect(out.superseded.has(k)).toBe(k !== winner?.[2]);
            });
          }
        });
      });
      observations.forEach((o, k) => expect(out.unapplied.has(k)).toBe(o.customerId === 'unknown'));
    }));
  });
});
